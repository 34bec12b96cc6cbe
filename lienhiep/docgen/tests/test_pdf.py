"""PDF reports: Vietnamese text with the embedded Liberation Serif font."""

from __future__ import annotations

import datetime
import re
import unicodedata
from io import BytesIO

import pytest
from pypdf import PdfReader

from lienhiep.docgen import Bullet, Heading, Paragraph, Span, Table
from lienhiep.docgen.pdf import PdfReport, build_pdf, write_pdf

SENTENCE = (
    "Cộng hòa xã hội chủ nghĩa Việt Nam — Độc lập - Tự do - Hạnh phúc — "
    "Nguyễn Văn Đức, Hà Nhì, Khơ Mú"
)


def _report(rows: int = 3) -> PdfReport:
    return PdfReport(
        title="Báo cáo kết quả thực hiện",
        subtitle="Quý I năm 2024",
        issuer="Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh Lai Châu",
        place="Lai Châu",
        date=datetime.date(2024, 4, 2),
        body=[
            Paragraph(SENTENCE),
            Heading("I. KẾT QUẢ", 1),
            Bullet(["Hội thành viên: ", Span("12", bold=True), " hội."]),
            Table(
                header=["STT", "Họ và tên", "Dân tộc"],
                rows=[[i, "Nguyễn Văn Đức", "Khơ Mú"] for i in range(1, rows + 1)],
                widths=[1, 5, 3],
                align=["center", "left", "left"],
            ),
        ],
    )


def _extract_text(data: bytes) -> str:
    """Text of the PDF as a reader sees it (pypdf, a development dependency)."""
    reader = PdfReader(BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_font_is_embedded() -> None:
    data = build_pdf(_report())
    assert data.startswith(b"%PDF-")
    assert b"/FontFile2" in data
    assert re.search(rb"/BaseFont /[A-Z]{6}\+LiberationSerif", data)
    assert b"/Helvetica" not in data  # no core font fallback for any text


def test_vietnamese_text_can_be_extracted() -> None:
    text = _extract_text(build_pdf(_report()))
    flat = unicodedata.normalize("NFC", " ".join(text.split()))
    assert SENTENCE in flat
    assert "LIÊN HIỆP CÁC HỘI KHOA HỌC" in flat
    assert "Lai Châu, ngày 02 tháng 4 năm 2024" in flat
    assert "BÁO CÁO KẾT QUẢ THỰC HIỆN" in flat


def test_decomposed_input_is_normalised() -> None:
    report = PdfReport(title="T", body=[Paragraph(unicodedata.normalize("NFD", "Khơ Mú"))])
    text = _extract_text(build_pdf(report))
    assert "Khơ Mú" in unicodedata.normalize("NFC", text)


def test_long_table_runs_over_pages_with_header_repeated() -> None:
    data = build_pdf(_report(rows=120))
    pages = len(re.findall(rb"/Type /Page\b", data))
    assert pages >= 3
    text = _extract_text(data)
    assert text.count("Họ và tên") >= pages  # the heading row is on every page


def test_date_needs_a_place() -> None:
    with pytest.raises(ValueError, match="place"):
        PdfReport(title="T", body=[], date=datetime.date(2024, 1, 1))


def test_write_pdf_to_path(tmp_path) -> None:
    path = tmp_path / "out.pdf"
    write_pdf(_report(), path)
    assert path.read_bytes().startswith(b"%PDF-")
