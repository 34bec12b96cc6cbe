"""Accent-free, case-free text for searching and matching.

People type names with or without tone marks, in NFC or NFD (copied from PDFs or macOS), with
stray double spaces. ``fold`` maps all those spellings to one plain ASCII form so that
"Nguyễn Văn Đức", "nguyen van duc" and "NGUYỄN  VĂN ĐỨC" match each other.
"""

import unicodedata

# Letters whose "diacritic" is a stroke or a different letter shape, so that Unicode gives them
# no decomposition. Ð (eth) and ð are here because legacy Vietnamese encodings and fonts often
# produced them instead of Đ/đ; a search for "Duc" must still find "Ðức".
_STROKED = {
    "đ": "d",
    "ð": "d",
    "ł": "l",
    "ø": "o",
    "ħ": "h",
    "ŧ": "t",
    "ƀ": "b",
    "ƶ": "z",
    "ǥ": "g",
    "ɨ": "i",
    "ʉ": "u",
}

# Blocks of combining marks; after NFC only marks without a precomposed letter are left.
_MARK_BLOCKS = (
    range(0x0300, 0x0370),
    range(0x1AB0, 0x1B00),
    range(0x1DC0, 0x1E00),
    range(0x20D0, 0x2100),
    range(0xFE20, 0xFE30),
)

# Latin-1, Latin Extended-A/B and Latin Extended Additional hold every precomposed Latin letter
# with accents, including all Vietnamese toned letters.
_LATIN_RANGES = (range(0xC0, 0x250), range(0x1E00, 0x1F00))


def _build_table() -> dict[int, str | None]:
    table: dict[int, str | None] = {}
    for code in (code for block in _MARK_BLOCKS for code in block):
        if unicodedata.combining(chr(code)) or unicodedata.category(chr(code)) == "Mn":
            table[code] = None
    for code in (code for block in _LATIN_RANGES for code in block):
        decomposed = unicodedata.normalize("NFD", chr(code))
        base, marks = decomposed[0], decomposed[1:]
        if marks and base.isascii() and base.isalpha():
            table[code] = base.lower()
    for letter, plain in _STROKED.items():
        table[ord(letter)] = plain
        table[ord(letter.upper())] = plain
    # A character missing from the table costs translate() a KeyError; map ASCII to itself so
    # that the bulk of a name is found, which makes fold about twice as fast.
    for code in range(0x80):
        table[code] = chr(code)
    return table


_FOLD = _build_table()


def fold(text: str) -> str:
    """Lowercase, strip every accent (đ → d), collapse whitespace: the key for matching names.

    The result is the same for NFC and NFD input. Letters with no Latin base (Greek, CJK) are
    only lowercased.
    """
    folded = unicodedata.normalize("NFC", text).lower().translate(_FOLD)
    if not folded.isascii():
        # Removing a mark can let two neighbours compose (Hangul jamo); recompose so that
        # folding twice changes nothing.
        folded = unicodedata.normalize("NFC", folded)
    return " ".join(folded.split())
