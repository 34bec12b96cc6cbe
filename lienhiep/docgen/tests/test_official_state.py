"""State documents (Decree 30/2020/NĐ-CP, Appendix I), read back with python-docx."""

from __future__ import annotations

import datetime
import unicodedata
import zipfile
from io import BytesIO

import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import qn

from lienhiep.docgen import OfficialDocument, build_docx, write_docx
from lienhiep.docgen.docx_xml import RPR_ORDER
from lienhiep.docgen.fontmetrics import text_width_pt

from . import (
    FONT,
    PPR_ORDER,
    TBLPR_ORDER,
    TRPR_ORDER,
    all_bold,
    all_italic,
    body_paragraph,
    cell_paragraph,
    cell_width_twips,
    has_rule,
    open_docx,
    party_doc,
    rule_length_twips,
    rules_in,
    size_pt,
    state_doc,
    texts,
)


@pytest.fixture(scope="module")
def data() -> bytes:
    return build_docx(state_doc())


@pytest.fixture(scope="module")
def document(data: bytes):
    return open_docx(data)


def test_a4_portrait_and_margins(document) -> None:
    section = document.sections[0]
    assert round(section.page_width.mm) == 210
    assert round(section.page_height.mm) == 297
    assert 20 <= round(section.top_margin.mm) <= 25
    assert 20 <= round(section.bottom_margin.mm) <= 25
    assert 30 <= round(section.left_margin.mm) <= 35
    assert 15 <= round(section.right_margin.mm) <= 20


def test_times_new_roman_everywhere(data: bytes, document) -> None:
    normal = document.styles["Normal"]
    assert normal.font.name == FONT
    with zipfile.ZipFile(BytesIO(data)) as archive:
        styles = archive.read("word/styles.xml").decode()
        xml = archive.read("word/document.xml").decode() + archive.read("word/header1.xml").decode()
    assert "asciiTheme" not in styles.split("</w:docDefaults>")[0]
    slots = ("ascii", "hAnsi", "eastAsia", "cs")
    # Every run, in body, tables and header, names the font in all four slots.
    header = document.sections[0].header._element
    runs = [*document.element.body.iter(qn("w:r")), *header.iter(qn("w:r"))]
    for run in runs:
        fonts = run.find(qn("w:rPr")).find(qn("w:rFonts"))
        assert all(fonts.get(qn(f"w:{slot}")) == FONT for slot in slots)
    assert len(runs) > 40
    assert "Calibri" not in xml
    assert "Cambria" not in xml


def test_page_number_in_header_from_page_two(data: bytes, document) -> None:
    section = document.sections[0]
    assert section.different_first_page_header_footer
    paragraph = section.header.paragraphs[0]
    assert paragraph.alignment == WD_ALIGN_PARAGRAPH.CENTER
    instr = [el.text for el in paragraph._p.iter(qn("w:instrText"))]
    assert instr == [" PAGE "]
    assert {r.font.size.pt for r in paragraph.runs} <= {13.0, 14.0}
    first = section.first_page_header
    assert not first.is_linked_to_previous
    assert not list(first._element.iter(qn("w:instrText")))


def test_header_table_is_borderless_two_columns(document) -> None:
    table = document.tables[0]
    assert len(table.columns) == 2
    borders = table._tbl.tblPr.find(qn("w:tblBorders"))
    assert {el.get(qn("w:val")) for el in borders} == {"nil"}
    total_mm = (cell_width_twips(table, 0) + cell_width_twips(table, 1)) / 1440 * 25.4
    assert total_mm == pytest.approx(165, abs=0.5)


def test_issuer_block(document) -> None:
    table = document.tables[0]
    parent = cell_paragraph(table, 0, 0, "UBND")
    assert parent.text == "UBND TỈNH LAI CHÂU"
    assert not any(r.font.bold for r in parent.runs)
    assert 12 <= size_pt(parent) <= 13
    issuer = cell_paragraph(table, 0, 0, "LIÊN HIỆP")
    # Balanced break in the narrow column, capitals, bold.
    assert issuer.text == "LIÊN HIỆP CÁC HỘI KHOA HỌC\nVÀ KỸ THUẬT TỈNH LAI CHÂU"
    assert all_bold(issuer)
    assert 12 <= size_pt(issuer) <= 13
    (rule,) = rules_in(table.cell(0, 0).paragraphs)
    lines = issuer.text.split("\n")
    longest = max(text_width_pt(line, size_pt(issuer), bold=True) for line in lines) * 20
    length = rule_length_twips(rule, cell_width_twips(table, 0))
    assert longest / 3 <= length <= longest / 2
    left = rule.paragraph_format.left_indent.twips
    right = rule.paragraph_format.right_indent.twips
    assert abs(left - right) <= 1  # centred


def test_number_and_date_share_a_row(document) -> None:
    table = document.tables[0]
    number = cell_paragraph(table, 1, 0, "Số")
    assert number.text == "Số: 05/KH-LHH"
    assert size_pt(number) == 13
    date = cell_paragraph(table, 1, 1, "Lai Châu")
    assert date.text == "Lai Châu, ngày 05 tháng 02 năm 2024"
    assert all_italic(date)
    assert 13 <= size_pt(date) <= 14
    assert date.alignment == WD_ALIGN_PARAGRAPH.CENTER


def test_national_title_and_motto_with_rule_as_long_as_the_motto(document) -> None:
    table = document.tables[0]
    title = cell_paragraph(table, 0, 1, "CỘNG HÒA")
    assert title.text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert all_bold(title)
    assert 12 <= size_pt(title) <= 13
    motto = cell_paragraph(table, 0, 1, "Độc lập")
    assert motto.text == "Độc lập - Tự do - Hạnh phúc"
    assert all_bold(motto)
    assert 13 <= size_pt(motto) <= 14
    paragraphs = table.cell(0, 1).paragraphs
    rule = paragraphs[[p.text for p in paragraphs].index(motto.text) + 1]
    assert has_rule(rule)
    expected = text_width_pt(motto.text, size_pt(motto), bold=True) * 20
    length = rule_length_twips(rule, cell_width_twips(table, 1))
    assert length == pytest.approx(expected, rel=0.01)
    border = rule._p.pPr.find(qn("w:pBdr")).find(qn("w:top"))
    assert border.get(qn("w:val")) == "single"


def test_type_name_summary_and_short_rule(document) -> None:
    doc_type = body_paragraph(document, "KẾ HOẠCH")
    assert doc_type.text == "KẾ HOẠCH"
    assert doc_type.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert all_bold(doc_type)
    assert 13 <= size_pt(doc_type) <= 14
    summary = body_paragraph(document, "Triển khai")
    assert all_bold(summary)
    assert 13 <= size_pt(summary) <= 14
    assert summary.alignment == WD_ALIGN_PARAGRAPH.CENTER
    paragraphs = document.paragraphs
    rule = paragraphs[[p.text for p in paragraphs].index(summary.text) + 1]
    assert has_rule(rule)
    longest = max(text_width_pt(x, 14, bold=True) for x in summary.text.split("\n")) * 20
    length = rule_length_twips(rule, 165 * 1440 / 25.4)
    assert longest / 3 <= length <= longest / 2


def test_body_paragraph_format(document) -> None:
    paragraph = body_paragraph(document, "Thực hiện Nghị quyết")
    fmt = paragraph.paragraph_format
    assert paragraph.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert 1.0 <= fmt.first_line_indent.cm <= 1.27 + 1e-3
    assert (fmt.space_after.pt if fmt.space_after else 0) + (
        fmt.space_before.pt if fmt.space_before else 0
    ) >= 6
    assert 1.0 <= fmt.line_spacing <= 1.5
    assert 13 <= size_pt(paragraph) <= 14


def test_headings_and_bullets(document) -> None:
    assert all_bold(body_paragraph(document, "I. MỤC ĐÍCH"))
    assert all_bold(body_paragraph(document, "1. Mục đích"))
    assert body_paragraph(document, "1. Mục đích").paragraph_format.keep_with_next
    point = body_paragraph(document, "a) Đối với")
    assert not any(r.font.bold for r in point.runs)  # "điểm" is upright regular
    bullet = body_paragraph(document, "- Nâng cao")
    assert bullet.text == "- Nâng cao trách nhiệm của các hội thành viên."
    assert [r.text for r in bullet.runs if r.font.bold] == ["hội thành viên"]


def test_body_table(document) -> None:
    table = document.tables[1]
    borders = table._tbl.tblPr.find(qn("w:tblBorders"))
    assert {el.get(qn("w:val")) for el in borders} == {"single"}
    header = table.rows[0]
    assert header._tr.trPr.find(qn("w:tblHeader")) is not None
    assert [c.text for c in header.cells] == ["STT", "Nội dung", "Chủ trì", "Thời hạn"]
    assert all(all_bold(c.paragraphs[0]) for c in header.cells)
    assert [c.text for c in table.rows[1].cells] == ["1", "Nhiệm vụ 1", "Văn phòng", "01/03/2024"]
    assert 12 <= size_pt(table.rows[1].cells[1].paragraphs[0]) <= 13
    widths = [cell_width_twips(table, i) for i in range(4)]
    assert sum(widths) == pytest.approx(165 * 1440 / 25.4, abs=4)
    assert widths[1] == pytest.approx(6 * widths[0], abs=4)
    assert table._tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"


def test_signature_and_recipients(document) -> None:
    table = document.tables[-1]
    heading = table.cell(0, 0).paragraphs[0]
    assert heading.text == "Nơi nhận:"
    assert all_bold(heading)
    assert all_italic(heading)
    assert size_pt(heading) == 12
    items = texts(table.cell(0, 0))[1:]
    assert items == ["- Thường trực Tỉnh ủy (b/c);", "- Các hội thành viên;", "- Lưu: VT, VP."]
    assert all(size_pt(p) == 11 for p in table.cell(0, 0).paragraphs[1:])
    right = table.cell(0, 1).paragraphs
    assert right[0].text == "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH"
    assert all_bold(right[0])
    assert right[0].alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert right[1].text == "Nguyễn Văn Đức"
    assert all_bold(right[1])
    assert right[1].paragraph_format.space_before.pt >= 48  # room to sign and seal
    borders = table._tbl.tblPr.find(qn("w:tblBorders"))
    assert {el.get(qn("w:val")) for el in borders} == {"nil"}
    assert table.rows[0]._tr.trPr.find(qn("w:cantSplit")) is not None


def test_rule_paragraph_xml_keeps_schema_order(document) -> None:
    (rule,) = rules_in(document.tables[0].cell(0, 0).paragraphs)
    ppr = rule._p.pPr
    assert ppr is not None
    tags = [el.tag.split("}")[1] for el in ppr]
    assert tags.index("pBdr") < tags.index("spacing") < tags.index("ind")


@pytest.mark.parametrize("style", ["state", "party"])
@pytest.mark.parametrize("part", ["word/document.xml", "word/header1.xml", "word/styles.xml"])
def test_property_elements_follow_schema_order(style: str, part: str) -> None:
    """Word refuses files whose property children are out of the ECMA-376 sequence."""
    data = build_docx(state_doc() if style == "state" else party_doc())
    sequences = {"rPr": RPR_ORDER, "pPr": PPR_ORDER, "tblPr": TBLPR_ORDER, "trPr": TRPR_ORDER}
    with zipfile.ZipFile(BytesIO(data)) as archive:
        root = parse_xml(archive.read(part))
    checked = 0
    for name, sequence in sequences.items():
        order = [qn(tag) for tag in sequence]
        for element in root.iter(qn(f"w:{name}")):
            positions = [order.index(child.tag) for child in element if child.tag in order]
            assert positions == sorted(positions), (name, [c.tag for c in element])
            checked += 1
    assert checked


def test_letter_has_vv_and_addressees() -> None:
    letter = state_doc(
        doc_type="",
        summary="đăng ký tham gia Hội thi Sáng tạo kỹ thuật",
        addressees=["Các hội thành viên", "- UBND các huyện;"],
        recipients=["Như trên", "Lưu: VT"],
        signer_authority="",
        signer_title="Chủ tịch",
    )
    document = open_docx(build_docx(letter))
    header = document.tables[0]
    vv = cell_paragraph(header, 1, 0, "V/v")
    assert vv.text.replace("\n", " ") == "V/v đăng ký tham gia Hội thi Sáng tạo kỹ thuật"
    assert 12 <= size_pt(vv) <= 13
    assert not all_italic(vv)
    all_text = [p.text for p in document.paragraphs]
    assert "CÔNG VĂN" not in all_text
    assert "Kính gửi: - Các hội thành viên;" in all_text
    assert "- UBND các huyện." in all_text
    assert texts(document.tables[-1].cell(0, 0))[1:] == ["- Như trên;", "- Lưu: VT."]
    assert document.tables[-1].cell(0, 1).paragraphs[0].text == "CHỦ TỊCH"


def test_single_addressee_on_the_label_line() -> None:
    letter = state_doc(doc_type="Công văn", addressees=["Sở Khoa học và Công nghệ"])
    document = open_docx(build_docx(letter))
    assert "Kính gửi: Sở Khoa học và Công nghệ" in [p.text for p in document.paragraphs]


def test_text_is_normalised_to_nfc() -> None:
    decomposed = unicodedata.normalize("NFD", "Nguyễn Văn Đức")
    document = open_docx(build_docx(state_doc(signer_name=decomposed)))
    assert document.tables[-1].cell(0, 1).paragraphs[1].text == "Nguyễn Văn Đức"


def test_write_to_path_and_stream(tmp_path) -> None:
    doc = state_doc()
    path = tmp_path / "ke-hoach.docx"
    write_docx(doc, path)
    stream = BytesIO()
    write_docx(doc, stream)
    assert path.read_bytes()[:2] == b"PK" == stream.getvalue()[:2]
    props = open_docx(path.read_bytes()).core_properties
    assert props.language == "vi-VN"
    # 08:00 in Lai Châu on the issue date, stored as UTC.
    assert props.created == datetime.datetime(2024, 2, 5, 1, 0, tzinfo=datetime.UTC)
    with zipfile.ZipFile(path) as archive:
        assert not [n for n in archive.namelist() if "thumbnail" in n]


def test_rejects_unknown_style() -> None:
    with pytest.raises(ValueError, match="style"):
        OfficialDocument(
            style="ministry",  # type: ignore[arg-type]
            issuer="X",
            symbol="1/X",
            place="Lai Châu",
            date=datetime.date(2024, 1, 1),
            doc_type="BÁO CÁO",
            summary="",
            body=[],
            signer_title="CHỦ TỊCH",
            signer_name="A",
        )
