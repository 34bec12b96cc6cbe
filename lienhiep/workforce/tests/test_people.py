"""The person record: one writer for the derived name columns, Vietnamese order, catalogues."""

from __future__ import annotations

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.test import Client
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from lienhiep.associations.models import Association
from lienhiep.core.models import Organization, OrganizationKind, User
from lienhiep.vn import sort_key
from lienhiep.workforce.models import (
    AcademicTitle,
    Degree,
    Ethnicity,
    Person,
    RosterImport,
)
from lienhiep.workforce.names import sortable

pytestmark = pytest.mark.django_db


def test_saving_writes_the_name_parts_folded_name_and_sort_key() -> None:
    person = Person.objects.create(
        full_name="  Nguyễn   Văn Đức ", birth_date=datetime.date(1980, 5, 9)
    )
    assert (person.full_name, person.family_name, person.middle_name, person.given_name) == (
        "Nguyễn Văn Đức",
        "Nguyễn",
        "Văn",
        "Đức",
    )
    assert person.name_folded == "nguyen van duc"
    assert person.birth_year == 1980
    person.full_name = "Lò Thị Ánh"
    person.save()
    person.refresh_from_db()
    assert (person.given_name, person.name_folded) == ("Ánh", "lo thi anh")
    assert person.sort_key == sortable("Lò Thị Ánh")


def test_saving_writes_phones_and_e_mails_in_one_spelling() -> None:
    """A roster finds the same person again by phone or e-mail: they are stored alike."""
    person = Person.objects.create(
        full_name="Lò Văn Tâm", phone="+84 912.345.678", email=" Tam.Lo@LaiChau.gov.vn "
    )
    person.refresh_from_db()
    assert (person.phone, person.email) == ("0912345678", "tam.lo@laichau.gov.vn")
    person.phone = "máy bàn cơ quan"  # not a number: kept as written, trimmed
    person.save()
    assert person.phone == "máy bàn cơ quan"


def test_registry_lists_people_in_vietnamese_order() -> None:
    names = [
        "Trần Văn Duc",
        "Nguyễn Văn Đức",
        "Lê Thị An",
        "Lò Văn Ánh",
        "Hoàng Thị Ă",
        "Vàng A Dình",
    ]
    for name in names:
        Person.objects.create(full_name=name)
    listed = list(Person.objects.in_vietnamese_order().values_list("full_name", flat=True))
    assert listed == sorted(names, key=sort_key)
    assert listed[:3] == ["Lê Thị An", "Lò Văn Ánh", "Hoàng Thị Ă"]


letters = st.sampled_from(
    list("aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạấầẩẫậếềểễệốồổỗộớờởỡợúùủũụứừửữựíìỉĩịýỳỷỹỵ")
)
words = st.text(letters, min_size=1, max_size=6)


@settings(max_examples=200, deadline=None)
@given(st.lists(words, min_size=1, max_size=4), st.lists(words, min_size=1, max_size=4))
def test_stored_sort_key_orders_like_the_library(first: list[str], second: list[str]) -> None:
    a, b = " ".join(first).title(), " ".join(second).title()

    def levels(name: str) -> list[tuple[str, ...]]:
        # The stored key keeps the three collation levels, not the final tie-breaker.
        return [key[:3] for key in sort_key(name)]

    assert (sortable(a) < sortable(b)) == (levels(a) < levels(b))
    assert (sortable(a) == sortable(b)) == (levels(a) == levels(b))


def test_consent_date_without_consent_is_refused() -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        Person.objects.create(full_name="Lù Văn Pao", consent_on=datetime.date(2026, 1, 5))


def test_catalogues_hold_the_54_ethnic_groups_and_degree_spellings() -> None:
    assert Ethnicity.objects.count() == 54
    assert {"Thái", "Kinh", "Mông", "Dao", "Hà Nhì", "Giáy", "Lự", "Khơ Mú"} <= set(
        Ethnicity.objects.values_list("name", flat=True)
    )
    doctor = Degree.objects.get(code="TS")
    assert {"ts", "tien si", "tien sy"} <= doctor.spellings()


def test_catalogue_entries_people_have_cannot_be_deleted() -> None:
    # Django guards these columns (no database constraint): through the ORM and the admin.
    degree, title = Degree.objects.get(code="TS"), AcademicTitle.objects.get(code="PGS")
    ethnicity = Ethnicity.objects.get(name="Thái")
    Person.objects.create(full_name="Lò Văn Muôn", degree=degree, title=title, ethnicity=ethnicity)
    for entry in (degree, title, ethnicity):
        with pytest.raises(ProtectedError), transaction.atomic():
            entry.delete()
    assert Person.objects.filter(degree=degree, title=title, ethnicity=ethnicity).exists()


def test_admin_refuses_to_delete_a_degree_people_have(client: Client) -> None:
    admin = User.objects.create_superuser("quantri", password="not-a-secret")
    client.force_login(admin)
    degree = Degree.objects.get(code="ThS")
    Person.objects.create(full_name="Tao Thị Xuân", degree=degree)
    url = reverse("admin:workforce_degree_delete", args=[degree.pk])
    response = client.post(url, {"post": "yes"})
    assert response.status_code == 200
    assert Degree.objects.filter(pk=degree.pk).exists()


def test_deleting_an_import_keeps_its_people_without_it() -> None:
    association = Association.objects.create(
        organization=Organization.objects.create(
            code="HOITEST", name="Hội thử", kind=OrganizationKind.ASSOCIATION
        )
    )
    batch = RosterImport.objects.create(association=association, file_name="ds.xlsx")
    person = Person.objects.create(full_name="Giàng A Páo", import_batch=batch)
    batch.delete()
    person.refresh_from_db()
    assert person.import_batch is None
