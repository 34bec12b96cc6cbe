"""The reporting loop in a real browser: report, return, resubmit, accept, review report."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from docx import Document

from lienhiep.core.models import Role
from lienhiep.core.testing import World, run_worker
from lienhiep.directives.models import ProgressReport, ReportStatus
from lienhiep.directives.testing import build_directives
from tests.browser.test_journeys import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_out(page: Any) -> None:
    page.locator("details.user-menu summary").click()
    page.get_by_role("button", name="Đăng xuất").click()
    page.wait_for_url("**/accounts/login/")


def open_task(page: Any, content: str) -> None:
    page.get_by_role("link", name=content).first.click()
    page.wait_for_url(re.compile(r".*/directives/tasks/\d+/$"))


def test_report_returned_resubmitted_accepted_then_review_downloads(
    page: Any, live_server: Any, world: World, tmp_path: Path
) -> None:
    d = build_directives(world)
    task = d.own_task
    evidence = tmp_path / "bien-ban.pdf"
    evidence.write_bytes(b"%PDF-1.4\nbien ban hop\n")

    # The unit reporter finds the task on its own list and reports with evidence.
    log_in(page, live_server.url, Role.UNIT_REPORTER)
    page.get_by_role("navigation", name="Menu chính").get_by_role(
        "link", name="Nhiệm vụ của tôi"
    ).click()
    open_task(page, str(task))
    page.get_by_role("link", name="Báo cáo tiến độ").click()
    page.get_by_label("Tiến độ (%)").fill("100")
    page.get_by_label("Nội dung đã thực hiện").fill("Đã ban hành quyết định.")
    page.get_by_label("Tệp minh chứng").set_input_files(str(evidence))
    page.get_by_role("button", name="Gửi báo cáo").click()
    page.wait_for_url(re.compile(r".*/directives/tasks/\d+/$"))
    assert "Chờ xử lý" in page.locator(".timeline").inner_text()
    log_out(page)

    # The assigning body (Propaganda Department) returns it with a reason.
    log_in(page, live_server.url, Role.OVERSIGHT)
    page.get_by_role("link", name=re.compile(re.escape(str(task)))).first.click()
    page.get_by_role("radio", name="Trả lại").check()
    page.get_by_label("Lý do trả lại").fill("Thiếu số và ngày của quyết định.")
    page.get_by_role("button", name="Ghi nhận ý kiến").click()
    assert "Đã trả lại báo cáo cho đơn vị." in page.get_by_role("status").inner_text()
    log_out(page)

    # The reporter sees it returned on the home page, corrects it and resubmits.
    log_in(page, live_server.url, Role.UNIT_REPORTER)
    page.get_by_role("link", name=str(task)).first.click()
    assert "Thiếu số và ngày của quyết định." in page.content()
    page.get_by_label("Nội dung đã thực hiện").fill("Đã ban hành Quyết định số 12/QĐ-UBND.")
    page.get_by_role("button", name="Gửi báo cáo").click()
    page.wait_for_url(re.compile(r".*/directives/tasks/\d+/$"))
    log_out(page)

    # The body accepts the new report: the task is now done on time.
    log_in(page, live_server.url, Role.OVERSIGHT)
    page.get_by_role("link", name=re.compile(re.escape(str(task)))).first.click()
    page.get_by_role("radio", name="Tiếp nhận").check()
    page.get_by_role("button", name="Ghi nhận ý kiến").click()
    assert "Đã tiếp nhận báo cáo." in page.get_by_role("status").inner_text()
    assert "Hoàn thành đúng hạn" in page.locator(".facts").inner_text()
    statuses = list(ProgressReport.objects.order_by("pk").values_list("status", flat=True))
    assert statuses == [ReportStatus.RETURNED, ReportStatus.ACCEPTED]

    # A preliminary review of the plan, written from the data, downloads as .docx.
    page.get_by_role("link", name="137-KH/TU").first.click()
    page.get_by_role("link", name="Báo cáo sơ kết, tổng kết").first.click()
    page.get_by_label(re.compile(r"^Từ ngày")).fill("09/05/2022")
    page.get_by_label(re.compile(r"^Đến ngày")).fill("31/12/2026")
    page.get_by_role("button", name="Viết bản nháp").click()
    page.wait_for_url(re.compile(r".*/directives/reviews/\d+/$"))
    page.get_by_role("button", name="Tải tệp .docx").click()
    page.wait_for_url("**/jobs/**")
    run_worker()
    with page.expect_download() as download_info:
        page.get_by_role("link", name=re.compile("Tải")).first.click()
    target = tmp_path / "so-ket.docx"
    download_info.value.save_as(target)
    document = Document(str(target))
    header = "\n".join(cell.text for row in document.tables[0].rows for cell in row.cells)
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in header  # a Party plan gets a Party-style report
    body = "\n".join(p.text for p in document.paragraphs)
    assert "Kế hoạch số 137-KH/TU" in body
