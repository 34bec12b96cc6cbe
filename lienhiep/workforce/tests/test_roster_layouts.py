"""The roster import against the layouts offices really send: Unicode left in legacy fonts,
legacy lists with Unicode rows added, section headings, two-row headers, column labels,
the spellings of degrees and the ways a birth is written."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from lienhiep.associations.testing import make_association
from lienhiep.vn.tests.test_legacy import tcvn3_encode, typed_in_capitals, vni_encode
from lienhiep.workforce import roster_read
from lienhiep.workforce.roster import ImportResult, import_roster, preview_columns
from lienhiep.workforce.testing import roster_xlsx as xlsx


@pytest.fixture
def association(world):
    return make_association(world.association)


def check(path: Path, association: Any) -> tuple[ImportResult, list[dict[str, str]]]:
    """A dry run: the result, and its preview rows by value key ("full_name", "birth"…)."""
    result = import_roster(path, association, dry_run=True)
    labels = preview_columns()
    return result, [{key: row[label] for key, label in labels} for row in result.preview]


def column(rows: list[dict[str, str]], key: str) -> list[str]:
    return [row[key] for row in rows]


# ---------------------------------------------------------------- legacy fonts and encodings


@pytest.mark.parametrize("font", [".VnTime", "VNI-Times"])
def test_unicode_text_unikey_left_in_a_legacy_font_is_not_converted_again(
    association, tmp_path, font
):
    rows: list[list[Any]] = [
        ["STT", "Họ và tên", "Năm sinh", "Dân tộc", "Chuyên môn", "Ghi chú"],
        [1, "Tô Lâm", 1975, "Kinh", "Y", "Đã nghỉ hưu"],
        [2, "Lê Thúy Hà", 1980, "Thái", "Dược", "chú ý"],
        [3, "Hòa Bình", 1981, "Tày", "Y", "Đang công tác"],
    ]
    result, people = check(xlsx(tmp_path, rows, font=font), association)
    assert result.errors == []
    assert result.encoding is None
    assert column(people, "full_name") == ["Tô Lâm", "Lê Thúy Hà", "Hòa Bình"]
    assert column(people, "ethnicity_id") == ["Kinh", "Thái", "Tày"]
    assert column(people, "specialty") == ["Y", "Dược", "Y"]
    assert column(people, "note") == ["Đã nghỉ hưu", "chú ý", "Đang công tác"]


NAMES = ["Nguyễn Văn Đức", "Trần Thị Hà", "Lê Văn Tám", "Phạm Minh Chính", "Hoàng Thị Lan"]


@pytest.mark.parametrize("font", [None, ".VnTime"])
def test_a_member_typed_in_unicode_in_a_tcvn3_list_keeps_his_row_as_typed(
    association, tmp_path, font
):
    header = ["STT", "Họ và tên", "Năm sinh", "Dân tộc", "Học vị", "Ghi chú"]
    rows: list[list[Any]] = [[tcvn3_encode(h) for h in header]]
    rows += [
        [i, tcvn3_encode(name), 1970 + i, tcvn3_encode("Thái"), tcvn3_encode("Tiến sĩ"), "x"]
        for i, name in enumerate(NAMES, start=1)
    ]
    rows.append([6, "Nguyễn Thị Hồng", 1990, "Thái", "Thạc sĩ", "Tô Lâm"])
    result, people = check(xlsx(tmp_path, rows, font=font), association)
    assert result.errors == []
    assert result.encoding == "TCVN3"
    assert column(people, "full_name") == [*NAMES, "Nguyễn Thị Hồng"]
    assert column(people, "ethnicity_id") == ["Thái"] * 6
    assert column(people, "degree_id") == ["Tiến sĩ"] * 5 + ["Thạc sĩ"]
    assert people[-1]["note"] == "Tô Lâm"


def test_a_tcvn3_cell_that_reads_as_unicode_too_is_converted_among_tcvn3_cells(
    association, tmp_path
):
    # "Ghi chó" is a Vietnamese phrase as it stands, and TCVN3 for "Ghi chú"; "Phó" is TCVN3
    # for "Phú". Their rows hold no Unicode text: they are TCVN3 as their neighbours are.
    rows: list[list[Any]] = [[tcvn3_encode(h) for h in ["STT", "Họ và tên", "Năm sinh", "Ghi chú"]]]
    rows += [[1, tcvn3_encode("Nguyễn Văn Đức"), 1970, tcvn3_encode("Phú")]]
    result, people = check(xlsx(tmp_path, rows), association)
    assert result.errors == []
    assert people[0]["note"] == "Phú"


@pytest.mark.parametrize(
    ("typed", "font"),
    [
        (lambda name: tcvn3_encode(name.lower()), None),  # for .VnTimeH, read without its font
        (lambda name: tcvn3_encode(name.lower()), ".VnTimeH"),
        (typed_in_capitals, ".VnTime"),
        (typed_in_capitals, None),
    ],
)
def test_tcvn3_names_in_capitals_are_stored_as_names_are_written(
    association, tmp_path, typed, font
):
    rows: list[list[Any]] = [[tcvn3_encode(h) for h in ["STT", "Họ và tên", "Năm sinh", "Học vị"]]]
    rows += [[i, typed(name), 1970 + i, "TS"] for i, name in enumerate(NAMES, start=1)]
    result, people = check(xlsx(tmp_path, rows, font=font), association)
    assert result.errors == []
    assert column(people, "full_name") == NAMES


def test_a_name_in_mixed_case_is_kept_as_typed(association, tmp_path):
    rows: list[list[Any]] = [
        ["Họ và tên", "Năm sinh"],
        ["Hoàng thị Lan", 1980],
        [tcvn3_encode("Lê văn Tám"), 1981],
    ]
    result, people = check(xlsx(tmp_path, rows), association)
    assert result.errors == []
    assert column(people, "full_name") == ["Hoàng thị Lan", "Lê văn Tám"]


def test_a_column_too_thin_to_tell_takes_the_encoding_of_the_others(association, tmp_path):
    names = [*NAMES, "Giàng A Páo", "Vũ Đức Đam", "Bùi Thị Nga", "Đặng Văn Lâm", "Ngô Bảo Châu"]
    ethnic_groups = ["Kinh"] * 8 + ["Mông", "Mông"]
    rows: list[list[Any]] = [[vni_encode(h) for h in ["STT", "Họ và tên", "Năm sinh", "Dân tộc"]]]
    rows += [
        [i, vni_encode(name), 1970 + i, vni_encode(group)]
        for i, (name, group) in enumerate(zip(names, ethnic_groups, strict=True), start=1)
    ]
    result, people = check(xlsx(tmp_path, rows), association)
    assert result.errors == []
    assert result.encoding == "VNI"
    assert column(people, "full_name") == names
    assert column(people, "ethnicity_id") == ethnic_groups


# ---------------------------------------------------------------- section headings


@pytest.mark.parametrize("streamed", [False, True])
def test_a_section_heading_merged_across_the_table_is_no_person(
    association, tmp_path, monkeypatch, streamed
):
    rows: list[list[Any]] = [
        ["STT", "Họ và tên", "Năm sinh", "Dân tộc", "Học vị", "Chức vụ"],
        [None, "CHI HỘI BỆNH VIỆN ĐA KHOA TỈNH"],
        [1, "Nguyễn Văn An", 1980, "Kinh", "TS", "Giám đốc"],
        ["II", "CHI HỘI TRUNG TÂM Y TẾ"],
        [2, "Trần Văn Bình", 1980, "Kinh", "TS", "Giám đốc"],
        [None, "Bệnh viện Phổi"],
        [3, "Lê Thị Cúc", 1981, "Kinh", "ThS", None],
    ]
    path = xlsx(tmp_path, rows, merges=("B2:F2", "B4:F4", "B6:F6"))
    if streamed:
        monkeypatch.setattr(roster_read, "STREAM_ABOVE_CELLS", 10)
    result, people = check(path, association)
    assert result.errors == []
    assert column(people, "full_name") == ["Nguyễn Văn An", "Trần Văn Bình", "Lê Thị Cúc"]


def test_a_heading_in_capitals_in_a_csv_is_no_person_but_a_name_in_capitals_is(
    association, tmp_path
):
    path = tmp_path / "ds.csv"
    path.write_text(
        "STT,Họ và tên,Năm sinh,Học vị\n"
        ",CHI HỘI BỆNH VIỆN ĐA KHOA TỈNH,,\n"
        "1,Nguyễn Văn An,1980,TS\n"
        ",II. KHOA NỘI,,\n"
        ",NGUYỄN ĐĂNG KHOA,,\n"
        ",TRƯƠNG VĂN BA,,\n",
        encoding="utf-8",
    )
    result, people = check(path, association)
    assert result.errors == []
    assert column(people, "full_name") == ["Nguyễn Văn An", "Nguyễn Đăng Khoa", "Trương Văn Ba"]


# ---------------------------------------------------------------- headers


def test_the_degree_is_the_professional_level_not_schooling_or_politics(association, tmp_path):
    rows: list[list[Any]] = [
        ["STT", "Họ và tên", "Năm sinh", "Trình độ văn hóa", "Trình độ ngoại ngữ",
         "Trình độ chuyên môn", "Trình độ lý luận chính trị"],
        [1, "Nguyễn Văn An", 1980, "12/12", "B", "Tiến sĩ", "Cao cấp"],
        [2, "Trần Thị Bình", 1985, "10/10", "C", "Thạc sĩ", "Trung cấp"],
    ]  # fmt: skip
    result, people = check(xlsx(tmp_path, rows), association)
    assert result.errors == []
    assert column(people, "degree_id") == ["Tiến sĩ", "Thạc sĩ"]


def test_a_degree_column_wins_over_a_vague_level_before_it(association, tmp_path):
    rows: list[list[Any]] = [
        ["STT", "Họ và tên", "Trình độ", "Học vị"],
        [1, "Nguyễn Văn An", "Đại học", "Tiến sĩ"],
    ]
    result, people = check(xlsx(tmp_path, rows), association)
    assert result.errors == []
    assert column(people, "degree_id") == ["Tiến sĩ"]


@pytest.mark.parametrize(
    ("family", "given"), [("Họ đệm", "Tên"), ("Họ", "Tên"), ("Họ và tên đệm", "Tên")]
)
def test_a_name_split_into_family_and_given_name_is_joined(association, tmp_path, family, given):
    rows: list[list[Any]] = [
        ["STT", "Họ và tên", None, "Năm sinh", "Học vị"],
        [None, family, given, None, None],
        [1, "Nguyễn Văn", "An", 1980, "TS"],
        [2, "Trần Thị", "Bình", 1985, "ThS"],
    ]
    path = xlsx(tmp_path, rows, merges=("B1:C1", "A1:A2", "D1:D2", "E1:E2"))
    result, people = check(path, association)
    assert result.errors == []
    assert column(people, "full_name") == ["Nguyễn Văn An", "Trần Thị Bình"]


def test_a_name_merged_over_two_columns_without_a_second_row_is_joined(association, tmp_path):
    rows: list[list[Any]] = [
        ["STT", "Họ và tên", None, "Năm sinh", "Học vị"],
        [1, "Nguyễn Văn", "An", 1980, "TS"],
        [2, "Trần Thị Bình", None, 1985, "ThS"],
    ]
    result, people = check(xlsx(tmp_path, rows, merges=("B1:C1",)), association)
    assert result.errors == []
    assert column(people, "full_name") == ["Nguyễn Văn An", "Trần Thị Bình"]


def test_a_second_header_row_under_merged_parents_is_read_as_headers(association, tmp_path):
    rows: list[list[Any]] = [
        ["STT", "Họ và tên", "Năm sinh", None, "Quê quán", None, "Trình độ", None, None],
        [None, None, "Nam", "Nữ", "Xã", "Huyện", "Văn hóa", "Chuyên môn", "Lý luận chính trị"],
        [1, "Nguyễn Văn An", 1980, None, "Tân Phong", "Phong Thổ", "12/12", "Tiến sĩ", "Cao cấp"],
        [2, "Trần Thị Bình", None, 1985, "Bản Hon", "Tam Đường", "10/10", "Thạc sĩ", None],
    ]
    merges = ("A1:A2", "B1:B2", "C1:D1", "E1:F1", "G1:I1")
    result, people = check(xlsx(tmp_path, rows, merges=merges), association)
    assert result.errors == []
    assert column(people, "full_name") == ["Nguyễn Văn An", "Trần Thị Bình"]
    assert column(people, "birth") == ["1980", "1985"]
    assert column(people, "gender") == ["Nam", "Nữ"]
    assert column(people, "degree_id") == ["Tiến sĩ", "Thạc sĩ"]


def test_a_second_header_row_in_a_csv_is_read_as_headers(association, tmp_path):
    path = tmp_path / "ds.csv"
    path.write_text(
        "STT,Họ và tên,Năm sinh,,Quê quán,,Trình độ,\n"
        ",,Nam,Nữ,Xã,Huyện,Văn hóa,Chuyên môn\n"
        "1,Nguyễn Văn An,1980,,Tân Phong,Phong Thổ,12/12,Tiến sĩ\n",
        encoding="utf-8",
    )
    result, people = check(path, association)
    assert result.errors == []
    assert column(people, "full_name") == ["Nguyễn Văn An"]
    assert column(people, "degree_id") == ["Tiến sĩ"]


def test_a_birth_date_split_into_day_month_and_year_is_one_date(association, tmp_path):
    rows: list[list[Any]] = [
        ["STT", "Họ và tên", "Ngày tháng năm sinh", None, None, "Học vị"],
        [None, None, "Ngày", "Tháng", "Năm", None],
        [1, "Nguyễn Văn An", 15, 3, 1980, "TS"],
        [2, "Trần Thị Bình", None, None, 1985, "ThS"],
    ]
    merges = ("A1:A2", "B1:B2", "C1:E1", "F1:F2")
    result, people = check(xlsx(tmp_path, rows, merges=merges), association)
    assert result.errors == []
    assert column(people, "birth") == ["15/03/1980", "1985"]
    assert column(people, "gender") == ["", ""]


@pytest.mark.parametrize(
    "labels", [["A", "B", 1, 2, 3, 4], ["(A)", "(B)", "(1)", "(2)", "(3)", "(4)"]]
)
def test_the_forms_column_labels_under_the_header_are_no_person(association, tmp_path, labels):
    rows: list[list[Any]] = [
        ["STT", "Họ và tên", "Năm sinh", "Dân tộc", "Học vị", "Chức vụ"],
        labels,
        [1, "Nguyễn Văn An", 1980, "Kinh", "TS", "Giám đốc"],
    ]
    result, people = check(xlsx(tmp_path, rows), association)
    assert result.errors == []
    assert column(people, "full_name") == ["Nguyễn Văn An"]


# ---------------------------------------------------------------- catalogue spellings


@pytest.mark.parametrize(
    ("cell", "title", "degree"),
    [
        ("TS.KH", "", "Tiến sĩ khoa học"),
        ("TSKH", "", "Tiến sĩ khoa học"),
        ("GS.TS.KH", "Giáo sư", "Tiến sĩ khoa học"),
        ("Th.S", "", "Thạc sĩ"),
        ("Th.s", "", "Thạc sĩ"),
        ("T.S", "", "Tiến sĩ"),
        ("PGS, TS", "Phó Giáo sư", "Tiến sĩ"),
        ("PGS-TS", "Phó Giáo sư", "Tiến sĩ"),
        ("PGS/TS", "Phó Giáo sư", "Tiến sĩ"),
        ("Giáo sư, Tiến sĩ", "Giáo sư", "Tiến sĩ"),
        ("CK II", "", "Chuyên khoa cấp II"),
        ("BSCK II", "", "Chuyên khoa cấp II"),
        ("Kĩ sư", "", "Đại học"),
        ("Dược sỹ", "", "Đại học"),
    ],
)
def test_degree_and_title_spellings_offices_use(association, tmp_path, cell, title, degree):
    rows: list[list[Any]] = [["Họ và tên", "Học hàm, học vị"], ["Nguyễn Văn An", cell]]
    result, people = check(xlsx(tmp_path, rows), association)
    assert result.errors == []
    assert (people[0]["title_id"], people[0]["degree_id"]) == (title, degree)


def test_a_title_in_the_degree_column_is_read_too(association, tmp_path):
    rows: list[list[Any]] = [
        ["Họ và tên", "Học vị"],
        ["Nguyễn Văn An", "PGS/TS"],
        ["Trần Văn Bình", "GS.TS/BS"],
    ]
    result, people = check(xlsx(tmp_path, rows), association)
    assert result.errors == []
    assert column(people, "title_id") == ["Phó Giáo sư", "Giáo sư"]
    assert column(people, "degree_id") == ["Tiến sĩ", "Tiến sĩ"]


def test_the_files_own_specialty_wins_over_what_the_degree_cell_leaves(association, tmp_path):
    rows: list[list[Any]] = [
        ["Họ và tên", "Học vị", "Chuyên ngành"],
        ["Nguyễn Văn An", "Thạc sĩ Kinh tế", "Quản trị kinh doanh"],
        ["Trần Văn Bình", "Thạc sĩ Kinh tế", None],
    ]
    result, people = check(xlsx(tmp_path, rows), association)
    assert result.errors == []
    assert column(people, "specialty") == ["Quản trị kinh doanh", "Kinh tế"]


# ---------------------------------------------------------------- births


@pytest.mark.parametrize(
    ("male", "female"),
    [("Năm sinh (Nam)", "Năm sinh (Nữ)"), ("Năm sinh Nam", "Năm sinh Nữ"), ("Nam", "Nữ")],
)
def test_one_row_headers_of_a_mans_and_a_womans_year_of_birth(association, tmp_path, male, female):
    rows: list[list[Any]] = [
        ["STT", "Họ và tên", male, female, "Học vị"],
        [1, "Nguyễn Văn An", 1980, None, "TS"],
        [2, "Trần Thị Bình", None, 1985, "ThS"],
    ]
    result, people = check(xlsx(tmp_path, rows), association)
    assert result.errors == []
    assert column(people, "gender") == ["Nam", "Nữ"]
    assert column(people, "birth") == ["1980", "1985"]


@pytest.mark.parametrize("header", ["Sinh năm", "Sinh ngày"])
def test_sinh_nam_and_sinh_ngay_are_the_birth(association, tmp_path, header):
    rows: list[list[Any]] = [["Họ và tên", header], ["Nguyễn Văn An", "05/03/1980"]]
    result, people = check(xlsx(tmp_path, rows), association)
    assert result.errors == []
    assert column(people, "birth") == ["05/03/1980"]


def test_a_birth_known_to_the_month_gives_the_year(association, tmp_path):
    cells = ["02/1980", "12/1975", "Tháng 2/1980", "năm 1980"]
    rows: list[list[Any]] = [["Họ và tên", "Ngày sinh", "Năm sinh (Nữ)"]]
    rows += [[f"Người Số {i}", cell, None] for i, cell in enumerate(cells)]
    rows.append(["Trần Thị Bình", None, "02/1981"])
    result, people = check(xlsx(tmp_path, rows), association)
    assert result.errors == []
    assert column(people, "birth") == ["1980", "1975", "1980", "1980", "1981"]
    assert people[-1]["gender"] == "Nữ"
