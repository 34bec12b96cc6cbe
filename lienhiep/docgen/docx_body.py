"""Title, "Kính gửi", body blocks and the signature/"Nơi nhận" block of an official document."""

from __future__ import annotations

from collections.abc import Sequence
from copy import deepcopy
from typing import TYPE_CHECKING, Final

from docx.document import Document as DocxDocument
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Pt, Twips
from docx.table import _Cell, _Row

from .blocks import Block, Bullet, Heading, Inline, PageBreak, Paragraph, Table, cell_text, spans
from .docx_xml import (
    add_rule,
    add_text,
    format_paragraph,
    keep_row_together,
    mm_to_twips,
    repeat_as_header,
    set_mark_size,
    set_table_borders,
    set_table_widths,
)
from .fontmetrics import balanced_lines, text_width_pt
from .layout import PAGE
from .text import clean_list_item, nfc, vn_upper

if TYPE_CHECKING:
    from docx.text.paragraph import Paragraph as DocxParagraph

    from .layout import Layout
    from .official import OfficialDocument

#: Rule under the summary, as a share of its longest line (Decree 30: 1/3 to 1/2).
SUMMARY_RULE_RATIO: Final = 0.4
#: Guidance 36 separates the summary from the body with five hyphens.
PARTY_SUMMARY_MARK: Final = "-----"
ADDRESSEE_LABEL: Final = "Kính gửi: "

_TC: Final = qn("w:tc")
_P: Final = qn("w:p")
_R: Final = qn("w:r")
_RPR: Final = qn("w:rPr")
_T: Final = qn("w:t")
_BR: Final = qn("w:br")
_XML_SPACE: Final = "{http://www.w3.org/XML/1998/namespace}space"


_TEXT_WIDTH_PT: Final = PAGE.text_width_mm / 25.4 * 72


def _text_width_twips() -> int:
    return mm_to_twips(PAGE.text_width_mm)


def add_title(document: DocxDocument, doc: OfficialDocument) -> None:
    """Type name (bold capitals) and summary (bold), centred; a rule or "-----" under them."""
    layout = doc.layout
    paragraph = document.add_paragraph()
    format_paragraph(paragraph, "center", before=layout.title_before_pt, keep_with_next=True)
    add_text(paragraph, vn_upper(doc.doc_type).strip(), layout.type_size, bold=True)
    summary = nfc(doc.summary).strip()
    if not summary:
        return
    paragraph = document.add_paragraph()
    format_paragraph(paragraph, "center", keep_with_next=True)
    # Even lines, as a typist would break a two-line summary, instead of a one-word stub.
    lines = balanced_lines(summary, layout.summary_size, _TEXT_WIDTH_PT * 0.97, bold=True)
    add_text(paragraph, "\n".join(lines), layout.summary_size, bold=True)
    if doc.style == "party":
        paragraph = document.add_paragraph()
        format_paragraph(paragraph, "center", after=6, keep_with_next=True)
        add_text(paragraph, PARTY_SUMMARY_MARK, layout.summary_size)
        return
    longest = max(text_width_pt(line, layout.summary_size, bold=True) for line in lines)
    rule = add_rule(document, round(longest * SUMMARY_RULE_RATIO * 20), _text_width_twips())
    rule.paragraph_format.space_after = Pt(12)


def add_addressees(document: DocxDocument, addressees: Sequence[str], layout: Layout) -> None:
    """ "Kính gửi:" of a letter (Decree 30, II.9a): one addressee on the label's line; several
    as dash lines aligned after the label, ";" at the ends and "." at the last."""
    names = [clean_list_item(name) for name in addressees if clean_list_item(name)]
    if not names:
        return
    size = layout.body_size
    if len(names) == 1:
        paragraph = document.add_paragraph()
        format_paragraph(paragraph, "center", before=12, after=12)
        add_text(paragraph, ADDRESSEE_LABEL + names[0], size)
        return
    items = [f"- {name};" for name in names[:-1]] + [f"- {names[-1]}."]
    label_tw = round(text_width_pt(ADDRESSEE_LABEL, size) * 20)
    widest_tw = max(round(text_width_pt(item, size) * 20) for item in items)
    # Centre the whole block, but never start left of the body's first-line indent.
    left = max((_text_width_twips() - label_tw - widest_tw) // 2, mm_to_twips(12.7))
    for index, item in enumerate(items):
        paragraph = document.add_paragraph()
        last = index == len(items) - 1
        format_paragraph(paragraph, "left", before=12 if index == 0 else 0, after=12 if last else 0)
        paragraph.paragraph_format.left_indent = Twips(left + label_tw)
        if index == 0:
            paragraph.paragraph_format.first_line_indent = Twips(-label_tw)
            item = ADDRESSEE_LABEL + item
        add_text(paragraph, item, size)


def add_blocks(document: DocxDocument, blocks: Sequence[Block], layout: Layout) -> None:
    last: DocxParagraph | None = None
    for block in blocks:
        if isinstance(block, Table):
            _add_table(document, block)
            last = None
        elif isinstance(block, PageBreak):
            document.add_page_break()
            last = None
        else:
            last = _add_text_block(document, block, layout)
    if last is not None:
        # Decree 30 practice: the signature never stands alone on a page.
        last.paragraph_format.keep_with_next = True


def _add_text_block(
    document: DocxDocument, block: Paragraph | Heading | Bullet, layout: Layout
) -> DocxParagraph:
    paragraph = document.add_paragraph()
    align = block.align if isinstance(block, Paragraph) else "justify"
    indent = block.indent if isinstance(block, Paragraph) else True
    format_paragraph(
        paragraph,
        align,
        before=6 if isinstance(block, Heading) and block.level == 1 else 0,
        after=layout.paragraph_after_pt,
        line=layout.line_spacing,
        first_line_cm=layout.first_line_cm if indent else 0,
        keep_with_next=isinstance(block, Heading),
    )
    bold = isinstance(block, Heading) and block.level < 3
    bold = bold or (isinstance(block, Paragraph) and block.bold)
    italic = isinstance(block, Paragraph) and block.italic
    content: Inline = block.text if isinstance(block, Heading) else block.content
    if isinstance(block, Bullet):
        add_text(paragraph, f"{block.marker} ", layout.body_size, bold, italic)
    for span in spans(content):
        add_text(
            paragraph,
            span.text,
            layout.body_size,
            bold=bold or span.bold,
            italic=italic or span.italic,
            underline=span.underline,
        )
    return paragraph


def _add_table(document: DocxDocument, block: Table) -> None:
    """Bordered, fixed column widths, header row bold and repeated on each page."""
    columns = len(block.header)
    if block.caption:
        caption = document.add_paragraph()
        format_paragraph(caption, "center", before=6, after=6, keep_with_next=True)
        add_text(caption, block.caption, block.font_size + 1, bold=True)
    # Header plus one prototype body row; python-docx styles those two, and each data row
    # is a copy of the prototype with its text swapped in. Styling thousands of cells one
    # property at a time through python-docx took seconds for a 500-task report.
    table = document.add_table(rows=2 if block.rows else 1, cols=columns)
    set_table_borders(table, "single")
    weights = block.column_weights()
    total = sum(weights)
    widths = [round(_text_width_twips() * w / total) for w in weights]
    set_table_widths(table, widths)
    rows = table.rows
    repeat_as_header(rows[0])
    for cell, title in zip(rows[0].cells, block.header, strict=True):
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        paragraph = cell.paragraphs[0]
        format_paragraph(paragraph, "center", before=3, after=3)
        add_text(paragraph, title, block.font_size, bold=True)
    if block.rows:
        _add_body_rows(rows[1], block)
    spacer = document.add_paragraph()
    format_paragraph(spacer, "left", after=6)
    set_mark_size(spacer, 6)


def _add_body_rows(prototype: _Row, block: Table) -> None:
    keep_row_together(prototype)
    for index, cell in enumerate(prototype.cells):
        paragraph = cell.paragraphs[0]
        format_paragraph(paragraph, block.column_align(index), before=3, after=3)
        add_text(paragraph, "", block.font_size)
    template = prototype._tr
    runs = [tc.find(f"{_P}/{_R}") for tc in template.iterchildren(_TC)]
    previous = template
    for values in block.rows:
        for index, run in enumerate(runs):
            value = values[index] if index < len(values) else None
            _set_run_text(run, nfc(cell_text(value)))
        row = deepcopy(template)
        previous.addnext(row)
        previous = row
    template.getparent().remove(template)


def _set_run_text(run: BaseOxmlElement, text: str) -> None:
    """Replace a run's text as ``add_text`` writes it: w:t per line, w:br between."""
    for child in list(run):
        if child.tag != _RPR:
            run.remove(child)
    for index, line in enumerate(text.split("\n")):
        if index:
            run.append(run.makeelement(_BR, {}))
        t = run.makeelement(_T, {})
        run.append(t)
        t.text = line
        if line != line.strip():
            t.set(_XML_SPACE, "preserve")


def add_signature(document: DocxDocument, doc: OfficialDocument) -> None:
    """ "Nơi nhận" at the left, signer at the right, in one borderless row kept on one page."""
    layout = doc.layout
    table = document.add_table(rows=1, cols=2)
    set_table_borders(table, "none")
    set_table_widths(table, [mm_to_twips(layout.sign_left_mm), mm_to_twips(layout.sign_right_mm)])
    keep_row_together(table.rows[0])
    left, right = table.rows[0].cells
    _add_recipients(left, doc, layout)
    paragraph = right.paragraphs[0]
    format_paragraph(paragraph, "center", before=6)
    authority = doc.authority()
    heading = f"{authority}\n{vn_upper(doc.signer_title).strip()}" if authority else ""
    add_text(paragraph, heading or vn_upper(doc.signer_title).strip(), layout.sign_size, bold=True)
    paragraph = right.add_paragraph()
    format_paragraph(paragraph, "center", before=layout.signature_space_pt)
    add_text(paragraph, nfc(doc.signer_name).strip(), layout.sign_size, bold=True)
    _add_end_mark(document)


def _add_recipients(cell: _Cell, doc: OfficialDocument, layout: Layout) -> None:
    """Decree 30, II.9b: "Nơi nhận:" 12 pt bold italic, 11 pt lines ending in ";", "- Lưu: VT."
    Guidance 36: "Nơi nhận:" 14 pt underlined, 12 pt lines ending in ",", "- Lưu Văn phòng."."""
    first = cell.paragraphs[0]
    format_paragraph(first, "left", before=6)
    size = layout.recipients_head_size
    bold, italic = layout.recipients_head_bold, layout.recipients_head_italic
    add_text(first, "Nơi nhận", size, bold, italic, underline=layout.recipients_head_underline)
    add_text(first, ":", size, bold, italic)
    for line in doc.recipient_lines():
        paragraph = cell.add_paragraph()
        format_paragraph(paragraph, "left")
        add_text(paragraph, line, layout.recipients_item_size)


def _add_end_mark(document: DocxDocument) -> None:
    """Word needs a paragraph after a final table; make it 1 pt so it never adds a page."""
    paragraph = document.add_paragraph()
    format_paragraph(paragraph, "left", line=None)
    paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    paragraph.paragraph_format.line_spacing = Pt(1)
    set_mark_size(paragraph, 1)
