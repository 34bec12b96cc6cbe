"""The first journeys, in a real browser: log in, switch language, each role's home page."""

from __future__ import annotations

import re
from typing import Any

import pytest

from lienhiep.core.models import Role
from lienhiep.core.testing import ROLE_NAMES, TEST_PASSWORD, World, run_worker

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page: Any, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{base_url}/")


def test_log_in_and_out(page: Any, live_server: Any, world: World) -> None:
    log_in(page, live_server.url, Role.UNION_STAFF)
    assert page.get_by_role("heading", level=1).inner_text().startswith("Xin chào")
    page.locator("summary", has_text="Người dùng union_staff").click()
    page.get_by_role("button", name="Đăng xuất").click()
    page.wait_for_url("**/accounts/login/")
    assert page.get_by_role("status").inner_text() == "Bạn đã đăng xuất."


def test_wrong_password_is_explained_in_vietnamese(
    page: Any, live_server: Any, world: World
) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(Role.UNION_STAFF)
    page.get_by_label("Mật khẩu").fill("sai-mat-khau")
    page.get_by_role("button", name="Đăng nhập").click()
    assert page.get_by_role("alert").inner_text().strip() != ""
    assert "tên đăng nhập" in page.get_by_role("alert").inner_text().lower()


def test_switch_language_to_english_and_back(page: Any, live_server: Any, world: World) -> None:
    log_in(page, live_server.url, Role.OVERSIGHT)
    page.get_by_label("Ngôn ngữ").select_option("en")
    page.get_by_role("button", name="Chuyển").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("link", name="Organizations", exact=True).is_visible()
    page.get_by_label("Language").select_option("vi")
    page.get_by_role("button", name="Switch").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "vi"
    assert page.get_by_role("link", name="Đơn vị", exact=True).is_visible()


@pytest.mark.parametrize("role", ROLE_NAMES)
def test_each_role_opens_its_home_page(
    page: Any, live_server: Any, world: World, role: str
) -> None:
    log_in(page, live_server.url, role)
    assert page.evaluate("document.characterSet") == "UTF-8"
    menu = page.get_by_role("navigation", name="Menu chính")
    assert menu.get_by_role("link", name="Trang chủ").is_visible()
    directory_visible = menu.get_by_role("link", name="Đơn vị").count() == 1
    assert directory_visible == (
        role in {Role.ADMIN, Role.UNION_STAFF, Role.UNION_LEADER, Role.OVERSIGHT}
    )
    assert page.locator("section.card").count() >= 1


def test_union_staff_exports_the_directory_and_sees_progress(
    page: Any, live_server: Any, world: World
) -> None:
    log_in(page, live_server.url, Role.UNION_STAFF)
    page.get_by_role("navigation", name="Menu chính").get_by_role("link", name="Đơn vị").click()
    page.get_by_role("button", name="Xuất ra Excel").click()
    page.wait_for_url("**/jobs/**")
    assert page.get_by_role("progressbar").count() == 1
    assert "Đang chờ" in page.locator("#job-progress").inner_text()

    run_worker()  # what the worker started by `make run` does in the background

    download_link = page.get_by_role("link", name=re.compile("^Tải về"))
    download_link.wait_for()  # the page polls with htmx and shows the result by itself
    with page.expect_download() as download:
        download_link.click()
    assert download.value.suggested_filename.endswith(".xlsx")
