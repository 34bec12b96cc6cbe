"""The registry of intellectuals: the expert finder and a person's page."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
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
from lienhiep.workforce.models import Person
from lienhiep.workforce.search import Cursor, matching, page_of
from lienhiep.workforce.statistics import all_tables


def _filtered(people: QuerySet[Person], form: FinderForm) -> QuerySet[Person]:
    data = form.cleaned_data
    if data["field"]:
        people = people.filter(field=data["field"])
    for name in ("degree", "title", "commune"):
        if data[name]:
            people = people.filter(**{name: data[name]})
    if data["association"]:
        people = people.filter(
            pk__in=data["association"].memberships.filter(left_on__isnull=True).values("person")
        )
    if data["willing"]:
        people = people.filter(willing_expert=True)
    return matching(people, data["q"])


@login_required
def finder(request: HttpRequest) -> HttpResponse:
    require(access.can_use_registry(request.user))
    form = FinderForm(request.GET or None)
    page = None
    if form.is_valid() or not request.GET:
        if not request.GET:
            form = FinderForm({})
            form.is_valid()
        people = _filtered(access.people_visible_to(request.user), form).select_related(
            "degree", "title", "commune"
        )
        after = Cursor.decode(request.GET.get("after", ""))
        page = page_of(people, after)
    query = request.GET.copy()
    query.pop("after", None)
    context = {
        "form": form,
        "page": page,
        "query_string": query.urlencode(),
        "personal": access.sees_personal_data(request.user),
        "first_page": "after" not in request.GET,
        "can_import": bool(importable_associations(request.user)),
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
    tables = all_tables(access.people_visible_to(request.user), timezone.localdate())
    return render(request, "workforce/statistics.html", {"tables": tables})


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
