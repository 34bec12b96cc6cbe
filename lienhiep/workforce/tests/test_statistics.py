"""Number and quality statistics: SQL counts by every dimension, an Excel export."""

from __future__ import annotations

import datetime
from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from lienhiep.associations.models import Association, ScienceField
from lienhiep.core.models import Role
from lienhiep.core.testing import World, client_for, run_worker
from lienhiep.jobs.models import Job, JobStatus
from lienhiep.workforce.models import Degree, Ethnicity, Gender, Membership, Person

pytestmark = pytest.mark.django_db


def _people(n: int, **fields) -> None:
    for i in range(n):
        Person.objects.create(full_name=f"Lò Văn Người{i}", **fields)


def _table(response, key: str) -> dict[str, int]:
    table = next(t for t in response.context["tables"] if t.key == key)
    return {row.label: row.count for row in table.rows}


def test_counts_by_degree_ethnicity_gender_field_and_age(world: World) -> None:
    year = datetime.date.today().year
    thai = Ethnicity.objects.get(name="Thái")
    _people(
        3,
        degree=Degree.objects.get(code="TS"),
        ethnicity=thai,
        gender=Gender.FEMALE,
        birth_year=year - 35,
    )
    _people(
        2, degree=Degree.objects.get(code="ThS"), field=ScienceField.MEDICAL, birth_year=year - 61
    )
    _people(1)
    response = client_for(world, Role.OVERSIGHT).get(reverse("workforce:statistics"))
    assert _table(response, "degree") == {"Tiến sĩ": 3, "Thạc sĩ": 2, "Chưa ghi nhận": 1}
    assert _table(response, "ethnicity") == {"Thái": 3, "Chưa ghi nhận": 3}
    assert _table(response, "gender")["Nữ"] == 3
    assert _table(response, "field")["Khoa học y, dược"] == 2
    assert _table(response, "age") == {"30–39": 3, "≥ 60": 2, "Chưa ghi nhận": 1}


def test_year_over_year_counts_each_year_with_its_running_total(world: World) -> None:
    _people(2)
    Person.objects.update(created_at=datetime.datetime(2025, 3, 1, tzinfo=datetime.UTC))
    _people(3)
    this_year = datetime.date.today().year
    response = client_for(world, Role.UNION_LEADER).get(reverse("workforce:statistics"))
    assert _table(response, "year") == {"2025 (lũy kế 2)": 2, f"{this_year} (lũy kế 5)": 3}


def test_statistics_queries_do_not_grow_with_people(world: World) -> None:
    client = client_for(world, Role.UNION_STAFF)
    _people(3, degree=Degree.objects.get(code="TS"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("workforce:statistics"))
    _people(40, degree=Degree.objects.get(code="ĐH"), birth_year=1980)
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("workforce:statistics"))
    assert len(many) == len(few)


def test_association_staff_counts_only_its_own_people(world: World) -> None:
    association, _ = Association.objects.get_or_create(organization=world.association)
    _people(4)
    member = Person.objects.create(full_name="Phạm Thị Lan", gender=Gender.FEMALE)
    Membership.objects.create(person=member, association=association)
    response = client_for(world, Role.ASSOCIATION_STAFF).get(reverse("workforce:statistics"))
    assert _table(response, "gender") == {"Nữ": 1}


@pytest.mark.django_db(transaction=True)
def test_statistics_export_to_xlsx_through_the_worker(world: World) -> None:
    _people(2, degree=Degree.objects.get(code="TS"))
    client = client_for(world, Role.UNION_STAFF)
    client.post(reverse("workforce:statistics_export"))
    run_worker()
    job = Job.objects.get()
    assert job.status == JobStatus.SUCCEEDED, job.error
    workbook = load_workbook(
        BytesIO(client.get(reverse("jobs:download", args=[job.pk])).getvalue())
    )
    values = [c for row in workbook.worksheets[0].iter_rows(values_only=True) for c in row]
    assert "Tiến sĩ" in values
    assert 2 in values
