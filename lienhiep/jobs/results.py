"""What import jobs hand back: problems tied to a cell of the file.

The job page (``jobs/_result.html``) shows ``job.result["errors"]`` as a table of
these, so every import reports its errors in one shape.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class RowError:
    """A problem in one row (numbered as the spreadsheet shows it) and column."""

    row: int
    column: str
    message: str

    def as_dict(self) -> dict[str, Any]:
        return {"row": self.row, "column": self.column, "message": self.message}
