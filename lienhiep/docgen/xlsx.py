"""Spreadsheet exports (.xlsx) with openpyxl's streaming (write-only) mode.

Each sheet: an optional title row, a bold header row with frozen panes and an autofilter,
column widths estimated from the first rows, and typed cells (real dates shown dd/mm/yyyy,
numbers as numbers). Rows may be any iterable, a generator over a queryset included: they
are streamed to disk as they come, so 100,000 rows take no more memory than 100.

Formula injection (OWASP "CSV injection"): a text cell whose first character is one of
``= + - @`` (or tab / carriage return, or their full-width forms) is written as an explicit
string cell (``t="inlineStr"``) with the cell style's ``quotePrefix`` flag set. The stored
value is unchanged: "+84 912 345 678" and "- Lưu: VT" stay readable and exact, Excel and
LibreOffice display it as text, and quotePrefix keeps it text even when a user edits the
cell (F2, Enter), which would otherwise turn "=HYPERLINK(...)" into a live formula.
"""

from __future__ import annotations

import datetime
import math
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from io import BytesIO
from itertools import chain, islice
from pathlib import Path
from typing import IO, Any, Final, TypeAlias, cast

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from .text import VIETNAM_TZ, nfc

XlsxValue: TypeAlias = (
    str | int | float | Decimal | bool | datetime.date | datetime.datetime | datetime.time | None
)

DATE_FORMAT: Final = "dd/mm/yyyy"
DATETIME_FORMAT: Final = "dd/mm/yyyy hh:mm"
TIME_FORMAT: Final = "hh:mm"

#: First characters that make a spreadsheet treat text as a formula (OWASP), plus the
#: full-width forms some input methods produce.
FORMULA_TRIGGERS: Final = frozenset("=+-@\t\r＝＋－＠")
MAX_CELL_CHARS: Final = 32767  # Excel's limit; longer text is cut, not rejected
SAMPLE_ROWS: Final = 200  # rows looked at to size the columns
_SHEET_NAME_BAD: Final = re.compile(r"[\[\]:*?/\\]")

_HEADER_FONT: Final = Font(bold=True)
_HEADER_FILL: Final = PatternFill("solid", fgColor="D9D9D9")
_HEADER_ALIGN: Final = Alignment(horizontal="center", vertical="center", wrap_text=True)
_THIN: Final = Side(style="thin", color="000000")
_HEADER_BORDER: Final = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_TITLE_FONT: Final = Font(bold=True, size=14)


@dataclass(frozen=True)
class Column:
    """A column: header text, optional width (in characters) and number format."""

    title: str
    width: float | None = None
    number_format: str | None = None


@dataclass(frozen=True)
class Chart:
    """A bar chart beside the table: the numbers of column ``column`` (counted from 0, the
    first column holding the labels), row by row. ``rows`` limits it to the first rows
    (None: all), to leave out a total row that would dwarf the others."""

    column: int
    title: str = ""
    rows: int | None = None


@dataclass(frozen=True)
class Sheet:
    """One worksheet. ``rows`` is consumed once, lazily."""

    name: str
    columns: Sequence[str | Column]
    rows: Iterable[Sequence[XlsxValue]]
    title: str = ""
    chart: Chart | None = None


def needs_neutralizing(text: str) -> bool:
    """True if ``text`` would be taken for a formula by a spreadsheet."""
    return bool(text) and text[0] in FORMULA_TRIGGERS


def clean_text(text: str) -> str:
    """NFC, no XML-illegal control characters (openpyxl refuses them), Excel's length cap."""
    text = ILLEGAL_CHARACTERS_RE.sub("", nfc(text))
    return text[:MAX_CELL_CHARS]


def build_xlsx(sheets: Iterable[Sheet]) -> bytes:
    out = BytesIO()
    write_xlsx(sheets, out)
    return out.getvalue()


def write_xlsx(sheets: Iterable[Sheet], target: str | Path | IO[bytes]) -> None:
    workbook = Workbook(write_only=True)
    used: set[str] = set()
    for sheet in sheets:
        worksheet = workbook.create_sheet(title=sheet_name(sheet.name, used))
        _write_sheet(worksheet, sheet)
    if not used:  # a workbook must have a sheet
        workbook.create_sheet(title="Sheet1")
    workbook.save(str(target) if isinstance(target, Path) else target)


def sheet_name(name: str, used: set[str]) -> str:
    """A valid, unique sheet name: no []:*?/\\, not quoted, at most 31 characters."""
    base = _SHEET_NAME_BAD.sub(" ", nfc(name)).strip().strip("'")[:31] or "Sheet"
    candidate, counter = base, 2
    while candidate.casefold() in {u.casefold() for u in used}:
        suffix = f" ({counter})"
        candidate = base[: 31 - len(suffix)] + suffix
        counter += 1
    used.add(candidate)
    return candidate


def _write_sheet(ws: WriteOnlyWorksheet, sheet: Sheet) -> None:
    # WriteOnlyWorksheet copies these attributes from Worksheet at run time, but openpyxl's
    # stubs declare them on Worksheet only: ``props`` is the same object, typed for them.
    props = cast(Worksheet, ws)
    columns = [c if isinstance(c, Column) else Column(str(c)) for c in sheet.columns]
    rows: Iterator[Sequence[XlsxValue]] = iter(sheet.rows)
    sample = list(islice(rows, SAMPLE_ROWS))
    # Write-only sheets emit <cols> and <sheetView> before the first row: set them now.
    for index, column in enumerate(columns):
        letter = get_column_letter(index + 1)
        props.column_dimensions[letter].width = _column_width(column, index, sample)
    header_row = 2 if sheet.title else 1
    props.freeze_panes = f"A{header_row + 1}"
    _print_setup(props, landscape=len(columns) > 6)
    last = get_column_letter(max(1, len(columns)))
    if sheet.title:
        title = WriteOnlyCell(ws, value=clean_text(sheet.title))
        title.font = _TITLE_FONT
        ws.append([title])
        props.merged_cells.add(f"A1:{last}1")
    ws.append([_header_cell(ws, column.title) for column in columns])
    count = 0
    for row in chain(sample, rows):
        ws.append([_cell(ws, value, _format_of(columns, i)) for i, value in enumerate(row)])
        count += 1
    # The filter and print titles are written after the rows, so they can use the count.
    props.auto_filter.ref = f"A{header_row}:{last}{header_row + count}"
    props.print_title_rows = f"{header_row}:{header_row}"
    charted = count if sheet.chart is None or sheet.chart.rows is None else sheet.chart.rows
    if sheet.chart is not None and 0 < charted <= count:
        _add_chart(props, sheet.chart, header_row, charted, len(columns))


def _add_chart(ws: Worksheet, spec: Chart, header_row: int, rows: int, columns: int) -> None:
    """Horizontal bars, the first row on top, to the right of the table."""
    chart = BarChart()
    chart.type = "bar"
    chart.title = clean_text(spec.title) if spec.title else None
    chart.legend = None
    last_row = header_row + rows
    values = Reference(ws, min_col=spec.column + 1, min_row=header_row, max_row=last_row)
    chart.add_data(values, titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=header_row + 1, max_row=last_row))
    chart.x_axis.scaling.orientation = "maxMin"  # the table's order, read downwards
    # openpyxl marks axes deleted unless told otherwise; Excel then draws no labels.
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    chart.width = 16  # centimetres
    chart.height = max(7.5, 0.55 * rows + 2.5)
    ws.add_chart(chart, f"{get_column_letter(columns + 2)}{header_row}")


def _print_setup(sheet: Worksheet, landscape: bool) -> None:
    """Print on A4, as wide as the page. Must run before the first row: the fit-to-page flag
    lives in <sheetPr>, which the streaming writer emits first."""
    sheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape" if landscape else "portrait"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)


def _format_of(columns: Sequence[Column], index: int) -> str | None:
    return columns[index].number_format if index < len(columns) else None


def _header_cell(ws: WriteOnlyWorksheet, title: str) -> Cell:
    cell = _cell(ws, title, None)
    if not isinstance(cell, Cell):
        cell = WriteOnlyCell(ws, value=cell)
    cell.font = _HEADER_FONT
    cell.fill = _HEADER_FILL
    cell.alignment = _HEADER_ALIGN
    cell.border = _HEADER_BORDER
    return cell


def _cell(ws: WriteOnlyWorksheet, value: object, number_format: str | None) -> Any:
    """A plain value where openpyxl's default is right, a styled WriteOnlyCell otherwise."""
    value = _normalize(value)
    default_format: str | None = None
    if isinstance(value, datetime.datetime):
        default_format = DATETIME_FORMAT
    elif isinstance(value, datetime.date):
        default_format = DATE_FORMAT
    elif isinstance(value, datetime.time):
        default_format = TIME_FORMAT
    elif isinstance(value, str) and needs_neutralizing(value):
        cell = WriteOnlyCell(ws, value=value)
        cell.data_type = "s"  # openpyxl made it "f" because of the leading "="
        cell.quotePrefix = True
        return cell
    fmt = number_format or default_format
    if fmt is None:
        return value
    # The stubs type ``value`` narrower than openpyxl accepts (date, time, Decimal work).
    cell = WriteOnlyCell(ws, value=cast(Any, value))
    cell.number_format = fmt
    return cell


def _normalize(value: object) -> XlsxValue:
    if value is None or isinstance(value, bool | int | Decimal):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None  # NaN/inf would corrupt the file
    if isinstance(value, datetime.datetime):
        if value.tzinfo is not None:  # Excel has no time zones: show Vietnam wall time
            value = value.astimezone(VIETNAM_TZ).replace(tzinfo=None)
        return value
    if isinstance(value, datetime.date | datetime.time):
        return value.replace(tzinfo=None) if isinstance(value, datetime.time) else value
    return clean_text(value if isinstance(value, str) else str(value))


def _column_width(column: Column, index: int, sample: Sequence[Sequence[XlsxValue]]) -> float:
    if column.width is not None:
        return column.width
    longest = len(str(column.title)) * 1.1  # bold header is a little wider
    for row in sample:
        if index < len(row):
            longest = max(longest, _display_length(row[index]))
    return round(min(max(longest + 2, 8), 60), 1)


def _display_length(value: XlsxValue) -> float:
    if isinstance(value, datetime.datetime):
        return 16
    if isinstance(value, datetime.date):
        return 10
    if value is None:
        return 0
    text = str(value)
    return max((len(line) for line in text.splitlines()), default=0)
