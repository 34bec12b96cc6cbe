from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from lienhiep.core.models import Organization, OrganizationKind, Role
from lienhiep.core.testing import World, client_for, make_org


def test_union_staff_creates_an_organization_under_a_parent(world: World) -> None:
    client = client_for(world, Role.UNION_STAFF)
    response = client.post(
        reverse("core:organization_create"),
        {
            "name": "Hội Tin học tỉnh",
            "code": "hth",
            "kind": "association",
            "parent": world.union.pk,
        },
    )
    org = Organization.objects.get(code="HTH")
    assert response.status_code == 302
    assert response["Location"] == org.get_absolute_url()
    assert org.parent == world.union
    assert org.history.get().history_user == world.users[Role.UNION_STAFF]


def test_form_without_required_fields_explains_in_vietnamese_and_saves_nothing(
    world: World,
) -> None:
    before = Organization.objects.count()
    client = client_for(world, Role.UNION_STAFF)
    response = client.post(reverse("core:organization_create"), {"code": "x y"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "Trường này là bắt buộc." in content
    assert "chữ in hoa" in content  # the code format message
    assert Organization.objects.count() == before


def test_duplicate_code_is_refused_with_a_message(world: World) -> None:
    client = client_for(world, Role.UNION_STAFF)
    response = client.post(
        reverse("core:organization_create"),
        {"name": "Trùng mã", "code": "lhh", "kind": "other"},
    )
    assert response.status_code == 200
    assert "đã tồn tại" in response.content.decode()


def test_an_organization_cannot_be_moved_under_its_own_child(world: World) -> None:
    client = client_for(world, Role.UNION_STAFF)
    response = client.post(
        reverse("core:organization_edit", args=[world.union.pk]),
        {
            "name": world.union.name,
            "code": world.union.code,
            "kind": world.union.kind,
            "parent": world.association.pk,
        },
    )
    assert response.status_code == 200
    assert "không thể nằm dưới chính nó" in response.content.decode()
    world.union.refresh_from_db()
    assert world.union.parent is None


def test_search_ignores_diacritics(world: World) -> None:
    client = client_for(world, Role.OVERSIGHT)
    response = client.get(reverse("core:organization_list"), {"q": "hoi y hoc"})
    names = [row.organization.name for row in response.context["rows"]]
    assert names == ["Hội Y học tỉnh"]


def test_list_is_in_vietnamese_alphabetical_order(world: World) -> None:
    make_org("HDY", "Hội Đông y tỉnh", OrganizationKind.ASSOCIATION, world.union)
    make_org("HAN", "Hội Âm nhạc tỉnh", OrganizationKind.ASSOCIATION, world.union)
    client = client_for(world, Role.OVERSIGHT)
    response = client.get(reverse("core:organization_list"), {"kind": "association"})
    names = [row.organization.name for row in response.context["rows"]]
    assert names == [
        "Hội Âm nhạc tỉnh",
        "Hội Đông y tỉnh",
        "Hội Làm vườn tỉnh",
        "Hội Y học tỉnh",
    ]


def test_filter_by_kind(world: World) -> None:
    client = client_for(world, Role.OVERSIGHT)
    response = client.get(reverse("core:organization_list"), {"kind": "association"})
    names = {row.organization.name for row in response.context["rows"]}
    assert names == {"Hội Y học tỉnh", "Hội Làm vườn tỉnh"}


def test_tree_lists_children_under_their_parent(world: World) -> None:
    client = client_for(world, Role.OVERSIGHT)
    rows = client.get(reverse("core:organization_list")).context["rows"]
    order = [(row.organization.code, row.depth) for row in rows]
    union_at = order.index(("LHH", 0))
    assert order[union_at + 1 : union_at + 3] == [("HLV", 1), ("HYH", 1)]


@pytest.mark.parametrize("extra", [5, 40])
def test_organization_list_query_count_does_not_grow(world: World, extra: int) -> None:
    for i in range(extra):
        make_org(f"X{i}", f"Xã thử {i}", OrganizationKind.COMMUNE, world.union)
    client = client_for(world, Role.UNION_STAFF)
    client.get(reverse("core:organization_list"))  # warm the session and role caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("core:organization_list"))
    assert response.status_code == 200
    assert len(response.context["rows"]) >= extra
    assert len(queries) == EXPECTED_LIST_QUERIES


# session, user with roles, organizations with their parents and account counts
EXPECTED_LIST_QUERIES = 4


def test_detail_shows_breadcrumbs_and_members(world: World) -> None:
    client = client_for(world, Role.UNION_LEADER)
    response = client.get(reverse("core:organization_detail", args=[world.association.pk]))
    content = response.content.decode()
    assert f'<a href="{world.union.get_absolute_url()}">{escape(world.union.name)}</a>' in content
    assert "Người dùng association_staff" in content


def test_unit_reporter_cannot_see_other_units(world: World) -> None:
    client = client_for(world, Role.UNIT_REPORTER)
    own = client.get(reverse("core:organization_detail", args=[world.unit.pk]))
    other = client.get(reverse("core:organization_detail", args=[world.association.pk]))
    assert own.status_code == 200
    assert other.status_code == 404
