"""Pages of the member association registry: the list, one association's page, its edits."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lienhiep.associations import access, actions, listing
from lienhiep.associations.forms import (
    ActivityReportForm,
    AssociationFilterForm,
    AssociationForm,
    BranchForm,
    MemberCountForm,
)
from lienhiep.associations.models import (
    ActivityReport,
    Association,
    Branch,
    MemberCount,
)
from lienhiep.core.access import require
from lienhiep.core.history import HistoryEntry, change_history
from lienhiep.core.models import User
from lienhiep.directives.views.common import actor, send_file
from lienhiep.jobs.runner import start_job


@login_required
def association_list(request: HttpRequest) -> HttpResponse:
    require(access.can_use_module(request.user))
    if not access.reads_all(request.user):
        # Association staff have one association to look after: open it directly.
        own = list(access.own_associations(request.user).values_list("pk", flat=True)[:2])
        if len(own) == 1:
            return redirect("associations:detail", own[0])
    form = AssociationFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    today = timezone.localdate()
    rows = listing.listed(request.user, data, today)
    context = {
        "form": form,
        "rows": [(a, a.is_past_term(today)) for a in rows],
        "can_manage": access.can_manage_all(request.user),
    }
    return render(request, "associations/association_list.html", context)


@login_required
@require_POST
def association_export(request: HttpRequest) -> HttpResponse:
    """The list as filtered (its filters come in the address), as a workbook."""
    require(access.can_use_module(request.user))
    form = AssociationFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    job = start_job(
        "associations.export_registry",
        title=_("List of member associations"),
        owner=request.user,  # type: ignore[arg-type]
        params={key: data.get(key) or "" for key in AssociationFilterForm.base_fields},
    )
    return redirect(job)


@dataclass
class CountBar:
    count: MemberCount
    percent: int


def _count_bars(counts: list[MemberCount]) -> list[CountBar]:
    """Oldest year first, each bar as a share of the largest count."""
    top = max((c.members for c in counts), default=0)
    return [
        CountBar(c, round(100 * c.members / top) if top else 0)
        for c in sorted(counts, key=lambda c: c.year)
    ]


def _detail(request: HttpRequest, association: Association, **forms: Any) -> HttpResponse:
    """The association's page; a refused addition comes back with its bound form."""
    editable = access.can_edit(request.user, association)
    counts = list(association.member_counts.all())
    context = {
        "association": association,
        "past_term": association.is_past_term(timezone.localdate()),
        "vice_presidents": [v for v in association.vice_presidents.splitlines() if v.strip()],
        "counts": counts,
        "bars": _count_bars(counts),
        "branches": association.branches.all(),
        "reports": association.activity_reports.select_related("submitted_by"),
        "can_edit": editable,
        # Its current members in the registry of intellectuals (the finder lists them).
        "registered": association.memberships.filter(left_on=None).count(),
        "count_form": forms.get("count_form") or MemberCountForm(association=association),
        "branch_form": forms.get("branch_form") or BranchForm(),
        "report_form": forms.get("report_form") or ActivityReportForm(),
    }
    return render(request, "associations/association_detail.html", context)


@login_required
def association_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, access.access_association(request.user, pk))


@login_required
def association_create(request: HttpRequest) -> HttpResponse:
    require(access.can_manage_all(request.user))
    form = AssociationForm(request.POST or None, manager=True)
    if request.method == "POST" and form.is_valid():
        try:
            association = actions.do_save_association(
                actor(request),
                form.instance,
                code=form.cleaned_data["code"],
                name=form.cleaned_data["name"],
                short_name=form.cleaned_data["short_name"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The association was registered."))
            return redirect(association)
    context = {
        "form": form,
        "title": _("Register a member association"),
        "cancel_url": reverse("associations:list"),
    }
    return render(request, "form_page.html", context)


@login_required
def association_edit(request: HttpRequest, pk: int) -> HttpResponse:
    association = access.access_association(request.user, pk, for_change=True)
    manager = access.can_manage_all(request.user)
    form = AssociationForm(request.POST or None, instance=association, manager=manager)
    if request.method == "POST" and form.is_valid():
        actions.do_save_association(
            actor(request),
            form.instance,
            # Association staff have no name fields: the organization stays as it is.
            name=form.cleaned_data.get("name", ""),
            short_name=form.cleaned_data.get("short_name"),
        )
        messages.success(request, _("Changes saved."))
        return redirect(association)
    context = {
        "form": form,
        "title": _("Edit %(association)s") % {"association": association},
        "cancel_url": association.get_absolute_url(),
    }
    return render(request, "form_page.html", context)


def _describe_count(record: Any) -> str:
    return _("member count %(year)d") % {"year": record.year}


def _describe_branch(record: Any) -> str:
    return _("branch %(name)s") % {"name": record.name}


def _describe_report(record: Any) -> str:
    return _("activity report %(year)d (%(file)s)") % {
        "year": record.year,
        "file": record.file_name or "—",
    }


@login_required
def association_history(request: HttpRequest, pk: int) -> HttpResponse:
    association = access.access_association(request.user, pk)
    entries: list[HistoryEntry] = [
        *change_history(association.history.all(), Association),
        *change_history(
            MemberCount.history.filter(association_id=association.pk), MemberCount, _describe_count
        ),
        *change_history(
            Branch.history.filter(association_id=association.pk), Branch, _describe_branch
        ),
        *change_history(
            ActivityReport.history.filter(association_id=association.pk),
            ActivityReport,
            _describe_report,
        ),
    ]
    entries.sort(key=lambda e: e.when, reverse=True)
    return render(request, "core/history.html", {"object": association, "entries": entries})


@login_required
@require_POST
def member_count_add(request: HttpRequest, pk: int) -> HttpResponse:
    association = access.access_association(request.user, pk, for_change=True)
    form = MemberCountForm(request.POST, association=association)
    if not form.is_valid():
        return _detail(request, association, count_form=form)
    actions.do_record_member_count(actor(request), association, form.instance)
    messages.success(request, _("The member count was recorded."))
    return redirect(association)


@login_required
@require_POST
def branch_add(request: HttpRequest, pk: int) -> HttpResponse:
    association = access.access_association(request.user, pk, for_change=True)
    form = BranchForm(request.POST)
    if not form.is_valid():
        return _detail(request, association, branch_form=form)
    actions.do_save_branch(actor(request), association, form.instance)
    messages.success(request, _("The branch was added."))
    return redirect(association)


@login_required
@require_POST
def report_add(request: HttpRequest, pk: int) -> HttpResponse:
    association = access.access_association(request.user, pk, for_change=True)
    form = ActivityReportForm(request.POST, request.FILES)
    if not form.is_valid():
        return _detail(request, association, report_form=form)
    actions.do_add_activity_report(
        actor(request), association, form.instance, form.cleaned_data["upload"]
    )
    messages.success(request, _("The activity report was filed."))
    return redirect(association)


def _part_form_page(
    request: HttpRequest, form: Any, title: str, association: Association, remove_url: str
) -> HttpResponse:
    context = {
        "form": form,
        "title": title,
        "cancel_url": association.get_absolute_url(),
        "remove_url": remove_url,
    }
    return render(request, "form_page.html", context)


def _remove_part(
    request: HttpRequest,
    part: access.Part,
    remove: Callable[[User | None, access.Part], None],
    done: str,
    *,
    question: str,
    explanation: str,
    button: str = "",
) -> HttpResponse:
    """Ask ``question`` first; on the confirming POST, ``remove`` the part and go back."""
    association = part.association
    if request.method == "POST":
        remove(actor(request), part)
        messages.success(request, done)
        return redirect(association)
    context = {
        "title": question,
        "explanation": explanation,
        "button": button or _("Remove"),
        "cancel_url": association.get_absolute_url(),
    }
    return render(request, "confirm_page.html", context)


@login_required
def member_count_edit(request: HttpRequest, pk: int) -> HttpResponse:
    count = access.access_part_for_change(request.user, MemberCount, pk)
    association = count.association
    form = MemberCountForm(request.POST or None, instance=count, association=association)
    if request.method == "POST" and form.is_valid():
        actions.do_record_member_count(actor(request), association, form.instance)
        messages.success(request, _("The member count was corrected."))
        return redirect(association)
    title = _("Correct the member count for %(year)d") % {"year": count.year}
    remove_url = reverse("associations:member_count_remove", args=[count.pk])
    return _part_form_page(request, form, title, association, remove_url)


@login_required
def member_count_remove(request: HttpRequest, pk: int) -> HttpResponse:
    count = access.access_part_for_change(request.user, MemberCount, pk)
    return _remove_part(
        request,
        count,
        actions.do_remove_member_count,
        _("The member count was removed."),
        question=_("Remove the member count for %(year)d?") % {"year": count.year},
        explanation=_(
            "Only for a count recorded by mistake: %(members)d members, %(branches)d branches. "
            "The change history keeps it."
        )
        % {"members": count.members, "branches": count.branches},
    )


@login_required
def branch_edit(request: HttpRequest, pk: int) -> HttpResponse:
    branch = access.access_part_for_change(request.user, Branch, pk)
    association = branch.association
    form = BranchForm(request.POST or None, instance=branch)
    if request.method == "POST" and form.is_valid():
        actions.do_save_branch(actor(request), association, form.instance)
        messages.success(request, _("Changes saved."))
        return redirect(association)
    title = _("Edit the branch %(name)s") % {"name": branch.name}
    remove_url = reverse("associations:branch_remove", args=[branch.pk])
    return _part_form_page(request, form, title, association, remove_url)


@login_required
def branch_remove(request: HttpRequest, pk: int) -> HttpResponse:
    branch = access.access_part_for_change(request.user, Branch, pk)
    return _remove_part(
        request,
        branch,
        actions.do_remove_branch,
        _("The branch was removed."),
        question=_("Remove the branch %(name)s?") % {"name": branch.name},
        explanation=_(
            "For a branch that was dissolved or merged, or recorded by mistake. "
            "The change history keeps it."
        ),
    )


@login_required
def report_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    report = access.access_part_for_change(request.user, ActivityReport, pk)
    return _remove_part(
        request,
        report,
        actions.do_withdraw_activity_report,
        _("The activity report was withdrawn."),
        question=_("Withdraw the activity report for %(year)d?") % {"year": report.year},
        explanation=_(
            "The file %(file)s is deleted; the change history keeps who filed and who "
            "withdrew the report. File the right report again afterwards."
        )
        % {"file": report.file_name or "—"},
        button=_("Withdraw"),
    )


@login_required
def report_download(request: HttpRequest, pk: int) -> HttpResponseBase:
    try:
        report = ActivityReport.objects.get(pk=pk)
    except ActivityReport.DoesNotExist:
        raise Http404 from None
    access.access_association(request.user, report.association_id)
    if not report.file:
        raise Http404
    return send_file(report.file, report.file_name or "bao-cao")
