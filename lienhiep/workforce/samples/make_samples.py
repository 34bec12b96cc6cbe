"""Write the sample rosters offered on the import screen (run once; the output is committed).

    python -m lienhiep.workforce.samples.make_samples

* ``danh-sach-hoi-vien-mau.xlsx``: the layout we recommend, in Unicode, 30 people.
* ``danh-sach-tcvn3-gop-o.xlsx``: what older offices send: a title, a two-row header with
  "Năm sinh" merged over "Nam" | "Nữ", text typed in TCVN3 with the .VnTime font, and two
  deliberate errors (a phone number too short, a birth year in both Nam and Nữ) so that
  the preview shows how errors look.

The output is byte for byte the same on every run (fixed timestamps in the zip and in
the document properties), so regenerating it makes no diff.
"""

from __future__ import annotations

import datetime
import io
import re
import zipfile
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

# The converter's tables, inverted: the library only reads legacy text, never writes it.
from lienhiep.vn.legacy import _TCVN3_TABLE, _VNI_TABLE

HERE = Path(__file__).resolve().parent
FIXED = datetime.datetime(2025, 1, 1)

_TO_TCVN3 = {letter: chr(code) for code, letter in _TCVN3_TABLE.items()}
_TO_VNI = {letter: code for code, letter in sorted(_VNI_TABLE.items(), key=lambda kv: kv[0])}


def to_tcvn3(text: str) -> str:
    """Unicode → TCVN3 (as Windows-1252 characters). Toned capitals have no TCVN3 code:
    they come out lowercase, as in a .VnTime (not .VnTimeH) cell."""
    return "".join(_TO_TCVN3.get(c, _TO_TCVN3.get(c.lower(), c)) for c in text)


def to_vni(text: str) -> str:
    return "".join(_TO_VNI.get(c, c) for c in text)


HEADER = [
    "STT",
    "Họ và tên",
    "Ngày, tháng, năm sinh",
    "Giới tính",
    "Dân tộc",
    "Học hàm",
    "Học vị",
    "Chuyên ngành",
    "Chức vụ",
    "Đơn vị công tác",
    "Điện thoại",
    "Email",
    "Ghi chú",
]

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ"]
MIDDLE = ["Văn", "Thị", "Hữu", "Minh", "Thanh", "Đức", "Ngọc", "Quang"]
GIVEN = ["Hùng", "Lan", "Dũng", "Hương", "Tuấn", "Mai", "Long", "Nga", "Bình", "Thảo", "Sơn"]
DEGREES = ["Tiến sĩ", "TS.", "Thạc sĩ", "ThS", "Bác sĩ", "CKII", "Kỹ sư", "Cử nhân"]
SPECIALTIES = ["Nội khoa", "Ngoại khoa", "Nông học", "Thủy lợi", "Y tế công cộng", "Dược"]
POSITIONS = ["Giám đốc", "Trưởng khoa", "Phó trưởng phòng", "Giảng viên", "Bác sĩ điều trị"]
EMPLOYERS = [
    "Bệnh viện Đa khoa tỉnh",
    "Trường Cao đẳng Y tế",
    "Sở Nông nghiệp và Môi trường",
    "Trung tâm Kiểm soát bệnh tật",
]
ETHNICITIES = ["Kinh", "Kinh", "Kinh", "Tày", "Thái", "Mường", "Kinh", "H'Mông"]


def _person(i: int) -> dict[str, object]:
    female = i % 3 == 1
    middle = "Thị" if female else MIDDLE[i % len(MIDDLE)]
    birth = datetime.date(1960 + i % 30, 1 + i % 12, 1 + (i * 7) % 28)
    return {
        "name": f"{FAMILY[i % len(FAMILY)]} {middle} {GIVEN[(i * 5) % len(GIVEN)]}",
        "female": female,
        "birth": birth,
        "ethnicity": ETHNICITIES[i % len(ETHNICITIES)],
        "title": "PGS" if i % 11 == 3 else ("GS" if i == 20 else ""),
        "degree": DEGREES[i % len(DEGREES)],
        "specialty": SPECIALTIES[i % len(SPECIALTIES)],
        "position": POSITIONS[i % len(POSITIONS)],
        "employer": EMPLOYERS[i % len(EMPLOYERS)],
        "phone": f"09{(12345670 + i * 1379) % 100000000:08d}",
        "email": f"hoivien{i + 1}@example.vn",
    }


def modern_sample() -> Workbook:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Danh sách"
    sheet.append(["LIÊN HIỆP CÁC HỘI KHOA HỌC VÀ KỸ THUẬT TỈNH"])
    sheet.append(["DANH SÁCH HỘI VIÊN HỘI Y HỌC TỈNH"])
    sheet.append([])
    sheet.append(HEADER)
    for cell in sheet[4]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for i in range(30):
        p = _person(i)
        birth: object = p["birth"]
        if i % 5 == 2:
            birth = p["birth"].year  # type: ignore[attr-defined]  # a year alone
        elif i % 5 == 4:
            birth = f"{p['birth']:%d/%m/%Y}"  # typed as text, day first
        gender = "Nữ" if p["female"] else "Nam"
        row = [i + 1, p["name"], birth, gender, p["ethnicity"], p["title"], p["degree"]]
        row += [p["specialty"], p["position"], p["employer"], p["phone"], p["email"], ""]
        sheet.append(row)
        if isinstance(birth, datetime.date):
            sheet.cell(row=sheet.max_row, column=3).number_format = "DD/MM/YYYY"
    for letter, width in zip(
        "ABCDEFGHIJKLM", [5, 26, 14, 9, 9, 9, 10, 16, 18, 30, 13, 24, 12], strict=True
    ):
        sheet.column_dimensions[letter].width = width
    return workbook


def tcvn3_sample() -> Workbook:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "DS hoi vien"
    font = Font(name=".VnTime", size=12)
    bold = Font(name=".VnTime", size=12, bold=True)
    # A caps font (.VnTimeH) draws the lowercase codes as capitals.
    sheet["A1"] = to_tcvn3("danh sách hội viên")
    sheet["A1"].font = Font(name=".VnTimeH", size=14, bold=True)
    tops = ["STT", "Họ và tên", "Năm sinh", None, "Dân tộc", "Trình độ chuyên môn", "Chức vụ"]
    tops += ["Đơn vị công tác", "Điện thoại"]
    for col, text in enumerate(tops, start=1):
        if text:
            sheet.cell(row=3, column=col, value=to_tcvn3(text)).font = bold
    sheet.cell(row=4, column=3, value="Nam").font = bold
    sheet.cell(row=4, column=4, value=to_tcvn3("Nữ")).font = bold
    sheet.merge_cells("C3:D3")
    for letter in "ABEFGHI":
        sheet.merge_cells(f"{letter}3:{letter}4")
    for i in range(30):
        p = _person(i + 40)
        year = p["birth"].year  # type: ignore[attr-defined]
        degree = f"{p['degree']} {p['specialty']}" if i % 4 == 0 else p["degree"]
        row: list[Any] = [i + 1, p["name"], None, None, p["ethnicity"], degree]
        row += [p["position"], p["employer"], p["phone"]]
        row[3 if p["female"] else 2] = year
        if i == 11:
            row[8] = "09123"  # deliberate error: a phone number too short
        if i == 23:
            row[2] = row[3] = year  # deliberate error: a year under both Nam and Nữ
        for col, value in enumerate(row, start=1):
            cell = sheet.cell(row=5 + i, column=col)
            cell.value = to_tcvn3(value) if isinstance(value, str) else value
            cell.font = font
    for letter, width in zip("ABCDEFGHI", [5, 26, 8, 8, 9, 26, 18, 30, 13], strict=True):
        sheet.column_dimensions[letter].width = width
    return workbook


def deterministic_bytes(workbook: Workbook) -> bytes:
    """The .xlsx with fixed timestamps, so that the same workbook gives the same bytes."""
    workbook.properties.created = workbook.properties.modified = FIXED
    raw = io.BytesIO()
    workbook.save(raw)
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dest:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", b"2025-01-01T00:00:00Z", data)
            dest.writestr(zipfile.ZipInfo(info.filename, FIXED.timetuple()[:6]), data)
    return out.getvalue()


def main() -> None:
    (HERE / "danh-sach-hoi-vien-mau.xlsx").write_bytes(deterministic_bytes(modern_sample()))
    (HERE / "danh-sach-tcvn3-gop-o.xlsx").write_bytes(deterministic_bytes(tcvn3_sample()))


if __name__ == "__main__":
    main()
