"""Shared test scaffolding: one user for each role, and declarative access checks.

Every app's ``tests/test_access.py`` lists an ``AccessCheck`` for each of its
URL patterns; ``lienhiep/core/tests/test_url_coverage.py`` fails when a URL
pattern has none, so a new view cannot ship without a permission test.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from django.urls import reverse

from lienhiep.core import actions
from lienhiep.core.models import Organization, OrganizationKind, Role, User

ROLE_NAMES: tuple[str, ...] = tuple(Role.values)
OUTSIDER = "outsider"
ANONYMOUS = "anonymous"
EVERY_ACTOR: tuple[str, ...] = (*ROLE_NAMES, OUTSIDER, ANONYMOUS)
SIGNED_IN: frozenset[str] = frozenset({*ROLE_NAMES, OUTSIDER})
MANAGERS: frozenset[str] = frozenset({Role.ADMIN, Role.UNION_STAFF, Role.UNION_LEADER})
READERS: frozenset[str] = MANAGERS | {Role.OVERSIGHT}

TEST_PASSWORD = "mật-khẩu-thử-2026"  # noqa: S105


@dataclass
class World:
    """Organizations and one account per role, as in a small province."""

    union: Organization
    association: Organization
    other_association: Organization
    party_body: Organization
    unit: Organization
    users: dict[str, User]
    extra: dict[str, Any] = field(default_factory=dict)

    def user(self, actor: str) -> User | None:
        return self.users.get(actor)


def make_org(code: str, name: str, kind: str, parent: Organization | None = None) -> Organization:
    return actions.do_save_organization(
        None, Organization(code=code, name=name, kind=kind, parent=parent)
    )


def make_user(username: str, organization: Organization, role: str | None) -> User:
    user = actions.do_save_user(
        None,
        User(username=username, full_name=f"Người dùng {username}", organization=organization),
        password=TEST_PASSWORD,
    )
    if role:
        actions.do_assign_role(None, user, organization, role)
    return user


def build_world() -> World:
    K = OrganizationKind
    party = make_org("TU", "Tỉnh ủy", K.PARTY)
    btg = make_org("BTGTU", "Ban Tuyên giáo Tỉnh ủy", K.PARTY, party)
    unit = make_org("BCSDUBND", "Ban cán sự đảng UBND tỉnh", K.PARTY, party)
    union = make_org("LHH", "Liên hiệp các Hội KH&KT tỉnh", K.UNION)
    association = make_org("HYH", "Hội Y học tỉnh", K.ASSOCIATION, union)
    other = make_org("HLV", "Hội Làm vườn tỉnh", K.ASSOCIATION, union)
    home_of: dict[str, Organization] = {
        Role.ADMIN: union,
        Role.UNION_STAFF: union,
        Role.UNION_LEADER: union,
        Role.OVERSIGHT: btg,
        Role.UNIT_REPORTER: unit,
        Role.ASSOCIATION_STAFF: association,
        Role.EXPERT: union,
        Role.JUDGE: union,
        Role.PUBLIC: union,
    }
    users: dict[str, User] = {
        str(role): make_user(role, org, role) for role, org in home_of.items()
    }
    users[OUTSIDER] = make_user(OUTSIDER, other, None)
    return World(union, association, other, btg, unit, users)


Args = Callable[[World], list[Any]]
Data = Callable[[World], dict[str, Any]]


def _no_args(world: World) -> list[Any]:
    return []


@dataclass(frozen=True)
class AccessCheck:
    """Who may open one URL pattern. Every actor not in ``allowed`` is refused."""

    url_name: str
    allowed: frozenset[str]
    args: Args = _no_args
    method: str = "get"
    data: Data | None = None
    setup: Callable[[World], None] | None = None

    def __str__(self) -> str:
        return f"{self.method.upper()} {self.url_name}"


def client_for(world: World, actor: str) -> Client:
    client = Client()
    user = world.user(actor)
    if user is not None:
        client.force_login(user)
    return client


def request(check: AccessCheck, world: World, actor: str) -> Any:
    if check.setup:
        check.setup(world)
    url = reverse(check.url_name, args=check.args(world))
    data = check.data(world) if check.data else {}
    return getattr(client_for(world, actor), check.method)(url, data)


def is_refused(response: Any, actor: str) -> bool:
    if actor == ANONYMOUS and response.status_code == 302:
        return "/accounts/login/" in response["Location"]
    return response.status_code in {403, 404}


def access_cases(checks: list[AccessCheck]) -> list[Any]:
    """``pytest.param`` for each (check, actor) pair, with readable ids."""
    import pytest

    return [
        pytest.param(check, actor, id=f"{check}-{actor}")
        for check in checks
        for actor in EVERY_ACTOR
    ]


def assert_access(check: AccessCheck, world: World, actor: str) -> None:
    response = request(check, world, actor)
    if actor in check.allowed:
        assert not is_refused(response, actor), f"{actor} was refused {check}"
        assert response.status_code < 400, f"{actor} got {response.status_code} from {check}"
    else:
        assert is_refused(response, actor), (
            f"{actor} got {response.status_code} from {check}, expected a refusal"
        )


def run_worker() -> None:
    """Run the django-tasks database worker until the queue is empty, as production does."""
    from io import StringIO

    from django.core.management import call_command

    call_command(
        "db_worker",
        "--batch",
        "--no-startup-delay",
        "--no-reload",
        "--queue-name",
        "*",
        stdout=StringIO(),
        stderr=StringIO(),
    )


def select_options(html: str, name: str) -> list[str]:
    """The labels a page's ``<select name=…>`` lists, its empty choice left out."""
    select = re.search(rf'<select name="{name}".*?</select>', html, re.S)
    assert select, name
    return [
        label
        for value, label in re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', select[0])
        if value
    ]


def migrate_to(targets: list[tuple[str, str]]) -> MigrationExecutor:
    """The test database migrated to ``targets``, with a loader that knows its state."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor
