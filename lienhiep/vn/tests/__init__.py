"""Tests for lienhiep.vn, and the Vietnamese alphabets the property-based tests draw from."""

import unicodedata

from hypothesis import strategies as st

# No tone, huyền, hỏi, ngã, sắc, nặng: the order ICU vi gives them.
TONES = ("", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323")
VOWELS = "aăâeêioôơuưy"
CONSONANTS = "bcdđghklmnpqrstvx"


def with_tone(text: str, tone: str, position: int = -1) -> str:
    """Put a tone mark after the letter at ``position`` and return the NFC result."""
    index = position % len(text)
    return unicodedata.normalize("NFC", text[: index + 1] + tone + text[index + 1 :])


def remove_tones(text: str) -> str:
    """Drop the five tone marks but keep ă â ê ô ơ ư đ."""
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in TONES[1:]))


VI_LOWER = sorted({with_tone(v, t) for v in VOWELS for t in TONES} | set(CONSONANTS))
VI_LETTERS = VI_LOWER + [letter.upper() for letter in VI_LOWER]

vi_words = st.text(alphabet=VI_LETTERS, min_size=1, max_size=6)
vi_names = st.lists(vi_words, min_size=1, max_size=4).map(" ".join)
vi_text = st.text(alphabet=[*VI_LETTERS, " ", "\t", "\n", "\xa0"], max_size=30)
