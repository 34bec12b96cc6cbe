"""Importing a plan's tasks from the Excel table plans arrive with."""

from __future__ import annotations

import datetime
import zipfile
from io import BytesIO
from typing import Any

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from lienhiep.core.actions import do_save_organization
from lienhiep.core.models import Organization, OrganizationKind, Role
from lienhiep.core.testing import World, client_for, run_worker
from lienhiep.directives.importer import (
    MAX_ROWS,
    ImportFileError,
    OrganizationIndex,
    RowsRejected,
    import_plan,
    read_plan,
)
from lienhiep.directives.models import Recurrence, SteeringDocument, Task
from lienhiep.directives.testing import build_directives
from lienhiep.jobs.models import Job, JobStatus
from lienhiep.jobs.runner import run_job, start_job

UNKNOWN = "Không có đơn vị nào tên “{}”: hãy kiểm tra lại tên, hoặc ghi mã đơn vị."
UNREADABLE = (
    "Không đọc được thời hạn “{}”: hãy ghi một ngày (31/12/2026), một năm, một quý "
    "(Quý II/2026), một định kỳ (Hằng quý) hoặc “Thường xuyên”."
)
HEADER = ["STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời hạn", "Sản phẩm"]


def xlsx(*rows: list[Any], sheet_title: str = "Nhiệm vụ") -> BytesIO:
    """A real workbook with the given rows from A1 down; None leaves a cell empty."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = sheet_title
    for row in rows:
        sheet.append(row)
    out = BytesIO()
    workbook.save(out)
    out.seek(0)
    return out


def department(code: str, name: str, short_name: str = "") -> Organization:
    return do_save_organization(
        None,
        Organization(code=code, name=name, short_name=short_name, kind=OrganizationKind.DEPARTMENT),
    )


@pytest.fixture
def plan(world: World) -> SteeringDocument:
    department("SKHCN", "Sở Khoa học và Công nghệ", "Sở KH&CN")
    department("STP", "Sở Tư pháp")
    # Two communes' veterans' associations share a name: only the code tells them apart.
    department("CCB-TP", "Hội Cựu chiến binh")
    department("CCB-PT", "Hội Cựu chiến binh")
    return build_directives(world).plan


def errors_of(source: BytesIO) -> list[tuple[int, str, str]]:
    reading = read_plan(source, OrganizationIndex.active())
    return [(e.row, e.column, e.message) for e in reading.errors]


def test_a_valid_plan_becomes_tasks_after_the_existing_ones(world: World, plan: SteeringDocument):
    source = xlsx(
        ["TỈNH ỦY LAI CHÂU"],
        ["PHỤ LỤC: NHIỆM VỤ TRIỂN KHAI KẾ HOẠCH 137-KH/TU"],
        [
            "TT",
            "Nội dung",
            "Đơn vị chủ trì",
            "Đơn vị phối hợp",
            "Thời gian hoàn thành",
            "Sản phẩm dự kiến",
        ],
        ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)"],
        ["I", "NHIỆM VỤ CHUNG", None, None, None, None],
        [
            1,
            "Quán triệt Kết luận 93",
            "Liên hiệp các Hội KH&KT tỉnh",
            "Ban Tuyên giáo Tỉnh ủy;\nSở Tư pháp",
            datetime.datetime(2026, 9, 30),
            "Hội nghị",
        ],
        [
            "1.1",
            "Báo cáo hằng quý",
            "Liên hiệp các Hội KH&KT tỉnh",
            None,
            "Hằng quý (trước ngày 20)",
            "Báo cáo",
        ],
        ["1.2", "Tổng kết năm", "Liên hiệp các Hội KH&KT tỉnh", None, "Hàng năm", None],
        [],
        ["II", "NHIỆM VỤ CỤ THỂ", None, None, None, None],
        ["a", "Các nhiệm vụ của Sở", None, None, None, None],
        [2, "Sơ kết 6 tháng", "Sở KH&CN", None, "6 tháng", None],
        [3, "Giao ban", "Sở KH&CN", None, "Hằng tháng", None],
        [4, "Ban hành quy chế", "Sở KH&CN", None, "Quý II/2026", None],
        [5, "Rà soát chính sách", "Sở KH&CN", None, 2027, None],
        [6, "Kiểm tra", "Sở KH&CN", None, "15/08/2026", None],
        [7, "Tuyên truyền", "Sở KH&CN", None, "Thường xuyên", None],
        [8, "Hỗ trợ hội", "Sở KH&CN", None, None, None],
    )
    created = import_plan(source, plan, world.users[Role.UNION_STAFF])

    assert created == 10
    tasks = list(plan.tasks.order_by("position").prefetch_related("coordinators"))
    assert len(tasks) == 13  # three were there before
    imported = tasks[3:]
    assert [t.number for t in imported] == ["1", "1.1", "1.2", "2", "3", "4", "5", "6", "7", "8"]
    assert [t.position for t in imported] == list(
        range(tasks[2].position + 1, tasks[2].position + 11)
    )
    first = imported[0]
    assert first.lead.code == "LHH"
    assert sorted(c.code for c in first.coordinators.all()) == ["BTGTU", "STP"]
    assert first.expected_product == "Hội nghị"
    assert first.deadline == datetime.date(2026, 9, 30)
    when = [(t.deadline, t.recurrence, t.due_day) for t in imported[1:]]
    assert when == [
        (None, Recurrence.QUARTERLY, 20),
        (None, Recurrence.YEARLY, 15),
        (None, Recurrence.HALF_YEARLY, 15),
        (None, Recurrence.MONTHLY, 15),
        (datetime.date(2026, 6, 30), "", None),
        (datetime.date(2027, 12, 31), "", None),
        (datetime.date(2026, 8, 15), "", None),
        (None, "", None),
        (None, "", None),
    ]
    assert imported[4].history.first().history_user == world.users[Role.UNION_STAFF]


def test_organizations_match_without_diacritics_by_short_name_or_by_code(plan: SteeringDocument):
    source = xlsx(
        HEADER,
        [1, "Nhiệm vụ một", "lien hiep cac hoi kh&kt tinh", "so kh&cn, hyh", None, None],
        [2, "Nhiệm vụ hai", "LHH", "SỞ KHOA HỌC VÀ CÔNG NGHỆ\n- Hội Làm Vườn Tỉnh", None, None],
        [3, "Nhiệm vụ ba", "ccb-tp", "Hội Y học tỉnh.", None, None],
    )
    reading = read_plan(source, OrganizationIndex.active())
    assert reading.errors == []
    found = [(t.lead.code, sorted(c.code for c in t.coordinators)) for t in reading.tasks]
    assert found == [
        ("LHH", ["HYH", "SKHCN"]),
        ("LHH", ["HLV", "SKHCN"]),
        ("CCB-TP", ["HYH"]),
    ]


def test_every_bad_row_is_reported_with_its_row_number_and_nothing_is_saved(
    world: World, plan: SteeringDocument
):
    before = Task.objects.count()
    source = xlsx(
        ["KẾ HOẠCH 137-KH/TU"],
        HEADER,
        [1, "Đúng", "LHH", None, "31/12/2026", None],
        [2, "Chủ trì lạ", "Sở Du lịch", None, None, None],
        [3, None, "LHH", None, None, None],
        [4, "Thiếu chủ trì", None, "Sở Tư pháp", None, None],
        [],
        [5, "Trùng tên", "Hội Cựu chiến binh", "Sở Tư pháp, Sở Xây dựng", "Quý V/2026", None],
        [6, "Hai chủ trì", "Sở Du lịch; Sở Xây dựng", None, "31/02/2026", None],
        [7, "Đúng nữa", "LHH", None, "Hằng năm", None],
    )
    with pytest.raises(RowsRejected) as rejected:
        import_plan(source, plan, world.users[Role.UNION_STAFF])

    found = [(e.row, e.column, e.message) for e in rejected.value.errors]
    assert found == [
        (
            4,
            "Cơ quan chủ trì",
            UNKNOWN.format("Sở Du lịch"),
        ),
        (5, "Nội dung nhiệm vụ", "Chưa có nội dung nhiệm vụ."),
        (6, "Cơ quan chủ trì", "Chưa có cơ quan chủ trì."),
        (
            8,
            "Cơ quan chủ trì",
            "“Hội Cựu chiến binh” trùng tên với nhiều đơn vị (CCB-PT, CCB-TP): hãy ghi mã đơn vị.",
        ),
        (
            8,
            "Cơ quan phối hợp",
            UNKNOWN.format("Sở Xây dựng"),
        ),
        (
            8,
            "Thời hạn",
            UNREADABLE.format("Quý V/2026"),
        ),
        (
            9,
            "Cơ quan chủ trì",
            "Chỉ ghi một cơ quan chủ trì; các cơ quan khác ghi vào cột “Cơ quan phối hợp”.",
        ),
        (9, "Thời hạn", "“31/02/2026” không phải là một ngày có thật: hãy kiểm tra ngày và tháng."),
    ]
    assert rejected.value.row_count == 5
    assert Task.objects.count() == before


def test_a_sheet_without_the_header_row_is_refused(plan: SteeringDocument):
    source = xlsx(
        *([f"Dòng {n}"] for n in range(12)), ["STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì"]
    )
    with pytest.raises(ImportFileError, match="Không tìm thấy dòng tiêu đề trong 10 dòng đầu"):
        read_plan(source, OrganizationIndex.active())


def test_the_header_may_be_on_a_later_sheet_and_span_two_rows(plan: SteeringDocument):
    workbook = Workbook()
    notes = workbook.active
    assert notes is not None
    notes.append(["Ghi chú: bảng nhiệm vụ ở trang sau."])
    tasks = workbook.create_sheet("Phụ lục")
    tasks.append(["STT", "Nội dung", "Cơ quan thực hiện", None, "Thời hạn"])
    tasks.append([None, None, "Chủ trì", "Phối hợp", None])
    tasks.append([1, "Nhiệm vụ", "LHH", "HYH", "Quý IV năm 2026"])
    source = BytesIO()
    workbook.save(source)
    reading = read_plan(source, OrganizationIndex.active())
    assert reading.errors == []
    [task] = reading.tasks
    assert (task.row, task.lead.code, [c.code for c in task.coordinators]) == (3, "LHH", ["HYH"])
    assert task.deadline.deadline == datetime.date(2026, 12, 31)


@pytest.mark.parametrize(
    "content",
    [b"STT;Noi dung\n1;Viec", b"\xd0\xcf\x11\xe0 an old .xls", b""],
    ids=["csv", "xls", "empty"],
)
def test_a_file_that_is_not_a_workbook_is_refused(plan: SteeringDocument, content: bytes):
    with pytest.raises(ImportFileError, match="không phải là sổ tính Excel"):
        read_plan(BytesIO(content), OrganizationIndex.active())


def test_a_zip_that_is_not_a_workbook_is_refused(plan: SteeringDocument):
    archive = BytesIO()
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("hello.txt", "xin chào")
    with pytest.raises(ImportFileError, match="không phải là sổ tính Excel"):
        read_plan(archive, OrganizationIndex.active())


def test_a_table_longer_than_the_limit_is_refused(plan: SteeringDocument):
    rows = [[n, f"Nhiệm vụ {n}", "LHH", None, None, None] for n in range(1, MAX_ROWS + 2)]
    with pytest.raises(ImportFileError, match=f"nhiều hơn {MAX_ROWS} dòng"):
        read_plan(xlsx(HEADER, *rows), OrganizationIndex.active())


def test_the_upload_form_refuses_wrong_large_and_fake_files(
    world: World, plan: SteeringDocument, settings: Any
):
    settings.UPLOAD_MAX_MB = 1
    client = client_for(world, Role.UNION_STAFF)
    url = reverse("directives:import_tasks", args=[plan.pk])
    cases = {
        "ke-hoach.xls": (b"\xd0\xcf\x11\xe0", "Hãy chọn sổ tính Excel có đuôi .xlsx"),
        "ke-hoach.xlsx": (b"PK\x03\x04" + b"0" * (1024 * 1024), "Tệp lớn hơn 1 MB."),
        "gia.xlsx": (b"%PDF-1.7", "Tệp này không phải là sổ tính Excel (.xlsx), hoặc đã bị hỏng."),
    }
    for name, (content, message) in cases.items():
        response = client.post(url, {"file": SimpleUploadedFile(name, content)})
        assert response.status_code == 200
        assert message in response.content.decode(), name
    assert not Job.objects.exists()


def test_the_form_page_explains_the_columns_and_links_the_sample(
    world: World, plan: SteeringDocument
):
    page = client_for(world, Role.UNION_STAFF).get(
        reverse("directives:import_tasks", args=[plan.pk])
    )
    html = page.content.decode()
    assert 'enctype="multipart/form-data"' in html
    assert reverse("directives:import_template") in html
    assert "Cơ quan chủ trì" in html


def test_the_sample_table_imports_as_it_is(world: World, plan: SteeringDocument):
    response = client_for(world, Role.UNION_LEADER).get(reverse("directives:import_template"))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    reading = read_plan(BytesIO(response.content), OrganizationIndex.active())
    assert reading.errors == []
    assert [t.number for t in reading.tasks] == ["1", "1.1", "2"]
    assert reading.tasks[1].deadline.recurrence == Recurrence.QUARTERLY


def test_a_rejected_import_fails_its_job_and_the_page_lists_the_rows(
    world: World, plan: SteeringDocument
):
    owner = world.users[Role.UNION_STAFF]
    path = default_storage.save("imports/test.xlsx", xlsx(HEADER, [1, "Việc", "Sở Du lịch"]))
    job = start_job(
        "directives.import_tasks",
        title="Nhập",
        owner=owner,
        params={"document_id": plan.pk, "path": path},
    )
    run_job.call(str(job.pk))

    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert job.error.startswith("1 dòng có lỗi nên chưa lưu nhiệm vụ nào.")
    assert job.result["errors"] == [
        {
            "row": 2,
            "column": "Cơ quan chủ trì",
            "message": UNKNOWN.format("Sở Du lịch"),
        }
    ]
    assert not default_storage.exists(path)
    html = client_for(world, Role.UNION_STAFF).get(job.get_absolute_url()).content.decode()
    assert "Sở Du lịch" in html
    assert '<td class="num">2</td>' in html


@pytest.mark.django_db(transaction=True)
def test_an_upload_is_imported_by_the_worker(world: World, plan: SteeringDocument):
    client = client_for(world, Role.UNION_STAFF)
    content = xlsx(HEADER, [1, "Quán triệt", "LHH", "HYH", "Hằng năm", "Hội nghị"]).getvalue()
    response = client.post(
        reverse("directives:import_tasks", args=[plan.pk]),
        {"file": SimpleUploadedFile("Kế hoạch 137.xlsx", content)},
    )
    job = Job.objects.get()
    assert response["Location"] == job.get_absolute_url()
    assert default_storage.exists(job.params["path"])

    run_worker()

    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED, job.error
    assert job.result == {
        "created": 1,
        "next_url": plan.get_absolute_url(),
        "next_label": "Mở văn bản",
    }
    assert plan.tasks.filter(content="Quán triệt", recurrence=Recurrence.YEARLY).exists()
    assert not default_storage.exists(job.params["path"])
    html = client.get(job.get_absolute_url()).content.decode()
    assert plan.get_absolute_url() in html
    assert "Đã nhập 1 nhiệm vụ." in html
