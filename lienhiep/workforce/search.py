"""The expert finder: one search box, filters, Vietnamese order, keyset pages.

The query is folded (no diacritics, lower case) and matched against the
folded name column:

* on PostgreSQL with pg_trgm's word-similarity operator (``%>``), served by the
  GIN trigram index, so "nguyen van dcu" still finds "Nguyễn Văn Đức"; results
  are ranked by word similarity in tenths, then in Vietnamese order;
* on SQLite every word of the query must appear in the name (LIKE); all
  matches rank alike and come in Vietnamese order.

Pages follow a keyset cursor (rank, sort key, id) instead of OFFSET, so the
hundredth page costs what the first does.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import (
    CharField,
    F,
    FloatField,
    Func,
    IntegerField,
    Lookup,
    Q,
    QuerySet,
    Value,
)
from django.db.models.functions import Cast, Floor

from lienhiep.vn import fold
from lienhiep.workforce.models import Person

PAGE_SIZE = 50


@CharField.register_lookup
class WordSimilar(Lookup[str]):
    """``name_folded %> 'query'``: pg_trgm word similarity above its threshold (indexed)."""

    lookup_name = "word_similar"

    def as_sql(self, compiler: Any, connection: Any) -> Any:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} %%> {rhs}", (*lhs_params, *rhs_params)


class WordSimilarity(Func):
    function = "word_similarity"
    output_field = FloatField()


@dataclass(frozen=True)
class Cursor:
    rank: int
    sort_key: str
    pk: int

    def encode(self) -> str:
        raw = json.dumps([self.rank, self.sort_key, self.pk]).encode()
        return base64.urlsafe_b64encode(raw).decode().rstrip("=")

    @classmethod
    def decode(cls, text: str) -> Cursor | None:
        try:
            raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
            rank, sort_key, pk = json.loads(raw)
            return cls(int(rank), str(sort_key), int(pk))
        except (ValueError, TypeError):
            return None


@dataclass
class Page:
    people: list[Person]
    next_cursor: Cursor | None


def uses_trigrams() -> bool:
    return connection.vendor == "postgresql"


def matching(people: QuerySet[Person], query: str) -> QuerySet[Person]:
    """People whose name matches ``query``, annotated with an integer ``rank`` (higher first)."""
    folded = fold(query)
    if not folded:
        return people.annotate(rank=Value(10, output_field=IntegerField()))
    if uses_trigrams():
        similarity = WordSimilarity(Value(folded), F("name_folded"))
        return people.filter(name_folded__word_similar=folded).annotate(
            rank=Cast(Floor(similarity * 10), IntegerField())
        )
    condition = Q()
    for word in folded.split():
        condition &= Q(name_folded__contains=word)
    return people.filter(condition).annotate(rank=Value(10, output_field=IntegerField()))


def page_of(people: QuerySet[Person], after: Cursor | None, size: int = PAGE_SIZE) -> Page:
    """One page of annotated ``people`` in (rank desc, sort key, id) order, after ``after``."""
    if after is not None:
        # ``rank`` is the annotation ``matching`` adds.
        later = (
            Q(rank__lt=after.rank)
            | Q(rank=after.rank, sort_key__gt=after.sort_key)
            | Q(rank=after.rank, sort_key=after.sort_key, pk__gt=after.pk)
        )
        people = people.filter(later)
    ordered = people.order_by("-rank", "sort_key", "pk")  # type: ignore[misc]  # annotated
    rows = list(ordered[: size + 1])
    more = len(rows) > size
    rows = rows[:size]
    cursor = None
    if more and rows:
        last = rows[-1]
        cursor = Cursor(last.rank, last.sort_key, last.pk)  # type: ignore[attr-defined]
    return Page(rows, cursor)
