"""Review reports (sơ kết / tổng kết) and formal urging letters."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse


@login_required
def review_create(request: HttpRequest, pk: int) -> HttpResponse:
    raise NotImplementedError


@login_required
def review_detail(request: HttpRequest, pk: int) -> HttpResponse:
    raise NotImplementedError


@login_required
def review_regenerate(request: HttpRequest, pk: int) -> HttpResponse:
    raise NotImplementedError


@login_required
def review_download(request: HttpRequest, pk: int) -> HttpResponse:
    raise NotImplementedError


@login_required
def urging_letter(request: HttpRequest) -> HttpResponse:
    raise NotImplementedError
