"""Date lines, text clean-up, the bundled fonts and measuring text with them."""

from __future__ import annotations

import datetime
import subprocess
import sys
import unicodedata

import pytest

from lienhiep.docgen import FONT_DIR, FONT_FILES, FONT_LICENSE, date_line
from lienhiep.docgen.blocks import cell_text
from lienhiep.docgen.fontmetrics import balanced_lines, text_width_pt, wrap_lines
from lienhiep.docgen.text import clean_list_item, nfc


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        (datetime.date(2022, 5, 9), "Lai Châu, ngày 09 tháng 5 năm 2022"),
        (datetime.date(2024, 1, 15), "Lai Châu, ngày 15 tháng 01 năm 2024"),
        (datetime.date(2024, 2, 5), "Lai Châu, ngày 05 tháng 02 năm 2024"),
        (datetime.date(2024, 3, 10), "Lai Châu, ngày 10 tháng 3 năm 2024"),
        (datetime.date(2024, 12, 31), "Lai Châu, ngày 31 tháng 12 năm 2024"),
    ],
)
def test_date_line(date: datetime.date, expected: str) -> None:
    assert date_line("Lai Châu", date) == expected


def test_nfc_and_list_items() -> None:
    decomposed = unicodedata.normalize("NFD", "Khơ Mú")
    assert decomposed != "Khơ Mú"
    assert nfc(decomposed) == "Khơ Mú"
    assert clean_list_item("- Các hội thành viên;") == "Các hội thành viên"
    assert clean_list_item("  Như trên,  ") == "Như trên"


def test_cell_text_formats() -> None:
    assert cell_text(datetime.date(2024, 3, 1)) == "01/03/2024"
    assert cell_text(2024) == "2024"
    assert cell_text(1234.5) == "1.234,5"
    assert cell_text(None) == ""


def test_fonts_are_shipped_with_their_licence() -> None:
    assert set(FONT_FILES) == {"", "B", "I", "BI"}
    for path in FONT_FILES.values():
        assert path.parent == FONT_DIR
        assert path.read_bytes()[:4] == b"\x00\x01\x00\x00"  # TrueType outlines
    assert "SIL OPEN FONT LICENSE Version 1.1" in FONT_LICENSE.read_text()
    total = sum(p.stat().st_size for p in FONT_DIR.iterdir())
    assert total < 2_000_000


def test_metrics_match_times_new_roman() -> None:
    # Times New Roman: 'M' is 0.889 em, space 0.25 em (both fonts share the metrics).
    assert text_width_pt("M", 10) == pytest.approx(8.89, abs=0.01)
    assert text_width_pt(" ", 12) == pytest.approx(3.0, abs=0.01)
    assert text_width_pt("ab", 14, bold=True) > text_width_pt("ab", 14)
    assert text_width_pt(unicodedata.normalize("NFD", "Đức"), 12) == text_width_pt("Đức", 12)


def test_balanced_issuer_lines() -> None:
    width = 72 / 25.4 * 72 * 0.97  # the state issuer column, less the safety margin
    issuer = "HỘI LIÊN HIỆP PHỤ NỮ TỈNH LAI CHÂU"
    assert wrap_lines(issuer, 13, width, bold=True) == ["HỘI LIÊN HIỆP PHỤ NỮ TỈNH", "LAI CHÂU"]
    assert balanced_lines(issuer, 13, width, bold=True) == ["HỘI LIÊN HIỆP PHỤ", "NỮ TỈNH LAI CHÂU"]
    union = "LIÊN HIỆP CÁC HỘI KHOA HỌC VÀ KỸ THUẬT TỈNH LAI CHÂU"
    assert balanced_lines(union, 12, width, bold=True) == [
        "LIÊN HIỆP CÁC HỘI KHOA HỌC",
        "VÀ KỸ THUẬT TỈNH LAI CHÂU",
    ]
    assert balanced_lines("UBND TỈNH LAI CHÂU", 12, width) == ["UBND TỈNH LAI CHÂU"]
    assert balanced_lines("A B\nC", 12, width) == ["A B", "C"]


def test_docgen_does_not_import_django() -> None:
    code = (
        "import sys, lienhiep.docgen, lienhiep.docgen.xlsx, lienhiep.docgen.pdf; "
        "print(any(m == 'django' or m.startswith('django.') for m in sys.modules))"
    )
    result = subprocess.run(  # noqa: S603 - fixed command, no user input
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"
