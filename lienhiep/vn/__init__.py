"""Vietnamese text helpers for the whole project, in pure Python (no Django here).

The messages explaining why a date or a number-symbol cannot be read are translated by
the function the application hands to ``use_translation`` (the project's ``gettext``).

Folding for search (``fold``), names in họ-đệm-tên order and sorted by tên (``split_name``,
``sort_key``), the ICU ``vi`` collation order that PostgreSQL uses (``collation_key``), dates as
Vietnamese offices write them (``parse_date``, ``date_line``), phone numbers
(``normalize_phone``) and document numbers-and-symbols (``Symbol``, ``parse_symbol``,
``format_symbol``).
"""

from lienhiep.vn.collation import CollationKey, collation_key
from lienhiep.vn.dates import date_line, parse_date, years_after
from lienhiep.vn.fold import fold
from lienhiep.vn.legacy import (
    TCVN3,
    VNI,
    Legacy,
    detect_legacy,
    encoding_for_font,
    is_caps_font,
    legacy_to_unicode,
)
from lienhiep.vn.messages import use_translation
from lienhiep.vn.names import NameKey, sort_key, split_name
from lienhiep.vn.phones import normalize_phone
from lienhiep.vn.symbols import Symbol, format_symbol, parse_symbol

__all__ = [
    "TCVN3",
    "VNI",
    "CollationKey",
    "Legacy",
    "NameKey",
    "Symbol",
    "collation_key",
    "date_line",
    "detect_legacy",
    "encoding_for_font",
    "fold",
    "format_symbol",
    "is_caps_font",
    "legacy_to_unicode",
    "normalize_phone",
    "parse_date",
    "parse_symbol",
    "sort_key",
    "split_name",
    "use_translation",
    "years_after",
]
