"""collation_key on plain strings; the comparison with PostgreSQL itself is in
test_collation_postgres.py."""

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from lienhiep.vn import collation_key
from lienhiep.vn.collation import VI_ALPHABET
from lienhiep.vn.tests import TONES, VI_LETTERS, remove_tones, vi_text, vi_words, with_tone


def in_order(strings):
    return sorted(strings, key=collation_key) == list(strings)


def test_alphabet_order_with_fjwz_in_latin_place():
    assert VI_ALPHABET == "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
    shuffled = sorted(VI_ALPHABET, key=lambda c: c.encode())
    assert sorted(shuffled, key=collation_key) == list(VI_ALPHABET)


def test_tone_order_is_none_huyen_hoi_nga_sac_nang():
    assert in_order(["ma", "mà", "mả", "mã", "má", "mạ"])
    assert in_order(["ươ", "ườ", "ưở", "ưỡ", "ướ", "ượ"])


def test_modified_letters_are_primary_letters_not_accents():
    assert in_order(["ạz", "ăa", "ặz", "âa", "bz"])
    assert in_order(["dz", "đa"])
    assert in_order(["ọz", "ôa", "ộz", "ơa", "ợz", "pa"])
    assert in_order(["uz", "ưa", "ựz", "va"])


def test_tones_are_secondary_so_letters_decide_first():
    assert in_order(["ạb", "àc"])  # b < c wins over nặng > huyền
    assert in_order(["Thuy", "Thuỷ", "Thủy"])  # same letters: the earlier tone decides


def test_case_is_tertiary_lowercase_first():
    assert in_order(["ab", "aB", "Ab", "AB", "ác", "Ác"])
    assert in_order(["an", "An", "ân"])


def test_spaces_punctuation_and_digits_sort_before_letters():
    assert in_order(["a b", "a_b", "a-b", "a.b", "a'b", "a1", "aa", "ab"])
    assert in_order(["1", "10", "2", "9", "a"])  # digit by digit, not numeric


def test_canonical_equivalents_tie_until_the_raw_text():
    nfc = "Nguyễn"
    nfd = unicodedata.normalize("NFD", nfc)
    assert collation_key(nfc)[:3] == collation_key(nfd)[:3]
    assert collation_key(nfd) < collation_key(nfc)  # PostgreSQL then compares bytes


def test_ignorable_characters_change_nothing_but_the_tie_breaker():
    assert collation_key("a\u00adb")[:3] == collation_key("ab")[:3]
    assert collation_key("a\u200bb")[:3] == collation_key("ab")[:3]


def test_other_latin_accents_are_secondary():
    assert in_order(["u", "ú", "ü", "ǘ", "ư"])
    assert in_order(["c", "ç", "d", "ð", "đ"])
    assert in_order(["n", "ñ", "o"])


def test_other_scripts_sort_after_latin_by_code_point():
    assert in_order(["z", "Z", "α", "中", "😀"])


def test_an_unknown_character_does_not_change_the_weights_of_the_others():
    known = collation_key("Nguyễn Văn Ơn ")
    mixed = collation_key("Nguyễn Văn Ơn 😀")
    for level in range(3):
        assert mixed[level].startswith(known[level])


def test_uncommon_invisible_characters_are_ignored_too():
    assert collation_key("a\u2062b")[:3] == collation_key("ab")[:3]


def test_empty_string_first():
    assert in_order(["", " ", "a"])


@given(st.lists(vi_words, min_size=2, max_size=2))
def test_primary_order_survives_removing_tones(pair):
    a, b = pair
    if collation_key(remove_tones(a))[0] < collation_key(remove_tones(b))[0]:
        assert collation_key(a) < collation_key(b)


@given(vi_words)
def test_lowercase_never_sorts_after_its_uppercase(word):
    assert collation_key(word.lower()) <= collation_key(word.upper())


@given(vi_text)
def test_nfc_and_nfd_share_all_levels(text):
    nfd = unicodedata.normalize("NFD", text)
    assert collation_key(text)[:3] == collation_key(nfd)[:3]


@given(st.sampled_from([w for w in VI_LETTERS if w.lower() in "aăâeêioôơuưy"]))
def test_each_tone_variant_follows_the_tone_order(vowel):
    variants = [with_tone(remove_tones(vowel), tone) for tone in TONES]
    assert in_order(variants)
