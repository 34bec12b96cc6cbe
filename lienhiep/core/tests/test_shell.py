"""The page shell: served assets only, UTF-8, language switch, messages, translations."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import translation

from lienhiep.core.models import Role
from lienhiep.core.testing import World, client_for

LOCALE = Path(settings.BASE_DIR) / "lienhiep" / "locale"


def test_every_asset_of_the_layout_is_served_by_the_app(world: World) -> None:
    client = client_for(world, Role.UNION_STAFF)
    page = client.get(reverse("core:home")).content.decode()
    assets = re.findall(r'(?:src|href)="([^"]+\.(?:js|css|svg|woff2?|ttf))"', page)
    assert any(a.endswith(".js") for a in assets)
    assert any(a.endswith(".css") for a in assets)
    for asset in assets:
        assert asset.startswith("/static/"), f"{asset} is not served by the application"
        response = client.get(asset)
        assert response.status_code == 200, asset
        b"".join(response.streaming_content)  # type: ignore[attr-defined]
    assert "http://" not in page
    assert "https://" not in page


def test_pages_declare_utf8(world: World) -> None:
    response = client_for(world, Role.UNION_STAFF).get(reverse("core:home"))
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert '<meta charset="utf-8">' in response.content.decode()


@pytest.mark.django_db
def test_login_page_is_in_vietnamese_by_default() -> None:
    content = Client().get(reverse("login")).content.decode()
    assert '<html lang="vi">' in content
    assert "Tên đăng nhập" in content
    assert "Quên mật khẩu?" in content


@pytest.mark.django_db
def test_an_english_browser_still_gets_vietnamese() -> None:
    # Office machines often run English browsers; the system stays Vietnamese
    # until the user switches.
    response = Client().get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert '<html lang="vi">' in response.content.decode()
    assert response["Content-Language"] == "vi"


@pytest.mark.django_db
def test_language_switch_keeps_the_page() -> None:
    client = Client()
    response = client.post(reverse("set_language"), {"language": "en", "next": "/accounts/login/"})
    assert response["Location"] == "/accounts/login/"
    assert "Forgot your password?" in client.get(reverse("login")).content.decode()


@pytest.mark.django_db
def test_the_language_of_a_request_does_not_outlive_it() -> None:
    # Work done later by the same thread without a request (a job started from code)
    # must not speak the last visitor's language.
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert "Forgot your password?" in client.get(reverse("login")).content.decode()
    assert translation.get_language() == settings.LANGUAGE_CODE


@pytest.mark.parametrize("language", ["vi", "en"])
def test_catalogue_is_complete_and_compiled(language: str) -> None:
    po = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    mo = polib.mofile(str(LOCALE / language / "LC_MESSAGES" / "django.mo"))
    if language == "vi":
        assert po.percent_translated() == 100, [e.msgid for e in po.untranslated_entries()]
        assert not po.fuzzy_entries()
    compiled = {e.msgid: e.msgstr for e in mo}
    for entry in po.translated_entries():
        assert compiled.get(entry.msgid) == entry.msgstr, f"run `make messages`: {entry.msgid}"


@pytest.mark.skipif(not shutil.which("xgettext"), reason="GNU gettext is not installed")
def test_catalogue_holds_exactly_the_strings_the_code_marks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A string gettext cannot see (a call inside an f-string, say) would stay in
    English; one the code no longer marks would be dropped by the next extraction."""
    source = tmp_path / "src"
    shutil.copytree(
        LOCALE.parent, source / "lienhiep", ignore=shutil.ignore_patterns("locale", "static")
    )
    monkeypatch.chdir(source)
    with override_settings(LOCALE_PATHS=[tmp_path / "locale"]):
        call_command("makemessages", locale=["vi"], no_obsolete=True, no_location=True, verbosity=0)
    extracted = polib.pofile(str(tmp_path / "locale" / "vi" / "LC_MESSAGES" / "django.po"))
    committed = polib.pofile(str(LOCALE / "vi" / "LC_MESSAGES" / "django.po"))
    keys = [{(e.msgctxt, e.msgid) for e in po} for po in (extracted, committed)]
    assert keys[0] - keys[1] == set(), "marked in the code but missing from the catalogue"
    assert keys[1] - keys[0] == set(), "in the catalogue but not extracted from the code"


def test_anonymous_visitor_is_sent_to_login(client: Client) -> None:
    response = client.get(reverse("core:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_forbidden_page_explains_in_vietnamese(world: World) -> None:
    response = client_for(world, Role.EXPERT).get(reverse("core:organization_list"))
    assert response.status_code == 403
    assert "Bạn không có quyền mở trang này" in response.content.decode()


def test_a_form_sent_with_a_stale_token_explains_in_vietnamese(world: World) -> None:
    client = client_for(world, Role.UNION_STAFF)
    client.handler.enforce_csrf_checks = True
    response = client.post(reverse("core:organization_create"), {"name": "Sở Y tế"})
    assert response.status_code == 403
    html = response.content.decode()
    assert "Biểu mẫu chưa được gửi" in html
    assert "Không có gì được lưu." in html
    # The page is the site's, with the signed-in user's menu and a working sign-out.
    assert 'class="user-menu"' in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert '<meta charset="utf-8">' in html.lower()


def test_an_address_that_only_takes_a_form_leads_to_the_page_above_it(world: World) -> None:
    """A count refused shows its error at the form's address; switching the language
    there asks for that address again."""
    from lienhiep.associations.models import Association

    association = Association.objects.create(organization=world.association)
    client = client_for(world, Role.UNION_STAFF)
    form_address = reverse("associations:member_count_add", args=[association.pk])
    refused = client.post(form_address, {"year": "năm ngoái"})
    assert refused.status_code == 200
    switched = client.post(reverse("set_language"), {"language": "en", "next": form_address})
    assert switched["Location"] == form_address
    page = client.get(form_address, follow=True)
    assert page.redirect_chain == [(reverse("associations:detail", args=[association.pk]), 302)]
    assert page.status_code == 200
    assert page.headers["Content-Language"] == "en"
    # htmx asks for fragments, never for pages: it keeps the plain answer.
    assert client.get(form_address, headers={"HX-Request": "true"}).status_code == 405
