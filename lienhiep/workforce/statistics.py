"""Số lượng, chất lượng đội ngũ trí thức: counts by every dimension, computed by the database.

Each table is one GROUP BY query over the people the user may see; nothing
loops over people in Python, so the page costs the same at 20,000 or at a
million rows (given the indexes).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Case, CharField, Count, IntegerField, QuerySet, Value, When
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lienhiep.associations.models import ScienceField
from lienhiep.workforce.models import Gender, Membership, Person

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

    @property
    def total(self) -> int:
        return sum(r.count for r in self.rows)


def _table(key: str, title: str, pairs: list[tuple[str, int]]) -> Table:
    total = sum(n for _, n in pairs) or 1
    return Table(key, title, [Row(label, n, round(100 * n / total, 1)) for label, n in pairs])


def _grouped(
    people: QuerySet[Person], field: str, order: str | None = None
) -> list[dict[str, object]]:
    rows = people.values(field).annotate(n=Count("pk"))
    return list(rows.order_by(order or "-n"))


def by_catalogue(people: QuerySet[Person], relation: str, title: str) -> Table:
    rows = _grouped(people, f"{relation}__name", f"{relation}__position")
    pairs = [(str(r[f"{relation}__name"] or _("Not recorded")), int(r["n"])) for r in rows]  # type: ignore[call-overload]
    return _table(relation, title, pairs)


def by_choice(people: QuerySet[Person], field: str, choices: type, title: str) -> Table:
    labels = dict(choices.choices)  # type: ignore[attr-defined]
    rows = _grouped(people, field)
    pairs = [(str(labels.get(r[field]) or _("Not recorded")), int(r["n"])) for r in rows]  # type: ignore[call-overload]
    return _table(field, title, pairs)


def by_age(people: QuerySet[Person], today: datetime.date) -> Table:
    whens = []
    for low, high, label in AGE_BANDS:
        condition = {"birth_year__lte": today.year - low}
        if high is not None:
            condition["birth_year__gt"] = today.year - high
        whens.append(When(**condition, then=Value(label)))
    band = Case(*whens, default=Value(str(_("Not recorded"))), output_field=CharField())
    counts = {
        r["band"]: r["n"] for r in people.annotate(band=band).values("band").annotate(n=Count("pk"))
    }
    order = [label for *_bounds, label in AGE_BANDS] + [str(_("Not recorded"))]
    pairs = [(label, int(counts[label])) for label in order if counts.get(label)]
    return _table("age", str(_("Age")), pairs)


def by_commune(people: QuerySet[Person]) -> Table:
    rows = _grouped(people, "commune__name")
    pairs = [(str(r["commune__name"] or _("Not recorded")), int(r["n"])) for r in rows]  # type: ignore[call-overload]
    return _table("commune", str(_("Commune")), pairs)


def by_association(people: QuerySet[Person]) -> Table:
    rows = (
        Membership.objects.filter(person__in=people, left_on__isnull=True)
        .values("association__organization__name")
        .annotate(n=Count("person", distinct=True))
        .order_by("-n")
    )
    pairs = [(str(r["association__organization__name"]), int(r["n"])) for r in rows]
    return _table("association", str(_("Association")), pairs)


def by_year_joined(people: QuerySet[Person]) -> Table:
    """People added to the registry each year, and the running total: the trend."""
    rows = (
        people.annotate(year=ExtractYear("created_at", output_field=IntegerField()))
        .values("year")
        .annotate(n=Count("pk"))
        .order_by("year")
    )
    running = 0
    pairs = []
    for r in rows:
        running += int(r["n"])
        pairs.append((f"{r['year']} ({_('total')} {running})", int(r["n"])))
    return _table("year", str(_("Added to the registry, by year")), pairs)


TITLES = {
    "degree": gettext_lazy("Degree"),
    "title": gettext_lazy("Academic title"),
    "field": gettext_lazy("S&T field"),
    "gender": gettext_lazy("Gender"),
    "ethnicity": gettext_lazy("Ethnic group"),
}


def all_tables(people: QuerySet[Person], today: datetime.date) -> list[Table]:
    return [
        by_catalogue(people, "degree", str(TITLES["degree"])),
        by_catalogue(people, "title", str(TITLES["title"])),
        by_choice(people, "field", ScienceField, str(TITLES["field"])),
        by_choice(people, "gender", Gender, str(TITLES["gender"])),
        by_catalogue(people, "ethnicity", str(TITLES["ethnicity"])),
        by_age(people, today),
        by_commune(people),
        by_association(people),
        by_year_joined(people),
    ]
