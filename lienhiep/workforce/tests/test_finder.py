"""The expert finder: diacritic-insensitive, filtered, Vietnamese order, keyset pages."""

from __future__ import annotations

import base64
import datetime
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lienhiep.associations.models import Association, ScienceField
from lienhiep.core.models import Organization, Role, RoleAssignment
from lienhiep.core.testing import EVERY_ACTOR, World, client_for, is_refused, select_options
from lienhiep.vn import sort_key
from lienhiep.workforce.models import AcademicTitle, Degree, Membership, Person
from lienhiep.workforce.names import name_columns
from lienhiep.workforce.search import PAGE_SIZE, Cursor, matching, page_of, tiers

pytestmark = pytest.mark.django_db
FINDER = "workforce:finder"
# Association staff use it too, for their own association's people.
REGISTRY_USERS = {
    Role.ADMIN,
    Role.UNION_STAFF,
    Role.UNION_LEADER,
    Role.OVERSIGHT,
    Role.ASSOCIATION_STAFF,
}


def _names(response) -> list[str]:
    return [p["full_name"] for p in response.context["page"].people]


def _member(world: World, name: str, **fields) -> Person:
    association, _ = Association.objects.get_or_create(organization=world.association)
    person = Person.objects.create(full_name=name, **fields)
    Membership.objects.create(person=person, association=association)
    return person


def test_folded_query_finds_the_name_with_diacritics(world: World) -> None:
    Person.objects.create(full_name="Nguyễn Văn Đức")
    Person.objects.create(full_name="Nguyễn Thị Lan")
    client = client_for(world, Role.UNION_STAFF)
    assert _names(client.get(reverse(FINDER), {"q": "nguyen van duc"})) == ["Nguyễn Văn Đức"]
    assert _names(client.get(reverse(FINDER), {"q": "NGUYỄN  VĂN ĐỨC"})) == ["Nguyễn Văn Đức"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="typo tolerance uses pg_trgm")
def test_a_typo_still_finds_the_person_on_postgresql(world: World) -> None:
    Person.objects.create(full_name="Nguyễn Văn Đức")
    Person.objects.create(full_name="Hoàng Thị Mai")
    found = _names(
        client_for(world, Role.UNION_STAFF).get(reverse(FINDER), {"q": "nguyen van dcu"})
    )
    assert found == ["Nguyễn Văn Đức"]


def test_filters_combine(world: World) -> None:
    doctor = Degree.objects.get(code="TS")
    _member(
        world, "Lò Văn Minh", degree=doctor, field=ScienceField.AGRICULTURAL, willing_expert=True
    )
    Person.objects.create(full_name="Lò Thị Minh", degree=doctor, field=ScienceField.MEDICAL)
    Person.objects.create(full_name="Tao Văn Minh", field=ScienceField.AGRICULTURAL)
    client = client_for(world, Role.UNION_STAFF)
    response = client.get(
        reverse(FINDER),
        {"q": "minh", "degree": str(doctor.pk), "field": str(ScienceField.AGRICULTURAL)},
    )
    assert _names(response) == ["Lò Văn Minh"]
    association = Association.objects.get(organization=world.association)
    assert _names(client.get(reverse(FINDER), {"association": association.pk})) == ["Lò Văn Minh"]
    assert _names(client.get(reverse(FINDER), {"willing": "on"})) == ["Lò Văn Minh"]


def test_pages_follow_a_keyset_in_vietnamese_order(world: World) -> None:
    given = ["An", "Ánh", "Bình", "Chi", "Dũng", "Đức", "Giang", "Hà", "Hùng", "Yến"]
    names = [
        f"{family} {middle} {g}"
        for g in given
        for family in ("Lò", "Vàng", "Nguyễn")
        for middle in ("Văn", "Thị", "A", "Quốc")
    ]
    for name in names:
        Person.objects.create(full_name=name)
    client = client_for(world, Role.UNION_STAFF)
    seen: list[str] = []
    response = client.get(reverse(FINDER))
    pages = 0
    while True:
        pages += 1
        seen += _names(response)
        cursor = response.context["page"].next_cursor
        if cursor is None:
            break
        response = client.get(reverse(FINDER), {"after": cursor.encode()})
    assert pages == -(-len(names) // PAGE_SIZE)
    assert seen == sorted(names, key=sort_key)


def test_finder_queries_do_not_grow_with_people(world: World) -> None:
    client = client_for(world, Role.UNION_STAFF)
    for i in range(5):
        Person.objects.create(full_name=f"Lò Văn Số{i}", degree=Degree.objects.get(code="ThS"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse(FINDER), {"q": "lo van"})
    for i in range(120):
        Person.objects.create(full_name=f"Lò Văn Thứ{i}", degree=Degree.objects.get(code="TS"))
    # The new people renew the registry version when they commit, which this test's
    # transaction never does: the filter lists are drawn again as they would be.
    cache.clear()
    with CaptureQueriesContext(connection) as many:
        client.get(reverse(FINDER), {"q": "lo van"})
    assert len(many) == len(few)


@pytest.mark.django_db(transaction=True)
def test_filter_lists_are_drawn_once_per_registry_version(world: World) -> None:
    client = client_for(world, Role.UNION_STAFF)
    with CaptureQueriesContext(connection) as first:
        client.get(reverse(FINDER), {"q": "lo van"})
    with CaptureQueriesContext(connection) as again:
        response = client.get(reverse(FINDER), {"q": "lo van"})
    # Degrees, titles, communes and associations come from the cache the second time.
    assert len(again) == len(first) - 4
    assert 'name="commune"' in response.content.decode()
    # The commune's save renews the version as it commits.
    commune = Organization.objects.create(code="XA-MOI", name="Xã Mới Lập", kind="commune")
    assert commune.name in client.get(reverse(FINDER)).content.decode()


HTMX = {"HX-Request": "true"}


def test_the_search_box_gets_the_results_alone(world: World) -> None:
    _member(world, "Lò Văn Minh", degree=Degree.objects.get(code="TS"))
    client = client_for(world, Role.UNION_STAFF)
    response = client.get(reverse(FINDER), {"q": "lo minh"}, headers=HTMX)
    html = response.content.decode()
    assert _names(response) == ["Lò Văn Minh"]
    assert "<html" not in html
    assert 'name="commune"' not in html  # the filters stay as the page drew them
    assert "Trí thức" not in html  # nor the menu
    assert 'action="/people/export/?q=lo+minh"' in html  # the export follows the search
    assert "HX-Request" in response["Vary"]
    # A page htmx asks for when going back in history, or any plain request, is whole.
    restored = client.get(
        reverse(FINDER), {"q": "lo minh"}, headers={**HTMX, "HX-History-Restore-Request": "true"}
    )
    assert "<html" in restored.content.decode()
    assert "<html" in client.get(reverse(FINDER), {"q": "lo minh"}).content.decode()


@pytest.mark.parametrize("actor", [a for a in EVERY_ACTOR if a not in REGISTRY_USERS])
def test_the_results_alone_are_refused_as_the_page_is(world: World, actor: str) -> None:
    _member(world, "Lò Văn Minh")
    response = client_for(world, actor).get(reverse(FINDER), {"q": "minh"}, headers=HTMX)
    assert is_refused(response, actor)
    assert "Lò Văn Minh" not in response.content.decode()


def test_the_results_alone_cost_the_same_queries_however_many_people(world: World) -> None:
    client = client_for(world, Role.UNION_STAFF)
    doctor = Degree.objects.get(code="TS")
    Person.objects.create(full_name="Lò Văn Một", degree=doctor)
    params = {"q": "lo van", "degree": str(doctor.pk)}
    with CaptureQueriesContext(connection) as few:
        client.get(reverse(FINDER), params, headers=HTMX)
    for i in range(80):
        Person.objects.create(full_name=f"Lò Văn Thứ{i}", degree=doctor)
    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse(FINDER), params, headers=HTMX)
    assert len(_names(response)) == PAGE_SIZE
    assert len(many) == len(few)


def test_an_unknown_catalogue_entry_is_refused_in_vietnamese(world: World) -> None:
    Person.objects.create(full_name="Lò Văn Minh")
    client = client_for(world, Role.UNION_STAFF)
    for value in ("999999", "abc"):
        response = client.get(reverse(FINDER), {"q": "minh", "degree": value}, headers=HTMX)
        assert response.context["page"] is None
        html = response.content.decode()
        # Each message names its filter as the form shows it, not as the code calls it.
        assert "<li>Học vị, trình độ: Hãy chọn một lựa chọn hợp lệ" in html
        assert "<li>degree" not in html
    response = client.get(reverse(FINDER), {"q": "lò\x00minh"}, headers=HTMX)
    assert "Không được dùng ký tự rỗng (NUL)." in response.content.decode()


@pytest.mark.django_db(transaction=True)
def test_filters_are_checked_against_the_catalogue_of_the_registry_version(
    world: World,
) -> None:
    client = client_for(world, Role.UNION_STAFF)
    master = Degree.objects.get(code="ThS")
    Person.objects.create(full_name="Lò Văn Minh", degree=master)
    with CaptureQueriesContext(connection) as first:
        client.get(reverse(FINDER), {"q": "minh", "degree": str(master.pk)}, headers=HTMX)
    with CaptureQueriesContext(connection) as again:
        response = client.get(
            reverse(FINDER), {"q": "minh", "degree": str(master.pk)}, headers=HTMX
        )
    assert _names(response) == ["Lò Văn Minh"]
    # The entries are kept: the second search reads the registry's version, not the four
    # catalogues.
    assert len(again) == len(first) - 4
    # A new entry renews the version as it commits: it can be chosen at once.
    engineer = Degree.objects.create(code="KS2", name="Kỹ sư chính")
    Person.objects.create(full_name="Lò Thị Minh", degree=engineer)
    response = client.get(reverse(FINDER), {"q": "minh", "degree": str(engineer.pk)}, headers=HTMX)
    assert _names(response) == ["Lò Thị Minh"]


def test_personal_fields_only_for_union_staff_and_own_association(world: World) -> None:
    own = _member(world, "Phạm Thị Lan", phone="0912345678", birth_year=1979)
    stranger = Person.objects.create(full_name="Đỗ Văn Hải", phone="0987654321")
    url = reverse("workforce:person_detail", args=[own.pk])
    assert "0912345678" in client_for(world, Role.UNION_STAFF).get(url).content.decode()
    assert "0912345678" in client_for(world, Role.ASSOCIATION_STAFF).get(url).content.decode()
    oversight = client_for(world, Role.OVERSIGHT).get(url).content.decode()
    assert "0912345678" not in oversight
    assert "1979" not in oversight
    listing = client_for(world, Role.OVERSIGHT).get(reverse(FINDER)).content.decode()
    assert "1979" not in listing
    staff = client_for(world, Role.ASSOCIATION_STAFF)
    assert _names(staff.get(reverse(FINDER))) == ["Phạm Thị Lan"]
    assert staff.get(reverse("workforce:person_detail", args=[stranger.pk])).status_code == 404


def test_only_those_who_see_where_people_live_filter_by_commune(world: World) -> None:
    commune = Organization.objects.create(code="XTD", name="Xã Tam Đường", kind="commune")
    _member(world, "Lò Văn Ở", commune=commune)
    _member(world, "Phạm Thị Lan")
    by_commune = {"commune": str(commune.pk)}
    staff = client_for(world, Role.UNION_STAFF)
    assert _names(staff.get(reverse(FINDER), by_commune)) == ["Lò Văn Ở"]
    assert 'name="commune"' in staff.get(reverse(FINDER)).content.decode()
    # Oversight reads the registry without personal data: the filter is not offered, and
    # one typed into the address narrows nothing (else it would tell who lives there).
    oversight = client_for(world, Role.OVERSIGHT)
    assert _names(oversight.get(reverse(FINDER), by_commune)) == ["Phạm Thị Lan", "Lò Văn Ở"]
    assert 'name="commune"' not in oversight.get(reverse(FINDER)).content.decode()


def test_a_former_member_keeps_their_personal_data_from_the_association_they_left(
    world: World,
) -> None:
    left = _member(world, "Phạm Thị Lan", phone="0912345678")
    left.memberships.update(left_on=datetime.date(2020, 1, 1))
    # Association staff who also read the whole registry (an overseer's second role) see
    # the person, as overseers do: without the phone, since the person left.
    reader = world.users[Role.ASSOCIATION_STAFF]
    RoleAssignment.objects.create(user=reader, organization=world.party_body, role=Role.OVERSIGHT)
    client = client_for(world, Role.ASSOCIATION_STAFF)
    page = client.get(reverse("workforce:person_detail", args=[left.pk]))
    assert page.status_code == 200
    assert "0912345678" not in page.content.decode()
    history = client.get(reverse("workforce:person_history", args=[left.pk]))
    assert history.status_code == 403


def test_a_broken_cursor_starts_from_the_first_page(world: World) -> None:
    Person.objects.create(full_name="Lò Văn An")
    client = client_for(world, Role.UNION_STAFF)
    response = client.get(reverse(FINDER), {"after": "%%%garbage"})
    assert _names(response) == ["Lò Văn An"]
    forged = Cursor(1, "not hex'--", 0).encode()
    response = client.get(reverse(FINDER), {"q": "an", "after": forged})
    assert _names(response) == ["Lò Văn An"]


@pytest.mark.parametrize(
    "raw",
    [
        b'[1e400, "00", 1]',  # JSON reads it as infinity, which int() refuses
        b'[1, "00", 1e400]',
        b"[" * 900 + b"]" * 900,  # deeper than the JSON reader goes
        b'[true, "00", 1]',
        b'[1, ["00"], 1]',
        b'[1, "' + b"00" * 2000 + b'", 1]',  # longer than any sort key
    ],
)
def test_a_forged_cursor_starts_from_the_first_page(world: World, raw: bytes) -> None:
    Person.objects.create(full_name="Lò Văn An")
    forged = base64.urlsafe_b64encode(raw).decode().rstrip("=")
    response = client_for(world, Role.UNION_STAFF).get(reverse(FINDER), {"after": forged})
    assert response.status_code == 200
    assert _names(response) == ["Lò Văn An"]


def test_a_character_beyond_the_basic_plane_keeps_the_pages_going(world: World) -> None:
    """An emoji or a rare Hán character in a name weighs four hex digits like any other:
    the record saves, sorts after the letters, and the page after it comes."""
    for i in range(PAGE_SIZE - 1):
        Person.objects.create(full_name=f"Lò Văn A{i:02}")
    Person.objects.create(full_name="Lò Văn B𠀀")
    for i in range(3):
        Person.objects.create(full_name=f"Lò Văn C{i}")
    client = client_for(world, Role.UNION_STAFF)
    first = client.get(reverse(FINDER))
    assert _names(first)[-1] == "Lò Văn B𠀀"
    cursor = first.context["page"].next_cursor
    assert cursor is not None
    second = client.get(reverse(FINDER), {"after": cursor.encode()})
    assert _names(second) == ["Lò Văn C0", "Lò Văn C1", "Lò Văn C2"]
    key = Person.objects.get(full_name="Lò Văn B𠀀").sort_key
    assert len(key) % 4 == 0
    assert key < Person.objects.get(full_name="Lò Văn C0").sort_key


def test_a_word_no_name_has_finds_nobody(world: World) -> None:
    Person.objects.create(full_name="Nguyễn Văn Đức")
    response = client_for(world, Role.UNION_STAFF).get(reverse(FINDER), {"q": "nguyen xqzw"})
    assert _names(response) == []


on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="tiers and corrections use PostgreSQL's name indexes"
)


def _vocabulary() -> dict[str, int]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT word, count(*) FROM workforce_nameword GROUP BY word")
        return dict(cursor.fetchall())


@on_postgresql
def test_new_names_teach_the_finder_each_of_their_words_once(world: World) -> None:
    Person.objects.create(full_name="Lò Văn An")
    before = _vocabulary()
    names = ["Lò Thị Hoa", "Tao Văn Hoa", "Lò Văn An", "Giàng A Pử", "Tao Thị Hoa"]
    # One statement for five people, as an import writes them.
    Person.objects.bulk_create(Person(full_name=name, **name_columns(name)) for name in names)
    learnt = {word: n - before.get(word, 0) for word, n in _vocabulary().items()}
    assert {word for word, n in learnt.items() if n} == {"thi", "hoa", "tao", "giang", "a", "pu"}
    assert set(_vocabulary().values()) == {1}
    response = client_for(world, Role.UNION_STAFF).get(reverse(FINDER), {"q": "giang a pux"})
    assert _names(response) == ["Giàng A Pử"]


@on_postgresql
def test_the_finder_forgets_the_words_no_name_has_any_more(world: World) -> None:
    Person.objects.create(full_name="Nguyễn Văn Đức")
    mistyped = Person.objects.create(full_name="Trần Thị Dcu")
    mistyped.full_name = "Trần Thị Đức"
    mistyped.save()
    erased = Person.objects.create(full_name="Trần Thị Xuyênnhung")
    erased.delete()
    assert set(_vocabulary()) == {"nguyen", "van", "duc", "tran", "thi"}
    # "dcu" is a slip again, not a name word.
    response = client_for(world, Role.UNION_STAFF).get(reverse(FINDER), {"q": "nguyen van dcu"})
    assert _names(response) == ["Nguyễn Văn Đức"]
    # An edit that keeps the name, and a bulk delete of some of a word's names, keep it.
    mistyped.phone = "0912345678"
    mistyped.save()
    Person.objects.create(full_name="Trần Văn Đức")
    Person.objects.filter(full_name="Trần Văn Đức").delete()
    assert set(_vocabulary()) == {"nguyen", "van", "duc", "tran", "thi"}


@on_postgresql
def test_a_reading_no_name_has_whole_gives_way_to_similar_names(world: World) -> None:
    for name in ("Nguyễn Văn Dũng", "Nguyễn Văn Đức", "Vàng A Pử", "Nguyễn Văn A"):
        Person.objects.create(full_name=name)
    client = client_for(world, Role.UNION_STAFF)
    # "d" is not read as the name word "a", which would find "Nguyễn Văn A" alone: a
    # letter is one slip from every other.
    found = _names(client.get(reverse(FINDER), {"q": "nguyen van d"}))
    assert {"Nguyễn Văn Dũng", "Nguyễn Văn Đức"} <= set(found)
    # Every word is a name word, but no name has them all: the likest name comes first.
    found = _names(client.get(reverse(FINDER), {"q": "vang van dung"}))
    assert found[0] == "Nguyễn Văn Dũng"
    assert "Vàng A Pử" not in found
    # The export takes the same people, in the same order.
    exported = matching(Person.objects.all(), "vang van dung").order_by("-rank", "sort_key", "pk")  # type: ignore[misc]
    assert [person.full_name for person in exported] == found


@on_postgresql
def test_the_name_as_typed_comes_first_then_family_and_given_then_anywhere(world: World) -> None:
    for name in ("Đức Văn Nguyễn", "Nguyễn Thị Minh Đức", "Nguyễn Văn Đức", "Nguyễn Đức"):
        Person.objects.create(full_name=name)
    client = client_for(world, Role.UNION_STAFF)
    assert _names(client.get(reverse(FINDER), {"q": "nguyen van duc"})) == [
        "Nguyễn Văn Đức",
        "Đức Văn Nguyễn",
    ]
    assert _names(client.get(reverse(FINDER), {"q": "nguyen duc"})) == [
        "Nguyễn Đức",
        "Nguyễn Thị Minh Đức",
        "Nguyễn Văn Đức",
        "Đức Văn Nguyễn",
    ]


@on_postgresql
def test_one_word_finds_that_given_name_before_other_names_with_it(world: World) -> None:
    for name in ("Lò Đức Anh", "Lò Văn Đức", "Vàng A Đức", "Đức Thị Hoa"):
        Person.objects.create(full_name=name)
    found = _names(client_for(world, Role.UNION_STAFF).get(reverse(FINDER), {"q": "duc"}))
    assert found == ["Vàng A Đức", "Lò Văn Đức", "Lò Đức Anh", "Đức Thị Hoa"]


@on_postgresql
def test_slips_are_corrected_and_begun_words_completed(world: World) -> None:
    Person.objects.create(full_name="Nguyễn Văn Đức")
    Person.objects.create(full_name="Hoàng Thị Mai")
    client = client_for(world, Role.UNION_STAFF)
    for typed in ("ngyuen van duc", "nguyn van duc", "nguyeen van duc", "nguy van duc"):
        assert _names(client.get(reverse(FINDER), {"q": typed})) == ["Nguyễn Văn Đức"], typed


@on_postgresql
def test_every_reading_of_a_slip_shares_the_tiers(world: World) -> None:
    for name in ("Đức Lò Văn", "Lò Văn Du Hoa", "Lò Văn Đức", "Lò Văn Du", "Hoàng Thị Mai"):
        Person.objects.create(full_name=name)
    client = client_for(world, Role.UNION_STAFF)
    # "duv" reads "duc" (a letter changed) or "du" (one too many): both names as typed
    # come first, then the names holding every word of either reading.
    assert _names(client.get(reverse(FINDER), {"q": "lo van duv"})) == [
        "Lò Văn Du",
        "Lò Văn Đức",
        "Lò Văn Du Hoa",
        "Đức Lò Văn",
    ]


@on_postgresql
def test_a_word_two_slips_away_is_found_through_trigram_similarity(world: World) -> None:
    Person.objects.create(full_name="Nguyễn Văn Đức")
    Person.objects.create(full_name="Nguyễn Văn Hùng")
    client = client_for(world, Role.UNION_STAFF)
    # A letter doubled twice: no word one slip away, but pg_trgm finds "nguyen" similar.
    assert _names(client.get(reverse(FINDER), {"q": "ngguyenn van duc"})) == ["Nguyễn Văn Đức"]


@on_postgresql
def test_a_word_near_no_name_word_is_matched_whole_by_word_similarity(world: World) -> None:
    for name in ("Nguyễn Văn An", "Nguyễn Văn Đức", "Nguyễn Văn Dũng", "Hoàng Thị Mai"):
        Person.objects.create(full_name=name)
    Person.objects.create(full_name="Nguyễn Thị Đào")  # similar to 0.54, under 0.6
    client = client_for(world, Role.UNION_STAFF)
    response = client.get(reverse(FINDER), {"q": "nguyen van d"})
    # Word similarity 0.92 for the first two, in Vietnamese order, then 0.85.
    assert _names(response) == ["Nguyễn Văn Dũng", "Nguyễn Văn Đức", "Nguyễn Văn An"]
    assert [p["rank"] for p in response.context["page"].people] == [9, 9, 8]
    everyone = matching(Person.objects.all(), "nguyen van d").order_by("-rank", "sort_key", "pk")  # type: ignore[misc]
    assert [p.full_name for p in everyone] == _names(response)


@on_postgresql
def test_pages_of_similar_names_run_on_from_one_band_to_the_next(world: World) -> None:
    close = [Person.objects.create(full_name="Nguyễn Văn Dũng") for _ in range(40)]
    further = [Person.objects.create(full_name="Nguyễn Văn An") for _ in range(40)]
    people = Person.objects.all()
    first = page_of(people, tiers("nguyen van d"), None)
    second = page_of(people, tiers("nguyen van d"), first.next_cursor)
    assert first.next_cursor is not None
    assert second.next_cursor is None
    assert [p["pk"] for p in first.people + second.people] == [p.pk for p in close + further]


@on_postgresql
def test_pages_run_on_from_one_tier_to_the_next(world: World) -> None:
    typed = Person.objects.create(full_name="Lò An")
    family_given = [Person.objects.create(full_name="Lò Văn An") for _ in range(60)]
    anywhere = [Person.objects.create(full_name="Lò Thị An Hoa") for _ in range(20)]
    client = client_for(world, Role.UNION_STAFF)
    seen: list[int] = []
    response = client.get(reverse(FINDER), {"q": "lo an"})
    while True:
        seen += [p["pk"] for p in response.context["page"].people]
        cursor = response.context["page"].next_cursor
        if cursor is None:
            break
        response = client.get(reverse(FINDER), {"q": "lo an", "after": cursor.encode()})
    assert seen == [typed.pk] + [p.pk for p in family_given] + [p.pk for p in anywhere]


@on_postgresql
def test_the_export_lists_everyone_in_the_order_of_the_pages(world: World) -> None:
    for name in ("Lò Văn Đức", "Đức Văn Lò", "Lò Thị Đức Hạnh", "Lò Đức", "Lò Văn Đúc"):
        Person.objects.create(full_name=name)
    pages = page_of(Person.objects.all(), tiers("lo duc"), None).people
    everyone = matching(Person.objects.all(), "lo duc").order_by("-rank", "sort_key", "pk")  # type: ignore[misc]
    assert [p.pk for p in everyone] == [p["pk"] for p in pages]
    assert len(pages) == 5


def test_association_staff_search_their_own_people_by_name(world: World) -> None:
    own = _member(world, "Phạm Thị Lan")
    _member(world, "Lò Văn Lan")
    Person.objects.create(full_name="Đỗ Thị Lan")
    staff = client_for(world, Role.ASSOCIATION_STAFF)
    assert _names(staff.get(reverse(FINDER), {"q": "lan"})) == ["Phạm Thị Lan", "Lò Văn Lan"]
    assert _names(staff.get(reverse(FINDER), {"q": "pham thi lan"})) == [own.full_name]


def test_rows_escape_what_people_typed(world: World) -> None:
    Person.objects.create(
        full_name="Lò <b>Văn</b> An", employer="Trường & Viện", willing_expert=True
    )
    page = client_for(world, Role.UNION_STAFF).get(reverse(FINDER), {"q": "lo"}).content.decode()
    assert "Lò &lt;b&gt;Văn&lt;/b&gt; An" in page
    assert "<td>Trường &amp; Viện</td>" in page
    assert "<b>Văn</b>" not in page


def _row_cells(html: str) -> list[str]:
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return re.findall(r"<td>(.*?)</td>", body)


@pytest.mark.django_db(transaction=True)
def test_rows_show_degree_title_and_commune_as_the_catalogues_have_them_now(
    world: World,
) -> None:
    professor = AcademicTitle.objects.get(code="PGS")
    doctor = Degree.objects.get(code="TS")
    commune = Organization.objects.create(code="XA-TT", name="Xã Tân Thượng", kind="commune")
    Person.objects.create(
        full_name="Lò Văn Minh", degree=doctor, title=professor, commune=commune, birth_year=1975
    )
    client = client_for(world, Role.UNION_STAFF)
    cells = _row_cells(client.get(reverse(FINDER), {"q": "minh"}, headers=HTMX).content.decode())
    assert cells[1:3] == ["TS", "PGS"]
    assert cells[-2:] == ["1975", "Xã Tân Thượng"]
    # A renamed entry renews the registry version as it commits: the rows follow at once.
    doctor.code = "TS."
    doctor.save()
    commune.name = "Phường Tân Thượng"
    commune.save()
    cells = _row_cells(client.get(reverse(FINDER), {"q": "minh"}, headers=HTMX).content.decode())
    assert cells[1] == "TS."
    assert cells[-1] == "Phường Tân Thượng"


def test_the_association_and_commune_filters_list_in_vietnamese_order(world: World) -> None:
    # What database order gets wrong: "Ch" before "Cầ", "â" before "ă", "Bu" before "Bì".
    for code, name in [("HCD", "Hội Cầu đường"), ("HCN", "Hội Chăn nuôi"), ("HCC", "Hội Châm cứu")]:
        organization = Organization.objects.create(code=code, name=name, kind="association")
        Association.objects.create(organization=organization)
    Association.objects.create(organization=world.association)
    for code, name in [("XA-BN", "Xã Bum Nưa"), ("XA-BL", "Xã Bình Lư")]:
        Organization.objects.create(code=code, name=name, kind="commune")
    html = client_for(world, Role.UNION_STAFF).get(reverse(FINDER)).content.decode()
    assert select_options(html, "association") == [
        "Hội Cầu đường",
        "Hội Chăn nuôi",
        "Hội Châm cứu",
        "Hội Y học tỉnh",
    ]
    assert select_options(html, "commune") == ["Xã Bình Lư", "Xã Bum Nưa"]
