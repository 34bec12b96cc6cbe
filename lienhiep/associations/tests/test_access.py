"""Who may open each page of the member association registry; everyone else is refused.

Association staff see and edit their own association (Hội Y học) and are
refused, with a 404, everything of another one (Hội Làm vườn).
"""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lienhiep.associations.testing import (
    PDF_BYTES,
    add_branch,
    add_count,
    add_report,
    build_associations,
)
from lienhiep.core.models import Role
from lienhiep.core.testing import (
    MANAGERS,
    READERS,
    AccessCheck,
    World,
    access_cases,
    assert_access,
    client_for,
)

STAFF = frozenset({Role.ASSOCIATION_STAFF})
OWN_READERS = READERS | STAFF
OWN_EDITORS = MANAGERS | STAFF


def _own(world: World) -> list[Any]:
    return [build_associations(world).own.pk]


def _other(world: World) -> list[Any]:
    return [build_associations(world).other.pk]


def _own_report(world: World) -> list[Any]:
    return [add_report(build_associations(world).own).pk]


def _other_report(world: World) -> list[Any]:
    return [add_report(build_associations(world).other).pk]


def _own_count(world: World) -> list[Any]:
    return [add_count(build_associations(world).own, 2025, 120).pk]


def _other_count(world: World) -> list[Any]:
    return [add_count(build_associations(world).other, 2025, 120).pk]


def _own_branch(world: World) -> list[Any]:
    return [add_branch(build_associations(world).own).pk]


def _other_branch(world: World) -> list[Any]:
    return [add_branch(build_associations(world).other).pk]


def _create_data(world: World) -> dict[str, Any]:
    return {"name": "Hội Tin học tỉnh", "code": "HTH", "field": "engineering", "term_years": 5}


def _edit_data(world: World) -> dict[str, Any]:
    # Complete for managers; association staff are not sent the manager-only fields.
    return {"name": "Hội mới", "status": "active", "president": "Giàng A Dơ", "term_years": 5}


def _count_data(world: World) -> dict[str, Any]:
    return {"year": 2025, "members": 120, "branches": 3}


def _branch_data(world: World) -> dict[str, Any]:
    return {"name": "Chi hội Sìn Hồ", "place": "Xã Sìn Hồ", "members": 20}


def _report_data(world: World) -> dict[str, Any]:
    return {"year": 2025, "upload": SimpleUploadedFile("bao-cao.pdf", PDF_BYTES)}


CHECKS = [
    AccessCheck("associations:list", OWN_READERS),
    AccessCheck("associations:create", MANAGERS),
    AccessCheck("associations:create", MANAGERS, method="post", data=_create_data),
    AccessCheck("associations:export", OWN_READERS, method="post"),
    AccessCheck("associations:detail", OWN_READERS, args=_own),
    AccessCheck("associations:detail", READERS, args=_other),
    AccessCheck("associations:edit", OWN_EDITORS, args=_own),
    AccessCheck("associations:edit", MANAGERS, args=_other),
    AccessCheck("associations:edit", OWN_EDITORS, args=_own, method="post", data=_edit_data),
    AccessCheck("associations:edit", MANAGERS, args=_other, method="post", data=_edit_data),
    AccessCheck("associations:history", OWN_READERS, args=_own),
    AccessCheck("associations:history", READERS, args=_other),
    AccessCheck(
        "associations:member_count_add", OWN_EDITORS, args=_own, method="post", data=_count_data
    ),
    AccessCheck(
        "associations:member_count_add", MANAGERS, args=_other, method="post", data=_count_data
    ),
    AccessCheck(
        "associations:branch_add", OWN_EDITORS, args=_own, method="post", data=_branch_data
    ),
    AccessCheck("associations:branch_add", MANAGERS, args=_other, method="post", data=_branch_data),
    AccessCheck(
        "associations:report_add", OWN_EDITORS, args=_own, method="post", data=_report_data
    ),
    AccessCheck("associations:report_add", MANAGERS, args=_other, method="post", data=_report_data),
    AccessCheck("associations:member_count_edit", OWN_EDITORS, args=_own_count),
    AccessCheck("associations:member_count_edit", MANAGERS, args=_other_count),
    AccessCheck(
        "associations:member_count_edit",
        OWN_EDITORS,
        args=_own_count,
        method="post",
        data=_count_data,
    ),
    AccessCheck(
        "associations:member_count_edit",
        MANAGERS,
        args=_other_count,
        method="post",
        data=_count_data,
    ),
    AccessCheck("associations:member_count_remove", OWN_EDITORS, args=_own_count),
    AccessCheck("associations:member_count_remove", OWN_EDITORS, args=_own_count, method="post"),
    AccessCheck("associations:member_count_remove", MANAGERS, args=_other_count, method="post"),
    AccessCheck("associations:branch_edit", OWN_EDITORS, args=_own_branch),
    AccessCheck("associations:branch_edit", MANAGERS, args=_other_branch),
    AccessCheck(
        "associations:branch_edit", OWN_EDITORS, args=_own_branch, method="post", data=_branch_data
    ),
    AccessCheck(
        "associations:branch_edit", MANAGERS, args=_other_branch, method="post", data=_branch_data
    ),
    AccessCheck("associations:branch_remove", OWN_EDITORS, args=_own_branch),
    AccessCheck("associations:branch_remove", OWN_EDITORS, args=_own_branch, method="post"),
    AccessCheck("associations:branch_remove", MANAGERS, args=_other_branch, method="post"),
    AccessCheck("associations:report_withdraw", OWN_EDITORS, args=_own_report),
    AccessCheck("associations:report_withdraw", OWN_EDITORS, args=_own_report, method="post"),
    AccessCheck("associations:report_withdraw", MANAGERS, args=_other_report, method="post"),
    AccessCheck("associations:report_download", OWN_READERS, args=_own_report),
    AccessCheck("associations:report_download", READERS, args=_other_report),
]


@pytest.mark.parametrize(("check", "actor"), access_cases(CHECKS))
def test_access(world: World, check: AccessCheck, actor: str) -> None:
    assert_access(check, world, actor)


@pytest.mark.parametrize(
    ("url_name", "method"),
    [
        ("associations:detail", "get"),
        ("associations:edit", "get"),
        ("associations:edit", "post"),
        ("associations:history", "get"),
        ("associations:member_count_add", "post"),
        ("associations:branch_add", "post"),
        ("associations:report_add", "post"),
    ],
)
def test_association_staff_get_404_on_another_association(
    world: World, url_name: str, method: str
) -> None:
    other = build_associations(world).other
    client = client_for(world, Role.ASSOCIATION_STAFF)
    response = getattr(client, method)(reverse(url_name, args=[other.pk]), {})
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("url_name", "make"),
    [
        ("associations:member_count_edit", _other_count),
        ("associations:member_count_remove", _other_count),
        ("associations:branch_edit", _other_branch),
        ("associations:branch_remove", _other_branch),
        ("associations:report_withdraw", _other_report),
    ],
)
def test_association_staff_get_404_on_another_associations_records(
    world: World, url_name: str, make: Any
) -> None:
    url = reverse(url_name, args=make(world))
    client = client_for(world, Role.ASSOCIATION_STAFF)
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404


def test_association_staff_get_404_on_another_associations_report(world: World) -> None:
    report = add_report(build_associations(world).other)
    client = client_for(world, Role.ASSOCIATION_STAFF)
    response = client.get(reverse("associations:report_download", args=[report.pk]))
    assert response.status_code == 404


def test_association_staff_are_sent_to_their_own_association(world: World) -> None:
    own = build_associations(world).own
    response = client_for(world, Role.ASSOCIATION_STAFF).get(reverse("associations:list"))
    assert response.status_code == 302
    assert response["Location"] == own.get_absolute_url()
