"""Rows older than their change history get a "created" record when it is added."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from lienhiep.associations.models import ActivityReport, Branch, MemberCount
from lienhiep.core.models import Role
from lienhiep.core.testing import World, client_for, migrate_to
from lienhiep.workforce.models import Membership
from lienhiep.workforce.names import name_columns

BEFORE = [
    ("workforce", "0013_membership_history"),
    ("associations", "0003_activity_report_history"),
]
REASON = "Trạng thái khi bắt đầu ghi lịch sử thay đổi"


@pytest.mark.django_db(transaction=True)
def test_earlier_rows_get_one_created_record_and_their_first_change_reads_as_one(
    world: World,
) -> None:
    old = migrate_to(BEFORE).loader.project_state(BEFORE).apps
    # What the rows were before the history existed, written without it.
    association = old.get_model("associations", "Association").objects.create(
        organization_id=world.association.pk
    )
    person = old.get_model("workforce", "Person").objects.create(
        full_name="Lò Văn Minh", **name_columns("Lò Văn Minh")
    )
    old.get_model("workforce", "Membership").objects.create(
        person_id=person.pk, association_id=association.pk, joined_on=datetime.date(2019, 3, 1)
    )
    old.get_model("associations", "MemberCount").objects.create(
        association_id=association.pk, year=2024, members=1200
    )
    old.get_model("associations", "Branch").objects.create(
        association_id=association.pk, name="Chi hội Tam Đường"
    )
    old.get_model("associations", "ActivityReport").objects.create(
        association_id=association.pk, year=2024, summary="Báo cáo năm"
    )

    executor = migrate_to(MigrationExecutor(connection).loader.graph.leaf_nodes())
    assert executor.migration_plan(executor.loader.graph.leaf_nodes()) == []

    for model in (Membership, MemberCount, Branch, ActivityReport):
        records = model.history.all()
        assert [(r.history_type, r.history_change_reason) for r in records] == [("+", REASON)]
    assert Membership.history.get().joined_on == datetime.date(2019, 3, 1)

    # Run again, the operation adds nothing.
    migrate_to([("workforce", "0013_membership_history")])
    migrate_to([("workforce", "0014_membership_history_of_earlier_rows")])
    assert Membership.history.count() == 1

    membership = Membership.objects.get()
    membership.role = "Ủy viên Ban chấp hành"
    membership.save()
    response = client_for(world, Role.UNION_STAFF).get(
        reverse("workforce:person_history", args=[person.pk])
    )
    [changed] = [entry for entry in response.context["entries"] if entry.action == "Sửa đổi"]
    assert [(c.field, c.old, c.new) for c in changed.changes] == [
        ("Chức danh trong hội", "—", "Ủy viên Ban chấp hành")
    ]
