from __future__ import annotations

import uuid

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from lienhiep.jobs.access import access_job


@login_required
def detail(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    job = access_job(request.user, pk)
    return render(request, "jobs/detail.html", {"job": job})


@login_required
def progress(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    # The fragment of a finished job carries no polling trigger, so htmx stops.
    job = access_job(request.user, pk)
    return render(request, "jobs/_progress.html", {"job": job})


@login_required
def download(request: HttpRequest, pk: uuid.UUID) -> FileResponse:
    job = access_job(request.user, pk)
    if not job.result_file:
        raise Http404
    return FileResponse(
        job.result_file.open("rb"), as_attachment=True, filename=job.result_filename
    )
