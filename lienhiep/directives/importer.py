"""Import a plan's tasks from the Excel table plans arrive with.

Plans reach the Union as a table: STT | Nội dung nhiệm vụ | Cơ quan chủ trì | Cơ quan phối
hợp | Thời hạn | Sản phẩm. ``read_plan`` streams such a sheet (openpyxl's read-only mode,
so a big file costs little memory) into planned tasks and row errors; ``save_plan`` creates
the tasks, all of them or none; the ``directives.import_tasks`` job runs both in the worker
and deletes the uploaded file when it is done.

Every problem is reported with the row number the spreadsheet shows, so that the person
who typed the plan can fix all of them in one pass.
"""

from __future__ import annotations

import calendar
import datetime
import re
import unicodedata
import zipfile
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from contextlib import closing
from dataclasses import dataclass, field
from typing import IO

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from openpyxl import load_workbook
from openpyxl.worksheet._read_only import ReadOnlyWorksheet

from lienhiep.core.models import Organization, User
from lienhiep.directives.actions import do_save_task
from lienhiep.directives.models import Recurrence, SteeringDocument, Task
from lienhiep.jobs.models import Job
from lienhiep.jobs.results import RowError
from lienhiep.jobs.runner import JobError, register
from lienhiep.vn import fold, parse_date

MAX_ROWS = 5000
HEADER_SCAN_ROWS = 10
# Sheets formatted down to row 1,048,576 hold a million empty rows: stop after a long gap.
MAX_BLANK_RUN = 1000
# The upload limit bounds the compressed size only; a tiny zip can unpack to gigabytes.
MAX_UNPACKED_MB = 200
DEFAULT_DUE_DAY = 15
# A job's result is shown on one page: keep the first errors, count them all.
MAX_STORED_ERRORS = 1000

Progress = Callable[[int, str], None]

NUMBER, CONTENT, LEAD, COORDINATORS, DEADLINE, PRODUCT = (
    "number",
    "content",
    "lead",
    "coordinators",
    "deadline",
    "product",
)

# Normalized header text (folded, punctuation removed) → column, for the usual spellings.
_EXACT_HEADERS: dict[str, str] = {
    "stt": NUMBER,
    "tt": NUMBER,
    "so tt": NUMBER,
    "so thu tu": NUMBER,
    "no": NUMBER,
    "content": CONTENT,
    "task": CONTENT,
    "lead": LEAD,
    "lead unit": LEAD,
    "coordinating units": COORDINATORS,
    "deadline": DEADLINE,
    "expected product": PRODUCT,
    "product": PRODUCT,
}
# Phrases a longer header may contain, most specific first: "Đơn vị chủ trì thực hiện
# nhiệm vụ" is the lead column although it mentions the task.
_HEADER_PHRASES: tuple[tuple[str, str], ...] = (
    ("chu tri", LEAD),
    ("phoi hop", COORDINATORS),
    ("thoi han", DEADLINE),
    ("thoi gian", DEADLINE),
    ("san pham", PRODUCT),
    ("noi dung", CONTENT),
    ("nhiem vu", CONTENT),
)
_MAX_HEADER_CHARS = 60  # longer cells are titles or notes, not column headers

_HEADING_NUMBER = re.compile(r"(?:[IVXLCDM]+|[A-Za-z])[.)]?")
_COLUMN_NUMBER = re.compile(r"\(?\d{1,2}\)?")
_ORG_SEPARATORS = re.compile(r"[,;\n\r]+")
_MAX_LENGTHS = {NUMBER: 20, PRODUCT: 500}


class ImportFileError(Exception):
    """The file as a whole cannot be imported; the message is for the user."""


class RowsRejected(Exception):
    """Some rows are wrong: nothing was saved."""

    def __init__(self, errors: list[RowError]) -> None:
        super().__init__(f"{len(errors)} errors")
        self.errors = errors

    @property
    def row_count(self) -> int:
        return len({e.row for e in self.errors})


@dataclass(frozen=True)
class Deadline:
    deadline: datetime.date | None = None
    recurrence: str = Recurrence.NONE
    due_day: int | None = None


@dataclass
class PlannedTask:
    row: int
    number: str
    content: str
    lead: Organization
    coordinators: list[Organization]
    deadline: Deadline
    expected_product: str


@dataclass
class PlanReading:
    tasks: list[PlannedTask] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    titles: dict[str, str] = field(default_factory=dict)  # column → header in the file


# ---------------------------------------------------------------- Thời hạn


_RECURRENCES: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        # "6 tháng" is a cadence, unless it is part of a date ("ngày 6 tháng 12") or a
        # half-year ("6 tháng đầu năm 2026").
        re.compile(r"(?<!ngay )\b6 thang\b(?! (?:dau|cuoi) nam)|\bnua nam\b"),
        Recurrence.HALF_YEARLY,
    ),
    (re.compile(r"\b(?:hang|moi) quy\b"), Recurrence.QUARTERLY),
    (re.compile(r"\b(?:hang|moi) thang\b"), Recurrence.MONTHLY),
    (re.compile(r"\b(?:hang|moi) nam\b"), Recurrence.YEARLY),
)
_DUE_DAY = re.compile(r"\bngay (\d{1,2})\b")
_ONGOING = re.compile(r"\b(?:thuong xuyen|lien tuc)\b")
_HALF_OF_YEAR = re.compile(r"\b6 thang (dau|cuoi) nam\D{0,8}(\d{4})$")
_QUARTER = re.compile(r"\bquy (iv|i{1,3}|[1-4])\b\D{0,8}(\d{4})$")
_DATE_IN_WORDS = re.compile(r"\bngay (\d{1,2}) thang (\d{1,2}) nam (\d{4})$")
_MONTH = re.compile(r"\bthang (\d{1,2})\s*(?:/|-|\.|nam)\s*(\d{4})$")
_LEAD_WORDS = re.compile(
    r"^(?:(?:hoan thanh|truoc|den|trong|cham nhat|han)\s+)*(?:(?:ngay|nam)\s+)?"
)
_DAY_MONTH_YEAR = re.compile(r"\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{2,4}")
_QUARTER_NUMBERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}


def _month_end(year: int, month: int) -> datetime.date:
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def _unreadable_deadline(shown: object) -> ValueError:
    return ValueError(
        _(
            "Cannot read the deadline “%(value)s”: write a date (31/12/2026), a year, a quarter "
            "(Quý II/2026), a recurrence (Hằng quý) or “Thường xuyên”."
        )
        % {"value": shown}
    )


def _recurring(folded: str) -> Deadline | None:
    recurrence = next((r for pattern, r in _RECURRENCES if pattern.search(folded)), None)
    if recurrence is None:
        return None
    day = DEFAULT_DUE_DAY
    if match := _DUE_DAY.search(folded):
        day = int(match.group(1))
        if not 1 <= day <= 31:
            raise ValueError(_("There is no day %(day)d in a month.") % {"day": day})
    return Deadline(None, recurrence, day)


def _period_end(folded: str) -> datetime.date | None:
    """The last day of a period written in words: a half-year, quarter, month or a date."""
    if match := _HALF_OF_YEAR.search(folded):
        return _month_end(int(match.group(2)), 6 if match.group(1) == "dau" else 12)
    if match := _QUARTER.search(folded):
        return _month_end(int(match.group(2)), 3 * _QUARTER_NUMBERS[match.group(1)])
    if match := _DATE_IN_WORDS.search(folded):
        day, month, year = (int(g) for g in match.groups())
        return datetime.date(year, month, day)
    if match := _MONTH.search(folded):
        month, year = int(match.group(1)), int(match.group(2))
        return _month_end(year, month) if 1 <= month <= 12 else None
    return None


def parse_deadline(value: object) -> Deadline:
    """Read a Thời hạn cell: a date, a year, a period, a recurrence, or nothing.

    A year or a period means its last day; recurring tasks are due on the day given in
    "(trước ngày 20)", else on the 15th, of each period's last month.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return Deadline()
    if isinstance(value, datetime.date | int | float) and not isinstance(value, bool):
        return _from_date_value(value, value)
    text = " ".join(str(value).split())
    folded = fold(text)
    if (recurring := _recurring(folded)) is not None:
        return recurring
    if _ONGOING.search(folded):
        return Deadline()
    try:
        end = _period_end(folded)
    except ValueError:  # "Quý II/0000", "ngày 31 tháng 2 năm 2026"
        raise _unreadable_deadline(text) from None
    if end is not None:
        return Deadline(end)
    return _from_date_value(_LEAD_WORDS.sub("", folded), text)


def _from_date_value(value: object, shown: object) -> Deadline:
    try:
        parsed = parse_date(value)
    except ValueError:
        if isinstance(value, str) and _DAY_MONTH_YEAR.search(value):
            raise ValueError(
                _("“%(value)s” is not a real date: check the day and the month.") % {"value": shown}
            ) from None
        raise _unreadable_deadline(shown) from None
    if isinstance(parsed, int):  # a year alone: its last day
        return Deadline(datetime.date(parsed, 12, 31))
    return Deadline(parsed)


# ---------------------------------------------------------------- organizations


def _org_key(text: str) -> str:
    return fold(text).strip(" .:-–—+•*")


def _split_organizations(text: str) -> list[str]:
    """The names of a list cell, as written, without the bullets some lists carry."""
    parts = (part.strip(" .:-–—+•*\t") for part in _ORG_SEPARATORS.split(text))
    return [part for part in parts if part]


class OrganizationIndex:
    """Organizations by folded name, short name and code: "so khcn" finds "Sở KH&CN"."""

    def __init__(self, organizations: Iterable[Organization]) -> None:
        self._by_key: dict[str, dict[int, Organization]] = {}
        for org in organizations:
            for key in {_org_key(org.name), _org_key(org.short_name), _org_key(org.code)}:
                if key:
                    self._by_key.setdefault(key, {})[org.pk] = org

    @classmethod
    def active(cls) -> OrganizationIndex:
        return cls(Organization.objects.active().only("pk", "name", "short_name", "code"))

    def resolve(self, text: str) -> Organization:
        """The one organization ``text`` names; ValueError with a message otherwise."""
        found = list(self._by_key.get(_org_key(text), {}).values())
        if len(found) == 1:
            return found[0]
        shown = " ".join(text.split())
        if not found:
            raise ValueError(
                _("No organization is called “%(name)s”: check the name, or write its code.")
                % {"name": shown}
            )
        codes = ", ".join(sorted(org.code for org in found))
        raise ValueError(
            _("“%(name)s” matches several organizations (%(codes)s): write its code instead.")
            % {"name": shown, "codes": codes}
        )

    def resolve_many(self, text: str) -> tuple[list[Organization], list[str]]:
        """The organizations of a list cell, and a message for each name not understood."""
        whole = self._by_key.get(_org_key(text), {})
        if len(whole) == 1:  # a name that itself contains a comma
            return list(whole.values()), []
        found: list[Organization] = []
        problems: list[str] = []
        for part in _split_organizations(text):
            try:
                org = self.resolve(part)
            except ValueError as exc:
                problems.append(str(exc))
            else:
                if org not in found:
                    found.append(org)
        return found, problems


# ---------------------------------------------------------------- the table


def _normalize_header(value: object) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", fold(str(value))).split())


def header_columns(values: Sequence[object]) -> dict[str, int]:
    """Which column of a row holds which field, for the cells that look like headers."""
    columns: dict[str, int] = {}
    for index, value in enumerate(values):
        if value is None:
            continue
        text = _normalize_header(value)
        key = _EXACT_HEADERS.get(text)
        if key is None and len(text) <= _MAX_HEADER_CHARS:
            padded = f" {text} "
            key = next((k for phrase, k in _HEADER_PHRASES if f" {phrase} " in padded), None)
        if key is not None and key not in columns:
            columns[key] = index
    return columns


@dataclass
class Header:
    row: int  # the last header row: data starts below it
    columns: dict[str, int]
    titles: dict[str, str]  # column → its header as the file shows it

    def title(self, key: str) -> str:
        return self.titles.get(key, "")


def find_header(rows: Iterator[Sequence[object]]) -> Header | None:
    """Look for the header among the first rows; a two-row header ("Cơ quan thực hiện"
    above "Chủ trì | Phối hợp") is read as one."""
    previous: dict[str, int] = {}
    previous_values: Sequence[object] = ()
    for number in range(1, HEADER_SCAN_ROWS + 1):
        values = next(rows, None)
        if values is None:
            return None
        found = header_columns(values)
        merged = {**previous, **found}
        if CONTENT in merged and LEAD in merged:
            titles = {}
            for key, index in merged.items():
                source = values if key in found else previous_values
                titles[key] = " ".join(str(source[index]).split())
            return Header(number, merged, titles)
        previous, previous_values = found, values
    return None


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime.datetime | datetime.date):
        return f"{value:%d/%m/%Y}"
    return unicodedata.normalize("NFC", str(value)).strip()


def _is_blank(values: Sequence[object]) -> bool:
    return all(_text(v) == "" for v in values)


def _is_column_numbering(values: Sequence[object]) -> bool:
    """The "(1) (2) (3)…" row official tables put under their header."""
    cells = [_text(v) for v in values if _text(v)]
    return len(cells) >= 3 and all(_COLUMN_NUMBER.fullmatch(c) for c in cells)


class _RowReader:
    """Turns one data row into a planned task, or into the errors it contains."""

    def __init__(self, header: Header, organizations: OrganizationIndex) -> None:
        self.header = header
        self.organizations = organizations

    def _cell(self, values: Sequence[object], key: str) -> object:
        index = self.header.columns.get(key)
        if index is None or index >= len(values):
            return None
        return values[index]

    def is_heading(self, values: Sequence[object]) -> bool:
        """A section heading ("I. Nhiệm vụ chung", "a)"): no lead, and either a roman
        numeral or letter as its number, or no number and nothing but a title."""
        if _text(self._cell(values, LEAD)):
            return False
        number = _text(self._cell(values, NUMBER))
        if number:
            return bool(_HEADING_NUMBER.fullmatch(number))
        others = (COORDINATORS, DEADLINE, PRODUCT)
        return not any(_text(self._cell(values, key)) for key in others)

    def read(self, row: int, values: Sequence[object]) -> tuple[PlannedTask | None, list[RowError]]:
        errors: list[RowError] = []

        def error(key: str, message: str) -> None:
            errors.append(RowError(row, self.header.title(key), message))

        number = _text(self._cell(values, NUMBER))
        content = _text(self._cell(values, CONTENT))
        product = _text(self._cell(values, PRODUCT))
        if not content:
            error(CONTENT, _("The task content is empty."))
        for key, text in ((NUMBER, number), (PRODUCT, product)):
            if len(text) > _MAX_LENGTHS[key]:
                error(key, _("Longer than %(max)d characters.") % {"max": _MAX_LENGTHS[key]})
        lead = self._lead(_text(self._cell(values, LEAD)), error)
        coordinators, problems = self.organizations.resolve_many(
            _text(self._cell(values, COORDINATORS))
        )
        for problem in problems:
            error(COORDINATORS, problem)
        try:
            deadline = parse_deadline(self._cell(values, DEADLINE))
        except ValueError as exc:
            error(DEADLINE, str(exc))
        if errors or lead is None:
            return None, errors
        task = PlannedTask(row, number, content, lead, coordinators, deadline, product)
        return task, []

    def _lead(self, text: str, error: Callable[[str, str], None]) -> Organization | None:
        if not text:
            error(LEAD, _("The lead unit is missing."))
            return None
        try:
            return self.organizations.resolve(text)
        except ValueError as exc:
            if len(_split_organizations(text)) > 1:
                error(LEAD, _("Give one lead unit; list the others under “Cơ quan phối hợp”."))
            else:
                error(LEAD, str(exc))
            return None


def open_sheets(
    source: IO[bytes],
) -> Generator[tuple[int | None, Iterator[Sequence[object]]], None, None]:
    """Each worksheet's row count as the file claims it, and its rows, streamed.

    ImportFileError if the file is not a workbook or unpacks to too much.
    """
    not_a_workbook = ImportFileError(
        _(
            "This file is not an Excel workbook (.xlsx), or it is damaged. Save it from Excel "
            "as “Excel Workbook (.xlsx)” and try again."
        )
    )
    try:
        with zipfile.ZipFile(source) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise not_a_workbook from None
    if unpacked > MAX_UNPACKED_MB * 1024 * 1024:
        raise ImportFileError(
            _("The workbook unpacks to more than %(mb)d MB: split it into smaller files.")
            % {"mb": MAX_UNPACKED_MB}
        )
    source.seek(0)
    try:
        workbook = load_workbook(source, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on damaged or foreign files
        raise not_a_workbook from exc
    try:
        for sheet in workbook.worksheets:
            if isinstance(sheet, ReadOnlyWorksheet):
                claimed = sheet.max_row
                # Some programs write a wrong sheet size; read what is really there.
                sheet.reset_dimensions()
                yield claimed, sheet.iter_rows(values_only=True)
    finally:
        workbook.close()


def _no_progress(percent: int, message: str) -> None:
    return None


def read_plan(
    source: IO[bytes], organizations: OrganizationIndex, progress: Progress = _no_progress
) -> PlanReading:
    """Read the first sheet that has a task table; raise ImportFileError if none has."""
    with closing(open_sheets(source)) as sheets:
        for claimed_rows, rows in sheets:
            header = find_header(rows)
            if header is not None:
                return _read_rows(rows, header, organizations, progress, claimed_rows)
    raise ImportFileError(
        _(
            "No header row was found in the first %(count)d rows: the table needs at least the "
            "columns “Nội dung nhiệm vụ” and “Cơ quan chủ trì”."
        )
        % {"count": HEADER_SCAN_ROWS}
    )


def _read_rows(
    rows: Iterator[Sequence[object]],
    header: Header,
    organizations: OrganizationIndex,
    progress: Progress,
    claimed_rows: int | None,
) -> PlanReading:
    reader = _RowReader(header, organizations)
    reading = PlanReading(titles=header.titles)
    blank_run = filled = 0
    for row, values in enumerate(rows, start=header.row + 1):
        if _is_blank(values):
            blank_run += 1
            if blank_run >= MAX_BLANK_RUN:
                break
            continue
        blank_run = 0
        filled += 1
        if filled > MAX_ROWS:
            raise ImportFileError(
                _("The table has more than %(max)d rows: split it into several files.")
                % {"max": MAX_ROWS}
            )
        if filled % 200 == 0:
            share = min(1.0, row / claimed_rows) if claimed_rows else 0.5
            progress(5 + int(55 * share), _("Checked %(count)d rows") % {"count": filled})
        if reader.is_heading(values) or _is_column_numbering(values):
            continue
        task, errors = reader.read(row, values)
        reading.errors.extend(errors)
        if task is not None:
            reading.tasks.append(task)
    if not reading.tasks and not reading.errors:
        raise ImportFileError(_("The table has no task rows under its header."))
    return reading


# ---------------------------------------------------------------- saving

# Model fields → the column a validation error on them belongs to.
_FIELD_COLUMNS = {
    "number": NUMBER,
    "content": CONTENT,
    "lead": LEAD,
    "deadline": DEADLINE,
    "recurrence": DEADLINE,
    "due_day": DEADLINE,
    "expected_product": PRODUCT,
}


def save_plan(actor: User | None, document: SteeringDocument, reading: PlanReading) -> int:
    """Create every task after the document's existing ones, in one transaction.

    The rows were checked already; should the model still refuse one, its errors are
    reported like the others and the whole import is rolled back.
    """
    errors: list[RowError] = []
    with transaction.atomic():
        last = Task.objects.filter(document=document).aggregate(m=Max("position"))["m"] or 0
        for offset, planned in enumerate(reading.tasks, start=1):
            task = Task(
                document=document,
                position=last + offset,
                number=planned.number,
                content=planned.content,
                lead=planned.lead,
                deadline=planned.deadline.deadline,
                recurrence=planned.deadline.recurrence,
                due_day=planned.deadline.due_day,
                expected_product=planned.expected_product,
            )
            try:
                do_save_task(actor, task, planned.coordinators)
            except ValidationError as exc:
                for name, messages in exc.message_dict.items():
                    column = reading.titles.get(_FIELD_COLUMNS.get(name, ""), "")
                    errors.extend(RowError(planned.row, column, m) for m in messages)
        if errors:
            raise RowsRejected(errors)  # leaving the block rolls every task back
    return len(reading.tasks)


def import_plan(
    source: IO[bytes],
    document: SteeringDocument,
    actor: User | None,
    progress: Progress = _no_progress,
) -> int:
    """Read and save; RowsRejected (nothing saved) or ImportFileError when it cannot."""
    progress(5, _("Reading the spreadsheet"))
    reading = read_plan(source, OrganizationIndex.active(), progress)
    if reading.errors:
        raise RowsRejected(reading.errors)
    count = len(reading.tasks)
    progress(
        65, ngettext("Saving %(count)d task", "Saving %(count)d tasks", count) % {"count": count}
    )
    return save_plan(actor, document, reading)


@register("directives.import_tasks")
def import_tasks_job(job: Job) -> None:
    path = str(job.params["path"])
    try:
        document = SteeringDocument.objects.filter(pk=job.params["document_id"]).first()
        if document is None:
            raise JobError(_("The document was deleted before its tasks could be imported."))
        with default_storage.open(path, "rb") as source:
            created = import_plan(source, document, job.owner, job.report)
    except ImportFileError as exc:
        raise JobError(str(exc)) from exc
    except RowsRejected as exc:
        job.result = {
            "errors": [e.as_dict() for e in exc.errors[:MAX_STORED_ERRORS]],
            "error_count": len(exc.errors),
        }
        job.report(job.percent, _("Nothing was saved."))
        raise JobError(rejection_summary(exc)) from exc
    finally:
        default_storage.delete(path)
    job.result = {
        "created": created,
        "next_url": document.get_absolute_url(),
        "next_label": _("Open the document"),
    }
    job.report(
        100,
        ngettext("Imported %(count)d task.", "Imported %(count)d tasks.", created)
        % {"count": created},
    )


def rejection_summary(exc: RowsRejected) -> str:
    rows = exc.row_count
    return ngettext(
        "%(rows)d row has errors, so nothing was saved. "
        "Correct it in the file and import it again.",
        "%(rows)d rows have errors, so nothing was saved. "
        "Correct them in the file and import it again.",
        rows,
    ) % {"rows": rows}
