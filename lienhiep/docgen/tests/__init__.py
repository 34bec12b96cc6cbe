"""Tests of lienhiep.docgen, and the helpers they share to read generated .docx files back."""

from __future__ import annotations

import datetime
from io import BytesIO

import docx
from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as DocxParagraph

from lienhiep.docgen import Bullet, Heading, OfficialDocument, Paragraph, Span, Table

FONT = "Times New Roman"

#: ECMA-376 child sequences of the property elements docgen writes into.
PPR_ORDER = (
    *("w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr"),
    *("w:widowControl", "w:numPr", "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs"),
    *("w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct"),
    *("w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd"),
    *("w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents"),
    *("w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment"),
    *("w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr"),
    "w:pPrChange",
)
TBLPR_ORDER = (
    *("w:tblStyle", "w:tblpPr", "w:tblOverlap", "w:bidiVisual", "w:tblStyleRowBandSize"),
    *("w:tblStyleColBandSize", "w:tblW", "w:jc", "w:tblCellSpacing", "w:tblInd"),
    *("w:tblBorders", "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption"),
    *("w:tblDescription", "w:tblPrChange"),
)
TRPR_ORDER = (
    *("w:cnfStyle", "w:divId", "w:gridBefore", "w:gridAfter", "w:wBefore", "w:wAfter"),
    *("w:cantSplit", "w:trHeight", "w:tblHeader", "w:tblCellSpacing", "w:jc", "w:hidden"),
    *("w:ins", "w:del", "w:trPrChange"),
)
TWIPS_PER_MM = 1440 / 25.4


def sample_body() -> list:
    return [
        Paragraph(
            "Thực hiện Nghị quyết số 45-NQ/TW ngày 24/11/2023 của Ban Chấp hành Trung ương "
            "Đảng khóa XIII về tiếp tục xây dựng và phát huy vai trò của đội ngũ trí thức, "
            "Liên hiệp hội xây dựng Kế hoạch thực hiện như sau:"
        ),
        Heading("I. MỤC ĐÍCH, YÊU CẦU", 1),
        Heading("1. Mục đích", 2),
        Bullet(["Nâng cao trách nhiệm của các ", Span("hội thành viên", bold=True), "."]),
        Heading("a) Đối với cơ quan", 3),
        Table(
            header=["STT", "Nội dung", "Chủ trì", "Thời hạn"],
            rows=[
                [i, f"Nhiệm vụ {i}", "Văn phòng", datetime.date(2024, 3, i)] for i in range(1, 6)
            ],
            widths=[1, 6, 3, 2],
            align=["center", "left", "left", "center"],
        ),
        Paragraph("Văn phòng Liên hiệp hội theo dõi, đôn đốc việc thực hiện."),
    ]


def state_doc(**overrides: object) -> OfficialDocument:
    values: dict = {
        "style": "state",
        "parent_issuer": "UBND tỉnh Lai Châu",
        "issuer": "Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh Lai Châu",
        "symbol": "05/KH-LHH",
        "place": "Lai Châu",
        "date": datetime.date(2024, 2, 5),
        "doc_type": "Kế hoạch",
        "summary": "Triển khai thực hiện Nghị quyết số 45-NQ/TW về đội ngũ trí thức",
        "body": sample_body(),
        "signer_authority": "KT. Chủ tịch",
        "signer_title": "Phó Chủ tịch",
        "signer_name": "Nguyễn Văn Đức",
        "recipients": ["Thường trực Tỉnh ủy (b/c);", "- Các hội thành viên"],
        "archive": "VT, VP",
    }
    values.update(overrides)
    return OfficialDocument(**values)


def party_doc(**overrides: object) -> OfficialDocument:
    values: dict = {
        "style": "party",
        "issuer": "Tỉnh ủy Lai Châu",
        "symbol": "137-KH/TU",
        "place": "Lai Châu",
        "date": datetime.date(2022, 5, 9),
        "doc_type": "KẾ HOẠCH",
        "summary": "thực hiện Nghị quyết số 45-NQ/TW của Ban Chấp hành Trung ương Đảng",
        "body": sample_body(),
        "signer_authority": "TM. Ban Thường vụ",
        "signer_title": "Phó Bí thư",
        "signer_name": "Hà Nhì Khơ Mú",
        "recipients": ["Ban Bí thư Trung ương Đảng (b/c)", "Các đảng bộ trực thuộc,"],
        "archive": "Văn phòng Tỉnh ủy",
    }
    values.update(overrides)
    return OfficialDocument(**values)


def open_docx(data: bytes) -> DocxDocument:
    return docx.Document(BytesIO(data))


def texts(container: object) -> list[str]:
    return [p.text for p in getattr(container, "paragraphs")]  # noqa: B009


def body_paragraph(document: DocxDocument, text: str) -> DocxParagraph:
    """The first top-level body paragraph whose text starts with ``text``."""
    for paragraph in document.paragraphs:
        if paragraph.text.startswith(text):
            return paragraph
    raise AssertionError(f"no paragraph starting with {text!r}")


def cell_paragraph(table: DocxTable, row: int, col: int, text: str) -> DocxParagraph:
    for paragraph in table.cell(row, col).paragraphs:
        if paragraph.text.startswith(text):
            return paragraph
    raise AssertionError(f"no paragraph starting with {text!r} in cell ({row}, {col})")


def size_pt(paragraph: DocxParagraph) -> float:
    """The one font size of a paragraph's runs (asserts they agree)."""
    sizes = {run.font.size.pt for run in paragraph.runs if run.text and run.font.size}
    assert len(sizes) == 1, sizes
    return sizes.pop()


def all_bold(paragraph: DocxParagraph) -> bool:
    return all(run.font.bold for run in paragraph.runs if run.text.strip())


def all_italic(paragraph: DocxParagraph) -> bool:
    return all(run.font.italic for run in paragraph.runs if run.text.strip())


def has_rule(paragraph: DocxParagraph) -> bool:
    ppr = paragraph._p.pPr
    return ppr is not None and ppr.find(qn("w:pBdr")) is not None


def rule_length_twips(paragraph: DocxParagraph, available_twips: float) -> float:
    """Length of a rule paragraph: the room left between its indents."""
    fmt = paragraph.paragraph_format
    left = fmt.left_indent.twips if fmt.left_indent is not None else 0
    right = fmt.right_indent.twips if fmt.right_indent is not None else 0
    return available_twips - left - right


def rules_in(paragraphs: list[DocxParagraph]) -> list[DocxParagraph]:
    return [p for p in paragraphs if has_rule(p)]


def cell_width_twips(table: DocxTable, col: int) -> int:
    grid = table._tbl.tblGrid.findall(qn("w:gridCol"))
    return int(grid[col].get(qn("w:w")))
