"""Automatic urging (đôn đốc): the daily reminders about deadlines.

Once a day (the job may run many times; each task hears at most once a day)
every task that is not paused, of a document still in force, is judged by
``lienhiep.directives.status.evaluate`` and its lead unit is reminded:

* before the deadline — when the current occurrence (the one-off deadline,
  or the due date of the recurring task's current period) is not done and is
  ``settings.URGE_DAYS_BEFORE`` days away (7, 3 and 1 by default);
* when overdue — on the first day after the due date, then every
  ``settings.URGE_OVERDUE_EVERY`` days (days 1, 8, 15 … by default), and on the
  day it reaches ``settings.URGE_ESCALATE_AFTER`` days (30), from which day on
  the assigning body gets a copy.

An overdue reminder wins over a before-deadline one on the same day (a
recurring task can have an old period overdue and the current one due soon).
A day the job does not run is not caught up: the reminder of that day is lost,
the next one follows the schedule.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lienhiep.directives.actions import do_urge
from lienhiep.directives.models import Task, Urging, UrgingKind
from lienhiep.directives.status import DONE, Period, Status, TaskState, evaluate
from lienhiep.jobs.models import Job
from lienhiep.jobs.runner import register

AUTOMATIC_KINDS = (UrgingKind.BEFORE_DEADLINE, UrgingKind.OVERDUE)


@dataclass(frozen=True)
class Reminder:
    """One urging the schedule calls for today."""

    task: Task
    kind: str
    due: datetime.date
    days: int  # left (positive) or overdue (negative), as ``Urging.days``
    copy_assigner: bool = False
    period: Period | None = None


def _overdue_reminder(state: TaskState, today: datetime.date) -> Reminder | None:
    verdict = state.verdict
    if verdict.status != Status.OVERDUE or verdict.due is None:
        return None
    late = verdict.days_overdue(today)
    every = settings.URGE_OVERDUE_EVERY
    escalate_after = settings.URGE_ESCALATE_AFTER
    on_schedule = late == 1 or (every > 0 and (late - 1) % every == 0)
    # The escalation day is a reminder of its own, so the assigning body hears
    # on day 30 rather than at the next weekly reminder.
    escalates = 0 < escalate_after <= late
    if not (on_schedule or late == escalate_after):
        return None
    return Reminder(state.task, UrgingKind.OVERDUE, verdict.due, -late, escalates, verdict.period)


def _before_reminder(state: TaskState, today: datetime.date) -> Reminder | None:
    # The last occurrence is the current one: for a recurring task, the period
    # containing today, even while an older period is still overdue.
    current = state.occurrences[-1] if state.occurrences else state.verdict
    if current.status in DONE or current.due is None:
        return None
    left = (current.due - today).days
    if left < 0 or left not in set(settings.URGE_DAYS_BEFORE):
        return None
    return Reminder(
        state.task, UrgingKind.BEFORE_DEADLINE, current.due, left, False, current.period
    )


def reminder_for(state: TaskState, today: datetime.date) -> Reminder | None:
    """The urging the schedule calls for today about one task, if any."""
    if state.status == Status.PAUSED:
        return None
    return _overdue_reminder(state, today) or _before_reminder(state, today)


def due_reminders(today: datetime.date) -> list[Reminder]:
    """Every reminder due today, in a fixed number of queries."""
    tasks = list(
        Task.objects.filter(paused=False, document__in_force=True)
        .select_related("document", "lead")
        .order_by("pk")
    )
    states = evaluate(tasks, today)
    reminders = (reminder_for(states[task.pk], today) for task in tasks)
    return [r for r in reminders if r is not None]


def reminder_message(reminder: Reminder) -> str:
    what = str(reminder.task)
    if reminder.period is not None:
        what = _("%(task)s (%(period)s)") % {"task": what, "period": reminder.period.label}
    days = abs(reminder.days)
    values = {
        "task": what,
        "symbol": reminder.task.document.symbol,
        "due": f"{reminder.due:%d/%m/%Y}",
        "days": days,
    }
    if reminder.kind == UrgingKind.BEFORE_DEADLINE:
        text = ngettext(
            "Reminder: the task “%(task)s” of %(symbol)s is due on %(due)s, in %(days)d day.",
            "Reminder: the task “%(task)s” of %(symbol)s is due on %(due)s, in %(days)d days.",
            days,
        )
        return text % values
    text = ngettext(
        "Overdue: the task “%(task)s” of %(symbol)s was due on %(due)s and is %(days)d day "
        "late. Please report on its progress.",
        "Overdue: the task “%(task)s” of %(symbol)s was due on %(due)s and is %(days)d days "
        "late. Please report on its progress.",
        days,
    )
    message = text % values
    if reminder.copy_assigner:
        message += " " + _("This reminder is copied to the assigning body.")
    return message


def send_reminder(reminder: Reminder, today: datetime.date) -> bool:
    """Record and deliver one reminder; False when another run sent it first."""
    try:
        # A savepoint of our own: a concurrent run that won the race on the
        # (task, day) constraint must not break this run's transaction, and
        # the notifications of the lost attempt are dropped with it.
        with transaction.atomic():
            do_urge(
                None,
                reminder.task,
                kind=reminder.kind,
                message=reminder_message(reminder),
                today=today,
                due=reminder.due,
                days=reminder.days,
                copy_assigner=reminder.copy_assigner,
            )
    except IntegrityError:
        return False
    return True


def _already_urged(today: datetime.date) -> set[int]:
    return set(
        Urging.objects.filter(sent_on=today, kind__in=AUTOMATIC_KINDS).values_list(
            "task_id", flat=True
        )
    )


def summary(counts: dict[str, int]) -> str:
    return (
        _(
            "%(before)d reminders before the deadline, %(overdue)d overdue reminders "
            "(%(escalated)d copied to the assigning body), %(skipped)d already sent today."
        )
        % counts
    )


def send_due_urgings(today: datetime.date, job: Job | None = None) -> dict[str, int]:
    """Send today's reminders; returns how many of each were sent and skipped."""
    # The messages are stored and mailed to many people: always in the site's
    # language, whatever the caller (a command turns translation off).
    with translation.override(settings.LANGUAGE_CODE):
        if job:
            job.report(5, _("Judging the tasks"))
        reminders = due_reminders(today)
        counts = _send_all(reminders, today, job)
        if job:
            job.report(100, summary(counts))
    return counts


def _send_all(
    reminders: Iterable[Reminder], today: datetime.date, job: Job | None
) -> dict[str, int]:
    counts = {"before": 0, "overdue": 0, "escalated": 0, "skipped": 0}
    already = _already_urged(today)
    pending = list(reminders)
    for done, reminder in enumerate(pending, start=1):
        if reminder.task.pk in already or not send_reminder(reminder, today):
            counts["skipped"] += 1
        elif reminder.kind == UrgingKind.BEFORE_DEADLINE:
            counts["before"] += 1
        else:
            counts["overdue"] += 1
            counts["escalated"] += int(reminder.copy_assigner)
        if job and (done % 20 == 0 or done == len(pending)):
            job.report(
                10 + 89 * done // len(pending),
                _("Sending reminders: %(done)d of %(total)d")
                % {"done": done, "total": len(pending)},
            )
    return counts


@register("directives.send_urgings")
def send_urgings_job(job: Job) -> None:
    """The daily urging run, in the worker; params ``{"date": "YYYY-MM-DD"}`` (default today)."""
    raw = job.params.get("date")
    today = datetime.date.fromisoformat(raw) if raw else timezone.localdate()
    job.result = send_due_urgings(today, job)
