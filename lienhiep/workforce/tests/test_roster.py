"""The roster import: every format, the headers offices use, legacy fonts, duplicates,
all-or-nothing saving, undo, bad files, the command and the job."""

from __future__ import annotations

import codecs
import datetime
import io
import json
import os
import tracemalloc
import unicodedata
import zipfile
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.utils import timezone

from lienhiep.associations.testing import make_association
from lienhiep.core.models import Role
from lienhiep.core.testing import run_worker
from lienhiep.jobs.models import Job, JobStatus
from lienhiep.jobs.runner import start_job
from lienhiep.workforce import roster, roster_read
from lienhiep.workforce.models import Degree, Gender, Membership, Person, RosterImport
from lienhiep.workforce.roster import (
    DuplicatePolicy,
    RosterFileError,
    find_association,
    import_roster,
    undo_import,
)
from lienhiep.workforce.samples.make_samples import to_vni
from lienhiep.workforce.testing import roster_xlsx as xlsx

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
HEADER = ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Học vị", "Điện thoại", "Email"]


@pytest.fixture
def association(world):
    return make_association(world.association)


def _degree(code: str) -> int:
    return Degree.objects.get(code=code).pk


def person(name: str) -> Any:  # Any: the tests read optional relations directly
    return Person.objects.get(full_name=name)


# ---------------------------------------------------------------- formats


def test_modern_sample_imports_thirty_members_with_their_catalogues(association):
    result = import_roster(SAMPLES / "danh-sach-hoi-vien-mau.xlsx", association)
    assert result.errors == []
    assert (result.created, result.updated, result.skipped) == (30, 0, 0)
    assert Person.objects.count() == 30
    assert Membership.objects.filter(association=association).count() == 30
    batch = RosterImport.objects.get()
    assert (batch.created, batch.file_name) == (30, "danh-sach-hoi-vien-mau.xlsx")
    assert result.batch == batch
    first = person("Nguyễn Văn Hùng")
    assert first.birth_date == datetime.date(1960, 1, 1)
    assert (first.degree.code, first.ethnicity.name, first.gender) == ("TS", "Kinh", Gender.MALE)
    assert first.phone == "0912345670"
    assert first.name_folded == "nguyen van hung"
    assert first.history.count() == 1


def test_tcvn3_sample_with_merged_header_is_converted_and_shows_its_two_errors(association):
    result = import_roster(SAMPLES / "danh-sach-tcvn3-gop-o.xlsx", association, dry_run=True)
    assert result.encoding == "TCVN3"
    assert [(e.row, e.column) for e in result.errors] == [
        (16, "Điện thoại"),
        (28, "Năm sinh (Nữ)"),
    ]
    assert "09123" in result.errors[0].message
    assert result.created == 28
    first = result.preview[0]
    assert first["Họ và tên"] == "Nguyễn Thị Dũng"
    assert first["Ngày/năm sinh"] == "1970"
    assert first["Giới tính"] == "Nữ"
    assert first["Đơn vị công tác"] == "Bệnh viện Đa khoa tỉnh"
    assert result.preview[1]["Giới tính"] == "Nam"
    women = [row for row in result.preview if row["Giới tính"] == "Nữ"]
    assert len(women) == 10
    assert all(" Thị " in row["Họ và tên"] for row in women)
    assert Person.objects.count() == 0


def test_a_big_workbook_is_streamed_with_the_same_result(association, monkeypatch):
    """Sheets too big for calamine's in-memory reading go through openpyxl's stream: the
    merged header, the TCVN3 fonts and the errors come out the same."""
    expected = import_roster(SAMPLES / "danh-sach-tcvn3-gop-o.xlsx", association, dry_run=True)
    monkeypatch.setattr(roster_read, "STREAM_ABOVE_CELLS", 10)
    streamed = import_roster(SAMPLES / "danh-sach-tcvn3-gop-o.xlsx", association, dry_run=True)
    assert streamed.encoding == expected.encoding == "TCVN3"
    assert streamed.errors == expected.errors
    assert streamed.preview == expected.preview
    assert streamed.created == expected.created == 28


def _windows_1258(text: str) -> bytes:
    """As Windows writes Vietnamese in its ANSI code page: base letters (ê, ơ, ă…)
    precomposed, the five tones as combining marks after them."""
    tones = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
    out = []
    for char in text:
        marks = unicodedata.normalize("NFD", char)
        base = unicodedata.normalize("NFC", "".join(m for m in marks if m not in tones))
        out.append(base + "".join(m for m in marks if m in tones))
    return "".join(out).encode("cp1258")


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "cp1258"])
def test_csv_in_each_encoding_office_software_writes(association, tmp_path, encoding):
    text = (
        "STT;Họ tên;Năm sinh;Học vị\r\n"
        "1;Nguyễn Văn Đức;1970;Tiến sỹ\r\n"
        "2;Lê Thị Ngọc Ánh;1981;ThS.\r\n"
    )
    data = _windows_1258(text) if encoding == "cp1258" else codecs.encode(text, encoding)
    path = tmp_path / "ds.csv"
    path.write_bytes(data)
    result = import_roster(path, association)
    assert result.errors == []
    assert person("Nguyễn Văn Đức").degree.code == "TS"
    assert person("Lê Thị Ngọc Ánh").birth_year == 1981


def test_xls_in_vni_is_recognised_by_its_letters(association):
    result = import_roster(FIXTURES / "vni.xls", association)
    assert result.errors == []
    assert result.encoding == "VNI"
    huong = person("Trần Thị Thu Hương")
    assert huong.birth_date == datetime.date(1982, 5, 12)
    assert huong.gender == Gender.FEMALE
    assert huong.employer == "Bệnh viện Đa khoa tỉnh"
    assert person("Lê Quang Thắng").degree.code == "ĐH"


def _ods(path: Path, rows: list[list[str]]) -> Path:
    """A minimal OpenDocument spreadsheet, as LibreOffice writes one."""
    cells = "".join(
        "<table:table-row>"
        + "".join(
            f'<table:table-cell office:value-type="string"><text:p>{escape(v)}</text:p>'
            "</table:table-cell>"
            for v in row
        )
        + "</table:table-row>"
        for row in rows
    )
    ns = (
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
    )
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ns} office:version="1.2">'
        f'<office:body><office:spreadsheet><table:table table:name="DS">{cells}</table:table>'
        "</office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
        'manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(
            "mimetype", "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED
        )
        archive.writestr("content.xml", content)
        archive.writestr("META-INF/manifest.xml", manifest)
    return path


@pytest.mark.parametrize("tail", ["", "x" * 200_000])
def test_a_quotation_mark_left_open_in_a_csv_loses_no_one_in_silence(association, tmp_path, tail):
    path = tmp_path / "ds.csv"
    path.write_text(
        "STT,Họ và tên,Năm sinh,Ghi chú\n"
        '1,Nguyễn Văn An,1970,"Chiến sĩ thi đua\n'
        f"2,Lê Văn Bình,1980,{tail}\n"
        "3,Trần Thị Cúc,1975,\n",
        encoding="utf-8",
    )
    with pytest.raises(RosterFileError, match="Dòng 2 của tệp CSV không đọc được"):
        import_roster(path, association)
    assert not Person.objects.exists()


def test_ods_from_libreoffice(association, tmp_path):
    path = _ods(
        tmp_path / "ds.ods",
        [["Họ và tên", "Năm sinh", "Dân tộc"], ["Hà Văn Tấn", "1959", "Tày"]],
    )
    result = import_roster(path, association)
    assert result.errors == []
    assert person("Hà Văn Tấn").ethnicity.name == "Tày"


def test_extension_does_not_matter_content_does(association, tmp_path):
    path = xlsx(tmp_path, [["Họ và tên", "Năm sinh"], ["Vũ Minh Sơn", 1977]], name="ds.csv")
    assert import_roster(path, association).created == 1


# ---------------------------------------------------------------- headers and values


def test_tcvn3_detected_by_font_in_an_xlsx(association, tmp_path):
    rows = [["Hä vµ tªn", "N¨m sinh", "D©n téc"], ["NguyÔn ThÞ Hoa", 1980, "Kinh"]]
    path = xlsx(tmp_path, rows, font=".VnTime")
    result = import_roster(path, association)
    assert result.encoding == "TCVN3"
    assert person("Nguyễn Thị Hoa").birth_year == 1980


def test_vni_detected_by_font_in_an_xlsx(association, tmp_path):
    rows = [[to_vni("Họ và tên"), to_vni("Năm sinh")], [to_vni("Đỗ Thị Mai"), 1980]]
    result = import_roster(xlsx(tmp_path, rows, font="VNI-Times"), association)
    assert result.encoding == "VNI"
    assert Person.objects.get().full_name == "Đỗ Thị Mai"


def test_header_variants_and_a_degree_with_its_specialty(association, tmp_path):
    rows = [
        ["UBND TỈNH"],
        ["DANH SÁCH TRÍ THỨC"],
        ["TT", "Họ tên", "Năm sinh", "Trình độ chuyên môn", "Chức danh", "Cơ quan công tác"],
        ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)"],
        ["I", "Khối bệnh viện", None, None, None, None],
        [1, "NGUYỄN THỊ LAN", 1975, "Thạc sĩ Nông nghiệp", "Trưởng phòng", "Sở Nông nghiệp"],
        [2, None, None, None, None, None],
    ]
    result = import_roster(xlsx(tmp_path, rows), association)
    assert result.errors == []
    assert result.created == 1
    lan = person("Nguyễn Thị Lan")
    assert (lan.degree.code, lan.specialty, lan.position) == ("ThS", "Nông nghiệp", "Trưởng phòng")
    assert lan.employer == "Sở Nông nghiệp"


def test_a_long_name_of_the_royal_family_is_imported(association, tmp_path):
    name = "Công Tôn Nữ Thị Hoàng Phương Thảo"  # a sort key of 408 characters
    result = import_roster(xlsx(tmp_path, [HEADER, [1, name, "1970", "Nữ"]]), association)
    assert (result.created, result.errors) == (1, [])
    person = Person.objects.get()
    person.full_name = f"{name} Nguyễn Phước Công Tôn Nữ Huyền Trân Bảo Ngọc"
    person.save()  # the same columns, from the model
    assert Person.objects.get().given_name == "Ngọc"


def test_degree_synonyms_lead_to_one_catalogue_entry(association, tmp_path):
    spellings = ["TS", "TS.", "Tiến sỹ", "Tiến sĩ", "tiến sĩ"]
    rows = [["Họ và tên", "Học vị"]] + [[f"Người {i}", s] for i, s in enumerate(spellings)]
    result = import_roster(xlsx(tmp_path, rows), association)
    assert result.errors == []
    assert set(Person.objects.values_list("degree__code", flat=True)) == {"TS"}


def test_a_cell_naming_two_degrees_keeps_the_higher_one(association, tmp_path):
    cells = {
        "Bác sĩ CKII": ("CKII", ""),
        "Bác sĩ chuyên khoa cấp II": ("CKII", ""),
        "BS CK2 Nội khoa": ("CKII", "Nội khoa"),
        "Dược sĩ CKI": ("CKI", ""),
        "TS. BS": ("TS", ""),
        "Thạc sĩ Nông nghiệp": ("ThS", "Nông nghiệp"),
    }
    rows = [["Họ và tên", "Trình độ chuyên môn"]]
    rows += [[f"Người Số {i}", cell] for i, cell in enumerate(cells)]
    result = import_roster(xlsx(tmp_path, rows), association)
    assert result.errors == []
    read = {cell: person(f"Người Số {i}") for i, cell in enumerate(cells)}
    assert {cell: (p.degree.code, p.specialty) for cell, p in read.items()} == cells


def test_titles_and_degrees_in_one_cell(association, tmp_path):
    rows = [["Họ và tên", "Học hàm, học vị"], ["Phan Huy Lê", "PGS.TS"], ["Đào Duy Anh", "GS"]]
    import_roster(xlsx(tmp_path, rows), association)
    le = person("Phan Huy Lê")
    assert (le.title.code, le.degree.code) == ("PGS", "TS")
    assert person("Đào Duy Anh").title.code == "GS"


def test_dates_day_first_years_and_excel_serials(association, tmp_path):
    rows = [
        ["Họ và tên", "Ngày, tháng, năm sinh"],
        ["Người Một", "05/03/1975"],
        ["Người Hai", 27468],  # Excel serial without its date format: 15/03/1975
        ["Người Ba", 1980],
        ["Người Bốn", datetime.date(1990, 12, 31)],
    ]
    result = import_roster(xlsx(tmp_path, rows), association)
    assert result.errors == []
    assert person("Người Một").birth_date == datetime.date(1975, 3, 5)
    assert person("Người Hai").birth_date == datetime.date(1975, 3, 15)
    ba = person("Người Ba")
    assert (ba.birth_date, ba.birth_year) == (None, 1980)
    assert person("Người Bốn").birth_year == 1990


@pytest.mark.parametrize("birth", [75, "68", 75.0, "1075,5"])
def test_a_year_of_birth_cut_short_is_an_error_not_a_day_of_1900(association, tmp_path, birth):
    rows = [["Họ và tên", "Năm sinh"], ["Người Một", birth]]
    result = import_roster(xlsx(tmp_path, rows), association, dry_run=True)
    [error] = result.errors
    assert (error.row, error.column) == (2, "Năm sinh")
    assert error.message.startswith(f"“{str(birth).removesuffix('.0')}” không phải năm sinh")


def test_every_row_error_names_its_row_column_and_value(association, tmp_path):
    rows = [
        ["Họ và tên", "Ngày sinh", "Dân tộc", "Học vị", "Giới tính", "Điện thoại", "Email"],
        ["Người Một", "31/02/1980", "Kinhh", "Tiến", "Nam", "0912345678", "a@b.vn"],
        [None, 1980, None, None, "Không rõ", "12", "không-phải-email"],
    ]
    result = import_roster(xlsx(tmp_path, rows), association)
    found = {(e.row, e.column): e.message for e in result.errors}
    assert set(found) == {
        (2, "Ngày sinh"),
        (2, "Dân tộc"),
        (2, "Học vị"),
        (3, "Họ và tên"),
        (3, "Giới tính"),
        (3, "Điện thoại"),
        (3, "Email"),
    }
    assert "tháng 2 năm 1980 chỉ có 29 ngày" in found[(2, "Ngày sinh")]
    assert "Kinhh" in found[(2, "Dân tộc")]
    assert Person.objects.count() == 0


# ---------------------------------------------------------------- duplicates


def _twice_in_file(tmp_path):
    return xlsx(
        tmp_path,
        [
            HEADER,
            [1, "Nguyễn Văn An", "01/01/1970", "Nam", "ThS", "0912000001", ""],
            [2, "Nguyễn Văn Ân", "1970", "Nam", "TS", "", "an@example.vn"],
            [3, "Lê Văn Bình", "1971", "Nam", "", "0912000001", ""],
        ],
    )


def test_duplicates_in_the_file_are_reported(association, tmp_path):
    result = import_roster(_twice_in_file(tmp_path), association)
    assert [(e.row, e.column) for e in result.errors] == [(3, "Họ và tên"), (4, "Họ và tên")]
    assert "dòng 2" in result.errors[0].message
    assert Person.objects.count() == 0


def test_duplicates_in_the_file_are_skipped(association, tmp_path):
    result = import_roster(_twice_in_file(tmp_path), association, policy=DuplicatePolicy.SKIP)
    assert (result.created, result.skipped) == (1, 2)
    assert Person.objects.get().degree == Degree.objects.get(code="ThS")


def test_duplicates_in_the_file_update_the_first_row(association, tmp_path):
    result = import_roster(_twice_in_file(tmp_path), association, policy=DuplicatePolicy.UPDATE)
    assert (result.created, result.updated) == (1, 2)
    an = Person.objects.get()
    assert (an.degree_id, an.email, an.full_name) == (
        _degree("TS"),
        "an@example.vn",
        "Nguyễn Văn An",
    )


def _registry_person() -> Person:
    known = Person(full_name="Trần Văn Cường", birth_year=1965, phone="0905 111 222")
    known.save()
    return known


def _cuong(tmp_path):
    rows = [HEADER, [1, "Tran Van Cuong", "1965", "Nam", "TS", "", "cuong@example.vn"]]
    return xlsx(tmp_path, rows)


def test_registry_duplicate_reported(association, tmp_path):
    known = _registry_person()
    result = import_roster(_cuong(tmp_path), association)
    assert [(e.row, e.column) for e in result.errors] == [(2, "Họ và tên")]
    assert f"#{known.pk}" in result.errors[0].message
    assert RosterImport.objects.count() == 0


def test_registry_duplicate_skipped(association, tmp_path):
    _registry_person()
    result = import_roster(_cuong(tmp_path), association, policy=DuplicatePolicy.SKIP)
    assert (result.created, result.skipped, result.errors) == (0, 1, [])
    assert Person.objects.count() == 1


def test_registry_duplicate_updated_then_undone(association, tmp_path):
    known = _registry_person()
    rows = [
        HEADER,
        [1, "Tran Van Cuong", "1965", "Nam", "TS", "", "cuong@example.vn"],
        [2, "Lý Thị Hạnh", "1990", "Nữ", "", "", ""],
        [3, "Ai Đó", "", "", "", "+84 905 111 222", ""],  # the same phone: Cường again
    ]
    result = import_roster(xlsx(tmp_path, rows), association, policy=DuplicatePolicy.UPDATE)
    assert (result.created, result.updated) == (1, 1 + 1)
    known.refresh_from_db()
    assert (known.degree_id, known.email, known.full_name) == (
        _degree("TS"),
        "cuong@example.vn",
        "Trần Văn Cường",
    )
    assert known.memberships.filter(association=association).exists()
    assert Person.objects.count() == 2

    assert result.batch is not None
    reverted = undo_import(result.batch)
    assert reverted == 2
    known.refresh_from_db()
    assert (known.degree, known.email, known.gender) == (None, "", "")
    assert not known.memberships.exists()
    assert Person.objects.count() == 1
    assert RosterImport.objects.get().undone_at is not None
    with pytest.raises(RosterFileError, match="đã được hoàn tác"):
        undo_import(result.batch)


def test_a_former_member_on_the_roster_joins_again_and_the_undo_ends_it(association, tmp_path):
    known = _registry_person()
    left = Membership.objects.create(
        person=known,
        association=association,
        joined_on=datetime.date(2010, 1, 1),
        left_on=datetime.date(2020, 1, 1),
    )
    result = import_roster(_cuong(tmp_path), association, policy=DuplicatePolicy.UPDATE)
    assert result.updated == 1
    current = known.memberships.get(left_on=None)
    assert (current.association, current.joined_on) == (association, timezone.localdate())
    assert known.memberships.count() == 2

    assert result.batch is not None
    undo_import(result.batch)
    assert list(known.memberships.all()) == [left]


def test_association_staff_enrol_another_associations_member_without_rewriting_them(
    world, association, tmp_path
):
    known = _registry_person()  # a member of the other association
    other = make_association(world.other_association)
    Membership.objects.create(person=known, association=other)
    ours = Person(full_name="Lý Thị Hạnh", birth_year=1990)
    ours.save()
    Membership.objects.create(person=ours, association=association)
    rows = [
        HEADER,
        [1, "Tran Van Cuong", "1965", "Nam", "TS", "", "cuong@example.vn"],
        [2, "Lý Thị Hạnh", "1990", "Nữ", "ThS", "", ""],
    ]
    clerk = world.users[Role.ASSOCIATION_STAFF]
    path = xlsx(tmp_path, rows)
    preview = import_roster(path, association, actor=clerk, policy=DuplicatePolicy.UPDATE,
                            dry_run=True)  # fmt: skip
    assert [row["Thao tác"] for row in preview.preview] == [
        "Ghi nhận là hội viên, giữ nguyên hồ sơ",
        "Cập nhật",
    ]
    result = import_roster(path, association, actor=clerk, policy=DuplicatePolicy.UPDATE)
    assert (result.created, result.updated, result.errors) == (0, 2, [])
    known.refresh_from_db()
    assert (known.degree, known.email) == (None, "")  # kept as its own association wrote it
    assert known.memberships.filter(association=association, left_on=None).exists()
    assert person("Lý Thị Hạnh").degree.code == "ThS"  # their own member: updated
    # The Union's staff update anyone.
    staff = world.users[Role.UNION_STAFF]
    again = xlsx(tmp_path, rows[:2], name="again.xlsx")
    import_roster(again, other, actor=staff, policy=DuplicatePolicy.UPDATE)
    known.refresh_from_db()
    assert known.email == "cuong@example.vn"


def test_a_row_that_is_both_an_earlier_row_and_someone_else_registered_is_an_error(
    association, tmp_path
):
    known = _registry_person()
    rows = [
        HEADER,
        [1, "Lê Văn Dũng", "1970", "Nam", "", "", ""],
        [2, "Lê Văn Dũng", "1970", "Nam", "", "", "cuong@example.vn"],
    ]
    known.email = "cuong@example.vn"
    known.save()
    result = import_roster(xlsx(tmp_path, rows), association, policy=DuplicatePolicy.UPDATE)
    [error] = result.errors
    assert (error.row, error.column) == (3, "Họ và tên")
    assert error.message == (
        f"Trùng với dòng 2 của tệp, và với #{known.pk} trong cơ sở dữ liệu, "
        "người mà dòng ấy không trùng: hãy sửa tệp."
    )
    assert list(Person.objects.all()) == [known]


def test_every_membership_an_import_adds_or_its_undo_removes_is_in_the_history(
    world, association, tmp_path
):
    known = _registry_person()
    clerk = world.users["association_staff"]
    rows = [
        HEADER,
        [1, "Tran Van Cuong", "1965", "Nam", "TS", "", "cuong@example.vn"],
        [2, "Lý Thị Hạnh", "1990", "Nữ", "", "", ""],
    ]
    result = import_roster(
        xlsx(tmp_path, rows), association, actor=clerk, policy=DuplicatePolicy.UPDATE
    )
    hanh = person("Lý Thị Hạnh")
    added = Membership.history.filter(history_type="+")
    assert {(h.person_id, h.association_id, h.history_user, h.history_change_reason)
            for h in added} == {
        (known.pk, association.pk, clerk, "Nhập danh sách hội viên"),  # a registry person
        (hanh.pk, association.pk, clerk, "Nhập danh sách hội viên"),  # a new one
    }  # fmt: skip
    assert set(added.values_list("id", flat=True)) == set(
        Membership.objects.values_list("pk", flat=True)
    )

    assert result.batch is not None
    undo_import(result.batch, clerk)
    removed = Membership.history.filter(history_type="-")
    assert {(h.person_id, h.history_user, h.history_change_reason) for h in removed} == {
        (known.pk, clerk, "Hoàn tác lần nhập danh sách"),
        (hanh.pk, clerk, "Hoàn tác lần nhập danh sách"),
    }
    assert not Membership.objects.exists()


def _two_new_people(association, tmp_path):
    rows = [HEADER, [1, "Lý Thị Hạnh", "1990", "Nữ", "", "", ""], [2, "Lò Văn Thắng", "1975"]]
    result = import_roster(xlsx(tmp_path, rows), association)
    assert result.batch is not None
    return result.batch


def _change_hanh_by_hand(world):
    hanh = person("Lý Thị Hạnh")
    hanh.position = "Trưởng khoa"
    hanh.save()


def _hanh_joins_another_association(world):
    other = make_association(world.other_association)
    Membership.objects.create(person=person("Lý Thị Hạnh"), association=other)


def _hanh_leaves(world):
    person("Lý Thị Hạnh").memberships.update(left_on=datetime.date(2026, 6, 30))


def _hanhs_membership_corrected(world):
    membership = person("Lý Thị Hạnh").memberships.get()
    membership.role = "Ủy viên"
    membership.save()


@pytest.mark.parametrize(
    "change",
    [
        _change_hanh_by_hand,
        _hanh_joins_another_association,
        _hanh_leaves,
        _hanhs_membership_corrected,
    ],
)
def test_undo_refuses_to_lose_changes_made_after_the_import(world, association, tmp_path, change):
    batch = _two_new_people(association, tmp_path)
    change(world)
    with pytest.raises(RosterFileError, match="1 người của lần nhập này đã được sửa sau đó"):
        undo_import(batch)
    assert Person.objects.count() == 2
    batch.refresh_from_db()
    assert batch.undone_at is None


def test_undo_refuses_to_overwrite_a_registry_person_changed_after_the_import(
    association, tmp_path
):
    known = _registry_person()
    result = import_roster(_cuong(tmp_path), association, policy=DuplicatePolicy.UPDATE)
    assert result.batch is not None
    known.refresh_from_db()
    known.employer = "Sở Y tế"
    known.save()
    with pytest.raises(RosterFileError, match="đã được sửa sau đó"):
        undo_import(result.batch)
    known.refresh_from_db()
    assert (known.email, known.employer) == ("cuong@example.vn", "Sở Y tế")


def test_undo_refuses_to_lose_a_correction_of_a_membership_it_gave_a_registry_person(
    association, tmp_path
):
    known = _registry_person()
    result = import_roster(_cuong(tmp_path), association, policy=DuplicatePolicy.UPDATE)
    assert result.batch is not None
    membership = known.memberships.get(association=association)
    membership.joined_on = datetime.date(2019, 9, 1)
    membership.save()
    with pytest.raises(RosterFileError, match="đã được sửa sau đó"):
        undo_import(result.batch)
    assert known.memberships.filter(association=association).exists()


def test_two_imports_undone_latest_first_are_both_undone(world, association, tmp_path):
    known = _registry_person()
    first = [
        HEADER,
        [1, "Tran Van Cuong", "1965", "Nam", "TS", "", "cuong@example.vn"],
        [2, "Lý Thị Hạnh", "1990", "Nữ", "", "", ""],
    ]
    update = DuplicatePolicy.UPDATE
    a = import_roster(xlsx(tmp_path, first, name="a.xlsx"), association, policy=update)
    # Another association's roster lists both again, with more to say of each.
    second = [
        HEADER,
        [1, "Trần Văn Cường", "1965", "", "", "", "cuong@moi.vn"],
        [2, "Lý Thị Hạnh", "1990", "", "ThS", "0912 345 678", ""],
    ]
    other = make_association(world.other_association)
    b = import_roster(xlsx(tmp_path, second, name="b.xlsx"), other, policy=update)
    assert (b.created, b.updated) == (0, 2)
    assert a.batch is not None
    assert b.batch is not None

    undo_import(b.batch)
    hanh = person("Lý Thị Hạnh")
    assert (hanh.degree, hanh.phone) == (None, "")
    assert undo_import(a.batch) == 2
    known.refresh_from_db()
    assert (known.degree, known.email) == (None, "")
    assert not Membership.objects.exists()
    assert list(Person.objects.all()) == [known]


def test_an_untouched_import_is_undone(world, association, tmp_path):
    batch = _two_new_people(association, tmp_path)
    ids = set(Person.objects.values_list("pk", flat=True))
    clerk = world.users["association_staff"]
    assert undo_import(batch, clerk) == 2
    assert not Person.objects.exists()
    assert not Membership.objects.exists()
    # Each person's history ends with its deletion, by whom and why, as for any delete.
    deleted = Person.history.filter(history_type="-")
    assert set(deleted.values_list("id", flat=True)) == ids
    assert {(h.history_user, h.history_change_reason, h.full_name) for h in deleted} == {
        (clerk, "Hoàn tác lần nhập danh sách", "Lý Thị Hạnh"),
        (clerk, "Hoàn tác lần nhập danh sách", "Lò Văn Thắng"),
    }


def test_memberships_are_all_that_refers_to_a_person():
    # Undo deletes a batch's people and their memberships with two plain DELETEs: a new
    # reference to people must be taken care of there (and this list extended).
    referring = {relation.related_model for relation in Person._meta.related_objects}
    assert referring == {Membership}


# ---------------------------------------------------------------- all or nothing


def test_dry_run_saves_nothing_and_previews_the_first_hundred_rows(association, tmp_path):
    rows = [["Họ và tên", "Năm sinh"]] + [[f"Người Thứ {i}", 1950 + i % 50] for i in range(150)]
    result = import_roster(xlsx(tmp_path, rows), association, dry_run=True)
    assert result.created == 150
    assert len(result.preview) == 100
    assert result.preview[0]["Dòng"] == "2"
    assert result.preview[0]["Thao tác"] == "Thêm mới"
    assert result.batch is None
    assert Person.objects.count() == RosterImport.objects.count() == 0


def test_an_error_on_the_last_row_saves_nothing(association, tmp_path):
    rows = [["Họ và tên", "Năm sinh"]] + [[f"Người Thứ {i}", 1970] for i in range(2500)]
    rows.append(["Người Cuối", "năm ngoái"])
    result = import_roster(xlsx(tmp_path, rows), association)
    assert [e.row for e in result.errors] == [2502]
    assert result.batch is None
    assert Person.objects.count() == Membership.objects.count() == 0
    assert RosterImport.objects.count() == 0


def test_a_hopeless_file_stops_at_the_error_cap(association, tmp_path, monkeypatch):
    monkeypatch.setattr(roster, "MAX_ERRORS", 5)
    rows = [["Họ và tên", "Năm sinh"]] + [[f"Người Thứ {i}", "năm xưa"] for i in range(50)]
    result = import_roster(xlsx(tmp_path, rows), association)
    assert [e.row for e in result.errors] == [2, 3, 4, 5, 6, 6]
    assert "Quá 5 lỗi" in result.errors[-1].message
    assert Person.objects.count() == 0


def test_a_file_past_the_row_limit_stops_mid_stream_and_saves_nothing(
    association, tmp_path, monkeypatch
):
    """The limit is met while rows are already streaming into the database: the load is
    abandoned and the user gets the limit's message, not the database's."""
    monkeypatch.setattr(roster_read, "MAX_ROWS", 5)
    rows = [["Họ và tên", "Năm sinh"]] + [[f"Người Thứ {i}", 1970] for i in range(10)]
    with pytest.raises(RosterFileError, match="nhiều hơn 5 dòng"):
        import_roster(xlsx(tmp_path, rows), association)
    assert Person.objects.count() == RosterImport.objects.count() == 0


def test_duplicates_are_found_at_size_and_the_rest_is_saved(association, tmp_path):
    """Past a thousand rows the planner is given fresh statistics; the joins must still
    find the repeats, wherever they are."""
    rows = [HEADER] + [
        [i, f"Người Thứ {i}", f"01/01/{1950 + i % 50}", "Nam", "", f"09{i:08d}", ""]
        for i in range(1500)
    ]
    rows.append([1500, "Người Khác", "1980", "Nữ", "", "0900000007", ""])  # row 8's phone
    rows.append([1501, "NGƯỜI THỨ 1499", "01/01/1999", "Nam", "ThS", "", ""])  # row 1501
    result = import_roster(xlsx(tmp_path, rows), association, policy=DuplicatePolicy.UPDATE)
    assert (result.created, result.updated, result.errors) == (1500, 2, [])
    assert Person.objects.count() == Membership.objects.count() == 1500
    assert person("Người Thứ 1499").degree_id == _degree("ThS")
    merged = person("Người Thứ 7")
    assert (merged.gender, merged.birth_year, merged.birth_date) == (Gender.FEMALE, 1980, None)
    assert Person.history.count() == 1500  # merged before their history was written


# ---------------------------------------------------------------- bad files


def _corrupted_zip(path: Path) -> Path:
    data = (SAMPLES / "danh-sach-hoi-vien-mau.xlsx").read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


BAD_FILES = {
    "corrupted zip": (_corrupted_zip, "không phải bảng tính"),
    "pdf renamed": (lambda p: p.write_bytes(b"%PDF-1.4\n1 0 obj\n") and p, "không phải bảng tính"),
    "empty": (lambda p: p.write_bytes(b"") or p, "Tệp rỗng"),
    "no header": (
        lambda p: xlsx(p.parent, [["Xin chào"], ["Không có bảng nào ở đây"]], name=p.name),
        "Không tìm thấy dòng tiêu đề",
    ),
    "random bytes": (lambda p: p.write_bytes(os.urandom(10 * 1024 * 1024)) and p, "bảng tính"),
}


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_bad_files_give_a_vietnamese_message_and_save_nothing(association, tmp_path, case):
    make, message = BAD_FILES[case]
    path = tmp_path / "ds.xlsx"
    path = make(path) or path
    with pytest.raises(RosterFileError, match=message):
        import_roster(path, association)
    assert Person.objects.count() == RosterImport.objects.count() == 0


def _million_empty_rows(path: Path) -> Path:
    """A sheet formatted down to row 1,000,002 with two rows of data, as Excel leaves them."""
    buffer = io.BytesIO()
    xlsx_path = xlsx(path.parent, [["Họ và tên", "Năm sinh"], ["Người Duy Nhất", 1970]])
    buffer.write(xlsx_path.read_bytes())
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename != "xl/worksheets/sheet1.xml":
                out.writestr(info, data)
                continue
            head, tail = data.split(b"</sheetData>")
            with out.open(info.filename, "w") as sheet:
                sheet.write(head.replace(b'ref="A1:B2"', b'ref="A1:L1000002"'))
                for r in range(3, 1_000_003, 1000):
                    sheet.write(
                        b"".join(
                            b'<row r="%d" s="1" customFormat="1"><c r="A%d" s="1"/></row>' % (n, n)
                            for n in range(r, r + 1000)
                        )
                    )
                sheet.write(b"</sheetData>" + tail)
    return path


def test_a_million_empty_formatted_rows_cost_neither_time_nor_memory(
    association, tmp_path, monkeypatch
):
    path = _million_empty_rows(tmp_path / "big.xlsx")
    # Count the rows taken from the sheet (a sheet this size is streamed): reading must stop
    # after a run of empty rows, not walk the million the sheet claims.
    pulled: list[int] = []
    stream = roster_read._streamed_rows

    def counted(rows):
        for number, values in stream(rows):
            pulled.append(number)
            yield number, values

    monkeypatch.setattr(roster_read, "_streamed_rows", counted)
    tracemalloc.start()
    result = import_roster(path, association, dry_run=True)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert result.created == 1
    assert pulled
    assert max(pulled) <= roster_read.MAX_BLANK_RUN + 2
    assert peak < 20 * 1024 * 1024


# ---------------------------------------------------------------- association, command, job


def test_association_found_by_code_or_by_name_without_diacritics(association):
    assert find_association("hyh") == association
    assert find_association("hoi y hoc tinh") == association
    with pytest.raises(RosterFileError, match="Không có hội"):
        find_association("Hội Cờ tướng")


def test_command_json_output_is_one_exact_object(association, tmp_path):
    rows = [HEADER, [1, "Phạm Văn Đồng", "1906", "Nam", "Cử nhân", "", ""]]
    out = io.StringIO()
    call_command("import_roster", str(xlsx(tmp_path, rows)), "--association", "HYH", "--json",
                 stdout=out)  # fmt: skip
    assert json.loads(out.getvalue()) == {"created": 1, "updated": 0, "skipped": 0, "errors": []}


def test_command_with_errors_prints_the_json_then_fails(association, tmp_path):
    rows = [HEADER, [1, "Phạm Văn Đồng", "1906", "Nam", "Cử nhân", "12", ""]]
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError, match="bị lỗi"):
        call_command("import_roster", str(xlsx(tmp_path, rows)), "--association", "Hội Y học tỉnh",
                     "--json", "--dry-run", stdout=out, stderr=err)  # fmt: skip
    assert json.loads(out.getvalue()) == {
        "created": 0,
        "updated": 0,
        "skipped": 0,
        "errors": [{"row": 2, "column": "Điện thoại", "message": "“12” không phải số điện thoại."}],
    }


@pytest.mark.parametrize(
    ("file", "association_name", "message"),
    [
        ("pdf", "HYH", "không phải bảng tính"),
        ("missing", "HYH", "Không có tệp"),
        ("roster", "Hội Cờ tướng", "Không có hội"),
    ],
)
def test_command_json_carries_a_whole_file_error(
    association, tmp_path, file, association_name, message
):
    paths = {"pdf": tmp_path / "ds.xlsx", "missing": tmp_path / "none.xlsx"}
    paths["pdf"].write_bytes(b"%PDF-1.4\n1 0 obj\n")
    paths["roster"] = SAMPLES / "danh-sach-hoi-vien-mau.xlsx"
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError, match=message):
        call_command("import_roster", str(paths[file]), "--association", association_name,
                     "--json", stdout=out, stderr=err)  # fmt: skip
    summary = json.loads(out.getvalue())
    assert (summary["created"], summary["updated"], summary["skipped"]) == (0, 0, 0)
    [error] = summary["errors"]
    assert (error["row"], error["column"]) == (None, "")
    assert message in error["message"]
    assert Person.objects.count() == RosterImport.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_the_job_previews_then_imports_the_stored_file(world):
    association = make_association(world.association)
    data = (SAMPLES / "danh-sach-hoi-vien-mau.xlsx").read_bytes()
    stored = default_storage.save("imports/rosters/test-job.xlsx", ContentFile(data))
    params = {"association_id": association.pk, "path": stored, "policy": "report"}
    params["file_name"] = "mau.xlsx"
    owner = world.users["union_staff"]
    preview = start_job("workforce.import_roster", title="t", owner=owner,
                        params={**params, "dry_run": True})  # fmt: skip
    run_worker()
    preview = Job.objects.get(pk=preview.pk)
    assert preview.status == JobStatus.SUCCEEDED, preview.error
    assert (preview.result["created"], preview.result["dry_run"]) == (30, True)
    assert len(preview.result["preview"]) == 30
    assert default_storage.exists(stored)
    job = start_job("workforce.import_roster", title="t", owner=owner,
                    params={**params, "dry_run": False})  # fmt: skip
    run_worker()
    job = Job.objects.get(pk=job.pk)
    assert job.status == JobStatus.SUCCEEDED, job.error
    assert job.result["batch_id"] == RosterImport.objects.get().pk
    assert Person.objects.count() == 30
    assert not default_storage.exists(stored)


@pytest.mark.django_db(transaction=True)
def test_the_job_fails_with_the_errors_table(world):
    association = make_association(world.association)
    data = (SAMPLES / "danh-sach-tcvn3-gop-o.xlsx").read_bytes()
    stored = default_storage.save("imports/rosters/test-job.xlsx", ContentFile(data))
    params = {"association_id": association.pk, "path": stored, "dry_run": False}
    job = start_job("workforce.import_roster", title="t", owner=None, params=params)
    run_worker()
    job = Job.objects.get(pk=job.pk)
    assert job.status == JobStatus.FAILED
    assert "Có 2 dòng bị lỗi" in job.error
    assert [e["row"] for e in job.result["errors"]] == [16, 28]
    assert Person.objects.count() == 0
