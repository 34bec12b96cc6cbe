"""Progress reports: a unit reports, the assigning body returns or accepts, history is kept."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lienhiep.core.models import Notification, Role
from lienhiep.core.testing import World, client_for
from lienhiep.directives.models import EvidenceFile, ProgressReport, Recurrence, ReportStatus
from lienhiep.directives.status import Status, evaluate
from lienhiep.directives.testing import build_directives, make_document, make_report, make_task

pytestmark = pytest.mark.django_db


def _report(client, task, **extra):
    data = {"organization": task.lead_id, "percent": 40, "narrative": "Đã triển khai."}
    data.update(extra)
    return client.post(reverse("directives:report_create", args=[task.pk]), data)


def test_reporter_submits_body_returns_reporter_resubmits_body_accepts(
    world: World, django_capture_on_commit_callbacks
) -> None:
    d = build_directives(world)
    reporter = client_for(world, Role.UNIT_REPORTER)
    body = client_for(world, Role.OVERSIGHT)
    world.users[Role.OVERSIGHT].email = "btg@example.vn"
    world.users[Role.OVERSIGHT].save()

    evidence = SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4 bien ban", "application/pdf")
    with django_capture_on_commit_callbacks(execute=True):
        response = _report(reporter, d.own_task, percent=100, evidence=[evidence])
    assert response.status_code == 302
    first = ProgressReport.objects.get()
    assert first.status == ReportStatus.SUBMITTED
    assert first.evidence.get().name == "bien-ban.pdf"
    assert Notification.objects.filter(user=world.users[Role.OVERSIGHT]).exists()
    assert mail.outbox
    assert mail.outbox[0].to == ["btg@example.vn"]
    # Pending reports do not count.
    assert (
        evaluate([d.own_task], datetime.date.today())[d.own_task.pk].status != Status.DONE_ON_TIME
    )

    decide = reverse("directives:report_decide", args=[first.pk])
    refused = body.post(decide, {"decision": "return"})
    assert refused.status_code == 302
    first.refresh_from_db()
    assert first.status == ReportStatus.SUBMITTED  # a return needs its reason
    body.post(decide, {"decision": "return", "reason": "Thiếu biên bản có chữ ký."})
    first.refresh_from_db()
    assert (first.status, first.return_reason) == (
        ReportStatus.RETURNED,
        "Thiếu biên bản có chữ ký.",
    )

    form = reporter.get(
        reverse("directives:report_create", args=[d.own_task.pk]) + f"?resubmit={first.pk}"
    )
    assert "Thiếu biên bản có chữ ký." in form.content.decode()
    _report(reporter, d.own_task, percent=100, resubmit=first.pk)
    second = ProgressReport.objects.exclude(pk=first.pk).get()
    assert second.resubmits == first
    body.post(reverse("directives:report_decide", args=[second.pk]), {"decision": "accept"})
    second.refresh_from_db()
    assert second.status == ReportStatus.ACCEPTED
    assert (
        evaluate([d.own_task], datetime.date.today())[d.own_task.pk].status == Status.DONE_ON_TIME
    )

    page = body.get(reverse("directives:task_detail", args=[d.own_task.pk])).content.decode()
    assert page.count('id="report-') == 2  # both reports stay in the task's timeline
    history = body.get(reverse("directives:task_history", args=[d.own_task.pk])).content.decode()
    assert history.count("Thiếu biên bản có chữ ký.") >= 1


def test_a_decided_report_cannot_be_decided_again(world: World) -> None:
    d = build_directives(world)
    _report(client_for(world, Role.UNIT_REPORTER), d.own_task)
    report = ProgressReport.objects.get()
    body = client_for(world, Role.OVERSIGHT)
    body.post(reverse("directives:report_decide", args=[report.pk]), {"decision": "accept"})
    body.post(
        reverse("directives:report_decide", args=[report.pk]),
        {"decision": "return", "reason": "Đổi ý"},
    )
    report.refresh_from_db()
    assert report.status == ReportStatus.ACCEPTED


def test_union_staff_cannot_decide_on_a_party_plan(world: World) -> None:
    d = build_directives(world)
    _report(client_for(world, Role.UNIT_REPORTER), d.own_task)
    report = ProgressReport.objects.get()
    response = client_for(world, Role.UNION_STAFF).post(
        reverse("directives:report_decide", args=[report.pk]), {"decision": "accept"}
    )
    assert response.status_code == 403
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("virus.exe", b"MZ\x90\x00", "chỉ nhận tệp"),
        ("gia-mao.pdf", b"MZ\x90\x00 not a pdf", "không thực sự là tệp pdf"),
        ("rong.pdf", b"", "rỗng"),
    ],
)
def test_bad_evidence_is_refused_in_vietnamese_and_nothing_is_saved(
    world: World, name: str, content: bytes, message: str
) -> None:
    d = build_directives(world)
    upload = SimpleUploadedFile(name, content)
    response = _report(client_for(world, Role.UNIT_REPORTER), d.own_task, evidence=[upload])
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ProgressReport.objects.exists()
    assert not EvidenceFile.objects.exists()


def test_evidence_larger_than_the_limit_is_refused(world: World, settings) -> None:
    settings.UPLOAD_MAX_MB = 1
    d = build_directives(world)
    upload = SimpleUploadedFile("lon.pdf", b"%PDF" + b"0" * (1024 * 1024 + 1))
    response = _report(client_for(world, Role.UNIT_REPORTER), d.own_task, evidence=[upload])
    assert "lớn hơn 1 MB" in response.content.decode()
    assert not ProgressReport.objects.exists()


def test_report_without_required_fields_gets_vietnamese_errors(world: World) -> None:
    d = build_directives(world)
    response = client_for(world, Role.UNIT_REPORTER).post(
        reverse("directives:report_create", args=[d.own_task.pk]), {"percent": 140}
    )
    page = response.content.decode()
    assert "Trường này là bắt buộc." in page
    assert not ProgressReport.objects.exists()


def test_coordinating_unit_reports_in_its_own_name(world: World) -> None:
    d = build_directives(world)
    response = _report(
        client_for(world, Role.UNIT_REPORTER), d.coordinated_task, organization=world.unit.pk
    )
    assert response.status_code == 302
    assert ProgressReport.objects.get().organization == world.unit
    # It may not report in the lead unit's name.
    response = _report(
        client_for(world, Role.UNIT_REPORTER), d.coordinated_task, organization=world.union.pk
    )
    assert response.status_code == 200
    assert ProgressReport.objects.count() == 1


def test_recurring_task_report_names_its_period(world: World) -> None:
    d = build_directives(world)
    task = make_task(
        d.plan,
        world.unit,
        recurrence=Recurrence.QUARTERLY,
        due_day=20,
        starts_on=datetime.date(2024, 1, 1),
    )
    client = client_for(world, Role.UNIT_REPORTER)
    assert _report(client, task).status_code == 200  # no period chosen
    response = _report(client, task, period="2026-04-01")
    assert response.status_code == 302
    assert ProgressReport.objects.get().period_start == datetime.date(2026, 4, 1)


def test_home_lists_the_reports_awaiting_this_users_decision_only(world: World) -> None:
    d = build_directives(world)
    union_plan = make_document("20-KH/LHH", world.union, title="Kế hoạch của Liên hiệp Hội")
    union_task = make_task(union_plan, world.union)
    for _ in range(12):  # many reports the oversight user does not decide on
        make_report(union_task, status=ReportStatus.SUBMITTED)
    make_report(d.own_task, percent=30, status=ReportStatus.SUBMITTED)

    def waiting(role: str) -> list[str]:
        sections = client_for(world, role).get(reverse("core:home")).context["sections"]
        section = next(s for s in sections if s.title == "Báo cáo tiến độ chờ xử lý")
        return [item.label for item in section.items]

    assert waiting(Role.OVERSIGHT) == [f"{world.unit.display_name} — 137-KH/TU: {d.own_task}"]
    assert all("20-KH/LHH" in label for label in waiting(Role.UNION_STAFF))
    assert len(waiting(Role.UNION_STAFF)) == 10
