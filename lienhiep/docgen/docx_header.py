"""The header block of an official document: issuer, number, national title, place and date.

Laid out as a borderless 2 × 2 table, columns as wide as the text area together:

    issuer (+ rule or "*")     | national title (+ rule)
    number (+ "V/v ..." )      | place and date

Putting the number and the date in the same row keeps them on one line, as both texts ask.
Cell margins are zero so each column's width is exactly the room for its text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from docx.document import Document as DocxDocument
from docx.table import _Cell
from docx.text.paragraph import Paragraph as DocxParagraph

from .docx_xml import (
    add_rule,
    add_text,
    format_paragraph,
    mm_to_twips,
    set_cell_margins,
    set_table_borders,
    set_table_widths,
)
from .fontmetrics import balanced_lines, text_width_pt
from .text import date_line, nfc, vn_upper

if TYPE_CHECKING:
    from .layout import Layout
    from .official import OfficialDocument

NATIONAL_TITLE: Final = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO: Final = "Độc lập - Tự do - Hạnh phúc"
PARTY_TITLE: Final = "ĐẢNG CỘNG SẢN VIỆT NAM"

#: Issuer rule, as a share of the issuer's longest line (Decree 30: 1/3 to 1/2).
ISSUER_RULE_RATIO: Final = 0.4
#: Break issuer lines a little short of the column so Word never re-wraps them.
_WRAP_SAFETY: Final = 0.97


def add_header(document: DocxDocument, doc: OfficialDocument) -> None:
    layout = doc.layout
    table = document.add_table(rows=2, cols=2)
    set_table_borders(table, "none")
    set_cell_margins(table, 0, 0)
    set_table_widths(
        table, [mm_to_twips(layout.header_left_mm), mm_to_twips(layout.header_right_mm)]
    )
    if doc.style == "state":
        _state_issuer(table.cell(0, 0), doc, layout)
        _state_title(table.cell(0, 1), layout)
        number = f"Số: {nfc(doc.symbol).strip()}"
    else:
        _party_issuer(table.cell(0, 0), doc, layout)
        _party_title(table.cell(0, 1), layout)
        number = f"Số {nfc(doc.symbol).strip()}"
    left = table.cell(1, 0)
    paragraph = _first(left)
    format_paragraph(paragraph, "center", before=6)
    add_text(paragraph, number, layout.number_size)
    if doc.is_letter and doc.summary.strip():
        paragraph = left.add_paragraph()
        format_paragraph(paragraph, "center", before=6)
        summary = nfc(doc.summary).strip()
        if not summary.lower().startswith("v/v"):
            summary = f"V/v {summary}"
        size, italic = layout.letter_summary_size, layout.letter_summary_italic
        lines = balanced_lines(
            summary, size, _pt(layout.header_left_mm) * _WRAP_SAFETY, False, italic
        )
        add_text(paragraph, "\n".join(lines), size, italic=italic)
    paragraph = _first(table.cell(1, 1))
    format_paragraph(paragraph, "center", before=6)
    add_text(paragraph, date_line(doc.place, doc.date), layout.date_size, italic=True)


def _first(cell: _Cell) -> DocxParagraph:
    """The empty paragraph every new cell starts with."""
    return cell.paragraphs[0]


def _pt(mm: float) -> float:
    return mm / 25.4 * 72


def _issuer_lines(text: str, size: float, width_mm: float, bold: bool) -> list[str]:
    return balanced_lines(vn_upper(text), size, _pt(width_mm) * _WRAP_SAFETY, bold=bold)


def _add_issuer_names(cell: _Cell, doc: OfficialDocument, layout: Layout) -> list[str]:
    """Parent body (regular) over the issuer (bold), capitals; returns the issuer's lines."""
    width = layout.header_left_mm
    paragraph = _first(cell)
    if doc.parent_issuer.strip():
        format_paragraph(paragraph, "center")
        parent = _issuer_lines(doc.parent_issuer, layout.parent_size, width, bold=False)
        add_text(paragraph, "\n".join(parent), layout.parent_size)
        paragraph = cell.add_paragraph()
    format_paragraph(paragraph, "center")
    lines = _issuer_lines(doc.issuer, layout.issuer_size, width, bold=True)
    add_text(paragraph, "\n".join(lines), layout.issuer_size, bold=True)
    return lines


def _state_issuer(cell: _Cell, doc: OfficialDocument, layout: Layout) -> None:
    """Decree 30, II.2: rule under the issuer, 1/3-1/2 of its line, centred."""
    lines = _add_issuer_names(cell, doc, layout)
    longest = max(text_width_pt(line, layout.issuer_size, bold=True) for line in lines)
    add_rule(cell, round(longest * ISSUER_RULE_RATIO * 20), mm_to_twips(layout.header_left_mm))


def _state_title(cell: _Cell, layout: Layout) -> None:
    """Decree 30, II.1: national title and motto, rule under the motto as long as it."""
    paragraph = _first(cell)
    format_paragraph(paragraph, "center")
    add_text(paragraph, NATIONAL_TITLE, layout.national_size, bold=True)
    paragraph = cell.add_paragraph()
    format_paragraph(paragraph, "center")
    add_text(paragraph, MOTTO, layout.motto_size, bold=True)
    length = text_width_pt(MOTTO, layout.motto_size, bold=True)
    add_rule(cell, round(length * 20), mm_to_twips(layout.header_right_mm))


def _party_issuer(cell: _Cell, doc: OfficialDocument, layout: Layout) -> None:
    """Guidance 36, II.1.2: the issuer with an asterisk under it instead of a rule."""
    _add_issuer_names(cell, doc, layout)
    paragraph = cell.add_paragraph()
    format_paragraph(paragraph, "center")
    add_text(paragraph, "*", layout.issuer_size)


def _party_title(cell: _Cell, layout: Layout) -> None:
    """Guidance 36, II.1.1: "ĐẢNG CỘNG SẢN VIỆT NAM" with a rule as long as the title."""
    paragraph = _first(cell)
    format_paragraph(paragraph, "center")
    add_text(paragraph, PARTY_TITLE, layout.national_size, bold=True)
    length = text_width_pt(PARTY_TITLE, layout.national_size, bold=True)
    add_rule(cell, round(length * 20), mm_to_twips(layout.header_right_mm))
