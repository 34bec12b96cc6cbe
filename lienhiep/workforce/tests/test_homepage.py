"""The registry's headline figures on the home page, for those who read the registry."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lienhiep.associations.models import Association
from lienhiep.core.models import Role
from lienhiep.core.testing import World, client_for
from lienhiep.workforce.models import AcademicTitle, Degree, Gender, Membership, Person
from lienhiep.workforce.names import name_columns
from lienhiep.workforce.statistics import registry_changed

pytestmark = pytest.mark.django_db

TITLE = "Đội ngũ trí thức"


def _section(world: World, role: str) -> dict[str, str] | None:
    response = client_for(world, role).get(reverse("core:home"))
    assert response.status_code == 200
    for section in response.context["sections"]:
        if section.title == TITLE:
            return {item.label: item.note for item in section.items}
    return None


def _registry() -> None:
    doctor = Degree.objects.get(code="TS")
    Person.objects.create(
        full_name="Vàng Thị Mai",
        gender=Gender.FEMALE,
        degree=doctor,
        title=AcademicTitle.objects.get(code="PGS"),
    )
    Person.objects.create(full_name="Lò Văn Thắng", degree=Degree.objects.get(code="ThS"))
    Person.objects.create(full_name="Tẩn Văn Lả", degree=Degree.objects.get(code="ĐH"))
    Person.objects.create(full_name="Chu Văn Dế")


@pytest.mark.parametrize("role", [Role.UNION_STAFF, Role.UNION_LEADER, Role.OVERSIGHT])
def test_readers_of_the_registry_see_its_headline_figures(world: World, role: str) -> None:
    _registry()
    figures = _section(world, role)
    assert figures is not None
    assert figures["Số người trong cơ sở dữ liệu"] == "4"
    assert figures["Sau đại học (CKI, ThS trở lên)"] == "2 (50,0%)"
    assert figures["Tiến sĩ (TS, TSKH)"] == "1 (25,0%)"
    assert figures["Giáo sư, phó giáo sư"] == "1 (25,0%)"
    assert figures["Nữ"] == "1 (25,0%)"


def test_shares_are_rounded_as_the_statistics_page_rounds_them(world: World) -> None:
    for name in ("Vàng Thị Mai", "Lò Thị Hoa"):
        Person.objects.create(full_name=name, gender=Gender.FEMALE)
    Person.objects.create(full_name="Lò Văn Thắng", gender=Gender.MALE)
    figures = _section(world, Role.UNION_STAFF)
    assert figures is not None
    assert figures["Nữ"] == "2 (66,7%)"


def test_association_staff_see_the_figures_of_their_members(world: World) -> None:
    _registry()
    association, _ = Association.objects.get_or_create(organization=world.association)
    Membership.objects.create(
        person=Person.objects.get(full_name="Lò Văn Thắng"), association=association
    )
    figures = _section(world, Role.ASSOCIATION_STAFF)
    assert figures is not None
    assert figures["Số người trong cơ sở dữ liệu"] == "1"
    assert figures["Sau đại học (CKI, ThS trở lên)"] == "1 (100,0%)"


@pytest.mark.parametrize("role", [Role.EXPERT, Role.JUDGE, Role.PUBLIC, Role.UNIT_REPORTER])
def test_those_who_do_not_read_the_registry_get_no_figures(world: World, role: str) -> None:
    _registry()
    assert _section(world, role) is None


def test_an_empty_registry_says_so(world: World) -> None:
    assert _section(world, Role.OVERSIGHT) == {}


def test_thousands_are_grouped_and_queries_do_not_grow_with_people(world: World) -> None:
    # Inside the test's transaction the figures are counted on every request (nothing
    # uncommitted is cached): these are the queries of counting them.
    client = client_for(world, Role.UNION_LEADER)
    _registry()
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("core:home"))
    Person.objects.bulk_create(
        Person(full_name=name, **name_columns(name))
        for name in (f"Lò Văn Người{n}" for n in range(1200))
    )
    registry_changed()  # bulk writes send no signals
    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse("core:home"))
    assert len(many) == len(few)
    assert "1.204" in response.content.decode()
