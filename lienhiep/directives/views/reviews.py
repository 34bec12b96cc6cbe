"""Review reports (sơ kết / tổng kết) and formal urging letters.

The draft's text is edited here; its tables are recomputed from the data on the
page and at every download, by the same ``lienhiep.directives.review`` functions
the command and the job use.
"""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lienhiep.core.access import require
from lienhiep.directives import access, actions
from lienhiep.directives.forms_reviews import ReviewCreateForm, ReviewEditForm, UrgingLetterForm
from lienhiep.directives.letters import OverdueTask, overdue_tasks
from lienhiep.directives.models import ReviewKind, ReviewReport, SteeringDocument
from lienhiep.directives.review import collect, fill_from_data, review_filename
from lienhiep.directives.status import STATUS_COLOURS, TALLY_COLOURS, Tally
from lienhiep.directives.views.common import actor
from lienhiep.jobs.runner import start_job


def _posted(request: HttpRequest) -> QueryDict | None:
    """The submitted data, even when empty (an empty POST must still show its errors)."""
    return request.POST if request.method == "POST" else None


@login_required
def review_create(request: HttpRequest, pk: int) -> HttpResponse:
    require(access.can_review(request.user))
    document = access.access_document(request.user, pk)
    today = timezone.localdate()
    initial = {
        "kind": ReviewKind.PRELIMINARY,
        "period_from": datetime.date(today.year, 1, 1),
        "period_to": today,
        "report_date": today,
    }
    form = ReviewCreateForm(_posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        review = form.save(commit=False)
        review.document = document
        fill_from_data(review)
        actions.do_save_review(actor(request), review)
        messages.success(request, _("The draft was written from the data: review and edit it."))
        return redirect(review)
    context = {"form": form, "document": document, "chain": [*document.ancestors(), document]}
    return render(request, "directives/review_create.html", context)


def _preview(review: ReviewReport) -> dict[str, object]:
    """The live tables the page shows beside the editable text."""
    data = collect(review.document, review.period_from, review.period_to)
    tally_rows = [
        (label, data.summary.counts.get(value, 0), TALLY_COLOURS[value])
        for value, label in Tally.choices
    ]
    unit_rows = [
        (
            unit.unit,
            len(unit.states),
            [unit.summary.counts.get(value, 0) for value in Tally.values],
            unit.percent,
        )
        for unit in data.units
    ]
    return {
        "data": data,
        "tally_rows": tally_rows,
        "tally_headers": [(label, TALLY_COLOURS[value]) for value, label in Tally.choices],
        "unit_rows": unit_rows,
        "status_colours": STATUS_COLOURS,
    }


@login_required
def review_detail(request: HttpRequest, pk: int) -> HttpResponse:
    review = access.access_review(request.user, pk)
    form = ReviewEditForm(_posted(request), instance=review)
    if request.method == "POST" and form.is_valid():
        actions.do_save_review(actor(request), form.instance)
        messages.success(request, _("Changes saved."))
        return redirect(review)
    document = review.document
    chain = [*document.ancestors(), document]
    context = {"review": review, "form": form, "chain": chain, **_preview(review)}
    return render(request, "directives/review_detail.html", context)


@login_required
@require_POST
def review_regenerate(request: HttpRequest, pk: int) -> HttpResponse:
    review = access.access_review(request.user, pk)
    fill_from_data(review)
    actions.do_save_review(actor(request), review)
    messages.success(request, _("The text was written again from the data."))
    return redirect(review)


@login_required
@require_POST
def review_download(request: HttpRequest, pk: int) -> HttpResponse:
    review = access.access_review(request.user, pk)
    job = start_job(
        "directives.review_docx",
        title=_("Review report %(file)s") % {"file": review_filename(review)},
        owner=actor(request),
        params={"review_id": review.pk},
    )
    return redirect(job)


def _urgeable(request: HttpRequest, today: datetime.date) -> tuple[list[OverdueTask], object]:
    """Overdue tasks the user sees, of one document when ``?document=`` names one."""
    tasks = (
        access.tasks_visible_to(request.user)
        .filter(paused=False)
        .select_related("document", "lead")
        .order_by("document", "position", "pk")
    )
    document: SteeringDocument | None = None
    if (raw := request.GET.get("document", "")).isdigit():
        document = access.access_document(request.user, int(raw))
        tasks = tasks.filter(document=document)
    # Only a recurring task or one past its deadline can be overdue: judge only those.
    tasks = tasks.exclude(recurrence="", deadline__isnull=True).exclude(
        recurrence="", deadline__gte=today
    )
    return overdue_tasks(tasks, today), document


@login_required
def urging_letter(request: HttpRequest) -> HttpResponse:
    require(access.can_urge(request.user))
    today = timezone.localdate()
    rows, document = _urgeable(request, today)
    form = UrgingLetterForm(_posted(request), task_ids=[row.task.pk for row in rows])
    if request.method == "POST" and form.is_valid():
        sender = actor(request).organization
        if sender is None:
            messages.error(request, _("Your account belongs to no organization to send from."))
            return redirect(request.get_full_path())
        data = form.cleaned_data
        job = start_job(
            "directives.urging_letter",
            title=_("Urging letter on %(count)d overdue tasks") % {"count": len(data["tasks"])},
            owner=actor(request),
            params={
                "task_ids": data["tasks"],
                "sender_id": sender.pk,
                "today": today.isoformat(),
                "symbol": data["symbol"],
                "signer_title": data["signer_title"],
                "signer_name": data["signer_name"],
            },
        )
        return redirect(job)
    chosen = {str(value) for value in form["tasks"].value() or []}
    context = {"form": form, "rows": rows, "document": document, "chosen": chosen}
    return render(request, "directives/urging_letter.html", context)
