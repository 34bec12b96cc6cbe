"""Reading a roster file into rows: the format, the legacy encodings, the data rows.

Associations send their member lists as .xlsx, .xls, .ods or .csv, with the table
somewhere in the first rows under a title (its header and layout are ``roster_layout``'s
to read), and, in older files, Vietnamese typed in the TCVN3 (ABC) or VNI fonts, or
Unicode that a converter left in those fonts. ``open_table`` finds all that out and hands
back the header and an iterator of data rows (sheet row numbers as the spreadsheet shows
them), with legacy text already converted to Unicode, split names and birth dates joined,
and section headings left out.

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

from lienhiep.vn import detect_legacy, encoding_for_font, is_caps_font, legacy_to_unicode
from lienhiep.vn.legacy import EITHER, LEGACY, UNICODE, cell_reading, convert_legacy
from lienhiep.workforce.roster_layout import (
    DEGREE,
    EMPLOYER,
    ETHNICITY,
    FULL_NAME,
    GENDER,
    NOTE,
    POSITION,
    SPECIALTY,
    TITLE,
    TITLE_DEGREE,
    Cell,
    Column,
    Header,
    Merge,
    fill_merges,
    find_header,
    is_column_numbering,
    is_heading,
    section_headings,
)

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
# The columns whose text may be typed in TCVN3/VNI.
_TEXT_COLUMNS = frozenset(
    {FULL_NAME, GENDER, ETHNICITY, TITLE, DEGREE, TITLE_DEGREE, SPECIALTY, POSITION, EMPLOYER, NOTE}
)
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
            merges=_sheet_merges(path, sheet.title),
            path=path,
            sheet_name=sheet.title,
        )


def _streamed_rows(rows: Iterator[tuple[Cell, ...]]) -> Iterator[tuple[int, list[Cell]]]:
    for number, values in enumerate(rows, start=1):
        yield number, list(values)


def _sheet_merges(path: Path, sheet_name: str) -> list[Merge]:
    """The sheet's merged ranges (the header's, and the section headings' below it):
    ``<mergeCells>`` follows the sheet's data, so the XML is streamed through once to reach
    it."""
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
    columns: list[Column],
    sample: list[list[Cell]],
    fonts: dict[int, Counter[str]],
    header_guess: str | None,
) -> set[str]:
    """Each text column's legacy encoding: its font if it names one, else the statistics of
    its first legacy-looking cells joined (one cell alone carries too little evidence), else
    the file's. The file's encoding is the one that the header and the columns showing
    legacy text agree on: a font alone shows none (Unikey converts the text and keeps the
    .VnTime font), and a column of "Kinh" and two "Moâng" is too thin to tell by itself.
    Returns the encodings the legacy text needs."""
    evidence = {header_guess} if header_guess else set()
    undecided = []
    for column in columns:
        legacy, caps = _font_encoding(fonts.get(column.index))
        cells = [
            value
            for row in sample
            if column.index < len(row)
            and isinstance(value := row[column.index], str)
            and cell_reading(value) == LEGACY
        ]
        if legacy is None and cells:
            legacy = detect_legacy(" ".join(cells))
        column.legacy, column.caps = legacy, caps
        if legacy is None:
            undecided.append(column)
        elif cells:
            evidence.add(legacy)
    if len(evidence) == 1:
        for column in undecided:
            column.legacy = next(iter(evidence))
    return evidence


def _convert_header(scan: list[list[Cell]], fonts: dict[int, Counter[str]]) -> str | None:
    """Header cells typed in TCVN3/VNI are converted before they are matched; returns the
    encoding the scanned rows' legacy text reads as, if it names one."""
    legacy_text = [
        v for row in scan for v in row if isinstance(v, str) and cell_reading(v) == LEGACY
    ]
    guess = detect_legacy(" ".join(legacy_text))
    for row in scan:
        targets = [(i, *_font_encoding(fonts.get(i))) for i in range(len(row))]
        _convert_row(
            row, [_Target(i, font or guess, caps) for i, font, caps in targets], bool(guess)
        )
    return guess


# Converted cells remembered per column, while its values repeat (ethnic groups, degrees).
_SEEN_LIMIT = 20_000


@dataclass(slots=True)
class _Target:
    """A column whose legacy text is converted."""

    index: int
    legacy: str | None  # None: each cell's own encoding, if its text shows one
    caps: bool  # a TCVN3 capitals-only font
    seen: dict[str, tuple[str | None, str]] = field(default_factory=dict)

    def read(self, value: str) -> tuple[str | None, str]:
        """How a cell reads (``cell_reading``), and the cell in Unicode if it is legacy."""
        if (known := self.seen.get(value)) is not None:
            return known
        if value.isascii():
            found: tuple[str | None, str] = (None, value.upper() if self.caps else value)
        elif (reading := cell_reading(value)) in (LEGACY, EITHER):
            found = (reading, _to_unicode(value, self.legacy, self.caps))
        else:
            found = (reading, value)
        if len(self.seen) < _SEEN_LIMIT:
            self.seen[value] = found
        return found


def _to_unicode(value: str, legacy: str | None, caps: bool) -> str:
    if legacy is None:
        return legacy_to_unicode(value, caps_font=caps)
    return convert_legacy(value, legacy, caps_font=caps)  # type: ignore[arg-type]


def _convert_row(values: list[Cell], targets: list[_Target], either: bool) -> list[Cell]:
    """Convert the cells that read as legacy text (``cell_reading``). Those that read either way
    ("Thái", "Ghi chó") are converted only in a file whose legacy text names an encoding
    (``either``), and in a row holding no Unicode text: a member added to an old list is
    typed in Unicode, all of his row."""
    width = len(values)
    undecided: list[tuple[int, str]] = []
    unicode_row = False
    for target in targets:
        index = target.index
        if index >= width or type(value := values[index]) is not str:
            continue
        reading, converted = target.read(value)
        if reading is None or reading == LEGACY:
            values[index] = converted
        elif reading == UNICODE:
            unicode_row = True
        elif either:
            undecided.append((index, converted))
    if undecided and not unicode_row and not _other_unicode(values, targets):
        for index, converted in undecided:
            values[index] = converted
    return values


def _other_unicode(values: list[Cell], targets: list[_Target]) -> bool:
    """Whether a cell outside the converted columns holds Unicode text."""
    converted = {target.index for target in targets}
    return any(
        i not in converted and isinstance(v, str) and cell_reading(v) == UNICODE
        for i, v in enumerate(values)
    )


# ---------------------------------------------------------------- the table


def is_blank(values: Sequence[Cell]) -> bool:
    return all(v is None or (isinstance(v, str) and not v.strip()) for v in values)


def open_table(path: Path) -> Table:
    """The roster table of the first sheet that has one; RosterFileError if none has."""
    for source in _sources(path):
        scan = [values for _, values in itertools.islice(source.rows, HEADER_SCAN_ROWS)]
        fonts = _fonts(source)
        # Detection works on a copy: the data rows among the scanned ones are converted
        # later, column by column, and converting twice would garble them.
        header_rows = [list(values) for values in scan]
        header_guess = _convert_header(header_rows, fonts)
        fill_merges(header_rows, source.merges)
        header = find_header(header_rows, source.merges)
        if header is not None:
            return _table(source, scan, header, fonts, header_guess)
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
    source: _Source,
    scan: list[list[Cell]],
    header: Header,
    fonts: dict[int, Counter[str]],
    header_guess: str | None,
) -> Table:
    first_data = header.last_row + 1  # 0-based index of the first data row
    ahead = [(i + 1, v) for i, v in enumerate(scan[first_data:], start=first_data)]
    ahead += list(itertools.islice(source.rows, SAMPLE_ROWS))
    # Each column of the sheet on its own: a name split over two has two.
    text_columns = [
        Column(index, c.title) if c.parts else c
        for k, c in header.columns.items()
        if k in _TEXT_COLUMNS
        for index in c.parts or (c.index,)
    ]
    legacy = _decide_encodings(text_columns, [v for _, v in ahead], fonts, header_guess)
    plan = _RowPlan(
        targets=[_Target(c.index, c.legacy, c.caps) for c in text_columns if c.legacy or c.caps],
        either=len(legacy) == 1,
        headings=section_headings(source.merges, header),
        joined=[c for c in header.columns.values() if c.parts or c.date_parts],
    )
    rows = _data_rows(itertools.chain(ahead, source.rows), plan)
    return Table(header.columns, rows, source.total_rows, legacy)


@dataclass
class _RowPlan:
    """What the data rows go through on their way out."""

    targets: list[_Target]  # the columns whose legacy text is converted
    either: bool  # whether cells that read either way are converted (``_convert_row``)
    # Section headings: a row's number → the columns of the range merged across it.
    headings: dict[int, tuple[int, int]]
    joined: list[Column]  # a name or a birth date split over several columns


def _join(values: list[Cell], column: Column) -> None:
    """Write the name or the birth date split over several columns into the first: "Nguyễn
    Văn" | "An" → "Nguyễn Văn An"; 15 | 3 | 1980 → "15/3/1980"; "" | "" | 1980 → 1980."""
    width = len(values)
    joined = ""
    if column.parts:
        texts = (text_of(values[i]) for i in column.parts if i < width)
        joined = " ".join(t for t in texts if t)
    elif column.date_parts:
        day, month, year = (text_of(values[i]) if 0 <= i < width else "" for i in column.date_parts)
        joined = "/".join(t for t in (day, month, year) if t) if day or month else year
    if column.index >= width:
        values.extend([None] * (column.index + 1 - width))
    values[column.index] = joined or None


def _data_rows(
    rows: Iterator[tuple[int, list[Cell]]], plan: _RowPlan
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
        if count <= 2 and is_column_numbering(values):  # it sits right under the header
            continue
        if (span := plan.headings.get(number)) is not None and is_heading(values, span):
            continue
        _convert_row(values, plan.targets, plan.either)
        for column in plan.joined:
            _join(values, column)
        yield number, values


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
