"""Import a plan's tasks from the Excel table plans arrive with."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse


@login_required
def import_tasks(request: HttpRequest, pk: int) -> HttpResponse:
    raise NotImplementedError


@login_required
def import_template(request: HttpRequest) -> HttpResponse:
    raise NotImplementedError
