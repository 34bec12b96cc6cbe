"""Send the day's urging reminders: ``python manage.py urge_tasks [--date YYYY-MM-DD] [--now]``.

Safe to run as often as one likes (``make serve`` runs it every hour): a task
hears at most once a day.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from lienhiep.directives.urging import send_due_urgings, summary
from lienhiep.jobs.models import Job, JobStatus
from lienhiep.jobs.runner import start_job

JOB_KIND = "directives.send_urgings"


def _date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"Not a date (YYYY-MM-DD): {value}") from None


class Command(BaseCommand):
    help = (
        "Remind lead units of tasks due soon or overdue. By default the work is queued "
        "for the task worker (its progress shows on the job's page); --now does it here."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", type=_date, help="The day to judge (default: today).")
        parser.add_argument(
            "--now", action="store_true", help="Send in this process, without the worker."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        today: datetime.date = options["date"] or timezone.localdate()
        with translation.override(settings.LANGUAGE_CODE):
            outcome = summary(send_due_urgings(today)) if options["now"] else self._enqueue(today)
        if options["verbosity"] > 0:
            self.stdout.write(outcome)

    def _enqueue(self, today: datetime.date) -> str:
        # An hourly loop with a stopped worker would otherwise pile up one
        # waiting job an hour for the same day.
        waiting = Job.objects.filter(
            kind=JOB_KIND, params__date=today.isoformat(), status=JobStatus.QUEUED
        ).first()
        if waiting is not None:
            return _("A job for this day is already waiting: %(id)s") % {"id": waiting.pk}
        job = start_job(
            JOB_KIND,
            title=_("Urging reminders of %(date)s") % {"date": f"{today:%d/%m/%Y}"},
            owner=None,
            params={"date": today.isoformat()},
        )
        return _("Queued for the task worker: job %(id)s") % {"id": job.pk}
