"""Document generation: official .docx documents, .xlsx exports and .pdf reports.

Pure Python (python-docx, openpyxl, fpdf2); nothing here imports Django, so management
commands, background tasks and tests can use it directly.

* ``build_docx(OfficialDocument(...))``: a state (Decree 30/2020/NĐ-CP) or Party
  (Guidance 36-HD/VPTW) document, body made of ``Paragraph``/``Heading``/``Bullet``/``Table``.
* ``build_xlsx([Sheet(...)])``: streamed workbook, typed cells, formulas neutralised.
* ``build_pdf(PdfReport(...))``: a simple report with the bundled Vietnamese-capable font.
"""

from .blocks import Block, Bullet, CellValue, Heading, PageBreak, Paragraph, Span, Table
from .fontmetrics import FONT_DIR, FONT_FILES, FONT_LICENSE
from .official import OfficialDocument, build_docx, normalize_authority, write_docx
from .pdf import PdfReport, build_pdf, write_pdf
from .text import date_line
from .xlsx import Chart, Column, Sheet, XlsxValue, build_xlsx, write_xlsx

__all__ = [
    "FONT_DIR",
    "FONT_FILES",
    "FONT_LICENSE",
    "Block",
    "Bullet",
    "CellValue",
    "Chart",
    "Column",
    "Heading",
    "OfficialDocument",
    "PageBreak",
    "Paragraph",
    "PdfReport",
    "Sheet",
    "Span",
    "Table",
    "XlsxValue",
    "build_docx",
    "build_pdf",
    "build_xlsx",
    "date_line",
    "normalize_authority",
    "write_docx",
    "write_pdf",
    "write_xlsx",
]
