"""Số, ký hiệu văn bản: the number-and-symbol that identifies an official document.

Two conventions are in use and both appear in the directives this project tracks:

* Party documents (Hướng dẫn 36-HD/VPTW): number, dash, kind, slash, issuing body, e.g.
  ``137-KH/TU`` (kế hoạch of the Tỉnh uỷ), ``27-NQ/TW``, ``36-HD/VPTW``.
* State documents (Nghị định 30/2020/NĐ-CP): number, slash, optional year, slash, then
  abbreviations joined by dashes: kind and issuing body (``123/QĐ-UBND``, ``30/2020/NĐ-CP``),
  or, for a công văn, which has no kind, the issuing body and the drafting unit (``05/BNV-VP``).

Parsing them lets the application store the parts separately, find a document however the
symbol was typed ("Số: 137 – kh/tu"), and write it back in the canonical form.
"""

import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

from lienhiep.vn.messages import _

Style = Literal["party", "state"]

# Kind abbreviations that are not all capitals; typed input is uppercased and then mapped back.
_MIXED_CASE_KINDS = {"QYĐ": "QyĐ", "QĐI": "QĐi", "CTR": "CTr", "TTR": "TTr"}

# State kinds (Nghị định 30/2020, Phụ lục III, plus legal documents). In a state symbol the first
# abbreviation is a kind only if it is one of these; otherwise the document is a công văn and all
# abbreviations belong to the body ("05/BNV-VP").
_STATE_KIND_NAMES = (
    "NQ QĐ CT QC QyĐ TC TB HD CTr KH PA ĐA DA BC BB TTr HĐ CĐ BGN BTT GUQ GM GGT GNP PG PC PB"
    " NĐ TT TTLT NQLT L VBHN"
)
STATE_KINDS = frozenset(_STATE_KIND_NAMES.split())

_DASHES = str.maketrans("\u2010\u2011\u2012\u2013\u2014\u2212", "------")
_PREFIX = re.compile(r"s[ốo]\s*[:.]?\s*", re.IGNORECASE)
_SEPARATOR = re.compile(r"\s*([-/])\s*")
_SEGMENT = r"[^\W\d_](?:[^\W_]|&)*"  # starts with a letter; letters, digits and & follow
_SEGMENTS = re.compile(rf"{_SEGMENT}(?:-{_SEGMENT})*")
_PARTY = re.compile(rf"([0-9]+)-({_SEGMENT})/({_SEGMENT}(?:-{_SEGMENT})*)")
_STATE = re.compile(rf"([0-9]+)/(?:([0-9]{{4}})/)?({_SEGMENT}(?:-{_SEGMENT})*)")


def _hint() -> str:
    return _("type it as 137-KH/TU (a Party document) or 123/QĐ-UBND (a State document)")


@dataclass(frozen=True, slots=True)
class Symbol:
    """A parsed số, ký hiệu.

    ``number``: the document number. ``width``: how many digits it was written with when that
    includes leading zeros, so that "05/BNV-VP" is written back as issued; 1 (no padding) when
    there are none, so that symbols that print the same compare equal.
    ``kind``: the document kind (KH, NQ, QĐ...), "" for a state công văn. ``body``: the issuing
    body, with any further dash-joined parts ("TU", "UBND", "BNV-VP"). ``style``: "party" or
    "state". ``year``: the year in a state symbol such as 30/2020/NĐ-CP, else None.

    A state kind must be one of ``STATE_KINDS`` and a state body without kind must not start
    with one: that is how ``parse_symbol`` tells "123/QĐ-UBND" from "05/BNV-VP", so every valid
    Symbol reads back from its formatted text unchanged.
    """

    number: int
    kind: str
    body: str
    style: Style
    year: int | None = None
    width: int = 1

    def __post_init__(self) -> None:
        problem = _problem(self)
        if problem:
            raise ValueError(_("Invalid number and symbol: %(problem)s.") % {"problem": problem})
        if self.width <= len(str(self.number)):
            # No zero is written, so no padding is recorded: symbols that print the same are equal.
            object.__setattr__(self, "width", 1)


def _problem(symbol: Symbol) -> str:
    """Why the parts cannot be written as a symbol ("" when they can)."""
    if symbol.style not in ("party", "state"):
        return _("style “%(style)s” must be “party” or “state”") % {"style": symbol.style}
    if symbol.number < 1:
        return _("the document number must be greater than 0")
    if symbol.width < 1:
        return _("the number of digits must be 1 or more")
    if not _SEGMENTS.fullmatch(symbol.body):
        return _("the issuing body “%(body)s” must be an abbreviation, e.g. TU, UBND") % {
            "body": symbol.body
        }
    if symbol.style == "party" and not re.fullmatch(_SEGMENT, symbol.kind):
        return _("a Party document needs a document kind (e.g. KH, NQ), not “%(kind)s”") % {
            "kind": symbol.kind
        }
    if symbol.style == "state":
        if symbol.kind and symbol.kind not in STATE_KINDS:
            return _("“%(kind)s” is not a State document kind (QĐ, NĐ, TT, KH...)") % {
                "kind": symbol.kind
            }
        if not symbol.kind and "-" in symbol.body and _leading_kind(symbol.body):
            return _(
                "“%(body)s” begins with a document kind: split it into the kind and the body"
            ) % {"body": symbol.body}
    if symbol.year is not None and (symbol.style == "party" or not 1000 <= symbol.year <= 9999):
        return _(
            "a year (%(year)s) belongs only in a State document's symbol, written with 4 digits"
        ) % {"year": symbol.year}
    return ""


def _leading_kind(abbreviations: str) -> str:
    """The state kind that ``abbreviations`` ("QĐ-UBND") starts with, or ""."""
    kind = _kind(abbreviations.partition("-")[0])
    return kind if kind in STATE_KINDS else ""


def _clean(text: str) -> str:
    """Canonical spacing and dashes: drop "Số:", unify dashes, remove spaces around - and /."""
    text = unicodedata.normalize("NFC", text).strip().translate(_DASHES)
    if prefix := _PREFIX.match(text):
        text = text[prefix.end() :]
    return _SEPARATOR.sub(r"\1", text)


def _kind(abbreviation: str) -> str:
    upper = abbreviation.upper()
    return _MIXED_CASE_KINDS.get(upper, upper)


def parse_symbol(text: str) -> Symbol:
    """Read a số, ký hiệu as people type it; raise ValueError (explained) if it is not one.

    Tolerated: a "Số:"/"số" prefix, spaces around "-" and "/", en dashes for hyphens, lowercase
    (abbreviations are uppercased, except the standard mixed-case kinds QyĐ, QĐi, CTr, TTr).
    Leading zeros are kept in ``width`` so that ``format_symbol`` writes the number as issued.
    """
    shown = " ".join(text.split())
    cleaned = _clean(text)
    if not cleaned:
        raise ValueError(_("The number and symbol is empty: %(hint)s.") % {"hint": _hint()})
    if not cleaned[0].isdigit():
        raise ValueError(
            _(
                "The number and symbol “%(value)s” does not begin with the document number:"
                " %(hint)s."
            )
            % {"value": shown, "hint": _hint()}
        )
    if match := _PARTY.fullmatch(cleaned):
        digits, kind, body = match.groups()
        return _build(shown, digits, "party", None, _kind(kind), body.upper())
    if match := _STATE.fullmatch(cleaned):
        digits, year, rest = match.groups()
        kind, dash, others = rest.partition("-")
        if dash and _leading_kind(rest):
            return _build(shown, digits, "state", year, _kind(kind), others.upper())
        return _build(shown, digits, "state", year, "", rest.upper())
    if re.fullmatch(rf"[0-9]+-{_SEGMENT}/?", cleaned):
        raise ValueError(
            _("The number and symbol “%(value)s” lacks the issuing body after “/”, e.g. 137-KH/TU.")
            % {"value": shown}
        )
    if re.fullmatch(r"[0-9]+[-/]?", cleaned):
        raise ValueError(
            _("The number and symbol “%(value)s” lacks the symbol after the number: %(hint)s.")
            % {"value": shown, "hint": _hint()}
        )
    raise ValueError(
        _("Cannot read the number and symbol “%(value)s”: %(hint)s.")
        % {"value": shown, "hint": _hint()}
    )


def _build(shown: str, digits: str, style: Style, year: str | None, kind: str, body: str) -> Symbol:
    if int(digits) < 1:
        raise ValueError(
            _("The number and symbol “%(value)s” is not valid: %(problem)s.")
            % {"value": shown, "problem": _("the document number must be greater than 0")}
        )
    return Symbol(
        number=int(digits),
        kind=kind,
        body=body,
        style=style,
        year=int(year) if year else None,
        width=len(digits),
    )


def format_symbol(symbol: Symbol) -> str:
    """Write a symbol canonically: "137-KH/TU", "05/BNV-VP", "30/2020/NĐ-CP"."""
    number = f"{symbol.number:0{symbol.width}d}"
    if symbol.style == "party":
        return f"{number}-{symbol.kind}/{symbol.body}"
    parts = [number]
    if symbol.year is not None:
        parts.append(str(symbol.year))
    parts.append(f"{symbol.kind}-{symbol.body}" if symbol.kind else symbol.body)
    return "/".join(parts)
