"""Dates as Vietnamese offices write them: reading day-first input and writing the date line.

Spreadsheets sent in by member associations mix typed dates (09/05/2022, 9-5-22, 09.05.2022),
ISO dates, bare years (1975, for a birth year or a founding year) and Excel serial numbers (a
date cell read without its format). ``parse_date`` accepts all of them and rejects the rest with
a message the person who typed it can act on.
"""

import calendar
import datetime
import math
import re
import unicodedata

from lienhiep.vn.messages import _

_TIME = r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"
_DAY_FIRST = re.compile(
    rf"(\d{{1,2}})\s*([/.-])\s*(\d{{1,2}})\s*\2\s*(\d{{4}}|\d{{2}}){_TIME}", re.ASCII
)
_ISO = re.compile(rf"(\d{{4}})-(\d{{1,2}})-(\d{{1,2}}){_TIME}", re.ASCII)
_NUMBER = re.compile(r"\d+(?:\.\d*)?", re.ASCII)
# "9.5" or "09/05": a day and a month with the year left out, not an Excel serial.
_NO_YEAR = re.compile(r"\d{1,2}\s*[/.-]\s*\d{1,2}", re.ASCII)

# A date whose day is not known: "02/1980", "Tháng 2/1980", "tháng 2 năm 1980", "năm 1980".
_MONTH_YEAR = re.compile(
    r"(?:tháng\s*)?(\d{1,2})\s*[/.-]\s*(\d{4})|(?:tháng\s*(\d{1,2})\s*,?\s*)?năm\s*(\d{4})"
)

YEAR_MIN, YEAR_MAX = 1900, 2100
# Excel's 1900 date system: serial 1 is 1900-01-01 and 2958465 is 9999-12-31. Excel also counts a
# 29 February 1900 that never existed (serial 60), so from serial 61 on, day 0 is 1899-12-30.
EXCEL_SERIAL_MAX = 2958465
_EXCEL_PHANTOM_LEAP_DAY = 60
_EXCEL_EPOCH_BEFORE_BUG = datetime.date(1899, 12, 31)
_EXCEL_EPOCH = datetime.date(1899, 12, 30)


def years_after(day: datetime.date, years: int) -> datetime.date:
    """The same day ``years`` later (earlier if negative); 29 February gives 28 February
    in a common year, so a term or an age is never a day long."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _unreadable(shown: str) -> ValueError:
    return ValueError(
        _("Cannot read the date “%(value)s”: type it as day/month/year, e.g. 09/05/2022.")
        % {"value": shown}
    )


def _invalid(shown: str, reason: str) -> ValueError:
    return ValueError(
        _("The date “%(value)s” is not valid: %(reason)s.") % {"value": shown, "reason": reason}
    )


def _make_date(year: int, month: int, day: int, shown: str) -> datetime.date:
    """Build a date, explaining which part is impossible."""
    if year < 1:
        raise _invalid(shown, _("there is no year 0"))
    if not 1 <= month <= 12:
        raise _invalid(shown, _("there is no month %(month)s") % {"month": month})
    if day < 1:
        raise _invalid(shown, _("there is no day 0"))
    last = calendar.monthrange(year, month)[1]
    if day > last:
        raise _invalid(
            shown,
            _("month %(month)s of %(year)s has only %(last)s days")
            % {"month": month, "year": year, "last": last},
        )
    return datetime.date(year, month, day)


def _full_year(two_digits: int, today: datetime.date) -> int:
    """00 up to this year's last two digits are 2000s, later ones 1900s (so 99 is 1999)."""
    if two_digits <= today.year % 100:
        return 2000 + two_digits
    return 1900 + two_digits


def _from_number(number: int | float, shown: str) -> datetime.date | int:
    """A whole number 1900..2100 is a year; anything else an Excel serial (time part dropped)."""
    if isinstance(number, float):
        if not math.isfinite(number):
            raise _unreadable(shown)
        if number.is_integer():
            number = int(number)
    if isinstance(number, int) and YEAR_MIN <= number <= YEAR_MAX:
        return number
    serial = math.floor(number)
    if not 1 <= serial <= EXCEL_SERIAL_MAX:
        raise _unreadable(shown)
    if serial == _EXCEL_PHANTOM_LEAP_DAY:
        raise _invalid(
            shown, _("Excel day 60 is 29/02/1900, a day that never existed (an Excel bug)")
        )
    epoch = _EXCEL_EPOCH_BEFORE_BUG if serial < _EXCEL_PHANTOM_LEAP_DAY else _EXCEL_EPOCH
    return epoch + datetime.timedelta(days=serial)


def _from_text(text: str, today: datetime.date) -> datetime.date | int:
    if match := _DAY_FIRST.fullmatch(text):
        day, _separator, month, year_text = match.groups()
        year = int(year_text)
        if len(year_text) == 2:
            year = _full_year(year, today)
        return _make_date(year, int(month), int(day), text)
    if match := _ISO.fullmatch(text):
        year, month, day = map(int, match.groups())
        return _make_date(year, month, day, text)
    if _NO_YEAR.fullmatch(text):
        raise ValueError(
            _("The date “%(value)s” has no year: write day/month/year in full, e.g. 09/05/2022.")
            % {"value": text}
        )
    if _NUMBER.fullmatch(text):
        return _from_number(int(text) if text.isdigit() else float(text), text)
    raise _unreadable(text)


def parse_date(value: object, *, today: datetime.date | None = None) -> datetime.date | int | None:
    """Read a date the way Vietnamese users write it; return a date, a bare year, or None.

    * None, "" and whitespace give None (an empty cell is not an error).
    * ``date`` is returned as is; ``datetime`` gives its date.
    * Day first: ``dd/mm/yyyy``, ``d/m/yy``, ``dd-mm-yyyy``, ``dd.mm.yyyy`` (one separator used
      throughout, spaces around it allowed, an optional time after it ignored). A two-digit year
      from 00 to this year's last two digits means 20yy, otherwise 19yy: in 2025, "25" is 2025 and
      "26" is 1926, because the dates in these files (birth dates, decisions) are in the past.
    * ISO ``yyyy-mm-dd`` (optionally with a time), as databases and programs write it.
    * A whole number from 1900 to 2100 (int, float or text) is a year and comes back as ``int``;
      it is never read as an Excel serial, which would be a day in 1905.
    * Other numbers from 1 to 2958465 are Excel serials in the 1900 system (1 is 1900-01-01, 61
      is 1900-03-01; 60, Excel's non-existent 29/02/1900, is rejected); a fraction (time) is
      dropped.

    ``today`` fixes the two-digit-year cut-off (default: the current date).
    Anything else raises ``ValueError`` with a message quoting the value, in the active
    language (Vietnamese by default).
    """
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, bool):
        raise _unreadable(str(value))
    if isinstance(value, int | float):
        return _from_number(value, str(value))
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return None
        return _from_text(text, today or datetime.date.today())
    raise _unreadable(str(value))


def year_without_day(value: object) -> int | None:
    """The year of a date written without its day, "02/1980", "12/1975", "Tháng 2/1980",
    "tháng 2 năm 1980", "năm 1980"; None for anything else, and for a month that does not
    exist ("13/1980"). A birth known to the month is recorded by its year."""
    if not isinstance(value, str):
        return None
    text = value if value.isascii() else unicodedata.normalize("NFC", value)
    match = _MONTH_YEAR.fullmatch(" ".join(text.lower().split()))
    if match is None:
        return None
    month = match.group(1) or match.group(3)
    year = int(match.group(2) or match.group(4))
    if (month and not 1 <= int(month) <= 12) or not YEAR_MIN <= year <= YEAR_MAX:
        return None
    return year


def date_line(place: str, day: datetime.date) -> str:
    """Write the place-and-date line of a document: "Lai Châu, ngày 09 tháng 5 năm 2022".

    Decree 30/2020/NĐ-CP requires a leading zero for days below 10 and months below 3 (tháng 01,
    tháng 02) so that nobody can add a digit in front later; other months have none.
    """
    name = " ".join(place.split())
    if not name:
        raise ValueError(_("The place written before the date is missing, e.g. “Lai Châu”."))
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{name}, ngày {day.day:02d} tháng {month} năm {day.year}"
