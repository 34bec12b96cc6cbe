"""Layout values for official documents, one place to read and adjust them.

Sources: Decree 30/2020/NĐ-CP, Appendix I (state) and Guidance 36-HD/VPTW of 03/4/2018 with
its Appendix 3 table of sizes (Party). Where a text gives a range the chosen value is noted.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final


@dataclass(frozen=True)
class Page:
    """A4 portrait. Both texts: top 20-25, bottom 20-25, left 30-35, right 15-20 mm.

    The lower bounds are chosen (the values offices use in practice): 20/20/30/15 mm. The
    header (page number) sits 10 mm from the top edge, inside the top margin.
    """

    width_mm: float = 210
    height_mm: float = 297
    top_mm: float = 20
    bottom_mm: float = 20
    left_mm: float = 30
    right_mm: float = 15
    header_mm: float = 10
    footer_mm: float = 10

    @property
    def text_width_mm(self) -> float:
        return self.width_mm - self.left_mm - self.right_mm


PAGE: Final = Page()


@dataclass(frozen=True)
class Layout:
    """Sizes in points, widths in millimetres."""

    # Header table: issuer column | national title column; together the text width.
    header_left_mm: float
    header_right_mm: float
    parent_size: float  # body above the issuer, capitals, regular
    issuer_size: float  # issuer, capitals, bold
    national_size: float  # "CỘNG HÒA XÃ HỘI ..." / "ĐẢNG CỘNG SẢN VIỆT NAM", bold capitals
    motto_size: float  # "Độc lập - Tự do - Hạnh phúc", bold (state only)
    number_size: float  # "Số: 05/LHH-VP" / "Số 137-KH/TU"
    date_size: float  # place and date, italic
    title_before_pt: float  # space between the header block and the type name
    type_size: float  # "KẾ HOẠCH", bold capitals
    summary_size: float  # trích yếu, bold
    letter_summary_size: float  # "V/v ..." under the number of a letter
    letter_summary_italic: bool
    body_size: float
    first_line_cm: float
    paragraph_after_pt: float
    line_spacing: float  # multiple of single spacing
    sign_size: float  # authority, title and name of the signer
    signature_space_pt: float  # room for the signature and the seal
    sign_left_mm: float  # "Nơi nhận" column | signature column
    sign_right_mm: float
    recipients_head_size: float
    recipients_head_bold: bool
    recipients_head_italic: bool
    recipients_head_underline: bool
    recipients_item_size: float
    recipients_separator: str  # end of each line but the archive line
    page_number_size: float


#: Decree 30/2020/NĐ-CP, Appendix I, part II.
STATE: Final = Layout(
    # The national title at 12 pt bold is 88 mm wide: the right column must hold it on one line.
    header_left_mm=72,
    header_right_mm=93,
    parent_size=12,  # 12-13
    issuer_size=12,  # 12-13; 12 lets "LIÊN HIỆP CÁC HỘI KHOA HỌC" fit one line of 72 mm
    national_size=12,  # 12-13
    motto_size=13,  # 13-14
    number_size=13,  # 13
    date_size=14,  # 13-14
    title_before_pt=12,
    type_size=14,  # 13-14
    summary_size=14,  # 13-14
    letter_summary_size=12,  # 12-13
    letter_summary_italic=False,
    body_size=14,  # 13-14
    first_line_cm=1.27,  # 1-1.27 cm
    paragraph_after_pt=6,  # at least 6 pt
    line_spacing=1.15,  # single to 1.5 lines
    sign_size=14,  # 13-14
    signature_space_pt=72,
    sign_left_mm=80,
    sign_right_mm=85,
    recipients_head_size=12,  # "Nơi nhận:" 12 pt bold italic
    recipients_head_bold=True,
    recipients_head_italic=True,
    recipients_head_underline=False,
    recipients_item_size=11,  # 11 pt upright, ";" at line ends
    recipients_separator=";",
    page_number_size=14,  # 13-14
)

#: Guidance 36-HD/VPTW (2018), part II and Appendix 3.
PARTY: Final = Layout(
    header_left_mm=80,
    header_right_mm=85,
    parent_size=14,  # upper body: capitals 14 upright
    issuer_size=14,  # issuer: capitals 14 upright bold, then "*"
    national_size=15,  # "ĐẢNG CỘNG SẢN VIỆT NAM": capitals 15 bold, rule as long as it
    motto_size=0,  # Party documents carry no motto
    number_size=14,  # "Số 137-KH/TU": 14 upright, no colon
    date_size=14,  # 14 italic
    title_before_pt=18,
    type_size=16,  # 15-16 bold capitals
    summary_size=14,  # 14-15 bold, then "-----"
    letter_summary_size=12,  # letters: 12 italic
    letter_summary_italic=True,
    body_size=14,  # 14-15
    first_line_cm=1.27,
    paragraph_after_pt=6,
    line_spacing=1.15,
    sign_size=14,  # "T/M BAN THƯỜNG VỤ", "BÍ THƯ": capitals 14 bold; name 14 bold
    signature_space_pt=72,
    sign_left_mm=80,
    sign_right_mm=85,
    recipients_head_size=14,  # "Nơi nhận:" 14 upright, underlined
    recipients_head_bold=False,
    recipients_head_italic=False,
    recipients_head_underline=True,
    recipients_item_size=12,  # 12 upright, "," at line ends
    recipients_separator=",",
    page_number_size=14,
)
