"""Body content shared by the .docx and .pdf writers.

A document body is a sequence of blocks. They carry meaning (a level-2 heading, a task table),
not formatting: each writer applies the layout rules of its format.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal, TypeAlias

Align: TypeAlias = Literal["justify", "left", "center", "right"]


@dataclass(frozen=True)
class Span:
    """A run of text with its own emphasis, inside a paragraph or bullet."""

    text: str
    bold: bool = False
    italic: bool = False
    underline: bool = False


Inline: TypeAlias = str | Span | Sequence[str | Span]


@dataclass(frozen=True)
class Paragraph:
    """A body paragraph: justified, first line indented (Decree 30, Appendix I, II.6)."""

    content: Inline
    align: Align = "justify"
    indent: bool = True
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class Heading:
    """A numbered heading, text given with its number.

    level 1: "I. MỤC ĐÍCH, YÊU CẦU" (bold), level 2: "1. Mục đích" (bold),
    level 3: "a) Đối với ..." (upright regular, as the decree sets "điểm").
    """

    text: str
    level: Literal[1, 2, 3] = 1


@dataclass(frozen=True)
class Bullet:
    """A dash item ("- Tổ chức ...") as Vietnamese official documents list things."""

    content: Inline
    marker: str = "-"


CellValue: TypeAlias = str | int | float | Decimal | datetime.date | None


@dataclass(frozen=True)
class Table:
    """A bordered table with a header row repeated on every page.

    ``widths`` are relative weights (e.g. ``(1, 6, 3, 2)``), scaled to the text width.
    ``align`` gives each column's alignment; by default text columns are left-aligned.
    """

    header: Sequence[str]
    rows: Sequence[Sequence[CellValue]]
    widths: Sequence[float] = ()
    align: Sequence[Align] = ()
    font_size: float = 13.0
    caption: str = ""

    def column_weights(self) -> list[float]:
        n = len(self.header)
        if len(self.widths) == n and all(w > 0 for w in self.widths):
            return [float(w) for w in self.widths]
        return [1.0] * n

    def column_align(self, index: int) -> Align:
        return self.align[index] if index < len(self.align) else "left"


@dataclass(frozen=True)
class PageBreak:
    """Start the next block on a new page."""

    reason: str = field(default="", compare=False)


Block: TypeAlias = Paragraph | Heading | Bullet | Table | PageBreak


def spans(content: Inline) -> list[Span]:
    """Normalise paragraph content to a list of spans."""
    if isinstance(content, str):
        return [Span(content)]
    if isinstance(content, Span):
        return [content]
    return [Span(item) if isinstance(item, str) else item for item in content]


def cell_text(value: CellValue) -> str:
    """How a table cell value is printed (Vietnamese conventions: dd/mm/yyyy, 1.234,5)."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, int):
        return str(value)  # ids and years: no grouping ("2.024" would read wrong)
    if isinstance(value, float | Decimal):
        text = f"{value:,.2f}".rstrip("0").rstrip(".")
        # Swap separators: Vietnamese writes 1.234,5 for 1,234.5.
        return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return value
