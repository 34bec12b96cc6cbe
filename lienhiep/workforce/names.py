"""The derived name columns of a person, computed in one place for every writer.

``Person.save`` and the bulk roster import both call ``name_columns``, so the
folded search column and the Vietnamese sort key can never disagree with the
name they come from.
"""

from __future__ import annotations

from typing import TypedDict

from lienhiep.vn import fold, sort_key, split_name

# Every weight is written as four hex digits; "0000" ends a level and sorts
# before any weight, so a shorter name sorts before a longer one it begins.
_END = "0000"


class NameColumns(TypedDict):
    family_name: str
    middle_name: str
    given_name: str
    name_folded: str
    sort_key: str


def _hex(weights: str) -> str:
    return "".join(f"{ord(c):04x}" for c in weights) + _END


def sortable(full_name: str) -> str:
    """``vn.sort_key`` as plain text that sorts the same under any database collation.

    Hex digits compare alike in SQLite's BINARY collation and in PostgreSQL's
    locale collations, so ORDER BY on this column gives the Vietnamese order
    (given name, middle, family; Vietnamese alphabet, tones after the base letter).
    """
    parts = []
    for key in sort_key(full_name):
        primary, secondary, tertiary, _text = key
        parts.append(_hex(primary) + _hex(secondary) + _hex(tertiary))
    return "".join(parts)


def name_columns(full_name: str) -> NameColumns:
    name = " ".join(full_name.split())
    family, middle, given = split_name(name)
    return {
        "family_name": family,
        "middle_name": middle,
        "given_name": given,
        "name_folded": fold(name),
        "sort_key": sortable(name),
    }
