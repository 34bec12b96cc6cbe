"""Roster import in a real browser: the TCVN3 sample with merged headers, then a fixed file."""

from __future__ import annotations

import re
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from lienhiep.associations.models import Association
from lienhiep.core.models import Role
from lienhiep.core.testing import World, run_worker
from lienhiep.workforce.models import Degree, Person, RosterImport
from lienhiep.workforce.search import PAGE_SIZE
from tests.browser.test_directives import log_out
from tests.browser.test_journeys import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SAMPLE = (
    Path(__file__).resolve().parents[2]
    / "lienhiep"
    / "workforce"
    / "samples"
    / "danh-sach-tcvn3-gop-o.xlsx"
)


def corrected_sample(target: Path) -> Path:
    """The TCVN3 sample with its two deliberate errors corrected, as an office would."""
    workbook = load_workbook(SAMPLE)
    sheet = workbook.active
    assert sheet is not None
    for cell in sheet[16]:
        if isinstance(cell.value, str) and cell.value.startswith("09123"):
            cell.value = "0912345678"
    sheet.cell(row=28, column=3).value = None  # the birth year was in both Nam and Nữ
    workbook.save(target)
    return target


def upload(page: Any, base_url: str, path: Path) -> None:
    page.goto(f"{base_url}/people/import/")
    page.get_by_label("Tệp danh sách").set_input_files(str(path))
    page.get_by_role("button", name="Đọc thử tệp").click()
    page.wait_for_url(re.compile(r".*/people/import/[0-9a-f-]+/$"))
    run_worker()


def test_import_tcvn3_roster_preview_errors_commit_and_undo(
    page: Any, live_server: Any, world: World, tmp_path: Path
) -> None:
    Association.objects.get_or_create(organization=world.association)
    log_in(page, live_server.url, Role.ASSOCIATION_STAFF)
    page.get_by_role("navigation", name="Menu chính").get_by_role("link", name="Trí thức").click()
    page.get_by_role("link", name="Nhập danh sách hội viên").click()

    # The legacy file: converted to Unicode in the preview, its two errors listed.
    upload(page, live_server.url, SAMPLE)
    page.get_by_role("heading", name="Các dòng đầu tiên, đúng như sẽ được lưu").wait_for(
        timeout=15_000
    )
    errors = page.locator("table.job-errors")
    assert [
        cell.strip() for cell in errors.locator("tbody tr td:first-child").all_inner_texts()
    ] == [
        "16",
        "28",
    ]
    assert "TCVN3" in page.content()
    assert "Nguyễn Thị Dũng" in page.locator("main").inner_text()  # converted to Unicode
    assert page.get_by_role("button", name="Ghi vào cơ sở dữ liệu").count() == 0
    assert Person.objects.count() == 0

    # The corrected file commits; the history offers to undo it.
    upload(page, live_server.url, corrected_sample(tmp_path / "da-sua.xlsx"))
    page.get_by_role("button", name="Ghi vào cơ sở dữ liệu").click(timeout=15_000)
    page.wait_for_url("**/jobs/**")
    run_worker()
    page.reload()
    page.get_by_role("link", name="Mở lịch sử nhập danh sách").click()
    assert Person.objects.count() == 30
    assert "Nguyễn Thị Dũng" in set(Person.objects.values_list("full_name", flat=True))
    # Undo runs in the worker too; its page leads back to the history.
    page.get_by_role("button", name="Hoàn tác lần nhập này").click()
    page.wait_for_url("**/jobs/**")
    run_worker()
    page.reload()
    assert "Đã hoàn tác lần nhập (30 bản ghi" in page.locator("main").inner_text()
    page.get_by_role("link", name="Mở lịch sử nhập danh sách").click()
    assert "đã hoàn tác" in page.locator("main").inner_text()
    assert Person.objects.count() == 0
    assert RosterImport.objects.get().undone_at is not None
    log_out(page)


def test_finder_results_follow_the_search_box_pages_and_the_back_button(
    page: Any, live_server: Any, world: World
) -> None:
    doctor = Degree.objects.get(code="TS")
    for i in range(PAGE_SIZE + 5):
        Person.objects.create(full_name="Lò Văn Minh", employer=f"Trạm số {i}", degree=doctor)
    Person.objects.create(full_name="Lò Thị Minh", employer="Bệnh viện tỉnh")
    Person.objects.create(full_name="Hoàng Thị Mai", employer="Sở Y tế")
    log_in(page, live_server.url, Role.UNION_STAFF)
    page.get_by_role("navigation", name="Menu chính").get_by_role("link", name="Trí thức").click()
    page.wait_for_url("**/people/")
    # A mark the page keeps until it is loaded again: the results below come without that.
    page.evaluate("window.notReloaded = true")
    rows = page.locator("#finder-results tbody tr")

    # Typed without diacritics, no Enter: the results follow the box.
    page.get_by_role("searchbox", name="Tên").fill("lo minh")
    page.wait_for_url(re.compile(r".*[?&]q=lo(\+|%20)minh"))
    expect(rows).to_have_count(PAGE_SIZE)
    expect(rows.first).to_contain_text("Lò Thị Minh")  # Thị before Văn, as Vietnamese sorts

    # A filter narrows them as soon as it is chosen; the next page follows the cursor.
    page.get_by_label("Học vị, trình độ").select_option(label=str(doctor))
    page.wait_for_url(re.compile(r".*degree=\d+"))
    expect(rows.first).to_contain_text("Lò Văn Minh")
    page.get_by_role("link", name="Trang sau").click()
    page.wait_for_url(re.compile(r".*after="))
    expect(rows).to_have_count(5)
    expect(page.get_by_role("link", name="Trang đầu")).to_be_visible()

    # Back returns to the first page of the same search; a name nobody has says so.
    page.go_back()
    expect(rows).to_have_count(PAGE_SIZE)
    # The language switch keeps the search and its filters.
    page.get_by_label("Ngôn ngữ").select_option("en")
    page.get_by_role("button", name="Chuyển").click()
    page.wait_for_url(re.compile(r".*[?&]q=lo(\+|%20)minh.*degree=\d+|.*degree=\d+.*q=lo"))
    expect(page.get_by_role("searchbox", name="Name")).to_have_value("lo minh")
    expect(rows).to_have_count(PAGE_SIZE)
    page.get_by_label("Language").select_option("vi")
    page.get_by_role("button", name="Switch").click()
    page.wait_for_load_state()
    page.evaluate("window.notReloaded = true")
    page.get_by_role("searchbox", name="Tên").fill("hoang minh")
    expect(page.locator("#finder-results")).to_contain_text("Không tìm thấy ai phù hợp.")
    assert page.evaluate("window.notReloaded") is True
    log_out(page)


def test_association_staff_add_correct_and_see_off_a_member(
    page: Any, live_server: Any, world: World
) -> None:
    Association.objects.get_or_create(organization=world.association)
    log_in(page, live_server.url, Role.ASSOCIATION_STAFF)
    page.goto(f"{live_server.url}/people/")
    page.get_by_role("link", name="Thêm trí thức").click()

    page.get_by_label("Họ và tên").fill("Lò Văn Thắng")
    page.get_by_label("Ngày/năm sinh").fill("1850")
    page.get_by_label("Điện thoại").fill("09123")
    page.get_by_role("button", name="Lưu").click()
    main = page.locator("main")
    expect(main).to_contain_text("“09123” không phải số điện thoại.")
    expect(main).to_contain_text("“1850” không phải ngày hay năm")
    assert Person.objects.count() == 0
    assert page.get_by_label("Họ và tên").input_value() == "Lò Văn Thắng"  # nothing typed is lost

    page.get_by_label("Ngày/năm sinh").fill("09/05/1975")
    page.get_by_label("Điện thoại").fill("0912 345 678")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_role("heading", name="Lò Văn Thắng")).to_be_visible()
    expect(main).to_contain_text("0912345678")

    page.get_by_role("link", name="Sửa", exact=True).click()
    page.get_by_label("Chức vụ").fill("Trưởng khoa")
    page.get_by_role("button", name="Lưu").click()
    expect(main).to_contain_text("Trưởng khoa")

    # The membership was recorded today; it began years ago, with a role.
    page.get_by_role("link", name="Sửa tư cách hội viên tại Hội Y học tỉnh").click()
    page.get_by_label("Ngày vào hội").fill("15/03/2018")
    page.get_by_label("Chức danh trong hội").fill("Ủy viên")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_role("status")).to_contain_text("Đã sửa thông tin hội viên")
    expect(main).to_contain_text("Ủy viên (từ 15/03/2018)")

    page.get_by_label("Ngày rời hội").fill("30/06/2026")
    page.get_by_role("button", name="Ghi nhận rời hội").click()
    expect(page.get_by_role("status")).to_contain_text("rời")
    page.wait_for_url("**/people/")
    person = Person.objects.get()
    assert (person.position, str(person.memberships.get().left_on)) == ("Trưởng khoa", "2026-06-30")
    log_out(page)


def test_union_staff_read_the_figures_and_take_them_away_as_a_workbook(
    page: Any, live_server: Any, world: World
) -> None:
    Association.objects.get_or_create(organization=world.association)
    doctor, master = Degree.objects.get(code="TS"), Degree.objects.get(code="ThS")
    for number in range(1, 1201):  # enough for a thousands separator
        Person.objects.create(full_name=f"Lò Văn Người{number}", degree=master, field="medical")
    Person.objects.create(full_name="Vàng Thị Mai", degree=doctor, gender="female", field="medical")
    log_in(page, live_server.url, Role.UNION_STAFF)
    page.goto(f"{live_server.url}/people/statistics/")
    by_field = page.get_by_role("table", name="Số lượng, chất lượng theo lĩnh vực KH&CN")
    medical = by_field.get_by_role("row", name=re.compile("^Khoa học y, dược"))
    expect(medical).to_contain_text("1.201")
    expect(by_field.locator("abbr[title='Tiến sĩ']")).to_have_text("TS")
    years = page.get_by_role("table", name="Đội ngũ qua các năm")
    expect(years.get_by_role("row")).to_have_count(2)  # the header and this year

    page.get_by_role("button", name="Xuất ra Excel").click()
    page.wait_for_url("**/jobs/**")
    run_worker()
    download_link = page.get_by_role("link", name=re.compile("^Tải về"))
    download_link.wait_for()
    with page.expect_download() as download:
        download_link.click()
    workbook = load_workbook(BytesIO(Path(download.value.path()).read_bytes()))
    rows = list(workbook["Theo lĩnh vực KH&CN"].iter_rows(values_only=True))
    header = rows[1]
    medical_row = next(row for row in rows if row[0] == "Khoa học y, dược")
    assert medical_row[header.index("Tiến sĩ")] == 1
    assert medical_row[header.index("Thạc sĩ")] == 1200
