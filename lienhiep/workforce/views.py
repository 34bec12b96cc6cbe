"""The registry of intellectuals: the expert finder and a person's page."""

from __future__ import annotations

from html import escape
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.decorators.vary import vary_on_headers

from lienhiep.associations.models import ScienceField
from lienhiep.core.access import require
from lienhiep.jobs.runner import start_job
from lienhiep.workforce import access
from lienhiep.workforce.forms import Catalogues, FinderForm
from lienhiep.workforce.import_views import imports_rosters
from lienhiep.workforce.search import Cursor, narrowed, page_of, tiers
from lienhiep.workforce.statistics import figures

# What a row of the finder shows.
LISTED = (
    *("full_name", "willing_expert", "field", "specialty", "employer"),
    *("birth_year", "degree_id", "title_id", "commune_id"),
)


@login_required
@vary_on_headers("HX-Request")
def finder(request: HttpRequest) -> HttpResponse:
    """The finder's page; the search box and the filters ask htmx for the results alone."""
    require(access.can_use_registry(request.user))
    form = FinderForm(request.GET or None)
    page = None
    if form.is_valid() or not request.GET:
        if not request.GET:
            form = FinderForm({})
            form.is_valid()
        people = narrowed(access.people_visible_to(request.user), form.cleaned_data)
        after = Cursor.decode(request.GET.get("after", ""))
        page = page_of(people, tiers(form.cleaned_data["q"]), after, LISTED)
    query = request.GET.copy()
    query.pop("after", None)
    personal = access.sees_personal_data(request.user)
    context = {
        "form": form,
        "page": page,
        "rows": finder_rows(page.people, personal, form.catalogues) if page else "",
        "query_string": query.urlencode(),
        "personal": personal,
        "first_page": "after" not in request.GET,
    }
    htmx = getattr(request, "htmx", None)
    if htmx and not htmx.history_restore_request:
        return render(request, "workforce/_finder_results.html", context)
    context |= {
        "can_import": imports_rosters(request.user),
        "sees_export_log": access.reads_export_log(request.user),
        # Catalogue entries, communes and associations renew it (``signals``).
        "filters_version": form.version,
    }
    return render(request, "workforce/finder.html", context)


def finder_rows(people: list[dict[str, Any]], personal: bool, catalogues: Catalogues) -> SafeString:
    """The rows of the finder's table, written here as the admin's changelist writes its
    rows, and with the standard library's escaping: fifty rows through the template
    engine, or through ``format_html``, cost more than the search itself. Degrees,
    titles and communes are shown from the catalogues the form keeps."""
    if not people:
        return mark_safe("")
    detail = escape(reverse("workforce:person_detail", args=[0]).removesuffix("0/"))
    fields = {value: str(label) for value, label in ScienceField.choices}
    expert_label = escape(_("expert"))  # gettext does not read calls inside f-strings
    expert = f' <span class="badge badge--green">{expert_label}</span>'
    degrees, titles = catalogues.shown["degree"], catalogues.shown["title"]
    communes = catalogues.shown["commune"]
    rows = []
    for person in people:
        values = [
            degrees.get(person["degree_id"]),
            titles.get(person["title_id"]),
            fields.get(person["field"]),
            person["specialty"],
            person["employer"],
        ]
        if personal:
            values += [person["birth_year"], communes.get(person["commune_id"])]
        cells = ["" if value is None else escape(str(value)) for value in values]
        rows.append(
            f'<tr><td><a href="{detail}{person["pk"]}/">{escape(person["full_name"])}</a>'
            f"{expert if person['willing_expert'] else ''}</td>"
            + "".join(f"<td>{cell}</td>" for cell in cells)
            + "</tr>"
        )
    return mark_safe("\n".join(rows))  # noqa: S308 (every value is escaped above)


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
