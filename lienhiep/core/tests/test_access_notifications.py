"""The inbox: every signed-in account has its own; a notification answers only to its owner."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from lienhiep.core.models import Notification, Role
from lienhiep.core.testing import SIGNED_IN, AccessCheck, World, access_cases, assert_access


def _reporters_notification(world: World) -> list[Any]:
    if "notification" not in world.extra:
        world.extra["notification"] = Notification.objects.create(
            user=world.users[Role.UNIT_REPORTER],
            text="Nhắc việc: nhiệm vụ sắp đến hạn.",
            url=reverse("core:home"),
        )
    return [world.extra["notification"].pk]


CHECKS = [
    AccessCheck("core:notification_list", SIGNED_IN),
    AccessCheck(
        "core:notification_read",
        frozenset({Role.UNIT_REPORTER}),
        args=_reporters_notification,
        method="post",
    ),
    AccessCheck("core:notification_read_all", SIGNED_IN, method="post"),
]


@pytest.mark.parametrize(("check", "actor"), access_cases(CHECKS))
def test_access(world: World, check: AccessCheck, actor: str) -> None:
    assert_access(check, world, actor)
