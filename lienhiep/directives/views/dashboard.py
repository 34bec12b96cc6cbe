"""The dashboard: how far each unit has got, what is overdue, in a chart and a table."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from lienhiep.core.access import require
from lienhiep.core.models import Organization
from lienhiep.directives import access
from lienhiep.directives.status import (
    TALLY_COLOURS,
    Summary,
    Tally,
    TaskState,
    evaluate,
    summarize,
)


@dataclass
class UnitRow:
    unit: Organization
    summary: Summary

    @property
    def segments(self) -> list[tuple[str, str, int, float]]:
        """(label, colour, count, width in %) for the stacked bar."""
        counted = self.summary.counted or 1
        return [
            (label, colour, count, round(100 * count / counted, 1))
            for _value, label, count, colour in self.summary.rows
            if count
        ]


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """Completion by lead unit over the tasks the user may see (optionally one document)."""
    require(access.can_use_module(request.user))
    today = timezone.localdate()
    tasks = access.tasks_visible_to(request.user).select_related("document", "lead")
    documents = access.documents_visible_to(request.user).order_by("-issued_on")
    chosen = request.GET.get("document", "")
    if chosen.isdigit():
        tasks = tasks.filter(document_id=int(chosen))
    task_list = list(tasks)
    states = evaluate(task_list, today)
    by_unit: dict[int, list[TaskState]] = {}
    units: dict[int, Organization] = {}
    for task in task_list:
        by_unit.setdefault(task.lead_id, []).append(states[task.pk])
        units[task.lead_id] = task.lead
    rows = [UnitRow(units[pk], summarize(group)) for pk, group in by_unit.items()]
    rows.sort(key=lambda r: (-r.summary.counts[Tally.NOT_DONE_OVERDUE], r.unit.name))
    overall = summarize([states[t.pk] for t in task_list])
    context = {
        "rows": rows,
        "overall": overall,
        "documents": list(documents.values("pk", "symbol", "kind")),
        "chosen": chosen,
        "legend": [(str(label), TALLY_COLOURS[value]) for value, label in Tally.choices],
        "today": today,
    }
    return render(request, "directives/dashboard.html", context)
