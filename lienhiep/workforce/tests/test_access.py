"""Who may open the registry pages; everyone else is refused."""

from __future__ import annotations

from typing import Any

import pytest

from lienhiep.associations.models import Association
from lienhiep.core.models import Role
from lienhiep.core.testing import AccessCheck, World, access_cases, assert_access
from lienhiep.jobs.models import Job, JobStatus
from lienhiep.workforce.models import (
    Membership,
    Person,
    PersonalDataExport,
    PersonErasure,
    RosterImport,
)

REGISTRY = frozenset(
    {Role.ADMIN, Role.UNION_STAFF, Role.UNION_LEADER, Role.OVERSIGHT, Role.ASSOCIATION_STAFF}
)


def _member(world: World) -> list[Any]:
    association, _ = Association.objects.get_or_create(organization=world.association)
    person = Person.objects.create(full_name="Phạm Thị Lan")
    Membership.objects.create(person=person, association=association)
    return [person.pk]


def _outside(world: World) -> list[Any]:
    Association.objects.get_or_create(organization=world.association)
    return [Person.objects.create(full_name="Đỗ Văn Hải").pk]


def _profile(world: World) -> None:
    Association.objects.get_or_create(organization=world.association)


# A preview belongs to whoever started it; administrators see every job.
OWNER_AND_ADMIN = frozenset({Role.ASSOCIATION_STAFF, Role.ADMIN})
IMPORTERS = frozenset({Role.ADMIN, Role.UNION_STAFF, Role.UNION_LEADER, Role.ASSOCIATION_STAFF})


def _preview(world: World) -> list[Any]:
    association, _ = Association.objects.get_or_create(organization=world.association)
    job = Job.objects.create(
        kind="workforce.import_roster",
        title="Xem trước",
        owner=world.users[Role.ASSOCIATION_STAFF],
        status=JobStatus.SUCCEEDED,
        params={
            "association_id": association.pk,
            "path": "imports/rosters/khong-co.xlsx",
            "dry_run": True,
            "policy": "report",
            "file_name": "ds.xlsx",
        },
        result={"created": 1, "updated": 0, "skipped": 0, "errors": [], "preview": []},
    )
    return [job.pk]


def _batch(world: World) -> list[Any]:
    association, _ = Association.objects.get_or_create(organization=world.association)
    batch = RosterImport.objects.create(association=association, file_name="ds.xlsx")
    return [batch.pk]


def _member_with_another_association(world: World) -> list[Any]:
    Association.objects.get_or_create(organization=world.other_association)
    return _member(world)


def _membership(world: World) -> list[Any]:
    person = Person.objects.get(pk=_member(world)[0])
    return [person.memberships.get().pk]


# Who changes the registry: the Union's managers anyone, association staff their members.
MANAGERS = frozenset({Role.ADMIN, Role.UNION_STAFF, Role.UNION_LEADER})


# The personal data export log is the Union's own record.
EXPORT_LOG_READERS = frozenset({Role.ADMIN, Role.UNION_STAFF, Role.UNION_LEADER})


def _logged_export(world: World) -> None:
    PersonalDataExport.objects.create(
        user=world.users[Role.UNION_STAFF], what="Trí thức", filters={"q": "lan"}, rows=1
    )


def _logged_erasure(world: World) -> None:
    PersonErasure.objects.create(
        user=world.users[Role.UNION_STAFF], person_number=7, reason="Rút lại sự đồng ý"
    )


CHECKS = [
    AccessCheck("workforce:import_start", IMPORTERS, setup=_profile),
    AccessCheck("workforce:import_history", REGISTRY, setup=_profile),
    AccessCheck("workforce:import_review", OWNER_AND_ADMIN, args=_preview),
    AccessCheck("workforce:import_commit", OWNER_AND_ADMIN, args=_preview, method="post"),
    AccessCheck("workforce:import_undo", IMPORTERS, args=_batch, method="post"),
    AccessCheck(
        "workforce:import_sample",
        IMPORTERS,
        args=lambda w: ["danh-sach-hoi-vien-mau.xlsx"],
        setup=_profile,
    ),
    AccessCheck("workforce:finder", REGISTRY, setup=_profile),
    AccessCheck("workforce:person_detail", REGISTRY, args=_member),
    AccessCheck("workforce:person_detail", REGISTRY - {Role.ASSOCIATION_STAFF}, args=_outside),
    AccessCheck("workforce:person_create", IMPORTERS, setup=_profile),
    AccessCheck("workforce:person_create", IMPORTERS, setup=_profile, method="post"),
    AccessCheck("workforce:person_edit", IMPORTERS, args=_member),
    AccessCheck("workforce:person_edit", IMPORTERS, args=_member, method="post"),
    AccessCheck("workforce:person_edit", MANAGERS, args=_outside),
    # The history shows old personal data: oversight, which does not see it, is refused.
    AccessCheck("workforce:person_history", IMPORTERS, args=_member),
    AccessCheck("workforce:person_history", MANAGERS, args=_outside),
    # Erasing on request is the Union's decision; association staff record leaving.
    AccessCheck("workforce:person_erase", MANAGERS, args=_member),
    AccessCheck("workforce:person_erase", MANAGERS, args=_member, method="post"),
    AccessCheck("workforce:erasure_log", EXPORT_LOG_READERS, setup=_logged_erasure),
    # Association staff have nothing to add: the member is already in their association.
    AccessCheck(
        "workforce:membership_add", MANAGERS, args=_member_with_another_association, method="post"
    ),
    AccessCheck("workforce:membership_add", MANAGERS, args=_outside, method="post"),
    AccessCheck("workforce:membership_end", IMPORTERS, args=_membership, method="post"),
    AccessCheck("workforce:membership_edit", IMPORTERS, args=_membership),
    AccessCheck("workforce:membership_edit", IMPORTERS, args=_membership, method="post"),
    AccessCheck("workforce:membership_remove", IMPORTERS, args=_membership),
    AccessCheck("workforce:membership_remove", IMPORTERS, args=_membership, method="post"),
    AccessCheck("workforce:statistics", REGISTRY, setup=_profile),
    AccessCheck("workforce:statistics_export", REGISTRY, setup=_profile, method="post"),
    AccessCheck("workforce:export", REGISTRY, setup=_profile, method="post"),
    AccessCheck("workforce:export_log", EXPORT_LOG_READERS, setup=_logged_export),
]


@pytest.mark.parametrize(("check", "actor"), access_cases(CHECKS))
def test_access(world: World, check: AccessCheck, actor: str) -> None:
    assert_access(check, world, actor)
