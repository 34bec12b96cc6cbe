"""The .xlsx writer: typed cells, header layout, formula neutralisation, streaming."""

from __future__ import annotations

import datetime
import gc
import html
import weakref
import zipfile
from decimal import Decimal
from io import BytesIO
from typing import Any

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from lienhiep.docgen.xlsx import (
    DATE_FORMAT,
    FORMULA_TRIGGERS,
    Chart,
    Column,
    Sheet,
    XlsxValue,
    build_xlsx,
    needs_neutralizing,
    sheet_name,
    write_xlsx,
)

DANGEROUS = ["=1+1", "+84 912 345 678", "-2+3", "@SUM(A1:A2)", "\t=1", "\r=1", "＝1+1"]


def _load(data: bytes) -> Worksheet:
    sheet = load_workbook(BytesIO(data)).active
    assert isinstance(sheet, Worksheet)
    return sheet


def _sheet_xml(data: bytes, index: int = 1) -> str:
    with zipfile.ZipFile(BytesIO(data)) as archive:
        return archive.read(f"xl/worksheets/sheet{index}.xml").decode()


@pytest.fixture(scope="module")
def typed() -> bytes:
    rows: list[list[XlsxValue]] = [
        [
            1,
            "Nguyễn Văn Đức",
            datetime.date(2024, 2, 5),
            -5,
            Decimal("12.50"),
            True,
            None,
            datetime.datetime(2024, 1, 1, 1, 30, tzinfo=datetime.UTC),
            -2.75,
        ],
    ]
    columns = ["STT", "Họ và tên", "Ngày", "Số âm", "Tiền", "Đạt", "Trống", "Lúc", "Thực"]
    return build_xlsx([Sheet("Hội viên", columns, rows, title="Danh sách hội viên")])


def test_values_come_back_typed(typed: bytes) -> None:
    ws = _load(typed)
    assert ws["A1"].value == "Danh sách hội viên"
    assert ws["A1"].font.bold
    assert [c.value for c in ws[2]][:3] == ["STT", "Họ và tên", "Ngày"]
    row = ws[3]
    assert row[0].value == 1
    assert row[1].value == "Nguyễn Văn Đức"
    assert row[2].value == datetime.datetime(2024, 2, 5)
    assert row[2].is_date
    assert row[2].number_format == DATE_FORMAT == "dd/mm/yyyy"
    assert row[3].value == -5
    assert row[3].data_type == "n"
    assert row[4].value == 12.5
    assert row[5].value is True
    assert row[6].value is None
    # Aware datetimes are shown in Vietnam time (UTC+7), without a zone Excel can't store.
    assert row[7].value == datetime.datetime(2024, 1, 1, 8, 30)
    assert row[7].number_format == "dd/mm/yyyy hh:mm"
    assert row[8].value == -2.75
    assert row[8].data_type == "n"


def test_header_is_bold_frozen_and_filtered(typed: bytes) -> None:
    ws = _load(typed)
    assert all(cell.font.bold for cell in ws[2])
    assert ws.freeze_panes == "A3"
    assert ws.auto_filter.ref == "A2:I3"
    assert "A1:I1" in {str(r) for r in ws.merged_cells.ranges}
    assert 8 <= ws.column_dimensions["B"].width <= 60
    assert ws.column_dimensions["B"].width >= len("Nguyễn Văn Đức")
    assert ws.print_title_rows == "$2:$2"
    setup = ws.sheet_properties.pageSetUpPr
    assert setup is not None
    assert setup.fitToPage
    assert str(ws.page_setup.paperSize) == "9"  # A4


def test_without_title_header_is_first_row() -> None:
    ws = _load(build_xlsx([Sheet("S", ["A", "B"], [[1, 2], [3, 4]])]))
    assert [c.value for c in ws[1]] == ["A", "B"]
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:B3"


@pytest.mark.parametrize("text", DANGEROUS)
def test_formula_like_text_is_neutralised(text: str) -> None:
    data = build_xlsx([Sheet("S", ["Ghi chú"], [[text], ["bình thường"]])])
    ws = _load(data)
    cell = ws["A2"]
    # Decision: the value is kept exactly, stored as a string cell with quotePrefix.
    assert cell.value == text
    assert cell.data_type == "s"
    assert cell.quotePrefix is True
    assert ws["A3"].quotePrefix is False
    xml = _sheet_xml(data)
    assert "<f>" not in xml
    assert "<f " not in xml
    assert 't="inlineStr"' in xml


def test_trigger_set_follows_owasp() -> None:
    assert {"=", "+", "-", "@", "\t", "\r"} <= FORMULA_TRIGGERS
    assert needs_neutralizing("=A1")
    assert not needs_neutralizing("Lai Châu")
    assert not needs_neutralizing("")


def test_numbers_are_never_neutralised() -> None:
    ws = _load(build_xlsx([Sheet("S", ["N"], [[-1], [-0.5], [Decimal("-3")]])]))
    assert [c.value for c in ws["A"]][1:] == [-1, -0.5, -3]
    assert all(c.data_type == "n" for c in ws["A"][1:])
    assert not any(c.quotePrefix for c in ws["A"])


def test_control_characters_and_nan_are_dropped() -> None:
    data = build_xlsx([Sheet("S", ["T", "F"], [["a\x00b\x1fc", float("nan")]])])
    ws = _load(data)
    assert ws["A2"].value == "abc"
    assert ws["B2"].value is None


def test_sheet_names_are_valid_and_unique() -> None:
    used: set[str] = set()
    assert sheet_name("Báo cáo [2024]/Q1", used) == "Báo cáo  2024  Q1"
    assert sheet_name("báo cáo  2024  q1", used) == "báo cáo  2024  q1 (2)"
    assert len(sheet_name("x" * 40, used)) == 31
    assert sheet_name("", used) == "Sheet"
    wb = load_workbook(BytesIO(build_xlsx([Sheet("A", ["x"], []), Sheet("A", ["x"], [])])))
    assert wb.sheetnames == ["A", "A (2)"]


def test_explicit_column_width_and_format(tmp_path) -> None:
    path = tmp_path / "out.xlsx"
    columns: list[str | Column] = [Column("Tỷ lệ", width=12, number_format="0.0%"), "Tên"]
    write_xlsx([Sheet("S", columns, [[0.25, "x"]])], path)
    ws = _load(path.read_bytes())
    assert ws.column_dimensions["A"].width == 12
    assert ws["A2"].number_format == "0.0%"
    assert ws["A2"].value == 0.25


def test_empty_workbook_is_valid() -> None:
    assert load_workbook(BytesIO(build_xlsx([]))).sheetnames == ["Sheet1"]


class _Row(list):
    """A row that can be weakly referenced, to see whether the writer keeps rows alive."""


def test_100k_rows_are_streamed_not_kept() -> None:
    alive: list[weakref.ref] = []
    max_alive = 0

    def rows():
        nonlocal max_alive
        for i in range(100_000):
            row = _Row([i, f"Hội viên {i}", -i])
            alive.append(weakref.ref(row))
            yield row
            if i % 20_000 == 19_999:
                gc.collect()
                max_alive = max(max_alive, sum(r() is not None for r in alive))

    data = build_xlsx([Sheet("Lớn", ["STT", "Tên", "Âm"], rows())])
    # Only the rows sampled for column widths (200) may be held while writing.
    assert max_alive <= 201
    # Reading 100k rows back with openpyxl takes ~10 s; the sheet XML tells the same faster.
    xml = _sheet_xml(data)
    assert xml.count("<row ") == 100_001
    last = html.unescape(xml[xml.rindex("<row ") :])
    assert 'r="100001"' in last
    assert "<v>99999</v>" in last
    assert "Hội viên 99999" in last
    assert "<v>-99999</v>" in last


class _LazyText:
    """Stands in for Django's lazy translation strings: text only through ``str()``."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __str__(self) -> str:
        return self.text


def test_lazy_strings_are_accepted() -> None:
    lazy: Any = _LazyText
    sheet = Sheet(name=lazy("Tổ chức"), columns=[lazy("Tên")], rows=[[lazy("=cmd")]])
    ws = _load(build_xlsx([sheet]))
    assert ws.title == "Tổ chức"
    assert ws["A1"].value == "Tên"
    assert ws["A2"].value == "=cmd"
    assert ws["A2"].quotePrefix is True


def test_a_chart_draws_one_column_against_the_labels_and_leaves_the_total_out() -> None:
    rows: list[list[XlsxValue]] = [["Thái", 5201], ["Mông", 2005], ["Giáy", 790], ["Tổng", 7996]]
    data = build_xlsx(
        [
            Sheet(
                "Dân tộc",
                ["Dân tộc", "Số người"],
                rows,
                title="Theo dân tộc",
                chart=Chart(1, "Số người theo dân tộc", rows=3),
            )
        ]
    )
    sheet = _load(data)
    [chart] = sheet._charts  # type: ignore[attr-defined]
    [series] = chart.series
    references = {series.val.numRef.f, (series.cat.strRef or series.cat.numRef).f}
    assert references == {"'Dân tộc'!$B$3:$B$5", "'Dân tộc'!$A$3:$A$5"}
    assert series.tx.strRef.f == "'Dân tộc'!B2"  # the column's header names the series
    assert chart.anchor._from.col == 3  # beside the table (column D), not over it


def test_no_chart_for_an_empty_table() -> None:
    data = build_xlsx([Sheet("Trống", ["A", "B"], [], chart=Chart(1))])
    assert _load(data)._charts == []  # type: ignore[attr-defined]
