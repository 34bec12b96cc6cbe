"""TCVN3 and VNI text converted to Unicode.

The encoders below are built here from the published code points (TCVN 5712:1993 VN3 and the
VNI Windows table), by the letter's decomposition, and never from the module's tables: a test
that inverted those tables would agree with any mistake in them.
"""

import unicodedata

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from lienhiep.vn import (
    TCVN3,
    VNI,
    Legacy,
    detect_legacy,
    encoding_for_font,
    is_caps_font,
    legacy_to_unicode,
)
from lienhiep.vn.legacy import EITHER, LEGACY, UNICODE, cell_reading
from lienhiep.vn.tests import CONSONANTS, TONES, VI_LETTERS, VI_LOWER, VOWELS, with_tone

SAC, HUYEN, HOI, NGA, NANG = "\u0301", "\u0300", "\u0309", "\u0303", "\u0323"
BREVE, CIRCUMFLEX, HORN = "\u0306", "\u0302", "\u031b"

# TCVN3: the code of each vowel with sắc, huyền, hỏi, ngã, nặng, in the standard's order.
TCVN3_TONED = {
    "a": (0xB8, 0xB5, 0xB6, 0xB7, 0xB9),
    "ă": (0xBE, 0xBB, 0xBC, 0xBD, 0xC6),
    "â": (0xCA, 0xC7, 0xC8, 0xC9, 0xCB),
    "e": (0xD0, 0xCC, 0xCE, 0xCF, 0xD1),
    "ê": (0xD5, 0xD2, 0xD3, 0xD4, 0xD6),
    "i": (0xDD, 0xD7, 0xD8, 0xDC, 0xDE),
    "o": (0xE3, 0xDF, 0xE1, 0xE2, 0xE4),
    "ô": (0xE8, 0xE5, 0xE6, 0xE7, 0xE9),
    "ơ": (0xED, 0xEA, 0xEB, 0xEC, 0xEE),
    "u": (0xF3, 0xEF, 0xF1, 0xF2, 0xF4),
    "ư": (0xF8, 0xF5, 0xF6, 0xF7, 0xF9),
    "y": (0xFD, 0xFA, 0xFB, 0xFC, 0xFE),
}
TCVN3_UNTONED = {
    "ă": 0xA8, "â": 0xA9, "ê": 0xAA, "ô": 0xAB, "ơ": 0xAC, "ư": 0xAD, "đ": 0xAE,
    "Ă": 0xA1, "Â": 0xA2, "Ê": 0xA3, "Ô": 0xA4, "Ơ": 0xA5, "Ư": 0xA6, "Đ": 0xA7,
}  # fmt: skip

# VNI: modifier codes for sắc, huyền, hỏi, ngã, nặng after a plain or horned vowel, after a
# circumflexed one (a, e, o) and after a breved a; the circumflex and breve alone; the single
# codes for i with tones, ỵ, ơ, ư and đ. Capitals are the same codes less 0x20.
VNI_TONE = dict(zip((SAC, HUYEN, HOI, NGA, NANG), (0xF9, 0xF8, 0xFB, 0xF5, 0xEF), strict=True))
VNI_CIRCUMFLEX = dict(
    zip(("", SAC, HUYEN, HOI, NGA, NANG), (0xE2, 0xE1, 0xE0, 0xE5, 0xE3, 0xE4), strict=True)
)
VNI_BREVE = dict(
    zip(("", SAC, HUYEN, HOI, NGA, NANG), (0xEA, 0xE9, 0xE8, 0xFA, 0xFC, 0xEB), strict=True)
)
VNI_I = dict(zip((SAC, HUYEN, HOI, NGA, NANG), (0xED, 0xEC, 0xE6, 0xF3, 0xF2), strict=True))
VNI_Y_NANG, VNI_O_HORN, VNI_U_HORN, VNI_D = 0xEE, 0xF4, 0xF6, 0xF1


def latin1(code: int) -> str:
    """The character a byte reads as in Windows-1252, as Excel shows it."""
    return bytes([code]).decode("cp1252")


def _tcvn3_encoder() -> dict[str, str]:
    encoder = {letter: latin1(code) for letter, code in TCVN3_UNTONED.items()}
    for vowel, codes in TCVN3_TONED.items():
        for tone, code in zip((SAC, HUYEN, HOI, NGA, NANG), codes, strict=True):
            encoder[with_tone(vowel, tone)] = latin1(code)
    return encoder


TCVN3_ENCODER = _tcvn3_encoder()


def tcvn3_encode(text: str) -> str:
    """TCVN3 as typed in .VnTime; a capital with a tone has no code there."""
    for char in text:
        assert char in TCVN3_ENCODER or char.isascii(), f"{char} has no TCVN3 code"
    return "".join(TCVN3_ENCODER.get(char, char) for char in text)


def vni_letter(letter: str) -> str:
    """The VNI characters of one letter, worked out from its shape and tone marks."""
    shift = 0x20 if letter.isupper() else 0
    if letter in "đĐ":
        return latin1(VNI_D - shift)
    decomposed = unicodedata.normalize("NFD", letter)
    base, marks = decomposed[0], decomposed[1:]
    tone = next((mark for mark in marks if mark in TONES[1:]), "")
    lead = base
    if HORN in marks:
        lead = latin1((VNI_O_HORN if base in "oO" else VNI_U_HORN) - shift)
    if base in "iI" and tone:
        return latin1(VNI_I[tone] - shift)
    if base in "yY" and tone == NANG:
        return latin1(VNI_Y_NANG - shift)
    if CIRCUMFLEX in marks:
        return lead + latin1(VNI_CIRCUMFLEX[tone] - shift)
    if BREVE in marks:
        return lead + latin1(VNI_BREVE[tone] - shift)
    return lead + (latin1(VNI_TONE[tone] - shift) if tone else "")


def vni_encode(text: str) -> str:
    return "".join(vni_letter(char) if not char.isascii() else char for char in text)


def encode(text: str, encoding: Legacy) -> str:
    return tcvn3_encode(text) if encoding == TCVN3 else vni_encode(text)


# The 134 letters that are not plain ASCII: 12 vowels with five tones, and ă â ê ô ơ ư đ bare.
ACCENTED = [letter for letter in VI_LETTERS if not letter.isascii()]
ACCENTED_LOWER = [letter for letter in VI_LOWER if not letter.isascii()]


def test_there_are_134_accented_letters():
    assert len(ACCENTED) == 134
    assert len(ACCENTED_LOWER) == 67


# The known strings.

SPEC = "Tiếng Việt có 29 chữ cái"


@pytest.mark.parametrize(
    ("legacy", "encoding"),
    [("TiÕng ViÖt cã 29 ch÷ c¸i", TCVN3), ("Tieáng Vieät coù 29 chöõ caùi", VNI)],
)
def test_the_known_strings_convert_detected_or_named(legacy, encoding):
    assert detect_legacy(legacy) == encoding
    assert legacy_to_unicode(legacy) == SPEC
    assert legacy_to_unicode(legacy, encoding) == SPEC


def test_the_test_encoders_agree_with_the_known_strings():
    assert tcvn3_encode(SPEC) == "TiÕng ViÖt cã 29 ch÷ c¸i"
    assert vni_encode(SPEC) == "Tieáng Vieät coù 29 chöõ caùi"
    assert tcvn3_encode("Nguyễn Văn Đức") == "NguyÔn V¨n §øc"
    assert vni_encode("Nguyễn Văn Đức") == "Nguyeãn Vaên Ñöùc"


@pytest.mark.parametrize("encoding", [None, TCVN3, VNI])
@pytest.mark.parametrize("text", [SPEC, "Nguyễn Văn Đức", "Khơ Mú", "Ê Đê", "Nguyễn Thị Ánh"])
def test_unicode_vietnamese_is_left_alone_even_when_an_encoding_is_named(text, encoding):
    # These hold letters only Unicode has (ơ, ư, đ, ạ…); "Hà Nhì" has none, and a caller who
    # names TCVN3 for it gets "Hà Nhỡ": naming the encoding means trusting the font.
    assert legacy_to_unicode(text, encoding) == text
    nfd = unicodedata.normalize("NFD", text)
    assert legacy_to_unicode(nfd, encoding) == nfd


# Every letter with every tone.


@pytest.mark.parametrize("letter", VI_LETTERS)
def test_every_letter_converts_from_vni(letter):
    assert legacy_to_unicode(vni_encode(letter), VNI) == letter


@pytest.mark.parametrize("letter", VI_LOWER + list("ĂÂÊÔƠƯĐ"))
def test_every_letter_of_the_tcvn3_base_font_converts(letter):
    assert legacy_to_unicode(tcvn3_encode(letter), TCVN3) == letter


@pytest.mark.parametrize("letter", ACCENTED_LOWER)
def test_tcvn3_capitals_with_tones_come_from_the_caps_font(letter):
    assert legacy_to_unicode(tcvn3_encode(letter), TCVN3, caps_font=True) == letter.upper()


@pytest.mark.parametrize("encoding", [TCVN3, VNI])
def test_all_letters_in_one_string(encoding):
    letters = " ".join(VI_LETTERS if encoding == VNI else VI_LOWER)
    assert legacy_to_unicode(encode(letters, encoding), encoding) == letters


def test_vni_capitalised_by_excel_proper_keeps_the_capital():
    # PROPER() turns "aùnh" into "Aùnh": a capital base with a lowercase modifier.
    assert legacy_to_unicode("Aùnh Ôû Ñaøo", VNI) == "Ánh Ở Đào"


def test_vni_two_character_keys_win_over_their_base():
    assert legacy_to_unicode("oâ ôù ôâ", VNI) == "ô ớ ơâ"


# Names and sentences.

NAMES = [
    "Nguyễn Văn Đức",
    "Trần Thị Thu Hương",
    "Lê Hoàng Yến",
    "Đặng Thị Ngọc Thịnh",
    "Võ Nguyên Giáp",
    "Đỗ Mười",
    "Hồ Chí Minh Phạm Văn Đồng",
    "Phó giáo sư, Tiến sĩ Phạm Quang Vinh",
    "Trường Đại học Bách khoa Hà Nội",
    "Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh",
    "Hội đồng tư vấn, phản biện và giám định xã hội",
    "đ Đ đồng Đông",
]


@pytest.mark.parametrize("encoding", [TCVN3, VNI])
@pytest.mark.parametrize("name", NAMES)
def test_names_and_sentences_are_detected_and_converted(name, encoding):
    legacy = encode(name, encoding)
    assert detect_legacy(legacy) == encoding
    assert legacy_to_unicode(legacy) == name


@pytest.mark.parametrize(
    ("legacy", "encoding", "expected"),
    [
        ("NguyÔn V¨n §øc", TCVN3, "Nguyễn Văn Đức"),
        ("Nguyeãn Vaên Ñöùc", VNI, "Nguyễn Văn Đức"),
        ("§¶ng Céng s¶n ViÖt Nam", TCVN3, "Đảng Cộng sản Việt Nam"),
        ("Ñaûng Coäng saûn Vieät Nam", VNI, "Đảng Cộng sản Việt Nam"),
        ("Tr­êng THPT chuyªn", TCVN3, "Trường THPT chuyên"),
        ("PGS.TS Lª Quang Hïng", TCVN3, "PGS.TS Lê Quang Hùng"),
    ],
)
def test_typed_examples(legacy, encoding, expected):
    assert legacy_to_unicode(legacy) == expected
    assert legacy_to_unicode(legacy, encoding) == expected


def test_the_caps_font_uppercases_what_it_converts():
    legacy = "NGUYÔN V¨N §øC"  # .VnTimeH: the lowercase codes drawn as capitals
    assert legacy_to_unicode(legacy, TCVN3, caps_font=True) == "NGUYỄN VĂN ĐỨC"
    assert legacy_to_unicode(legacy, caps_font=True) == "NGUYỄN VĂN ĐỨC"


def test_the_caps_font_does_nothing_when_nothing_is_converted():
    assert legacy_to_unicode("Nguyễn Văn Đức", TCVN3, caps_font=True) == "Nguyễn Văn Đức"
    assert legacy_to_unicode("Café", caps_font=True) == "Café"


# The capitals .VnTime has; its toned vowels are lowercase only.
TCVN3_BASE_CAPITALS = "ĂÂÊÔƠƯĐ"
TONED_LOWER = [letter for letter in ACCENTED_LOWER if letter not in "ăâêôơưđ"]


def typed_in_capitals(text: str) -> str:
    """``text`` in capitals as typed in .VnTime: a toned vowel has no capital there."""
    upper = text.upper()
    return tcvn3_encode(
        "".join(c if c.isascii() or c in TCVN3_BASE_CAPITALS else c.lower() for c in upper)
    )


@pytest.mark.parametrize("name", NAMES)
def test_tcvn3_capitals_typed_in_the_base_font_come_out_in_capitals(name):
    assert legacy_to_unicode(typed_in_capitals(name), TCVN3) == name.upper()


def test_one_capital_before_a_toned_vowel_is_a_capitalised_word():
    assert legacy_to_unicode("Hµ", TCVN3) == "Hà"
    assert legacy_to_unicode("TRÇN THÞ Hµ", TCVN3) == "TRẦN THỊ HÀ"


# Detection.


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "Nguyen Van Duc",
        "1.234.567",
        "12,5%",
        "0912 345 678",
        "Nguyễn Văn Đức",
        "Hà Nhì",
        "Khơ Mú",
        "Tô Lâm",
        "Bùi Xuân Toàn",
        "Cà Mau",
        "Café au lait",
        "José",
        "São Paulo",
        "Crème brûlée",
        "Müller für Ärzte",
        "El niño año señor",
        "Où est la gare? Où?",
        "© 2024 ½ × ¼",
        "«Hello»",
    ],
)
def test_detection_leaves_other_text_alone(text):
    assert detect_legacy(text) is None
    assert legacy_to_unicode(text) == text


def test_vni_that_is_also_unicode_is_left_alone():
    # VNI "Hồ Chí Minh" is "Hoà Chí Minh", which is how Unicode writes Hoà (old tone placement).
    assert vni_encode("Hồ Chí Minh") == "Hoà Chí Minh"
    assert detect_legacy("Hoà Chí Minh") is None
    assert legacy_to_unicode("Hoà Chí Minh", VNI) == "Hồ Chí Minh"


@pytest.mark.parametrize(
    ("text", "reading"),
    [
        ("Nguyen Van Duc", None),
        ("Nguyễn Văn Đức", UNICODE),
        (unicodedata.normalize("NFD", "Lê Thúy Hà"), UNICODE),
        ("NguyÔn V¨n §øc", LEGACY),
        ("Th¸i", LEGACY),
        ("Nguyeãn Vaên Ñöùc", LEGACY),
        ("Moâng", LEGACY),  # VNI for "Mông": no sign, but no syllable as it stands
        ("TiÕn", LEGACY),  # a capital after a lowercase letter
        ("Café", LEGACY),  # as the old code did: a legacy font's column converts it
        ("Tô Lâm", EITHER),  # Unicode, or TCVN3 for "Tụ Lõm"
        ("Thái", EITHER),  # Unicode, or TCVN3 for "Thỏi"
        ("Ghi chó", EITHER),  # Unicode, or TCVN3 for "Ghi chú"
        ("Sôn", EITHER),  # Unicode, or VNI for "Sơn"
        ("HÒA BÌNH", EITHER),
    ],
)
def test_each_cell_tells_whether_it_reads_as_unicode_legacy_or_either(text, reading):
    assert cell_reading(text) == reading


@pytest.mark.parametrize("encoding", [TCVN3, VNI])
@pytest.mark.parametrize("name", NAMES)
def test_names_in_legacy_fonts_read_as_legacy_and_in_unicode_never_do(name, encoding):
    assert cell_reading(encode(name, encoding)) == LEGACY
    assert cell_reading(name) in (UNICODE, EITHER)  # "Võ Nguyên Giáp" is TCVN3 text too


def test_detection_needs_more_than_one_ambiguous_word():
    # "Tieán" could only be VNI, but "só" is a Vietnamese word as it stands: too thin.
    assert detect_legacy("Tieán só") is None
    assert detect_legacy("Hµ") == TCVN3  # µ never sits inside a word


# Font names.


@pytest.mark.parametrize(
    ("font", "encoding"),
    [
        (".VnTime", TCVN3),
        (".VnTimeH", TCVN3),
        (".VnArial", TCVN3),
        (".VnArialH", TCVN3),
        (".VnArial NarrowH", TCVN3),
        (".VnCentury Schoolbook", TCVN3),
        (" .vntime ", TCVN3),
        (". VnTime", TCVN3),
        ("VNI-Times", VNI),
        ("VNI-Helve", VNI),
        ("vni-helve-condense", VNI),
        ("VNI Times", VNI),
        ("Times New Roman", None),
        ("Arial", None),
        ("VnTime", None),
        ("Vninh", None),
        ("", None),
        (None, None),
    ],
)
def test_encoding_for_font(font, encoding):
    assert encoding_for_font(font) == encoding


@pytest.mark.parametrize(
    ("font", "caps"),
    [
        (".VnTimeH", True),
        (".VnArialH", True),
        (".VnArial NarrowH", True),
        (".vntimeh", True),
        (".VnTime", False),
        (".VnArial", False),
        ("VNI-Times", False),
        ("Arial", False),
        (None, False),
    ],
)
def test_is_caps_font(font, caps):
    assert is_caps_font(font) is caps


# Properties.

# What .VnTime can show: every lowercase letter, plain capitals and the seven capitals it has.
tcvn3_text = st.text(alphabet=[*VI_LOWER, *"ĂÂÊÔƠƯĐ", *(CONSONANTS + VOWELS).upper(), " "])
vi_text = st.text(alphabet=[*VI_LETTERS, " "])


@given(vi_text)
def test_vni_round_trip(text):
    assert legacy_to_unicode(vni_encode(text), VNI) == unicodedata.normalize("NFC", text)


@given(tcvn3_text)
def test_tcvn3_round_trip(text):
    # Text whose letters, toned vowels aside, are all capitals (two at least) was typed in
    # capitals, and comes out in capitals: see above.
    others = [c for c in text if c not in TONED_LOWER]
    capitals = sum(c.isupper() for c in others)
    assume(not (capitals >= 2 and not any(c.islower() for c in others)))
    assert legacy_to_unicode(tcvn3_encode(text), TCVN3) == text


@given(vi_text)
def test_tcvn3_caps_font_round_trip(text):
    legacy = tcvn3_encode(text.lower())
    assert legacy_to_unicode(legacy, TCVN3, caps_font=True) == text.upper()


@given(st.text(alphabet=st.characters(max_codepoint=0x7F)))
def test_ascii_is_unchanged(text):
    assert detect_legacy(text) is None
    assert legacy_to_unicode(text) == text
    assert legacy_to_unicode(text, TCVN3) == text
    assert legacy_to_unicode(text, VNI) == text


WORDS = [word for name in NAMES for word in name.replace(",", "").split()]


@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=8).map(" ".join))
def test_unicode_sentences_are_never_taken_for_legacy(text):
    assert detect_legacy(text) is None


@given(
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=8).map(" ".join),
    st.sampled_from([TCVN3, VNI]),
)
def test_detection_never_names_the_wrong_encoding(text, encoding):
    assert detect_legacy(encode(text, encoding)) in (encoding, None)
