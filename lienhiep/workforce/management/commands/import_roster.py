"""``manage.py import_roster PATH --association CODE [--dry-run] [--json] [--policy …]``.

The same code path as the import screen (``workforce.roster.import_roster``). With
``--json`` stdout holds exactly one JSON object: {"created", "updated", "skipped",
"errors": [{"row", "column", "message"}]}; the exit status is non-zero when there are
errors or the file cannot be read, with the message on stderr. A file that cannot be
read at all (or an association that does not exist) is one error with ``"row": null``
and an empty column, so that a script reading only stdout still learns why.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from lienhiep.workforce.roster import (
    DuplicatePolicy,
    ImportResult,
    RosterFileError,
    find_association,
    import_roster,
)
from lienhiep.workforce.roster_jobs import rejection_summary


class Command(BaseCommand):
    help = "Import an association's roster (.xlsx, .xls, .ods, .csv) into the registry."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path)
        parser.add_argument(
            "--association", required=True, help="The association's code, or its name."
        )
        parser.add_argument("--dry-run", action="store_true", help="Check only; save nothing.")
        parser.add_argument("--json", action="store_true", help="Print one JSON object.")
        parser.add_argument(
            "--policy",
            choices=DuplicatePolicy.values,
            default=DuplicatePolicy.REPORT,
            help="People already in the registry or repeated in the file.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["path"]
        try:
            if not path.is_file():
                raise RosterFileError(_("There is no file %(path)s.") % {"path": path})
            association = find_association(options["association"])
            result = import_roster(
                path, association, dry_run=options["dry_run"], policy=options["policy"]
            )
        except RosterFileError as exc:
            if options["json"]:
                whole_file = {"row": None, "column": "", "message": str(exc)}
                self._print_json({**ImportResult().as_json_dict(), "errors": [whole_file]})
            raise CommandError(str(exc)) from exc
        if options["json"]:
            self._print_json(result.as_json_dict())
        else:
            self._print_text(result, options["dry_run"])
        if result.errors:
            raise CommandError(rejection_summary(result))

    def _print_json(self, summary: dict[str, Any]) -> None:
        self.stdout.write(json.dumps(summary, ensure_ascii=False))

    def _print_text(self, result: ImportResult, dry_run: bool) -> None:
        counts = {"created": result.created, "updated": result.updated, "skipped": result.skipped}
        line = _("%(created)d new, %(updated)d updated, %(skipped)d skipped.") % counts
        if dry_run and not result.errors:
            line += " " + _("Dry run: nothing was saved.")
        self.stdout.write(line)
        for error in result.errors:
            self.stderr.write(
                _("Row %(row)d, %(column)s: %(message)s")
                % {"row": error.row, "column": error.column or "—", "message": error.message}
            )
