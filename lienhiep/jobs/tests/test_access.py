"""A job's page, progress and file: only the person who started it, and administrators."""

from __future__ import annotations

from typing import Any

import pytest

from lienhiep.core.models import Role
from lienhiep.core.testing import AccessCheck, World, access_cases, assert_access
from lienhiep.jobs.models import Job, JobStatus
from lienhiep.jobs.runner import attach_file

OWNER_AND_ADMIN = frozenset({Role.UNION_STAFF, Role.ADMIN})


def _job(world: World) -> list[Any]:
    if "job" not in world.extra:
        job = Job.objects.create(
            kind="core.export_directory",
            title="Xuất danh sách",
            owner=world.users[Role.UNION_STAFF],
            status=JobStatus.SUCCEEDED,
            percent=100,
        )
        attach_file(job, "danh-sach.xlsx", b"PK\x03\x04 not really a workbook")
        job.save()
        world.extra["job"] = job
    return [world.extra["job"].pk]


CHECKS = [
    AccessCheck("jobs:detail", OWNER_AND_ADMIN, args=_job),
    AccessCheck("jobs:progress", OWNER_AND_ADMIN, args=_job),
    AccessCheck("jobs:download", OWNER_AND_ADMIN, args=_job),
]


@pytest.mark.parametrize(("check", "actor"), access_cases(CHECKS))
def test_access(world: World, check: AccessCheck, actor: str) -> None:
    assert_access(check, world, actor)
