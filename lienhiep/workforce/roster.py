"""Import an association's roster (danh sách hội viên) into the registry of intellectuals.

One code path for the screen (the ``workforce.import_roster`` job) and for the
``import_roster`` command: ``import_roster`` reads the file (``roster_read``), turns each
row into a person or into row errors (``roster_rows``), matches people repeated in the
file or already in the registry, and saves everything in one transaction with a
``RosterImport`` batch, or nothing at all when any row is wrong. ``undo_import`` takes a
whole batch back.

Speed and memory: the rows stream from the file into the people table of the batch
(``roster_store``: COPY on PostgreSQL), the database finds who repeats whom, and only
the rows that repeat someone come back to Python. Nothing grows with the file but two
arrays of ids and row numbers (16 bytes a row).
"""

from __future__ import annotations

import bisect
import datetime
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from lienhiep.associations.models import Association
from lienhiep.core.models import User
from lienhiep.jobs.results import RowError
from lienhiep.vn import fold
from lienhiep.workforce import access, roster_store
from lienhiep.workforce import roster_layout as layout
from lienhiep.workforce.models import Gender, Membership, Person, RosterImport
from lienhiep.workforce.roster_read import RosterFileError, Table, open_table, text_of
from lienhiep.workforce.roster_rows import Catalogues, RowReader
from lienhiep.workforce.statistics import registry_changed

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
BATCH_SIZE = roster_store.BATCH_SIZE
PROGRESS_EVERY = 2000
# A file this wrong is not worth checking to its end: the first errors tell what to mend.
MAX_ERRORS = 1000
# The reasons written into every changed person's history, which anyone may read later.
IMPORTED = gettext_lazy("Roster import")
UNDONE = gettext_lazy("Roster import undone")


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


# ---------------------------------------------------------------- the import


class _Rollback(Exception):
    """Leave the transaction without saving: some rows are wrong, or it is a dry run."""


def _for_the_records(text: Any) -> str:
    """``text`` as stored for every later reader: in the site's language, not the importer's."""
    with translation.override(settings.LANGUAGE_CODE):
        return str(text)


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
    try:
        with transaction.atomic():
            batch = RosterImport.objects.create(
                association=association,
                file_name=(file_name or Path(path).name)[:255],
                imported_by=actor,
            )
            run = _Run(table, policy, result, report, batch, actor)
            run.read()
            run.resolve()
            if result.errors or dry_run:
                raise _Rollback
            report(92, _("Saving"))
            run.save()
            result.batch = batch
    except _Rollback:
        result.batch = None
    return result


_CREATE, _UPDATE, _SKIP, _ERROR = "create", "update", "skip", "error"
# A person of another association's roster, listed here too: they join this association
# and their record stays as its keepers wrote it (counted with the updates).
_JOIN = "join"
# What a row can bring to a person it repeats: everything but the name.
_MERGED = [
    "gender",
    "birth_date",
    "birth_year",
    "ethnicity_id",
    "degree_id",
    "title_id",
    "specialty",
    "employer",
    "position",
    "phone",
    "email",
    "note",
]


class _Run:
    """One import: read the rows into the batch, decide who is who, then save."""

    def __init__(
        self,
        table: Table,
        policy: str,
        result: ImportResult,
        report: Progress,
        batch: RosterImport,
        actor: User | None,
    ) -> None:
        self.table, self.policy, self.result, self.report = table, policy, result, report
        self.batch, self.actor = batch, actor
        # Everyone the import writes carries the batch's own time, so that undo can tell
        # who was changed afterwards (``_changed_since``).
        self.now = batch.imported_at
        self.today = timezone.localdate()
        self.loader = roster_store.PeopleLoader(batch.pk, self.now)
        self.reader = RowReader(table, Catalogues.load(), self.today)
        self.preview: list[tuple[int, int, dict[str, Any]]] = []  # (row, index, values)
        self.action: dict[int, str] = {}  # batch id → update, skip or error (else: create)
        self.target: dict[int, int] = {}  # batch id of an update → the person it updates

    # ------------------------------------------------------------ reading

    def read(self) -> None:
        with self.loader:
            read = self._read()
        if not read and not self.result.errors:
            raise RosterFileError(_("The table has no rows under its header."))

    def _read(self) -> int:
        read = 0
        errors = self.result.errors
        for row, values in self.table.rows:
            texts = self.reader.texts(values)
            if self.reader.is_filler(texts):
                continue
            read += 1
            if read % PROGRESS_EVERY == 0:
                self._progress(row, read)
            person, row_errors = self.reader.read(row, values, texts)
            if row_errors:
                errors += row_errors
                if len(errors) >= MAX_ERRORS:
                    message = _(
                        "More than %(count)d errors: checking stopped here. Correct these rows "
                        "and check the file again."
                    ) % {"count": MAX_ERRORS}
                    errors.append(RowError(row, "", message))
                    break
                continue
            index = self.loader.add(row, person)
            if len(self.preview) < PREVIEW_ROWS * 2:
                self.preview.append((row, index, person))
        return read

    def _progress(self, row: int, read: int) -> None:
        total = self.table.total_rows
        percent = 5 + int(80 * min(1.0, row / total)) if total else 50
        self.report(percent, _("Checked %(count)d rows") % {"count": read})

    # ------------------------------------------------------------ who is who

    def resolve(self) -> None:
        """Decide, in row order, what becomes of each row that repeats a person."""
        self.report(88, _("Looking for people already in the registry"))
        roster_store.prepare_matching(len(self.loader.ids))
        earlier = roster_store.earlier_rows(self.batch.pk)
        known = roster_store.registry_matches(self.batch.pk)
        for pk in sorted(earlier.keys() | known.keys()):
            if pk in earlier:
                first = earlier[pk]
                while first in earlier:  # the row it repeats repeats an even earlier one
                    first = earlier[first]
                others = known.get(pk, [])
                if (
                    self.policy == DuplicatePolicy.UPDATE
                    and others
                    and (self.target.get(first, first) not in others)
                ):
                    # Two people at once: saving would give the registry a second record
                    # of someone it has.
                    self._conflict(pk, first, others)
                else:
                    self._repeat(pk, first)
            else:
                self._known(pk, known[pk])
        self._leave_others_records()
        counts = Counter(self.action.values())
        self.result.created = len(self.loader.ids) - sum(counts.values())
        self.result.updated = counts[_UPDATE] + counts[_JOIN]
        self.result.skipped = counts[_SKIP]
        self.result.errors.sort(key=lambda error: error.row)
        self._fill_preview()

    def _repeat(self, pk: int, first: int) -> None:
        """The same person as an earlier row of the file."""
        if self.policy == DuplicatePolicy.SKIP:
            self.action[pk] = _SKIP
        elif self.policy == DuplicatePolicy.UPDATE:
            self.action[pk] = _UPDATE
            self.target[pk] = self.target.get(first, first)
        else:
            self.action[pk] = _ERROR
            message = _("The same person as row %(row)d of the file.") % {
                "row": self.loader.row_of(first)
            }
            self._error(pk, message)

    def _leave_others_records(self) -> None:
        """Association staff change the records of their own members only (as by hand):
        registry people their roster would update who are not their members join, and
        keep their record. The Union's managers, and the command line, update anyone."""
        if self.actor is None or access.manages_registry(self.actor):
            return
        registry = {
            target
            for pk, target in self.target.items()
            if self.action[pk] == _UPDATE and not self._in_batch(target)
        }
        own = access.own_association_ids(self.actor)
        theirs: set[int] = set()
        for chunk in roster_store.chunks(sorted(registry)):
            members = Membership.objects.filter(
                association_id__in=own, left_on__isnull=True, person_id__in=chunk
            )
            theirs.update(members.values_list("person_id", flat=True))
        for pk, target in self.target.items():
            if self.action[pk] == _UPDATE and target in registry and target not in theirs:
                self.action[pk] = _JOIN

    def _conflict(self, pk: int, first: int, known: list[int]) -> None:
        self.action[pk] = _ERROR
        message = _(
            "The same person as row %(row)d of the file, and as %(ids)s in the registry, "
            "which that row is not: correct the file."
        ) % {"row": self.loader.row_of(first), "ids": ", ".join(f"#{o}" for o in known[:5])}
        self._error(pk, message)

    def _known(self, pk: int, known: list[int]) -> None:
        """A person the registry already has."""
        if self.policy == DuplicatePolicy.SKIP:
            self.action[pk] = _SKIP
            return
        if len(known) == 1 and self.policy == DuplicatePolicy.UPDATE:
            self.action[pk] = _UPDATE
            self.target[pk] = known[0]
            return
        self.action[pk] = _ERROR
        ids = ", ".join(f"#{other}" for other in known[:5])
        if len(known) > 1:
            message = _("Matches several people in the registry (%(ids)s).") % {"ids": ids}
        else:
            message = _(
                "Already in the registry (%(ids)s): choose “update” or “skip” for such people."
            ) % {"ids": ids}
        self._error(pk, message)

    def _error(self, pk: int, message: str) -> None:
        row = self.loader.row_of(pk)
        self.result.errors.append(RowError(row, self.table.title(layout.FULL_NAME), message))

    def _fill_preview(self) -> None:
        labels = {
            _CREATE: _("New person"),
            _UPDATE: _("Update"),
            _SKIP: _("Skip"),
            _JOIN: _("Joins; record left as it is"),
        }
        for row, index, person in self.preview:
            action = self.action.get(self.loader.ids[index], _CREATE)
            if action == _ERROR:
                continue
            self.result.preview.append(_preview(row, person, labels[action], self.reader))
            if len(self.result.preview) == PREVIEW_ROWS:
                break

    # ------------------------------------------------------------ saving

    def save(self) -> None:
        """Merge the repeating rows into the people they repeat, then give the batch's
        people their history and their membership."""
        updates = [pk for pk in sorted(self.action) if self.action[pk] == _UPDATE]
        brought = roster_store.values_of(updates, _MERGED)
        changes: dict[int, dict[str, Any]] = {}
        for pk in updates:  # in row order: the later row wins
            values = {k: v for k, v in brought[pk].items() if v not in (None, "")}
            changes.setdefault(self.target[pk], {}).update(values)
        for pk in self.action:
            if self.action[pk] == _JOIN:  # a membership, and nothing of their record
                changes.setdefault(self.target[pk], {})
        roster_store.delete_people(sorted(self.action))
        in_batch = {pk: v for pk, v in changes.items() if pk not in self.action and
                    self._in_batch(pk)}  # fmt: skip
        self._update_batch_people(in_batch)
        previous, memberships = self._update_registry(
            {pk: v for pk, v in changes.items() if pk not in in_batch}
        )
        self.report(96, _("Writing the history"))
        stamp = roster_store.Stamp(
            self.actor.pk if self.actor else None, _for_the_records(IMPORTED), self.now
        )
        roster_store.insert_history(self.batch.pk, stamp)
        roster_store.insert_memberships(self.batch.pk, self.batch.association_id, self.today, stamp)
        self.batch.created, self.batch.updated = self.result.created, self.result.updated
        self.batch.skipped = self.result.skipped
        self.batch.undo = {"previous": previous, "memberships": memberships}
        self.batch.save()
        registry_changed()  # the writes above bypass the model signals

    def _in_batch(self, pk: int) -> bool:
        ids = self.loader.ids
        index = bisect.bisect_left(ids, pk)
        return index < len(ids) and ids[index] == pk

    def _update_batch_people(self, changes: dict[int, dict[str, Any]]) -> None:
        """People this import creates, completed by the later rows that repeat them."""
        for chunk in roster_store.chunks(list(changes)):
            people = Person.objects.in_bulk(chunk)
            fields: set[str] = set()
            for pk, person in people.items():
                fields |= _apply(person, changes[pk])
            if fields:
                Person.objects.bulk_update(list(people.values()), sorted(fields))

    def _update_registry(
        self, changes: dict[int, dict[str, Any]]
    ) -> tuple[dict[str, dict[str, Any]], list[int]]:
        """Registry people the roster lists: their new values (with history), their
        membership; and, for undo, what they were and the memberships added."""
        previous: dict[str, dict[str, Any]] = {}
        memberships: list[int] = []
        association = self.batch.association_id
        for chunk in roster_store.chunks(list(changes)):
            people = Person.objects.in_bulk(chunk)
            changed_fields: set[str] = set()
            for pk, person in people.items():
                before = {key: getattr(person, key) for key in _MERGED}
                changed = _apply(person, changes[pk])
                for key in changed:
                    previous.setdefault(str(pk), {}).setdefault(key, _jsonable(before[key]))
                if changed:
                    # Undo puts the time of the last change back too: a later import
                    # undone first then leaves no trace that would refuse this one's undo.
                    previous[str(pk)].setdefault("updated_at", _jsonable(person.updated_at))
                changed_fields |= changed
            if changed_fields:
                for person in people.values():
                    person.updated_at = self.now
                bulk_update_with_history(
                    list(people.values()),
                    Person,
                    [*sorted(changed_fields), "updated_at"],
                    batch_size=BATCH_SIZE,
                    default_user=self.actor,
                    default_change_reason=_for_the_records(IMPORTED),
                )
            # A roster lists the association's members today: one who had left joins
            # again (a new membership; the old one stays as history).
            members = set(
                Membership.objects.filter(
                    association_id=association, person_id__in=chunk, left_on__isnull=True
                ).values_list("person_id", flat=True)
            )
            joined = bulk_create_with_history(
                [Membership(person_id=pk, association_id=association, joined_on=self.today)
                 for pk in chunk if pk not in members],
                Membership,
                default_user=self.actor,
                default_change_reason=_for_the_records(IMPORTED),
                default_date=self.now,  # the batch's time: later records are changes
            )  # fmt: skip
            memberships += [m.pk for m in joined]
        return previous, memberships


def _apply(person: Person, values: dict[str, Any]) -> set[str]:
    """Give ``person`` the values a later row brings; the fields that changed. A year of
    birth that contradicts the date the person had replaces the date."""
    changed = set()
    for key, value in values.items():
        if getattr(person, key) != value:
            setattr(person, key, value)
            changed.add(key)
    if person.birth_date and person.birth_year != person.birth_date.year:
        person.birth_date = None
        changed.add("birth_date")
    return changed


def _jsonable(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime.date) else value


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


def _preview(row: int, person: dict[str, Any], action: str, reader: RowReader) -> dict[str, str]:
    """A row as it will be saved, keyed by the (translated) column labels."""
    names = {
        "ethnicity_id": reader.catalogues.ethnicities,
        "title_id": reader.catalogues.titles,
        "degree_id": reader.catalogues.degrees,
    }
    shown: dict[str, str] = {"row": str(row), "action": action}
    for key, value in person.items():
        if key in names:
            entry = names[key].by_pk.get(value)
            shown[key] = entry.name if entry else ""
        elif key == "gender":
            shown[key] = str(Gender(value).label)
        elif key not in {"birth_date", "birth_year"}:
            shown[key] = str(value)
    birth = person.get("birth_date") or person.get("birth_year")
    shown["birth"] = text_of(birth) if birth else ""
    return {label: shown.get(key, "") for key, label in preview_columns()}


# ---------------------------------------------------------------- undo


def undo_import(
    batch: RosterImport, actor: User | None = None, progress: Progress = _no_progress
) -> int:
    """Take a whole import back: delete the people it created (their memberships go with
    them), remove the memberships it added, restore the values it overwrote. In bulk, as
    the import wrote them: each deleted person and membership gets its "deleted" history
    record, but no signal is sent one by one (a hundred thousand would take minutes).

    Returns the number of records reverted. RosterFileError when already undone, or when
    someone it touched was changed after it.
    """
    with transaction.atomic():
        batch = RosterImport.objects.select_for_update().get(pk=batch.pk)
        if batch.undone_at is not None:
            raise RosterFileError(
                _("This import was already undone on %(date)s.")
                % {"date": f"{timezone.localtime(batch.undone_at):%d/%m/%Y %H:%M}"}
            )
        undo = batch.undo or {}
        changed = _changed_since(
            batch,
            [int(pk) for pk in undo.get("previous", {})],
            [int(pk) for pk in undo.get("memberships", [])],
        )
        if changed:
            raise RosterFileError(
                ngettext(
                    "%(n)d person of this import was changed after it, by hand or by a later "
                    "import; undoing it would lose that change, so nothing was undone.",
                    "%(n)d people of this import were changed after it, by hand or by a later "
                    "import; undoing it would lose those changes, so nothing was undone.",
                    changed,
                )
                % {"n": changed}
            )
        progress(20, _("Removing the people and memberships it added"))
        stamp = roster_store.Stamp(
            actor.pk if actor else None, _for_the_records(UNDONE), timezone.now()
        )
        roster_store.delete_memberships([int(pk) for pk in undo.get("memberships", [])], stamp)
        deleted = roster_store.delete_batch_people(batch.pk, stamp)
        progress(70, _("Restoring the values it overwrote"))
        restored = _restore(undo.get("previous", {}), actor)
        batch.undone_at = timezone.now()
        batch.save(update_fields=["undone_at"])
        registry_changed()
    return deleted + restored


def _changed_since(batch: RosterImport, updated: list[int], joined: list[int]) -> int:
    """How many people the import created or updated were changed after it: edited (their
    ``updated_at`` is past the batch's time, which the import wrote), or, for those it
    created, given a membership of another association or recorded as leaving, or a
    membership it added corrected (its history goes on past the batch's time)."""
    touched = Person.objects.filter(Q(import_batch=batch) | Q(pk__in=updated))
    edited = set(touched.filter(updated_at__gt=batch.imported_at).values_list("pk", flat=True))
    by_hand = Membership.objects.filter(person__import_batch=batch).filter(
        ~Q(association_id=batch.association_id) | Q(left_on__isnull=False)
    )
    # Memberships still there: one added later and removed since (by hand, or by the
    # undo of a later import) changes nothing this undo would lose.
    concerned = Q(person__import_batch=batch) | Q(id__in=joined)
    corrected = Membership.history.filter(
        concerned,
        history_date__gt=batch.imported_at,
        id__in=Membership.objects.filter(concerned).values("id"),
    )
    return len(
        edited
        | set(by_hand.values_list("person_id", flat=True))
        | set(corrected.values_list("person_id", flat=True))
    )


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
            elif key == "updated_at":
                value = datetime.datetime.fromisoformat(value)
            setattr(person, key, value)
            fields.add(key)
    if fields:
        bulk_update_with_history(
            list(people.values()),
            Person,
            sorted(fields),
            batch_size=BATCH_SIZE,
            default_user=actor,
            default_change_reason=_for_the_records(UNDONE),
        )
    return len(people)
