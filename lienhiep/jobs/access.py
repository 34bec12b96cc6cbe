"""Who may follow a background job: the person who started it, or an administrator."""

from __future__ import annotations

import uuid

from django.http import Http404

from lienhiep.core.access import AnyUser, has_role
from lienhiep.core.models import Role
from lienhiep.jobs.models import Job


def access_job(user: AnyUser, pk: uuid.UUID) -> Job:
    if not user.is_authenticated:
        raise Http404
    try:
        job = Job.objects.get(pk=pk)
    except Job.DoesNotExist:
        raise Http404 from None
    if job.owner_id != user.pk and not has_role(user, {Role.ADMIN}):
        raise Http404
    return job.with_reported_progress()
