"""Number and quality statistics: SQL counts by every dimension, an Excel export."""

from __future__ import annotations

import datetime
from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from lienhiep.associations.models import Association, ScienceField
from lienhiep.core.models import Organization, Role
from lienhiep.core.testing import World, client_for, run_worker
from lienhiep.jobs.models import Job, JobStatus
from lienhiep.workforce import statistics
from lienhiep.workforce.models import (
    AcademicTitle,
    Degree,
    Ethnicity,
    Gender,
    Membership,
    Person,
)

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


def _born_tomorrow(years_ago: int) -> datetime.date:
    """The day one turns ``years_ago`` years old tomorrow (local time)."""
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    try:
        return tomorrow.replace(year=tomorrow.year - years_ago)
    except ValueError:  # tomorrow is 29 February: 1 March of a common year is after it
        return datetime.date(tomorrow.year - years_ago, 3, 1)


def test_age_is_counted_from_the_whole_date_of_birth_where_it_is_known(world: World) -> None:
    for years, name in ((30, "Lò Văn An"), (60, "Lò Văn Bình"), (40, "Lò Văn Cường")):
        born = _born_tomorrow(years)
        Person.objects.create(full_name=name, birth_date=born, birth_year=born.year)
    today = timezone.localdate()
    Person.objects.create(
        full_name="Lò Thị Dung", birth_date=_born_tomorrow(40) - datetime.timedelta(days=1)
    )
    Person.objects.create(full_name="Lò Thị Én", birth_year=today.year - 30)  # the year alone
    response = client_for(world, Role.UNION_STAFF).get(reverse("workforce:statistics"))
    # Turning 30, 60 and 40 tomorrow: 29, 59 and 39 today. Dung turned 40 today.
    assert _table(response, "age") == {"< 30": 1, "30–39": 2, "40–49": 1, "50–59": 1}


def test_shares_and_growth_round_half_up_as_reports_do(world: World) -> None:
    assert (statistics.percent(1, 16), statistics.percent(1, 8, 0)) == (6.3, 13.0)
    Person.objects.create(full_name="Lò Thị Hoa", gender=Gender.FEMALE)
    _people(15, gender=Gender.MALE)
    response = client_for(world, Role.UNION_STAFF).get(reverse("workforce:statistics"))
    table = next(t for t in response.context["tables"] if t.key == "gender")
    assert {row.label: row.share for row in table.rows} == {"Nữ": 6.3, "Nam": 93.8}


def test_degree_title_and_field_tables_agree_with_their_own_group_by(world: World) -> None:
    # The page reads these three tables from the cross table by field: they must be what
    # a GROUP BY of their own gives, in the same order, catalogue entries added included.
    extra = Degree.objects.create(code="X", name="Bằng mới", rank=5, position=0)
    titles = list(AcademicTitle.objects.all())
    degrees = [*Degree.objects.filter(code__in=["TS", "ThS", "ĐH"]), extra]
    # 10, 6, 4 and 3 people: no two fields tie (ties have no order of their own).
    fields = [ScienceField.MEDICAL] * 10 + [ScienceField.AGRICULTURAL] * 6 + [""] * 4
    fields += [ScienceField.SOCIAL] * 3
    for i, field in enumerate(fields):
        Person.objects.create(
            full_name=f"Lò Văn Người{i}",
            degree=degrees[i % 5] if i % 5 < 4 else None,
            title=titles[i % 7] if i % 7 < len(titles) else None,
            field=field,
        )
    response = client_for(world, Role.UNION_STAFF).get(reverse("workforce:statistics"))
    people = Person.objects.all()
    expected = [
        statistics.by_catalogue(people, "degree", "Học vị, trình độ"),
        statistics.by_catalogue(people, "title", "Học hàm"),
        statistics.by_choice(people, "field", ScienceField, "Lĩnh vực KH&CN"),
    ]
    shown = {t.key: t for t in response.context["tables"]}
    for table in expected:
        assert [(r.label, r.count, r.share) for r in shown[table.key].rows] == [
            (r.label, r.count, r.share) for r in table.rows
        ], table.key
    assert shown["degree"].rows[0].label == "Bằng mới"  # position 0: first, as in the catalogue


def _matrix(response, key: str) -> dict[str, dict[str, int | None]]:
    matrix = next(m for m in response.context["matrices"] if m.key == key)
    columns = [column.short for column in matrix.columns]
    rows = {str(row.label): dict(zip(columns, row.values, strict=True)) for row in matrix.rows}
    if matrix.total:
        rows["Tổng số"] = dict(zip(columns, matrix.total, strict=True))
    return rows


def test_number_and_quality_by_field_counts_women_minorities_titles_and_degrees(
    world: World,
) -> None:
    thai, kinh = Ethnicity.objects.get(name="Thái"), Ethnicity.objects.get(name="Kinh")
    doctor, master = Degree.objects.get(code="TS"), Degree.objects.get(code="ThS")
    _people(
        2,
        field=ScienceField.MEDICAL,
        gender=Gender.FEMALE,
        ethnicity=thai,
        degree=doctor,
        title=AcademicTitle.objects.get(code="PGS"),
    )
    _people(3, field=ScienceField.MEDICAL, gender=Gender.MALE, ethnicity=kinh, degree=master)
    _people(1, field=ScienceField.AGRICULTURAL)  # no group, no degree recorded
    response = client_for(world, Role.OVERSIGHT).get(reverse("workforce:statistics"))
    rows = _matrix(response, "quality_field")
    medical = rows["Khoa học y, dược"]
    assert (medical["Tổng số"], medical["Nữ"], medical["Dân tộc thiểu số"]) == (5, 2, 2)
    assert (medical["PGS"], medical["GS"], medical["TS"], medical["ThS"], medical["ĐH"]) == (
        2,
        0,
        2,
        3,
        0,
    )
    assert rows["Khoa học nông nghiệp"]["Chưa ghi học vị"] == 1
    assert rows["Khoa học nông nghiệp"]["Dân tộc thiểu số"] == 0
    assert rows["Tổng số"]["Tổng số"] == 6
    assert rows["Tổng số"]["TS"] == 2
    assert list(rows) == ["Khoa học y, dược", "Khoa học nông nghiệp", "Tổng số"]
    page = response.content.decode()
    assert '<abbr title="Tiến sĩ">TS</abbr>' in page


def test_number_and_quality_by_association_counts_current_members_in_each(world: World) -> None:
    medical = Association.objects.create(
        organization=Organization.objects.create(name="Hội Y học", code="HYH-T", kind="association")
    )
    herbal = Association.objects.create(
        organization=Organization.objects.create(
            name="Hội Đông y", code="HDY-T", kind="association"
        )
    )
    both = Person.objects.create(
        full_name="Lò Thị Hoa", gender=Gender.FEMALE, degree=Degree.objects.get(code="CKII")
    )
    Membership.objects.create(person=both, association=medical)
    Membership.objects.create(person=both, association=herbal)
    for name in ("Vàng A Páo", "Tẩn Văn Lả"):
        Membership.objects.create(person=Person.objects.create(full_name=name), association=medical)
    gone = Person.objects.create(full_name="Chu Văn Dế")
    Membership.objects.create(person=gone, association=herbal, left_on=datetime.date(2024, 1, 1))
    response = client_for(world, Role.UNION_STAFF).get(reverse("workforce:statistics"))
    rows = _matrix(response, "quality_association")
    assert list(rows) == ["Hội Y học", "Hội Đông y"]  # largest first, no total row
    assert (rows["Hội Y học"]["Tổng số"], rows["Hội Y học"]["Nữ"], rows["Hội Y học"]["CKII"]) == (
        3,
        1,
        1,
    )
    assert rows["Hội Đông y"]["Tổng số"] == 1  # the member who left is not counted
    # The simple table by association adds up memberships, not people, and says so.
    assert _table(response, "association") == {"Hội Y học": 3, "Hội Đông y": 1}
    table = next(t for t in response.context["tables"] if t.key == "association")
    assert table.note in response.content.decode()
    assert table.note == "Hội viên hiện tại. Người là hội viên của hai hội được tính ở cả hai hội."


def test_registry_year_by_year_has_running_totals_and_growth(world: World) -> None:
    minority = Ethnicity.objects.get(name="Mông")
    _people(4, ethnicity=minority, degree=Degree.objects.get(code="TS"))
    Person.objects.update(created_at=datetime.datetime(2024, 3, 1, tzinfo=datetime.UTC))
    _people(1, gender=Gender.FEMALE, degree=Degree.objects.get(code="CKI"))
    Person.objects.filter(created_at__year__gt=2024).update(
        created_at=datetime.datetime(2025, 6, 1, tzinfo=datetime.UTC)
    )
    _people(5, degree=Degree.objects.get(code="ĐH"))
    this_year = datetime.date.today().year
    response = client_for(world, Role.UNION_LEADER).get(reverse("workforce:statistics"))
    rows = _matrix(response, "years")
    assert list(rows) == ["2024", "2025", str(this_year)]
    assert rows["2024"]["Cuối năm"] == 4
    assert rows["2024"]["Tăng (%)"] is None
    assert rows["2025"] == {
        "Thêm trong năm": 1,
        "Cuối năm": 5,
        "Tăng (%)": 25,
        "Nữ": 1,
        "Dân tộc thiểu số": 4,
        "Sau đại học": 5,
        "Tiến sĩ": 4,
        "GS, PGS": 0,
    }
    assert rows[str(this_year)]["Cuối năm"] == 10
    assert rows[str(this_year)]["Tăng (%)"] == 100
    assert "—" in response.content.decode()  # no growth for the first year


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
    by_field = workbook["Theo lĩnh vực KH&CN"]
    rows = list(by_field.iter_rows(values_only=True))
    header = next(row for row in rows if row[0] == "Lĩnh vực KH&CN")
    assert "Tiến sĩ" in header
    assert "Số người" in header
    total = next(row for row in rows if row[0] == "Tổng số")
    assert total[header.index("Tiến sĩ")] == 2
    years = list(workbook["Qua các năm"].iter_rows(values_only=True))
    assert datetime.date.today().year in [row[0] for row in years]  # a number, not text
    # Each sheet with rows charts its counts beside the table (an empty one has none); the
    # year sheet the registry at each year's end, year by year.
    charts = {sheet.title: len(sheet._charts) for sheet in workbook.worksheets}  # type: ignore[attr-defined]
    assert charts == {sheet.title: int(sheet.max_row > 2) for sheet in workbook.worksheets}
    assert charts["Theo lĩnh vực KH&CN"] == 1
    [by_year] = workbook["Qua các năm"]._charts  # type: ignore[attr-defined]
    [series] = by_year.series
    last_year_row = max(number for number, row in enumerate(years, 1) if isinstance(row[0], int))
    assert series.val.numRef.f.startswith("'Qua các năm'!$C$3")
    assert series.val.numRef.f.endswith(f"$C${last_year_row}")
