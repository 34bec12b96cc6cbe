"""Small text helpers shared by the .docx, .xlsx and .pdf writers."""

from __future__ import annotations

import datetime
import unicodedata
from typing import Final

from lienhiep.vn import date_line as vn_date_line

#: Vietnam has kept UTC+7 without daylight saving since 1975; no tz database needed.
VIETNAM_TZ: Final = datetime.timezone(datetime.timedelta(hours=7), "ICT")


def nfc(text: str) -> str:
    """Return ``text`` in Unicode NFC.

    Vietnamese typed on some keyboards (or pasted from PDFs) arrives decomposed: "ệ" as
    "e" + U+0323 + U+0302. Word copes, but fpdf2 draws combining marks as separate glyphs and
    font metrics would be wrong, so every writer normalises first. ``str()`` first, so that
    Django's lazy translation strings can be passed anywhere text is expected.
    """
    return unicodedata.normalize("NFC", str(text))


def vn_upper(text: str) -> str:
    """Capitals for the parts Decree 30 / Guidance 36 require "in hoa" (NFC first)."""
    return nfc(text).upper()


def date_line(place: str, date: datetime.date) -> str:
    """The place-and-date line: "Lai Châu, ngày 09 tháng 5 năm 2022".

    Decree 30/2020, Appendix I, II.4: days below 10 and the months 1 and 2 take a leading
    zero (so "tháng 02" cannot be altered into "tháng 12"); other months are written plainly.
    Guidance 36-HD/VPTW uses the same form ("ngày 03 tháng 4 năm 2018", "ngày 20 tháng 02
    năm 2018"). The project's ``lienhiep.vn.date_line`` does the work (it raises ValueError
    for an empty place); this wrapper normalises the place to NFC first.
    """
    return vn_date_line(nfc(place), date)


def clean_list_item(text: str) -> str:
    """Strip a leading dash and trailing list punctuation; list writers add their own."""
    text = nfc(text).strip().removeprefix("-").strip()
    return text.rstrip(";,.").strip()
