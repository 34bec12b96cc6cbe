"""Every core URL, tried by every role: the allowed ones get in, the others are refused."""

from __future__ import annotations

import pytest

from lienhiep.core.models import Role
from lienhiep.core.testing import (
    MANAGERS,
    READERS,
    SIGNED_IN,
    AccessCheck,
    World,
    access_cases,
    assert_access,
)


def _association_staff(world: World) -> list[int]:
    return [world.users[Role.ASSOCIATION_STAFF].pk]


def _reporter(world: World) -> list[int]:
    return [world.users[Role.UNIT_REPORTER].pk]


def _reporter_role(world: World) -> list[int]:
    user = world.users[Role.UNIT_REPORTER]
    return [user.pk, user.role_assignments.get().pk]


ASSOCIATION_SEES = READERS | {Role.ASSOCIATION_STAFF}

CHECKS = [
    AccessCheck("core:home", SIGNED_IN),
    AccessCheck("core:organization_list", READERS),
    AccessCheck("core:organization_create", MANAGERS),
    AccessCheck(
        "core:organization_create",
        MANAGERS,
        method="post",
        data=lambda w: {"name": "Hội Tin học", "code": "HTH", "kind": "association"},
    ),
    AccessCheck("core:directory_export", READERS, method="post"),
    AccessCheck("core:organization_detail", ASSOCIATION_SEES, args=lambda w: [w.association.pk]),
    AccessCheck("core:organization_edit", MANAGERS, args=lambda w: [w.association.pk]),
    AccessCheck("core:organization_history", ASSOCIATION_SEES, args=lambda w: [w.association.pk]),
    AccessCheck("core:user_list", READERS),
    AccessCheck("core:user_create", MANAGERS),
    AccessCheck("core:user_detail", ASSOCIATION_SEES, args=_association_staff),
    AccessCheck("core:user_history", ASSOCIATION_SEES, args=_association_staff),
    AccessCheck("core:user_edit", MANAGERS, args=_reporter),
    AccessCheck("core:user_set_password", MANAGERS, args=_reporter),
    AccessCheck("core:user_set_active", MANAGERS, args=_reporter, method="post", data=lambda w: {}),
    AccessCheck(
        "core:user_role_add",
        MANAGERS,
        args=_reporter,
        method="post",
        data=lambda w: {"role": Role.EXPERT, "organization": w.union.pk},
    ),
    AccessCheck("core:user_role_remove", MANAGERS, args=_reporter_role, method="post"),
]


@pytest.mark.parametrize(("check", "actor"), access_cases(CHECKS))
def test_access(world: World, check: AccessCheck, actor: str) -> None:
    assert_access(check, world, actor)
