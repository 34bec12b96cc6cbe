"""Export the finder's results to Excel (a background job); the logs of exports and of
records erased on request."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lienhiep.core.access import require
from lienhiep.jobs.runner import start_job
from lienhiep.workforce import access
from lienhiep.workforce.exports import JOB_KIND, finder_filters
from lienhiep.workforce.forms import FinderForm
from lienhiep.workforce.models import PersonalDataExport, PersonErasure

LOG_PAGE_SIZE = 50


@login_required
@require_POST
def export(request: HttpRequest) -> HttpResponse:
    """The finder posts here with its search in the query string (as the finder's URL)."""
    require(access.can_use_registry(request.user))
    if not FinderForm(request.GET, personal=access.sees_personal_data(request.user)).is_valid():
        messages.error(request, _("Correct the filters before exporting."))
        return redirect(f"{reverse('workforce:finder')}?{request.GET.urlencode()}")
    job = start_job(
        JOB_KIND,
        title=_("Intellectuals and experts to Excel"),
        owner=request.user,  # type: ignore[arg-type]
        params={"filters": finder_filters(request.GET)},
    )
    return redirect(job)


@login_required
def export_log(request: HttpRequest) -> HttpResponse:
    entries = PersonalDataExport.objects.order_by("-created_at", "-pk")
    return _log(request, entries, "workforce/export_log.html")


@login_required
def erasure_log(request: HttpRequest) -> HttpResponse:
    return _log(
        request, PersonErasure.objects.order_by("-erased_at", "-pk"), "workforce/erasure_log.html"
    )


def _log(request: HttpRequest, entries: QuerySet[Any], template: str) -> HttpResponse:
    """One page of a personal data log, newest first; the Union's managers read them."""
    require(access.reads_export_log(request.user))
    page = Paginator(entries.select_related("user"), LOG_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, template, {"page": page})
