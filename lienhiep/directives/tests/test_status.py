"""A task's status follows from its deadline and accepted reports, never from typing."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from lienhiep.core.testing import World
from lienhiep.directives.models import Recurrence, ReportStatus
from lienhiep.directives.status import Status, Tally, evaluate, period_containing, summarize
from lienhiep.directives.testing import (
    TODAY,
    build_directives,
    make_document,
    make_report,
    make_task,
)

D = datetime.date
pytestmark = pytest.mark.django_db


def _status(task, today=TODAY):
    return evaluate([task], today)[task.pk]


def test_task_without_reports_is_not_started_until_its_deadline(world: World) -> None:
    task = build_directives(world).own_task
    assert _status(task).status == Status.NOT_STARTED
    assert _status(task, D(2036, 1, 1)).status == Status.OVERDUE


def test_accepted_partial_report_means_in_progress_then_overdue(world: World) -> None:
    task = build_directives(world).own_task
    make_report(task, percent=40, reported_on=D(2026, 6, 1))
    state = _status(task)
    assert (state.status, state.percent) == (Status.IN_PROGRESS, 40)
    late = _status(task, D(2036, 1, 5))
    assert late.status == Status.OVERDUE
    assert late.verdict.days_overdue(D(2036, 1, 5)) == 5


def test_done_on_time_and_done_late_depend_on_the_report_date(world: World) -> None:
    d = build_directives(world)
    make_report(d.own_task, percent=100, reported_on=D(2035, 12, 31))
    make_report(d.coordinated_task, percent=100, reported_on=D(2035, 10, 1))
    states = evaluate([d.own_task, d.coordinated_task], D(2036, 2, 1))
    assert states[d.own_task.pk].status == Status.DONE_ON_TIME
    assert states[d.coordinated_task.pk].status == Status.DONE_LATE


def test_returned_and_pending_reports_do_not_count(world: World) -> None:
    task = build_directives(world).own_task
    make_report(task, percent=100, status=ReportStatus.RETURNED)
    make_report(task, percent=100, status=ReportStatus.SUBMITTED)
    assert _status(task).status == Status.NOT_STARTED


def test_a_report_dated_after_the_day_judged_is_ignored(world: World) -> None:
    task = build_directives(world).own_task
    make_report(task, percent=100, reported_on=D(2026, 7, 1))
    assert _status(task, D(2026, 6, 30)).status == Status.NOT_STARTED


def test_paused_task_stays_paused_and_leaves_the_four_way_counts(world: World) -> None:
    task = build_directives(world).foreign_task
    task.paused = True
    task.pause_reason = "Chờ hướng dẫn của Trung ương"
    task.save()
    state = _status(task)
    assert state.status == Status.PAUSED
    summary = summarize([state])
    assert summary.counted == 0
    assert summary.paused == 1


def test_four_way_counts_cover_every_status(world: World) -> None:
    d = build_directives(world)
    make_report(d.coordinated_task, percent=100, reported_on=D(2026, 6, 1))
    extra = make_task(d.plan, world.union, deadline=D(2026, 5, 1))
    make_report(extra, percent=100, reported_on=D(2026, 5, 20))
    summary = summarize(list(evaluate(d.plan.tasks.all(), TODAY).values()))
    counts = {value: count for value, _label, count, _colour in summary.rows}
    assert counts == {
        Tally.DONE_ON_TIME: 1,
        Tally.DONE_LATE: 1,
        Tally.NOT_DONE_IN_TIME: 1,
        Tally.NOT_DONE_OVERDUE: 1,
    }
    assert summary.completion_rate == 50


def test_quarterly_task_is_judged_per_period(world: World) -> None:
    d = build_directives(world)
    task = make_task(
        d.plan,
        world.unit,
        recurrence=Recurrence.QUARTERLY,
        due_day=20,
        starts_on=D(2026, 1, 1),
    )
    q1 = period_containing(Recurrence.QUARTERLY, 20, D(2026, 2, 10))
    assert (q1.start, q1.due) == (D(2026, 1, 1), D(2026, 3, 20))
    make_report(task, percent=100, reported_on=D(2026, 3, 18), period_start=q1.start)
    state = _status(task)  # 15/6: Q1 done on time, Q2 due 20/6 still open
    assert [o.status for o in state.occurrences] == [Status.DONE_ON_TIME, Status.NOT_STARTED]
    assert state.status == Status.NOT_STARTED
    later = _status(task, D(2026, 7, 1))  # Q2 is now overdue, Q3 has begun
    assert later.status == Status.OVERDUE
    assert later.verdict.period is not None
    assert later.verdict.period.label == "Quý II/2026"


def test_progress_rolls_up_the_cascade_weighted_when_weights_are_set(world: World) -> None:
    d = build_directives(world)
    unit_plan = make_document("15-KH/BCSĐ", world.unit, implements=d.plan)
    first = make_task(unit_plan, world.unit, parent=d.own_task, deadline=D(2026, 9, 1))
    second = make_task(unit_plan, world.unit, parent=d.own_task, deadline=D(2026, 10, 1))
    make_report(first, percent=100, reported_on=D(2026, 6, 1))
    make_report(second, percent=20, reported_on=D(2026, 6, 1))
    assert _status(d.own_task).percent == 60
    first.weight, second.weight = Decimal(3), Decimal(1)
    first.save()
    second.save()
    assert _status(d.own_task).percent == 80
    make_report(second, percent=100, reported_on=D(2026, 6, 10))
    state = _status(d.own_task)
    assert (state.status, state.verdict.done_on) == (Status.DONE_ON_TIME, D(2026, 6, 10))
