"""Daily urging: reminders before a deadline, when overdue, and the copy to the assigning body."""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lienhiep.core.models import Notification, Role
from lienhiep.core.testing import World, make_user, run_worker
from lienhiep.directives.models import Recurrence, Task, Urging, UrgingKind
from lienhiep.directives.status import period_containing
from lienhiep.directives.testing import build_directives, make_document, make_report, make_task
from lienhiep.directives.urging import due_reminders, send_due_urgings, send_reminder
from lienhiep.jobs.models import Job, JobStatus

D = datetime.date
DEADLINE = D(2026, 7, 10)


def _days(start: datetime.date, end: datetime.date) -> list[datetime.date]:
    return [start + datetime.timedelta(n) for n in range((end - start).days + 1)]


def _run(start: datetime.date, end: datetime.date) -> None:
    for day in _days(start, end):
        send_due_urgings(day)


def _urged_on(task: Task, kind: str | None = None) -> list[datetime.date]:
    urgings = Urging.objects.filter(task=task)
    if kind:
        urgings = urgings.filter(kind=kind)
    return sorted(urgings.values_list("sent_on", flat=True))


@pytest.fixture
def task(world: World) -> Task:
    """A task of Plan 137-KH/TU led by the unit reporter's unit, due on 10/07/2026."""
    plan = build_directives(world).plan
    return make_task(plan, world.unit, content="Tổng kết 15 năm Chỉ thị 42", deadline=DEADLINE)


@pytest.mark.django_db
def test_lead_unit_is_reminded_7_3_and_1_days_before_not_5(task: Task) -> None:
    _run(D(2026, 6, 25), DEADLINE)
    assert _urged_on(task) == [D(2026, 7, 3), D(2026, 7, 7), D(2026, 7, 9)]
    seven = Urging.objects.get(task=task, sent_on=D(2026, 7, 3))
    assert (seven.kind, seven.days, seven.due_date) == (UrgingKind.BEFORE_DEADLINE, 7, DEADLINE)
    assert "10/07/2026" in seven.message
    assert "137-KH/TU" in seven.message
    assert "7 ngày" in seven.message
    assert not seven.copied_to_assigner


@pytest.mark.django_db
def test_overdue_task_is_urged_the_day_after_then_every_7_days(task: Task) -> None:
    _run(D(2026, 7, 10), D(2026, 8, 31))
    late = [(d - DEADLINE).days for d in _urged_on(task, UrgingKind.OVERDUE)]
    # Weekly from the first day late, plus the day of escalation (30).
    assert late == [1, 8, 15, 22, 29, 30, 36, 43, 50]
    first = Urging.objects.get(task=task, sent_on=D(2026, 7, 11))
    assert first.days == -1
    assert "quá hạn 1 ngày" in first.message


@pytest.mark.django_db
def test_assigning_body_gets_a_copy_after_30_days_overdue(
    world: World, task: Task, django_capture_on_commit_callbacks
) -> None:
    oversight = world.users[Role.OVERSIGHT]  # the Propaganda Department monitors Plan 137
    copies = Notification.objects.filter(user=oversight, url=task.get_absolute_url())
    with django_capture_on_commit_callbacks(execute=True):
        _run(D(2026, 7, 11), D(2026, 8, 8))
    assert not Urging.objects.filter(task=task, copied_to_assigner=True).exists()
    assert not copies.exists()

    with django_capture_on_commit_callbacks(execute=True):
        counts = send_due_urgings(D(2026, 8, 9))
    urging = Urging.objects.get(task=task, sent_on=D(2026, 8, 9))
    assert (urging.kind, urging.days, urging.copied_to_assigner) == (UrgingKind.OVERDUE, -30, True)
    assert counts["escalated"] >= 1
    assert "quá hạn 30 ngày" in copies.get().text

    with django_capture_on_commit_callbacks(execute=True):
        send_due_urgings(D(2026, 8, 15))  # day 36: the weekly reminder is copied too
    assert copies.count() == 2


@pytest.mark.django_db
def test_running_twice_on_the_same_day_sends_nothing_new(
    world: World, task: Task, django_capture_on_commit_callbacks
) -> None:
    reporter = world.users[Role.UNIT_REPORTER]
    reporter.email = "daumoi@example.vn"
    reporter.save()
    with django_capture_on_commit_callbacks(execute=True):
        first = send_due_urgings(D(2026, 7, 3))
    sent = (Urging.objects.count(), Notification.objects.count(), len(mail.outbox))
    assert first["before"] >= 1

    with django_capture_on_commit_callbacks(execute=True):
        second = send_due_urgings(D(2026, 7, 3))
    assert (Urging.objects.count(), Notification.objects.count(), len(mail.outbox)) == sent
    assert second == {
        "before": 0,
        "overdue": 0,
        "escalated": 0,
        "skipped": first["before"] + first["overdue"],
    }


def _queries_to_judge(day: datetime.date) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as queries:
        reminders = due_reminders(day)
    return len(queries), len(reminders)


@pytest.mark.django_db
def test_judging_takes_the_same_queries_for_few_or_many_tasks(world: World) -> None:
    plan = build_directives(world).plan
    for _ in range(3):
        make_task(plan, world.unit, deadline=DEADLINE)
    few, due_few = _queries_to_judge(D(2026, 7, 3))
    for _ in range(30):
        make_task(plan, world.unit, deadline=DEADLINE)
    many, due_many = _queries_to_judge(D(2026, 7, 3))
    assert (due_few, due_many) == (3, 33)
    assert few == many


@pytest.mark.django_db
def test_a_reminder_lost_to_a_concurrent_run_is_dropped_quietly(
    world: World, task: Task, django_capture_on_commit_callbacks
) -> None:
    # Both runs judged the day before either wrote: the second loses on the
    # (task, day) constraint, in its own savepoint, and tells nobody twice.
    [reminder] = [r for r in due_reminders(D(2026, 7, 3)) if r.task == task]
    with django_capture_on_commit_callbacks(execute=True):
        send_due_urgings(D(2026, 7, 3))
    notified = Notification.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        assert send_reminder(reminder, D(2026, 7, 3)) is False
    assert Urging.objects.filter(task=task).count() == 1
    assert Notification.objects.count() == notified


@pytest.mark.django_db
def test_done_paused_and_repealed_tasks_are_not_urged(world: World, task: Task) -> None:
    plan = build_directives(world).plan
    paused = make_task(
        plan, world.unit, deadline=DEADLINE, paused=True, pause_reason="Chờ ý kiến Thường trực"
    )
    repealed = make_task(
        make_document("05-KH/LHH", world.union, in_force=False), world.unit, deadline=DEADLINE
    )
    make_report(task, percent=100, reported_on=D(2026, 7, 1))
    _run(D(2026, 7, 3), D(2026, 7, 11))
    assert _urged_on(task) == []
    assert _urged_on(paused) == []
    assert _urged_on(repealed) == []


@pytest.mark.django_db
def test_recurring_task_is_judged_on_the_current_periods_due_date(world: World) -> None:
    plan = build_directives(world).plan
    quarterly = make_task(
        plan,
        world.unit,
        content="Báo cáo kết quả thực hiện hằng quý",
        recurrence=Recurrence.QUARTERLY,
        due_day=15,
        starts_on=D(2026, 1, 1),
    )
    # The first quarter is still not reported: overdue since 15/03.
    send_due_urgings(D(2026, 6, 12))  # 3 days before 15/06; 89 days late on Q1, off-schedule
    before = Urging.objects.get(task=quarterly)
    assert (before.kind, before.due_date, before.days) == (
        UrgingKind.BEFORE_DEADLINE,
        D(2026, 6, 15),
        3,
    )
    assert period_containing(Recurrence.QUARTERLY, 15, D(2026, 6, 1)).label in before.message

    send_due_urgings(D(2026, 6, 8))  # 85 days late on Q1, on the weekly schedule: that wins
    overdue = Urging.objects.get(task=quarterly, sent_on=D(2026, 6, 8))
    assert (overdue.kind, overdue.due_date) == (UrgingKind.OVERDUE, D(2026, 3, 15))
    assert period_containing(Recurrence.QUARTERLY, 15, D(2026, 2, 1)).label in overdue.message

    make_report(quarterly, percent=100, period_start=D(2026, 1, 1), reported_on=D(2026, 6, 14))
    send_due_urgings(D(2026, 6, 16))  # Q1 done: the current quarter is one day late
    current = Urging.objects.get(task=quarterly, sent_on=D(2026, 6, 16))
    assert (current.kind, current.due_date, current.days) == (
        UrgingKind.OVERDUE,
        D(2026, 6, 15),
        -1,
    )


@pytest.mark.django_db
def test_settings_change_the_days(settings, task: Task) -> None:
    settings.URGE_DAYS_BEFORE = [5]
    settings.URGE_OVERDUE_EVERY = 3
    settings.URGE_ESCALATE_AFTER = 10
    _run(D(2026, 7, 1), D(2026, 7, 22))
    assert _urged_on(task, UrgingKind.BEFORE_DEADLINE) == [D(2026, 7, 5)]
    overdue = Urging.objects.filter(task=task, kind=UrgingKind.OVERDUE).order_by("sent_on")
    assert [(-u.days, u.copied_to_assigner) for u in overdue] == [
        (1, False),
        (4, False),
        (7, False),
        (10, True),
    ]


@pytest.mark.django_db
def test_lead_units_reporters_hear_in_app_and_by_email(
    world: World, task: Task, django_capture_on_commit_callbacks
) -> None:
    reporter = world.users[Role.UNIT_REPORTER]
    reporter.email = "daumoi@example.vn"
    reporter.save()
    colleague = make_user("daumoi2", world.unit, Role.UNIT_REPORTER)  # no e-mail address
    with django_capture_on_commit_callbacks(execute=True):
        send_due_urgings(D(2026, 7, 9))

    for user in (reporter, colleague):
        notification = Notification.objects.get(user=user)
        assert notification.url == task.get_absolute_url()
        assert "còn 1 ngày" in notification.text
        assert notification.read_at is None
    assert not Notification.objects.exclude(user__in=[reporter, colleague]).exists()
    assert [m.to for m in mail.outbox] == [["daumoi@example.vn"]]
    assert "137-KH/TU" in mail.outbox[0].subject
    assert "10/07/2026" in mail.outbox[0].body


@pytest.mark.django_db
def test_command_now_sends_inline_and_is_idempotent(task: Task) -> None:
    out = StringIO()
    call_command("urge_tasks", "--date", "2026-07-07", "--now", stdout=out)
    assert _urged_on(task) == [D(2026, 7, 7)]
    assert "nhắc việc trước hạn" in out.getvalue()

    again = StringIO()
    call_command("urge_tasks", "--date", "2026-07-07", "--now", stdout=again)
    assert Urging.objects.filter(task=task).count() == 1
    assert "0 nhắc việc trước hạn" in again.getvalue()
    assert not Job.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_command_queues_a_job_that_the_worker_runs(world: World) -> None:
    plan = build_directives(world).plan
    task = make_task(plan, world.unit, deadline=DEADLINE)
    out = StringIO()
    call_command("urge_tasks", "--date", "2026-07-07", stdout=out)
    job = Job.objects.get()
    assert str(job.pk) in out.getvalue()
    assert (job.kind, job.params, job.owner) == (
        "directives.send_urgings",
        {"date": "2026-07-07"},
        None,
    )
    call_command("urge_tasks", "--date", "2026-07-07", stdout=StringIO())
    assert Job.objects.count() == 1  # a waiting job for the day is not queued twice

    run_worker()

    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED, job.error
    assert job.percent == 100
    sent = Urging.objects.filter(sent_on=D(2026, 7, 7))
    assert job.result == {
        "before": sent.filter(kind=UrgingKind.BEFORE_DEADLINE).count(),
        "overdue": sent.filter(kind=UrgingKind.OVERDUE).count(),
        "escalated": sent.filter(copied_to_assigner=True).count(),
        "skipped": 0,
    }
    assert _urged_on(task) == [D(2026, 7, 7)]
    reporter = world.users[Role.UNIT_REPORTER]
    assert Notification.objects.filter(user=reporter, url=task.get_absolute_url()).count() == 1
