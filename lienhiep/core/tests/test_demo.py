from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from lienhiep.core.management.commands.load_demo import ACCOUNTS, DEMO_PASSWORD
from lienhiep.core.models import Organization, Role, RoleAssignment, User

SEED_BODIES = [
    "Tỉnh ủy Lai Châu",
    "Ban Thường vụ Tỉnh ủy Lai Châu",
    "Ban Tuyên giáo Tỉnh ủy Lai Châu",
    "Đảng đoàn Hội đồng nhân dân tỉnh",
    "Ban cán sự đảng Ủy ban nhân dân tỉnh",
    "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Lai Châu",
    "Đảng đoàn Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh",
    "Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh Lai Châu",
]


@pytest.mark.django_db
def test_load_demo_creates_the_seed_bodies_and_one_account_per_role() -> None:
    call_command("load_demo", stdout=StringIO())
    names = set(Organization.objects.values_list("name", flat=True))
    assert set(SEED_BODIES) <= names
    assert {"department", "association", "commune"} <= set(
        Organization.objects.values_list("kind", flat=True)
    )
    assert set(RoleAssignment.objects.values_list("role", flat=True)) == set(Role.values)


@pytest.mark.django_db
def test_load_demo_is_idempotent() -> None:
    call_command("load_demo", stdout=StringIO())
    counts = (
        Organization.objects.count(),
        User.objects.count(),
        RoleAssignment.objects.count(),
        Organization.history.count(),
        User.history.count(),
    )
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert "(0 new)" in out.getvalue()
    assert counts == (
        Organization.objects.count(),
        User.objects.count(),
        RoleAssignment.objects.count(),
        Organization.history.count(),
        User.history.count(),
    )


@pytest.mark.django_db
@pytest.mark.parametrize("username", [a[0] for a in ACCOUNTS])
def test_printed_demo_accounts_log_in(username: str) -> None:
    call_command("load_demo", stdout=StringIO())
    out = StringIO()
    call_command("demo_accounts", stdout=out)
    assert username in out.getvalue()
    assert DEMO_PASSWORD in out.getvalue()
    assert Client().login(username=username, password=DEMO_PASSWORD)
