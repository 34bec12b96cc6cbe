"""Organizations to choose from are listed in Vietnamese alphabetical order."""

from __future__ import annotations

import pytest

from lienhiep.core.forms import OrganizationForm, RoleAssignmentForm, UserForm
from lienhiep.core.models import OrganizationKind, Role
from lienhiep.core.testing import World, make_org
from lienhiep.directives.forms import TaskForm

pytestmark = pytest.mark.django_db
# Each pair in the order a database's ORDER BY name gives, the wrong way round.
NAMES = ["Sở Châm cứu", "Sở Cầu đường", "Xã Bum Nưa", "Xã Bình Lư"]


def _listed(form, field: str) -> list[str]:
    labels = [str(label) for value, label in form.fields[field].choices if value]
    return [label for label in labels if label in NAMES]


def test_organization_lists_follow_vietnamese_order(world: World) -> None:
    for number, name in enumerate(NAMES):
        make_org(f"VN{number}", name, OrganizationKind.DEPARTMENT, world.union)
    expected = ["Sở Cầu đường", "Sở Châm cứu", "Xã Bình Lư", "Xã Bum Nưa"]
    actor = world.users[Role.ADMIN]
    forms = {
        "parent": OrganizationForm(),
        "organization": UserForm(),
    }
    for field, form in forms.items():
        assert _listed(form, field) == expected, field
    roles = RoleAssignmentForm(actor=actor, user=world.users[Role.EXPERT])
    assert _listed(roles, "organization") == expected
    task = TaskForm()
    assert _listed(task, "lead") == expected
    assert _listed(task, "coordinators") == expected
