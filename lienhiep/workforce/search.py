"""The expert finder: one search box, filters, Vietnamese order, keyset pages.

The query is folded (no diacritics, lower case) and split into words. On PostgreSQL
the results come in tiers, best first, each in Vietnamese order:

1. the name as typed ("nguyen van duc": Nguyễn Văn Đức);
2. for two words, the same family and given name ("nguyen duc": Nguyễn Văn Đức,
   Nguyễn Thị Minh Đức…); for one word, that given name ("duc");
3. every word somewhere in the name ("van duc", or "duc" as a middle name).

A word no name contains is read as a slip of the fingers: the query is read again
with the words of the registry's names one letter away ("dcu" → "duc", "nguyn" →
"nguyen"), that it begins ("nguy" → "nguyen"), or that pg_trgm finds similar
("huogn" → "huong"), likeliest first and, among equals, by trigram similarity.
The readings share the tiers: every reading's name as typed first, then each
reading's family and given name (or given name), then every word anywhere. The
words of the names are kept by a trigger in ``workforce_nameword`` (migration
0006), with a GIN trigram index (0008).

A query with a word that no name word is near ("nguyen van d": one letter is
near nothing) is matched whole against the folded names by pg_trgm's word similarity,
through the GIN trigram index on the folded name: people come in bands of
similarity, best first, each band in Vietnamese order.

Each tier is one query, and the first two are served in Vietnamese order by an
index — (name, sort key), (given name, sort key), (family name, given name, sort
key), the sort key as bytes — so a page costs a few dozen index entries whether
fifty or fifty thousand people match; the third tier uses a GIN index on the
name's words. Pages follow a keyset cursor (tier, sort key, id), never OFFSET.

On SQLite every word of the query must appear in the name (LIKE): one tier.
"""

from __future__ import annotations

import base64
import itertools
import json
import re
import string
from dataclasses import dataclass
from functools import reduce
from operator import or_
from typing import Any

from django.contrib.postgres.lookups import TrigramWordSimilar
from django.contrib.postgres.search import TrigramWordSimilarity
from django.db import connection
from django.db.models import (
    BinaryField,
    Case,
    CharField,
    F,
    Func,
    IntegerField,
    Lookup,
    Q,
    QuerySet,
    Transform,
    Value,
    When,
)
from django.db.models.functions import Floor

from lienhiep.vn import fold
from lienhiep.workforce.models import Membership, Person
from lienhiep.workforce.names import SORT_KEY_LENGTH

PAGE_SIZE = 50
# Readings of a query with slips corrected, and corrections of one word, at most.
MAX_READINGS = 4
MAX_ALTERNATIVES = 4
# Completing a word the user has only begun needs this many letters of it.
MIN_PREFIX = 3
# Word similarity is counted in tenths: people similar to 0.8-0.9 form one band.
BANDS = 10
HEX = re.compile(r"(?:[0-9a-f]{2})*")
# A cursor is a rank, a sort key and an id in base64: anything longer was not ours.
MAX_CURSOR = 4 * (SORT_KEY_LENGTH + 64) // 3


CharField.register_lookup(TrigramWordSimilar)  # ``%>``: pg_trgm, the GIN trigram index


@CharField.register_lookup
class FirstWord(Transform):
    """``split_part(name, ' ', 1)``: the family name of a folded Vietnamese name (indexed)."""

    lookup_name = "first_word"
    output_field = CharField()
    # Written out, not bound: the index expression has these very constants.
    template = "split_part(%(expressions)s, ' ', 1)"


@CharField.register_lookup
class LastWord(Transform):
    """``split_part(name, ' ', -1)``: the given name (indexed)."""

    lookup_name = "last_word"
    output_field = CharField()
    template = "split_part(%(expressions)s, ' ', -1)"


@CharField.register_lookup
class HasWords(Lookup[str]):
    """``string_to_array(name, ' ') @> words``: every word is a word of the name (GIN index)."""

    lookup_name = "has_words"
    prepare_rhs = False

    def get_db_prep_lookup(self, value: Any, connection: Any) -> Any:
        return "%s", [list(value)]

    def as_sql(self, compiler: Any, connection: Any) -> Any:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"string_to_array({lhs}, ' ') @> {rhs}::text[]", (*lhs_params, *rhs_params)


class SortKeyBytes(Func):
    """``decode(sort_key, 'hex')``: the sort key in half the bytes, in the same order (hex
    digits compare as the nibbles they spell). The name indexes are keyed by it."""

    template = "decode(%(expressions)s, 'hex')"
    output_field = BinaryField()


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
        if len(text) > MAX_CURSOR:
            return None
        try:
            raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
            rank, sort_key, pk = json.loads(raw)
        except (ValueError, TypeError, RecursionError):
            return None
        # Exactly what ``encode`` writes: two integers around a string (JSON also reads
        # 1e400 as infinity, and nests lists a thousand deep).
        if not (type(rank) is int and type(sort_key) is str and type(pk) is int):
            return None
        cursor = cls(rank, sort_key, pk)
        # Sort keys are hex (``names.sortable``); the database decodes them.
        return cursor if HEX.fullmatch(cursor.sort_key) else None


@dataclass
class Page:
    """A page of the finder: each person as a dict of the columns asked for, with ``pk``,
    ``sort_key`` and ``rank`` (their tier's, or their band's)."""

    people: list[dict[str, Any]]
    next_cursor: Cursor | None


@dataclass(frozen=True)
class Tier:
    """A band of the results: higher ranks come first. Tiers never share a person.

    A tier with a ``band`` ranks its people by that expression (an integer from
    ``lowest`` to ``rank``) before Vietnamese order; the others rank them all ``rank``.
    """

    rank: int
    condition: Q
    band: Any = None
    lowest: int | None = None

    @property
    def floor(self) -> int:
        return self.rank if self.lowest is None else self.lowest


def uses_name_index() -> bool:
    return connection.vendor == "postgresql"


def tiers(query: str) -> list[Tier]:
    """The tiers of the people ``query`` finds, best first."""
    words = fold(query).split()
    if not words:
        return [Tier(1, Q())]
    if not uses_name_index():
        return [Tier(1, Q(*(Q(name_folded__contains=word) for word in words)))]
    found = readings(words)
    if not found:
        return [similar(" ".join(words))]
    bands = _shapes(found)
    return [Tier(len(bands) - i, band) for i, band in enumerate(bands)]


def instead(query: str, found: list[Tier]) -> list[Tier] | None:
    """What to read when ``found`` (``tiers(query)``) finds nobody: names like the query
    as a whole, when ``found`` are readings of its words. Each word of a reading may be a
    name word with no name holding them all ("nguyen van d" read "nguyen van a", "A"
    being a name word); or the user's filters may leave none of its people."""
    words = fold(query).split()
    if not words or not uses_name_index() or found[0].band is not None:
        return None
    return [similar(" ".join(words))]


def search_page(
    people: QuerySet[Person], query: str, after: Cursor | None, columns: tuple[str, ...] = ()
) -> Page:
    """The finder's page of ``people`` for ``query`` after ``after``. Similar names are read
    only when the readings' page comes back empty: one query more, for those searches
    alone. (A cursor of similar names finds nobody among the readings, and goes on among
    similar names.)"""
    found = tiers(query)
    page = page_of(people, found, after, columns)
    if not page.people and (other := instead(query, found)):
        return page_of(people, other, after, columns)
    return page


def similar(query: str) -> Tier:
    """People whose name holds something like ``query`` (pg_trgm's word similarity at
    or above ``pg_trgm.word_similarity_threshold``, 0.6 unless set), in bands of it."""
    band = Floor(TrigramWordSimilarity(query, "name_folded") * BANDS)
    return Tier(BANDS, Q(name_folded__trigram_word_similar=query), band, lowest=0)


def _shapes(found: list[tuple[str, ...]]) -> list[Q]:
    """The tiers of the readings of a query (likeliest first), each without the people of
    those before it.

    The names as typed, for every reading at once (few people share a full name); then
    for two words the family and given name, for one word the given name, a tier for
    each reading (each read in order from its index, however many people match); then
    every word anywhere, for every reading at once (a GIN index and a sort either way).
    Tiers of different readings of one shape are disjoint: their names differ in a word.
    """
    everywhere = reduce(or_, (Q(name_folded__has_words=reading) for reading in found))
    if len(found[0]) == 1:
        given = [Q(name_folded__last_word=reading[0]) for reading in found]
        return [*given, everywhere & ~reduce(or_, given)]
    names = [" ".join(reading) for reading in found]
    typed = Q(name_folded=names[0]) if len(names) == 1 else Q(name_folded__in=names)
    if len(found[0]) > 2:
        return [typed, everywhere & ~typed]
    pairs = [Q(name_folded__first_word=first, name_folded__last_word=last) for first, last in found]
    # Each pair holds the reading's name as typed, and only that one.
    family_given = [pair & ~Q(name_folded=name) for pair, name in zip(pairs, names, strict=True)]
    return [typed, *family_given, everywhere & ~reduce(or_, pairs)]


# --- Slips of the fingers -------------------------------------------------------------

KNOWN = "SELECT DISTINCT word FROM workforce_nameword WHERE word = ANY(%s)"
# The name words near one typed word, with their trigram similarity to it: one slip
# away, begun by it, or similar (``%`` and the GIN trigram index on the words).
NEAR = (
    "SELECT word, max(similarity(word, %(typed)s)) FROM workforce_nameword"
    " WHERE word = ANY(%(slips)s) OR word LIKE %(begun)s OR word %% %(typed)s"
    " GROUP BY word"
)


def readings(words: list[str]) -> list[tuple[str, ...]]:
    """The query's words as names have them: as typed when every word is a name word, else
    with each unknown word replaced by the name words near it, likeliest first. Nothing
    when a word has no such name word."""
    with connection.cursor() as cursor:
        cursor.execute(KNOWN, [sorted(set(words))])
        known = {row[0] for row in cursor.fetchall()}
        near: dict[str, list[str]] = {}
        for word in sorted({word for word in words if word not in known}):
            # A single letter is one slip from every other: it is not corrected.
            slips = slips_of(word) if len(word) > 1 else {}
            begun = f"{_like_escaped(word)}%" if len(word) >= MIN_PREFIX else ""
            cursor.execute(NEAR, {"typed": word, "slips": sorted(slips), "begun": begun})
            similarity = dict(cursor.fetchall())
            # One slip away first, then a word it begins, then only similar; then by
            # trigram similarity.
            kind = {
                w: slips.get(w, len(SLIPS) if _completes(word, w) else len(SLIPS) + 1)
                for w in similarity
            }
            ranked = sorted(similarity, key=lambda w: (kind[w], -similarity[w], w))
            if not ranked:
                return []  # no reading has every word: the words after it need no look
            near[word] = ranked[:MAX_ALTERNATIVES]
    options = [[word] if word in known else near[word] for word in words]
    combinations = itertools.islice(itertools.product(*options), MAX_READINGS)
    return [tuple(combination) for combination in combinations]


def _like_escaped(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _completes(begun: str, word: str) -> bool:
    return len(begun) >= MIN_PREFIX and word.startswith(begun)


# The slips, likeliest first: two letters swapped, one mistyped, one left out, one extra.
SLIPS = ("swapped", "changed", "left out", "extra")


def slips_of(word: str) -> dict[str, int]:
    """Every string one slip away from ``word``, with the slip's place in ``SLIPS``: what
    the user may have meant when typing ``word``."""
    letters = string.ascii_lowercase
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    meant: dict[str, int] = {}
    for slip, found in enumerate(
        (
            [a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1],
            [a + c + b[1:] for a, b in splits if b for c in letters],
            [a + c + b for a, b in splits for c in letters],
            [a + b[1:] for a, b in splits if b],
        )
    ):
        for candidate in found:
            meant.setdefault(candidate, slip)
    meant.pop(word, None)
    meant.pop("", None)
    return meant


# --- Pages ----------------------------------------------------------------------------


def matching(people: QuerySet[Person], query: str) -> QuerySet[Person]:
    """Every person ``query`` finds, annotated with the ``rank`` of their tier (higher
    first): the finder's whole result as one query, for exports."""
    found = tiers(query)
    other = instead(query, found)
    if other and not people.filter(reduce(or_, (t.condition for t in found))).exists():
        found = other  # as the pages do (``search_page``)
    ranks = [_rank(tier) for tier in found]
    if len(found) == 1:
        return people.filter(found[0].condition).annotate(rank=ranks[0])
    whens = [When(tier.condition, then=rank) for tier, rank in zip(found, ranks, strict=True)]
    ranked = Case(*whens, output_field=IntegerField())
    return people.filter(reduce(or_, (t.condition for t in found))).annotate(rank=ranked)


def _rank(tier: Tier) -> Any:
    return tier.band if tier.band is not None else Value(tier.rank, output_field=IntegerField())


def page_of(
    people: QuerySet[Person],
    bands: list[Tier],
    after: Cursor | None,
    columns: tuple[str, ...] = (),
    size: int = PAGE_SIZE,
) -> Page:
    """One page of ``people`` in the tiers' order, then Vietnamese order, after ``after``:
    their ``columns`` (lookups such as ``degree__code`` allowed), as dicts.

    One query a tier, from the cursor's tier on, until the page (and one more person, to
    know there is a next page) is full. Dicts, not model instances: a page of fifty
    people with their degree, title and commune costs twice as much to build as objects.
    """
    listed = ("pk", "sort_key", *columns)
    rows: list[dict[str, Any]] = []
    for tier in bands:
        if after is not None and tier.floor > after.rank:
            continue  # the cursor is past this tier
        # The name indexes hold the sort key as bytes; everyone is listed by the text.
        by_bytes = uses_name_index() and bool(tier.condition)
        key = SortKeyBytes("sort_key") if by_bytes else F("sort_key")
        chosen = people.filter(tier.condition).alias(key=key)
        order = ["key", "pk"]
        if tier.band is not None:
            chosen = chosen.annotate(rank=tier.band)
            order = ["-rank", *order]
        if after is not None and after.rank <= tier.rank:
            # (sort key, id) after the cursor's; the first condition lets the index seek.
            start = SortKeyBytes(Value(after.sort_key)) if by_bytes else Value(after.sort_key)
            later = Q(Q(key__gt=start) | Q(pk__gt=after.pk), key__gte=start)
            if tier.band is None:
                chosen = chosen.filter(later)
            else:
                chosen = chosen.filter(Q(rank__lt=after.rank) | Q(later, rank=after.rank))
        banded = () if tier.band is None else ("rank",)
        found = list(chosen.order_by(*order).values(*listed, *banded)[: size + 1 - len(rows)])
        if tier.band is None:
            for person in found:
                person["rank"] = tier.rank
        rows += found
        if len(rows) > size:
            break
    more = len(rows) > size
    rows = rows[:size]
    cursor = None
    if more:
        last = rows[-1]
        cursor = Cursor(last["rank"], last["sort_key"], last["pk"])
    return Page(rows, cursor)


def narrowed(people: QuerySet[Person], filters: dict[str, Any]) -> QuerySet[Person]:
    """``people`` narrowed by the finder's filters other than the name (the cleaned data
    of ``forms.FinderForm``)."""
    if filters["field"]:
        people = people.filter(field=filters["field"])
    for name in ("degree", "title", "commune"):
        if filters.get(name):  # no commune for those who may not see where people live
            people = people.filter(**{f"{name}_id": filters[name]})
    if filters["association"]:
        current = Membership.objects.filter(association_id=filters["association"])
        people = people.filter(pk__in=current.filter(left_on__isnull=True).values("person"))
    if filters["willing"]:
        people = people.filter(willing_expert=True)
    return people


def found(people: QuerySet[Person], filters: dict[str, Any]) -> QuerySet[Person]:
    """Everyone the finder lists for ``filters``, every page, with their ``rank``."""
    return matching(narrowed(people, filters), filters["q"])
