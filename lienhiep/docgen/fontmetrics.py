"""The fonts shipped with docgen, and text measurement with their metrics.

Liberation Serif is metric-compatible with Times New Roman (every glyph has the same advance
width), so measuring with it tells how wide a line will be in Word or LibreOffice rendering
Times New Roman. The .docx writer uses that to draw the short rules under the header lines at
the lengths Decree 30 asks for, and to break long issuer names where Word would.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import pairwise
from pathlib import Path
from typing import Final

from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

from .text import nfc

#: Directory holding the TrueType files and their licence (OFL.txt); the web app may serve it.
FONT_DIR: Final[Path] = Path(__file__).resolve().parent / "fonts"

#: Family name used when registering the fonts with fpdf2.
PDF_FONT_FAMILY: Final = "LiberationSerif"

#: fpdf2 style code ("", "B", "I", "BI") -> TrueType file.
FONT_FILES: Final[dict[str, Path]] = {
    "": FONT_DIR / "LiberationSerif-Regular.ttf",
    "B": FONT_DIR / "LiberationSerif-Bold.ttf",
    "I": FONT_DIR / "LiberationSerif-Italic.ttf",
    "BI": FONT_DIR / "LiberationSerif-BoldItalic.ttf",
}

#: Licence text that must travel with the font files (SIL Open Font License 1.1).
FONT_LICENSE: Final[Path] = FONT_DIR / "OFL.txt"


def style_code(bold: bool = False, italic: bool = False) -> str:
    return ("B" if bold else "") + ("I" if italic else "")


@lru_cache(maxsize=4)
def _advances(style: str) -> tuple[dict[int, int], int, int]:
    """Code point -> advance width in font units, the em size, and the fallback width."""
    font = TTFont(str(FONT_FILES[style]), lazy=True)
    try:
        hmtx = font["hmtx"]
        widths = {cp: hmtx[glyph][0] for cp, glyph in font.getBestCmap().items()}
        units_per_em = int(font["head"].unitsPerEm)
        fallback = hmtx[".notdef"][0]
    finally:
        font.close()
    return widths, units_per_em, fallback


def text_width_pt(text: str, size_pt: float, bold: bool = False, italic: bool = False) -> float:
    """Width of ``text`` set in Times New Roman (via Liberation Serif metrics), in points.

    No kerning: Word does not kern Times New Roman unless told to.
    """
    widths, units_per_em, fallback = _advances(style_code(bold, italic))
    units = sum(widths.get(ord(ch), fallback) for ch in nfc(text))
    return units * size_pt / units_per_em


def wrap_lines(
    text: str, size_pt: float, max_width_pt: float, bold: bool = False, italic: bool = False
) -> list[str]:
    """Greedy word wrap, as Word and LibreOffice do it; explicit newlines are kept."""
    lines: list[str] = []
    for chunk in nfc(text).split("\n"):
        current = ""
        for word in chunk.split():
            candidate = f"{current} {word}" if current else word
            if current and text_width_pt(candidate, size_pt, bold, italic) > max_width_pt:
                lines.append(current)
                current = word
            else:
                current = candidate
        lines.append(current)
    return lines


def balanced_lines(
    text: str, size_pt: float, max_width_pt: float, bold: bool = False, italic: bool = False
) -> list[str]:
    """Break ``text`` into as few lines as greedy wrapping needs, but of even lengths.

    Issuer names such as "LIÊN HIỆP CÁC HỘI KHOA HỌC VÀ KỸ THUẬT TỈNH LAI CHÂU" are set in
    a narrow header cell; greedy wrapping leaves a long first line and a stub, while official
    documents balance them ("... KHOA HỌC / VÀ KỸ THUẬT TỈNH LAI CHÂU"). Explicit newlines in
    ``text`` win. Minimises the widest line by dynamic programming over the word breaks.
    """
    result: list[str] = []
    for chunk in nfc(text).split("\n"):
        words = chunk.split()
        target = len(wrap_lines(chunk, size_pt, max_width_pt, bold, italic))
        if target <= 1 or len(words) <= 1:
            result.append(" ".join(words))
            continue
        result.extend(_min_max_split(words, target, size_pt, bold, italic))
    return result


def _min_max_split(
    words: list[str], parts: int, size_pt: float, bold: bool, italic: bool
) -> list[str]:
    n = len(words)

    def width(i: int, j: int) -> float:
        return text_width_pt(" ".join(words[i:j]), size_pt, bold, italic)

    # best[k][j]: (widest line, breaks) for the first j words in k lines.
    inf = float("inf")
    best: list[list[tuple[float, tuple[int, ...]]]] = [
        [(inf, ())] * (n + 1) for _ in range(parts + 1)
    ]
    best[0][0] = (0.0, ())
    for k in range(1, parts + 1):
        for j in range(k, n + 1):
            for i in range(k - 1, j):
                prev_w, prev_breaks = best[k - 1][i]
                if prev_w == inf:
                    continue
                cand = max(prev_w, width(i, j))
                if cand < best[k][j][0]:
                    best[k][j] = (cand, (*prev_breaks, j))
    breaks = (0, *best[parts][n][1])
    return [" ".join(words[a:b]) for a, b in pairwise(breaks)]
