"""Simple PDF reports (title, paragraphs, tables) with fpdf2 and the bundled fonts.

The core PDF fonts (Times, Helvetica) only cover Latin-1, so Vietnamese needs a TrueType font
embedded in the file: the Liberation Serif files under ``FONT_DIR`` (metric-compatible with
Times New Roman, SIL OFL). fpdf2 embeds the subset of glyphs used. Text is NFC-normalised
first: fpdf2 does no shaping by default and would draw decomposed diacritics apart.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import IO, Final

from fpdf import FPDF
from fpdf.fonts import FontFace

from .blocks import Align, Block, Bullet, Heading, PageBreak, Paragraph, Table, cell_text, spans
from .fontmetrics import FONT_FILES, PDF_FONT_FAMILY, style_code
from .layout import PAGE
from .text import date_line, nfc, vn_upper

BODY_SIZE: Final = 13.0
TITLE_SIZE: Final = 15.0
TABLE_SIZE: Final = 11.0
FIRST_LINE_MM: Final = 12.7
LINE_HEIGHT: Final = 1.3  # multiple of the font size
_FPDF_ALIGN: Final[dict[Align, str]] = {
    "justify": "J",
    "left": "L",
    "center": "C",
    "right": "R",
}


@dataclass(frozen=True)
class PdfReport:
    """A report: optional issuer and place/date line, a title, and body blocks."""

    title: str
    body: Sequence[Block]
    subtitle: str = ""
    issuer: str = ""
    place: str = ""
    date: datetime.date | None = None
    author: str = ""
    landscape: bool = False

    def __post_init__(self) -> None:
        if self.date is not None and not self.place.strip():
            raise ValueError("a report with a date needs its place (date line: 'Lai Châu, ngày …')")


class _ReportPDF(FPDF):
    def header(self) -> None:
        """Page number centred in the top margin from page 2, as official documents do."""
        if self.page_no() < 2:
            return
        self.set_font(PDF_FONT_FAMILY, "", 12)
        self.set_y(PAGE.header_mm)
        self.cell(0, 5, str(self.page_no()), align="C")
        self.set_y(self.t_margin)


def new_pdf(landscape: bool = False) -> FPDF:
    """An A4 FPDF with the decree's margins and the bundled fonts registered."""
    pdf = _ReportPDF(orientation="L" if landscape else "P", unit="mm", format="A4")
    pdf.set_margins(left=PAGE.left_mm, top=PAGE.top_mm, right=PAGE.right_mm)
    pdf.set_auto_page_break(auto=True, margin=PAGE.bottom_mm)
    for style, path in FONT_FILES.items():
        pdf.add_font(PDF_FONT_FAMILY, style, str(path))
    pdf.set_lang("vi")
    pdf.set_creator("lienhiep.docgen")
    return pdf


def build_pdf(report: PdfReport) -> bytes:
    out = BytesIO()
    write_pdf(report, out)
    return out.getvalue()


def write_pdf(report: PdfReport, target: str | Path | IO[bytes]) -> None:
    pdf = new_pdf(report.landscape)
    pdf.set_title(nfc(report.title))
    if report.author or report.issuer:
        pdf.set_author(nfc(report.author or report.issuer))
    pdf.add_page()
    _head(pdf, report)
    for block in report.body:
        _block(pdf, block)
    data = bytes(pdf.output())
    if isinstance(target, str | Path):
        Path(target).write_bytes(data)
    else:
        target.write(data)


def _set_font(pdf: FPDF, size: float, bold: bool = False, italic: bool = False) -> None:
    pdf.set_font(PDF_FONT_FAMILY, style_code(bold, italic), size)


def _head(pdf: FPDF, report: PdfReport) -> None:
    """Issuer at the left and place/date at the right on one line, then the title."""
    top = pdf.get_y()
    if report.issuer:
        _set_font(pdf, 12, bold=True)
        pdf.multi_cell(pdf.epw * 0.45, 6, vn_upper(report.issuer), align="C")
    if report.date is not None:
        pdf.set_xy(pdf.l_margin + pdf.epw * 0.45, top)
        _set_font(pdf, 12, italic=True)
        pdf.multi_cell(pdf.epw * 0.55, 6, date_line(report.place, report.date), align="C")
    if report.issuer or report.date is not None:
        pdf.set_y(max(pdf.get_y(), top + 12) + 6)
    _set_font(pdf, TITLE_SIZE, bold=True)
    pdf.multi_cell(0, 7, vn_upper(report.title), align="C", new_x="LMARGIN", new_y="NEXT")
    if report.subtitle:
        _set_font(pdf, BODY_SIZE, bold=True)
        pdf.multi_cell(0, 6, nfc(report.subtitle), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)


def _block(pdf: FPDF, block: Block) -> None:
    if isinstance(block, PageBreak):
        pdf.add_page()
    elif isinstance(block, Table):
        _table(pdf, block)
    else:
        _text(pdf, block)


def _text(pdf: FPDF, block: Paragraph | Heading | Bullet) -> None:
    """A paragraph of mixed spans: text_columns lets the font change mid-paragraph."""
    align = block.align if isinstance(block, Paragraph) else "justify"
    indent = FIRST_LINE_MM if not isinstance(block, Paragraph) or block.indent else 0
    bold = isinstance(block, Heading) and block.level < 3
    bold = bold or (isinstance(block, Paragraph) and block.bold)
    italic = isinstance(block, Paragraph) and block.italic
    parts = spans(block.text) if isinstance(block, Heading) else spans(block.content)
    if isinstance(block, Bullet):
        parts = [*spans(f"{block.marker} "), *parts]
    top = 2.0 if isinstance(block, Heading) and block.level == 1 else 0.0
    region = pdf.text_columns(text_align=_FPDF_ALIGN[align], line_height=LINE_HEIGHT)
    with region, region.paragraph(first_line_indent=indent, top_margin=top, bottom_margin=2) as par:
        for part in parts:
            _set_font(pdf, BODY_SIZE, bold or part.bold, italic or part.italic)
            par.write(nfc(part.text))
    _set_font(pdf, BODY_SIZE)


def _table(pdf: FPDF, block: Table) -> None:
    """Bordered table, bold grey header repeated on each page, columns by weight."""
    if block.caption:
        _set_font(pdf, BODY_SIZE, bold=True)
        pdf.multi_cell(0, 6, nfc(block.caption), align="C", new_x="LMARGIN", new_y="NEXT")
    size = min(block.font_size, TABLE_SIZE + 1)
    _set_font(pdf, size)
    aligns = tuple(_FPDF_ALIGN[block.column_align(i)] for i in range(len(block.header)))
    heading = FontFace(emphasis="BOLD", fill_color=(230, 230, 230))
    with pdf.table(
        col_widths=tuple(block.column_weights()),
        text_align=aligns,
        headings_style=heading,
        line_height=size * 0.3528 * LINE_HEIGHT,
        repeat_headings=1,
        padding=(1, 1.5),
        # "CENTER" centres on the page, which with the decree's unequal margins (30/15 mm)
        # would push the table into the left margin; full text width from the left margin.
        align="LEFT",
        width=pdf.epw,
    ) as table:
        header = table.row()
        for title in block.header:
            header.cell(nfc(title), align="C")
        for values in block.rows:
            row = table.row()
            for index in range(len(block.header)):
                value = values[index] if index < len(values) else None
                row.cell(nfc(cell_text(value)))
    pdf.ln(3)
    _set_font(pdf, BODY_SIZE)
