"""Who may open each page of the directives module; everyone else is refused."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from lienhiep.core.models import Role
from lienhiep.core.testing import AccessCheck, World, access_cases, assert_access, client_for
from lienhiep.directives.models import DocumentAttachment, EvidenceFile, ReportStatus
from lienhiep.directives.testing import (
    MANAGERS,
    MODULE_READERS,
    PLAN_DECIDERS,
    PROVINCE_READERS,
    build_directives,
    make_report,
)

URGERS = PROVINCE_READERS
REPORTER = frozenset({Role.UNIT_REPORTER})


def _plan(world: World) -> list[Any]:
    return [build_directives(world).plan.pk]


def _own_task(world: World) -> list[Any]:
    return [build_directives(world).own_task.pk]


def _pending_report(world: World) -> list[Any]:
    d = build_directives(world)
    report = make_report(d.own_task, percent=30, status=ReportStatus.SUBMITTED)
    return [report.pk]


def _attachment(world: World) -> list[Any]:
    plan = build_directives(world).plan
    attachment = DocumentAttachment(document=plan, name="ke-hoach.pdf", size=9)
    attachment.file.save("ke-hoach.pdf", ContentFile(b"%PDF-1.4\n"), save=False)
    attachment.save()
    return [attachment.pk]


def _evidence(world: World) -> list[Any]:
    d = build_directives(world)
    report = make_report(d.own_task, percent=30, status=ReportStatus.SUBMITTED)
    evidence = EvidenceFile(report=report, name="bien-ban.pdf", size=9)
    evidence.file.save("bien-ban.pdf", ContentFile(b"%PDF-1.4\n"), save=False)
    evidence.save()
    return [evidence.pk]


def _document_data(world: World) -> dict[str, Any]:
    return {
        "kind": "plan",
        "symbol": "200-KH/TU",
        "issuer": build_directives(world).party_committee.pk,
        "issued_on": "01/02/2026",
        "title": "Kế hoạch thử",
    }


def _task_data(world: World) -> dict[str, Any]:
    return {"content": "Nhiệm vụ thử", "lead": world.unit.pk, "deadline": "31/12/2026"}


def _report_data(world: World) -> dict[str, Any]:
    return {"organization": world.unit.pk, "percent": 20, "narrative": "Đã triển khai."}


CHECKS = [
    AccessCheck("directives:document_list", MODULE_READERS),
    AccessCheck("directives:document_create", MANAGERS),
    AccessCheck("directives:document_create", MANAGERS, method="post", data=_document_data),
    AccessCheck("directives:document_detail", MODULE_READERS, args=_plan),
    AccessCheck("directives:document_edit", MANAGERS, args=_plan),
    AccessCheck("directives:document_history", PROVINCE_READERS, args=_plan),
    AccessCheck("directives:attachment_upload", MANAGERS, args=_plan, method="post"),
    AccessCheck("directives:attachment_download", MODULE_READERS, args=_attachment),
    AccessCheck("directives:document_export", PROVINCE_READERS, args=_plan, method="post"),
    AccessCheck("directives:task_create", MANAGERS, args=_plan),
    AccessCheck("directives:task_create", MANAGERS, args=_plan, method="post", data=_task_data),
    AccessCheck("directives:my_tasks", REPORTER),
    AccessCheck("directives:overdue_list", MODULE_READERS),
    AccessCheck("directives:dashboard", MODULE_READERS),
    AccessCheck("directives:task_detail", MODULE_READERS, args=_own_task),
    AccessCheck("directives:task_edit", MANAGERS, args=_own_task),
    AccessCheck("directives:task_history", PROVINCE_READERS, args=_own_task),
    AccessCheck("directives:report_create", REPORTER, args=_own_task),
    AccessCheck(
        "directives:report_create", REPORTER, args=_own_task, method="post", data=_report_data
    ),
    AccessCheck(
        "directives:task_urge",
        URGERS,
        args=_own_task,
        method="post",
        data=lambda w: {"message": "Đề nghị báo cáo."},
    ),
    AccessCheck(
        "directives:task_comment",
        URGERS,
        args=_own_task,
        method="post",
        data=lambda w: {"text": "Ý kiến."},
    ),
    AccessCheck(
        "directives:report_decide",
        PLAN_DECIDERS,
        args=_pending_report,
        method="post",
        data=lambda w: {"decision": "accept"},
    ),
    AccessCheck("directives:evidence_download", PROVINCE_READERS | REPORTER, args=_evidence),
]


@pytest.mark.parametrize(("check", "actor"), access_cases(CHECKS))
def test_access(world: World, check: AccessCheck, actor: str) -> None:
    assert_access(check, world, actor)


@pytest.mark.django_db
def test_unit_reporter_cannot_see_other_units_tasks(world: World) -> None:
    d = build_directives(world)
    client = client_for(world, Role.UNIT_REPORTER)
    assert (
        client.get(reverse("directives:task_detail", args=[d.foreign_task.pk])).status_code == 404
    )
    page = client.get(reverse("directives:document_detail", args=[d.plan.pk])).content.decode()
    assert d.own_task.content in page
    assert d.coordinated_task.content in page
    assert d.foreign_task.content not in page


@pytest.mark.django_db
def test_coordinating_unit_does_not_see_another_units_pending_report(world: World) -> None:
    d = build_directives(world)
    pending = make_report(
        d.coordinated_task,
        world.union,
        percent=10,
        status=ReportStatus.SUBMITTED,
        narrative="Bản nháp của Liên hiệp Hội",
    )
    page = client_for(world, Role.UNIT_REPORTER).get(
        reverse("directives:task_detail", args=[d.coordinated_task.pk])
    )
    assert page.status_code == 200
    assert pending.narrative not in page.content.decode()
