"""Party documents (Guidance 36-HD/VPTW, 2018), read back with python-docx."""

from __future__ import annotations

import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH

from lienhiep.docgen import build_docx, normalize_authority
from lienhiep.docgen.fontmetrics import text_width_pt

from . import (
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
    texts,
)


@pytest.fixture(scope="module")
def document():
    return open_docx(build_docx(party_doc()))


def test_party_title_at_right_with_rule_as_long_as_it(document) -> None:
    table = document.tables[0]
    title = table.cell(0, 1).paragraphs[0]
    assert title.text == "ĐẢNG CỘNG SẢN VIỆT NAM"
    assert all_bold(title)
    assert size_pt(title) == 15
    rule = table.cell(0, 1).paragraphs[1]
    assert has_rule(rule)
    expected = text_width_pt(title.text, 15, bold=True) * 20
    assert rule_length_twips(rule, cell_width_twips(table, 1)) == pytest.approx(expected, rel=0.01)


def test_issuer_with_asterisk_and_number_without_colon(document) -> None:
    table = document.tables[0]
    assert texts(table.cell(0, 0)) == ["TỈNH ỦY LAI CHÂU", "*"]
    issuer = table.cell(0, 0).paragraphs[0]
    assert all_bold(issuer)
    assert size_pt(issuer) == 14
    assert not rules_in(table.cell(0, 0).paragraphs)  # "*" replaces the state rule
    number = cell_paragraph(table, 1, 0, "Số")
    assert number.text == "Số 137-KH/TU"
    assert size_pt(number) == 14


def test_date_line_italic_at_right(document) -> None:
    date = cell_paragraph(document.tables[0], 1, 1, "Lai Châu")
    assert date.text == "Lai Châu, ngày 09 tháng 5 năm 2022"
    assert all_italic(date)
    assert size_pt(date) == 14


def test_type_name_summary_and_hyphens(document) -> None:
    doc_type = body_paragraph(document, "KẾ HOẠCH")
    assert all_bold(doc_type)
    assert 15 <= size_pt(doc_type) <= 16
    summary = body_paragraph(document, "thực hiện Nghị quyết")
    assert all_bold(summary)
    assert 14 <= size_pt(summary) <= 15
    paragraphs = [p.text for p in document.paragraphs]
    assert paragraphs[paragraphs.index(summary.text) + 1] == "-----"
    assert summary.alignment == WD_ALIGN_PARAGRAPH.CENTER


def test_signature_uses_party_delegation_marks(document) -> None:
    right = document.tables[-1].cell(0, 1).paragraphs
    assert right[0].text == "T/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ"
    assert all_bold(right[0])
    assert right[1].text == "Hà Nhì Khơ Mú"


def test_recipients_underlined_heading_and_commas(document) -> None:
    left = document.tables[-1].cell(0, 0)
    heading = left.paragraphs[0]
    assert heading.text == "Nơi nhận:"
    assert heading.runs[0].font.underline
    assert size_pt(heading) == 14
    assert texts(left)[1:] == [
        "- Ban Bí thư Trung ương Đảng (b/c),",
        "- Các đảng bộ trực thuộc,",
        "- Lưu Văn phòng Tỉnh ủy.",
    ]
    assert all(size_pt(p) == 12 for p in left.paragraphs[1:])


def test_party_letter_vv_is_italic_12() -> None:
    letter = party_doc(
        parent_issuer="Tỉnh ủy Lai Châu",
        issuer="Ban Tuyên giáo",
        symbol="1234-CV/BTGTU",
        doc_type="Công văn",
        summary="tuyên truyền kỷ niệm ngày thành lập",
        addressees=["Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh"],
        signer_authority="K/T Trưởng ban",
        signer_title="Phó Trưởng ban",
    )
    document = open_docx(build_docx(letter))
    header = document.tables[0]
    assert texts(header.cell(0, 0)) == ["TỈNH ỦY LAI CHÂU", "BAN TUYÊN GIÁO", "*"]
    assert not any(r.font.bold for r in header.cell(0, 0).paragraphs[0].runs)
    vv = cell_paragraph(header, 1, 0, "V/v")
    assert all_italic(vv)
    assert size_pt(vv) == 12
    assert "-----" not in [p.text for p in document.paragraphs]
    assert document.tables[-1].cell(0, 1).paragraphs[0].text == "K/T TRƯỞNG BAN\nPHÓ TRƯỞNG BAN"


@pytest.mark.parametrize(
    ("text", "style", "expected"),
    [
        ("TM. Ban Thường vụ", "party", "T/M BAN THƯỜNG VỤ"),
        ("KT. Bí thư", "party", "K/T BÍ THƯ"),
        ("TL. Ban Thường vụ", "party", "T/L BAN THƯỜNG VỤ"),
        ("T/M BAN THƯỜNG VỤ", "party", "T/M BAN THƯỜNG VỤ"),
        ("T/M Ban Thường vụ", "state", "TM. BAN THƯỜNG VỤ"),
        ("K/T Chủ tịch", "state", "KT. CHỦ TỊCH"),
        ("TUQ. Chủ tịch", "state", "TUQ. CHỦ TỊCH"),
        ("", "state", ""),
    ],
)
def test_normalize_authority(text: str, style, expected: str) -> None:
    assert normalize_authority(text, style) == expected


def test_archive_given_in_recipients_is_not_doubled() -> None:
    doc = party_doc(recipients=["Như trên", "Lưu Văn phòng Ban"], archive="")
    assert doc.recipient_lines() == ["- Như trên,", "- Lưu Văn phòng Ban."]
    assert party_doc(recipients=[], archive="").recipient_lines() == ["- Lưu Văn phòng."]
