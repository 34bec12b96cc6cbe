"""Roster import screens: upload, preview (a dry run in the worker), commit, history, undo.

The file is stored once; the preview job and the commit job read the same
stored file through ``workforce.roster.import_roster``, the code path the
``import_roster`` command uses too.
"""

from __future__ import annotations

import uuid
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from lienhiep.associations.access import associations_visible_to, can_edit, can_manage_all
from lienhiep.associations.models import Association
from lienhiep.core.access import require
from lienhiep.core.choices import VietnameseModelChoiceField
from lienhiep.core.models import User
from lienhiep.jobs.access import access_job
from lienhiep.jobs.models import Job, JobStatus
from lienhiep.jobs.runner import start_job
from lienhiep.workforce import access
from lienhiep.workforce.models import RosterImport
from lienhiep.workforce.roster import DuplicatePolicy
from lienhiep.workforce.roster_jobs import UNDO_KIND

ROSTER_SUFFIXES = (".xlsx", ".xls", ".ods", ".csv")
SAMPLES_DIR = Path(__file__).resolve().parent / "samples"
JOB_KIND = "workforce.import_roster"


def imports_rosters(user: object, associations: list[Association] | None = None) -> bool:
    """Whether the user imports rosters at all: managers do without a query (the import
    page says so when no association is registered yet), association staff for theirs.
    ``associations``: the user's ``access.roster_associations``, when already read."""
    if can_manage_all(user):  # type: ignore[arg-type]
        return True
    if associations is None:
        associations = access.roster_associations(user)  # type: ignore[arg-type]
    return bool(associations)


class RosterUploadForm(forms.Form):
    association = VietnameseModelChoiceField(
        label=gettext_lazy("Association"), queryset=Association.objects.none()
    )
    file = forms.FileField(
        label=gettext_lazy("Roster file"),
        help_text=gettext_lazy(".xlsx, .xls, .ods or .csv, as the association sent it."),
    )
    policy = forms.ChoiceField(
        label=gettext_lazy("People already in the registry"),
        choices=DuplicatePolicy.choices,
        initial=DuplicatePolicy.REPORT,
    )

    def __init__(self, *args: object, associations: list[Association], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        field = self.fields["association"]
        field.queryset = Association.objects.filter(  # type: ignore[attr-defined]
            pk__in=[a.pk for a in associations]
        ).select_related("organization")
        if len(associations) == 1:
            field.initial = associations[0].pk

    def clean_file(self) -> object:
        upload = self.cleaned_data["file"]
        name = upload.name or ""
        if not name.lower().endswith(ROSTER_SUFFIXES):
            raise forms.ValidationError(
                _("Choose a spreadsheet: %(types)s.") % {"types": ", ".join(ROSTER_SUFFIXES)}
            )
        if not upload.size:
            raise forms.ValidationError(_("The file is empty."))
        if upload.size > settings.ROSTER_MAX_MB * 1024 * 1024:
            raise forms.ValidationError(
                _("The file is larger than %(limit)d MB.") % {"limit": settings.ROSTER_MAX_MB}
            )
        return upload


def _actor(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


@login_required
def import_start(request: HttpRequest) -> HttpResponse:
    associations = access.roster_associations(request.user)
    require(imports_rosters(request.user, associations))
    # The association's page links here with its id: that association comes chosen.
    initial = {"association": request.GET["association"]} if "association" in request.GET else {}
    form = RosterUploadForm(
        request.POST or None, request.FILES or None, associations=associations, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        suffix = Path(upload.name).suffix.lower()
        stored = default_storage.save(f"imports/rosters/{uuid.uuid4().hex}{suffix}", upload)
        association: Association = form.cleaned_data["association"]
        job = start_job(
            JOB_KIND,
            title=_("Preview of %(file)s for %(association)s")
            % {"file": upload.name, "association": association},
            owner=_actor(request),
            params={
                "association_id": association.pk,
                "path": stored,
                "dry_run": True,
                "policy": form.cleaned_data["policy"],
                "file_name": upload.name,
            },
        )
        return redirect("workforce:import_review", pk=job.pk)
    context = {"form": form, "associations": associations}
    return render(request, "workforce/import_start.html", context)


def _preview_job(request: HttpRequest, pk: uuid.UUID) -> Job:
    job = access_job(request.user, pk)
    if job.kind != JOB_KIND or not job.params.get("dry_run"):
        raise Http404
    association = Association.objects.filter(pk=job.params.get("association_id")).first()
    if association is None or not can_edit(request.user, association):
        raise Http404
    return job


@login_required
def import_review(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    job = _preview_job(request, pk)
    preview = job.result.get("preview") or []
    columns = list(preview[0].keys()) if preview else []
    context = {
        "job": job,
        "columns": columns,
        "rows": [[row.get(c, "") for c in columns] for row in preview],
        "can_commit": job.status == JobStatus.SUCCEEDED and not job.result.get("errors"),
    }
    return render(request, "workforce/import_review.html", context)


@login_required
@require_POST
def import_commit(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    preview = _preview_job(request, pk)
    if preview.status != JobStatus.SUCCEEDED or preview.result.get("errors"):
        messages.error(request, _("Correct the errors and upload the file again."))
        return redirect("workforce:import_review", pk=preview.pk)
    job = start_job(
        JOB_KIND,
        title=_("Import of %(file)s") % {"file": preview.params["file_name"]},
        owner=_actor(request),
        params={**preview.params, "dry_run": False},
    )
    return redirect(job)


@login_required
def import_history(request: HttpRequest) -> HttpResponse:
    associations = access.roster_associations(request.user)
    require(bool(associations) or access.reads_registry(request.user))
    visible = associations_visible_to(request.user)
    batches = (
        RosterImport.objects.filter(association__in=visible)
        .select_related("association__organization", "imported_by")
        .order_by("-imported_at")[:200]
    )
    editable = {a.pk for a in associations}
    return render(
        request, "workforce/import_history.html", {"batches": batches, "editable": editable}
    )


@login_required
@require_POST
def import_undo(request: HttpRequest, pk: int) -> HttpResponse:
    batch = RosterImport.objects.select_related("association__organization").filter(pk=pk).first()
    if batch is None or not can_edit(request.user, batch.association):
        raise Http404
    if batch.undone_at is not None:
        messages.error(request, _("This import was already undone."))
        return redirect("workforce:import_history")
    # In the worker: an import of a hundred thousand people is undone in seconds, not
    # in the time a request may take.
    job = start_job(
        UNDO_KIND,
        title=_("Undo of the import of %(file)s") % {"file": batch.file_name},
        owner=_actor(request),
        params={"batch_id": batch.pk},
    )
    return redirect(job)


@login_required
def import_sample(request: HttpRequest, name: str) -> FileResponse:
    require(bool(access.roster_associations(request.user)))
    samples = {p.name: p for p in SAMPLES_DIR.glob("*.xlsx")}
    if name not in samples:
        raise Http404
    return FileResponse(samples[name].open("rb"), as_attachment=True, filename=name)
