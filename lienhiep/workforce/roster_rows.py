"""One roster row → the values of a person, or the errors it contains.

The checks are those a careful clerk would make: a name, a gender written "Nam" or
"Nữ", a plausible date or year of birth, catalogue values known by one of their
spellings ("TS.", "Tiến sỹ"), a Vietnamese phone number, an e-mail address.

Speed: a roster repeats itself column by column (a few ethnic groups, degrees,
positions, employers; names and birth dates far less than once a row), so each
column's reading is remembered per distinct cell value. A column whose values
hardly repeat (phones, e-mails) stops being remembered after ``_MEMO_LIMIT``
values, which also bounds the memory a million-row file can cost.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from lienhiep.jobs.results import RowError
from lienhiep.vn import fold, normalize_phone, parse_date
from lienhiep.vn.dates import YEAR_MIN, year_without_day
from lienhiep.workforce import roster_layout as layout
from lienhiep.workforce.models import AcademicTitle, Catalogue, Degree, Ethnicity, Gender
from lienhiep.workforce.names import name_columns
from lienhiep.workforce.roster_read import Table, text_of

_MAX_LENGTHS = {"full_name": 150, "specialty": 255, "employer": 255, "position": 255}
_GENDERS = {"nam": Gender.MALE, "nu": Gender.FEMALE, "male": Gender.MALE, "female": Gender.FEMALE}
_MARKS = {"x", "v", "+", "1", "✓", "✔", "co"}
_HEADING_NUMBER = re.compile(r"(?:[IVXLCDM]+|[A-Za-z])[.)]?")
# The units a roster is divided by. With their marks, upper case: "TRƯỜNG" is a unit,
# "TRƯƠNG" a family name; "KHOA" a department, although "Khoa" is a given name, never a
# family name, and a family name comes first.
_UNIT_WORDS = (
    "CHI HỘI|HỘI|ĐƠN VỊ|KHOA|PHÒNG|BAN|BỆNH VIỆN|TRUNG TÂM|TRƯỜNG|SỞ|VIỆN|KHỐI|CÔNG TY"
    "|CHI BỘ|ĐẢNG BỘ|CƠ QUAN|ỦY BAN|UỶ BAN|UBND|LIÊN HIỆP|NHÓM|TỔ|HUYỆN|THÀNH PHỐ|THỊ XÃ|XÃ"
    "|PHƯỜNG|TRẠM Y TẾ|CHI NHÁNH|CỤC|TỔNG CÔNG TY|HỢP TÁC XÃ|DOANH NGHIỆP"
)
_HEADING_TEXT = re.compile(rf"(?:(?:[IVXLC]+|[A-Z]|\d+)[.)]\s*)?(?:{_UNIT_WORDS})\b")
# Most addresses match this at once; the others go to Django's full validator.
_PLAIN_EMAIL = re.compile(r"[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,24}", re.ASCII)
_MEMO_LIMIT = 20_000
_BARE_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
_BIRTH_COLUMNS = ((layout.BIRTH, ""), (layout.MALE, Gender.MALE), (layout.FEMALE, Gender.FEMALE))
_TEXT_KEYS = (layout.SPECIALTY, layout.EMPLOYER, layout.POSITION, layout.NOTE)

Problems = list[tuple[str, str]]  # (column key, message)


class _Memo:
    """A function's results by argument, kept while the argument values repeat."""

    __slots__ = ("function", "open", "results")

    def __init__(self, function: Callable[[Any], Any]) -> None:
        self.function = function
        self.results: dict[Any, Any] = {}
        self.open = True

    def __call__(self, value: Any) -> Any:
        try:
            return self.results[value]
        except KeyError:
            pass
        except TypeError:  # an unhashable cell: never seen from the readers, but harmless
            return self.function(value)
        result = self.function(value)
        if self.open:
            self.results[value] = result
            if len(self.results) >= _MEMO_LIMIT:
                self.open = False  # values that hardly repeat: stop remembering them
                self.results.clear()
        return result


# ---------------------------------------------------------------- catalogues


# After a consonant, y and i are one letter written two ways: kỹ sư = kĩ sư, tiến sỹ = tiến sĩ.
_Y_AS_I = re.compile(r"(?<=[bcdghklmnprstvx])y\b")
# What separates the parts of "PGS.TS", "PGS, TS", "PGS-TS", "PGS/TS", "Giáo sư, Tiến sĩ".
_PART = re.compile(r"[^\s.,;/\-–]+")


def catalogue_key(text: str) -> str:
    """Folded, with dots, hyphens and apostrophes as spaces, and y after a consonant as i:
    "Ê-đê" = "Ê Đê", "TS." = "TS", "Kĩ sư" = "Kỹ sư"."""
    return _Y_AS_I.sub("i", " ".join(re.sub(r"[.\-'’]", " ", fold(text)).split()))


class _Index:
    """One catalogue by every spelling of its entries."""

    def __init__(self, entries: list[Catalogue]) -> None:
        self.by_key: dict[str, Catalogue] = {}
        # The same keys without spaces: "Th.S" = "ThS", "TS.KH" = "TSKH", "CK II" = "CKII".
        self.by_letters: dict[str, Catalogue] = {}
        self.by_pk: dict[int, Catalogue] = {entry.pk: entry for entry in entries}
        for entry in entries:
            for spelling in (*entry.spellings(), *entry.synonyms.splitlines(), entry.name):
                if key := catalogue_key(spelling):
                    self.by_key.setdefault(key, entry)
                    self.by_letters.setdefault(key.replace(" ", ""), entry)

    def get(self, text: str) -> Catalogue | None:
        key = catalogue_key(text)
        entry = self.by_key.get(key)
        return self.by_letters.get(key.replace(" ", "")) if entry is None else entry

    def prefix(self, text: str) -> tuple[Catalogue, str] | None:
        """The entry the text begins with, and the rest: "Thạc sĩ Nông nghiệp" → ThS, "Nông
        nghiệp"; "PGS.TS", "PGS, TS", "PGS/TS" → PGS, "TS". The longest matching beginning
        wins."""
        parts = list(_PART.finditer(text))
        for count in range(len(parts), 0, -1):
            entry = self.get(" ".join(part.group() for part in parts[:count]))
            if entry is not None:
                return entry, text[parts[count - 1].end() :].strip(" .,;:/-–")
        return None


def _rank(entry: Catalogue) -> int:
    return getattr(entry, "rank", 0)  # degrees are ranked; other catalogues are not


@dataclass
class Catalogues:
    ethnicities: _Index
    degrees: _Index
    titles: _Index

    @classmethod
    def load(cls) -> Catalogues:
        return cls(
            _Index(list(Ethnicity.objects.all())),
            _Index(list(Degree.objects.all())),
            _Index(list(AcademicTitle.objects.all())),
        )


# ---------------------------------------------------------------- one row


def _tidy_name(name: str) -> str:
    # Rosters often write names in capitals (and a TCVN3 name typed for .VnTimeH, read without
    # its font, is all lowercase); the registry keeps them as names are written. A name in
    # mixed case is kept as it was typed.
    return name.title() if name.isupper() or name.islower() else name


def _is_heading_text(text: str) -> bool:
    """A section heading typed in the name column, with no number: in capitals, and
    beginning with a word that names a unit ("CHI HỘI…", "II. KHOA NỘI"), which no Vietnamese
    name does. Where the sheet merges the heading across the table, the reader has already
    dropped it; a CSV keeps no merges. Anything else stays a person, to be imported or
    reported: a real person is never dropped in silence."""
    return text.isupper() and _HEADING_TEXT.match(text) is not None


def _person_name(text: str) -> dict[str, Any]:
    full_name = _tidy_name(text)
    return {"full_name": full_name, **name_columns(full_name)}


class RowReader:
    """Turns the data rows of ``table`` into people's values, or into row errors."""

    def __init__(self, table: Table, catalogues: Catalogues, today: datetime.date) -> None:
        self.table = table
        self.catalogues = catalogues
        self.today = today
        # [key, index, the texts of the values seen so far in the column (or None)]
        self.columns: list[list[Any]] = [[k, c.index, {}] for k, c in table.columns.items()]
        self._name = _Memo(_person_name)
        self._gender = _Memo(self._read_gender)
        self._birth = _Memo(self._read_birth)
        self._catalogue = _Memo(self._read_catalogues)

    def texts(self, values: list[layout.Cell]) -> dict[str, str]:
        """Each column's text (the columns the row has a value in)."""
        texts = {}
        width = len(values)
        for column in self.columns:
            key, index, seen = column
            if index >= width or (value := values[index]) is None:
                continue
            if seen is None:
                text = text_of(value)
            elif (text := seen.get(value)) is None:
                text = seen[value] = text_of(value)
                if len(seen) >= _MEMO_LIMIT:
                    column[2] = None  # values that hardly repeat: stop remembering them
            if text:
                texts[key] = text
        return texts

    @staticmethod
    def is_filler(texts: dict[str, str]) -> bool:
        """A numbered empty row, or a section heading ("I. Khoa Nội", "A"; "CHI HỘI BỆNH
        VIỆN TỈNH" alone in the name column)."""
        filled = texts.keys()
        if filled <= {layout.NUMBER}:
            return True
        if filled == {layout.FULL_NAME}:
            return _is_heading_text(texts[layout.FULL_NAME])
        return filled == {layout.NUMBER, layout.FULL_NAME} and bool(
            _HEADING_NUMBER.fullmatch(texts[layout.NUMBER])
        )

    def read(
        self, row: int, values: list[layout.Cell], texts: dict[str, str]
    ) -> tuple[dict[str, Any], list[RowError]]:
        """The person's values (model attribute names; name columns included) and the
        row's errors."""
        problems: Problems = []
        person: dict[str, Any] = {}
        if name := texts.get(layout.FULL_NAME):
            person.update(self._name(name))
        else:
            problems.append((layout.FULL_NAME, _("The full name is empty.")))
        if gender := texts.get(layout.GENDER):
            value, problem = self._gender(gender)
            if problem:
                problems.append((layout.GENDER, problem))
            else:
                person["gender"] = value
        self._births(values, texts, person, problems)
        catalogue = (
            texts.get(layout.ETHNICITY),
            texts.get(layout.TITLE_DEGREE),
            texts.get(layout.TITLE),
            texts.get(layout.DEGREE),
        )
        if any(catalogue):
            found, catalogue_problems = self._catalogue(catalogue)
            person.update(found)
            problems += catalogue_problems
        for key in _TEXT_KEYS:
            if text := texts.get(key):
                # The file's own "Chuyên ngành" wins over what "Thạc sĩ Kinh tế" leaves.
                person[key] = text
        self._contacts(texts, person, problems)
        for key, limit in _MAX_LENGTHS.items():
            if len(person.get(key, "")) > limit:
                problems.append((key, _("Longer than %(max)d characters.") % {"max": limit}))
        return person, [RowError(row, self.table.title(k), m) for k, m in problems]

    def _read_gender(self, text: str) -> tuple[str, str]:
        gender = _GENDERS.get(fold(text))
        if gender is None:
            return "", _("Write “Nam” or “Nữ”, not “%(value)s”.") % {"value": text}
        return gender, ""

    def _births(
        self,
        values: list[layout.Cell],
        texts: dict[str, str],
        person: dict[str, Any],
        problems: Problems,
    ) -> None:
        # The usual one "Năm sinh" column.
        if layout.MALE not in texts and layout.FEMALE not in texts:
            if layout.BIRTH in texts:
                birth, problem = self._birth(self.table.cell(values, layout.BIRTH))
                if problem:
                    problems.append((layout.BIRTH, problem))
                else:
                    person.update(birth)
            return
        cells = [(k, g) for k, g in _BIRTH_COLUMNS if k in texts]
        if layout.MALE in texts and layout.FEMALE in texts:
            problems.append(
                (layout.FEMALE, _("Fill either the “Nam” or the “Nữ” column, not both."))
            )
            return
        for key, gender in cells:
            if gender:
                if person.get("gender", gender) != gender:
                    problems.append((key, _("This column contradicts the “Giới tính” column.")))
                person["gender"] = gender
                if fold(texts[key]) in _MARKS:
                    continue  # a tick under "Giới tính: Nam | Nữ", not a birth date
            birth, problem = self._birth(self.table.cell(values, key))
            if problem:
                problems.append((key, problem))
            else:
                person.update(birth)

    def _read_birth(self, raw: layout.Cell) -> tuple[dict[str, Any], str]:
        if (year_only := year_without_day(raw)) is not None:
            raw = year_only  # "02/1980": the day is not known, the year is
        shown = text_of(raw)
        if _BARE_NUMBER.fullmatch(shown) and float(shown.replace(",", ".")) < YEAR_MIN:
            # "75": a year cut to two digits, which as an Excel day would be 15/03/1900.
            return {}, _(
                "“%(value)s” is not a year of birth: write the year in four digits (1975) or "
                "the whole date."
            ) % {"value": shown}
        try:
            parsed = parse_date(raw, today=self.today)
        except ValueError as exc:
            return {}, str(exc)
        if parsed is None:
            return {}, ""
        year = parsed if isinstance(parsed, int) else parsed.year
        if not 1900 <= year <= self.today.year or (
            isinstance(parsed, datetime.date) and parsed > self.today
        ):
            return {}, _("The year of birth %(year)d is not plausible.") % {"year": year}
        if isinstance(parsed, datetime.date):
            return {"birth_date": parsed, "birth_year": year}, ""
        return {"birth_year": year}, ""

    def _read_catalogues(
        self, texts: tuple[str | None, str | None, str | None, str | None]
    ) -> tuple[dict[str, Any], Problems]:
        ethnicity_text, title_degree, title_text, degree_text = texts
        person: dict[str, Any] = {}
        problems: Problems = []
        if ethnicity_text:
            if (ethnicity := self.catalogues.ethnicities.get(ethnicity_text)) is None:
                message = _("Unknown ethnic group “%(value)s”.") % {"value": ethnicity_text}
                problems.append((layout.ETHNICITY, message))
            else:
                person["ethnicity_id"] = ethnicity.pk
        if title_degree:
            rest = self._title(title_degree, layout.TITLE_DEGREE, person, problems, exact=False)
            if rest:
                self._degree(rest, layout.TITLE_DEGREE, person, problems)
        if title_text:
            rest = self._title(title_text, layout.TITLE, person, problems, exact=True)
            if rest and not degree_text:
                self._degree(rest, layout.TITLE, person, problems)
        if degree_text:
            # "PGS.TS" under "Học vị": the title too, unless a column of its own gave one.
            if "title_id" not in person and self.catalogues.degrees.get(degree_text) is None:
                degree_text = self._title(degree_text, layout.DEGREE, person, problems, exact=False)
            if degree_text:
                self._degree(degree_text, layout.DEGREE, person, problems)
        return person, problems

    def _title(
        self, text: str, key: str, person: dict[str, Any], problems: Problems, *, exact: bool
    ) -> str:
        """Set the academic title the text begins with; return the rest ("PGS.TS" → "TS")."""
        titles = self.catalogues.titles
        if (title := titles.get(text)) is not None:
            person["title_id"] = title.pk
            return ""
        found = titles.prefix(text)
        if found is not None:
            person["title_id"] = found[0].pk
            return found[1]
        if exact:
            problems.append((key, _("Unknown academic title “%(value)s”.") % {"value": text}))
            return ""
        return text

    def _degree(self, text: str, key: str, person: dict[str, Any], problems: Problems) -> None:
        """ "TS", "Tiến sỹ"…; "Thạc sĩ Nông nghiệp" gives ThS and the specialty "Nông
        nghiệp"."""
        degrees = self.catalogues.degrees
        if (degree := degrees.get(text)) is not None:
            person["degree_id"] = degree.pk
            return
        found = degrees.prefix(text)
        if found is None:
            problems.append((key, _("Unknown degree “%(value)s”.") % {"value": text}))
            return
        # A cell may name several: the highest counts, whichever comes first ("TS. BS" is
        # a doctor, "Bác sĩ CKII" a specialist of level II); what follows is the specialty.
        best, rest = found
        while rest and (more := degrees.prefix(rest)) is not None:
            if _rank(more[0]) > _rank(best):
                best = more[0]
            rest = more[1]
        person["degree_id"] = best.pk
        if rest:
            person.setdefault("specialty", rest)

    def _contacts(self, texts: dict[str, str], person: dict[str, Any], problems: Problems) -> None:
        if text := texts.get(layout.PHONE):
            phone = normalize_phone(text)
            if phone is None:
                problems.append(
                    (layout.PHONE, _("“%(value)s” is not a phone number.") % {"value": text})
                )
            else:
                person["phone"] = phone
        if text := texts.get(layout.EMAIL):
            email = text.lower()
            if not _PLAIN_EMAIL.fullmatch(email):
                try:
                    validate_email(email)
                except ValidationError:
                    message = _("“%(value)s” is not an e-mail address.") % {"value": text}
                    problems.append((layout.EMAIL, message))
                    return
            person["email"] = email
