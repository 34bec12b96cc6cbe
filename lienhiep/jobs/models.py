"""The visible side of background work: one record a long job keeps current."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.cache import caches
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting")
    RUNNING = "running", _("Running")
    SUCCEEDED = "succeeded", _("Finished")
    FAILED = "failed", _("Failed")


class Job(models.Model):
    """A long piece of work (import, report, export) and how far it has got.

    The work itself runs in the task worker; this row is what pages poll.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(_("kind"), max_length=100)
    title = models.CharField(_("title"), max_length=255)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="jobs",
    )
    params = models.JSONField(default=dict, blank=True)
    # The language active when the job was started (a page's, the site's default outside
    # a request; "" if translation was off): its progress, errors and files are in it.
    language = models.CharField(_("language"), max_length=10, blank=True, editable=False)
    status = models.CharField(
        _("status"), max_length=20, choices=JobStatus.choices, default=JobStatus.QUEUED
    )
    percent = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    message = models.CharField(_("message"), max_length=255, blank=True)
    result = models.JSONField(default=dict, blank=True)
    result_file = models.FileField(upload_to="jobs/%Y/%m/", blank=True)
    result_filename = models.CharField(max_length=255, blank=True)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")
        indexes = [models.Index(fields=["owner", "-created_at"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("jobs:detail", args=[self.pk])

    @property
    def is_finished(self) -> bool:
        return self.status in {JobStatus.SUCCEEDED, JobStatus.FAILED}

    def report(self, percent: int, message: str = "") -> None:
        """Record progress in the progress cache, which the pages following the job
        read (``with_reported_progress``), and in the row (an UPDATE, cheap to call
        often) unless the work is inside a transaction: the row's new values would show
        only at its end, and on SQLite the write would lock the pages out of the row."""
        self.percent = max(0, min(100, int(percent)))
        self.message = message[:255]
        caches["progress"].set(self._progress_key, (self.percent, self.message))
        if not transaction.get_connection().in_atomic_block:
            Job.objects.filter(pk=self.pk).update(
                percent=self.percent, message=self.message, status=JobStatus.RUNNING
            )

    def with_reported_progress(self) -> Job:
        """This record with the progress its work last reported, if it is still running."""
        if not self.is_finished:
            reported = caches["progress"].get(self._progress_key)
            if reported is not None:
                self.percent, self.message = reported
        return self

    def forget_reported_progress(self) -> None:
        caches["progress"].delete(self._progress_key)

    @property
    def _progress_key(self) -> str:
        return f"job-progress:{self.pk}"

    def mark_running(self) -> None:
        self.status = JobStatus.RUNNING
        self.started_at = timezone.now()
        self.save(update_fields=["status", "started_at"])
