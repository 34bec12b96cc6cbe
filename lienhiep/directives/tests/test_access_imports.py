"""Importing tasks and downloading the sample table: managers only; others get a 404."""

from __future__ import annotations

from io import BytesIO
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from lienhiep.core.testing import AccessCheck, World, access_cases, assert_access
from lienhiep.directives.testing import MANAGERS, build_directives


def _plan(world: World) -> list[Any]:
    return [build_directives(world).plan.pk]


def _upload(world: World) -> dict[str, Any]:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì"])
    sheet.append([1, "Quán triệt kế hoạch", "LHH"])
    content = BytesIO()
    workbook.save(content)
    return {"file": SimpleUploadedFile("ke-hoach.xlsx", content.getvalue())}


CHECKS = [
    AccessCheck("directives:import_tasks", MANAGERS, args=_plan),
    AccessCheck("directives:import_tasks", MANAGERS, args=_plan, method="post", data=_upload),
    AccessCheck("directives:import_template", MANAGERS),
]


@pytest.mark.parametrize(("check", "actor"), access_cases(CHECKS))
def test_access(world: World, check: AccessCheck, actor: str) -> None:
    assert_access(check, world, actor)
