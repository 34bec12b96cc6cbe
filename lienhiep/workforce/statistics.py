"""Số lượng, chất lượng đội ngũ trí thức: counts by every dimension, computed by the database.

Each table is one GROUP BY query over the people the user may see (the degree,
title and field tables are read from the cross table by field); nothing loops over
people in Python, and foreign keys are counted by their own column,
from its index where it has one (names are looked up after). At a million people
the queries still take a couple of seconds, so ``figures`` keeps their result in
Django's cache until the registry changes: ``registry_changed`` (called by the
model signals and by bulk writers) replaces a token in the database once the
write commits, and the cache key carries the token, so every web worker,
whatever its cache, counts again after a write.
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, TypeVar

from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models import Case, CharField, Count, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import ExtractYear
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from lienhiep.associations.models import Association, ScienceField
from lienhiep.core.models import Organization
from lienhiep.vn import years_after
from lienhiep.workforce.models import (
    DOCTORATE_RANK,
    KINH_CODE,
    POSTGRADUATE_RANK,
    AcademicTitle,
    Degree,
    Ethnicity,
    Gender,
    Membership,
    Person,
    RegistryVersion,
)

MEMBERS_IN_EACH = gettext_lazy("Current members. A member of two associations is counted in each.")
AGE_BANDS: list[tuple[int, int | None, str]] = [
    (0, 30, "< 30"),
    (30, 40, "30–39"),
    (40, 50, "40–49"),
    (50, 60, "50–59"),
    (60, None, "≥ 60"),
]


@dataclass
class Row:
    label: str
    count: int
    share: float  # of the table's total, in percent


@dataclass
class Table:
    key: str
    title: str
    rows: list[Row]
    note: str = ""  # how to read it, where its total is not a number of people

    @property
    def total(self) -> int:
        return sum(r.count for r in self.rows)


def percent(part: int, whole: int, places: int = 1) -> float:
    """``part`` of ``whole`` in percent, rounded half up as reports round (1 of 16 is 6.3,
    growth from 8 to 9 is 13), not half to even as ``round`` does."""
    exact = Decimal(100 * part) / Decimal(whole)
    return float(exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))


def _table(key: str, title: str, pairs: list[tuple[str, int]]) -> Table:
    total = sum(n for _, n in pairs) or 1
    return Table(key, title, [Row(label, n, percent(n, total)) for label, n in pairs])


def _grouped(
    people: QuerySet[Person], field: str, order: str | None = None
) -> list[dict[str, object]]:
    rows = people.values(field).annotate(n=Count("pk"))
    return list(rows.order_by(order or "-n"))


def _counts(rows: QuerySet[Any], column: str) -> dict[Any, int]:
    """Counts by the raw column: a foreign key is counted without a join."""
    return {r[column]: int(r["n"]) for r in rows.values(column).annotate(n=Count("pk")).order_by()}


def _not_recorded(counts: dict[Any, int]) -> list[tuple[str, int]]:
    return [(str(_("Not recorded")), counts[None])] if None in counts else []


def by_catalogue(people: QuerySet[Person], relation: str, title: str) -> Table:
    """Rows in the catalogue's order, people with none recorded last."""
    counts = _counts(people, f"{relation}_id")
    catalogue = Person._meta.get_field(relation).related_model
    entries = catalogue._default_manager.filter(pk__in=[k for k in counts if k is not None])  # type: ignore[union-attr]
    pairs = [(str(entry), counts[entry.pk]) for entry in entries]
    return _table(relation, title, pairs + _not_recorded(counts))


def by_choice(people: QuerySet[Person], field: str, choices: type, title: str) -> Table:
    labels = dict(choices.choices)  # type: ignore[attr-defined]
    rows = _grouped(people, field)
    pairs = [(str(labels.get(r[field]) or _("Not recorded")), int(r["n"])) for r in rows]  # type: ignore[call-overload]
    return _table(field, title, pairs)


def by_age(people: QuerySet[Person], today: datetime.date) -> Table:
    """Age today: from the whole date of birth where it is known (one born on 31/12/1996
    is 29 on 7/12/2026), else from the year alone."""
    whens = []
    for low, high, label in AGE_BANDS:
        by_date = Q(birth_date__lte=years_after(today, -low))
        by_year = Q(birth_date__isnull=True, birth_year__lte=today.year - low)
        if high is not None:
            by_date &= Q(birth_date__gt=years_after(today, -high))
            by_year &= Q(birth_year__gt=today.year - high)
        whens.append(When(by_date | by_year, then=Value(label)))
    band = Case(*whens, default=Value(str(_("Not recorded"))), output_field=CharField())
    counts = {
        r["band"]: r["n"] for r in people.annotate(band=band).values("band").annotate(n=Count("pk"))
    }
    order = [label for *_bounds, label in AGE_BANDS] + [str(_("Not recorded"))]
    pairs = [(label, int(counts[label])) for label in order if counts.get(label)]
    return _table("age", str(_("Age")), pairs)


def _largest_first(counts: dict[Any, int], names: dict[Any, str]) -> list[tuple[str, int]]:
    named = [(names.get(key) or str(_("Not recorded")), n) for key, n in counts.items()]
    return sorted(named, key=lambda pair: (-pair[1], pair[0]))


def by_commune(people: QuerySet[Person]) -> Table:
    counts = _counts(people, "commune_id")
    names = Organization.objects.filter(pk__in=[k for k in counts if k is not None])
    pairs = _largest_first(counts, dict(names.values_list("pk", "name")))
    return _table("commune", str(_("Commune")), pairs)


def by_association(people: QuerySet[Person]) -> Table:
    current = Membership.objects.filter(left_on__isnull=True)
    if people.query.has_filters():
        # Everyone's memberships need no look at people: each belongs to one of them.
        current = current.filter(person__in=people)
    counts = {
        r["association_id"]: int(r["n"])
        for r in current.values("association_id")
        .annotate(n=Count("person", distinct=True))
        .order_by()
    }
    names = Association.objects.filter(pk__in=list(counts))
    pairs = _largest_first(counts, dict(names.values_list("pk", "organization__name")))
    table = _table("association", str(_("Association")), pairs)
    table.note = str(MEMBERS_IN_EACH)
    return table


TITLES = {
    "degree": gettext_lazy("Degree"),
    "title": gettext_lazy("Academic title"),
    "field": gettext_lazy("S&T field"),
    "gender": gettext_lazy("Gender"),
    "ethnicity": gettext_lazy("Ethnic group"),
}


def count_all(people: QuerySet[Person], today: datetime.date) -> tuple[list[Table], list[Matrix]]:
    """Every table and cross table of ``people``. The degree, title and field tables are
    read from the cross table by field, which has counted them already (three GROUP BYs
    over every person fewer)."""
    catalogues = _Catalogues.read()
    by_field = quality_by_field(people, catalogues)
    matrices = [by_field, quality_by_association(people, catalogues), by_year(people, catalogues)]
    tables = [
        *_tables_of_field_matrix(by_field, catalogues),
        by_choice(people, "gender", Gender, str(TITLES["gender"])),
        by_catalogue(people, "ethnicity", str(TITLES["ethnicity"])),
        by_age(people, today),
        by_commune(people),
        by_association(people),
    ]
    return tables, matrices


def _tables_of_field_matrix(matrix: Matrix, catalogues: _Catalogues) -> list[Table]:
    """The degree, title and field tables, as ``by_catalogue`` and ``by_choice`` would
    count them, from the field cross table's total row and rows (its columns: people,
    women, minorities, each title, each degree highest first, no degree)."""
    total = [int(n or 0) for n in matrix.total or [0] * len(matrix.columns)]
    first_degree = _FIRST_TITLE + len(catalogues.titles)
    titles = dict(zip(catalogues.titles, total[_FIRST_TITLE:first_degree], strict=True))
    degrees = dict(zip(catalogues.degrees, total[first_degree:-1], strict=True))
    not_recorded = str(_("Not recorded"))

    def in_catalogue_order(counts: dict[Any, int], unrecorded: int) -> list[tuple[str, int]]:
        entries = sorted(counts, key=lambda entry: (entry.position, entry.name))
        pairs = [(str(entry), counts[entry]) for entry in entries if counts[entry]]
        return pairs + ([(not_recorded, unrecorded)] if unrecorded else [])

    fields = sorted(((str(row.label), int(row.values[0] or 0)) for row in matrix.rows),
                    key=lambda pair: -pair[1])  # fmt: skip
    return [
        _table("degree", str(TITLES["degree"]), in_catalogue_order(degrees, total[-1])),
        _table(
            "title",
            str(TITLES["title"]),
            in_catalogue_order(titles, total[0] - sum(titles.values())),
        ),
        _table("field", str(TITLES["field"]), fields),
    ]


# --- Cross tables of number and quality -------------------------------------------------


@dataclass
class Heading:
    """A column of a cross table: the short label reports use ("TS") and its meaning."""

    short: str
    long: str


@dataclass
class MatrixRow:
    label: str | int  # a year stays a number, for the workbook
    values: list[int | None]  # None where a figure has no meaning (growth in the first year)


@dataclass
class Matrix:
    """A cross table, one row a group of people, one column a count of that group.

    The form of the Union's yearly report on the workforce: for each field (or
    association, or year) how many people, women, people of ethnic minorities, and
    each academic title and degree.
    """

    key: str
    title: str
    sheet: str  # the title, short enough for a worksheet's name
    row_heading: str
    columns: list[Heading]
    rows: list[MatrixRow]
    total: list[int | None] | None = None
    note: str = ""
    chart: int | None = None  # the column also drawn as bars, the largest value full width

    def lines(self) -> list[tuple[MatrixRow, float | None]]:
        """Each row with the width of its bar, in percent (None when nothing is drawn)."""
        if self.chart is None:
            return [(row, None) for row in self.rows]
        largest = max((row.values[self.chart] or 0 for row in self.rows), default=0) or 1
        return [(row, round(100 * (row.values[self.chart] or 0) / largest, 1)) for row in self.rows]


_FIRST_TITLE = 3  # the cross tables' columns: people, women, minorities, then the titles


def _on(through: str, **lookups: object) -> Q:
    """A condition on the person, reached through ``through`` ("" or "person__")."""
    return Q(**{f"{through}{name}": value for name, value in lookups.items()})


@dataclass
class _Catalogues:
    """The catalogue entries the cross tables count by, read once for all of them."""

    kinh: list[int]  # the Kinh entry's key (none if the catalogue lost it)
    titles: list[AcademicTitle]
    degrees: list[Degree]  # highest first

    @classmethod
    def read(cls) -> _Catalogues:
        return cls(
            list(Ethnicity.objects.filter(code=KINH_CODE).values_list("pk", flat=True)),
            list(AcademicTitle.objects.all()),
            list(Degree.objects.order_by("-rank", "position")),
        )

    def degrees_from(self, rank: int) -> list[int]:
        return [degree.pk for degree in self.degrees if degree.rank >= rank]


def _of_a_minority(catalogues: _Catalogues, through: str = "") -> Q:
    """Recorded with an ethnic group other than Kinh (by catalogue key: no join, so people
    with no group recorded stay in every other count)."""
    return _on(through, ethnicity__isnull=False) & ~_on(through, ethnicity__in=catalogues.kinh)


def _quality_measures(
    catalogues: _Catalogues, through: str, distinct: bool
) -> tuple[list[Heading], dict[str, Count]]:
    """The columns of the report and one conditional COUNT for each.

    ``through`` is the path from the counted rows to the person ("" for people,
    "person__" for memberships); the columns follow the catalogues, titles then
    degrees highest first, so an entry added to a catalogue gets its column.
    """
    counted = "person" if through else "pk"

    def count(condition: Q | None = None) -> Count:
        return Count(counted, filter=condition, distinct=distinct)

    # _tables_of_field_matrix reads these columns by position: keep it in step.
    headings = [
        Heading(str(_("Total")), str(_("People"))),
        Heading(str(_("Women")), str(_("Women"))),
        Heading(str(_("Ethnic minorities")), str(_("People of an ethnic minority"))),
    ]
    measures = {
        "total": count(),
        "women": count(_on(through, gender=Gender.FEMALE)),
        "minority": count(_of_a_minority(catalogues, through)),
    }
    for title in catalogues.titles:
        headings.append(Heading(title.code, title.name))
        measures[f"title_{title.pk}"] = count(_on(through, title=title.pk))
    for degree in catalogues.degrees:
        headings.append(Heading(degree.code, degree.name))
        measures[f"degree_{degree.pk}"] = count(_on(through, degree=degree.pk))
    headings.append(Heading(str(_("No degree recorded")), str(_("No degree recorded"))))
    measures["degree_none"] = count(_on(through, degree__isnull=True))
    return headings, measures


def _counted(rows: QuerySet[Any], group: str, measures: dict[str, Count]) -> dict[Any, list[int]]:
    """One GROUP BY ``group``: each group's counts, in the order of ``measures``."""
    found: list[dict[str, Any]] = list(rows.values(group).annotate(**measures).order_by())
    return {r[group]: [int(r[name]) for name in measures] for r in found}


def quality_by_field(people: QuerySet[Person], catalogues: _Catalogues) -> Matrix:
    headings, measures = _quality_measures(catalogues, "", distinct=False)
    found = _counted(people, "field", measures)
    groups = [(value, str(label)) for value, label in ScienceField.choices]
    groups.append(("", str(_("Not recorded"))))
    rows = [MatrixRow(label, list(found[value])) for value, label in groups if value in found]
    total: list[int | None] = [sum(column) for column in zip(*found.values(), strict=True)]
    return Matrix(
        "quality_field",
        str(_("Number and quality by S&T field")),
        str(_("By S&T field")),
        str(TITLES["field"]),
        headings,
        rows,
        total or None,
    )


def quality_by_association(people: QuerySet[Person], catalogues: _Catalogues) -> Matrix:
    headings, measures = _quality_measures(catalogues, "person__", distinct=True)
    current = Membership.objects.filter(left_on__isnull=True)
    if people.query.has_filters():
        current = current.filter(person__in=people)
    found = _counted(current, "association_id", measures)
    names = dict(
        Association.objects.filter(pk__in=list(found)).values_list("pk", "organization__name")
    )
    rows = [MatrixRow(names.get(pk, ""), list(values)) for pk, values in found.items()]
    # Largest first: the first value is the association's number of members.
    rows.sort(key=lambda row: (-(row.values[0] or 0), str(row.label)))
    return Matrix(
        "quality_association",
        str(_("Number and quality by member association")),
        str(_("By member association")),
        str(_("Association")),
        headings,
        rows,
        note=str(MEMBERS_IN_EACH),
        chart=0,
    )


def by_year(people: QuerySet[Person], catalogues: _Catalogues | None = None) -> Matrix:
    """The registry at the end of each year it grew: how many, and of what quality.

    One GROUP BY on the year a person was added; the running totals are summed over
    those few rows. A person counts with what the registry holds today (a doctorate
    earned later counts from the year they were added).
    """
    catalogues = catalogues or _Catalogues.read()
    # Catalogue keys, not joins: people of no degree or group must stay in every count.
    measures = {
        "added": Count("pk"),
        "women": Count("pk", filter=Q(gender=Gender.FEMALE)),
        "minority": Count("pk", filter=_of_a_minority(catalogues)),
        "postgraduate": Count(
            "pk", filter=Q(degree__in=catalogues.degrees_from(POSTGRADUATE_RANK))
        ),
        "doctorate": Count("pk", filter=Q(degree__in=catalogues.degrees_from(DOCTORATE_RANK))),
        "titled": Count("pk", filter=Q(title__isnull=False)),
    }
    years = _counted(
        people.annotate(year=ExtractYear("created_at", output_field=IntegerField())),
        "year",
        measures,
    )
    headings = [
        Heading(str(_("Added")), str(_("Added to the registry that year"))),
        Heading(str(_("At year end")), str(_("People in the registry at the end of the year"))),
        Heading(str(_("Growth (%)")), str(_("Growth on the year before, in percent"))),
        Heading(str(_("Women")), str(_("Women"))),
        Heading(str(_("Ethnic minorities")), str(_("People of an ethnic minority"))),
        Heading(str(_("Postgraduate")), str(_("Specialist level I, master's or higher"))),
        Heading(str(_("Doctorate")), str(_("Doctor or doctor of science"))),
        Heading(str(_("GS, PGS")), str(_("Professors and associate professors"))),
    ]
    rows: list[MatrixRow] = []
    running = [0] * len(measures)
    for year, counts in sorted(years.items()):
        before = running[0]
        running = [total + n for total, n in zip(running, counts, strict=True)]
        growth = int(percent(running[0] - before, before, 0)) if before else None
        # Added that year, then the running totals, the growth after the first of them.
        rows.append(MatrixRow(int(year), [counts[0], running[0], growth, *running[1:]]))
    return Matrix(
        "years",
        str(_("The registry year by year")),
        str(_("Year by year")),
        str(_("Year")),
        headings,
        rows,
        note=str(
            _("Each year counts the people added by its end, with their present degree and title.")
        ),
        chart=1,
    )


# --- Cached figures ---------------------------------------------------------------------

T = TypeVar("T")
CACHE_SECONDS = 24 * 3600  # entries of an old token are dead anyway; let them go
VERSION_ROW = 1


@dataclass
class Figures:
    """The tables for one set of people, and when the database counted them."""

    tables: list[Table]
    matrices: list[Matrix]
    computed_at: datetime.datetime


def registry_changed(using: str = DEFAULT_DB_ALIAS) -> None:
    """Announce a write to people or memberships: the cached figures expire when it commits.

    The model signals call it for every save and delete of a person or a membership (and
    of what labels the tables and the finder's filter lists); bulk writers that bypass the signals
    (``bulk_create``, queryset ``update`` and ``delete``, the roster import and its undo)
    call it themselves. Inside a transaction the token changes once, after the commit: a
    rolled-back write expires nothing, and no lock is held meanwhile (a version row
    updated inside the transaction would make every writer of people wait for the
    longest import).
    """
    connection = transaction.get_connection(using)
    if connection.in_atomic_block and any(
        getattr(entry[1], "func", None) is _new_token for entry in connection.run_on_commit
    ):
        return
    transaction.on_commit(functools.partial(_new_token, using), using=using)


def _new_token(using: str) -> None:
    token, now = uuid.uuid4().hex, timezone.now()
    versions = RegistryVersion.objects.using(using)
    if not versions.filter(pk=VERSION_ROW).update(token=token, changed_at=now):
        versions.update_or_create(pk=VERSION_ROW, defaults={"token": token, "changed_at": now})


def registry_token(using: str = DEFAULT_DB_ALIAS) -> str:
    """The registry's version. Read on every page of the finder, so in one statement that
    needs no compiling (the ORM would take three times as long as the database)."""
    table = connections[using].ops.quote_name(RegistryVersion._meta.db_table)
    with connections[using].cursor() as cursor:
        cursor.execute(f"SELECT token FROM {table} WHERE id = %s", [VERSION_ROW])  # noqa: S608
        row = cursor.fetchone()
    return row[0] if row else ""


def kept_for_version(key: Callable[[], str], compute: Callable[[], T], using: str) -> T:
    """``compute()``, kept in the cache under ``key()`` (a key carrying the registry's
    token) until the registry changes.

    Inside a transaction it is computed afresh and never kept, for the transaction's own
    writes are not committed: other users must not see them, and it must see them (the
    token changes only when they commit).
    """
    if transaction.get_connection(using).in_atomic_block:
        return compute()
    # The key (and its token) is read before computing: a write committed meanwhile
    # changes the token again.
    name = key()
    found: T | None = cache.get(name)
    if found is None:
        found = compute()
        cache.set(name, found, CACHE_SECONDS)
    return found


def figures(people: QuerySet[Person], today: datetime.date) -> Figures:
    """``all_tables(people, today)``, from the cache while the registry has not changed.

    An entry is shared by everyone whose ``people`` is the same query: all who see the
    whole registry share one, association staff share one per set of associations.
    """
    count = functools.partial(_count, people, today)
    if people.query.is_empty():
        return count()
    return kept_for_version(functools.partial(_cache_key, people, today), count, people.db)


def registry_by_year(people: QuerySet[Person], today: datetime.date) -> Matrix:
    """``by_year(people)`` alone (the home page's headline figures), kept like ``figures``."""
    count = functools.partial(by_year, people)
    if people.query.is_empty():
        return count()
    key = functools.partial(_cache_key, people, today, "years")
    return kept_for_version(key, count, people.db)


def _count(people: QuerySet[Person], today: datetime.date) -> Figures:
    return Figures(*count_all(people, today), timezone.now())


def _cache_key(people: QuerySet[Person], today: datetime.date, part: str = "all") -> str:
    sql, params = people.query.sql_with_params()
    scope = hashlib.sha256(repr((sql, params)).encode()).hexdigest()
    token = registry_token(people.db)
    return f"workforce:statistics:2:{part}:{token}:{scope}:{today.isoformat()}:{get_language()}"
