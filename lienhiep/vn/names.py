"""Vietnamese personal names: splitting into họ / đệm / tên and sorting by tên.

A Vietnamese full name is written family name first and given name last ("Nguyễn Văn An"), but
lists of people are alphabetised by the given name (An before Bình whatever the family), then
the middle name, then the family name.
"""

import unicodedata

from lienhiep.vn.collation import CollationKey, collation_key, nfc_collation_key

# Key of a name: the collation keys of (given, middle, family), compared in that order.
NameKey = tuple[CollationKey, CollationKey, CollationKey]
_EMPTY = collation_key("")


def split_name(full: str) -> tuple[str, str, str]:
    """Split a full name into (family, middle, given), i.e. (họ, đệm, tên).

    The first word is the family name, the last the given name, anything between is the middle
    name ("" when there is none). A single word is taken as a given name, since that is what a
    one-word entry usually is ("An"), and it is what the list sorts on. Whitespace is collapsed
    and the parts are NFC so that they can be stored and compared as they are.
    """
    words = unicodedata.normalize("NFC", full).split()
    if not words:
        return "", "", ""
    if len(words) == 1:
        return "", "", words[0]
    return words[0], " ".join(words[1:-1]), words[-1]


def sort_key(full_name: str) -> NameKey:
    """Return a key that orders full names the Vietnamese way, by tên, then đệm, then họ.

    It gives the same order as PostgreSQL's ``ORDER BY given COLLATE "vi-x-icu", middle COLLATE
    "vi-x-icu", family COLLATE "vi-x-icu"`` on the parts from ``split_name``: each part is
    compared completely (letters, then tones, then case) before the next part is looked at.
    """
    family, middle, given = split_name(full_name)
    # The parts are NFC already; an empty part has a constant key.
    return (
        nfc_collation_key(given, given) if given else _EMPTY,
        nfc_collation_key(middle, middle) if middle else _EMPTY,
        nfc_collation_key(family, family) if family else _EMPTY,
    )
