"""The registry on the home page and in the menu."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone

from lienhiep.associations.models import Association
from lienhiep.associations.testing import build_associations
from lienhiep.core.models import Role
from lienhiep.core.testing import World, client_for


def _home(world: World, actor: str) -> str:
    response = client_for(world, actor).get(reverse("core:home"))
    assert response.status_code == 200
    return response.content.decode()


def test_readers_see_associations_past_their_term_and_congresses_due(world: World) -> None:
    d = build_associations(world)
    today = timezone.localdate()
    Association.objects.filter(pk=d.own.pk).update(last_congress_on=datetime.date(2015, 1, 1))
    Association.objects.filter(pk=d.other.pk).update(
        next_congress_on=today + datetime.timedelta(days=90)
    )
    page = _home(world, Role.OVERSIGHT)
    assert "Đại hội các hội thành viên" in page
    assert "quá nhiệm kỳ từ 01/01/2020" in page
    assert "Hội Làm vườn tỉnh" in page


def test_association_staff_see_their_own_association_only(world: World) -> None:
    d = build_associations(world)
    page = _home(world, Role.ASSOCIATION_STAFF)
    assert "Hội của bạn" in page
    assert d.own.get_absolute_url() in page
    assert d.other.get_absolute_url() not in page


def test_menu_entry_for_readers_and_association_staff_only(world: World) -> None:
    build_associations(world)
    url = reverse("associations:list")
    for actor in (Role.OVERSIGHT, Role.UNION_STAFF, Role.ASSOCIATION_STAFF):
        assert f'href="{url}"' in _home(world, actor)
    for actor in (Role.UNIT_REPORTER, Role.EXPERT, Role.PUBLIC):
        assert f'href="{url}"' not in _home(world, actor)
