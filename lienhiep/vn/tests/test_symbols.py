import dataclasses

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lienhiep.vn import Symbol, format_symbol, parse_symbol
from lienhiep.vn.symbols import STATE_KINDS

HINT = "hãy nhập theo dạng 137-KH/TU (văn bản của Đảng) hoặc 123/QĐ-UBND (văn bản nhà nước)"

CANONICAL = [
    "137-KH/TU",
    "93-KL/TW",
    "42-CT/TW",
    "27-NQ/TW",
    "23-NQ/TU",
    "48-CT/TU",
    "05/BNV-VP",
    "123/QĐ-UBND",
    "30/2020/NĐ-CP",
    "36-HD/VPTW",
    "12/2020/NĐ-CP",
    "08-QĐi/TW",
    "05-TB/BTGTU",
    "45/2019/QH14",
    "01/2024/TTLT-BTC-BNV",
    "215/UBND-VX",
    "07/KH&CN-VP",
]


@pytest.mark.parametrize("text", CANONICAL)
def test_round_trip(text):
    assert format_symbol(parse_symbol(text)) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("137-KH/TU", Symbol(137, "KH", "TU", "party")),
        ("93-KL/TW", Symbol(93, "KL", "TW", "party")),
        ("36-HD/VPTW", Symbol(36, "HD", "VPTW", "party")),
        ("05/BNV-VP", Symbol(5, "", "BNV-VP", "state", width=2)),
        ("123/QĐ-UBND", Symbol(123, "QĐ", "UBND", "state")),
        ("30/2020/NĐ-CP", Symbol(30, "NĐ", "CP", "state", year=2020)),
        ("45/2019/QH14", Symbol(45, "", "QH14", "state", year=2019)),
    ],
)
def test_parts(text, expected):
    assert parse_symbol(text) == expected


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("Số: 137-KH/TU", "137-KH/TU"),
        ("số 137 - KH / TU", "137-KH/TU"),
        ("SỐ:05/BNV-VP", "05/BNV-VP"),
        ("So: 123/QĐ-UBND", "123/QĐ-UBND"),
        ("  30 / 2020 / NĐ - CP ", "30/2020/NĐ-CP"),
        ("137 – KH/TU", "137-KH/TU"),  # en dash from a word processor
        ("123/qđ-ubnd", "123/QĐ-UBND"),
        ("08-qđi/tw", "08-QĐi/TW"),
        ("15/ctr-ubnd", "15/CTr-UBND"),
        ("Số: 137-KH/TU".replace("ố", "o\u0302\u0301"), "137-KH/TU"),  # NFD input
    ],
)
def test_tolerant_input(text, canonical):
    assert format_symbol(parse_symbol(text)) == canonical


def test_leading_zeros_are_kept_as_width():
    symbol = parse_symbol("005-KH/TU")
    assert (symbol.number, symbol.width) == (5, 3)
    assert format_symbol(symbol) == "005-KH/TU"
    assert format_symbol(dataclasses.replace(symbol, width=1)) == "5-KH/TU"


def test_width_is_recorded_only_for_leading_zeros():
    assert parse_symbol("137-KH/TU").width == 1
    assert Symbol(137, "KH", "TU", "party", width=3) == Symbol(137, "KH", "TU", "party")
    assert Symbol(7, "KH", "TU", "party", width=2).width == 2


def test_symbol_is_frozen():
    symbol = parse_symbol("137-KH/TU")
    with pytest.raises(dataclasses.FrozenInstanceError):
        symbol.number = 138  # type: ignore[misc]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", f"Số, ký hiệu văn bản đang để trống: {HINT}."),
        ("  Số: ", f"Số, ký hiệu văn bản đang để trống: {HINT}."),
        ("abc", f"Số, ký hiệu “abc” thiếu số văn bản ở đầu: {HINT}."),
        ("KH/TU", f"Số, ký hiệu “KH/TU” thiếu số văn bản ở đầu: {HINT}."),
        ("137/", f"Số, ký hiệu “137/” thiếu ký hiệu sau số: {HINT}."),
        ("137", f"Số, ký hiệu “137” thiếu ký hiệu sau số: {HINT}."),
        ("137-KH", "Số, ký hiệu “137-KH” thiếu cơ quan ban hành sau dấu “/”, ví dụ 137-KH/TU."),
        ("137-KH/", "Số, ký hiệu “137-KH/” thiếu cơ quan ban hành sau dấu “/”, ví dụ 137-KH/TU."),
        ("0-KH/TU", "Số, ký hiệu “0-KH/TU” không hợp lệ: số văn bản phải lớn hơn 0."),
        ("12 34/QĐ", f"Không hiểu được số, ký hiệu “12 34/QĐ”: {HINT}."),
        ("137-KH/TU/X", f"Không hiểu được số, ký hiệu “137-KH/TU/X”: {HINT}."),
        ("137/20/QĐ-UBND", f"Không hiểu được số, ký hiệu “137/20/QĐ-UBND”: {HINT}."),
        ("137-/TU", f"Không hiểu được số, ký hiệu “137-/TU”: {HINT}."),
    ],
)
def test_malformed(text, message):
    with pytest.raises(ValueError, match="ký hiệu") as error:
        parse_symbol(text)
    assert str(error.value) == message


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        ({"number": 0}, "số văn bản phải lớn hơn 0"),
        ({"width": 0}, "số chữ số phải từ 1 trở lên"),
        ({"style": "other"}, "kiểu “other” phải là “party” (Đảng) hoặc “state” (nhà nước)"),
        ({"body": ""}, "cơ quan ban hành “” phải là chữ viết tắt, ví dụ TU, UBND"),
        ({"kind": ""}, "văn bản của Đảng cần loại văn bản (ví dụ KH, NQ) thay vì “”"),
        ({"year": 2020}, "năm 2020 chỉ có trong ký hiệu văn bản nhà nước, viết bằng 4 chữ số"),
    ],
)
def test_invalid_fields(fields, reason):
    with pytest.raises(ValueError, match="không hợp lệ") as error:
        Symbol(**{"number": 1, "kind": "KH", "body": "TU", "style": "party", **fields})
    assert str(error.value) == f"Số, ký hiệu không hợp lệ: {reason}."


@pytest.mark.parametrize(
    ("kind", "body", "year", "reason"),
    [
        ("BNV", "VP", None, "“BNV” không phải loại văn bản nhà nước (QĐ, NĐ, TT, KH...)"),
        (
            "",
            "QĐ-UBND",
            None,
            "“QĐ-UBND” bắt đầu bằng loại văn bản, hãy tách thành loại và cơ quan",
        ),
        ("QĐ", "UB ND", None, "cơ quan ban hành “UB ND” phải là chữ viết tắt, ví dụ TU, UBND"),
        ("NĐ", "CP", 20, "năm 20 chỉ có trong ký hiệu văn bản nhà nước, viết bằng 4 chữ số"),
    ],
)
def test_invalid_state_fields(kind, body, year, reason):
    with pytest.raises(ValueError, match="không hợp lệ") as error:
        Symbol(1, kind, body, "state", year=year)
    assert str(error.value) == f"Số, ký hiệu không hợp lệ: {reason}."


def test_a_single_state_abbreviation_is_the_body_even_if_it_names_a_kind():
    assert parse_symbol("05/QĐ") == Symbol(5, "", "QĐ", "state", width=2)


abbreviations = st.text(alphabet="ABCDĐGHKLMNPQSTUVX", min_size=1, max_size=6)
bodies = st.lists(abbreviations, min_size=1, max_size=3).map("-".join)
widths_and_numbers = st.integers(min_value=1, max_value=99999).flatmap(
    lambda n: st.tuples(st.just(n), st.integers(min_value=1, max_value=len(str(n)) + 2))
)
party_symbols = st.builds(
    lambda nw, kind, body: Symbol(nw[0], kind, body, "party", width=nw[1]),
    widths_and_numbers,
    abbreviations,
    bodies,
)
state_symbols = st.builds(
    lambda nw, kind, body, year: Symbol(nw[0], kind, body, "state", year=year, width=nw[1]),
    widths_and_numbers,
    st.sampled_from(["", *sorted(STATE_KINDS)]),
    bodies.filter(lambda body: "-" not in body or body.split("-")[0] not in STATE_KINDS),
    st.none() | st.integers(min_value=1945, max_value=2100),
)


@given(party_symbols | state_symbols)
def test_format_then_parse_gives_the_symbol_back(symbol):
    assert parse_symbol(format_symbol(symbol)) == symbol
