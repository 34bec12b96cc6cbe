import itertools
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lienhiep.vn import collation_key, sort_key, split_name
from lienhiep.vn.tests import remove_tones, vi_names, vi_words


@pytest.mark.parametrize(
    ("full", "parts"),
    [
        ("Nguyễn Văn An", ("Nguyễn", "Văn", "An")),
        ("Trần Thị Minh Khai", ("Trần", "Thị Minh", "Khai")),
        ("Lò Pành", ("Lò", "", "Pành")),
        ("An", ("", "", "An")),
        ("  Giàng   A \t Páo ", ("Giàng", "A", "Páo")),
        ("", ("", "", "")),
        ("   ", ("", "", "")),
    ],
)
def test_split_name(full, parts):
    assert split_name(full) == parts


def test_split_name_returns_nfc():
    family, middle, given_name = split_name(unicodedata.normalize("NFD", "Nguyễn Thị Ánh"))
    assert (family, middle, given_name) == ("Nguyễn", "Thị", "Ánh")
    assert all(unicodedata.is_normalized("NFC", part) for part in (family, middle, given_name))


def test_sorts_by_given_then_middle_then_family():
    names = [
        "Trần Văn Bình",
        "Nguyễn Văn An",
        "Lê Thị An",
        "Đỗ Văn An",
        "Nguyễn Ánh",
        "Ánh",
        "Phạm Văn Ân",
        "Hoàng Anh",
    ]
    assert sorted(names, key=sort_key) == [
        "Lê Thị An",
        "Đỗ Văn An",
        "Nguyễn Văn An",
        "Hoàng Anh",
        "Ánh",
        "Nguyễn Ánh",
        "Phạm Văn Ân",
        "Trần Văn Bình",
    ]


def test_tones_decide_only_among_the_same_letters():
    assert sorted(["Lê Hải", "Lê Hà", "Lê Hạ", "Lê Hai", "Lê Hả"], key=sort_key) == [
        "Lê Hà",
        "Lê Hả",
        "Lê Hạ",
        "Lê Hai",
        "Lê Hải",
    ]


def test_spelling_variants_of_one_name_have_one_key():
    assert sort_key("  Nguyễn  Văn   An ") == sort_key("Nguyễn Văn An")
    assert sort_key(unicodedata.normalize("NFD", "Nguyễn Văn Ân")) == sort_key("Nguyễn Văn Ân")


@given(vi_names, vi_names)
def test_equal_keys_mean_equal_names(a, b):
    assert (sort_key(a) == sort_key(b)) == (split_name(a) == split_name(b))


@given(st.lists(vi_names, max_size=20))
def test_sorting_agrees_with_pairwise_comparison(names):
    ordered = sorted(names, key=sort_key)
    for earlier, later in itertools.pairwise(ordered):
        assert not sort_key(later) < sort_key(earlier)


@given(vi_words, vi_words, vi_words, vi_words)
def test_names_differing_only_in_family_order_by_family(f1, f2, middle, given_name):
    a, b = f"{f1} {middle} {given_name}", f"{f2} {middle} {given_name}"
    assert (sort_key(a) < sort_key(b)) == (collation_key(f1) < collation_key(f2))


@given(vi_words, vi_words, vi_words, vi_words, vi_words, vi_words)
def test_given_name_outranks_middle_and_family(f1, f2, m1, m2, g1, g2):
    if collation_key(g1) < collation_key(g2):
        assert sort_key(f"{f1} {m1} {g1}") < sort_key(f"{f2} {m2} {g2}")


@given(vi_names, vi_names)
def test_removing_tones_never_changes_the_primary_order(a, b):
    key_a, key_b = sort_key(a), sort_key(b)
    plain_a, plain_b = sort_key(remove_tones(a)), sort_key(remove_tones(b))
    assert [part[0] for part in key_a] == [part[0] for part in plain_a]
    # Each part is compared completely before the next, so only the given name's letters are
    # guaranteed to decide; a tone in the given name outranks letters of the middle name.
    if plain_a[0][0] < plain_b[0][0]:
        assert key_a < key_b


def test_a_tone_in_the_given_name_outranks_the_middle_name_letters():
    assert sort_key("Lê Bà An") < sort_key("Lê An Àn")
