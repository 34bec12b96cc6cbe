"""The one place a task's status is decided.

Nobody types a status. It follows from the deadline (or the recurring period's
due date), the accepted progress reports and the day it is judged on:

* done on time / done late — an accepted report says 100 %, dated on or
  before / after the due date;
* overdue — not done and the due date has passed;
* in progress — not done, still within the deadline, and some accepted
  report shows work (more than 0 %);
* not started — not done, within the deadline, nothing accepted yet;
* paused — the task is suspended, whatever its reports.

A recurring task is judged period by period; the task as a whole shows the
oldest period still overdue, else the current period. A task that a unit
cascaded into sub-tasks takes its progress from them (weighted when weights
are set) and is done when all of them are.

Returned or pending reports never count. ``evaluate`` loads what it needs in a
fixed number of queries, however many tasks are judged.
"""

from __future__ import annotations

import calendar
import datetime
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lienhiep.directives.models import ProgressReport, Recurrence, ReportStatus, Task


class Status(models.TextChoices):
    NOT_STARTED = "not_started", gettext_lazy("Not started")
    IN_PROGRESS = "in_progress", gettext_lazy("In progress")
    OVERDUE = "overdue", gettext_lazy("Overdue")
    DONE_ON_TIME = "done_on_time", gettext_lazy("Done on time")
    DONE_LATE = "done_late", gettext_lazy("Done late")
    PAUSED = "paused", gettext_lazy("Paused")


# The colours users know from the paper reports.
STATUS_COLOURS: dict[str, str] = {
    Status.DONE_ON_TIME: "green",
    Status.IN_PROGRESS: "blue",
    Status.DONE_LATE: "orange",
    Status.OVERDUE: "red",
    Status.NOT_STARTED: "grey",
    Status.PAUSED: "grey",
}

DONE = frozenset({Status.DONE_ON_TIME, Status.DONE_LATE})


class Tally(models.TextChoices):
    """The four-way count of the official reports."""

    DONE_ON_TIME = "done_on_time", gettext_lazy("Done on time")
    DONE_LATE = "done_late", gettext_lazy("Done late")
    NOT_DONE_IN_TIME = "not_done_in_time", gettext_lazy("Not done, within the deadline")
    NOT_DONE_OVERDUE = "not_done_overdue", gettext_lazy("Not done, overdue")


TALLY_COLOURS: dict[str, str] = {
    Tally.DONE_ON_TIME: "green",
    Tally.DONE_LATE: "orange",
    Tally.NOT_DONE_IN_TIME: "blue",
    Tally.NOT_DONE_OVERDUE: "red",
}

_TALLY_OF: dict[str, str | None] = {
    Status.DONE_ON_TIME: Tally.DONE_ON_TIME,
    Status.DONE_LATE: Tally.DONE_LATE,
    Status.NOT_STARTED: Tally.NOT_DONE_IN_TIME,
    Status.IN_PROGRESS: Tally.NOT_DONE_IN_TIME,
    Status.OVERDUE: Tally.NOT_DONE_OVERDUE,
    Status.PAUSED: None,
}

_MONTHS_PER_PERIOD: dict[str, int] = {
    Recurrence.MONTHLY: 1,
    Recurrence.QUARTERLY: 3,
    Recurrence.HALF_YEARLY: 6,
    Recurrence.YEARLY: 12,
}


@dataclass(frozen=True)
class Period:
    """One period of a recurring task: the report on it is due on ``due``."""

    recurrence: str
    start: datetime.date
    end: datetime.date
    due: datetime.date

    @property
    def label(self) -> str:
        if self.recurrence == Recurrence.MONTHLY:
            return _("Month %(month)d/%(year)d") % {
                "month": self.start.month,
                "year": self.start.year,
            }
        if self.recurrence == Recurrence.QUARTERLY:
            quarter = ("I", "II", "III", "IV")[(self.start.month - 1) // 3]
            return _("Quarter %(quarter)s/%(year)d") % {"quarter": quarter, "year": self.start.year}
        if self.recurrence == Recurrence.HALF_YEARLY:
            if self.start.month == 1:
                return _("First half of %(year)d") % {"year": self.start.year}
            return _("Second half of %(year)d") % {"year": self.start.year}
        return _("Year %(year)d") % {"year": self.start.year}


def _add_months(day: datetime.date, months: int) -> datetime.date:
    index = day.year * 12 + day.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


def period_containing(recurrence: str, due_day: int, day: datetime.date) -> Period:
    size = _MONTHS_PER_PERIOD[recurrence]
    first_month = (day.month - 1) // size * size + 1
    start = datetime.date(day.year, first_month, 1)
    end = _add_months(start, size) - datetime.timedelta(days=1)
    last = calendar.monthrange(end.year, end.month)[1]
    return Period(recurrence, start, end, end.replace(day=min(due_day, last)))


def periods_of(task: Task, until: datetime.date) -> list[Period]:
    """The periods of a recurring task that have begun by ``until``, oldest first."""
    if not task.recurrence:
        return []
    due_day = task.due_day or 31
    first = task.starts_on or task.document.issued_on
    last_day = min(until, task.ends_on) if task.ends_on else until
    periods: list[Period] = []
    period = period_containing(task.recurrence, due_day, first)
    while period.start <= last_day:
        periods.append(period)
        period = period_containing(task.recurrence, due_day, period.end + datetime.timedelta(1))
    return periods


@dataclass
class Verdict:
    """The status of one occurrence: a one-off task, or one period of a recurring task."""

    status: str
    percent: int
    due: datetime.date | None
    done_on: datetime.date | None = None
    period: Period | None = None

    @property
    def tally(self) -> str | None:
        return _TALLY_OF[self.status]

    @property
    def colour(self) -> str:
        return STATUS_COLOURS[self.status]

    @property
    def label(self) -> str:
        return str(Status(self.status).label)

    def days_overdue(self, today: datetime.date) -> int:
        if self.status != Status.OVERDUE or self.due is None:
            return 0
        return (today - self.due).days


def judge(
    due: datetime.date | None,
    reports: Sequence[ProgressReport],
    today: datetime.date,
    *,
    period: Period | None = None,
) -> Verdict:
    """Status of one occurrence from its accepted reports, oldest first."""
    reports = [r for r in reports if r.reported_on <= today]
    done = next((r for r in reports if r.percent >= 100), None)
    if done is not None:
        late = due is not None and done.reported_on > due
        status = Status.DONE_LATE if late else Status.DONE_ON_TIME
        return Verdict(status, 100, due, done.reported_on, period)
    percent = reports[-1].percent if reports else 0
    if due is not None and today > due:
        return Verdict(Status.OVERDUE, percent, due, None, period)
    status = Status.IN_PROGRESS if percent > 0 else Status.NOT_STARTED
    return Verdict(status, percent, due, None, period)


@dataclass
class TaskState:
    """Everything the screens and reports say about a task on a given day."""

    task: Task
    verdict: Verdict
    occurrences: list[Verdict] = field(default_factory=list)
    children: list[TaskState] = field(default_factory=list)

    @property
    def status(self) -> str:
        return self.verdict.status

    @property
    def status_label(self) -> str:
        return str(Status(self.verdict.status).label)

    @property
    def colour(self) -> str:
        return self.verdict.colour

    @property
    def percent(self) -> int:
        return self.verdict.percent

    @property
    def due(self) -> datetime.date | None:
        return self.verdict.due

    @property
    def weight(self) -> Decimal | None:
        return self.task.weight

    def tallies(self) -> Counter[str]:
        """This task's contribution to the four-way counts (one per occurrence)."""
        counts: Counter[str] = Counter()
        if self.verdict.status == Status.PAUSED:
            return counts
        for occurrence in self.occurrences:
            if occurrence.tally:
                counts[occurrence.tally] += 1
        return counts


def rollup(states: Sequence[TaskState]) -> int:
    """Progress of a set of tasks: weighted when any weight is set (others count 1)."""
    if not states:
        return 0
    if any(s.weight for s in states):
        weights = [s.weight or Decimal(1) for s in states]
        total = sum(w * s.percent for w, s in zip(weights, states, strict=True))
        return round(total / sum(weights))
    return round(sum(s.percent for s in states) / len(states))


def _reports_by_task(task_ids: Iterable[int]) -> dict[int, list[ProgressReport]]:
    reports: dict[int, list[ProgressReport]] = defaultdict(list)
    accepted = (
        ProgressReport.objects.filter(task_id__in=list(task_ids), status=ReportStatus.ACCEPTED)
        .only("task_id", "period_start", "reported_on", "percent")
        .order_by("reported_on", "pk")
    )
    for report in accepted:
        reports[report.task_id].append(report)
    return reports


def _judge_task(
    task: Task,
    reports: list[ProgressReport],
    children: list[TaskState],
    today: datetime.date,
) -> TaskState:
    if task.recurrence:
        by_period: dict[datetime.date | None, list[ProgressReport]] = defaultdict(list)
        for report in reports:
            by_period[report.period_start].append(report)
        occurrences = [
            judge(p.due, by_period.get(p.start, []), today, period=p)
            for p in periods_of(task, today)
        ]
        overdue = [o for o in occurrences if o.status == Status.OVERDUE]
        if overdue:
            verdict = overdue[0]
        elif occurrences:
            verdict = occurrences[-1]
        else:
            verdict = Verdict(Status.NOT_STARTED, 0, None)
    else:
        verdict = judge(task.deadline, reports, today)
        if children and verdict.status not in DONE:
            verdict = _judge_by_children(task, verdict, children, today)
        occurrences = [verdict]
    if task.paused:
        verdict = Verdict(Status.PAUSED, verdict.percent, verdict.due, None, verdict.period)
    return TaskState(task, verdict, occurrences, children)


def _judge_by_children(
    task: Task, own: Verdict, children: list[TaskState], today: datetime.date
) -> Verdict:
    active = [c for c in children if c.status != Status.PAUSED] or children
    if all(c.status in DONE for c in active):
        done_on = max((c.verdict.done_on for c in active if c.verdict.done_on), default=today)
        late = task.deadline is not None and done_on > task.deadline
        return Verdict(Status.DONE_LATE if late else Status.DONE_ON_TIME, 100, own.due, done_on)
    percent = max(own.percent, rollup(active))
    if own.status == Status.OVERDUE:
        return Verdict(Status.OVERDUE, percent, own.due)
    return Verdict(Status.IN_PROGRESS if percent else Status.NOT_STARTED, percent, own.due)


def evaluate(tasks: Iterable[Task], today: datetime.date) -> dict[int, TaskState]:
    """States of ``tasks`` and of every sub-task below them.

    Queries: one for each level of sub-tasks below the given tasks (a cascade
    is a few levels deep, never one per task) and one for the accepted reports.
    Pass tasks loaded with ``select_related("document", "lead")``.
    """
    by_id: dict[int, Task] = {t.pk: t for t in tasks}
    frontier = list(by_id)
    while frontier:
        level = list(
            Task.objects.filter(parent_id__in=frontier)
            .exclude(pk__in=list(by_id))
            .select_related("document", "lead")
        )
        for task in level:
            by_id[task.pk] = task
        frontier = [t.pk for t in level]
    children_of: dict[int, list[int]] = defaultdict(list)
    for task in by_id.values():
        if task.parent_id in by_id:
            children_of[task.parent_id].append(task.pk)
    reports = _reports_by_task(by_id)
    states: dict[int, TaskState] = {}

    def state_of(pk: int, path: frozenset[int]) -> TaskState:
        if pk in states:
            return states[pk]
        children = [state_of(c, path | {pk}) for c in children_of.get(pk, []) if c not in path]
        states[pk] = _judge_task(by_id[pk], reports.get(pk, []), children, today)
        return states[pk]

    for pk in by_id:
        state_of(pk, frozenset())
    return states


@dataclass
class Summary:
    """The four-way counts and the progress of a set of tasks."""

    counts: Counter[str]
    paused: int
    total: int
    percent: int

    @property
    def rows(self) -> list[tuple[str, str, int, str]]:
        """(value, label, count, colour) in the official order."""
        return [
            (value, str(label), self.counts.get(value, 0), TALLY_COLOURS[value])
            for value, label in Tally.choices
        ]

    @property
    def done(self) -> int:
        return self.counts[Tally.DONE_ON_TIME] + self.counts[Tally.DONE_LATE]

    @property
    def counted(self) -> int:
        return sum(self.counts.values())

    @property
    def completion_rate(self) -> int:
        """Share of judged occurrences that are done, in percent."""
        return round(100 * self.done / self.counted) if self.counted else 0


def summarize(states: Sequence[TaskState]) -> Summary:
    counts: Counter[str] = Counter()
    for state in states:
        counts.update(state.tallies())
    paused = sum(1 for s in states if s.status == Status.PAUSED)
    return Summary(counts, paused, len(states), rollup(states))
