"""Tasks: one task's page and timeline, reports and decisions, urging, the working lists."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lienhiep.core.access import require
from lienhiep.core.history import change_history
from lienhiep.directives import access, actions
from lienhiep.directives.forms import (
    CommentForm,
    DecisionForm,
    ReportForm,
    TaskForm,
    UrgeForm,
    report_periods,
)
from lienhiep.directives.models import (
    EvidenceFile,
    ProgressReport,
    ReportStatus,
    Task,
)
from lienhiep.directives.status import Status, TaskState, evaluate, summarize
from lienhiep.directives.views.common import actor, send_file


@login_required
def task_create(request: HttpRequest, pk: int) -> HttpResponse:
    document = access.access_document(request.user, pk, for_change=True)
    form = TaskForm(request.POST or None, instance=Task(document=document))
    if request.method == "POST" and form.is_valid():
        task = actions.do_save_task(
            actor(request), form.instance, list(form.cleaned_data["coordinators"])
        )
        messages.success(request, _("The task was added."))
        if "add_another" in request.POST:
            return redirect("directives:task_create", pk=document.pk)
        return redirect(task)
    context = {"form": form, "document": document, "title": _("New task")}
    return render(request, "directives/task_form.html", context)


@login_required
def task_edit(request: HttpRequest, pk: int) -> HttpResponse:
    task = access.access_task(request.user, pk, for_change=True)
    form = TaskForm(request.POST or None, instance=task)
    if request.method == "POST" and form.is_valid():
        actions.do_save_task(actor(request), form.instance, list(form.cleaned_data["coordinators"]))
        messages.success(request, _("The task was saved."))
        return redirect(task)
    context = {"form": form, "document": task.document, "title": _("Edit task")}
    return render(request, "directives/task_form.html", context)


@login_required
def task_history(request: HttpRequest, pk: int) -> HttpResponse:
    task = access.access_task(request.user, pk)
    require(access.reads_everything(request.user))
    entries = change_history(task.history.all(), Task)
    reports = change_history(ProgressReport.history.filter(task_id=task.pk), ProgressReport)
    merged = sorted([*entries, *reports], key=lambda e: e.when, reverse=True)
    return render(request, "core/history.html", {"object": task, "entries": merged})


@dataclass
class TimelineEntry:
    when: datetime.datetime
    kind: str
    item: Any


def _timeline(task: Task, user: Any) -> list[TimelineEntry]:
    """Reports, decisions, urgings and comments of a task, newest first."""
    reports = task.reports.select_related(
        "organization", "submitted_by", "decided_by", "resubmits"
    ).prefetch_related("evidence")
    if not access.reads_everything(user):
        units = set(access.reporting_units(user).values_list("pk", flat=True))
        reports = reports.filter(organization_id__in=units) | reports.filter(
            status=ReportStatus.ACCEPTED
        )
    entries = [TimelineEntry(r.submitted_at, "report", r) for r in reports]
    entries += [
        TimelineEntry(u.created_at, "urging", u) for u in task.urgings.select_related("sent_by")
    ]
    entries += [
        TimelineEntry(c.created_at, "comment", c) for c in task.comments.select_related("author")
    ]
    return sorted(entries, key=lambda e: e.when, reverse=True)


@login_required
def task_detail(request: HttpRequest, pk: int) -> HttpResponse:
    task = access.access_task(request.user, pk)
    today = timezone.localdate()
    states = evaluate([task], today)
    state = states[task.pk]
    user = request.user
    decider = access.can_decide(user, task.document)
    context = {
        "task": task,
        "document": task.document,
        "chain": [*task.document.ancestors(), task.document],
        "state": state,
        "coordinators": task.coordinators.all(),
        "subtasks": _visible(state.children, user),
        "timeline": _timeline(task, user),
        "can_report": access.can_report_on(user, task),
        "can_decide": decider,
        "can_urge": access.can_urge(user),
        "can_comment": access.can_comment(user),
        "can_manage": access.can_manage(user),
        "can_history": access.reads_everything(user),
        "decision_form": DecisionForm() if decider else None,
        "urge_form": UrgeForm(),
        "comment_form": CommentForm(),
    }
    return render(request, "directives/task_detail.html", context)


def _visible(states: list[TaskState], user: Any) -> list[TaskState]:
    ids = set(
        access.tasks_visible_to(user)
        .filter(pk__in=[s.task.pk for s in states])
        .values_list("pk", flat=True)
    )
    return [s for s in states if s.task.pk in ids]


@login_required
def report_create(request: HttpRequest, pk: int) -> HttpResponse:
    task = access.access_task(request.user, pk)
    if not access.can_report_on(request.user, task):
        raise PermissionDenied
    units = [
        unit
        for unit in access.reporting_units(request.user).order_by("name")
        if unit.pk == task.lead_id or task.coordinators.filter(pk=unit.pk).exists()
    ]
    periods = report_periods(task, timezone.localdate())
    form = ReportForm(
        request.POST or None,
        request.FILES or None,
        task=task,
        units=units,
        periods=periods,
    )
    resubmits = _returned_report(request, task)
    if resubmits and not form.is_bound:
        form.initial.update(
            {
                "percent": resubmits.percent,
                "narrative": resubmits.narrative,
                "results": resubmits.results,
                "difficulties": resubmits.difficulties,
                "proposals": resubmits.proposals,
            }
        )
    if request.method == "POST" and form.is_valid():
        report = form.save(commit=False)
        report.resubmits = resubmits
        actions.do_submit_report(actor(request), report, form.cleaned_data["evidence"])
        messages.success(request, _("Your report was sent to the assigning body."))
        return redirect(task)
    context = {"task": task, "form": form, "resubmits": resubmits}
    return render(request, "directives/report_form.html", context)


def _returned_report(request: HttpRequest, task: Task) -> ProgressReport | None:
    """The returned report being resubmitted (?resubmit=<pk>), when the user's unit filed it."""
    value = request.GET.get("resubmit") or request.POST.get("resubmit")
    if not value or not str(value).isdigit():
        return None
    units = access.reporting_units(request.user)
    return (
        task.reports.filter(pk=int(value), status=ReportStatus.RETURNED, organization__in=units)
        .select_related("organization")
        .first()
    )


@login_required
@require_POST
def report_decide(request: HttpRequest, pk: int) -> HttpResponse:
    report = access.access_report(request.user, pk)
    if not access.can_decide(request.user, report.task.document):
        raise PermissionDenied
    if report.status != ReportStatus.SUBMITTED:
        messages.warning(request, _("This report has already been decided."))
        return redirect(report.task)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
        return redirect(report.get_absolute_url())
    accept = form.cleaned_data["decision"] == "accept"
    actions.do_decide_report(
        actor(request), report, accept=accept, reason=form.cleaned_data["reason"]
    )
    if accept:
        messages.success(request, _("The report was accepted."))
    else:
        messages.success(request, _("The report was returned to the unit."))
    return redirect(report.task)


@login_required
def evidence_download(request: HttpRequest, pk: int) -> HttpResponseBase:
    try:
        evidence = EvidenceFile.objects.select_related("report").get(pk=pk)
    except EvidenceFile.DoesNotExist:
        raise Http404 from None
    access.access_report(request.user, evidence.report_id)
    return send_file(evidence.file, evidence.name)


@login_required
@require_POST
def task_urge(request: HttpRequest, pk: int) -> HttpResponse:
    task = access.access_task(request.user, pk)
    require(access.can_urge(request.user))
    form = UrgeForm(request.POST)
    if form.is_valid():
        actions.do_urge(
            actor(request),
            task,
            message=form.cleaned_data["message"],
            copy_assigner=form.cleaned_data["copy_assigner"],
        )
        messages.success(request, _("The lead unit was urged."))
    else:
        messages.error(request, _("Write the urging message."))
    return redirect(task)


@login_required
@require_POST
def task_comment(request: HttpRequest, pk: int) -> HttpResponse:
    task = access.access_task(request.user, pk)
    require(access.can_comment(request.user))
    form = CommentForm(request.POST)
    if form.is_valid():
        actions.do_comment(actor(request), task, form.cleaned_data["text"])
        messages.success(request, _("Your comment was added."))
    else:
        messages.error(request, _("Write the comment."))
    return redirect(task)


def _listing(tasks: QuerySet[Task]) -> QuerySet[Task]:
    return tasks.select_related("document", "lead").order_by(
        "document__issued_on", "document_id", "position", "pk"
    )


@login_required
def my_tasks(request: HttpRequest) -> HttpResponse:
    require(access.is_reporter(request.user))
    units = access.reporting_units(request.user)
    tasks = list(_listing(access.tasks_visible_to(request.user)))
    states = evaluate(tasks, timezone.localdate())
    rows = [states[t.pk] for t in tasks]
    order = {
        Status.OVERDUE: 0,
        Status.IN_PROGRESS: 1,
        Status.NOT_STARTED: 2,
        Status.PAUSED: 3,
        Status.DONE_LATE: 4,
        Status.DONE_ON_TIME: 5,
    }
    rows.sort(key=lambda s: (order[Status(s.status)], s.due or datetime.date.max))
    pending = ProgressReport.objects.filter(
        organization__in=units, status=ReportStatus.RETURNED, resubmissions__isnull=True
    ).select_related("task")
    context = {
        "rows": rows,
        "summary": summarize(rows),
        "units": units,
        "returned": pending,
        "today": timezone.localdate(),
    }
    return render(request, "directives/my_tasks.html", context)


@login_required
def overdue_list(request: HttpRequest) -> HttpResponse:
    require(access.can_use_module(request.user))
    today = timezone.localdate()
    tasks = list(_listing(access.tasks_visible_to(request.user).filter(paused=False)))
    states = evaluate(tasks, today)
    overdue = [states[t.pk] for t in tasks if states[t.pk].status == Status.OVERDUE]
    rows = sorted(
        ((state, state.verdict.days_overdue(today)) for state in overdue),
        key=lambda row: row[1],
        reverse=True,
    )
    context = {
        "rows": rows,
        "today": today,
        "can_urge": access.can_urge(request.user),
    }
    return render(request, "directives/overdue_list.html", context)
