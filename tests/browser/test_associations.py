"""The member association registry in a real browser: an association keeps its own page,
the Union exports the list."""

from __future__ import annotations

import re
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from lienhiep.associations.models import ActivityReport, MemberCount
from lienhiep.associations.testing import PDF_BYTES, add_count, build_associations
from lienhiep.core.models import Role
from lienhiep.core.testing import World, run_worker
from tests.browser.test_journeys import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_association_staff_record_correct_and_withdraw_on_their_page(
    page: Any, live_server: Any, world: World, tmp_path: Path
) -> None:
    own = build_associations(world).own
    log_in(page, live_server.url, Role.ASSOCIATION_STAFF)
    page.goto(f"{live_server.url}/associations/")
    page.wait_for_url(f"**{own.get_absolute_url()}")  # their one association opens directly
    main = page.locator("main")

    page.locator("#count_year").fill("2025")
    page.locator("#count_members").fill("1200")
    page.get_by_role("button", name="Ghi", exact=True).click()
    expect(main).to_contain_text("1.200")  # grouped the Vietnamese way

    page.get_by_role("link", name="Sửa số hội viên năm 2025").click()
    page.get_by_label("Số hội viên").fill("-1")
    page.get_by_role("button", name="Lưu").click()
    expect(main).to_contain_text("lớn hơn hoặc bằng với 0")
    assert MemberCount.objects.get().members == 1200  # nothing saved from a refused form
    page.get_by_label("Số hội viên").fill("120")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_role("status")).to_contain_text("Đã sửa số hội viên")
    assert MemberCount.objects.get().members == 120

    wrong = tmp_path / "nham-tep.pdf"
    wrong.write_bytes(PDF_BYTES)
    page.locator("#report_year").fill("2025")
    page.locator("#report_upload").set_input_files(str(wrong))
    page.get_by_role("button", name="Nộp").click()
    expect(main).to_contain_text("nham-tep.pdf")
    page.get_by_role("link", name="Rút lại báo cáo năm 2025").click()
    expect(main).to_contain_text("Tệp nham-tep.pdf sẽ bị xóa")
    page.get_by_role("button", name="Rút lại").click()
    expect(page.get_by_role("status")).to_contain_text("Đã rút báo cáo")
    assert not ActivityReport.objects.exists()

    page.get_by_role("link", name="Lịch sử thay đổi").click()
    expect(main).to_contain_text("báo cáo hoạt động năm 2025 (nham-tep.pdf)")
    expect(main).to_contain_text("1.200")


def test_union_staff_export_the_filtered_list(page: Any, live_server: Any, world: World) -> None:
    associations = build_associations(world)
    add_count(associations.other, 2025, 90)
    log_in(page, live_server.url, Role.UNION_STAFF)
    page.goto(f"{live_server.url}/associations/")
    page.get_by_label("Lĩnh vực KH&CN").select_option("agricultural")
    page.get_by_role("button", name="Lọc").click()
    page.get_by_role("button", name="Xuất ra Excel").click()
    page.wait_for_url("**/jobs/**")

    run_worker()  # what the worker started by `make run` does in the background

    download_link = page.get_by_role("link", name=re.compile("^Tải về"))
    download_link.wait_for()
    with page.expect_download() as download:
        download_link.click()
    workbook = load_workbook(BytesIO(Path(download.value.path()).read_bytes()))
    names = [row[1] for row in workbook.worksheets[0].iter_rows(min_row=3, values_only=True)]
    assert names == ["Hội Làm vườn tỉnh"]
