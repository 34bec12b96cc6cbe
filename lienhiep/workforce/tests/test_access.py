"""Who may open the registry pages; everyone else is refused."""

from __future__ import annotations

from typing import Any

import pytest

from lienhiep.associations.models import Association
from lienhiep.core.models import Role
from lienhiep.core.testing import AccessCheck, World, access_cases, assert_access
from lienhiep.workforce.models import Membership, Person

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


CHECKS = [
    AccessCheck("workforce:finder", REGISTRY, setup=_profile),
    AccessCheck("workforce:person_detail", REGISTRY, args=_member),
    AccessCheck("workforce:person_detail", REGISTRY - {Role.ASSOCIATION_STAFF}, args=_outside),
    AccessCheck("workforce:statistics", REGISTRY, setup=_profile),
    AccessCheck("workforce:statistics_export", REGISTRY, setup=_profile, method="post"),
]


@pytest.mark.parametrize(("check", "actor"), access_cases(CHECKS))
def test_access(world: World, check: AccessCheck, actor: str) -> None:
    assert_access(check, world, actor)
