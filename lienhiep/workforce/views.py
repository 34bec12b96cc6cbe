"""The registry of intellectuals: the expert finder and a person's page."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lienhiep.core.access import require
from lienhiep.jobs.runner import start_job
from lienhiep.workforce import access
from lienhiep.workforce.forms import FinderForm
from lienhiep.workforce.import_views import importable_associations
from lienhiep.workforce.search import Cursor, narrowed, page_of, tiers
from lienhiep.workforce.statistics import figures


@login_required
def finder(request: HttpRequest) -> HttpResponse:
    require(access.can_use_registry(request.user))
    form = FinderForm(request.GET or None)
    page = None
    if form.is_valid() or not request.GET:
        if not request.GET:
            form = FinderForm({})
            form.is_valid()
        people = narrowed(access.people_visible_to(request.user), form.cleaned_data).select_related(
            "degree", "title", "commune"
        )
        after = Cursor.decode(request.GET.get("after", ""))
        page = page_of(people, tiers(form.cleaned_data["q"]), after)
    query = request.GET.copy()
    query.pop("after", None)
    context = {
        "form": form,
        "page": page,
        "query_string": query.urlencode(),
        "personal": access.sees_personal_data(request.user),
        "first_page": "after" not in request.GET,
        "can_import": bool(importable_associations(request.user)),
        "sees_export_log": access.reads_export_log(request.user),
    }
    return render(request, "workforce/finder.html", context)


@login_required
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = access.access_person(request.user, pk)
    context = {
        "person": person,
        "personal": access.sees_personal_data(request.user, person),
        "memberships": person.memberships.select_related("association__organization"),
    }
    return render(request, "workforce/person_detail.html", context)


@login_required
def statistics(request: HttpRequest) -> HttpResponse:
    require(access.can_use_registry(request.user))
    counted = figures(access.people_visible_to(request.user), timezone.localdate())
    context = {"tables": counted.tables, "computed_at": counted.computed_at}
    return render(request, "workforce/statistics.html", context)


@login_required
@require_POST
def statistics_export(request: HttpRequest) -> HttpResponse:
    require(access.can_use_registry(request.user))
    job = start_job(
        "workforce.export_statistics",
        title=_("Statistics of the intellectual workforce"),
        owner=request.user,  # type: ignore[arg-type]
        params={},
    )
    return redirect(job)
