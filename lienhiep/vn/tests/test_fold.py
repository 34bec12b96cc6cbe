import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lienhiep.vn import fold
from lienhiep.vn.tests import VI_LETTERS, VI_LOWER, vi_text


def test_example_from_the_brief():
    assert fold("  Nguyễn  Văn ĐỨC ") == "nguyen van duc"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Trần Thị Thuỷ", "tran thi thuy"),
        ("Hoàng Đình Lộc", "hoang dinh loc"),
        ("ĐẶNG ƯỚC", "dang uoc"),
        ("Lò Văn Ơn", "lo van on"),
        ("Giàng A Páo", "giang a pao"),
        ("đ Đ", "d d"),
        ("Ðức", "duc"),  # eth, as legacy encodings wrote Đ
        ("Ngô\tThì\nNhậm\xa0", "ngo thi nham"),
        ("", ""),
        ("   \t\n ", ""),
        ("137-KH/TU", "137-kh/tu"),
        ("Łódź Ørsted Ñandú", "lodz orsted nandu"),
        ("x\u0301y\u0323", "xy"),  # marks that do not compose with their letter
        ("İstanbul", "istanbul"),
        ("ΑΘΗΝΑ", "αθηνα"),  # no Latin base: only lowercased
    ],
)
def test_examples(text, expected):
    assert fold(text) == expected


def test_nfd_input_gives_the_same_result():
    nfc = "Nguyễn Thị Ánh Tuyết"
    assert fold(unicodedata.normalize("NFD", nfc)) == fold(nfc) == "nguyen thi anh tuyet"


def test_every_vietnamese_letter_folds_to_its_ascii_base():
    for letter in VI_LETTERS:
        base = "d" if letter in "đĐ" else unicodedata.normalize("NFD", letter)[0].lower()
        assert fold(letter) == base, letter


def test_removing_a_mark_does_not_leave_composable_neighbours():
    jamo = "\u1100\u0301\u1161"  # ᄀ + acute + ᅡ: without the acute they compose to 가
    assert fold(jamo) == "가"
    assert fold(fold(jamo)) == fold(jamo)


@given(st.text())
def test_idempotent_on_any_text(text):
    assert fold(fold(text)) == fold(text)


@given(st.text())
def test_nfc_and_nfd_agree_on_any_text(text):
    assert fold(unicodedata.normalize("NFC", text)) == fold(unicodedata.normalize("NFD", text))


@given(vi_text)
def test_vietnamese_text_folds_to_ascii(text):
    assert fold(text).isascii()


@given(vi_text)
def test_never_longer_than_the_input(text):
    assert len(fold(text)) <= len(text)


@given(vi_text)
def test_case_does_not_matter(text):
    assert fold(text.upper()) == fold(text.lower()) == fold(text)


@given(vi_text)
def test_whitespace_is_collapsed_and_stripped(text):
    folded = fold(text)
    assert folded == folded.strip()
    assert "  " not in folded
    assert all(c == " " or not c.isspace() for c in folded)


@given(st.lists(st.text(alphabet=VI_LOWER, min_size=1), min_size=1))
def test_words_fold_one_by_one(words):
    assert fold(" ".join(words)).split(" ") == [fold(word) for word in words]
