"""The layout of a roster table: where its header is and what each column holds.

A header row is the one that names the full name ("Họ và tên") and at least one more
column; its cells are matched against phrases folded to ASCII ("Năm sinh", "Học hàm, học
vị", "Trình độ chuyên môn"…). The header may take two rows: "Nam" | "Nữ" under a merged
"Năm sinh", "Họ đệm" | "Tên" under "Họ và tên", "Ngày" | "Tháng" | "Năm" under "Ngày
tháng năm sinh", "Văn hóa" | "Chuyên môn" under "Trình độ"; a CSV, which merges nothing,
shows the same by leaving the parent's other cells empty. ``find_header`` returns the
header's last row and a ``Column`` for each key it recognises (``NUMBER``, ``FULL_NAME``…),
with the columns a name or a birth date is split over.

Below the header, the layout also tells which rows hold no person: the column numbering
("(1) (2) (3)…", "A B 1 2…") official forms put under the header, and section headings
merged across the table. ``roster_read`` opens the file, converts legacy text and streams
the rows; this module only reads the table's shape, from cells already in Unicode.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from lienhiep.vn import fold

Cell = Any  # str, int, float, bool, date, datetime, time, timedelta or None, as the reader gives
Merge = tuple[tuple[int, int], tuple[int, int]]  # ((row, col), (row, col)), 0-based, inclusive

NUMBER, FULL_NAME, BIRTH, MALE, FEMALE, GENDER = (
    "number",
    "full_name",
    "birth",
    "male",
    "female",
    "gender",
)
ETHNICITY, TITLE, DEGREE, TITLE_DEGREE, SPECIALTY = (
    "ethnicity",
    "title",
    "degree",
    "title_degree",
    "specialty",
)
POSITION, EMPLOYER, PHONE, EMAIL, NOTE = "position", "employer", "phone", "email", "note"

_EXACT_HEADERS = {"stt": NUMBER, "tt": NUMBER, "so tt": NUMBER, "so thu tu": NUMBER}
_SUB_HEADERS = {"nam": MALE, "nu": FEMALE}
# Second-row headers under "Họ và tên", and under "Ngày tháng năm sinh".
_NAME_PARTS = frozenset(
    {"ho", "ho dem", "ho va dem", "ho lot", "ho va ten dem", "ho va chu dem", "ho va chu lot"}
    | {"ten dem", "chu dem", "chu lot", "ten", "ten goi"}
)
_DATE_PARTS = frozenset({"ngay", "thang", "nam"})
# Phrases a header cell may contain, most specific first ("Trình độ chuyên môn" is the
# degree although it says "chuyên môn"; "Học hàm, học vị" is both in one cell).
_HEADER_PHRASES: tuple[tuple[str, str], ...] = (
    ("ho va ten", FULL_NAME),
    ("ho ten", FULL_NAME),
    ("hoc ham hoc vi", TITLE_DEGREE),
    ("ngay thang nam sinh", BIRTH),
    ("ngay sinh", BIRTH),
    ("nam sinh", BIRTH),
    ("sinh nam", BIRTH),
    ("sinh ngay", BIRTH),
    ("gioi tinh", GENDER),
    ("dan toc", ETHNICITY),
    ("hoc ham", TITLE),
    ("hoc vi", DEGREE),
    ("trinh do", DEGREE),
    ("chuyen nganh", SPECIALTY),
    ("chuyen mon", SPECIALTY),
    ("chuc danh", POSITION),
    ("chuc vu", POSITION),
    ("cong tac", EMPLOYER),
    ("don vi", EMPLOYER),
    ("co quan", EMPLOYER),
    ("dien thoai", PHONE),
    ("sdt", PHONE),
    ("so dt", PHONE),
    ("email", EMAIL),
    ("e mail", EMAIL),
    ("thu dien tu", EMAIL),
    ("ghi chu", NOTE),
)
# "Trình độ" alone is the degree, but not "Trình độ văn hóa" (12/12), nor the other levels
# a cadre's file records beside it; and a column that says "chuyên môn" or "học vị" wins over
# one that only says "trình độ".
_NOT_DEGREE = re.compile(
    r" (?:van hoa|hoc van|pho thong|ly luan|chinh tri|ngoai ngu|tin hoc|quan ly nha nuoc) "
)
_VAGUE_DEGREE = "trinh do"
# One-row headers of the year of a man's or a woman's birth: "Năm sinh (Nam)", "Năm sinh Nữ".
_GENDERED_BIRTH = re.compile(
    r"(?:ngay thang nam sinh|ngay sinh|nam sinh|sinh nam|sinh ngay) (nam|nu)"
)
_MAX_HEADER_CHARS = 60  # longer cells are titles or notes, not column headers
_COLUMN_NUMBER = re.compile(r"\(?\d{1,2}\)?")


@dataclass
class Column:
    """A column of the table, as the header names it (``roster_read`` decides its legacy
    encoding)."""

    index: int
    title: str  # the header as the file shows it, for error messages
    legacy: str | None = None  # "tcvn3" / "vni": convert the column's text
    caps: bool = False  # a TCVN3 capitals-only font (.VnTimeH)
    # A name split over several columns ("Họ đệm" | "Tên"): their indexes, first to last.
    parts: tuple[int, ...] = ()
    # A birth date split into "Ngày" | "Tháng" | "Năm": their indexes (-1 where missing).
    date_parts: tuple[int, int, int] | None = None


# ---------------------------------------------------------------- the header


def _header_text(value: Cell) -> str:
    if value is None or not isinstance(value, str):
        return ""
    return " ".join(re.sub(r"[^a-z0-9]+", " ", fold(value)).split())


def header_key(value: Cell) -> str | None:
    return _header_match(_header_text(value))[0]


def _header_match(text: str) -> tuple[str | None, bool]:
    """The column a header's text names, and whether it names it only vaguely (a bare
    "Trình độ" is the degree unless a "Trình độ chuyên môn" or "Học vị" is there too)."""
    if not text or len(text) > _MAX_HEADER_CHARS:
        return None, False
    if text in _EXACT_HEADERS:
        return _EXACT_HEADERS[text], False
    if match := _GENDERED_BIRTH.fullmatch(text):
        return _SUB_HEADERS[match.group(1)], False
    padded = f" {text} "
    phrase, key = next(((p, k) for p, k in _HEADER_PHRASES if f" {p} " in padded), ("", None))
    if phrase == _VAGUE_DEGREE:
        if _NOT_DEGREE.search(padded):
            return None, False
        return key, " chuyen mon " not in padded
    return key, False


def _show(value: Cell) -> str:
    return " ".join(str(value).split()) if value not in (None, "") else ""


def fill_merges(scan: list[list[Cell]], merges: list[Merge]) -> None:
    """Copy each merge's top-left value into its other cells (header rows only)."""
    for (top, left), (bottom, right) in merges:
        if top >= len(scan):
            continue
        value = scan[top][left] if left < len(scan[top]) else None
        for row in range(top, min(bottom, len(scan) - 1) + 1):
            cells = scan[row]
            if len(cells) <= right:
                cells.extend([None] * (right + 1 - len(cells)))
            for col in range(left, right + 1):
                cells[col] = value


Span = tuple[int, int]  # the first and last column a header cell stands over


def _spans(top: list[Cell], below: list[Cell] | None, merges: list[Merge], row: int) -> list[Span]:
    """The cells of header row ``row`` that stand over several columns: merged across them
    or, where the sheet merges nothing there (a CSV), followed by empty cells over a filled
    second row ("Năm sinh", "" over "Nam", "Nữ")."""
    spans = [(left, right) for (top_row, left), (_, right) in merges if top_row == row]
    spans = [(left, right) for left, right in spans if right > left]
    if spans or below is None:
        return spans
    for index, value in enumerate(top):
        end = index
        while (
            _show(value)
            and end + 1 < len(below)
            and not _show(top[end + 1] if end + 1 < len(top) else None)
            and _show(below[end + 1])
        ):
            end += 1
        if end > index:
            spans.append((index, end))
    return spans


def _span_of(spans: list[Span], index: int) -> Span | None:
    return next(((left, right) for left, right in spans if left <= index <= right), None)


def _is_sub_header(top: list[Cell], below: list[Cell], spans: list[Span]) -> bool:
    """Whether ``below`` is the second row of a two-row header over ``top``: it holds header
    words ("Nam" | "Nữ", "Học vị"…), or text under cells that stand over several columns
    ("Xã" | "Huyện" under "Quê quán") and nothing under the name but its parts."""
    filled = [(i, v) for i, v in enumerate(below) if _show(v)]
    if not filled:
        return False
    under = [(i, v, top[i] if i < len(top) else None) for i, v in filled]
    if all(
        _header_text(v) in _SUB_HEADERS or header_key(v) is not None or _show(v) == _show(above)
        for _, v, above in under
    ) and any(_show(v) != _show(above) for _, v, above in under):
        return True
    name = next((i for i, v in enumerate(top) if header_key(v) == FULL_NAME), -1)
    return all(
        isinstance(v, str)
        and not any(c.isdigit() for c in v)
        and (i != name or v == above or _header_text(v) in _NAME_PARTS)
        for i, v, above in under
    ) and any(_span_of(spans, i) for i, _ in filled)


def _columns(top: list[Cell], below: list[Cell] | None, spans: list[Span]) -> dict[str, Column]:
    columns: dict[str, Column] = {}
    vague: set[str] = set()  # keys found only in a vague header so far
    # "Họ đệm" | "Tên" under "Họ và tên", "Ngày" | "Tháng" | "Năm" under "Ngày tháng năm
    # sinh": the parent's title, and the columns.
    names: tuple[str, list[int]] = ("", [])
    date: tuple[str, dict[str, int]] = ("", {})
    for index in range(max(len(top), len(below or []))):
        span = _span_of(spans, index)
        title = _show(top[index] if index < len(top) else None)
        title = title or (_show(top[span[0]]) if span and span[0] < len(top) else "")
        child = _show(below[index]) if below and index < len(below) else ""
        key = header_key(title)
        if child and child != title:
            part = _header_text(child)
            if key == FULL_NAME and part in _NAME_PARTS:
                names = (title, [*names[1], index])
                continue
            if key == BIRTH and part in _DATE_PARTS and _splits_date(below, span):
                date = (title, {**date[1], part: index})
                continue
            key, title = _sub_column(title, child)
        elif key is None and not child:
            key = _gender_pair(top, index)
        if key is not None and (key not in columns or key in vague):
            if _header_match(_header_text(title))[1]:
                if key in columns:
                    continue
                vague.add(key)
            else:
                vague.discard(key)
            columns[key] = Column(index, title)
    _join_columns(columns, spans, names, date)
    return columns


def _gender_pair(top: list[Cell], index: int) -> str | None:
    """ "Nam" | "Nữ" side by side in a one-row header: the year of birth of a man, of a
    woman (or a tick under each)."""
    text = _header_text(top[index])
    pair = {_header_text(top[i]) for i in (index - 1, index + 1) if 0 <= i < len(top)}
    if text in _SUB_HEADERS and pair & _SUB_HEADERS.keys() - {text}:
        return _SUB_HEADERS[text]
    return None


def _splits_date(below: list[Cell] | None, span: Span | None) -> bool:
    """Whether the second row splits a birth date into "Ngày" | "Tháng" | "Năm" (whose
    "Năm" is the year, not the "Nam" of "Nam" | "Nữ")."""
    if below is None or span is None:
        return False
    parts = {_header_text(below[i]) for i in range(span[0], min(span[1] + 1, len(below)))}
    return bool(parts & {"ngay", "thang"})


def _sub_column(parent: str, child: str) -> tuple[str | None, str]:
    """What a second-row cell names under its parent: "Nam" | "Nữ" under "Năm sinh" the
    year of a man's or a woman's birth; "Chuyên môn" under "Trình độ" the degree, as
    "Trình độ chuyên môn" is; "Học vị" under "Học hàm, học vị" the degree; "Văn hóa"
    under "Trình độ" nothing, as "Trình độ văn hóa" is nothing to import."""
    text = _header_text(child)
    titled = f"{parent} ({child})" if parent else child
    if text in _SUB_HEADERS:
        return _SUB_HEADERS[text], titled
    own, joined = header_key(child), header_key(f"{parent} {child}")
    if own is None or (text == "chuyen mon" and joined == DEGREE):
        return joined, titled
    return own, child


def _join_columns(
    columns: dict[str, Column],
    spans: list[Span],
    names: tuple[str, list[int]],
    date: tuple[str, dict[str, int]],
) -> None:
    """The name and the birth date that the file splits over several columns."""
    name = columns.get(FULL_NAME)
    if names[1]:
        columns[FULL_NAME] = Column(names[1][0], names[0], parts=tuple(names[1]))
    elif name is not None and (span := _span_of(spans, name.index)) is not None:
        # "Họ và tên" merged over two columns without a second row: "Nguyễn Văn" | "An".
        name.parts = tuple(range(span[0], span[1] + 1))
    title, found = date
    if found and BIRTH not in columns:
        parts = (found.get("ngay", -1), found.get("thang", -1), found.get("nam", -1))
        columns[BIRTH] = Column(found.get("nam", min(found.values())), title, date_parts=parts)


@dataclass
class Header:
    last_row: int  # index in the scanned rows of the header's last row
    columns: dict[str, Column]


def find_header(scan: list[list[Cell]], merges: list[Merge] | None = None) -> Header | None:
    for index, top in enumerate(scan):
        if FULL_NAME not in {header_key(v) for v in top}:
            continue
        below = scan[index + 1] if index + 1 < len(scan) else None
        spans = _spans(top, below, merges or [], index)
        if below is not None and _is_sub_header(top, below, spans):
            columns = _columns(top, below, spans)
            last = index + 1
        else:
            columns, last = _columns(top, None, _spans(top, None, merges or [], index)), index
        if FULL_NAME in columns and len(columns) >= 2:
            return Header(last, columns)
    return None


# ---------------------------------------------------------------- under the header


def is_column_numbering(values: Sequence[Cell]) -> bool:
    """The "(1) (2) (3)…" or "1 2 3…" row official tables put under their header, or the
    forms' "A B 1 2 3…", letters over the columns filled in from elsewhere."""
    cells = [str(int(v)) if isinstance(v, float) else str(v) for v in values if _show(v)]
    cells = [c.strip("() ") for c in cells]
    letters = list(itertools.takewhile(lambda c: len(c) == 1 and "A" <= c <= "Z", cells))
    numbers = cells[len(letters) :]
    if len(cells) < 3 or letters != [chr(65 + i) for i in range(len(letters))]:
        return False
    if not all(_COLUMN_NUMBER.fullmatch(c) for c in numbers):
        return False
    first = 1 if letters else int(numbers[0]) if numbers else 0
    return [int(n) for n in numbers] == list(range(first, first + len(numbers)))


def section_headings(merges: list[Merge], header: Header) -> dict[int, tuple[int, int]]:
    """The rows under the header that start a range merged across two or more of the
    table's columns: "CHI HỘI BỆNH VIỆN ĐA KHOA TỈNH" over B:F is a section heading; a name
    merged across the two columns under a merged "Họ và tên" is not."""
    indexes = [c.index for c in header.columns.values()]
    headings = {}
    for (top, left), (_bottom, right) in merges:
        if top > header.last_row and sum(left <= i <= right for i in indexes) >= 2:
            headings[top + 1] = (left, right)
    return headings


def is_heading(values: list[Cell], span: tuple[int, int]) -> bool:
    """Whether all the row holds is the merged range's text (no number beside it)."""
    left, right = span
    return all(left <= i <= right for i, v in enumerate(values) if v is not None and _show(v) != "")
