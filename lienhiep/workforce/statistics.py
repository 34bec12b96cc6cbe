"""Số lượng, chất lượng đội ngũ trí thức: counts by every dimension, computed by the database.

Each table is one GROUP BY query over the people the user may see; nothing
loops over people in Python, and foreign keys are counted by their own column,
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
from typing import Any, TypeVar

from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models import Case, CharField, Count, IntegerField, QuerySet, Value, When
from django.db.models.functions import ExtractYear
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from lienhiep.associations.models import Association, ScienceField
from lienhiep.core.models import Organization
from lienhiep.workforce.models import Gender, Membership, Person, RegistryVersion

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
        label = _("%(year)d (%(running)d in all)") % {"year": r["year"], "running": running}
        pairs.append((label, int(r["n"])))
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


# --- Cached figures ---------------------------------------------------------------------

T = TypeVar("T")
CACHE_SECONDS = 24 * 3600  # entries of an old token are dead anyway; let them go
VERSION_ROW = 1


@dataclass
class Figures:
    """The tables for one set of people, and when the database counted them."""

    tables: list[Table]
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


def _count(people: QuerySet[Person], today: datetime.date) -> Figures:
    return Figures(all_tables(people, today), timezone.now())


def _cache_key(people: QuerySet[Person], today: datetime.date) -> str:
    sql, params = people.query.sql_with_params()
    scope = hashlib.sha256(repr((sql, params)).encode()).hexdigest()
    token = registry_token(people.db)
    return f"workforce:statistics:{token}:{scope}:{today.isoformat()}:{get_language()}"
