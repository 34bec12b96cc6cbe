"""The member association list as a workbook: what it holds, for whom, and at what cost."""

from __future__ import annotations

import datetime
from io import BytesIO
from typing import Any
from urllib.parse import urlencode

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import resolve, reverse
from openpyxl import load_workbook

from lienhiep.associations.testing import (
    add_branch,
    add_count,
    build_associations,
    make_association,
)
from lienhiep.core.models import OrganizationKind, Role
from lienhiep.core.testing import World, client_for, make_org
from lienhiep.jobs.models import Job, JobStatus
from lienhiep.jobs.runner import run_job
from lienhiep.workforce.models import Membership, Person


def _export(client: Client, **filters: str) -> Job:
    """Press the list's export button with ``filters`` in the address; run the job."""
    response = client.post(f"{reverse('associations:export')}?{urlencode(filters)}")
    assert response.status_code == 302
    job = Job.objects.get(pk=resolve(response["Location"]).kwargs["pk"])
    run_job.call(str(job.pk))
    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED, job.error
    return job


def _sheets(client: Client, job: Job) -> list[list[tuple[Any, ...]]]:
    content = client.get(reverse("jobs:download", args=[job.pk])).getvalue()
    workbook = load_workbook(BytesIO(content))
    return [list(sheet.iter_rows(values_only=True)) for sheet in workbook.worksheets]


def _member(association: Any, name: str, left_on: datetime.date | None = None) -> None:
    person = Person.objects.create(full_name=name)
    Membership.objects.create(person=person, association=association, left_on=left_on)


def test_the_workbook_holds_each_profile_and_the_counts_by_year(world: World) -> None:
    associations = build_associations(world)
    own = associations.own
    own.vice_presidents = "Vàng Văn Pao\nTòng Văn Păng"
    own.save()
    add_count(own, 2024, 200)
    add_count(own, 2025, 235)
    add_count(associations.other, 2025, 90)
    add_branch(own, "Chi hội Sìn Hồ")
    add_branch(own, "Chi hội Bình Lư")
    _member(own, "Lò Thị Xuân")
    _member(own, "Tao Văn Hùng", left_on=datetime.date(2025, 1, 1))
    client = client_for(world, Role.UNION_STAFF)
    profiles, by_year = _sheets(client, _export(client))
    assert profiles[0][0].startswith("Danh sách hội thành viên ngày ")
    header = profiles[1]
    rows = {row[header.index("Tên")]: dict(zip(header, row, strict=True)) for row in profiles[2:]}
    # Vietnamese order: Làm vườn before Y học.
    assert list(rows) == ["Hội Làm vườn tỉnh", "Hội Y học tỉnh"]
    mine = rows["Hội Y học tỉnh"]
    assert mine["Tên viết tắt"] == "HYH"
    assert mine["Các phó chủ tịch"] == "Vàng Văn Pao; Tòng Văn Păng"
    assert mine["Đại hội gần nhất"] == datetime.datetime(2023, 3, 20)
    assert (mine["Số hội viên (lần ghi gần nhất)"], mine["Năm của số liệu"]) == (235, 2025)
    assert mine["Số chi hội đã ghi"] == 2
    assert mine["Hội viên trong cơ sở dữ liệu"] == 1  # the one who left is not counted
    assert rows["Hội Làm vườn tỉnh"]["Số chi hội đã ghi"] == 0
    assert by_year[1] == ("Hội thành viên", "2024", "2025")
    assert by_year[2:] == [
        ("Hội Làm vườn tỉnh", None, 90),
        ("Hội Y học tỉnh", 200, 235),
        ("Tổng số", 200, 325),
    ]


def test_the_workbook_follows_the_list_filters(world: World) -> None:
    build_associations(world)
    client = client_for(world, Role.OVERSIGHT)
    profiles, _by_year = _sheets(client, _export(client, field="agricultural"))
    assert [row[1] for row in profiles[2:]] == ["Hội Làm vườn tỉnh"]
    profiles, _by_year = _sheets(client, _export(client, q="y hoc"))
    assert [row[1] for row in profiles[2:]] == ["Hội Y học tỉnh"]


def test_association_staff_export_only_their_own_association(world: World) -> None:
    build_associations(world)
    client = client_for(world, Role.ASSOCIATION_STAFF)
    profiles, _by_year = _sheets(client, _export(client))
    assert [row[1] for row in profiles[2:]] == ["Hội Y học tỉnh"]


def test_the_list_offers_the_export_with_its_filters(world: World) -> None:
    build_associations(world)
    page = client_for(world, Role.UNION_STAFF).get(
        reverse("associations:list"), {"status": "active"}
    )
    assert f'action="{reverse("associations:export")}?status=active"' in page.content.decode()


def _export_queries(world: World) -> int:
    client = client_for(world, Role.UNION_STAFF)
    response = client.post(reverse("associations:export"))
    job_id = str(resolve(response["Location"]).kwargs["pk"])
    with CaptureQueriesContext(connection) as queries:
        run_job.call(job_id)
    assert Job.objects.get(pk=job_id).status == JobStatus.SUCCEEDED
    return len(queries)


def test_the_export_runs_the_same_number_of_queries_for_2_or_22_associations(
    world: World,
) -> None:
    build_associations(world)
    few = _export_queries(world)
    for n in range(20):
        organization = make_org(
            f"H{n:03d}", f"Hội số {n}", OrganizationKind.ASSOCIATION, world.union
        )
        association = make_association(organization)
        add_count(association, 2025, n + 1)
        add_branch(association)
        _member(association, f"Người số {n}")
    assert _export_queries(world) == few
