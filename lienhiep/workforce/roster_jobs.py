"""The roster import and its undo, run by the task worker.

``workforce.import_roster``: a roster import.

The screen stores the upload once and starts a dry run (``dry_run`` True) to show the
preview; the commit starts the same job again on the same stored file with ``dry_run``
False. So the stored file is kept after a dry run and deleted only after a real import,
whether it succeeded or not. Params: ``association_id``, ``path`` (a default_storage
name), ``dry_run``, ``policy``, ``file_name``.

``workforce.undo_import``: a whole import taken back (params: ``batch_id``); the worker
asks again whether the job's owner still keeps the batch's association.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from django.contrib.humanize.templatetags.humanize import intcomma
from django.core.files.storage import default_storage
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lienhiep.associations.access import can_edit
from lienhiep.associations.models import Association
from lienhiep.jobs.models import Job
from lienhiep.jobs.runner import JobError, register
from lienhiep.workforce.models import RosterImport
from lienhiep.workforce.roster import (
    PREVIEW_ROWS,
    DuplicatePolicy,
    ImportResult,
    RosterFileError,
    import_roster,
    undo_import,
)

UNDO_KIND = "workforce.undo_import"
# A job's result is shown on one page: keep the first errors, count them all.
MAX_STORED_ERRORS = 1000


@register("workforce.import_roster")
def import_roster_job(job: Job) -> None:
    params = job.params
    dry_run = bool(params.get("dry_run"))
    path = str(params["path"])
    try:
        association = Association.objects.filter(pk=params.get("association_id")).first()
        if association is None:
            raise JobError(_("The association was deleted before its roster could be imported."))
        result = _run(job, association, path, dry_run)
    finally:
        if not dry_run:
            default_storage.delete(path)
    job.result = _stored(result, dry_run)
    if result.errors:
        job.report(job.percent, _("Nothing was saved."))
        raise JobError(rejection_summary(result))
    if not dry_run:
        with suppress(NoReverseMatch):
            job.result["next_url"] = reverse("workforce:import_history")
            job.result["next_label"] = _("Open the import history")
    job.report(100, _done_message(result, dry_run))


@register(UNDO_KIND)
def undo_import_job(job: Job) -> None:
    batch = (
        RosterImport.objects.select_related("association")
        .filter(pk=job.params.get("batch_id"))
        .first()
    )
    if batch is None:
        raise JobError(_("This import no longer exists."))
    if job.owner is None or not can_edit(job.owner, batch.association):
        raise JobError(_("You may no longer change the rosters of this association."))
    try:
        reverted = undo_import(batch, job.owner, progress=job.report)
    except RosterFileError as exc:
        raise JobError(str(exc)) from exc
    job.result = {"reverted": reverted}
    with suppress(NoReverseMatch):
        job.result["next_url"] = reverse("workforce:import_history")
        job.result["next_label"] = _("Open the import history")
    job.report(
        100,
        _("The import was undone (%(count)s records reverted).") % {"count": intcomma(reverted)},
    )


def _run(job: Job, association: Association, path: str, dry_run: bool) -> ImportResult:
    policy = str(job.params.get("policy") or DuplicatePolicy.REPORT)
    if not default_storage.exists(path):
        raise JobError(_("The uploaded file is no longer available: upload it again."))
    try:
        with _local_file(path) as local:
            return import_roster(
                local,
                association,
                actor=job.owner,
                dry_run=dry_run,
                policy=policy,
                file_name=str(job.params.get("file_name") or Path(path).name),
                progress=job.report,
            )
    except RosterFileError as exc:
        raise JobError(str(exc)) from exc


@contextmanager
def _local_file(name: str) -> Iterator[Path]:
    """The stored file as a local path: the readers open it more than once."""
    try:
        yield Path(default_storage.path(name))
        return
    except NotImplementedError:  # a remote storage: copy it to a temporary file
        pass
    with tempfile.NamedTemporaryFile(suffix=Path(name).suffix) as copy:
        with default_storage.open(name, "rb") as stored:
            shutil.copyfileobj(stored, copy)
        copy.flush()
        yield Path(copy.name)


def _stored(result: ImportResult, dry_run: bool) -> dict[str, Any]:
    stored = result.as_json_dict()
    stored["errors"] = stored["errors"][:MAX_STORED_ERRORS]
    stored.update(
        error_count=len(result.errors),
        preview=result.preview[:PREVIEW_ROWS],
        encoding=result.encoding,
        batch_id=result.batch.pk if result.batch else None,
        dry_run=dry_run,
    )
    return stored


def rejection_summary(result: ImportResult) -> str:
    rows = len({error.row for error in result.errors})
    return ngettext(
        "%(rows)s row of the roster has errors, so nobody was saved. "
        "Correct it in the file and import it again.",
        "%(rows)s rows of the roster have errors, so nobody was saved. "
        "Correct them in the file and import it again.",
        rows,
    ) % {"rows": intcomma(rows)}


def _done_message(result: ImportResult, dry_run: bool) -> str:
    counts = {
        "created": intcomma(result.created),
        "updated": intcomma(result.updated),
        "skipped": intcomma(result.skipped),
    }
    if dry_run:
        return (
            _(
                "Checked: %(created)s new, %(updated)s updated, %(skipped)s skipped. "
                "Nothing saved yet."
            )
            % counts
        )
    return _("Imported: %(created)s new, %(updated)s updated, %(skipped)s skipped.") % counts
