"""What the directives module puts on each role's home page: the work waiting."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from lienhiep.core.homepage import Link, Section
from lienhiep.core.models import User
from lienhiep.directives import access
from lienhiep.directives.models import ProgressReport, ReportStatus
from lienhiep.directives.status import DONE, Status, evaluate

# How far ahead a unit is reminded of what falls due.
HORIZON_DAYS = 30


def sections(user: User) -> list[Section]:
    result: list[Section] = []
    if access.is_reporter(user):
        result.append(_reporter_section(user))
    if access.reads_everything(user):
        result.append(_decisions_section(user))
        result.append(_overview_section(user))
    return result


def _reporter_section(user: User) -> Section:
    today = timezone.localdate()
    tasks = list(access.tasks_visible_to(user).select_related("document", "lead"))
    states = evaluate(tasks, today)
    items: list[Link] = []
    for task in tasks:
        state = states[task.pk]
        if state.status in DONE or state.status == Status.PAUSED or state.due is None:
            continue
        days = (state.due - today).days
        if days < 0:
            note = _("%(days)d days overdue") % {"days": -days}
        elif days <= HORIZON_DAYS:
            note = _("due %(date)s") % {"date": state.due.strftime("%d/%m/%Y")}
        else:
            continue
        items.append(Link(f"{task.document.symbol}: {task}", task.get_absolute_url(), note))
    returned = ProgressReport.objects.filter(
        organization__in=access.reporting_units(user),
        status=ReportStatus.RETURNED,
        resubmissions__isnull=True,
    ).select_related("task")
    for report in returned:
        items.insert(
            0,
            Link(
                str(report.task),
                reverse("directives:report_create", args=[report.task_id])
                + f"?resubmit={report.pk}",
                _("report returned"),
            ),
        )
    return Section(
        title=_("Tasks to report on"),
        items=items,
        empty=_("Nothing falls due in the next 30 days."),
        more=Link(_("All my unit's tasks"), reverse("directives:my_tasks")),
    )


def _decisions_section(user: User) -> Section:
    pending = (
        ProgressReport.objects.filter(
            status=ReportStatus.SUBMITTED, task__document__in=access.decided_documents(user)
        )
        .select_related("task__document", "organization")
        .order_by("submitted_at")
    )
    items = [
        Link(
            f"{r.organization.display_name} — {r.task.document.symbol}: {r.task}",
            r.get_absolute_url(),
            f"{r.percent}%",
        )
        for r in pending[:10]
    ]
    return Section(
        title=_("Progress reports awaiting your decision"),
        items=items,
        empty=_("No report is waiting."),
    )


def _overview_section(user: User) -> Section:
    today = timezone.localdate()
    tasks = list(access.tasks_visible_to(user).filter(paused=False).select_related("document"))
    states = evaluate(tasks, today)
    overdue = sum(1 for t in tasks if states[t.pk].status == Status.OVERDUE)
    return Section(
        title=_("Implementation of directives"),
        items=[
            Link(_("Overdue tasks"), reverse("directives:overdue_list"), str(overdue)),
            Link(_("Dashboard by unit"), reverse("directives:dashboard")),
            Link(_("Steering documents"), reverse("directives:document_list")),
        ],
    )
