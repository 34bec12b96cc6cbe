"""Placeholder."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse


@login_required
def document_list(request: HttpRequest) -> HttpResponse:
    raise NotImplementedError


@login_required
def document_create(request: HttpRequest) -> HttpResponse:
    raise NotImplementedError


@login_required
def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    raise NotImplementedError


@login_required
def document_edit(request: HttpRequest, pk: int) -> HttpResponse:
    raise NotImplementedError


@login_required
def document_history(request: HttpRequest, pk: int) -> HttpResponse:
    raise NotImplementedError


@login_required
def attachment_upload(request: HttpRequest, pk: int) -> HttpResponse:
    raise NotImplementedError


@login_required
def attachment_download(request: HttpRequest, pk: int) -> HttpResponse:
    raise NotImplementedError


@login_required
def document_export(request: HttpRequest, pk: int) -> HttpResponse:
    raise NotImplementedError
