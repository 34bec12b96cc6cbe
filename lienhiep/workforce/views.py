"""The registry of intellectuals: the expert finder and a person's page."""

from __future__ import annotations

from html import escape
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.decorators.vary import vary_on_headers

from lienhiep.associations.models import Association, ScienceField
from lienhiep.core.access import require
from lienhiep.core.history import change_history
from lienhiep.jobs.runner import start_job
from lienhiep.workforce import access, actions
from lienhiep.workforce.forms import (
    Catalogues,
    EndMembershipForm,
    ErasureForm,
    FinderForm,
    MembershipCorrectionForm,
    MembershipForm,
    PersonForm,
)
from lienhiep.workforce.import_views import imports_rosters
from lienhiep.workforce.models import Membership, Person
from lienhiep.workforce.search import Cursor, narrowed, search_page
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
    personal = access.sees_personal_data(request.user)
    form = FinderForm(request.GET or None, personal=personal)
    page = None
    if form.is_valid() or not request.GET:
        if not request.GET:
            form = FinderForm({}, personal=personal)
            form.is_valid()
        people = narrowed(access.people_visible_to(request.user), form.cleaned_data)
        after = Cursor.decode(request.GET.get("after", ""))
        page = search_page(people, form.cleaned_data["q"], after, LISTED)
    query = request.GET.copy()
    query.pop("after", None)
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
    return _detail(request, access.access_person(request.user, pk))


def _detail(
    request: HttpRequest,
    person: Person,
    *,
    membership_form: MembershipForm | None = None,
    ending: tuple[Membership, EndMembershipForm] | None = None,
) -> HttpResponse:
    """The person's page. A refused joining, or a refused leaving (``ending``: the
    membership and its form), comes back with its bound form: what was typed is kept,
    the errors are beside it."""
    memberships = list(person.memberships.select_related("association__organization"))
    # The associations whose rosters the user keeps, if it may change the person.
    kept = (
        access.roster_associations(request.user)
        if access.changes_person(request.user, person)
        else None
    )
    personal = access.sees_personal_data(request.user, person)
    # The memberships the user may correct (and end, if current): those of the
    # associations it keeps.
    correctable = {m.pk for m in memberships if kept and m.association in kept}
    today = timezone.localdate()

    def leaving_form(membership: Membership) -> EndMembershipForm | None:
        if ending is not None and membership.pk == ending[0].pk:
            # Also for a membership that had already ended: its error is shown there.
            return ending[1]
        if membership.pk not in correctable or membership.left_on is not None:
            return None
        return _end_form(membership, initial={"left_on": today})

    if membership_form is None:
        membership_form = _membership_form(kept or [], memberships)
    context = {
        "person": person,
        "personal": personal,
        "memberships": [(m, leaving_form(m)) for m in memberships],
        "can_change": kept is not None,
        # The history shows old personal values: for those who see them.
        "sees_history": personal,
        "can_erase": access.erases_people(request.user),
        "correctable": correctable,
        "membership_form": membership_form,
    }
    return render(request, "workforce/person_detail.html", context)


def _end_form(membership: Membership, **kwargs: Any) -> EndMembershipForm:
    # Each current membership has its form on the page: ids of its own keep labels apart.
    return EndMembershipForm(auto_id=f"end-{membership.pk}-%s", **kwargs)


def _membership_form(
    kept: list[Association], memberships: list[Membership], data: Any = None
) -> MembershipForm | None:
    """Joining an association the person is not a current member of, among those kept."""
    current = {m.association_id for m in memberships if m.left_on is None}
    choices = [a for a in kept if a.pk not in current]
    return MembershipForm(data, associations=choices) if choices else None


@login_required
def person_history(request: HttpRequest, pk: int) -> HttpResponse:
    person = access.access_person(request.user, pk)
    # The changes show old phones, e-mails and birth dates: personal data.
    require(access.sees_personal_data(request.user, person))
    entries = [
        *change_history(person.history.all(), Person),
        *change_history(
            Membership.history.filter(person_id=person.pk).select_related(
                "association__organization"
            ),
            Membership,
            _describe_membership,
        ),
    ]
    entries.sort(key=lambda entry: entry.when, reverse=True)
    return render(request, "core/history.html", {"object": person, "entries": entries})


def _describe_membership(record: Any) -> str:
    return _("Membership of %(association)s") % {"association": record.association}


@login_required
def person_create(request: HttpRequest) -> HttpResponse:
    # Managers add anyone; association staff add people to the associations they keep.
    associations = access.roster_associations(request.user)
    managed = access.manages_registry(request.user)
    require(managed or bool(associations))
    form = PersonForm(
        request.POST or None, user=request.user, associations=associations, managed=managed
    )
    if request.method == "POST" and form.is_valid():
        association, joined_on = form.cleaned_data["association"], form.cleaned_data["joined_on"]
        if form.registered is None:
            person = actions.do_save_person(
                form.instance, association=association, joined_on=joined_on
            )
            messages.success(
                request, _("%(person)s was added to the registry.") % {"person": person}
            )
            return redirect(person)
        try:
            actions.do_add_membership(form.registered, association, joined_on=joined_on)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("%(person)s, already in the registry, is now a member of %(association)s.")
                % {"person": form.registered, "association": association},
            )
            return redirect(form.registered)
    context = {
        "form": form,
        "title": _("Add a person to the registry"),
        "cancel_url": reverse("workforce:finder"),
    }
    return render(request, "form_page.html", context)


@login_required
def person_edit(request: HttpRequest, pk: int) -> HttpResponse:
    person = access.access_person_for_change(request.user, pk)
    form = PersonForm(request.POST or None, user=request.user, instance=person)
    if request.method == "POST" and form.is_valid():
        actions.do_save_person(form.instance)
        messages.success(request, _("Changes saved."))
        return redirect("workforce:person_detail", pk=person.pk)
    context = {
        "form": form,
        "title": _("Edit %(person)s") % {"person": person},
        "cancel_url": person.get_absolute_url(),
    }
    return render(request, "form_page.html", context)


@login_required
@require_POST
def membership_add(request: HttpRequest, pk: int) -> HttpResponse:
    person = access.access_person_for_change(request.user, pk)
    memberships = list(person.memberships.all())
    form = _membership_form(access.roster_associations(request.user), memberships, request.POST)
    if form is None:
        raise PermissionDenied
    if form.is_valid():
        try:
            actions.do_add_membership(
                person,
                form.cleaned_data["association"],
                joined_on=form.cleaned_data["joined_on"],
                role=form.cleaned_data["role"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The membership was recorded."))
            return redirect("workforce:person_detail", pk=person.pk)
    return _detail(request, person, membership_form=form)


@login_required
@require_POST
def membership_end(request: HttpRequest, pk: int) -> HttpResponse:
    membership = access.access_membership_for_change(request.user, pk)
    form = _end_form(membership, data=request.POST)
    if form.is_valid():
        try:
            actions.do_end_membership(membership, form.cleaned_data["left_on"])
        except ValidationError as error:
            form.add_error(None, error)
    if form.errors:
        return _detail(request, membership.person, ending=(membership, form))
    messages.success(
        request,
        _("%(person)s left %(association)s.")
        % {"person": membership.person, "association": membership.association},
    )
    return _back_from_membership(request, membership)


@login_required
def membership_edit(request: HttpRequest, pk: int) -> HttpResponse:
    membership = access.access_membership_for_change(request.user, pk)
    form = MembershipCorrectionForm(request.POST or None, instance=membership)
    if request.method == "POST" and form.is_valid():
        try:
            actions.do_correct_membership(form.instance)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The membership was corrected."))
            return _back_from_membership(request, membership)
    context = {
        "form": form,
        "title": _("Correct the membership of %(person)s in %(association)s")
        % {"person": membership.person, "association": membership.association},
        "cancel_url": membership.person.get_absolute_url(),
        "remove_url": reverse("workforce:membership_remove", args=[membership.pk]),
    }
    return render(request, "form_page.html", context)


@login_required
def membership_remove(request: HttpRequest, pk: int) -> HttpResponse:
    membership = access.access_membership_for_change(request.user, pk)
    if request.method == "POST":
        actions.do_remove_membership(membership)
        messages.success(request, _("The membership was removed."))
        return _back_from_membership(request, membership)
    context = {
        "title": _("Remove the membership of %(person)s in %(association)s?")
        % {"person": membership.person, "association": membership.association},
        "explanation": _(
            "Only for a membership recorded by mistake. A person who left the association "
            "keeps the membership with its leaving date. The change history keeps a record "
            "of the removal."
        ),
        "button": _("Remove the membership"),
        "cancel_url": membership.person.get_absolute_url(),
    }
    return render(request, "confirm_page.html", context)


def _back_from_membership(request: HttpRequest, membership: Membership) -> HttpResponse:
    """The person's page, unless the user no longer sees the person (association staff
    whose association was the person's only link to them): the finder then."""
    if access.people_visible_to(request.user).filter(pk=membership.person_id).exists():
        return redirect("workforce:person_detail", pk=membership.person_id)
    return redirect("workforce:finder")


@login_required
def person_erase(request: HttpRequest, pk: int) -> HttpResponse:
    person = access.access_person(request.user, pk)
    require(access.erases_people(request.user))
    form = ErasureForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        erasure = actions.do_erase_person(
            person,
            user=request.user,  # type: ignore[arg-type]
            reason=form.cleaned_data["reason"],
        )
        messages.success(
            request,
            _("Record number %(number)d was erased, with its history.")
            % {"number": erasure.person_number},
        )
        return redirect("workforce:finder")
    context = {
        "person": person,
        "form": form,
        "memberships": person.memberships.select_related("association__organization"),
    }
    return render(request, "workforce/person_erase.html", context)


LONG_TABLES = ("commune", "association")


@login_required
def statistics(request: HttpRequest) -> HttpResponse:
    require(access.can_use_registry(request.user))
    counted = figures(access.people_visible_to(request.user), timezone.localdate())
    tables = {table.key: table for table in counted.tables}
    context = {
        "tables": counted.tables,
        # Short tables side by side; the long lists (communes, associations) two a row.
        "short_tables": [t for t in counted.tables if t.key not in LONG_TABLES],
        "long_tables": [tables[key] for key in LONG_TABLES if key in tables],
        "matrices": counted.matrices,
        "computed_at": counted.computed_at,
    }
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
