"""Official documents (.docx) laid out per Decree 30/2020/NĐ-CP or Guidance 36-HD/VPTW.

``OfficialDocument`` describes what the document says; ``build_docx`` lays it out:

* "state": Decree 30/2020/NĐ-CP, Appendix I (state administrative documents), used by the
  Union (Liên hiệp hội) and the People's Committee;
* "party": Guidance 36-HD/VPTW of 03/4/2018 (Party documents), used by the Provincial Party
  Committee and its boards.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path
from typing import IO, Final, Literal

import docx
from docx.document import Document as DocxDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.shared import Mm

from . import docx_body, docx_header
from .blocks import Block
from .docx_xml import add_page_field, format_paragraph, set_document_defaults
from .layout import PAGE, PARTY, STATE, Layout
from .text import VIETNAM_TZ, clean_list_item, nfc, vn_upper

Style = Literal["state", "party"]

_LETTER_TYPES: Final = frozenset({"", "CÔNG VĂN"})


@dataclass(frozen=True)
class OfficialDocument:
    """What an official document says; the layout comes from ``style``.

    ``symbol`` is the number and sign without the word "Số" ("05/LHH-VP", "137-KH/TU").
    ``doc_type`` is the type name ("KẾ HOẠCH", "BÁO CÁO"); "" or "CÔNG VĂN" make a letter
    (công văn), which prints no type name: its ``summary`` goes under the number as "V/v ...".
    ``recipients`` are printed under "Nơi nhận:" one per line; the builder adds the dash,
    the line-end punctuation and the archive line built from ``archive``.
    ``addressees`` ("Kính gửi") are used by letters. A "\\n" in ``issuer`` forces a break.
    """

    style: Style
    issuer: str
    symbol: str
    place: str
    date: datetime.date
    doc_type: str
    summary: str
    body: Sequence[Block]
    signer_title: str
    signer_name: str
    signer_authority: str = ""
    parent_issuer: str = ""
    recipients: Sequence[str] = ()
    addressees: Sequence[str] = ()
    archive: str = ""
    title: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        if self.style not in ("state", "party"):
            raise ValueError(f"style must be 'state' or 'party', not {self.style!r}")
        if not self.issuer.strip():
            raise ValueError("issuer is required")

    @property
    def is_letter(self) -> bool:
        return vn_upper(self.doc_type).strip() in _LETTER_TYPES

    @property
    def layout(self) -> Layout:
        return STATE if self.style == "state" else PARTY

    def archive_line(self) -> str:
        """Last "Nơi nhận" line: "Lưu: VT, VP." (Decree 30) / "Lưu Văn phòng." (Guidance 36).

        A recipient item starting with "Lưu" also sets it, so a list copied from an old
        document does not print two archive lines.
        """
        archive = clean_list_item(self.archive)
        for item in self.recipients:
            cleaned = clean_list_item(item)
            if _is_archive(cleaned) and cleaned[3:].strip(" :"):
                archive = cleaned[3:].strip(" :")
        if self.style == "state":
            return f"Lưu: {archive or 'VT'}."
        return f"Lưu {archive or 'Văn phòng'}."

    def recipient_lines(self) -> list[str]:
        """The lines under "Nơi nhận:", dashes and punctuation included, archive line last."""
        separator = self.layout.recipients_separator
        items = [clean_list_item(item) for item in self.recipients]
        lines = [f"- {item}{separator}" for item in items if item and not _is_archive(item)]
        return [*lines, f"- {self.archive_line()}"]

    def authority(self) -> str:
        """Signing authority in the form of the style: "KT. CHỦ TỊCH" or "K/T BÍ THƯ"."""
        return normalize_authority(self.signer_authority, self.style)


def _is_archive(item: str) -> bool:
    return item.casefold().startswith("lưu") and (len(item) == 3 or not item[3].isalpha())


_STATE_TO_PARTY: Final = {"TM": "T/M", "KT": "K/T", "TL": "T/L", "TUQ": "T/UQ"}
_PARTY_TO_STATE: Final = {v: k for k, v in _STATE_TO_PARTY.items()}


def normalize_authority(text: str, style: Style) -> str:
    """Upper-case and write the delegation mark as the style does.

    Decree 30 writes "TM.", "KT.", "TL.", "TUQ."; Party documents write "T/M", "K/T", "T/L",
    "T/UQ". Callers may pass either form and get the right one for the style.
    """
    text = vn_upper(text).strip()
    if style == "party":
        match = re.match(r"^(TM|KT|TL|TUQ)\.\s*", text)
        if match:
            return f"{_STATE_TO_PARTY[match.group(1)]} {text[match.end() :]}".strip()
    else:
        match = re.match(r"^(T/M|K/T|T/L|T/UQ)\.?\s+", text)
        if match:
            return f"{_PARTY_TO_STATE[match.group(1)]}. {text[match.end() :]}".strip()
    return text


def build_docx(doc: OfficialDocument) -> bytes:
    """Lay ``doc`` out and return the .docx file's bytes."""
    out = BytesIO()
    write_docx(doc, out)
    return out.getvalue()


def write_docx(doc: OfficialDocument, target: str | Path | IO[bytes]) -> None:
    """Lay ``doc`` out and save it to a path or a binary stream."""
    document = docx.Document()
    layout = doc.layout
    _setup_page(document, layout)
    set_document_defaults(document, layout.body_size)
    _core_properties(document, doc)
    docx_header.add_header(document, doc)
    if doc.is_letter:
        docx_body.add_addressees(document, doc.addressees, layout)
    else:
        docx_body.add_title(document, doc)
    docx_body.add_blocks(document, doc.body, layout)
    docx_body.add_signature(document, doc)
    document.save(str(target) if isinstance(target, Path) else target)


def _setup_page(document: DocxDocument, layout: Layout) -> None:
    """A4 portrait, the margins chosen in ``layout.PAGE``, page numbers from page 2.

    Both texts put the page number centred in the top margin, 13-14 pt, and none on page 1:
    "different first page" with an empty first-page header and a PAGE field in the default one.
    """
    section = document.sections[0]
    section.page_width = Mm(PAGE.width_mm)
    section.page_height = Mm(PAGE.height_mm)
    section.top_margin = Mm(PAGE.top_mm)
    section.bottom_margin = Mm(PAGE.bottom_mm)
    section.left_margin = Mm(PAGE.left_mm)
    section.right_margin = Mm(PAGE.right_mm)
    section.header_distance = Mm(PAGE.header_mm)
    section.footer_distance = Mm(PAGE.footer_mm)
    section.different_first_page_header_footer = True
    first = section.first_page_header
    first.is_linked_to_previous = False
    format_paragraph(first.paragraphs[0], "center")
    header = section.header
    header.is_linked_to_previous = False
    paragraph = header.paragraphs[0]
    format_paragraph(paragraph, "center")
    add_page_field(paragraph, layout.page_number_size)


def _core_properties(document: DocxDocument, doc: OfficialDocument) -> None:
    props = document.core_properties
    heading = doc.title or " ".join(p for p in (vn_upper(doc.doc_type), doc.summary) if p)
    props.title = nfc(heading)[:255]
    props.author = nfc(doc.issuer.replace("\n", " "))[:255]
    props.subject = nfc(doc.symbol)
    props.language = "vi-VN"
    props.comments = ""
    # The issue date (08:00 in Vietnam) rather than "now": regenerating a document yields the
    # same metadata. python-docx writes the value as UTC ("...Z") without converting it.
    issued = datetime.datetime.combine(doc.date, datetime.time(8, 0), tzinfo=VIETNAM_TZ)
    props.created = issued.astimezone(datetime.UTC).replace(tzinfo=None)
    props.modified = props.created
    props.last_modified_by = props.author
    # The template's thumbnail shows python-docx's sample page, not this document: drop it.
    rels = document.part.package.rels
    for rel_id, rel in list(rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            del rels[rel_id]
