"""The registry on the home page and in the menu."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from lienhiep.associations.models import Association
from lienhiep.associations.testing import (
    add_count,
    add_report,
    build_associations,
    make_association,
)
from lienhiep.core.models import OrganizationKind, Role
from lienhiep.core.testing import World, client_for, make_org


def _association(world: World, code: str, name: str, **fields: Any) -> Association:
    organization = make_org(code, name, OrganizationKind.ASSOCIATION, world.union)
    return make_association(organization, **fields)


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


def _section(world: World, actor: str, title: str) -> list[tuple[str, str]]:
    response = client_for(world, actor).get(reverse("core:home"))
    [section] = [s for s in response.context["sections"] if s.title == title]
    return [(link.label, link.note) for link in section.items]


def test_readers_see_who_still_owes_last_years_count_or_report(world: World) -> None:
    d = build_associations(world)
    year = timezone.localdate().year - 1
    add_count(d.own, year, 120)
    add_report(d.own, year)
    add_count(d.other, year, 80)
    late = _association(world, "HTH", "Hội Tin học tỉnh")
    add_report(late, year - 1)  # an older report does not count
    _association(world, "HMI", "Hội Mới tỉnh", founded_on=datetime.date(year + 1, 2, 1))
    _association(world, "HGT", "Hội Giải thể tỉnh", status="dissolved")
    owing = _section(world, Role.UNION_LEADER, f"Số liệu, báo cáo năm {year} của các hội")
    assert owing == [
        ("Hội Làm vườn tỉnh", f"chưa có báo cáo hoạt động năm {year}"),
        ("Hội Tin học tỉnh", f"chưa có số hội viên năm {year}, báo cáo hoạt động năm {year}"),
    ]


def test_readers_are_told_when_nothing_is_owed(world: World) -> None:
    d = build_associations(world)
    year = timezone.localdate().year - 1
    for association in (d.own, d.other):
        add_count(association, year, 100)
        add_report(association, year)
    assert _section(world, Role.OVERSIGHT, f"Số liệu, báo cáo năm {year} của các hội") == []
    assert f"Mọi hội đang hoạt động đã ghi số hội viên và nộp báo cáo hoạt động năm {year}." in (
        _home(world, Role.OVERSIGHT)
    )


def test_association_staff_see_what_their_association_still_owes(world: World) -> None:
    d = build_associations(world)
    year = timezone.localdate().year - 1
    add_count(d.own, year, 120)
    items = _section(world, Role.ASSOCIATION_STAFF, "Hội của bạn")
    assert items[1] == (f"Cần ghi: báo cáo hoạt động năm {year}", "Hội Y học tỉnh")
    add_report(d.own, year)
    assert len(_section(world, Role.ASSOCIATION_STAFF, "Hội của bạn")) == 1


def test_the_yearly_section_costs_the_same_queries_for_2_or_12_associations(
    world: World,
) -> None:
    build_associations(world)
    client = client_for(world, Role.UNION_STAFF)
    client.get(reverse("core:home"))  # the session and the caches
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("core:home"))
    for n in range(10):
        association = _association(world, f"H{n:02d}", f"Hội số {n}")
        add_count(association, 2020, n + 1)
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("core:home"))
    assert len(many) == len(few)


def test_a_long_wait_shows_the_first_few_and_links_to_the_filtered_list(world: World) -> None:
    build_associations(world)
    year = timezone.localdate().year - 1
    for n in range(10):
        _association(world, f"H{n:02d}", f"Hội số {n}")
    response = client_for(world, Role.UNION_STAFF).get(reverse("core:home"))
    [section] = [s for s in response.context["sections"] if s.title.endswith(f"{year} của các hội")]
    assert len(section.items) == 8
    assert section.more is not None
    assert section.more.label == "Cả 12 hội còn thiếu"
    listed = client_for(world, Role.UNION_STAFF).get(section.more.url)
    assert len(listed.context["rows"]) == 12
