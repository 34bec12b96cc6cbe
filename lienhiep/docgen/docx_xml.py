"""Low-level WordprocessingML helpers for the places python-docx has no API.

Everything here works on python-docx objects and adds the few OOXML elements Decree 30 layout
needs: explicit fonts for all four script slots, paragraph borders used as short rules,
fixed table grids, repeated header rows and the PAGE field.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final, Literal, Protocol

from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Pt, Twips
from docx.styles.style import CharacterStyle
from docx.table import Table as DocxTable
from docx.table import _Row
from docx.text.paragraph import Paragraph as DocxParagraph
from docx.text.run import Run

from .blocks import Align
from .text import nfc

FONT_NAME: Final = "Times New Roman"
LANGUAGE: Final = "vi-VN"
TWIPS_PER_MM: Final = 1440 / 25.4
#: ECMA-376 17.3.2.28 sequence of w:rPr children (python-docx keeps its copy private).
RPR_ORDER: Final = (
    *("w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs", "w:caps", "w:smallCaps"),
    *("w:strike", "w:dstrike", "w:outline", "w:shadow", "w:emboss", "w:imprint", "w:noProof"),
    *("w:snapToGrid", "w:vanish", "w:webHidden", "w:color", "w:spacing", "w:w", "w:kern"),
    *("w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect", "w:bdr", "w:shd"),
    *("w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout"),
    *("w:specVanish", "w:oMath"),
)

ALIGNMENTS: Final[dict[Align, WD_ALIGN_PARAGRAPH]] = {
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
}


class ParagraphContainer(Protocol):
    """A document body, table cell, header or footer: anything that adds paragraphs."""

    def add_paragraph(self, text: str = "", style: Any = None) -> DocxParagraph: ...


def mm_to_twips(mm: float) -> int:
    return round(mm * TWIPS_PER_MM)


def _child(parent: BaseOxmlElement, tag: str) -> BaseOxmlElement:
    """Return ``parent``'s child ``tag``, appending it if missing."""
    found = parent.find(qn(tag))
    if found is None:
        found = OxmlElement(tag)
        parent.append(found)
    return found


def _rpr_child(rpr: BaseOxmlElement, tag: str) -> BaseOxmlElement:
    """Return run property ``tag``, inserting it where CT_RPr's sequence wants it.

    Word rejects a file whose w:rPr children are out of schema order (w:szCs after w:u).
    """
    found = rpr.find(qn(tag))
    if found is not None:
        return found
    element = OxmlElement(tag)
    later = {qn(t) for t in RPR_ORDER[RPR_ORDER.index(tag) + 1 :]}
    for child in rpr:
        if child.tag in later:
            child.addprevious(element)
            return element
    rpr.append(element)
    return element


def set_rfonts(rpr: BaseOxmlElement) -> None:
    """Times New Roman in every script slot, theme fonts removed.

    Theme attributes (w:asciiTheme ...) override the explicit names, and a missing eastAsia
    or cs slot lets Word pick another font for some characters, so all four are set.
    """
    rfonts = _rpr_child(rpr, "w:rFonts")
    for slot in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        rfonts.attrib.pop(qn(f"w:{slot}"), None)
    for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
        rfonts.set(qn(f"w:{slot}"), FONT_NAME)


def style_run(
    run: Run, size: float, bold: bool = False, italic: bool = False, underline: bool = False
) -> None:
    run.font.name = FONT_NAME
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.italic = italic
    run.font.underline = underline or None
    rpr = run._r.get_or_add_rPr()
    set_rfonts(rpr)
    # Complex-script size, so the size holds whatever script class Word assigns a character.
    _rpr_child(rpr, "w:szCs").set(qn("w:val"), str(round(size * 2)))


def add_text(
    paragraph: DocxParagraph,
    text: str,
    size: float,
    bold: bool = False,
    italic: bool = False,
    underline: bool = False,
) -> Run:
    """Append a styled run; "\\n" in ``text`` becomes a line break inside the paragraph."""
    run = paragraph.add_run()
    for index, line in enumerate(nfc(text).split("\n")):
        if index:
            run.add_break()
        run.add_text(line)
    style_run(run, size, bold, italic, underline)
    return run


def format_paragraph(
    paragraph: DocxParagraph,
    align: Align = "left",
    *,
    before: float = 0,
    after: float = 0,
    line: float | None = 1.0,
    first_line_cm: float | None = None,
    keep_with_next: bool = False,
) -> None:
    """Alignment and spacing; ``line`` is a multiple of single spacing (None: inherit)."""
    fmt = paragraph.paragraph_format
    fmt.alignment = ALIGNMENTS[align]
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(after)
    if line is not None:
        fmt.line_spacing = line
    if first_line_cm is not None:
        fmt.first_line_indent = Twips(round(first_line_cm / 2.54 * 1440))
    if keep_with_next:
        fmt.keep_with_next = True
    fmt.widow_control = True


def set_mark_size(paragraph: DocxParagraph, size: float) -> None:
    """Size of the paragraph mark: it sets the height of an empty paragraph."""
    ppr = paragraph._p.get_or_add_pPr()
    rpr = _child(ppr, "w:rPr")
    set_rfonts(rpr)
    _rpr_child(rpr, "w:sz").set(qn("w:val"), str(max(2, round(size * 2))))
    _rpr_child(rpr, "w:szCs").set(qn("w:val"), str(max(2, round(size * 2))))


def add_rule(
    container: ParagraphContainer, length_twips: int, available_twips: int, gap_pt: float = 2
) -> DocxParagraph:
    """A solid horizontal line ``length_twips`` long, centred in ``available_twips``.

    Technique: an empty 1 pt paragraph whose top border is the line; its left and right
    indents shrink the border to the wanted length. Unlike a drawn shape, it stays anchored
    under the text above in Word, LibreOffice and on every page size, and tests can measure it.
    ``gap_pt`` of space before keeps the line clear of Vietnamese dots below (ậ, ộ, ụ).
    """
    paragraph = container.add_paragraph()
    length_twips = max(1, min(length_twips, available_twips))
    side = (available_twips - length_twips) // 2
    fmt = paragraph.paragraph_format
    fmt.alignment = WD_ALIGN_PARAGRAPH.CENTER
    fmt.left_indent = Twips(side)
    fmt.right_indent = Twips(available_twips - length_twips - side)
    fmt.space_before = Pt(gap_pt)
    fmt.space_after = Pt(0)
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(1)
    set_mark_size(paragraph, 1)
    ppr = paragraph._p.get_or_add_pPr()
    pbdr = OxmlElement("w:pBdr")
    top = OxmlElement("w:top")
    for key, value in (("val", "single"), ("sz", "6"), ("space", "0"), ("color", "000000")):
        top.set(qn(f"w:{key}"), value)
    pbdr.append(top)
    # CT_PPr is a strict sequence: pBdr must precede spacing/ind/jc (ECMA-376 17.3.1.26).
    anchor = ppr.find(qn("w:spacing"))
    if anchor is None:
        anchor = ppr.find(qn("w:ind"))
    if anchor is not None:
        anchor.addprevious(pbdr)
    else:
        ppr.append(pbdr)
    return paragraph


def set_table_borders(table: DocxTable, kind: Literal["none", "single"]) -> None:
    tblpr = table._tbl.tblPr
    borders = tblpr.find(qn("w:tblBorders"))
    if borders is not None:
        tblpr.remove(borders)
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        if kind == "none":
            el.set(qn("w:val"), "nil")
        else:
            for key, value in (("val", "single"), ("sz", "4"), ("space", "0"), ("color", "000000")):
                el.set(qn(f"w:{key}"), value)
        borders.append(el)
    _insert_tblpr_child(tblpr, borders, before=("w:shd", "w:tblLayout", "w:tblCellMar"))


def _insert_tblpr_child(tblpr: BaseOxmlElement, el: BaseOxmlElement, before: Sequence[str]) -> None:
    for tag in before:
        anchor = tblpr.find(qn(tag))
        if anchor is not None:
            anchor.addprevious(el)
            return
    look = tblpr.find(qn("w:tblLook"))
    if look is not None:
        look.addprevious(el)
    else:
        tblpr.append(el)


def set_table_widths(table: DocxTable, widths_twips: Sequence[int]) -> None:
    """Fixed layout, grid and every cell width: Word and LibreOffice then agree on columns."""
    table.autofit = False
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    tblpr = table._tbl.tblPr
    tblw = _child(tblpr, "w:tblW")
    tblw.set(qn("w:type"), "dxa")
    tblw.set(qn("w:w"), str(sum(widths_twips)))
    layout = tblpr.find(qn("w:tblLayout"))
    if layout is None:
        layout = OxmlElement("w:tblLayout")
        _insert_tblpr_child(tblpr, layout, before=("w:tblCellMar",))
    layout.set(qn("w:type"), "fixed")
    for column, width in zip(table.columns, widths_twips, strict=True):
        column.width = Twips(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_twips, strict=True):
            cell.width = Twips(width)


def set_cell_margins(table: DocxTable, left_twips: int, right_twips: int) -> None:
    tblpr = table._tbl.tblPr
    mar = tblpr.find(qn("w:tblCellMar"))
    if mar is None:
        mar = OxmlElement("w:tblCellMar")
        _insert_tblpr_child(tblpr, mar, before=())
    for edge, value in (("left", left_twips), ("right", right_twips)):
        el = _child(mar, f"w:{edge}")
        el.set(qn("w:w"), str(value))
        el.set(qn("w:type"), "dxa")


def repeat_as_header(row: _Row) -> None:
    """Repeat this row at the top of each page the table runs onto; never split it."""
    trpr = row._tr.get_or_add_trPr()
    _child(trpr, "w:cantSplit")
    _child(trpr, "w:tblHeader")


def keep_row_together(row: _Row) -> None:
    _child(row._tr.get_or_add_trPr(), "w:cantSplit")


def add_page_field(paragraph: DocxParagraph, size: float) -> None:
    """A PAGE field (complex field form, which Word and LibreOffice both update)."""
    parts: list[tuple[str, str]] = [
        ("fldChar", "begin"),
        ("instrText", " PAGE "),
        ("fldChar", "separate"),
        ("t", "2"),
        ("fldChar", "end"),
    ]
    for tag, value in parts:
        run = paragraph.add_run()
        style_run(run, size)
        el = OxmlElement(f"w:{tag}")
        if tag == "fldChar":
            el.set(qn("w:fldCharType"), value)
        else:
            el.set(qn("xml:space"), "preserve")
            el.text = value
        run._r.append(el)


def set_document_defaults(doc: DocxDocument, size: float) -> None:
    """Times New Roman and Vietnamese as the defaults of the whole file and of Normal."""
    styles_el = doc.styles.element
    defaults = _child(styles_el, "w:docDefaults")
    rpr = _child(_child(defaults, "w:rPrDefault"), "w:rPr")
    set_rfonts(rpr)
    _rpr_child(rpr, "w:sz").set(qn("w:val"), str(round(size * 2)))
    _rpr_child(rpr, "w:szCs").set(qn("w:val"), str(round(size * 2)))
    lang = _rpr_child(rpr, "w:lang")
    lang.set(qn("w:val"), LANGUAGE)
    lang.set(qn("w:eastAsia"), LANGUAGE)
    # The template's default paragraph has 10 pt after and 1.15 lines: reset to single/0 so
    # paragraphs python-docx creates implicitly (empty table cells) take no stray space.
    spacing = _child(_child(_child(defaults, "w:pPrDefault"), "w:pPr"), "w:spacing")
    for key, value in (("before", "0"), ("after", "0"), ("line", "240"), ("lineRule", "auto")):
        spacing.set(qn(f"w:{key}"), value)
    normal = doc.styles["Normal"]
    if isinstance(normal, CharacterStyle):  # ParagraphStyle derives from it
        normal.font.name = FONT_NAME
        normal.font.size = Pt(size)
    set_rfonts(normal.element.get_or_add_rPr())
