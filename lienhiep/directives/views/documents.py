"""Steering documents: the list, one document's page with its tasks and cascade, edits."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lienhiep.core.access import require
from lienhiep.core.history import change_history
from lienhiep.directives import access, actions
from lienhiep.directives.forms import AttachmentForm, DocumentFilterForm, DocumentForm
from lienhiep.directives.models import DocumentAttachment, SteeringDocument
from lienhiep.directives.status import TaskState, evaluate, summarize
from lienhiep.directives.views.common import actor, send_file
from lienhiep.jobs.runner import start_job
from lienhiep.vn import fold


@login_required
def document_list(request: HttpRequest) -> HttpResponse:
    require(access.can_use_module(request.user))
    form = DocumentFilterForm(request.GET or None)
    documents = access.documents_visible_to(request.user).select_related("issuer", "implements")
    if form.is_valid():
        data = form.cleaned_data
        if data["kind"]:
            documents = documents.filter(kind=data["kind"])
        if data["issuer"]:
            documents = documents.filter(issuer=data["issuer"])
        if data["year"]:
            documents = documents.filter(issued_on__year=data["year"])
        if data["in_force"]:
            documents = documents.filter(in_force=data["in_force"] == "1")
        for word in fold(data["q"]).split():
            # The folded column is written by the model on every save, so
            # "ket luan 93" finds "Kết luận 93-KL/TW" on SQLite and PostgreSQL alike.
            documents = documents.filter(search_text__contains=word)
    page = Paginator(documents.order_by("-issued_on", "symbol"), 50).get_page(
        request.GET.get("page")
    )
    _attach_summaries(list(page.object_list), request.user)
    context = {
        "form": form,
        "page": page,
        "can_manage": access.can_manage(request.user),
        "query_string": _query_without_page(request),
    }
    return render(request, "directives/document_list.html", context)


def _attach_summaries(documents: list[SteeringDocument], user: object) -> None:
    """The four-way counts of each listed document, from one load of their tasks."""
    tasks = list(
        access.tasks_visible_to(user)  # type: ignore[arg-type]
        .filter(document__in=documents)
        .select_related("document", "lead")
    )
    states = evaluate(tasks, timezone.localdate())
    by_document: dict[int, list[TaskState]] = {}
    for task in tasks:
        by_document.setdefault(task.document_id, []).append(states[task.pk])
    for document in documents:
        document.summary_counts = summarize(by_document.get(document.pk, []))  # type: ignore[attr-defined]


def _query_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@dataclass
class CascadeNode:
    document: SteeringDocument
    depth: int
    current: bool


def _cascade(document: SteeringDocument, user: object) -> list[CascadeNode]:
    """The chain above the document, the document, and every document below it."""
    visible = set(access.documents_visible_to(user).values_list("pk", flat=True))  # type: ignore[arg-type]
    nodes = [CascadeNode(d, i, False) for i, d in enumerate(document.ancestors())]
    depth = len(nodes)
    nodes.append(CascadeNode(document, depth, True))
    frontier = [document.pk]
    below: dict[int, list[SteeringDocument]] = {}
    seen = {document.pk}
    while frontier:
        level = list(
            SteeringDocument.objects.filter(implements_id__in=frontier)
            .exclude(pk__in=seen)
            .select_related("issuer")
            .order_by("issued_on")
        )
        for child in level:
            below.setdefault(child.implements_id or 0, []).append(child)
            seen.add(child.pk)
        frontier = [c.pk for c in level]

    def walk(pk: int, level: int) -> None:
        for child in below.get(pk, []):
            if child.pk in visible:
                nodes.append(CascadeNode(child, level, False))
            walk(child.pk, level + 1)

    walk(document.pk, depth + 1)
    return nodes


@login_required
def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    document = access.access_document(request.user, pk)
    tasks = (
        access.tasks_visible_to(request.user)
        .filter(document=document)
        .select_related("document", "lead")
        .prefetch_related("coordinators")
        .order_by("position", "pk")
    )
    today = timezone.localdate()
    states = evaluate(tasks, today)
    rows = [states[t.pk] for t in tasks]
    context = {
        "document": document,
        "chain": [*document.ancestors(), document],
        "cascade": _cascade(document, request.user),
        "rows": rows,
        "summary": summarize(rows),
        "attachments": document.attachments.all(),
        "reviews": document.reviews.all() if access.can_review(request.user) else [],
        "can_manage": access.can_manage(request.user),
        "can_review": access.can_review(request.user),
        "can_urge": access.can_urge(request.user),
        "attachment_form": AttachmentForm(),
    }
    return render(request, "directives/document_detail.html", context)


@login_required
def document_create(request: HttpRequest) -> HttpResponse:
    require(access.can_manage(request.user))
    initial = {}
    if parent := request.GET.get("implements"):
        initial["implements"] = parent
    form = DocumentForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        document = actions.do_save_document(actor(request), form.instance)
        messages.success(request, _("The document was saved."))
        return redirect(document)
    context = {
        "form": form,
        "title": _("New document"),
        "cancel_url": reverse("directives:document_list"),
    }
    return render(request, "form_page.html", context)


@login_required
def document_edit(request: HttpRequest, pk: int) -> HttpResponse:
    document = access.access_document(request.user, pk, for_change=True)
    form = DocumentForm(request.POST or None, instance=document)
    if request.method == "POST" and form.is_valid():
        actions.do_save_document(actor(request), form.instance)
        messages.success(request, _("The document was saved."))
        return redirect(document)
    context = {
        "form": form,
        "title": _("Edit %(document)s") % {"document": document},
        "cancel_url": document.get_absolute_url(),
    }
    return render(request, "form_page.html", context)


@login_required
def document_history(request: HttpRequest, pk: int) -> HttpResponse:
    document = access.access_document(request.user, pk)
    require(access.reads_everything(request.user))
    entries = change_history(document.history.all(), SteeringDocument)
    return render(request, "core/history.html", {"object": document, "entries": entries})


@login_required
@require_POST
def attachment_upload(request: HttpRequest, pk: int) -> HttpResponse:
    document = access.access_document(request.user, pk, for_change=True)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        for upload in form.cleaned_data["attachments"]:
            actions.do_add_attachment(actor(request), document, upload)
        messages.success(request, _("The files were attached."))
    else:
        for error in form.errors.get("attachments", []):
            messages.error(request, str(error))
    return redirect(document)


@login_required
def attachment_download(request: HttpRequest, pk: int) -> HttpResponseBase:
    try:
        attachment = DocumentAttachment.objects.select_related("document").get(pk=pk)
    except DocumentAttachment.DoesNotExist:
        raise Http404 from None
    access.access_document(request.user, attachment.document_id)
    return send_file(attachment.file, attachment.name)


@login_required
@require_POST
def document_export(request: HttpRequest, pk: int) -> HttpResponse:
    document = access.access_document(request.user, pk)
    require(access.can_review(request.user))
    job = start_job(
        "directives.export_tasks",
        title=_("Task table of %(symbol)s") % {"symbol": document.symbol},
        owner=actor(request),
        params={"document_id": document.pk},
    )
    return redirect(job)
