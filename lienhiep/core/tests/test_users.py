from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lienhiep.core.models import Role, RoleAssignment, User
from lienhiep.core.testing import TEST_PASSWORD, World, client_for, make_user


def test_union_staff_creates_an_account_that_can_log_in(world: World) -> None:
    client = client_for(world, Role.UNION_STAFF)
    response = client.post(
        reverse("core:user_create"),
        {
            "username": "canbo.moi",
            "full_name": "Lò Thị Mai",
            "organization": world.unit.pk,
            "password1": "Mat-khau-rat-dai-2026",
            "password2": "Mat-khau-rat-dai-2026",
        },
    )
    user = User.objects.get(username="canbo.moi")
    assert response["Location"] == user.get_absolute_url()
    assert client.login(username="canbo.moi", password="Mat-khau-rat-dai-2026")


def test_granting_a_role_gives_access_and_is_recorded(world: World) -> None:
    outsider = world.users["outsider"]
    client = client_for(world, Role.UNION_STAFF)
    response = client.post(
        reverse("core:user_role_add", args=[outsider.pk]),
        {"role": Role.ASSOCIATION_STAFF, "organization": world.other_association.pk},
    )
    assert response.status_code == 302
    assert RoleAssignment.objects.filter(user=outsider, role=Role.ASSOCIATION_STAFF).exists()
    history = client.get(reverse("core:user_history", args=[outsider.pk])).content.decode()
    assert "Cán bộ hội thành viên" in history
    assert "Người dùng union_staff" in history


def test_association_role_needs_an_association(world: World) -> None:
    outsider = world.users["outsider"]
    client = client_for(world, Role.UNION_STAFF)
    response = client.post(
        reverse("core:user_role_add", args=[outsider.pk]),
        {"role": Role.ASSOCIATION_STAFF, "organization": world.party_body.pk},
    )
    assert response.status_code == 400
    assert "chỉ được giao tại" in response.content.decode()
    assert not RoleAssignment.objects.filter(user=outsider).exists()


def test_only_an_administrator_may_grant_the_administrator_role(world: World) -> None:
    outsider = world.users["outsider"]
    data = {"role": Role.ADMIN, "organization": world.union.pk}
    staff = client_for(world, Role.UNION_STAFF)
    assert staff.post(reverse("core:user_role_add", args=[outsider.pk]), data).status_code == 400
    admin = client_for(world, Role.ADMIN)
    assert admin.post(reverse("core:user_role_add", args=[outsider.pk]), data).status_code == 302
    outsider.refresh_from_db()
    assert outsider.is_staff


def test_removing_a_role_takes_access_away(world: World) -> None:
    reporter = world.users[Role.UNIT_REPORTER]
    assignment = reporter.role_assignments.get()
    client = client_for(world, Role.UNION_LEADER)
    client.post(reverse("core:user_role_remove", args=[reporter.pk, assignment.pk]))
    reporter_client = client_for(world, Role.UNIT_REPORTER)
    detail = reporter_client.get(reverse("core:organization_detail", args=[world.unit.pk]))
    assert detail.status_code == 404


def test_locked_account_cannot_log_in(world: World) -> None:
    reporter = world.users[Role.UNIT_REPORTER]
    client = client_for(world, Role.UNION_STAFF)
    client.post(reverse("core:user_set_active", args=[reporter.pk]), {"active": "0"})
    reporter.refresh_from_db()
    assert not reporter.is_active
    assert not client.login(username=reporter.username, password=TEST_PASSWORD)


def test_staff_cannot_lock_their_own_account(world: World) -> None:
    staff = world.users[Role.UNION_STAFF]
    client = client_for(world, Role.UNION_STAFF)
    client.post(reverse("core:user_set_active", args=[staff.pk]), {"active": "0"})
    staff.refresh_from_db()
    assert staff.is_active


def test_staff_cannot_edit_an_administrator(world: World) -> None:
    admin = world.users[Role.ADMIN]
    admin.is_superuser = True
    admin.save()
    client = client_for(world, Role.UNION_STAFF)
    assert client.get(reverse("core:user_edit", args=[admin.pk])).status_code == 404


def test_set_password_rejects_a_weak_one_in_vietnamese(world: World) -> None:
    reporter = world.users[Role.UNIT_REPORTER]
    client = client_for(world, Role.UNION_STAFF)
    response = client.post(
        reverse("core:user_set_password", args=[reporter.pk]),
        {"new_password1": "123", "new_password2": "123"},
    )
    assert response.status_code == 200
    assert "Mật khẩu" in response.content.decode()


@pytest.mark.parametrize("extra", [3, 30])
def test_user_list_query_count_does_not_grow(world: World, extra: int) -> None:
    for i in range(extra):
        make_user(f"nguoi{i}", world.association, Role.ASSOCIATION_STAFF)
    client = client_for(world, Role.OVERSIGHT)
    client.get(reverse("core:user_list"))
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("core:user_list"))
    assert response.status_code == 200
    assert response.content.decode().count("nguoi") >= extra
    # session, user with roles, users with organizations, their roles, organizations filter
    assert len(queries) == 6
