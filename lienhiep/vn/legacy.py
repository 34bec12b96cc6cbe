"""Vietnamese typed in the legacy TCVN3 (ABC) and VNI encodings, converted to Unicode.

Before Unicode, Vietnamese offices typed with 8-bit fonts: TCVN3 (the ABC set of TCVN 5712:1993,
fonts ".VnTime", ".VnArial"…) in the state sector and the north, VNI ("VNI-Times"…) in the south.
To Excel those bytes are ordinary Windows-1252, so the registries the associations send in read
"NguyÔn V¨n §øc" (TCVN3) or "Nguyeãn Vaên Ñöùc" (VNI) instead of "Nguyễn Văn Đức".

``encoding_for_font`` names the encoding from a cell's font where the file keeps one,
``detect_legacy`` guesses it from the text where it does not, and ``legacy_to_unicode``
converts. For a whole column, detect once on the joined cells and pass the encoding: detection
costs more than conversion and a single short cell ("Hå") carries little evidence. A font or a
column says little about one cell, though: ``cell_reading`` tells, cheaply, whether a cell is
legacy text, Unicode that converting would garble, or could be either.
"""

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Final, Literal

Legacy = Literal["tcvn3", "vni"]
TCVN3: Final = "tcvn3"
VNI: Final = "vni"

# TCVN 5712:1993, VN3 (the ABC fonts), as Windows-1252 characters. Each row holds a vowel without
# tone, then with huyền, hỏi, ngã, sắc and nặng, and its TCVN3 characters in the same order. VN3
# has no capital letter with a tone: those were typed with the lowercase codes in a caps font
# (".VnTimeH"), which is why ``legacy_to_unicode`` takes ``caps_font``.
_TCVN3_ROWS = (
    ("aàảãáạ", "aµ¶·¸¹"),
    ("ăằẳẵắặ", "¨»¼½¾Æ"),
    ("âầẩẫấậ", "©ÇÈÉÊË"),
    ("eèẻẽéẹ", "eÌÎÏÐÑ"),
    ("êềểễếệ", "ªÒÓÔÕÖ"),
    ("iìỉĩíị", "i×ØÜÝÞ"),
    ("oòỏõóọ", "oßáâãä"),
    ("ôồổỗốộ", "«åæçèé"),
    ("ơờởỡớợ", "¬êëìíî"),
    ("uùủũúụ", "uïñòóô"),
    ("ưừửữứự", "\xadõö÷øù"),
    ("yỳỷỹýỵ", "yúûüýþ"),
)
# The letters outside the rows: đ and the seven capitals the base font does have.
_TCVN3_OTHERS = ("đĐĂÂÊÔƠƯ", "®§¡¢£¤¥¦")

# VNI Windows: a base letter followed by a modifier character that the font draws as the marks;
# i, ỵ, ơ, ư and đ have single characters. Same row order as above.
_VNI_ROWS = (
    ("aàảãáạ", "a aø aû aõ aù aï"),
    ("ăằẳẵắặ", "aê aè aú aü aé aë"),
    ("âầẩẫấậ", "aâ aà aå aã aá aä"),
    ("eèẻẽéẹ", "e eø eû eõ eù eï"),
    ("êềểễếệ", "eâ eà eå eã eá eä"),
    ("iìỉĩíị", "i ì æ ó í ò"),
    ("oòỏõóọ", "o oø oû oõ où oï"),
    ("ôồổỗốộ", "oâ oà oå oã oá oä"),
    ("ơờởỡớợ", "ô ôø ôû ôõ ôù ôï"),
    ("uùủũúụ", "u uø uû uõ uù uï"),
    ("ưừửữứự", "ö öø öû öõ öù öï"),
    ("yỳỷỹýỵ", "y yø yû yõ yù î"),
    ("đ", "ñ"),
)

# Letters that only Unicode Vietnamese has: a string holding one was not typed in a legacy font,
# because the legacy bytes read as Windows-1252 never produce them. Combining marks count too:
# decomposed (NFD) Unicode has them, legacy text never does.
_UNICODE_ONLY = re.compile("[ăĂđĐĩĨũŨơƠưƯ\u0300-\u036f\u1ea0-\u1ef9]")
# The Latin-1 letters Unicode Vietnamese shares with Windows-1252, and so with legacy text read as
# it ("Tô Lâm" is TCVN3 for "Tụ Lõm"). The legacy encodings' other characters are legacy signs:
# TCVN3's ¸ µ ¨ ® § « Ò…, VNI's ø û ï ö ñ… (see ``cell_reading``, after the tables).
_SHARED_LETTERS = "àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ"
_SHARED_WORD = re.compile(f"[A-Za-z]*[{_SHARED_LETTERS}][A-Za-z{_SHARED_LETTERS}]*")


def _tcvn3_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for letters, codes in (*_TCVN3_ROWS, _TCVN3_OTHERS):
        table.update({ord(code): letter for letter, code in zip(letters, codes, strict=True)})
    return {code: letter for code, letter in table.items() if chr(code) != letter}


def _vni_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for letters, codes in _VNI_ROWS:
        for letter, code in zip(letters, codes.split(), strict=True):
            table[code] = letter
            table[code.upper()] = letter.upper()
            if len(code) == 2:
                # Excel's PROPER() capitalises the base but not the modifier ("Aùnh" for Ánh).
                table[code[0].upper() + code[1]] = letter.upper()
    return {code: letter for code, letter in table.items() if code != letter}


_TCVN3_TABLE = _tcvn3_table()
_VNI_TABLE = _vni_table()


def _vni_pattern() -> re.Pattern[str]:
    """One regex for every VNI key, two-character keys first so that "aù" wins over "a".

    Pairs are grouped by their base letter ("a[øûõùï…]") rather than listed one by one: an
    alternation of some 250 literals is tried in turn at every position, and measured about 40%
    slower on a 100,000-cell column.
    """
    seconds: dict[str, str] = {}
    for key in _VNI_TABLE:
        if len(key) == 2:
            seconds[key[0]] = seconds.get(key[0], "") + key[1]
    pairs = [f"{re.escape(base)}[{re.escape(mods)}]" for base, mods in seconds.items()]
    singles = "".join(key for key in _VNI_TABLE if len(key) == 1)
    return re.compile("|".join([*pairs, f"[{re.escape(singles)}]"]))


_VNI_KEYS = _vni_pattern()
_LEGACY_SIGN = re.compile(
    "[{}]".format(
        "".join(
            sorted(
                {chr(code) for code in _TCVN3_TABLE}.union(*_VNI_TABLE)
                - set(_SHARED_LETTERS)
                - {chr(code) for code in range(128)}
            )
        )
    )
)


def _convert(text: str, encoding: Legacy) -> str:
    if encoding == TCVN3:
        return text.translate(_TCVN3_TABLE)
    return _VNI_KEYS.sub(lambda match: _VNI_TABLE[match.group()], text)


def legacy_to_unicode(text: str, encoding: Legacy | None = None, *, caps_font: bool = False) -> str:
    """Convert TCVN3 or VNI text, as read from a Windows-1252 file, to Unicode (NFC).

    With ``encoding`` None the encoding is detected (``detect_legacy``) and the text is returned
    unchanged when none is. Text holding a letter that only Unicode has (ă, đ, ơ, ư, ạ…) is
    returned unchanged even when ``encoding`` is given: it was typed in Unicode, whatever the
    cell's font says, and converting it would garble it.

    ``caps_font``: the cell uses a TCVN3 caps font (".VnTimeH", see ``is_caps_font``), which
    draws the lowercase codes as capitals; the converted text is uppercased to match what the
    font showed. It has no effect when nothing is converted. TCVN3 text typed in capitals in
    the base font, whose toned vowels have no capitals ("NGUYÔN V¡N §øC"), is uppercased too.
    """
    if text.isascii() and not caps_font:
        return text
    if _UNICODE_ONLY.search(text):
        return text
    if encoding is None:
        encoding = detect_legacy(text)
        if encoding is None:
            return text
    return convert_legacy(text, encoding, caps_font=caps_font)


def convert_legacy(text: str, encoding: Legacy, *, caps_font: bool = False) -> str:
    """``legacy_to_unicode`` without its checks, for text known to be legacy (``cell_reading``)."""
    converted = _convert(text, encoding)
    # The tables already give precomposed letters; NFC settles anything else the cell holds.
    converted = unicodedata.normalize("NFC", converted)
    if caps_font or (encoding == TCVN3 and _typed_in_capitals(text)):
        return converted.upper()
    return converted


# TCVN3's toned vowels, which the base font (.VnTime) has in lowercase only: capitals typed there
# mix its capitals with them, "TRÇN THÞ Hµ" for "TRẦN THỊ HÀ". Its ă â ê ô ơ ư đ have capitals.
_ASCII_LOWER = re.compile("[a-z]")
_WITHOUT_TONED = str.maketrans("", "", "".join(codes[1:] for _, codes in _TCVN3_ROWS))
_TCVN3_SMALL = re.compile(
    "[{}®]".format("".join(codes[0] for _, codes in _TCVN3_ROWS if not codes[0].isascii()))
)


def _typed_in_capitals(text: str) -> bool:
    """Whether TCVN3 text was typed in capitals in the base font: all its other letters are
    capitals, two at least (a lone "Hµ" is "Hà" as well as "HÀ")."""
    if _ASCII_LOWER.search(text):
        return False
    rest = text.translate(_WITHOUT_TONED)
    return (
        rest.isupper() and sum(c.isupper() for c in rest) >= 2 and _TCVN3_SMALL.search(rest) is None
    )


def encoding_for_font(font_name: str | None) -> Legacy | None:
    """The legacy encoding a font implies: ".Vn…" fonts are TCVN3, "VNI-…" fonts are VNI.

    Case and spaces do not matter (".vntime", ". VnTime", "VNI Times"). The ".Vn…H" fonts
    (".VnTimeH", ".VnArialH") are TCVN3 too; they are the capitals-only faces, see
    ``is_caps_font``. Any other font (Times New Roman, Arial) says nothing: None.
    """
    if not font_name:
        return None
    name = "".join(font_name.split()).lower()
    if name.startswith(".vn"):
        return TCVN3
    if name.startswith(("vni-", "vni_")) or font_name.strip().lower().startswith("vni "):
        return VNI
    return None


def is_caps_font(font_name: str | None) -> bool:
    """Whether a TCVN3 font is a capitals-only face: ".VnTimeH", ".VnArialH", ".VnArial NarrowH".

    The family names put a capital H after the base font's name; an all-lowercase name
    (".vntimeh") is accepted too, since the H can then no longer be told by its case.
    """
    if encoding_for_font(font_name) != TCVN3 or font_name is None:
        return False
    name = "".join(font_name.split())
    return name.endswith("H") or (name.islower() and name.endswith("h"))


# Detection. A word counts for an encoding when it is not a Vietnamese syllable as it stands but
# becomes one once converted: "c¸i" → "cái" for TCVN3, "coù" → "có" for VNI. Words that already
# read as Vietnamese ("có", "Hà", "Toàn") or as another language ("Café") say nothing, which is
# what keeps Unicode Vietnamese and ordinary Latin text from being taken for a legacy encoding.

_INITIAL = "ngh|ng|gh|gi|kh|nh|ph|th|tr|ch|qu|[bcdđghklmnprstvx]"
_FINAL = "ch|ng|nh|[cmnpt]"
# Vowel groups, without tones, by what may follow them: nothing (they end in a glide), a final
# consonant that must be there ("ăn", "tiên"), or an optional final.
_OPEN_NUCLEI = (
    "ai ao au ay âu ây eo êu ia iu oi ôi ơi ua ui ưa ưi ưu uya uyu iêu yêu oai oao oay oeo uây"
    " uôi ươi ươu"
)
_CLOSED_NUCLEI = "ă â iê yê uô ươ uyê oo oă uâ"
_FREE_NUCLEI = "a e ê i o ô ơ u ư y oa oe uê uơ uy"


def _alternation(words: str) -> str:
    return "|".join(sorted(words.split(), key=len, reverse=True))


_SYLLABLE = re.compile(
    rf"(?:{_INITIAL})?(?:(?:{_alternation(_OPEN_NUCLEI)})"
    rf"|(?:{_alternation(_CLOSED_NUCLEI)})(?:{_FINAL})"
    rf"|(?:{_alternation(_FREE_NUCLEI)})(?:{_FINAL})?)"
)
# Toned vowel → the same vowel without tone; str.translate keeps positions, so comparing the two
# strings counts the tones.
_TONELESS = str.maketrans({toned: row[0] for row, _ in _TCVN3_ROWS for toned in row[1:]})

# Words worth weighing: Latin letters with the Latin-1 signs TCVN3 uses inside words.
_WORD = re.compile("[A-Za-z\u00a1-\u00ff]+")
_ASCII_LETTER = re.compile("[A-Za-z]")
# Characters that ordinary text never has inside a word: TCVN3's signs (¸ for á, ¨ for ă…) and
# a TCVN3 capital right after a lowercase letter ("NguyÔn"); for VNI the modifiers that are not
# Vietnamese letters themselves (ä, ö, ø…). Without one, a single word is too little evidence.
_TCVN3_SIGNS = "".join(chr(code) for code in _TCVN3_TABLE if not chr(code).isalpha())
_TCVN3_CAPS = "".join(chr(code) for code in _TCVN3_TABLE if chr(code).isupper())
_TCVN3_STRONG = re.compile(f"[{_TCVN3_SIGNS}ªµ]|[a-z][{_TCVN3_CAPS}]")
_VI_LETTERS = {c for row, _ in _VNI_ROWS for c in row + row.upper()}
_VNI_SIGNS = {c for key in _VNI_TABLE for c in key} - _VI_LETTERS - set("aeouyAEOUY")
_VNI_STRONG = re.compile("[{}]".format("".join(sorted(_VNI_SIGNS))))
# Words of another language: all-lowercase-or-capitalised ASCII words that are no syllable ("est",
# "gare"). Capitals-only words are left out: registries are full of TS, PGS, UBND, KH&CN.
_FOREIGN = re.compile("[A-Za-z]?[a-z]+")


# Vietnamese has some 7,000 syllables and a column of names repeats a few hundred of them, so
# remembering the answers makes detection several times faster.
@lru_cache(maxsize=16384)
def _is_syllable(word: str) -> bool:
    """Whether ``word`` is spelled like one Vietnamese syllable (tones included, at most one)."""
    lower = word.lower()
    toneless = lower.translate(_TONELESS)
    tones = sum(a != b for a, b in zip(lower, toneless, strict=True))
    return tones <= 1 and _SYLLABLE.fullmatch(toneless) is not None


@dataclass(slots=True)
class _Evidence:
    explained: int = 0  # words that read as Vietnamese only once converted
    strong: int = 0  # of those, words with a character ordinary text never has there
    unexplained: int = 0  # words with accented letters that the conversion does not mend


def _weigh(words: list[str], encoding: Legacy) -> _Evidence:
    evidence = _Evidence()
    strong = _TCVN3_STRONG if encoding == TCVN3 else _VNI_STRONG
    for word in words:
        converted = _convert(word, encoding)
        if converted != word and _is_syllable(converted):
            evidence.explained += 1
            evidence.strong += strong.search(word) is not None
        else:
            evidence.unexplained += 1
    return evidence


def _confident(best: _Evidence, other: _Evidence, foreign: int) -> bool:
    """Whether ``best`` clearly wins: twice the other's words, and not a lone ambiguous one.

    Without a strong word, the converted words must also outnumber the words of another language,
    so that French "où" (VNI for "ó") does not make "Où est la gare? Où?" VNI.
    """
    return (
        best.explained >= max(1, 2 * other.explained)
        and 2 * best.unexplained <= best.explained
        and (best.strong > 0 or best.explained > max(1, foreign))
    )


def detect_legacy(text: str) -> Legacy | None:
    """Whether ``text`` (read as Windows-1252) was typed in TCVN3, in VNI, or in neither.

    Only words with both a plain letter and an accented or sign character are weighed, and only
    those that are not already a Vietnamese syllable; the encoding that turns clearly more of
    them into syllables wins. None for Unicode Vietnamese, plain ASCII, other languages, and
    whenever the evidence is thin or split: a wrong guess garbles a name, a missed one only
    leaves it as it was.
    """
    if text.isascii() or _UNICODE_ONLY.search(text):
        return None
    weighed: list[str] = []
    foreign = 0
    for word in _WORD.findall(text):
        if _is_syllable(word) and (word.islower() or word.isupper() or word.istitle()):
            # A Vietnamese word as it stands. A capital after a lowercase letter ("ChÝ", TCVN3
            # for "Chí") is no way to write one, so such words are weighed.
            continue
        if not word.isascii():
            weighed += [word] if _ASCII_LETTER.search(word) else []
        elif _FOREIGN.fullmatch(word):
            foreign += 1
    tcvn3, vni = _weigh(weighed, TCVN3), _weigh(weighed, VNI)
    if _confident(tcvn3, vni, foreign):
        return TCVN3
    if _confident(vni, tcvn3, foreign):
        return VNI
    return None


UNICODE: Final = "unicode"
LEGACY: Final = "legacy"
EITHER: Final = "either"
Reading = Literal["unicode", "legacy", "either"]


def cell_reading(text: str) -> Reading | None:
    """How a cell reads, by string tests cheap enough for every cell of a big file.

    None for text that no encoding would change (ASCII, "A – B"). UNICODE when it holds a letter
    only Unicode has. LEGACY when it holds a sign no Vietnamese word has, or a word that is no
    Vietnamese syllable as it stands: TCVN3 or VNI read as Windows-1252 ("Th¸i", "Thaùi").
    EITHER when its accented letters are all ones Unicode Vietnamese shares with Windows-1252,
    in words that are syllables as they stand: "Tô Lâm" and "Thái" are Unicode, or TCVN3 for
    "Tụ Lõm" and "Thỏi"; "Ghi chó" is Unicode, or TCVN3 for "Ghi chú". The cell alone cannot
    tell which; its neighbours can. Unikey's converter leaves such cells when it converts a
    sheet and keeps its .VnTime font.
    """
    if text.isascii():
        return None
    if _UNICODE_ONLY.search(text):
        return UNICODE
    if _LEGACY_SIGN.search(text):
        return LEGACY
    words = _SHARED_WORD.findall(text)
    if not words:
        return None  # "A – B": nothing an encoding would change
    return EITHER if all(_reads_as_vietnamese(word) for word in words) else LEGACY


def _reads_as_vietnamese(word: str) -> bool:
    # A capital after a lowercase letter ("TiÕn", TCVN3 for "Tiến") is no way to write one.
    return (word.islower() or word.isupper() or word.istitle()) and _is_syllable(word)
