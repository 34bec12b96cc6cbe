"""Reading a roster file into rows: the format, the header, the legacy encodings.

Associations send their member lists as .xlsx, .xls, .ods or .csv, with the table
somewhere in the first rows under a title, often with a two-row header whose merged
"Năm sinh" spans the columns "Nam" | "Nữ", and, in older files, Vietnamese typed in
the TCVN3 (ABC) or VNI fonts. ``open_table`` finds all that out and hands back the
header and an iterator of data rows (sheet row numbers as the spreadsheet shows them),
with legacy text already converted to Unicode.

Memory stays flat: python-calamine (fast) holds a whole sheet, so it reads sheets of up
to ``STREAM_ABOVE_CELLS`` cells, and bigger .xlsx sheets are streamed with openpyxl; the
rows are handed on one at a time, and reading stops after ``MAX_BLANK_RUN`` empty rows
(a sheet formatted down to row 1,048,576 costs nothing). Fonts (for TCVN3/VNI) are read
from the sheet's XML as a stream, on the header and the first data rows only.
"""

from __future__ import annotations

import codecs
import csv
import datetime
import itertools
import re
import unicodedata
import zipfile
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import openpyxl
import python_calamine
from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException
from django.utils.translation import gettext as _

from lienhiep.vn import detect_legacy, encoding_for_font, fold, is_caps_font, legacy_to_unicode

Cell = Any  # str, int, float, bool, date, datetime, time, timedelta or None, as the reader gives
Merge = tuple[tuple[int, int], tuple[int, int]]  # ((row, col), (row, col)), 0-based, inclusive

HEADER_SCAN_ROWS = 20
# Rows read ahead to decide each column's legacy encoding (and its font).
SAMPLE_ROWS = 200
# A sheet formatted far below its data: stop after this many empty rows in a row.
MAX_BLANK_RUN = 1000
MAX_ROWS = 1_000_000
# A small zip can unpack to gigabytes; a 1,000,000-row roster unpacks to 400–800 MB.
MAX_UNPACKED_MB = 2000
CSV_SNIFF_BYTES = 64 * 1024
# Calamine holds a whole sheet in memory (about 90 bytes a cell): bigger .xlsx sheets are
# streamed instead. 1,500,000 cells is a 125,000-row roster of twelve columns.
STREAM_ABOVE_CELLS = 1_500_000
_XML_BYTES_PER_CELL = 60
_DIMENSION = re.compile(r'<dimension ref="([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?"')
_MERGE_REF = re.compile(r'<mergeCell ref="([A-Z]+)(\d+):([A-Z]+)(\d+)"')

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
# Phrases a header cell may contain, most specific first ("Trình độ chuyên môn" is the
# degree although it says "chuyên môn"; "Học hàm, học vị" is both in one cell).
_HEADER_PHRASES: tuple[tuple[str, str], ...] = (
    ("ho va ten", FULL_NAME),
    ("ho ten", FULL_NAME),
    ("hoc ham hoc vi", TITLE_DEGREE),
    ("ngay thang nam sinh", BIRTH),
    ("ngay sinh", BIRTH),
    ("nam sinh", BIRTH),
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
_MAX_HEADER_CHARS = 60  # longer cells are titles or notes, not column headers
_TEXT_COLUMNS = frozenset(
    {FULL_NAME, GENDER, ETHNICITY, TITLE, DEGREE, TITLE_DEGREE, SPECIALTY, POSITION, EMPLOYER, NOTE}
)
_COLUMN_NUMBER = re.compile(r"\(?\d{1,2}\)?")
_TEXT_TYPES = frozenset({"s", "inlineStr", "str"})

_ZIP, _OLE2, _PDF = b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"%PDF"
_ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"


class RosterFileError(Exception):
    """The file as a whole cannot be imported; the message (Vietnamese) is for the user."""


def _not_a_spreadsheet() -> RosterFileError:
    return RosterFileError(
        _(
            "This file is not a spreadsheet, or it is damaged. Save it from Excel as “Excel "
            "Workbook (.xlsx)” (or as CSV) and try again."
        )
    )


@dataclass
class Column:
    index: int
    title: str  # the header as the file shows it, for error messages
    legacy: str | None = None  # "tcvn3" / "vni": convert the column's text
    caps: bool = False  # a TCVN3 capitals-only font (.VnTimeH)


@dataclass
class Table:
    """The roster table found in a file: its columns, and its data rows streamed."""

    columns: dict[str, Column]
    rows: Iterator[tuple[int, list[Cell]]]
    total_rows: int  # as the file claims it, for progress
    legacy: set[str] = field(default_factory=set)  # the legacy encodings converted

    def cell(self, values: Sequence[Cell], key: str) -> Cell:
        column = self.columns.get(key)
        if column is None or column.index >= len(values):
            return None
        return values[column.index]

    def title(self, key: str) -> str:
        column = self.columns.get(key)
        return column.title if column else ""


# ---------------------------------------------------------------- sources


@dataclass
class _Source:
    rows: Iterator[tuple[int, list[Cell]]]  # (1-based sheet row, values by 0-based column)
    total_rows: int
    merges: list[Merge] = field(default_factory=list)
    path: Path | None = None  # an .xlsx whose fonts can be read
    sheet_name: str = ""


def sniff_format(path: Path) -> str:
    """ "xlsx", "xls", "ods" or "csv", from the content: the extension may lie."""
    with path.open("rb") as handle:
        head = handle.read(8)
    if not head:
        raise RosterFileError(_("The file is empty."))
    if head.startswith(_PDF):
        raise _not_a_spreadsheet()
    if head.startswith(_OLE2):
        return "xls"
    if head.startswith(_ZIP):
        return _zip_format(path)
    return "csv"


def _zip_format(path: Path) -> str:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            unpacked = sum(info.file_size for info in archive.infolist())
            mimetype = archive.read("mimetype") if "mimetype" in names else b""
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise _not_a_spreadsheet() from None
    if unpacked > MAX_UNPACKED_MB * 1024 * 1024:
        raise RosterFileError(
            _("The workbook unpacks to more than %(mb)d MB: split it into smaller files.")
            % {"mb": MAX_UNPACKED_MB}
        )
    if "xl/workbook.xml" in names:
        return "xlsx"
    if mimetype.strip() == _ODS_MIMETYPE and "content.xml" in names:
        return "ods"
    raise _not_a_spreadsheet()


def _workbook_sources(path: Path, kind: str) -> Iterator[_Source]:
    """Each visible worksheet of an .xlsx/.xls/.ods, through python-calamine (or, for an
    .xlsx too big to hold in memory, through openpyxl's streaming reader)."""
    if kind == "xlsx" and _xlsx_cells(path) > STREAM_ABOVE_CELLS:
        yield from _streamed_sources(path)
        return
    try:
        workbook = python_calamine.CalamineWorkbook.from_path(str(path))
        for index, meta in enumerate(workbook.sheets_metadata):
            if meta.visible != python_calamine.SheetVisibleEnum.Visible:
                continue
            sheet = workbook.get_sheet_by_index(index)
            yield _Source(
                rows=_calamine_rows(sheet),
                total_rows=sheet.total_height,
                merges=list(sheet.merged_cell_ranges or []),
                path=path if kind == "xlsx" else None,
                sheet_name=meta.name,
            )
    except python_calamine.CalamineError:
        raise _not_a_spreadsheet() from None


def _xlsx_cells(path: Path) -> int:
    """How many cells the biggest worksheet spans, as its ``<dimension>`` claims (or as
    its size suggests when it claims nothing)."""
    biggest = 0
    with zipfile.ZipFile(path) as archive:
        for info in archive.infolist():
            if not info.filename.startswith("xl/worksheets/") or info.is_dir():
                continue
            with archive.open(info) as sheet:
                head = sheet.read(4096).decode("utf-8", "replace")
            if match := _DIMENSION.search(head):
                first_col, first_row, last_col, last_row = match.groups()
                if last_row:
                    rows = int(last_row) - int(first_row) + 1
                    columns = _column_index(last_col) - _column_index(first_col) + 1
                    biggest = max(biggest, rows * columns)
                    continue
            biggest = max(biggest, info.file_size // _XML_BYTES_PER_CELL)
    return biggest


def _streamed_sources(path: Path) -> Iterator[_Source]:
    """Rows straight from the sheet's XML, one at a time. Slower than calamine, but its
    memory does not grow with the rows (a workbook's shared strings are held whole)."""
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds on a damaged workbook
        raise _not_a_spreadsheet() from None
    for sheet in workbook.worksheets:
        if getattr(sheet, "sheet_state", "visible") != "visible":
            continue
        yield _Source(
            rows=_streamed_rows(sheet.iter_rows(values_only=True)),
            total_rows=sheet.max_row or 0,
            merges=_header_merges(path, sheet.title),
            path=path,
            sheet_name=sheet.title,
        )


def _streamed_rows(rows: Iterator[tuple[Cell, ...]]) -> Iterator[tuple[int, list[Cell]]]:
    for number, values in enumerate(rows, start=1):
        yield number, list(values)


def _header_merges(path: Path, sheet_name: str) -> list[Merge]:
    """The merged ranges among the first rows (the header's): ``<mergeCells>`` follows the
    sheet's data, so the XML is streamed through once to reach it."""
    try:
        with zipfile.ZipFile(path) as archive:
            part = _sheet_part(archive, sheet_name)
            if part is None:
                return []
            with archive.open(part) as sheet:
                after = _after_sheet_data(sheet)
    except (KeyError, zipfile.BadZipFile, ElementTree.ParseError, DefusedXmlException):
        return []
    merges: list[Merge] = []
    for left, top, right, bottom in _MERGE_REF.findall(after):
        if int(top) <= HEADER_SCAN_ROWS:
            merges.append(
                ((int(top) - 1, _column_index(left)), (int(bottom) - 1, _column_index(right)))
            )
    return merges


def _after_sheet_data(sheet: IO[bytes]) -> str:
    """What follows ``</sheetData>`` in a worksheet's XML (merges, margins…)."""
    marker = b"</sheetData>"
    carry = b""
    while chunk := sheet.read(1 << 20):
        data = carry + chunk
        if (index := data.find(marker)) >= 0:
            return (data[index + len(marker) :] + sheet.read()).decode("utf-8", "replace")
        carry = data[-len(marker) :]
    return ""


def _calamine_rows(sheet: python_calamine.CalamineSheet) -> Iterator[tuple[int, list[Cell]]]:
    # iter_rows starts at the sheet's first row but at its first used column: pad the
    # columns back so that indexes match the merged ranges and the fonts.
    start = sheet.start
    pad: list[Cell] = [None] * (start[1] if start else 0)
    for number, values in enumerate(sheet.iter_rows(), start=1):
        yield number, pad + values


def _csv_source(path: Path) -> _Source:
    with path.open("rb") as handle:
        head = handle.read(CSV_SNIFF_BYTES)
    encoding = _csv_encoding(head)
    text = head.decode(encoding, errors="replace")
    if _looks_binary(text):
        raise _not_a_spreadsheet()
    try:
        dialect: Any = csv.Sniffer().sniff(text[:8192], delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    return _Source(rows=_csv_rows(path, encoding, dialect), total_rows=0)


def _csv_encoding(head: bytes) -> str:
    """UTF-8 or UTF-16 by their BOM; else UTF-8 if it decodes, else Windows-1258.

    Bytes that are not UTF-8 are Windows-1258 (Vietnamese ANSI) unless they read as
    TCVN3/VNI text under Windows-1252, which is what an old .VnTime sheet saved as CSV is.
    """
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        # The sample may cut a character in two at its end.
        if error.start < len(head) - 4:
            return "cp1252" if detect_legacy(head.decode("cp1252", "replace")) else "cp1258"
    return "utf-8"


def _looks_binary(text: str) -> bool:
    controls = sum(1 for c in text if unicodedata.category(c) == "Cc" and c not in "\r\n\t")
    return "\x00" in text or "\ufffd" * 4 in text or controls > len(text) // 100


def _csv_rows(path: Path, encoding: str, dialect: Any) -> Iterator[tuple[int, list[Cell]]]:
    # Strict: a quotation mark left open would otherwise take every later row into one
    # value, and those people would be lost without a word.
    number = 0
    with path.open(encoding=encoding, errors="replace", newline="") as handle:
        try:
            for number, values in enumerate(csv.reader(handle, dialect, strict=True), start=1):
                # Windows-1258 writes tones as combining marks: compose them.
                yield number, [unicodedata.normalize("NFC", value) for value in values]
        except csv.Error:
            raise RosterFileError(
                _(
                    'Row %(row)d of this CSV file cannot be read: a quotation mark (") in it '
                    "is not closed, or a value is damaged. Open the file in Excel or "
                    "LibreOffice, save it again as CSV and try again."
                )
                % {"row": number + 1}
            ) from None


def _sources(path: Path) -> Iterator[_Source]:
    kind = sniff_format(path)
    if kind == "csv":
        yield _csv_source(path)
    else:
        yield from _workbook_sources(path, kind)


# ---------------------------------------------------------------- the header


def _header_text(value: Cell) -> str:
    if value is None or not isinstance(value, str):
        return ""
    return " ".join(re.sub(r"[^a-z0-9]+", " ", fold(value)).split())


def header_key(value: Cell) -> str | None:
    text = _header_text(value)
    if not text or len(text) > _MAX_HEADER_CHARS:
        return None
    if text in _EXACT_HEADERS:
        return _EXACT_HEADERS[text]
    padded = f" {text} "
    return next((key for phrase, key in _HEADER_PHRASES if f" {phrase} " in padded), None)


def _show(value: Cell) -> str:
    return " ".join(str(value).split()) if value not in (None, "") else ""


def _fill_merges(scan: list[list[Cell]], merges: list[Merge]) -> None:
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


def _is_sub_header(top: list[Cell], below: list[Cell]) -> bool:
    """Whether ``below`` is the second row of a two-row header over ``top``."""
    filled = [(i, v) for i, v in enumerate(below) if _show(v)]
    if not filled:
        return False
    subs = 0
    for index, value in filled:
        above = top[index] if index < len(top) else None
        if _header_text(value) in _SUB_HEADERS:
            subs += 1
        elif header_key(value) is None and _show(value) != _show(above):
            return False
    return subs > 0 or any(_show(v) != _show(top[i] if i < len(top) else None) for i, v in filled)


def _columns(top: list[Cell], below: list[Cell] | None) -> dict[str, Column]:
    columns: dict[str, Column] = {}
    width = max(len(top), len(below or []))
    for index in range(width):
        parent = top[index] if index < len(top) else None
        child = below[index] if below and index < len(below) else None
        key, title = header_key(parent), _show(parent)
        if child is not None and _show(child) != title:
            sub = _SUB_HEADERS.get(_header_text(child))
            if sub is not None:
                parent_title = title or _parent_to_left(top, index)
                key, title = sub, f"{parent_title} ({_show(child)})" if parent_title else title
            elif header_key(child) is not None:
                key, title = header_key(child), _show(child)
        if key is not None and key not in columns:
            columns[key] = Column(index, title)
    return columns


def _parent_to_left(top: list[Cell], index: int) -> str:
    """A CSV has no merges: "Năm sinh" stands over "Nam" only, "Nữ" has an empty parent."""
    for value in reversed(top[:index]):
        if _show(value):
            return _show(value)
    return ""


@dataclass
class _Header:
    last_row: int  # index in the scanned rows of the header's last row
    columns: dict[str, Column]


def find_header(scan: list[list[Cell]]) -> _Header | None:
    for index, top in enumerate(scan):
        if FULL_NAME not in {header_key(v) for v in top}:
            continue
        below = scan[index + 1] if index + 1 < len(scan) else None
        if below is not None and _is_sub_header(top, below):
            columns = _columns(top, below)
            last = index + 1
        else:
            columns, last = _columns(top, None), index
        if FULL_NAME in columns and len(columns) >= 2:
            return _Header(last, columns)
    return None


# ---------------------------------------------------------------- legacy encodings


_MAIN_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_CELL_REF = re.compile(r"([A-Z]+)(\d+)")


def _column_index(letters: str) -> int:
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - 64
    return index - 1


def _sheet_part(archive: zipfile.ZipFile, sheet_name: str) -> str | None:
    """The zip member of the named worksheet, through workbook.xml and its relations."""
    workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    rel_id = next(
        (
            s.get(f"{_REL_NS}id")
            for s in workbook.iter(f"{_MAIN_NS}sheet")
            if s.get("name") == sheet_name
        ),
        None,
    )
    rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    for rel in rels:
        if rel.get("Id") == rel_id:
            target = (rel.get("Target") or "").lstrip("/")
            return target if target.startswith("xl/") else f"xl/{target}"
    return None


def _style_fonts(archive: zipfile.ZipFile) -> list[str]:
    """Font name of each cell style (cellXfs index), from xl/styles.xml."""
    if "xl/styles.xml" not in archive.namelist():
        return []
    styles = ElementTree.fromstring(archive.read("xl/styles.xml"))
    fonts_node = styles.find(f"{_MAIN_NS}fonts")
    names = []
    for font in fonts_node if fonts_node is not None else []:
        name = font.find(f"{_MAIN_NS}name")
        names.append(name.get("val", "") if name is not None else "")
    xfs = styles.find(f"{_MAIN_NS}cellXfs")
    result = []
    for xf in xfs if xfs is not None else []:
        font_id = int(xf.get("fontId", "0"))
        result.append(names[font_id] if font_id < len(names) else "")
    return result


def _xlsx_fonts(path: Path, sheet_name: str, last_row: int) -> dict[int, Counter[str]]:
    """Font names of the text cells in the first ``last_row`` rows, by 0-based column.

    The sheet's XML is parsed as a stream and left at ``last_row``, so this costs the
    same for ten rows or a million (openpyxl would first load every shared string).
    """
    fonts: dict[int, Counter[str]] = {}
    try:
        with zipfile.ZipFile(path) as archive:
            part = _sheet_part(archive, sheet_name)
            style_fonts = _style_fonts(archive)
            if part is None or not style_fonts:
                return fonts
            with archive.open(part) as sheet:
                _count_fonts(sheet, style_fonts, last_row, fonts)
    except (KeyError, ValueError, zipfile.BadZipFile, ElementTree.ParseError, DefusedXmlException):
        return {}  # fonts are a hint: without them, statistics decide
    return fonts


def _count_fonts(
    sheet: IO[bytes], style_fonts: list[str], last_row: int, fonts: dict[int, Counter[str]]
) -> None:
    for _event, element in ElementTree.iterparse(sheet, events=("end",)):
        if element.tag == f"{_MAIN_NS}row":
            if int(element.get("r", "0")) >= last_row:
                return
            element.clear()
        elif element.tag == f"{_MAIN_NS}c" and element.get("t") in _TEXT_TYPES:
            match = _CELL_REF.fullmatch(element.get("r", ""))
            style = int(element.get("s", "0"))
            if match and style < len(style_fonts) and style_fonts[style]:
                column = _column_index(match.group(1))
                fonts.setdefault(column, Counter())[style_fonts[style]] += 1


def _font_encoding(names: Counter[str] | None) -> tuple[str | None, bool]:
    if not names:
        return None, False
    font = names.most_common(1)[0][0]
    return encoding_for_font(font), is_caps_font(font)


def _decide_encodings(
    columns: dict[str, Column], sample: list[list[Cell]], fonts: dict[int, Counter[str]]
) -> None:
    """Each text column's legacy encoding: its font if it names one, else the statistics
    of its first cells joined (one cell alone carries too little evidence)."""
    for key, column in columns.items():
        if key not in _TEXT_COLUMNS:
            continue
        legacy, caps = _font_encoding(fonts.get(column.index))
        if legacy is None:
            texts = [r[column.index] for r in sample if column.index < len(r)]
            legacy = detect_legacy(" ".join(t for t in texts if isinstance(t, str)))
        column.legacy, column.caps = legacy, caps


def _convert_header(scan: list[list[Cell]], fonts: dict[int, Counter[str]]) -> None:
    """Header cells typed in TCVN3/VNI are converted before they are matched."""
    joined = " ".join(v for row in scan for v in row if isinstance(v, str))
    guess = detect_legacy(joined)
    for row in scan:
        for index, value in enumerate(row):
            if isinstance(value, str) and not value.isascii():
                legacy, caps = _font_encoding(fonts.get(index))
                row[index] = legacy_to_unicode(value, legacy or guess, caps_font=caps)  # type: ignore[arg-type]


def _convert_row(values: list[Cell], columns: list[Column]) -> list[Cell]:
    for column in columns:
        if column.index < len(values):
            value = values[column.index]
            if isinstance(value, str) and (not value.isascii() or column.caps):
                values[column.index] = legacy_to_unicode(
                    value,
                    column.legacy,  # type: ignore[arg-type]
                    caps_font=column.caps,
                )
    return values


# ---------------------------------------------------------------- the table


def is_blank(values: Sequence[Cell]) -> bool:
    return all(v is None or (isinstance(v, str) and not v.strip()) for v in values)


def _is_column_numbering(values: Sequence[Cell]) -> bool:
    """The "(1) (2) (3)…" or "1 2 3…" row official tables put under their header."""
    cells = [str(int(v)) if isinstance(v, float) else str(v) for v in values if _show(v)]
    if len(cells) < 3 or not all(_COLUMN_NUMBER.fullmatch(c.strip()) for c in cells):
        return False
    numbers = [int(c.strip("() ")) for c in cells]
    return numbers == list(range(numbers[0], numbers[0] + len(numbers)))


def open_table(path: Path) -> Table:
    """The roster table of the first sheet that has one; RosterFileError if none has."""
    for source in _sources(path):
        scan = [values for _, values in itertools.islice(source.rows, HEADER_SCAN_ROWS)]
        fonts = _fonts(source)
        # Detection works on a copy: the data rows among the scanned ones are converted
        # later, column by column, and converting twice would garble them.
        header_rows = [list(values) for values in scan]
        _convert_header(header_rows, fonts)
        _fill_merges(header_rows, source.merges)
        header = find_header(header_rows)
        if header is not None:
            return _table(source, scan, header, fonts)
    raise RosterFileError(
        _(
            "No header row was found in the first %(count)d rows: the table needs at least "
            "the column “Họ và tên” and one more (Năm sinh, Học vị…)."
        )
        % {"count": HEADER_SCAN_ROWS}
    )


def _fonts(source: _Source) -> dict[int, Counter[str]]:
    if source.path is None:
        return {}
    return _xlsx_fonts(source.path, source.sheet_name, HEADER_SCAN_ROWS + SAMPLE_ROWS)


def _table(
    source: _Source, scan: list[list[Cell]], header: _Header, fonts: dict[int, Counter[str]]
) -> Table:
    first_data = header.last_row + 1  # 0-based index of the first data row
    ahead = [(i + 1, v) for i, v in enumerate(scan[first_data:], start=first_data)]
    ahead += list(itertools.islice(source.rows, SAMPLE_ROWS))
    _decide_encodings(header.columns, [v for _, v in ahead], fonts)
    text_columns = [c for c in header.columns.values() if c.legacy or c.caps]
    rows = _data_rows(itertools.chain(ahead, source.rows), text_columns)
    legacy = {c.legacy for c in text_columns if c.legacy}
    return Table(header.columns, rows, source.total_rows, legacy)


def _data_rows(
    rows: Iterator[tuple[int, list[Cell]]], text_columns: list[Column]
) -> Iterator[tuple[int, list[Cell]]]:
    blank_run = count = 0
    for number, values in rows:
        if is_blank(values):
            blank_run += 1
            if blank_run >= MAX_BLANK_RUN:
                return
            continue
        blank_run = 0
        count += 1
        if count > MAX_ROWS:
            raise RosterFileError(
                _("The table has more than %(max)d rows: split it into several files.")
                % {"max": MAX_ROWS}
            )
        if count <= 2 and _is_column_numbering(values):  # it sits right under the header
            continue
        yield number, _convert_row(values, text_columns)


def text_of(value: Cell) -> str:
    """A cell as text: whole floats without ".0", dates day-first, whitespace collapsed."""
    if type(value) is not str:
        if value is None or isinstance(value, bool):
            return "" if value is None else str(value)
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, datetime.datetime | datetime.date):
            return f"{value:%d/%m/%Y}"
        value = str(value)
    if not value.isascii() and not unicodedata.is_normalized("NFC", value):
        value = unicodedata.normalize("NFC", value)
    return " ".join(value.split())
