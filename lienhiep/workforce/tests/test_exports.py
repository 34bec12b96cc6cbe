"""Export of the finder's results to Excel in the worker, and the log of every export."""

from __future__ import annotations

import datetime
from io import BytesIO
from typing import Any
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import resolve, reverse
from openpyxl import load_workbook

from lienhiep.associations.models import Association
from lienhiep.core.models import Organization, Role, RoleAssignment
from lienhiep.core.testing import World, client_for, run_worker
from lienhiep.jobs.models import Job, JobStatus
from lienhiep.jobs.runner import run_job
from lienhiep.workforce import exports
from lienhiep.workforce.models import Degree, Membership, Person, PersonalDataExport
from lienhiep.workforce.search import PAGE_SIZE

pytestmark = pytest.mark.django_db
EXPORT = "workforce:export"
LOG = "workforce:export_log"
PERSONAL_HEADERS = {"Năm sinh", "Ngày sinh", "Xã, phường", "Điện thoại", "Thư điện tử"}


def _member(world: World, name: str, **fields: Any) -> Person:
    association, _ = Association.objects.get_or_create(organization=world.association)
    person = Person.objects.create(full_name=name, **fields)
    Membership.objects.create(person=person, association=association)
    return person


def _export(client: Client, **filters: str) -> Job:
    """Post the finder's export button with ``filters`` as its query string; run the job."""
    response = client.post(f"{reverse(EXPORT)}?{urlencode(filters)}")
    job = Job.objects.get(pk=resolve(response["Location"]).kwargs["pk"])
    run_job.call(str(job.pk))
    job.refresh_from_db()
    return job


def _sheet(client: Client, job: Job) -> tuple[list[str], list[dict[str, Any]]]:
    """The header and the data rows (as {header: value}) of the job's workbook."""
    assert job.status == JobStatus.SUCCEEDED, job.error
    download = client.get(reverse("jobs:download", args=[job.pk]))
    rows = list(
        load_workbook(BytesIO(download.getvalue())).worksheets[0].iter_rows(values_only=True)
    )
    header = [str(cell) for cell in rows[1]]  # row 1 is the title
    return header, [dict(zip(header, row, strict=True)) for row in rows[2:]]


@pytest.mark.django_db(transaction=True)
def test_union_staff_export_every_page_of_the_search_with_personal_data(world: World) -> None:
    doctor = Degree.objects.get(code="TS")
    for i in range(PAGE_SIZE + 5):
        Person.objects.create(
            full_name=f"Nguyễn Văn Người{i:02}",
            degree=doctor,
            phone=f"0912000{i:03}",
            birth_date=datetime.date(1980, 5, 17),
        )
    Person.objects.create(full_name="Nguyễn Thị Lan")  # no doctorate
    Person.objects.create(full_name="Lò Văn Minh", degree=doctor)  # another name
    client = client_for(world, Role.UNION_STAFF)

    response = client.post(f"{reverse(EXPORT)}?q=nguyen&degree={doctor.pk}")
    job = Job.objects.get(kind=exports.JOB_KIND)
    assert response["Location"] == job.get_absolute_url()
    run_worker()
    job.refresh_from_db()

    header, people = _sheet(client, job)
    assert set(header) >= PERSONAL_HEADERS
    assert len(people) == PAGE_SIZE + 5
    assert people[0]["Họ và tên"] == "Nguyễn Văn Người00"
    assert people[0]["Học vị, trình độ"] == "Tiến sĩ"
    assert people[0]["Điện thoại"] == "0912000000"
    assert people[0]["Ngày sinh"] == datetime.datetime(1980, 5, 17)
    assert people[0]["Năm sinh"] == 1980
    log = PersonalDataExport.objects.get()
    assert log.user == world.users[Role.UNION_STAFF]
    assert log.filters == {"q": "nguyen", "degree": str(doctor.pk)}
    assert log.rows == PAGE_SIZE + 5
    assert log.what == (
        "Danh sách trí thức, có dữ liệu cá nhân (ngày sinh, xã/phường, điện thoại, thư điện tử)"
        " — Tên: nguyen; Học vị, trình độ: Tiến sĩ"
    )


def test_oversight_export_has_no_personal_columns_and_is_logged(world: World) -> None:
    _member(world, "Phạm Thị Lan", phone="0912 345 678", specialty="Nhi khoa", birth_year=1975)
    client = client_for(world, Role.OVERSIGHT)

    header, people = _sheet(client, _export(client))

    assert not PERSONAL_HEADERS & set(header)
    assert people == [
        {
            "STT": 1,
            "Họ và tên": "Phạm Thị Lan",
            "Giới tính": None,
            "Dân tộc": None,
            "Học vị, trình độ": None,
            "Học hàm": None,
            "Lĩnh vực KH&CN": None,
            "Chuyên ngành": "Nhi khoa",
            "Chức vụ": None,
            "Đơn vị công tác": None,
            "Hội thành viên": "Hội Y học tỉnh",
        }
    ]
    log = PersonalDataExport.objects.get()
    assert (log.user, log.filters, log.rows) == (world.users[Role.OVERSIGHT], {}, 1)
    assert log.what == "Danh sách trí thức, không có dữ liệu cá nhân"


def test_an_oversight_export_is_not_narrowed_by_commune(world: World) -> None:
    commune = Organization.objects.create(code="XTD", name="Xã Tam Đường", kind="commune")
    _member(world, "Lò Văn Ở", commune=commune)
    _member(world, "Phạm Thị Lan")
    oversight = client_for(world, Role.OVERSIGHT)
    _header, people = _sheet(oversight, _export(oversight, commune=str(commune.pk)))
    assert [person["Họ và tên"] for person in people] == ["Phạm Thị Lan", "Lò Văn Ở"]
    staff = client_for(world, Role.UNION_STAFF)
    _header, people = _sheet(staff, _export(staff, commune=str(commune.pk)))
    assert [person["Họ và tên"] for person in people] == ["Lò Văn Ở"]


def test_an_english_user_gets_an_english_workbook_and_the_log_stays_in_vietnamese(
    world: World,
) -> None:
    _member(world, "Phạm Thị Lan", specialty="Nhi khoa")
    client = client_for(world, Role.OVERSIGHT)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    header, people = _sheet(client, _export(client, q="lan"))
    assert header[:2] == ["No.", "Full name"]
    assert people[0]["Full name"] == "Phạm Thị Lan"
    log = PersonalDataExport.objects.get()
    assert log.what == "Danh sách trí thức, không có dữ liệu cá nhân — Tên: lan"


def test_association_staff_export_only_their_members_with_personal_data(world: World) -> None:
    _member(world, "Phạm Thị Lan", email="lan@hoiyhoc.vn")
    Person.objects.create(full_name="Đỗ Văn Hải", email="hai@example.vn")
    other, _ = Association.objects.get_or_create(organization=world.other_association)
    stranger = Person.objects.create(full_name="Lý Thị Hoa")
    Membership.objects.create(person=stranger, association=other)
    client = client_for(world, Role.ASSOCIATION_STAFF)

    header, people = _sheet(client, _export(client))

    assert set(header) >= PERSONAL_HEADERS
    assert [(p["Họ và tên"], p["Thư điện tử"]) for p in people] == [
        ("Phạm Thị Lan", "lan@hoiyhoc.vn")
    ]
    assert PersonalDataExport.objects.get().rows == 1


def test_the_export_queries_do_not_grow_with_people(world: World) -> None:
    client = client_for(world, Role.UNION_STAFF)
    doctor = Degree.objects.get(code="TS")
    _member(world, "Phạm Thị Lan", degree=doctor)
    with CaptureQueriesContext(connection) as few:
        _export(client)
    for i in range(30):
        _member(world, f"Lò Văn Người{i}", degree=doctor, birth_year=1980)
    with CaptureQueriesContext(connection) as many:
        job = _export(client)
    # Counted now: the captured queries are read lazily, and the next request clears them.
    assert len(few) > 0
    assert len(many) == len(few)
    assert len(_sheet(client, job)[1]) == 31


def test_the_job_rechecks_the_owner_and_a_refused_export_is_not_logged(world: World) -> None:
    Person.objects.create(full_name="Phạm Thị Lan")
    staff = world.users[Role.UNION_STAFF]
    client = client_for(world, Role.UNION_STAFF)
    client.post(reverse(EXPORT))
    RoleAssignment.objects.filter(user=staff).delete()  # the role is lost before the job runs

    job = Job.objects.get(kind=exports.JOB_KIND)
    run_job.call(str(job.pk))

    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert job.error == "Tài khoản không còn quyền xem cơ sở dữ liệu trí thức."
    assert not job.result_file
    assert not PersonalDataExport.objects.exists()


def test_a_file_that_cannot_be_stored_leaves_no_log_row(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    Person.objects.create(full_name="Phạm Thị Lan")

    def full_disk(*args: Any) -> None:
        raise OSError("No space left on device")

    monkeypatch.setattr(exports, "attach_file", full_disk)
    job = _export(client_for(world, Role.UNION_LEADER))

    assert job.status == JobStatus.FAILED
    assert not PersonalDataExport.objects.exists()


def test_invalid_filters_start_no_job(world: World) -> None:
    response = client_for(world, Role.UNION_STAFF).post(f"{reverse(EXPORT)}?degree=999999")
    assert response["Location"] == f"{reverse('workforce:finder')}?degree=999999"
    assert not Job.objects.exists()


def test_the_finder_offers_the_export_of_its_current_search(world: World) -> None:
    Person.objects.create(full_name="Phạm Thị Lan")
    client = client_for(world, Role.OVERSIGHT)
    page = client.get(reverse("workforce:finder"), {"q": "lan", "after": "x"}).content.decode()
    assert f'action="{reverse(EXPORT)}?q=lan"' in page
    empty = client.get(reverse("workforce:finder"), {"q": "khong-co-ai"}).content.decode()
    assert reverse(EXPORT) not in empty


@pytest.mark.parametrize("role", [Role.OVERSIGHT, Role.ASSOCIATION_STAFF, Role.EXPERT])
def test_roles_outside_the_union_may_not_read_the_log(world: World, role: str) -> None:
    assert client_for(world, role).get(reverse(LOG)).status_code == 403


@pytest.mark.parametrize("role", [Role.EXPERT, Role.UNIT_REPORTER, Role.PUBLIC])
def test_roles_without_the_registry_may_not_export(world: World, role: str) -> None:
    assert client_for(world, role).post(reverse(EXPORT)).status_code == 403
    assert not Job.objects.exists()


def _log(world: World, count: int) -> None:
    PersonalDataExport.objects.bulk_create(
        PersonalDataExport(
            user=world.users[Role.UNION_STAFF],
            what=f"Danh sách trí thức {i}",
            filters={"q": "lan"},
            rows=i,
        )
        for i in range(count)
    )


def test_the_log_lists_newest_first_in_constant_queries(world: World) -> None:
    client = client_for(world, Role.UNION_LEADER)
    _log(world, 2)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse(LOG))
    _log(world, 60)
    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse(LOG))
    assert len(few) > 0
    assert len(many) == len(few)
    entries = list(response.context["page"].object_list)
    assert len(entries) == 50
    assert [(e.created_at, e.pk) for e in entries] == sorted(
        ((e.created_at, e.pk) for e in entries), reverse=True
    )
    html = response.content.decode()
    assert "Nhật ký xuất dữ liệu cá nhân" in html
    assert "Người dùng union_staff" in html


@pytest.mark.parametrize(
    ("role", "shown"),
    [(Role.UNION_STAFF, True), (Role.OVERSIGHT, False), (Role.ASSOCIATION_STAFF, False)],
)
def test_the_finder_links_the_export_log_for_those_who_read_it(
    world: World, role: Role, shown: bool
) -> None:
    page = client_for(world, role).get(reverse("workforce:finder")).content.decode()
    assert (reverse("workforce:export_log") in page) is shown
