"""The task table of a document as a workbook, built in the background."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from lienhiep.directives.models import SteeringDocument
from lienhiep.directives.status import Status, evaluate, summarize
from lienhiep.docgen.xlsx import Column, Sheet, XlsxValue, build_xlsx
from lienhiep.jobs.models import Job
from lienhiep.jobs.runner import attach_file, register


@register("directives.export_tasks")
def export_tasks(job: Job) -> None:
    document = SteeringDocument.objects.select_related("issuer").get(pk=job.params["document_id"])
    job.report(10, _("Reading the tasks"))
    tasks = list(
        document.tasks.select_related("document", "lead")
        .prefetch_related("coordinators")
        .order_by("position", "pk")
    )
    today = timezone.localdate()
    states = evaluate(tasks, today)
    job.report(50, _("Writing the workbook"))
    rows: list[list[XlsxValue]] = []
    for index, task in enumerate(tasks, start=1):
        state = states[task.pk]
        rows.append(
            [
                task.number or str(index),
                task.content,
                task.lead.name,
                "; ".join(c.name for c in task.coordinators.all()),
                task.deadline or (task.get_recurrence_display() if task.recurrence else ""),
                task.expected_product,
                str(Status(state.status).label),
                state.percent,
            ]
        )
    summary = summarize([states[t.pk] for t in tasks])
    content = build_xlsx(
        [
            Sheet(
                name=_("Tasks"),
                title=f"{document} — {document.title}",
                columns=[
                    Column(_("No."), 6),
                    Column(_("Task"), 60),
                    Column(_("Lead unit"), 30),
                    Column(_("Coordinating units"), 30),
                    Column(_("Deadline"), 14, "dd/mm/yyyy"),
                    Column(_("Expected product"), 30),
                    Column(_("Status"), 18),
                    Column(_("Progress (%)"), 10),
                ],
                rows=rows,
            ),
            Sheet(
                name=_("Counts"),
                columns=[Column(_("Status"), 36), Column(_("Tasks"), 10)],
                rows=[[label, count] for _value, label, count, _colour in summary.rows],
            ),
        ]
    )
    filename = f"nhiem-vu-{document.symbol.replace('/', '-')}-{today:%Y%m%d}.xlsx"
    attach_file(job, filename, content)
    job.report(100, _("The workbook is ready."))
