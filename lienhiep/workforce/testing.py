"""Helpers for the registry's tests: rosters as offices save them."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font


def roster_xlsx(
    tmp_path: Path,
    rows: Iterable[Any],
    *,
    font: str | None = None,
    merges: tuple[str, ...] = (),
    name: str = "ds.xlsx",
) -> Path:
    """A workbook as Excel saves it: every cell in ``font`` if one is given, ``merges`` as
    "B2:F2" ranges."""
    workbook = Workbook()
    sheet: Any = workbook.active
    for row in rows:
        sheet.append(row)
    if font:
        for cells in sheet.iter_rows():
            for cell in cells:
                cell.font = Font(name=font)
    for merge in merges:
        sheet.merge_cells(merge)
    path = tmp_path / name
    workbook.save(path)
    return path
