"""Sign-in, password and language pages: open to everyone they concern."""

from __future__ import annotations

import pytest

from lienhiep.core.testing import (
    EVERY_ACTOR,
    SIGNED_IN,
    AccessCheck,
    World,
    access_cases,
    assert_access,
)

EVERYONE = frozenset(EVERY_ACTOR)

CHECKS = [
    AccessCheck("login", EVERYONE),
    AccessCheck("logout", SIGNED_IN, method="post"),
    AccessCheck("password_change", SIGNED_IN),
    AccessCheck("password_change_done", SIGNED_IN),
    AccessCheck("password_reset", EVERYONE),
    AccessCheck("password_reset_done", EVERYONE),
    AccessCheck("password_reset_confirm", EVERYONE, args=lambda w: ["MQ", "set-password"]),
    AccessCheck("password_reset_complete", EVERYONE),
    AccessCheck("set_language", EVERYONE, method="post", data=lambda w: {"language": "en"}),
]


@pytest.mark.parametrize(("check", "actor"), access_cases(CHECKS))
def test_access(world: World, check: AccessCheck, actor: str) -> None:
    assert_access(check, world, actor)
