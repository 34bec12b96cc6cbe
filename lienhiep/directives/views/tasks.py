"""Placeholder."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse


@login_required
def task_create(request: HttpRequest, pk: int) -> HttpResponse:
    raise NotImplementedError


@login_required
def my_tasks(request: HttpRequest) -> HttpResponse:
    raise NotImplementedError


@login_required
def overdue_list(request: HttpRequest) -> HttpResponse:
    raise NotImplementedError


@login_required
def task_detail(request: HttpRequest, pk: int) -> HttpResponse:
    raise NotImplementedError


@login_required
def task_edit(request: HttpRequest, pk: int) -> HttpResponse:
    raise NotImplementedError


@login_required
def task_history(request: HttpRequest, pk: int) -> HttpResponse:
    raise NotImplementedError


@login_required
def report_create(request: HttpRequest, pk: int) -> HttpResponse:
    raise NotImplementedError


@login_required
def task_urge(request: HttpRequest, pk: int) -> HttpResponse:
    raise NotImplementedError


@login_required
def task_comment(request: HttpRequest, pk: int) -> HttpResponse:
    raise NotImplementedError


@login_required
def report_decide(request: HttpRequest, pk: int) -> HttpResponse:
    raise NotImplementedError


@login_required
def evidence_download(request: HttpRequest, pk: int) -> HttpResponse:
    raise NotImplementedError
