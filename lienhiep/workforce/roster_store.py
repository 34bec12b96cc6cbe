"""Writing a roster's people in bulk, and finding who is who, in the database.

The import streams every valid row straight into the people table, tagged with its
batch, with ids reserved beforehand so that each row's person is known without
reading anything back: PostgreSQL takes the rows through COPY, other databases
through one prepared INSERT run over many rows. Who repeats whom (in the file, or
in the registry) is then asked of the database in three joins (name and birth,
e-mail, phone), so memory stays flat however many rows the file has. History
records and memberships follow as INSERT … SELECT over the batch; an undo writes
"deleted" history records the same way before two DELETEs.

Everything runs inside the caller's transaction: an import with errors, or a dry
run, rolls it all back.
"""

from __future__ import annotations

import bisect
import datetime
from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db import connection
from psycopg.copy import QueuedLibpqWriter

from lienhiep.core.history_sql import insert_history_records
from lienhiep.workforce.models import Membership, Person

BATCH_SIZE = 2000
ANALYZE_FROM = 1000  # rows loaded
# Analyzed after loading. Not the folded name: its statistics target (1000, for the
# finder) samples 300,000 rows, and a batch does not change how often names repeat.
_MATCHED_COLUMNS = ("import_batch_id", "birth_year", "birth_date", "email", "phone")


@dataclass(frozen=True)
class Stamp:
    """What the history records a bulk write leaves say: by whom, why, when."""

    user_id: int | None
    reason: str
    now: datetime.datetime


def chunks(pks: list[int]) -> Iterator[list[int]]:
    """``pks`` in lists of ``BATCH_SIZE``: few enough parameters for any database."""
    for start in range(0, len(pks), BATCH_SIZE):
        yield pks[start : start + BATCH_SIZE]


def _marks(chunk: list[int]) -> str:
    return ", ".join(["%s"] * len(chunk))


def _table(model: Any) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _column(name: str | None) -> str:
    assert name is not None  # concrete fields have a column
    return connection.ops.quote_name(name)


class PeopleLoader:
    """Appends people of one batch to the people table, in row order.

    Used as a context manager around the reading of the file. On PostgreSQL one COPY
    stays open throughout and a thread of psycopg's sends the rows while the next ones
    are read, so the database indexes them on the other core; elsewhere rows go in
    INSERTs of ``BATCH_SIZE``. The database numbers the people in the order they come,
    so on leaving, ``ids[i]`` is the person of the i-th row added (``rows[i]``).

    ``add`` takes a person's values by attribute name (the name columns included);
    the columns it does not give take their model defaults.
    """

    def __init__(self, batch_id: int, now: datetime.datetime) -> None:
        self.batch_id = batch_id
        fields = [f for f in Person._meta.concrete_fields if f.attname != "id"]
        self.attnames = [f.attname for f in fields]
        self.columns = ", ".join(_column(f.column) for f in fields)
        self.defaults = {f.attname: f.get_default() for f in fields}
        self.postgres = connection.vendor == "postgresql"
        if not self.postgres:  # psycopg adapts values itself; sqlite3 is given text
            now = connection.ops.adapt_datetimefield_value(now)  # type: ignore[assignment]
        self.defaults.update(import_batch_id=batch_id, created_at=now, updated_at=now)
        self.ids: array[int] = array("q")  # ascending, in row order: known on leaving
        self.rows: array[int] = array("q")  # the file row of each person added
        self._pending: list[list[Any]] = []
        self._dates = [i for i, a in enumerate(self.attnames) if a in {"birth_date", "consent_on"}]
        self._copying: Any = None  # psycopg's context manager of the COPY
        self._copy: Any = None
        self._cursor: Any = None

    def __enter__(self) -> PeopleLoader:
        if self.postgres:
            self._cursor = connection.cursor()
            # No JIT for the import's statements: the estimates of a batch make PostgreSQL
            # compile for a second what runs in a tenth of one (the word-learning trigger
            # at the end of the COPY, the who-is-who joins).
            self._cursor.execute("SET LOCAL jit = off")
            raw = self._cursor.cursor
            sql = f"COPY {_table(Person)} ({self.columns}) FROM STDIN"
            self._copying = raw.copy(sql, writer=QueuedLibpqWriter(raw))
            self._copy = self._copying.__enter__()
        return self

    def __exit__(self, kind: Any, error: Any, trace: Any) -> None:
        if self._copy is not None:
            self._copy = None
            self._copying.__exit__(kind, error, trace)
            self._cursor.close()
        elif kind is None:
            self._insert()
        if kind is None:
            self._number()

    def add(self, row: int, person: dict[str, Any]) -> int:
        """Add the person of ``row``; return its index (``ids[index]`` on leaving)."""
        self.rows.append(row)
        get, defaults = person.get, self.defaults
        values = [get(a, defaults[a]) for a in self.attnames]
        if self._copy is not None:
            self._copy.write_row(values)
        else:
            self._pending.append(values)
            if len(self._pending) >= BATCH_SIZE:
                self._insert()
        return len(self.rows) - 1

    def row_of(self, pk: int) -> int:
        return self.rows[bisect.bisect_left(self.ids, pk)]

    def _insert(self) -> None:
        if not self._pending:
            return
        ops = connection.ops
        for values in self._pending:
            for index in self._dates:
                values[index] = ops.adapt_datefield_value(values[index])
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {_table(Person)} ({self.columns}) "  # noqa: S608
                f"VALUES ({', '.join(['%s'] * len(self.attnames))})",
                self._pending,
            )
        self._pending = []

    def _number(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT id FROM {_table(Person)} WHERE import_batch_id = %s ORDER BY id",  # noqa: S608
                [self.batch_id],
            )
            while chunk := cursor.fetchmany(BATCH_SIZE * 5):
                self.ids.extend(pk for (pk,) in chunk)
        if len(self.ids) != len(self.rows):
            raise RuntimeError("the people table did not take every row of the batch")


# ---------------------------------------------------------------- who is who


def prepare_matching(loaded: int) -> None:
    """Ready the planner for the joins that follow.

    Statistics on the rows just loaded: without them PostgreSQL takes the batch for
    empty and joins it row by row, and SQLite looks people up by year of birth rather
    than by name (both sample a bounded number of rows, so this costs little at any
    size).
    """
    with connection.cursor() as cursor:
        if loaded < ANALYZE_FROM:
            return
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA analysis_limit = 1000")
            cursor.execute(f"ANALYZE {_table(Person)}")
        else:
            columns = ", ".join(_column(c) for c in _MATCHED_COLUMNS)
            cursor.execute(f"ANALYZE {_table(Person)} ({columns})")


def _matches(batch_id: int, *, in_file: bool) -> str:
    """SQL giving (batch person id, other person id) for every pair that is the same
    person: same folded name and year of birth (and the same date, when both have
    one), the same e-mail, or the same phone. ``in_file``: the other is an earlier
    row of the batch; otherwise a person of the registry."""
    person = _table(Person)
    if in_file:
        other = "o.import_batch_id = %s AND o.id < b.id"
    else:
        other = "(o.import_batch_id IS NULL OR o.import_batch_id <> %s)"
    # Table and column names come from the models; the values are parameters.
    select = f"SELECT b.id, o.id FROM {person} b JOIN {person} o ON "  # noqa: S608
    name = (
        select + "o.name_folded = b.name_folded AND o.birth_year = b.birth_year AND "
        "(o.birth_date IS NULL OR b.birth_date IS NULL OR o.birth_date = b.birth_date) "
        f"AND {other} WHERE b.import_batch_id = %s AND b.birth_year IS NOT NULL "
        "AND b.name_folded <> ''"
    )
    email = select + f"o.email = b.email AND {other} WHERE b.import_batch_id = %s AND b.email <> ''"
    phone = select + f"o.phone = b.phone AND {other} WHERE b.import_batch_id = %s AND b.phone <> ''"
    return f"{name} UNION {email} UNION {phone}"


def earlier_rows(batch_id: int) -> dict[int, int]:
    """Batch person id → the id of the earliest earlier row of the file that is the
    same person."""
    found: dict[int, int] = {}
    with connection.cursor() as cursor:
        cursor.execute(_matches(batch_id, in_file=True), [batch_id] * 6)
        for pk, other in cursor.fetchall():
            if other < found.get(pk, pk):
                found[pk] = other
    return found


def registry_matches(batch_id: int) -> dict[int, list[int]]:
    """Batch person id → the registry people it is (ascending ids)."""
    found: dict[int, list[int]] = {}
    with connection.cursor() as cursor:
        cursor.execute(_matches(batch_id, in_file=False), [batch_id] * 6)
        for pk, other in cursor.fetchall():
            found.setdefault(pk, []).append(other)
    for others in found.values():
        others.sort()
    return found


def values_of(pks: Iterable[int], attnames: list[str]) -> dict[int, dict[str, Any]]:
    """The given columns of some people, by id."""
    result: dict[int, dict[str, Any]] = {}
    for chunk in chunks(list(pks)):
        for values in Person.objects.filter(pk__in=chunk).values("pk", *attnames):
            result[values.pop("pk")] = values
    return result


def delete_people(pks: list[int]) -> None:
    """Remove people of the batch that repeat someone. Nothing refers to them yet (their
    history and memberships come later), so a plain DELETE does."""
    with connection.cursor() as cursor:
        for chunk in chunks(pks):
            cursor.execute(f"DELETE FROM {_table(Person)} WHERE id IN ({_marks(chunk)})", chunk)  # noqa: S608


# ---------------------------------------------------------------- after the people


def _insert_history(
    model: Any, where: str, where_params: list[Any], kind: str, stamp: Stamp
) -> None:
    """One history record per row of ``model`` that ``where`` selects."""
    insert_history_records(
        connection, model.history.model, model, where, where_params,
        kind=kind, user_id=stamp.user_id, reason=stamp.reason, when=stamp.now,
    )  # fmt: skip


def _of_batch_people() -> str:
    """The memberships of a batch's people (the batch id is its parameter)."""
    return f"person_id IN (SELECT id FROM {_table(Person)} WHERE import_batch_id = %s)"  # noqa: S608


def insert_history(batch_id: int, stamp: Stamp) -> None:
    """One "created" history record per person of the batch."""
    _insert_history(Person, "import_batch_id = %s", [batch_id], "+", stamp)


def insert_memberships(
    batch_id: int, association_id: int, joined_on: datetime.date, stamp: Stamp
) -> None:
    """Every person of the batch joins the association, each membership with its
    "created" history record."""
    membership = _table(Membership)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {membership} (person_id, association_id, joined_on, role) "  # noqa: S608
            f"SELECT id, %s, %s, '' FROM {_table(Person)} WHERE import_batch_id = %s",
            [association_id, connection.ops.adapt_datefield_value(joined_on), batch_id],
        )
    _insert_history(Membership, _of_batch_people(), [batch_id], "+", stamp)


# ---------------------------------------------------------------- undo


def delete_memberships(pks: list[int], stamp: Stamp) -> None:
    """Remove memberships by id, in chunks, each leaving its "deleted" history record."""
    for chunk in chunks(pks):
        _insert_history(Membership, f"id IN ({_marks(chunk)})", chunk, "-", stamp)
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {_table(Membership)} WHERE id IN ({_marks(chunk)})", chunk)  # noqa: S608


def delete_batch_people(batch_id: int, stamp: Stamp) -> int:
    """Remove the people of a batch and their memberships, each leaving its "deleted"
    history record; how many people went. Memberships are all that refers to a person
    (a test keeps it so)."""
    _insert_history(Membership, _of_batch_people(), [batch_id], "-", stamp)
    _insert_history(Person, "import_batch_id = %s", [batch_id], "-", stamp)
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {_table(Membership)} WHERE {_of_batch_people()}",  # noqa: S608
            [batch_id],
        )
        cursor.execute(f"DELETE FROM {_table(Person)} WHERE import_batch_id = %s", [batch_id])  # noqa: S608
        return cursor.rowcount
