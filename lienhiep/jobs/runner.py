"""Start long work in the task worker and keep its Job record current.

A job kind is a plain function ``work(job) -> None`` registered under a name;
it calls ``job.report(percent, message)`` as it goes and may attach a file
with ``attach_file``. ``start_job`` creates the record and enqueues the
django-tasks task once the surrounding transaction commits, so the worker
never looks for a row it cannot see yet.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from lienhiep.core.models import User
from lienhiep.jobs.models import Job, JobStatus

logger = logging.getLogger(__name__)

JobFunction = Callable[[Job], None]
_REGISTRY: dict[str, JobFunction] = {}


class JobError(Exception):
    """A failure whose message is meant for the user (already translated)."""


def register(kind: str) -> Callable[[JobFunction], JobFunction]:
    def decorator(func: JobFunction) -> JobFunction:
        _REGISTRY[kind] = func
        return func

    return decorator


def start_job(kind: str, *, title: str, owner: User | None, params: dict[str, Any]) -> Job:
    if kind not in _REGISTRY:
        raise KeyError(kind)
    job = Job.objects.create(
        kind=kind, title=title, owner=owner, params=params, language=_language_now()
    )
    transaction.on_commit(lambda: run_job.enqueue(str(job.pk)))
    return job


def _language_now() -> str:
    """The active language (a request's, or the site's default) if the site offers it."""
    language = translation.get_language() or ""
    return language if language in dict(settings.LANGUAGES) else ""


def attach_file(job: Job, filename: str, content: bytes) -> None:
    job.result_filename = filename
    job.result_file.save(filename, ContentFile(content), save=False)


@task()
def run_job(job_id: str) -> str:
    job = Job.objects.get(pk=job_id)
    if job.is_finished:
        return job.status
    job.mark_running()
    # The worker is a management command, which turns translation off: the job speaks
    # the language of the page that started it (its owner reads what it writes).
    with translation.override(job.language or settings.LANGUAGE_CODE):
        _run(job)
    return job.status


def _run(job: Job) -> None:
    try:
        _REGISTRY[job.kind](job)
    except JobError as exc:
        _finish(job, JobStatus.FAILED, error=str(exc))
    except Exception:
        logger.exception("Job %s (%s) failed", job.pk, job.kind)
        _finish(job, JobStatus.FAILED, error=_("An unexpected error stopped this job."))
    else:
        _finish(job, JobStatus.SUCCEEDED)


def _finish(job: Job, status: str, *, error: str = "") -> None:
    job.status = status
    job.error = error
    job.finished_at = timezone.now()
    if status == JobStatus.SUCCEEDED:
        job.percent = 100
        job.message = job.message or _("Done.")
    job.save()
    job.forget_reported_progress()
