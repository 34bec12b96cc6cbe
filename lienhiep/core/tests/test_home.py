from __future__ import annotations

import pytest
from django.urls import reverse

from lienhiep.core.models import Role
from lienhiep.core.testing import ROLE_NAMES, World, client_for


@pytest.mark.parametrize("role", ROLE_NAMES)
def test_every_role_has_a_home_page_saying_what_it_does(world: World, role: str) -> None:
    response = client_for(world, role).get(reverse("core:home"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert response.context["intros"], "the page says what this role has to do"


def test_union_staff_home_counts_the_directory(world: World) -> None:
    response = client_for(world, Role.UNION_STAFF).get(reverse("core:home"))
    sections = response.context["sections"]
    directory = next(s for s in sections if any(i.label == "Tài khoản" for i in s.items))
    notes = {item.label: item.note for item in directory.items}
    assert notes["Hội thành viên"] == "2"
    assert notes["Tài khoản"] == "10"


def test_association_staff_home_lists_its_association(world: World) -> None:
    response = client_for(world, Role.ASSOCIATION_STAFF).get(reverse("core:home"))
    own = response.context["sections"][0]
    assert [item.label for item in own.items] == [world.association.name]
    assert own.items[0].url == world.association.get_absolute_url()


def test_account_without_role_is_told_whom_to_ask(world: World) -> None:
    response = client_for(world, "outsider").get(reverse("core:home"))
    assert "chưa có vai trò" in response.content.decode()


def test_english_is_a_full_translation_of_the_home_page(world: World) -> None:
    client = client_for(world, Role.UNION_STAFF)
    client.post(reverse("set_language"), {"language": "en"})
    content = client.get(reverse("core:home")).content.decode()
    assert "Organizations and accounts of the province" in content
    assert 'lang="en"' in content
