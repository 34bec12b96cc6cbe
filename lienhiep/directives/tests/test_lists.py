"""Document list, document page, working lists and the dashboard: content, search, queries."""

from __future__ import annotations

import datetime
from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from lienhiep.core.models import Role
from lienhiep.core.testing import World, client_for, run_worker
from lienhiep.directives.models import DocumentKind, ReportStatus, SteeringDocument
from lienhiep.directives.testing import build_directives, make_document, make_report, make_task
from lienhiep.jobs.models import Job, JobStatus

pytestmark = pytest.mark.django_db
D = datetime.date


def _grow(world: World, n: int) -> None:
    """Add ``n`` tasks to the plan with reports, led by several units."""
    d = build_directives(world)
    units = [world.unit, world.union, d.other_unit]
    for i in range(n):
        task = make_task(
            d.plan,
            units[i % 3],
            content=f"Nhiệm vụ bổ sung {i}",
            deadline=D(2020, 1, 1) + datetime.timedelta(days=30 * i),
            coordinators=[units[(i + 1) % 3]],
        )
        make_report(task, percent=100 if i % 2 else 40, reported_on=D(2020, 3, 1))
        make_report(task, percent=10, status=ReportStatus.RETURNED)


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx)


@pytest.mark.parametrize(
    ("url_name", "actor"),
    [
        ("directives:document_list", Role.UNION_STAFF),
        ("directives:dashboard", Role.OVERSIGHT),
        ("directives:overdue_list", Role.OVERSIGHT),
        ("directives:my_tasks", Role.UNIT_REPORTER),
        ("directives:document_detail", Role.OVERSIGHT),
        ("directives:document_detail", Role.UNIT_REPORTER),
    ],
)
def test_list_queries_do_not_grow_with_rows(world: World, url_name: str, actor: str) -> None:
    d = build_directives(world)
    url = reverse(url_name, args=[d.plan.pk] if url_name.endswith("detail") else [])
    client = client_for(world, actor)
    _grow(world, 3)
    make_document("299-KH/TU", d.party_committee, implements=d.plan)
    few = _queries(client, url)
    _grow(world, 30)
    for i in range(20):
        make_document(f"{300 + i}-KH/TU", d.party_committee, implements=d.plan)
    assert _queries(client, url) == few


def test_search_ignores_diacritics_and_filters_combine(world: World) -> None:
    d = build_directives(world)
    make_document("210-KH/TU", d.party_committee, title="Phát triển du lịch cộng đồng")
    client = client_for(world, Role.OVERSIGHT)
    url = reverse("directives:document_list")
    page = client.get(url, {"q": "ket luan 93"}).content.decode()
    assert "93-KL/TW" in page
    assert "137-KH/TU" in page  # its title names Kết luận 93 too
    assert "210-KH/TU" not in page
    assert "210-KH/TU" in client.get(url, {"q": "DU LICH"}).content.decode()
    page = client.get(url, {"q": "93", "kind": DocumentKind.CONCLUSION}).content.decode()
    assert "93-KL/TW" in page
    assert "137-KH/TU" not in page
    page = client.get(url, {"year": 2010}).content.decode()
    assert "42-CT/TW" in page
    assert "93-KL/TW" not in page
    assert "210-KH/TU" not in page
    d.directive.in_force = False
    d.directive.save()
    page = client.get(url, {"in_force": "0"}).content.decode()
    assert "42-CT/TW" in page
    assert "137-KH/TU" not in page


def test_document_list_shows_each_documents_counts_of_visible_tasks(world: World) -> None:
    d = build_directives(world)
    make_report(d.own_task, percent=100, reported_on=D(2026, 1, 10))
    url = reverse("directives:document_list")
    page = client_for(world, Role.OVERSIGHT).get(url).content.decode()
    assert "Hoàn thành đúng hạn: 1" in page
    assert "Chưa hoàn thành, quá hạn: 1" in page  # the foreign task, due 31/03/2026
    page = client_for(world, Role.UNIT_REPORTER).get(url).content.decode()
    assert "Chưa hoàn thành, quá hạn" not in page  # it does not see the foreign task


def test_document_page_shows_the_cascade_and_the_four_way_counts(world: World) -> None:
    d = build_directives(world)
    unit_plan = make_document("15-KH/BCSĐ", world.unit, implements=d.plan)
    make_report(d.foreign_task, percent=100, reported_on=D(2026, 3, 1))
    page = (
        client_for(world, Role.OVERSIGHT)
        .get(reverse("directives:document_detail", args=[d.plan.pk]))
        .content.decode()
    )
    for symbol in ("42-CT/TW", "93-KL/TW", unit_plan.symbol):
        assert symbol in page
    assert "Hoàn thành đúng hạn" in page
    assert "Chưa hoàn thành, quá hạn" in page
    assert "badge--green" in page


def test_dashboard_counts_by_lead_unit(world: World) -> None:
    d = build_directives(world)
    make_report(d.own_task, percent=100, reported_on=D(2026, 1, 10))
    page = (
        client_for(world, Role.OVERSIGHT)
        .get(reverse("directives:dashboard"), {"document": d.plan.pk})
        .content.decode()
    )
    assert world.unit.display_name in page
    assert d.other_unit.display_name in page
    assert 'class="stacked-bar"' in page


def test_overdue_list_shows_days_overdue(world: World) -> None:
    d = build_directives(world)
    d.foreign_task.deadline = datetime.date.today() - datetime.timedelta(days=12)
    d.foreign_task.save()
    page = (
        client_for(world, Role.OVERSIGHT).get(reverse("directives:overdue_list")).content.decode()
    )
    assert str(d.foreign_task) in page
    assert '<span class="badge badge--red">12</span>' in page


def test_document_form_rejects_a_malformed_symbol_and_saves_nothing(world: World) -> None:
    d = build_directives(world)
    before = SteeringDocument.objects.count()
    response = client_for(world, Role.UNION_STAFF).post(
        reverse("directives:document_create"),
        {
            "kind": "plan",
            "symbol": "kế hoạch một trăm",
            "issuer": d.party_committee.pk,
            "issued_on": "31/02/2026",
            "title": "Kế hoạch",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Số, ký hiệu không hợp lệ" in page or "hãy nhập theo dạng" in page
    assert SteeringDocument.objects.count() == before


def test_document_cannot_implement_its_own_descendant(world: World) -> None:
    d = build_directives(world)
    response = client_for(world, Role.UNION_STAFF).post(
        reverse("directives:document_edit", args=[d.directive.pk]),
        {
            "kind": "directive",
            "symbol": "42-CT/TW",
            "issuer": d.directive.issuer_id,
            "issued_on": "16/04/2010",
            "title": d.directive.title,
            "implements": d.plan.pk,
            "in_force": "on",
        },
    )
    assert response.status_code == 200
    d.directive.refresh_from_db()
    assert d.directive.implements_id is None


def test_task_form_validates_recurrence(world: World) -> None:
    d = build_directives(world)
    response = client_for(world, Role.UNION_STAFF).post(
        reverse("directives:task_create", args=[d.plan.pk]),
        {"content": "Báo cáo quý", "lead": world.unit.pk, "recurrence": "quarterly"},
    )
    assert "Nhiệm vụ định kỳ cần có ngày hạn." in response.content.decode()
    assert d.plan.tasks.count() == 3


@pytest.mark.django_db(transaction=True)
def test_task_table_exports_to_xlsx_through_the_worker(world: World) -> None:
    d = build_directives(world)
    make_report(d.foreign_task, percent=100, reported_on=D(2026, 3, 1))
    client = client_for(world, Role.OVERSIGHT)
    client.post(reverse("directives:document_export", args=[d.plan.pk]))
    run_worker()
    job = Job.objects.get()
    assert job.status == JobStatus.SUCCEEDED, job.error
    data = client.get(reverse("jobs:download", args=[job.pk])).getvalue()
    sheet = load_workbook(BytesIO(data)).worksheets[0]
    values = [cell for row in sheet.iter_rows(values_only=True) for cell in row if cell]
    assert d.foreign_task.content in values
    assert "Hoàn thành đúng hạn" in values
    assert world.unit.name in values
