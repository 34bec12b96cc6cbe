"""Who may write review reports and urging letters: province readers and urgers only."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse

from lienhiep.core.models import Role
from lienhiep.core.testing import AccessCheck, World, access_cases, assert_access, client_for
from lienhiep.directives.models import ReviewKind, ReviewReport
from lienhiep.directives.testing import PROVINCE_READERS, build_directives, make_task
from lienhiep.jobs.models import Job

URGERS = frozenset({Role.ADMIN, Role.UNION_STAFF, Role.UNION_LEADER, Role.OVERSIGHT})

REVIEW_FORM = {
    "kind": ReviewKind.PRELIMINARY,
    "period_from": "01/01/2026",
    "period_to": "30/06/2026",
    "place": "Lai Châu",
    "report_date": "02/07/2026",
    "signer_title": "PHÓ BÍ THƯ",
    "signer_name": "Lò Văn Bình",
}


def _plan(world: World) -> list[Any]:
    return [build_directives(world).plan.pk]


def _review(world: World) -> list[Any]:
    if "review" not in world.extra:
        world.extra["review"] = ReviewReport.objects.create(
            document=build_directives(world).plan,
            kind=ReviewKind.PRELIMINARY,
            period_from=datetime.date(2026, 1, 1),
            period_to=datetime.date(2026, 6, 30),
        )
    return [world.extra["review"].pk]


def _overdue_task(world: World) -> dict[str, Any]:
    if "overdue_task" not in world.extra:
        world.extra["overdue_task"] = make_task(
            build_directives(world).plan, world.unit, deadline=datetime.date(2020, 1, 31)
        )
    return {"tasks": [world.extra["overdue_task"].pk], "signer_name": "Lò Văn Bình"}


CHECKS = [
    AccessCheck("directives:review_create", PROVINCE_READERS, args=_plan),
    AccessCheck(
        "directives:review_create",
        PROVINCE_READERS,
        args=_plan,
        method="post",
        data=lambda world: REVIEW_FORM,
    ),
    AccessCheck("directives:review_detail", PROVINCE_READERS, args=_review),
    AccessCheck(
        "directives:review_detail",
        PROVINCE_READERS,
        args=_review,
        method="post",
        data=lambda world: REVIEW_FORM,
    ),
    AccessCheck("directives:review_regenerate", PROVINCE_READERS, args=_review, method="post"),
    AccessCheck("directives:review_download", PROVINCE_READERS, args=_review, method="post"),
    AccessCheck("directives:urging_letter", URGERS),
    AccessCheck("directives:urging_letter", URGERS, method="post", data=_overdue_task),
]


@pytest.mark.parametrize(("check", "actor"), access_cases(CHECKS))
def test_access(world: World, check: AccessCheck, actor: str) -> None:
    assert_access(check, world, actor)


def test_regenerate_and_download_do_nothing_when_opened_as_pages(world: World) -> None:
    """Only their buttons' forms act; the address opened as a page leads to the page
    above it."""
    client = client_for(world, Role.UNION_STAFF)
    pk = _review(world)[0]
    history = ReviewReport.history.filter(id=pk).count()
    for name in ("directives:review_regenerate", "directives:review_download"):
        response = client.get(reverse(name, args=[pk]))
        assert response.status_code == 302
        assert response["Location"] == reverse("directives:review_detail", args=[pk])
    assert ReviewReport.history.filter(id=pk).count() == history
    assert not Job.objects.exists()
