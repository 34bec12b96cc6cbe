"""Background jobs of the workforce registry."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from lienhiep.core.models import User
from lienhiep.docgen.xlsx import Chart, Column, Sheet, build_xlsx
from lienhiep.jobs.models import Job
from lienhiep.jobs.runner import JobError, attach_file, register
from lienhiep.workforce import access, exports, roster_jobs  # noqa: F401 (registers their jobs)
from lienhiep.workforce.statistics import MatrixRow, count_all


@register("workforce.export_statistics")
def export_statistics(job: Job) -> None:
    if job.owner is None or not access.can_use_registry(job.owner):
        raise JobError(_("You may no longer read the registry."))
    owner: User = job.owner
    job.report(10, _("Counting"))
    people = access.people_visible_to(owner)
    tables, matrices = count_all(people, timezone.localdate())
    job.report(70, _("Writing the workbook"))
    sheets = [
        Sheet(
            name=table.title[:31],
            title=table.title,
            columns=[Column(table.title, 40), Column(_("People"), 12), Column(_("Share (%)"), 10)],
            rows=[[row.label, row.count, row.share] for row in table.rows],
            chart=Chart(1, table.title),
        )
        for table in tables
    ] + [
        Sheet(
            name=matrix.sheet[:31],
            title=f"{matrix.title}. {matrix.note}" if matrix.note else matrix.title,
            columns=[Column(matrix.row_heading, 40)]
            + [Column(column.long, 12) for column in matrix.columns],
            rows=[
                [row.label, *row.values]
                for row in matrix.rows
                + ([MatrixRow(_("Total"), matrix.total)] if matrix.total else [])
            ],
            # The column the page draws as bars (people, by default), without the total.
            chart=Chart(
                (matrix.chart or 0) + 1,
                f"{matrix.columns[matrix.chart or 0].long} — {matrix.sheet}",
                rows=len(matrix.rows),
            ),
        )
        for matrix in matrices
    ]
    attach_file(
        job, f"so-luong-chat-luong-tri-thuc-{timezone.localdate():%Y%m%d}.xlsx", build_xlsx(sheets)
    )
    job.report(100, _("The workbook is ready."))
