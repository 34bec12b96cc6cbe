"""The statistics page's cache: counted once, shared by scope, gone with every committed write.

These tests commit (transactional database) as the web workers do: the cache is
used only outside a transaction.
"""

from __future__ import annotations

import datetime

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from lienhiep.associations.models import Association
from lienhiep.core.models import Role
from lienhiep.core.testing import World, client_for, make_user
from lienhiep.workforce.models import Degree, Gender, Membership, Person
from lienhiep.workforce.statistics import figures, registry_changed

pytestmark = pytest.mark.django_db(transaction=True)
STATISTICS = "workforce:statistics"


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    cache.clear()


def _counts(client: Client, key: str = "gender") -> dict[str, int]:
    response = client.get(reverse(STATISTICS))
    assert response.status_code == 200
    table = next(t for t in response.context["tables"] if t.key == key)
    return {row.label: row.count for row in table.rows}


def _women(n: int) -> list[Person]:
    return [
        Person.objects.create(full_name=f"Lò Thị Mai{i}", gender=Gender.FEMALE) for i in range(n)
    ]


def _members(association: Association, people: list[Person]) -> None:
    for person in people:
        Membership.objects.create(person=person, association=association)


def test_figures_are_counted_once_then_served_from_the_cache(world: World) -> None:
    _women(2)
    client = client_for(world, Role.UNION_STAFF)
    assert _counts(client) == {"Nữ": 2}
    with CaptureQueriesContext(connection) as served:
        assert _counts(client) == {"Nữ": 2}
    assert not [q for q in served.captured_queries if "workforce_person" in q["sql"]]


def test_saving_a_person_counts_again(world: World) -> None:
    (mai,) = _women(1)
    client = client_for(world, Role.UNION_STAFF)
    assert _counts(client) == {"Nữ": 1}
    _women(1)
    assert _counts(client) == {"Nữ": 2}
    mai.gender = Gender.MALE
    mai.save()
    assert _counts(client) == {"Nam": 1, "Nữ": 1}


def test_deleting_a_person_counts_again(world: World) -> None:
    mai, _lan = _women(2)
    client = client_for(world, Role.OVERSIGHT)
    assert _counts(client) == {"Nữ": 2}
    mai.delete()
    assert _counts(client) == {"Nữ": 1}


def test_a_membership_change_counts_again(world: World) -> None:
    association, _ = Association.objects.get_or_create(organization=world.association)
    (mai,) = _women(1)
    client = client_for(world, Role.UNION_STAFF)
    assert _counts(client, "association") == {}
    _members(association, [mai])
    assert _counts(client, "association") == {"Hội Y học tỉnh": 1}
    membership = Membership.objects.get()
    membership.left_on = datetime.date(2025, 1, 1)
    membership.save()
    assert _counts(client, "association") == {}
    membership.delete()
    staff = client_for(world, Role.ASSOCIATION_STAFF)
    assert _counts(staff) == {}


def test_registry_changed_expires_the_figures(world: World) -> None:
    _women(1)
    client = client_for(world, Role.UNION_STAFF)
    assert _counts(client) == {"Nữ": 1}
    # bulk_create sends no signals: a bulk writer announces its writes itself.
    with transaction.atomic():
        Person.objects.bulk_create([Person(full_name="Lò Văn Minh", gender=Gender.MALE)])
        registry_changed()
    with CaptureQueriesContext(connection) as recounted:
        assert _counts(client) == {"Nam": 1, "Nữ": 1}
    assert [q for q in recounted.captured_queries if "workforce_person" in q["sql"]]


def test_a_rolled_back_write_leaves_the_figures_cached(world: World) -> None:
    _women(1)
    client = client_for(world, Role.UNION_STAFF)
    assert _counts(client) == {"Nữ": 1}
    with transaction.atomic():
        _women(3)
        transaction.set_rollback(True)
    with CaptureQueriesContext(connection) as served:
        assert _counts(client) == {"Nữ": 1}
    assert not [q for q in served.captured_queries if "workforce_person" in q["sql"]]


def test_inside_a_transaction_figures_are_counted_and_never_stored(world: World) -> None:
    _women(1)
    today = timezone.localdate()
    with transaction.atomic():
        _women(2)
        inside = figures(Person.objects.all(), today)
        gender = next(t for t in inside.tables if t.key == "gender")
        assert [(row.label, row.count) for row in gender.rows] == [("Nữ", 3)]
        transaction.set_rollback(True)
    assert _counts(client_for(world, Role.UNION_STAFF)) == {"Nữ": 1}


def test_association_staff_see_only_figures_of_their_own_associations(world: World) -> None:
    medicine, _ = Association.objects.get_or_create(organization=world.association)
    gardening, _ = Association.objects.get_or_create(organization=world.other_association)
    _members(medicine, _women(2))
    _members(gardening, [Person.objects.create(full_name="Tao Văn Hùng", gender=Gender.MALE)])
    gardener = make_user("hoilamvuon", world.other_association, Role.ASSOCIATION_STAFF)
    medic = client_for(world, Role.ASSOCIATION_STAFF)
    everyone = client_for(world, Role.UNION_STAFF)

    assert _counts(everyone) == {"Nam": 1, "Nữ": 2}
    assert _counts(medic) == {"Nữ": 2}
    other = Client()
    other.force_login(gardener)
    assert _counts(other) == {"Nam": 1}
    # And again, now that every scope has its entry.
    assert _counts(medic) == {"Nữ": 2}
    assert _counts(everyone) == {"Nam": 1, "Nữ": 2}
    assert _counts(other) == {"Nam": 1}


def test_the_page_says_when_the_figures_were_counted(world: World) -> None:
    _women(1)
    client = client_for(world, Role.UNION_STAFF)
    first = client.get(reverse(STATISTICS))
    counted = timezone.localtime(first.context["computed_at"])
    assert f"{counted:%H:%M %d/%m/%Y}" in first.content.decode()
    assert client.get(reverse(STATISTICS)).context["computed_at"] == first.context["computed_at"]


def test_statistics_queries_stay_constant_as_people_grow_cached_or_not(world: World) -> None:
    client = client_for(world, Role.UNION_STAFF)
    doctor = Degree.objects.get(code="TS")
    Person.objects.create(full_name="Lò Văn An", degree=doctor)
    with CaptureQueriesContext(connection) as counted_few:
        client.get(reverse(STATISTICS))
    with CaptureQueriesContext(connection) as cached_few:
        client.get(reverse(STATISTICS))
    for i in range(30):
        Person.objects.create(full_name=f"Lò Văn Người{i}", degree=doctor, birth_year=1980 + i)
    with CaptureQueriesContext(connection) as counted_many:
        client.get(reverse(STATISTICS))
    with CaptureQueriesContext(connection) as cached_many:
        client.get(reverse(STATISTICS))
    assert len(counted_many) == len(counted_few)
    assert len(cached_many) == len(cached_few) < len(counted_few)


def test_a_roster_import_and_its_undo_count_again(world: World, tmp_path) -> None:
    """The import writes in bulk, past the model signals: it renews the version itself."""
    from openpyxl import Workbook

    from lienhiep.associations.testing import make_association
    from lienhiep.workforce.roster import import_roster, undo_import

    association = make_association(world.association)
    client = client_for(world, Role.UNION_STAFF)
    assert _counts(client) == {}
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in (["Họ và tên", "Giới tính"], ["Lò Thị Xuân", "Nữ"], ["Tao Văn Hưng", "Nam"]):
        sheet.append(row)
    workbook.save(tmp_path / "ds.xlsx")
    result = import_roster(tmp_path / "ds.xlsx", association)
    assert result.batch is not None
    assert _counts(client) == {"Nữ": 1, "Nam": 1}
    undo_import(result.batch)
    assert _counts(client) == {}


def _home_total(client: Client) -> str:
    response = client.get(reverse("core:home"))
    section = next(s for s in response.context["sections"] if s.title == "Đội ngũ trí thức")
    return next(item.note for item in section.items if item.label.startswith("Số người"))


def test_home_figures_are_counted_once_then_again_after_a_write(world: World) -> None:
    _women(2)
    client = client_for(world, Role.OVERSIGHT)
    assert _home_total(client) == "2"
    with CaptureQueriesContext(connection) as served:
        assert _home_total(client) == "2"
    assert not [q for q in served.captured_queries if "workforce_person" in q["sql"]]
    _women(1)
    assert _home_total(client) == "3"
