"""Test scaffolding for the registry: profiles for the shared World's two associations.

``build_associations(world)`` gives ``world.association`` (Hội Y học, where the
association staff user works) and ``world.other_association`` (Hội Làm vườn)
their profiles, once per world.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.core.files.base import ContentFile

from lienhiep.associations import actions
from lienhiep.associations.models import ActivityReport, Association, Branch, MemberCount
from lienhiep.core.models import Organization
from lienhiep.core.testing import World

# The day the past-term flag is judged on in tests that pass a date.
TODAY = datetime.date(2026, 6, 15)
PDF_BYTES = b"%PDF-1.4\n% bao cao\n"


@dataclass
class Associations:
    own: Association
    other: Association


def make_association(organization: Organization, **fields: Any) -> Association:
    fields.setdefault("field", "medical")
    fields.setdefault("president", "Nguyễn Văn An")
    return actions.do_save_association(None, Association(organization=organization, **fields))


def build_associations(world: World) -> Associations:
    if "associations" not in world.extra:
        own = make_association(
            world.association,
            abbreviation="HYH",
            last_congress_on=datetime.date(2023, 3, 20),
        )
        other = make_association(
            world.other_association,
            abbreviation="HLV",
            field="agricultural",
            president="Lò Văn Thắng",
            last_congress_on=datetime.date(2024, 5, 10),
        )
        world.extra["associations"] = Associations(own, other)
    result: Associations = world.extra["associations"]
    return result


def add_count(association: Association, year: int, members: int) -> MemberCount:
    return actions.do_record_member_count(
        None, association, MemberCount(year=year, members=members)
    )


def add_branch(association: Association, name: str = "Chi hội Tam Đường") -> Branch:
    return actions.do_save_branch(
        None, association, Branch(name=name, place="Xã Tam Đường", members=30)
    )


def add_report(association: Association, year: int = 2025) -> ActivityReport:
    return actions.do_add_activity_report(
        None,
        association,
        ActivityReport(year=year, summary="Báo cáo hoạt động"),
        ContentFile(PDF_BYTES, name="bao-cao.pdf"),
    )
