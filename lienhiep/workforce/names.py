"""The derived name columns of a person, computed in one place for every writer.

``Person.save`` and the bulk roster import both call ``name_columns``, so the
folded search column and the Vietnamese sort key can never disagree with the
name they come from.
"""

from __future__ import annotations

import functools
from typing import TypedDict

from lienhiep.vn import collation_key, fold, split_name

# Every weight is written as four hex digits; "0000" ends a level and sorts
# before any weight, so a shorter name sorts before a longer one it begins. A
# character beyond the first 65,536 (an emoji, a rare Hán character) weighs as the
# last of them: after every letter, in four digits like the others.
_END = "0000"
_LAST = 0xFFFF
# The width of ``Person.sort_key``. A Vietnamese letter weighs three or four weights
# (sixteen digits), so names of over a hundred letters are cut, at the end of a
# weight: they still sort by their first hundred letters or so, then by record.
SORT_KEY_LENGTH = 12 * 150 + 36


class NameColumns(TypedDict):
    family_name: str
    middle_name: str
    given_name: str
    name_folded: str
    sort_key: str


def _hex(weights: str) -> str:
    return "".join(f"{min(ord(c), _LAST):04x}" for c in weights) + _END


@functools.lru_cache(maxsize=100_000)
def _part_key(part: str) -> str:
    """One name part's three collation levels in hex. Parts repeat a great deal (a few
    hundred given names make most of a province), hence the cache."""
    primary, secondary, tertiary, _text = collation_key(part)
    return _hex(primary) + _hex(secondary) + _hex(tertiary)


def _sortable(family: str, middle: str, given: str) -> str:
    return (_part_key(given) + _part_key(middle) + _part_key(family))[:SORT_KEY_LENGTH]


def sortable(full_name: str) -> str:
    """``vn.sort_key`` as plain text that sorts the same under any database collation.

    Hex digits compare alike in SQLite's BINARY collation and in PostgreSQL's
    locale collations, so ORDER BY on this column gives the Vietnamese order
    (given name, middle, family; Vietnamese alphabet, tones after the base letter).
    """
    return _sortable(*split_name(full_name))


def name_columns(full_name: str) -> NameColumns:
    name = " ".join(full_name.split())
    family, middle, given = split_name(name)
    return {
        "family_name": family,
        "middle_name": middle,
        "given_name": given,
        "name_folded": fold(name),
        "sort_key": _sortable(family, middle, given),
    }
