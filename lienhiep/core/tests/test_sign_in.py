"""Signing in, staying signed in and signing out, with the session and the account each
read in one statement."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from lienhiep.core.access import roles_of
from lienhiep.core.models import Role, RoleAssignment
from lienhiep.core.testing import TEST_PASSWORD, World

pytestmark = pytest.mark.django_db
HOME = "core:home"


def _signed_in(world: World, role: str = Role.UNION_STAFF) -> Client:
    client = Client()
    user = world.users[role]
    response = client.post(reverse("login"), {"username": user.username, "password": TEST_PASSWORD})
    assert response.status_code == 302
    return client


def test_a_signed_in_user_stays_signed_in_with_their_roles(world: World) -> None:
    client = _signed_in(world)
    response = client.get(reverse(HOME))
    user = response.wsgi_request.user
    assert user == world.users[Role.UNION_STAFF]
    assert user.full_name == world.users[Role.UNION_STAFF].full_name
    # The roles came with the account: asking for them costs no statement.
    with CaptureQueriesContext(connection) as asked:
        assert roles_of(user) == {Role.UNION_STAFF}
    assert len(asked) == 0


def test_every_role_a_user_holds_comes_with_the_account(world: World) -> None:
    user = world.users[Role.UNION_STAFF]
    RoleAssignment.objects.create(user=user, organization=world.union, role=Role.EXPERT)
    client = _signed_in(world)
    signed_in = client.get(reverse(HOME)).wsgi_request.user
    assert roles_of(signed_in) == {Role.UNION_STAFF, Role.EXPERT}


def test_a_superuser_without_assignments_is_an_administrator(world: World) -> None:
    user = world.users[Role.UNION_STAFF]
    RoleAssignment.objects.filter(user=user).delete()
    user.is_superuser = True
    user.save(update_fields=["is_superuser"])
    signed_in = _signed_in(world).get(reverse(HOME)).wsgi_request.user
    assert roles_of(signed_in) == {Role.ADMIN}


def test_an_expired_session_signs_the_user_out(world: World) -> None:
    client = _signed_in(world)
    Session.objects.update(expire_date=timezone.now() - datetime.timedelta(seconds=1))
    response = client.get(reverse(HOME))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_deactivated_or_deleted_account_is_signed_out(world: World) -> None:
    client = _signed_in(world)
    user = world.users[Role.UNION_STAFF]
    user.is_active = False
    user.save(update_fields=["is_active"])
    assert client.get(reverse(HOME)).status_code == 302
    other = _signed_in(world, Role.OVERSIGHT)
    world.users[Role.OVERSIGHT].delete()
    assert other.get(reverse(HOME)).status_code == 302


def test_signing_out_ends_the_session_for_good(world: World) -> None:
    client = _signed_in(world)
    key = client.cookies["sessionid"].value
    client.post(reverse("logout"))
    assert not Session.objects.filter(session_key=key).exists()
    # The old cookie, presented again, signs nobody in.
    replay = Client()
    replay.cookies["sessionid"] = key
    assert replay.get(reverse(HOME)).status_code == 302


def test_a_changed_password_signs_out_other_sessions(world: World) -> None:
    client = _signed_in(world)
    user = world.users[Role.UNION_STAFF]
    user.set_password("một-mật-khẩu-khác-2026")
    user.save()
    assert client.get(reverse(HOME)).status_code == 302
