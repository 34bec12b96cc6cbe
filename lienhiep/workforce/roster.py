"""Import an association's roster (danh sách hội viên) into the registry of intellectuals.

One code path for the screen (the ``workforce.import_roster`` job) and for the
``import_roster`` command: ``import_roster`` reads the file (``roster_read``), turns each
row into a person or into row errors, matches people already in the file or in the
registry, and saves everything in one transaction with a ``RosterImport`` batch, or
nothing at all when any row is wrong. ``undo_import`` takes a whole batch back.

Speed: catalogues, the registry's duplicate keys and the association's members are
loaded once into dictionaries; people are written with ``bulk_create`` in batches, with
their history records (django-simple-history's bulk helpers). No query runs per row.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import models, transaction
from django.db.models import ProtectedError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from lienhiep.associations.models import Association
from lienhiep.core.models import User
from lienhiep.jobs.results import RowError
from lienhiep.vn import fold, parse_date
from lienhiep.workforce import roster_read as rr
from lienhiep.workforce.models import (
    AcademicTitle,
    Catalogue,
    Degree,
    Ethnicity,
    Gender,
    Membership,
    Person,
    RosterImport,
)
from lienhiep.workforce.names import name_columns
from lienhiep.workforce.roster_read import RosterFileError, Table, open_table, text_of

__all__ = [
    "DuplicatePolicy",
    "ImportResult",
    "RosterFileError",
    "RowError",
    "find_association",
    "import_roster",
    "undo_import",
]

Progress = Callable[[int, str], None]
PREVIEW_ROWS = 100
BATCH_SIZE = 1000
PROGRESS_EVERY = 500
_MAX_LENGTHS = {"full_name": 150, "specialty": 255, "employer": 255, "position": 255}
_GENDERS = {"nam": Gender.MALE, "nu": Gender.FEMALE, "male": Gender.MALE, "female": Gender.FEMALE}
_MARKS = {"x", "v", "+", "1", "✓", "✔", "co"}
_HEADING_NUMBER = re.compile(r"(?:[IVXLCDM]+|[A-Za-z])[.)]?")
_PHONE_SEPARATORS = re.compile(r"[,;/\n]|\s-\s")
_PHONE_IGNORED = re.compile(r"[\s.\-()]")


class DuplicatePolicy(models.TextChoices):
    UPDATE = "update", gettext_lazy("Update them with the file's values")
    SKIP = "skip", gettext_lazy("Skip them")
    REPORT = "report", gettext_lazy("Report them as errors")


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    skipped: int = 0
    errors: list[RowError] = field(default_factory=list)
    preview: list[dict[str, str]] = field(default_factory=list)
    batch: RosterImport | None = None
    encoding: str | None = None  # the legacy encodings converted ("TCVN3", "VNI")

    def as_json_dict(self) -> dict[str, Any]:
        return {
            "created": self.created,
            "updated": self.updated,
            "skipped": self.skipped,
            "errors": [error.as_dict() for error in self.errors],
        }


def find_association(text: str) -> Association:
    """The association ``text`` names: its code (any case), or its name or abbreviation
    written with or without diacritics."""
    wanted, folded = text.strip().upper(), fold(text)
    associations = list(Association.objects.select_related("organization"))
    found = [a for a in associations if a.organization.code.upper() == wanted]
    if not found:
        found = [
            a
            for a in associations
            if folded
            in {fold(a.organization.name), fold(a.organization.short_name), fold(a.abbreviation)}
        ]
    if len(found) == 1:
        return found[0]
    if not found:
        raise RosterFileError(
            _("No association has the code or the name “%(text)s”.") % {"text": text}
        )
    codes = ", ".join(sorted(a.organization.code for a in found))
    raise RosterFileError(
        _("“%(text)s” matches several associations (%(codes)s): give the code.")
        % {"text": text, "codes": codes}
    )


# ---------------------------------------------------------------- catalogues


def _catalogue_key(text: str) -> str:
    """Folded, with dots, hyphens and apostrophes as spaces: "Ê-đê" = "Ê Đê", "TS." = "TS"."""
    return " ".join(re.sub(r"[.\-'’]", " ", fold(text)).split())


class _Index:
    """One catalogue by every spelling of its entries."""

    def __init__(self, entries: list[Catalogue]) -> None:
        self.by_key: dict[str, Catalogue] = {}
        for entry in entries:
            for spelling in (*entry.spellings(), *entry.synonyms.splitlines(), entry.name):
                if key := _catalogue_key(spelling):
                    self.by_key.setdefault(key, entry)

    def get(self, text: str) -> Catalogue | None:
        return self.by_key.get(_catalogue_key(text))

    def prefix(self, text: str) -> tuple[Catalogue, str] | None:
        """The entry the text begins with, and the rest: "Thạc sĩ Nông nghiệp" → ThS, "Nông
        nghiệp"; "PGS.TS" → PGS, "TS". The longest matching beginning wins."""
        words = text.replace(".", ". ").split()
        for count in range(len(words), 0, -1):
            entry = self.by_key.get(_catalogue_key(" ".join(words[:count])))
            if entry is not None:
                rest = " ".join(words[count:]).strip(" ,;:-–")
                return entry, rest.replace(". ", ".")
        return None


@dataclass
class _Catalogues:
    ethnicities: _Index
    degrees: _Index
    titles: _Index

    @classmethod
    def load(cls) -> _Catalogues:
        return cls(
            _Index(list(Ethnicity.objects.all())),
            _Index(list(Degree.objects.all())),
            _Index(list(AcademicTitle.objects.all())),
        )


# ---------------------------------------------------------------- one row


def normalize_phone(text: str) -> str | None:
    """Digits with a leading 0 ("+84 912 345 678" → "0912345678"); None if it is not a
    Vietnamese number. The first of several numbers is kept. A number stored as a number
    lost its leading 0 (912345678): it is put back."""
    first = _PHONE_SEPARATORS.split(text)[0]
    digits = _PHONE_IGNORED.sub("", first)
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    elif digits.startswith("84") and len(digits) == 11:
        digits = "0" + digits[2:]
    elif not digits.startswith("0") and len(digits) in {9, 10}:
        digits = "0" + digits
    if not digits.isdigit() or not 10 <= len(digits) <= 11:
        return None
    return digits


def _tidy_name(name: str) -> str:
    # Rosters often write names in capitals; the registry keeps them as names are written.
    return name.title() if name.isupper() else name


class _Cells:
    """One data row: each column's text, computed once, and its raw cells (for dates)."""

    __slots__ = ("table", "texts", "values")

    def __init__(self, table: Table, values: list[rr.Cell]) -> None:
        self.table, self.values = table, values
        self.texts = {key: text_of(table.cell(values, key)) for key in table.columns}

    def text(self, key: str) -> str:
        return self.texts.get(key, "")

    def raw(self, key: str) -> rr.Cell:
        return self.table.cell(self.values, key)


class _RowReader:
    """Turns one data row into a person's values, or into the errors it contains."""

    def __init__(self, table: Table, catalogues: _Catalogues, today: datetime.date) -> None:
        self.table = table
        self.catalogues = catalogues
        self.today = today

    def is_filler(self, values: _Cells) -> bool:
        """A numbered empty row, or a section heading ("I. Khoa Nội", "A")."""
        filled = {k for k, text in values.texts.items() if text}
        if filled <= {rr.NUMBER}:
            return True
        number = values.text(rr.NUMBER)
        return filled == {rr.NUMBER, rr.FULL_NAME} and bool(_HEADING_NUMBER.fullmatch(number))

    def read(self, row: int, values: _Cells) -> tuple[dict[str, Any], list[RowError]]:
        errors: list[RowError] = []

        def error(key: str, message: str) -> None:
            errors.append(RowError(row, self.table.title(key), message))

        person: dict[str, Any] = {}
        name = values.text(rr.FULL_NAME)
        if not name:
            error(rr.FULL_NAME, _("The full name is empty."))
        else:
            person["full_name"] = _tidy_name(name)
        self._gender(values, person, error)
        self._birth(values, person, error)
        self._catalogues(values, person, error)
        for key in (rr.SPECIALTY, rr.EMPLOYER, rr.POSITION, rr.NOTE):
            if text := values.text(key):
                person.setdefault(key, text)
        self._contacts(values, person, error)
        for key, limit in _MAX_LENGTHS.items():
            if len(person.get(key, "")) > limit:
                error(key, _("Longer than %(max)d characters.") % {"max": limit})
        return person, errors

    def _gender(self, values: _Cells, person: dict[str, Any], error: Error) -> None:
        text = values.text(rr.GENDER)
        if not text:
            return
        gender = _GENDERS.get(fold(text))
        if gender is None:
            error(rr.GENDER, _("Write “Nam” or “Nữ”, not “%(value)s”.") % {"value": text})
        else:
            person["gender"] = gender

    def _birth(self, values: _Cells, person: dict[str, Any], error: Error) -> None:
        cells = [(k, g) for k, g in _BIRTH_COLUMNS if values.text(k)]
        if sum(1 for _k, g in cells if g) > 1:
            error(rr.FEMALE, _("Fill either the “Nam” or the “Nữ” column, not both."))
            return
        for key, gender in cells:
            raw = values.raw(key)
            if gender:
                if person.get("gender", gender) != gender:
                    error(key, _("This column contradicts the “Giới tính” column."))
                person["gender"] = gender
                if fold(values.text(key)) in _MARKS:
                    continue  # a tick under "Giới tính: Nam | Nữ", not a birth date
            try:
                self._set_birth(parse_date(raw, today=self.today), person)
            except ValueError as exc:
                error(key, str(exc))

    def _set_birth(self, parsed: datetime.date | int | None, person: dict[str, Any]) -> None:
        if parsed is None:
            return
        year = parsed if isinstance(parsed, int) else parsed.year
        if not 1900 <= year <= self.today.year or (
            isinstance(parsed, datetime.date) and parsed > self.today
        ):
            raise ValueError(_("The year of birth %(year)d is not plausible.") % {"year": year})
        if isinstance(parsed, datetime.date):
            person["birth_date"] = parsed
        person["birth_year"] = year

    def _catalogues(self, values: _Cells, person: dict[str, Any], error: Error) -> None:
        if text := values.text(rr.ETHNICITY):
            if (ethnicity := self.catalogues.ethnicities.get(text)) is None:
                error(rr.ETHNICITY, _("Unknown ethnic group “%(value)s”.") % {"value": text})
            else:
                person["ethnicity_id"] = ethnicity.pk
        if text := values.text(rr.TITLE_DEGREE):
            rest = self._title(text, rr.TITLE_DEGREE, person, error, exact=False)
            if rest:
                self._degree(rest, rr.TITLE_DEGREE, person, error)
        if text := values.text(rr.TITLE):
            rest = self._title(text, rr.TITLE, person, error, exact=True)
            if rest and not values.text(rr.DEGREE):
                self._degree(rest, rr.TITLE, person, error)
        if text := values.text(rr.DEGREE):
            self._degree(text, rr.DEGREE, person, error)

    def _title(
        self, text: str, key: str, person: dict[str, Any], error: Error, *, exact: bool
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
            error(key, _("Unknown academic title “%(value)s”.") % {"value": text})
            return ""
        return text

    def _degree(self, text: str, key: str, person: dict[str, Any], error: Error) -> None:
        """ "TS", "Tiến sỹ"…; "Thạc sĩ Nông nghiệp" gives ThS and, when the file has no
        specialty for the row, the specialty "Nông nghiệp"."""
        degrees = self.catalogues.degrees
        if (degree := degrees.get(text)) is not None:
            person["degree_id"] = degree.pk
            return
        found = degrees.prefix(text)
        if found is None:
            error(key, _("Unknown degree “%(value)s”.") % {"value": text})
            return
        person["degree_id"] = found[0].pk
        rest = found[1]
        # "TS. BS": the lower degree named after the higher one adds nothing.
        if rest and degrees.prefix(rest) is None:
            person.setdefault("specialty", rest)

    def _contacts(self, values: _Cells, person: dict[str, Any], error: Error) -> None:
        if text := values.text(rr.PHONE):
            phone = normalize_phone(text)
            if phone is None:
                error(rr.PHONE, _("“%(value)s” is not a phone number.") % {"value": text})
            else:
                person["phone"] = phone
        if text := values.text(rr.EMAIL):
            try:
                validate_email(text)
            except ValidationError:
                error(rr.EMAIL, _("“%(value)s” is not an e-mail address.") % {"value": text})
            else:
                person["email"] = text


Error = Callable[[str, str], None]
_BIRTH_COLUMNS = ((rr.BIRTH, ""), (rr.MALE, Gender.MALE), (rr.FEMALE, Gender.FEMALE))


# ---------------------------------------------------------------- duplicates


class _KeyIndex:
    """Who is who: folded name with birth year (and date), e-mail, phone → a reference.

    The references are registry ids, or row numbers for the people read so far.
    """

    def __init__(self) -> None:
        self.by_name: dict[tuple[str, int], list[tuple[int, datetime.date | None]]] = {}
        self.by_email: dict[str, int] = {}
        self.by_phone: dict[str, int] = {}

    def add(self, ref: int, folded: str, birth: datetime.date | None, year: int | None,
            email: str, phone: str) -> None:  # fmt: skip
        if folded and year:
            self.by_name.setdefault((folded, year), []).append((ref, birth))
        if email:
            self.by_email.setdefault(email.lower(), ref)
        if phone:
            self.by_phone.setdefault(phone, ref)

    def add_person(self, ref: int, person: dict[str, Any]) -> None:
        self.add(
            ref,
            fold(person.get("full_name", "")),
            person.get("birth_date"),
            person.get("birth_year"),
            person.get("email", ""),
            person.get("phone", ""),
        )

    def find(self, person: dict[str, Any]) -> list[int]:
        found: list[int] = []
        year, birth = person.get("birth_year"), person.get("birth_date")
        for ref, known in self.by_name.get((fold(person.get("full_name", "")), year or 0), []):
            if birth is None or known is None or known == birth:
                found.append(ref)
        for other in (
            self.by_email.get(person.get("email", "").lower()),
            self.by_phone.get(person.get("phone", "")),
        ):
            if other is not None and other not in found:
                found.append(other)
        return found

    @classmethod
    def registry(cls) -> _KeyIndex:
        index = cls()
        fields = ("pk", "name_folded", "birth_date", "birth_year", "email", "phone")
        for pk, folded, birth, year, email, phone in Person.objects.values_list(*fields).iterator(
            chunk_size=5000
        ):
            index.add(pk, folded, birth, year or (birth.year if birth else None), email,
                      normalize_phone(phone) or "" if phone else "")  # fmt: skip
        return index


# ---------------------------------------------------------------- writing


def _jsonable(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime.date) else value


class _Writer:
    """Collects the people to create and update and writes them in batches.

    ``dry_run`` keeps the bookkeeping (which row became which person) and writes nothing.
    """

    def __init__(
        self, association: Association, actor: User | None, file_name: str, dry_run: bool
    ) -> None:
        self.association, self.actor, self.dry_run = association, actor, dry_run
        self.today = timezone.localdate()
        self.batch: RosterImport | None = None
        if not dry_run:
            self.batch = RosterImport.objects.create(
                association=association, file_name=file_name[:255], imported_by=actor
            )
        self.members = set(
            Membership.objects.filter(association=association).values_list("person_id", flat=True)
        )
        self.pending: dict[int, dict[str, Any]] = {}  # row → values of a person not yet written
        self.created_at_row: dict[int, int] = {}  # row → id of the person it created
        self.updated_at_row: dict[int, int] = {}  # row → id of the registry person it updated
        self.updates: dict[int, dict[str, Any]] = {}  # id → values to write
        self.created_ids: set[int] = set()
        self.previous: dict[str, dict[str, Any]] = {}  # id → values before the import
        self.memberships: list[int] = []

    def create(self, row: int, person: dict[str, Any]) -> None:
        self.pending[row] = person
        if len(self.pending) >= BATCH_SIZE:
            self.flush()

    def update(self, row: int, pk: int, person: dict[str, Any]) -> None:
        self.updated_at_row[row] = pk
        values = {k: v for k, v in person.items() if k != "full_name"}
        self.updates.setdefault(pk, {}).update(values)
        if len(self.updates) >= BATCH_SIZE:
            self.flush()

    def merge(self, first_row: int, row: int, person: dict[str, Any]) -> None:
        """A later row about the person of ``first_row``: its values win."""
        if first_row in self.pending:
            self.pending[first_row].update((k, v) for k, v in person.items() if k != "full_name")
            return
        pk = self.created_at_row.get(first_row) or self.updated_at_row.get(first_row)
        if pk is not None:
            self.update(row, pk, person)

    def flush(self) -> None:
        if self.dry_run:
            self.pending.clear()
            self.updates.clear()
            return
        self._create_pending()
        self._write_updates()

    def _create_pending(self) -> None:
        if not self.pending:
            return
        rows = list(self.pending)
        people = [
            Person(**values, **name_columns(values["full_name"]), import_batch=self.batch)
            for values in self.pending.values()
        ]
        created = bulk_create_with_history(
            people,
            Person,
            batch_size=BATCH_SIZE,
            default_user=self.actor,
            default_change_reason=_("Roster import"),
        )
        for row, person in zip(rows, created, strict=True):
            self.created_at_row[row] = person.pk
            self.created_ids.add(person.pk)
        Membership.objects.bulk_create(
            [Membership(person=p, association=self.association, joined_on=self.today)
             for p in created],
            batch_size=BATCH_SIZE,
        )  # fmt: skip
        self.members.update(p.pk for p in created)
        self.pending.clear()

    def _write_updates(self) -> None:
        if not self.updates:
            return
        people = Person.objects.in_bulk(list(self.updates))
        changed_fields: set[str] = set()
        for pk, values in self.updates.items():
            person = people[pk]
            for key, value in values.items():
                old = getattr(person, key)
                if old != value:
                    if pk not in self.created_ids:
                        self.previous.setdefault(str(pk), {}).setdefault(key, _jsonable(old))
                    setattr(person, key, value)
                    changed_fields.add(key)
        self._join(list(self.updates))
        if changed_fields:
            now = timezone.now()
            for person in people.values():
                person.updated_at = now
            bulk_update_with_history(
                list(people.values()),
                Person,
                [*sorted(changed_fields), "updated_at"],
                batch_size=BATCH_SIZE,
                default_user=self.actor,
                default_change_reason=_("Roster import"),
            )
        self.updates.clear()

    def _join(self, pks: list[int]) -> None:
        """Registry people the roster lists become members of the association (once)."""
        joining = [pk for pk in pks if pk not in self.members]
        created = Membership.objects.bulk_create(
            [Membership(person_id=pk, association=self.association, joined_on=self.today)
             for pk in joining]
        )  # fmt: skip
        self.memberships += [m.pk for m in created]
        self.members.update(joining)

    def finish(self, result: ImportResult) -> None:
        self.flush()
        if self.batch is None:
            return
        self.batch.created, self.batch.updated = result.created, result.updated
        self.batch.skipped = result.skipped
        self.batch.undo = {"previous": self.previous, "memberships": self.memberships}
        self.batch.save()
        result.batch = self.batch


# ---------------------------------------------------------------- the import


class _Rollback(Exception):
    """Leave the transaction without saving: some rows are wrong, or it is a dry run."""


def _no_progress(percent: int, message: str) -> None:
    return None


def import_roster(
    path: Path,
    association: Association,
    *,
    actor: User | None = None,
    dry_run: bool = False,
    policy: str = DuplicatePolicy.REPORT,
    file_name: str | None = None,
    progress: Progress | None = None,
) -> ImportResult:
    """Read a roster and save its people for ``association``, all of them or none.

    RosterFileError (nothing saved) when the file cannot be read as a roster. With any
    row error, or a duplicate under the policy "report", nothing is saved and the result
    lists every error; a dry run saves nothing either and gives the same counts.
    """
    report = progress or _no_progress
    report(2, _("Reading the file"))
    table = open_table(Path(path))
    result = ImportResult(encoding=", ".join(sorted(e.upper() for e in table.legacy)) or None)
    run = _Run(table, policy, result, report)
    try:
        with transaction.atomic():
            writer = _Writer(association, actor, file_name or Path(path).name, dry_run)
            run.go(writer)
            if result.errors or dry_run:
                raise _Rollback
            report(95, _("Saving"))
            writer.finish(result)
    except _Rollback:
        result.batch = None
    return result


@dataclass
class _Run:
    table: Table
    policy: str
    result: ImportResult
    report: Progress
    in_file: _KeyIndex = field(default_factory=_KeyIndex)

    def go(self, writer: _Writer) -> None:
        reader = _RowReader(self.table, _Catalogues.load(), timezone.localdate())
        registry = _KeyIndex.registry()
        read = 0
        for row, raw in self.table.rows:
            values = _Cells(self.table, raw)
            if reader.is_filler(values):
                continue
            read += 1
            if read % PROGRESS_EVERY == 0:
                self._progress(row, read)
            person, errors = reader.read(row, values)
            if errors:
                self.result.errors += errors
                writer.dry_run = True  # keep checking the rest, write nothing more
                continue
            action = self._place(row, person, registry, writer)
            if action and len(self.result.preview) < PREVIEW_ROWS:
                self.result.preview.append(_preview(row, person, action, reader))
        if not read and not self.result.errors:
            raise RosterFileError(_("The table has no rows under its header."))

    def _progress(self, row: int, read: int) -> None:
        total = self.table.total_rows
        percent = 5 + int(85 * min(1.0, row / total)) if total else 50
        self.report(percent, _("Checked %(count)d rows") % {"count": read})

    def _place(self, row: int, person: dict[str, Any], registry: _KeyIndex, writer: _Writer) -> str:
        """Create, update or skip the row's person; "" when it is reported as an error."""
        earlier = self.in_file.find(person)
        if earlier:
            return self._repeat(row, earlier[0], person, writer)
        self.in_file.add_person(row, person)
        known = registry.find(person)
        if not known:
            writer.create(row, person)
            self.result.created += 1
            return _("New person")
        if self.policy == DuplicatePolicy.SKIP:
            self.result.skipped += 1
            return _("Skip")
        if len(known) > 1 or self.policy != DuplicatePolicy.UPDATE:
            self._duplicate_error(row, known)
            return ""
        writer.update(row, known[0], person)
        self.result.updated += 1
        return _("Update")

    def _repeat(self, row: int, first: int, person: dict[str, Any], writer: _Writer) -> str:
        """The same person as an earlier row of the file."""
        if self.policy == DuplicatePolicy.SKIP:
            self.result.skipped += 1
            return _("Skip")
        if self.policy == DuplicatePolicy.UPDATE:
            writer.merge(first, row, person)
            self.result.updated += 1
            return _("Update")
        message = _("The same person as row %(row)d of the file.") % {"row": first}
        self.result.errors.append(RowError(row, self.table.title(rr.FULL_NAME), message))
        return ""

    def _duplicate_error(self, row: int, known: list[int]) -> None:
        ids = ", ".join(f"#{pk}" for pk in known[:5])
        if len(known) > 1:
            message = _("Matches several people in the registry (%(ids)s).") % {"ids": ids}
        else:
            message = _(
                "Already in the registry (%(ids)s): choose “update” or “skip” for such people."
            ) % {"ids": ids}
        self.result.errors.append(RowError(row, self.table.title(rr.FULL_NAME), message))


def preview_columns() -> list[tuple[str, str]]:
    """The preview's keys: (value key, Vietnamese label)."""
    return [
        ("row", _("Row")),
        ("action", _("Action")),
        ("full_name", _("Full name")),
        ("gender", _("Gender")),
        ("birth", _("Date or year of birth")),
        ("ethnicity_id", _("Ethnic group")),
        ("title_id", _("Academic title")),
        ("degree_id", _("Degree")),
        ("specialty", _("Specialty")),
        ("position", _("Position")),
        ("employer", _("Employer")),
        ("phone", _("Phone")),
        ("email", _("E-mail")),
        ("note", _("Note")),
    ]


def _preview(row: int, person: dict[str, Any], action: str, reader: _RowReader) -> dict[str, str]:
    """A row as it will be saved, keyed by the (translated) column labels."""
    names = {
        "ethnicity_id": reader.catalogues.ethnicities,
        "title_id": reader.catalogues.titles,
        "degree_id": reader.catalogues.degrees,
    }
    shown: dict[str, str] = {"row": str(row), "action": action}
    for key, value in person.items():
        if key in names:
            entry = next((e for e in names[key].by_key.values() if e.pk == value), None)
            shown[key] = entry.name if entry else ""
        elif key == "gender":
            shown[key] = str(Gender(value).label)
        elif key not in {"birth_date", "birth_year"}:
            shown[key] = str(value)
    birth = person.get("birth_date") or person.get("birth_year")
    shown["birth"] = text_of(birth) if birth else ""
    return {label: shown.get(key, "") for key, label in preview_columns()}


# ---------------------------------------------------------------- undo


def undo_import(batch: RosterImport, actor: User | None = None) -> int:
    """Take a whole import back: delete the people it created (their memberships go with
    them), remove the memberships it added, restore the values it overwrote.

    Returns the number of records reverted. RosterFileError when already undone, or when
    someone it created is now referred to elsewhere and cannot be deleted.
    """
    with transaction.atomic():
        batch = RosterImport.objects.select_for_update().get(pk=batch.pk)
        if batch.undone_at is not None:
            raise RosterFileError(
                _("This import was already undone on %(date)s.")
                % {"date": f"{timezone.localtime(batch.undone_at):%d/%m/%Y %H:%M}"}
            )
        undo = batch.undo or {}
        Membership.objects.filter(pk__in=undo.get("memberships", [])).delete()
        try:
            deleted = (
                Person.objects.filter(import_batch=batch).delete()[1].get("workforce.Person", 0)
            )
        except ProtectedError:
            raise RosterFileError(
                _("Some people of this import are used elsewhere now; it cannot be undone.")
            ) from None
        restored = _restore(undo.get("previous", {}), actor)
        batch.undone_at = timezone.now()
        batch.save(update_fields=["undone_at"])
    return deleted + restored


def _restore(previous: dict[str, dict[str, Any]], actor: User | None) -> int:
    people = Person.objects.in_bulk([int(pk) for pk in previous])
    fields: set[str] = set()
    for pk, values in previous.items():
        person = people.get(int(pk))
        if person is None:
            continue
        for key, value in values.items():
            if key == "birth_date" and value:
                value = datetime.date.fromisoformat(value)
            setattr(person, key, value)
            fields.add(key)
    if fields:
        bulk_update_with_history(
            list(people.values()),
            Person,
            sorted(fields),
            batch_size=BATCH_SIZE,
            default_user=actor,
            default_change_reason=_("Roster import undone"),
        )
    return len(people)
