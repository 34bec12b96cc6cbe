"""Review reports (sơ kết / tổng kết): the data, the .docx, the draft, the command and the job."""

from __future__ import annotations

import datetime
from io import BytesIO, StringIO

import docx
import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lienhiep.core.models import OrganizationKind, Role
from lienhiep.core.testing import World, client_for, make_org, run_worker
from lienhiep.directives.models import ReportStatus, ReviewKind, ReviewReport, SteeringDocument
from lienhiep.directives.review import build_review_docx, collect, review_for
from lienhiep.directives.testing import (
    Directives,
    build_directives,
    make_document,
    make_report,
    make_task,
)
from lienhiep.jobs.models import Job, JobStatus

FROM = datetime.date(2026, 1, 1)
TO = datetime.date(2026, 6, 30)
DIFFICULTY = "Kinh phí bố trí cho Liên hiệp Hội còn hạn hẹp"
RETURNED_DIFFICULTY = "Nội dung của báo cáo đã bị trả lại"
PROPOSAL = "Đề nghị bổ sung biên chế cho Văn phòng"


@pytest.fixture
def plan(world: World) -> Directives:
    """Plan 137-KH/TU with one task done, one untouched (a returned report) and one overdue."""
    d = build_directives(world)
    make_report(
        d.own_task,
        percent=100,
        reported_on=datetime.date(2026, 5, 4),
        results="Đã ban hành Nghị quyết về cơ chế đặc thù",
        difficulties=DIFFICULTY,
        proposals=PROPOSAL,
    )
    make_report(
        d.coordinated_task,
        percent=40,
        reported_on=datetime.date(2026, 4, 10),
        status=ReportStatus.RETURNED,
        difficulties=RETURNED_DIFFICULTY,
    )
    return d


def open_docx(content: bytes) -> docx.document.Document:
    return docx.Document(BytesIO(content))


def all_text(document: docx.document.Document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def table_with(document: docx.document.Document, first_header: str, second: str) -> list[list[str]]:
    for table in document.tables:
        header = [cell.text for cell in table.rows[0].cells]
        if header[:2] == [first_header, second]:
            return [[cell.text for cell in row.cells] for row in table.rows[1:]]
    raise AssertionError(f"no table headed {first_header}, {second}")


def draft(plan: Directives, **fields: object) -> ReviewReport:
    review = review_for(plan.plan, FROM, TO, ReviewKind.PRELIMINARY)
    for name, value in fields.items():
        setattr(review, name, value)
    review.save()
    return review


def test_party_plan_review_is_laid_out_in_party_style(plan: Directives) -> None:
    document = open_docx(
        build_review_docx(draft(plan, signer_title="T/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ"))
    )
    header = document.tables[0]
    assert header.cell(0, 1).paragraphs[0].text == "ĐẢNG CỘNG SẢN VIỆT NAM"
    assert header.cell(0, 0).paragraphs[0].text == "TỈNH ỦY"
    assert "BÁO CÁO" in [p.text for p in document.paragraphs]
    summary = "Sơ kết 6 tháng đầu năm 2026 thực hiện Kế hoạch số 137-KH/TU"
    assert any(p.text.replace("\n", " ").startswith(summary) for p in document.paragraphs)
    assert "T/M BAN THƯỜNG VỤ" in all_text(document)


def test_union_plan_review_is_laid_out_in_state_style(world: World) -> None:
    plan = make_document("05/KH-LHH", world.union)
    make_task(plan, world.association, deadline=datetime.date(2026, 3, 1))
    review = review_for(plan, FROM, TO)
    document = open_docx(build_review_docx(review))
    header = document.tables[0]
    assert header.cell(0, 1).paragraphs[0].text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert "ĐẢNG CỘNG SẢN" not in all_text(document)


def test_results_table_lists_each_task_with_its_status_and_result(plan: Directives) -> None:
    document = open_docx(build_review_docx(draft(plan)))
    rows = table_with(document, "TT", "Nội dung nhiệm vụ")
    by_content = {row[1]: row for row in rows}
    own = by_content[plan.own_task.content]
    assert own[2:] == [
        plan.own_task.lead.name,
        "Hoàn thành đúng hạn",
        "Đã ban hành Nghị quyết về cơ chế đặc thù",
    ]
    # The returned 40 % report does not count: the task has not started.
    assert by_content[plan.coordinated_task.content][3] == "Chưa triển khai"
    assert by_content[plan.foreign_task.content][3] == "Quá hạn"


def test_counts_by_status_and_by_unit(plan: Directives) -> None:
    document = open_docx(build_review_docx(draft(plan)))
    by_status = {row[0]: row[1] for row in table_with(document, "Tình trạng", "Số lượng")}
    assert by_status["Hoàn thành đúng hạn"] == "1"
    assert by_status["Chưa hoàn thành, còn trong hạn"] == "1"
    assert by_status["Chưa hoàn thành, đã quá hạn"] == "1"
    assert by_status["Tổng số"] == "3"
    by_unit = {row[1]: row[2:] for row in table_with(document, "TT", "Đơn vị chủ trì")}
    # Tasks, on time, late, within the deadline, overdue, progress.
    assert by_unit[plan.other_unit.name] == ["1", "0", "0", "0", "1", "0"]
    assert by_unit[plan.own_task.lead.name] == ["1", "1", "0", "0", "0", "100"]


def test_difficulties_are_quoted_from_accepted_reports_only(plan: Directives) -> None:
    text = all_text(open_docx(build_review_docx(draft(plan))))
    assert f"{plan.own_task.lead.name}: “{DIFFICULTY}”" in text
    assert PROPOSAL in text
    assert RETURNED_DIFFICULTY not in text


def test_appendix_lists_every_task_with_coordinators_and_deadline(
    plan: Directives, world: World
) -> None:
    document = open_docx(build_review_docx(draft(plan)))
    rows = table_with(document, "TT", "Nội dung nhiệm vụ")  # the results table comes first
    appendix = [
        [cell.text for cell in row.cells]
        for table in document.tables
        if [c.text for c in table.rows[0].cells][-1] == "Tiến độ (%)" and len(table.columns) == 7
        for row in table.rows[1:]
    ]
    assert len(appendix) == len(rows) == 3
    coordinated = next(r for r in appendix if r[1] == plan.coordinated_task.content)
    assert coordinated[3] == world.unit.name
    assert coordinated[4] == "30/09/2035"


def test_reports_after_the_period_are_ignored(plan: Directives) -> None:
    make_report(plan.foreign_task, percent=100, reported_on=datetime.date(2026, 7, 5))
    data = collect(plan.plan, FROM, TO)
    states = {row.task.pk: row.state.status for row in data.rows}
    assert states[plan.foreign_task.pk] == "overdue"


def test_edits_to_the_draft_appear_in_the_docx(plan: Directives, world: World) -> None:
    review = draft(plan)
    client = client_for(world, Role.UNION_STAFF)
    response = client.post(
        reverse("directives:review_detail", args=[review.pk]),
        {
            "kind": ReviewKind.FINAL,
            "period_from": "01/01/2026",
            "period_to": "30/06/2026",
            "symbol": "12-bc/tu",
            "place": "Lai Châu",
            "report_date": "05/07/2026",
            "purpose": "Mục đích do cán bộ viết lại",
            "situation": "Tình hình do cán bộ viết lại",
            # As a browser sends a textarea's lines.
            "difficulties": "- Khó khăn do cán bộ bổ sung\r\n- Khó khăn thứ hai",
            "proposals": "",
            "directions": "- Phương hướng mới",
            "signer_title": "KT. BÍ THƯ\r\nPHÓ BÍ THƯ",
            "signer_name": "Nguyễn Văn An",
        },
    )
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.symbol == "12-BC/TU"
    assert review.signer_title == "KT. BÍ THƯ\nPHÓ BÍ THƯ"
    assert review.difficulties == "- Khó khăn do cán bộ bổ sung\n- Khó khăn thứ hai"
    text = all_text(open_docx(build_review_docx(review)))
    for words in ("Tình hình do cán bộ viết lại", "Khó khăn do cán bộ bổ sung", "Nguyễn Văn An"):
        assert words in text
    assert "Số 12-BC/TU" in text
    assert "Tổng kết 6 tháng đầu năm 2026" in text.replace("\n", " ")


def test_regenerate_refills_the_text_from_the_data(plan: Directives, world: World) -> None:
    review = draft(plan, situation="Viết tay", difficulties="")
    client = client_for(world, Role.OVERSIGHT)
    response = client.post(reverse("directives:review_regenerate", args=[review.pk]))
    assert response.status_code == 302
    review.refresh_from_db()
    assert "Viết tay" not in review.situation
    assert "Tính đến ngày 30/06/2026" in review.situation
    assert DIFFICULTY in review.difficulties


def test_creating_a_draft_writes_its_text_from_the_data(plan: Directives, world: World) -> None:
    client = client_for(world, Role.UNION_LEADER)
    url = reverse("directives:review_create", args=[plan.plan.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "kind": ReviewKind.PRELIMINARY,
            "period_from": "1/1/2026",
            "period_to": "30/6/2026",
            "place": "Lai Châu",
            "report_date": "02/07/2026",
            "signer_title": "PHÓ BÍ THƯ",
            "signer_name": "Lò Văn Bình",
        },
    )
    review = ReviewReport.objects.get()
    assert response["Location"] == review.get_absolute_url()
    assert review.created_by == world.users[Role.UNION_LEADER]
    assert DIFFICULTY in review.difficulties
    assert RETURNED_DIFFICULTY not in review.difficulties
    page = client.get(review.get_absolute_url()).content.decode()
    assert "badge badge--red" in page  # the overdue task in the live preview


def test_a_period_that_ends_before_it_starts_is_refused(plan: Directives, world: World) -> None:
    client = client_for(world, Role.UNION_STAFF)
    response = client.post(
        reverse("directives:review_create", args=[plan.plan.pk]),
        {
            "kind": ReviewKind.PRELIMINARY,
            "period_from": "30/06/2026",
            "period_to": "01/01/2026",
            "place": "Lai Châu",
            "report_date": "02/07/2026",
        },
    )
    assert response.status_code == 200
    assert not ReviewReport.objects.exists()


def test_command_writes_the_file(plan: Directives, tmp_path) -> None:
    out = tmp_path / "so-ket.docx"
    stdout = StringIO()
    call_command(
        "review_report", "137-kh/tu", "--from", "2026-01-01", "--to", "2026-06-30",
        "--out", str(out), stdout=stdout,
    )  # fmt: skip
    assert "3 nhiệm vụ" in stdout.getvalue()
    assert not ReviewReport.objects.exists()  # the unsaved draft stays unsaved
    assert DIFFICULTY in all_text(open_docx(out.read_bytes()))


def test_command_uses_the_stored_draft(plan: Directives, tmp_path) -> None:
    draft(plan, situation="Tình hình đã được biên tập")
    out = tmp_path / "so-ket.docx"
    call_command(
        "review_report", "137-KH/TU", "--from", "2026-01-01", "--to", "2026-06-30",
        "--out", str(out), stdout=StringIO(),
    )  # fmt: skip
    assert "Tình hình đã được biên tập" in all_text(open_docx(out.read_bytes()))


def test_command_fails_clearly_on_an_unknown_symbol_or_bad_date(plan: Directives, tmp_path) -> None:
    out = str(tmp_path / "x.docx")
    with pytest.raises(
        CommandError, match="Không có văn bản chỉ đạo nào mang số, ký hiệu 999-KH/TU"
    ):
        call_command(
            "review_report", "999-kh/tu", "--from", "2026-01-01", "--to", "2026-06-30", "--out", out
        )
    with pytest.raises(CommandError, match="Ngày “30/06/2026” không hợp lệ"):
        call_command(
            "review_report", "137-KH/TU", "--from", "2026-01-01", "--to", "30/06/2026", "--out", out
        )
    with pytest.raises(CommandError, match="Số, ký hiệu"):
        call_command(
            "review_report", "kế hoạch", "--from", "2026-01-01", "--to", "2026-06-30", "--out", out
        )


def _plan_with(world: World, symbol: str, tasks: int) -> SteeringDocument:
    plan = make_document(symbol, world.union)
    units = [
        make_org(f"U{symbol[:3]}{i}", f"Đơn vị {symbol} {i}", OrganizationKind.DEPARTMENT)
        for i in range(3)
    ]
    for index in range(tasks):
        task = make_task(
            plan, units[index % 3], deadline=datetime.date(2026, 3, 31), coordinators=[world.unit]
        )
        make_report(
            task,
            percent=60,
            reported_on=datetime.date(2026, 2, 1),
            difficulties=f"Khó khăn {index}",
        )
    return plan


def test_collecting_the_data_takes_as_many_queries_for_50_tasks_as_for_5(world: World) -> None:
    small, large = _plan_with(world, "01-KH/LHH", 5), _plan_with(world, "02-KH/LHH", 50)
    with CaptureQueriesContext(connection) as few:
        data = collect(small, FROM, TO)
        build_review_docx(ReviewReport(document=small, period_from=FROM, period_to=TO), data)
    with CaptureQueriesContext(connection) as many:
        data = collect(large, FROM, TO)
        build_review_docx(ReviewReport(document=large, period_from=FROM, period_to=TO), data)
    assert len(data.rows) == 50
    assert len(many) == len(few)


@pytest.mark.django_db(transaction=True)
def test_download_runs_in_the_worker(world: World) -> None:
    plan = build_directives(world)
    make_report(
        plan.own_task, percent=100, reported_on=datetime.date(2026, 5, 4), difficulties=DIFFICULTY
    )
    review = review_for(plan.plan, FROM, TO)
    review.save()
    client = client_for(world, Role.UNION_STAFF)
    response = client.post(reverse("directives:review_download", args=[review.pk]))
    job = Job.objects.get()
    assert response["Location"] == job.get_absolute_url()

    run_worker()

    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED, job.error
    assert job.result_filename == "so-ket-137-KH-TU-2026.docx"
    download = client.get(reverse("jobs:download", args=[job.pk]))
    assert DIFFICULTY in all_text(open_docx(download.getvalue()))
