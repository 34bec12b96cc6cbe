"""Test scaffolding for directives: a small cascade of documents on the shared World.

``build_directives(world)`` adds, on top of ``lienhiep.core.testing.build_world``:

* the Party Committee (``TU``, parent of the oversight user's Propaganda Department);
* Directive 42-CT/TW → Conclusion 93-KL/TW → Plan 137-KH/TU, the plan issued by the
  Party Committee and monitored by the Propaganda Department (``world.party_body``),
  so the oversight user is the assigning body that decides on its reports;
* in the plan: a task led by the unit reporter's unit (``world.unit``), a task led by
  the Union and coordinated by the unit, and a task of another unit the reporter
  must never see.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from lienhiep.core.models import Organization, OrganizationKind, Role
from lienhiep.core.testing import World, make_org
from lienhiep.directives import actions
from lienhiep.directives.models import (
    DocumentKind,
    ProgressReport,
    ReportStatus,
    SteeringDocument,
    Task,
)

# The day status tests judge on. The fixture's open tasks fall due years later, so
# pages judged on the real date see the same statuses for a long time to come.
TODAY = datetime.date(2026, 6, 15)


def make_document(
    symbol: str,
    issuer: Organization,
    *,
    kind: str = DocumentKind.PLAN,
    issued_on: datetime.date = datetime.date(2022, 5, 9),
    implements: SteeringDocument | None = None,
    monitor: Organization | None = None,
    title: str = "",
    **fields: Any,
) -> SteeringDocument:
    return actions.do_save_document(
        None,
        SteeringDocument(
            kind=kind,
            symbol=symbol,
            issuer=issuer,
            monitor=monitor,
            issued_on=issued_on,
            implements=implements,
            title=title or f"Văn bản {symbol}",
            **fields,
        ),
    )


def make_task(
    document: SteeringDocument,
    lead: Organization,
    *,
    content: str = "Tổ chức thực hiện nhiệm vụ",
    deadline: datetime.date | None = None,
    coordinators: list[Organization] | None = None,
    **fields: Any,
) -> Task:
    task = Task(document=document, lead=lead, content=content, deadline=deadline, **fields)
    return actions.do_save_task(None, task, coordinators or [])


def make_report(
    task: Task,
    organization: Organization | None = None,
    *,
    percent: int = 50,
    reported_on: datetime.date = TODAY,
    status: str = ReportStatus.ACCEPTED,
    period_start: datetime.date | None = None,
    **fields: Any,
) -> ProgressReport:
    """A report straight in the given state (bypasses the workflow, for arranging tests)."""
    fields.setdefault("narrative", "Đã triển khai các nội dung theo kế hoạch.")
    return ProgressReport.objects.create(
        task=task,
        organization=organization or task.lead,
        percent=percent,
        reported_on=reported_on,
        status=status,
        period_start=period_start,
        **fields,
    )


@dataclass
class Directives:
    party_committee: Organization
    directive: SteeringDocument
    conclusion: SteeringDocument
    plan: SteeringDocument
    own_task: Task  # led by the reporter's unit
    coordinated_task: Task  # led by the Union, the reporter's unit coordinates
    foreign_task: Task  # another unit's: invisible to the reporter
    other_unit: Organization


def build_directives(world: World) -> Directives:
    if "directives" in world.extra:
        return world.extra["directives"]
    K = OrganizationKind
    party_committee = world.party_body.parent or make_org("TU", "Tỉnh ủy", K.PARTY)
    politburo = make_org("BCT", "Bộ Chính trị", K.PARTY)
    secretariat = make_org("BBT", "Ban Bí thư", K.PARTY)
    other_unit = make_org("DDHDND", "Đảng đoàn HĐND tỉnh", K.PARTY, party_committee)
    directive = make_document(
        "42-CT/TW",
        politburo,
        kind=DocumentKind.DIRECTIVE,
        issued_on=datetime.date(2010, 4, 16),
        title="Về tiếp tục đổi mới, nâng cao chất lượng hoạt động của Liên hiệp Hội",
    )
    conclusion = make_document(
        "93-KL/TW",
        secretariat,
        kind=DocumentKind.CONCLUSION,
        issued_on=datetime.date(2020, 11, 20),
        implements=directive,
        title="Về tiếp tục thực hiện Chỉ thị 42-CT/TW",
    )
    plan = make_document(
        "137-KH/TU",
        party_committee,
        implements=conclusion,
        monitor=world.party_body,
        title="Thực hiện Kết luận 93-KL/TW",
    )
    own_task = make_task(
        plan,
        world.unit,
        content="Rà soát, ban hành cơ chế, chính sách đặc thù cho Liên hiệp Hội",
        deadline=datetime.date(2035, 12, 31),
    )
    coordinated_task = make_task(
        plan,
        world.union,
        content="Xây dựng kế hoạch và tổ chức triển khai Kết luận 93",
        deadline=datetime.date(2035, 9, 30),
        coordinators=[world.unit],
    )
    foreign_task = make_task(
        plan,
        other_unit,
        content="Giám sát việc triển khai thực hiện",
        deadline=datetime.date(2026, 3, 31),
    )
    result = Directives(
        party_committee,
        directive,
        conclusion,
        plan,
        own_task,
        coordinated_task,
        foreign_task,
        other_unit,
    )
    world.extra["directives"] = result
    return result


# Who reads the module at all; every other actor is refused every page of it.
MODULE_READERS = frozenset(
    {Role.ADMIN, Role.UNION_STAFF, Role.UNION_LEADER, Role.OVERSIGHT, Role.UNIT_REPORTER}
)
PROVINCE_READERS = frozenset({Role.ADMIN, Role.UNION_STAFF, Role.UNION_LEADER, Role.OVERSIGHT})
MANAGERS = frozenset({Role.ADMIN, Role.UNION_STAFF, Role.UNION_LEADER})
# The assigning body of Plan 137-KH/TU: the Propaganda Department's oversight user,
# and administrators.
PLAN_DECIDERS = frozenset({Role.ADMIN, Role.OVERSIGHT})
