"""“Lịch sử thay đổi”: who changed what, when, from which value to which."""

from __future__ import annotations

import datetime

from django.urls import reverse

from lienhiep.associations.models import MemberCount
from lienhiep.associations.testing import make_association
from lienhiep.core.models import Role
from lienhiep.core.testing import World, client_for


def test_editing_an_organization_shows_who_changed_which_field(world: World) -> None:
    staff = client_for(world, Role.UNION_STAFF)
    staff.post(
        reverse("core:organization_edit", args=[world.association.pk]),
        {
            "name": "Hội Y học tỉnh Lai Châu",
            "code": "HYH",
            "kind": "association",
            "parent": world.union.pk,
            "phone": "0213 3876 543",
        },
    )
    response = client_for(world, Role.OVERSIGHT).get(
        reverse("core:organization_history", args=[world.association.pk])
    )
    entries = response.context["entries"]
    latest = entries[0]
    assert latest.who == "Người dùng union_staff"
    assert latest.action == "Sửa đổi"
    changes = {c.field: (c.old, c.new) for c in latest.changes}
    assert changes == {
        "Tên": ("Hội Y học tỉnh", "Hội Y học tỉnh Lai Châu"),
        "Điện thoại": ("—", "0213 3876 543"),
    }
    assert entries[-1].action == "Tạo mới"
    assert entries[-1].who == "Hệ thống"  # created by a command, not a person


def test_moving_an_organization_names_the_parents_not_their_ids(world: World) -> None:
    staff = client_for(world, Role.UNION_STAFF)
    staff.post(
        reverse("core:organization_edit", args=[world.association.pk]),
        {"name": "Hội Y học tỉnh", "code": "HYH", "kind": "association", "parent": ""},
    )
    response = staff.get(reverse("core:organization_history", args=[world.association.pk]))
    change = response.context["entries"][0].changes[0]
    assert (change.field, change.old, change.new) == (
        "Đơn vị cấp trên",
        world.union.name,
        "—",
    )


def test_role_changes_appear_in_the_account_history(world: World) -> None:
    reporter = world.users[Role.UNIT_REPORTER]
    assignment = reporter.role_assignments.get()
    leader = client_for(world, Role.UNION_LEADER)
    leader.post(reverse("core:user_role_remove", args=[reporter.pk, assignment.pk]))
    response = leader.get(reverse("core:user_history", args=[reporter.pk]))
    latest = response.context["entries"][0]
    assert latest.action == "Xóa"
    assert latest.who == "Người dùng union_leader"
    assert latest.subject == f"Vai trò “Đầu mối báo cáo của đơn vị” tại {world.unit.name}"


def test_dates_read_day_first_and_counts_are_grouped_but_years_are_not(world: World) -> None:
    association = make_association(world.association)
    association.last_congress_on = datetime.date(2021, 5, 9)
    association.save()
    count = MemberCount.objects.create(association=association, year=2024, members=1200)
    count.year, count.members = 2025, 120
    count.save()
    response = client_for(world, Role.UNION_STAFF).get(
        reverse("associations:history", args=[association.pk])
    )
    changes = {
        (change.old, change.new)
        for entry in response.context["entries"]
        for change in entry.changes
    }
    assert {("—", "09/05/2021"), ("2024", "2025"), ("1.200", "120")} <= changes
