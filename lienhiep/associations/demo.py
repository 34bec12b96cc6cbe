"""Demonstration registry: forty member associations of Lai Châu province.

The core demonstration creates five associations (Hội Y học, Hội Đông y, Hội
Làm vườn, Hội Tin học, Hội Khoa học Lịch sử); this gives them profiles and
adds thirty-five more. Leaders' names are drawn from the peoples of Lai Châu;
decision numbers, counts and branches from a seeded random generator, so every
load draws the same figures. Congress dates are set relative to today so that
five associations are always past their term and a few are due for a
congress within six months. An association that already has a profile is
left as it is: a second load changes nothing.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.utils import timezone

from lienhiep.associations import actions
from lienhiep.associations.models import (
    ActivityReport,
    Association,
    AssociationStatus,
    Branch,
    MemberCount,
    ScienceField,
)
from lienhiep.core.models import Organization
from lienhiep.docgen.blocks import Paragraph
from lienhiep.docgen.pdf import PdfReport, build_pdf

F = ScienceField
S = AssociationStatus

# How the current term stands, relative to today.
ON_TERM = "on_term"
PAST_TERM = "past_term"  # the congress is overdue
DUE_SOON = "due_soon"  # the congress falls within six months


@dataclass(frozen=True)
class DemoAssociation:
    code: str
    short_name: str
    field: str
    term: str = ON_TERM
    status: str = S.ACTIVE


ASSOCIATIONS: list[DemoAssociation] = [
    # The five the core demonstration already has.
    DemoAssociation("HYH", "Hội Y học", F.MEDICAL, DUE_SOON),
    DemoAssociation("HDY", "Hội Đông y", F.MEDICAL, PAST_TERM),
    DemoAssociation("HLV", "Hội Làm vườn", F.AGRICULTURAL),
    DemoAssociation("HTH", "Hội Tin học", F.ENGINEERING),
    DemoAssociation("HKHLS", "Hội Khoa học Lịch sử", F.HUMANITIES),
    # Health.
    DemoAssociation("HCC", "Hội Châm cứu", F.MEDICAL, PAST_TERM),
    DemoAssociation("HDD", "Hội Điều dưỡng", F.MEDICAL),
    DemoAssociation("HDH", "Hội Dược học", F.MEDICAL),
    DemoAssociation("HKHHGD", "Hội Kế hoạch hóa gia đình", F.MEDICAL),
    DemoAssociation("HPHCN", "Hội Phục hồi chức năng", F.MEDICAL),
    DemoAssociation("HYTCC", "Hội Y tế công cộng", F.MEDICAL),
    DemoAssociation("HNK", "Hội Nhi khoa", F.MEDICAL),
    DemoAssociation("HDL", "Hội Dược liệu", F.MEDICAL),
    # Agriculture and forestry.
    DemoAssociation("HSLC", "Hiệp hội Sâm Lai Châu", F.AGRICULTURAL),
    DemoAssociation("HCN", "Hội Chăn nuôi", F.AGRICULTURAL, DUE_SOON),
    DemoAssociation("HTY", "Hội Thú y", F.AGRICULTURAL, PAST_TERM),
    DemoAssociation("HLN", "Hội Khoa học Kỹ thuật Lâm nghiệp", F.AGRICULTURAL),
    DemoAssociation("HBVTV", "Hội Bảo vệ thực vật", F.AGRICULTURAL),
    DemoAssociation("HCHE", "Hiệp hội Chè", F.AGRICULTURAL),
    DemoAssociation("HSVC", "Hội Sinh vật cảnh", F.AGRICULTURAL),
    DemoAssociation("HTS", "Hội Nghề cá", F.AGRICULTURAL, status=S.DISSOLVED),
    # Engineering and technology.
    DemoAssociation("HXD", "Hội Xây dựng", F.ENGINEERING),
    DemoAssociation("HCD", "Hội Cầu đường", F.ENGINEERING),
    DemoAssociation("HKTS", "Hội Kiến trúc sư", F.ENGINEERING, PAST_TERM),
    DemoAssociation("HTL", "Hội Khoa học Kỹ thuật Thủy lợi", F.ENGINEERING),
    DemoAssociation(
        "HTDBD", "Hội Trắc địa - Bản đồ - Viễn thám", F.ENGINEERING, status=S.CONSOLIDATING
    ),
    DemoAssociation("HATLD", "Hội Khoa học Kỹ thuật An toàn và Vệ sinh lao động", F.ENGINEERING),
    DemoAssociation("HMO", "Hội Khoa học và Công nghệ Mỏ", F.ENGINEERING),
    # Natural sciences.
    DemoAssociation("HDC", "Hội Địa chất", F.NATURAL, status=S.CONSOLIDATING),
    DemoAssociation("HBVTN", "Hội Bảo vệ thiên nhiên và môi trường", F.NATURAL),
    DemoAssociation("HKTTV", "Hội Khí tượng Thủy văn", F.NATURAL),
    # Social sciences and humanities.
    DemoAssociation("HLG", "Hội Luật gia", F.SOCIAL, DUE_SOON),
    DemoAssociation("HKHKT", "Hội Khoa học Kinh tế", F.SOCIAL),
    DemoAssociation("HKTKT", "Hội Kế toán và Kiểm toán", F.SOCIAL),
    DemoAssociation("HTLGD", "Hội Tâm lý - Giáo dục", F.SOCIAL),
    DemoAssociation("HCGC", "Hội Cựu giáo chức", F.SOCIAL),
    DemoAssociation("HKHHC", "Hội Khoa học Hành chính", F.SOCIAL, status=S.CONSOLIDATING),
    DemoAssociation("HDTH", "Hội Dân tộc học và Nhân học", F.HUMANITIES),
    DemoAssociation("HNCVHT", "Hội Nghiên cứu Văn hóa Thái", F.HUMANITIES, PAST_TERM),
    DemoAssociation("HDSVH", "Hội Di sản Văn hóa", F.HUMANITIES),
]

# (family names, middle names for men, for women, given names for men, for women),
# one entry a people of Lai Châu.
PEOPLES: list[tuple[list[str], list[str], list[str], list[str], list[str]]] = [
    (  # Kinh
        ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đỗ", "Bùi", "Đặng", "Ngô"],
        ["Văn", "Đức", "Minh", "Quang", "Hữu"],
        ["Thị", "Thu", "Thanh", "Ngọc"],
        ["Hùng", "Long", "Tuấn", "Dũng", "Bình", "Phong", "Hải", "Cường"],
        ["Hương", "Lan", "Hà", "Thủy", "Nga", "Hằng", "Yến"],
    ),
    (  # Thái
        ["Lò", "Lường", "Tòng", "Quàng", "Cầm", "Điêu"],
        ["Văn"],
        ["Thị"],
        ["Thắng", "Ơn", "Khiêm", "Chiến", "Pâng", "Xuân"],
        ["Phanh", "Inh", "Ngoan", "Xiêm", "Ánh"],
    ),
    (  # Mông
        ["Giàng", "Sùng", "Vàng", "Thào", "Mùa", "Hảng", "Lầu"],
        ["A", "Seo", "Văn"],
        ["Thị"],
        ["Dơ", "Chứ", "Sàng", "Pó", "Dế", "Chúa", "Lử"],
        ["Mỷ", "Dua", "Sua", "Chía"],
    ),
    (  # Dao
        ["Tẩn", "Chảo", "Phàn", "Đặng"],
        ["Văn", "Láo", "Ông"],
        ["Thị", "Mẩy"],
        ["Chản", "Sài", "Vần", "Lở", "Kiềm"],
        ["Mẩy", "Chiều", "Mây"],
    ),
    (  # Hà Nhì
        ["Chu", "Pờ", "Lỳ", "Phìn"],
        ["Gò", "Hừ", "Xá", "A"],
        ["Mì", "Thị"],
        ["Sừ", "Phà", "Giá", "Xe"],
        ["Xe", "Chừ", "Ma"],
    ),
    (  # Giáy
        ["Lù", "Hoàng", "Vàng"],
        ["Văn"],
        ["Thị"],
        ["Dín", "Pao", "Tiến", "Kim"],
        ["Dung", "Lả", "Mai"],
    ),
    (  # Lự
        ["Tao", "Đao", "Kha"],
        ["Văn"],
        ["Thị"],
        ["Khằm", "Phăn", "Ún"],
        ["Pe", "Ón"],
    ),
    (  # Khơ Mú
        ["Vì", "Lừ", "Lò"],
        ["Văn"],
        ["Thị"],
        ["Ón", "Khởi", "Pha"],
        ["Hoa", "Ín"],
    ),
]
# The Kinh, Thái and Mông are the largest peoples of the province: drawn more often.
PEOPLE_WEIGHTS = [5, 4, 3, 1, 1, 1, 1, 1]

STREETS = ["Trần Hưng Đạo", "Lê Duẩn", "Võ Nguyên Giáp", "Trần Phú", "Điện Biên Phủ"]
WARDS = ["Tân Phong", "Đoàn Kết", "Đông Phong", "Quyết Thắng", "Quyết Tiến"]
PLACES = [
    "Sìn Hồ",
    "Mường Tè",
    "Phong Thổ",
    "Tam Đường",
    "Than Uyên",
    "Tân Uyên",
    "Nậm Nhùn",
    "Bình Lư",
    "Mường Kim",
    "Dào San",
]

SEED = 2004  # the year Lai Châu province was re-established


def _name(rng: random.Random) -> str:
    families, men, women, given_men, given_women = rng.choices(PEOPLES, PEOPLE_WEIGHTS)[0]
    if rng.random() < 0.35:
        return f"{rng.choice(families)} {rng.choice(women)} {rng.choice(given_women)}"
    return f"{rng.choice(families)} {rng.choice(men)} {rng.choice(given_men)}"


def _leaders(rng: random.Random, count: int) -> list[str]:
    """``count`` different people: the president, vice-presidents and secretary."""
    names: list[str] = []
    while len(names) < count:
        name = _name(rng)
        if name not in names:
            names.append(name)
    return names


def _decision(rng: random.Random, on: datetime.date) -> str:
    return f"Quyết định số {rng.randint(120, 1890)}/QĐ-UBND ngày {on.strftime('%d/%m/%Y')}"


def _day(rng: random.Random, year: int) -> datetime.date:
    return datetime.date(year, rng.randint(1, 12), rng.randint(1, 28))


def _congresses(
    rng: random.Random, spec: DemoAssociation, today: datetime.date, term: int
) -> tuple[datetime.date, datetime.date | None]:
    """The last congress and, for some, the next one planned."""
    if spec.term == PAST_TERM:
        return _day(rng, today.year - term - rng.randint(1, 2)), None
    if spec.term == DUE_SOON:
        due = today + datetime.timedelta(days=rng.randint(45, 160))
        return _day(rng, due.year - term), due
    last = _day(rng, today.year - rng.randint(0, term - 2))
    if last > today:
        last = last.replace(year=last.year - 1)
    planned = last.replace(year=last.year + term) if rng.random() < 0.4 else None
    return last, planned


def _profile(
    rng: random.Random, spec: DemoAssociation, today: datetime.date
) -> tuple[Association, dict[str, str]]:
    term = rng.choice([5, 5, 5, 4])
    last, planned = _congresses(rng, spec, today, term)
    founded = _day(rng, rng.randint(2004, min(last.year, 2019)))
    charter = min(last + datetime.timedelta(days=rng.randint(30, 120)), today)
    president, secretary, *vices = _leaders(rng, 2 + rng.randint(1, 3))
    association = Association(
        abbreviation=spec.code,
        field=spec.field,
        founding_decision=_decision(rng, founded),
        founded_on=founded,
        charter_decision=_decision(rng, charter),
        office=f"Số {rng.randint(2, 180)}, đường {rng.choice(STREETS)}, "
        f"phường {rng.choice(WARDS)}, tỉnh Lai Châu",
        president=president,
        vice_presidents="\n".join(vices),
        general_secretary=secretary,
        term_years=term,
        last_congress_on=last,
        next_congress_on=planned,
        status=spec.status,
    )
    # "Hiệp hội Sâm Lai Châu" already says where it is.
    where = "" if "Lai Châu" in spec.short_name else " tỉnh Lai Châu"
    organization = {"code": spec.code, "name": f"{spec.short_name}{where}"}
    organization["short_name"] = spec.short_name
    return association, organization


def _records(
    rng: random.Random, association: Association, today: datetime.date, with_report: bool
) -> None:
    """Two or three branches, the member counts of the last four years, perhaps a report."""
    places = rng.sample(PLACES, rng.randint(2, 3))
    members = rng.randint(40, 900)
    for place in places:
        branch = Branch(name=f"Chi hội {place}", place=f"Xã {place}", members=members // 5)
        actions.do_save_branch(None, association, branch)
    years = range(today.year - 4, today.year)
    if association.status == S.DISSOLVED:
        years = range(today.year - 4, today.year - 2)
    for year in years:
        members = max(10, members + rng.randint(-members // 10, members // 6))
        count = MemberCount(year=year, members=members, branches=len(places))
        actions.do_record_member_count(None, association, count)
    if with_report and association.status != S.DISSOLVED:
        _report(association, today.year - 1, members)


def _report(association: Association, year: int, members: int) -> None:
    name = association.organization.short_name or association.name
    summary = (
        f"Năm {year}, {name} có {members} hội viên; tổ chức hội thảo, tập huấn chuyên môn "
        "và tham gia tư vấn, phản biện theo đề nghị của Liên hiệp Hội."
    )
    pdf = build_pdf(
        PdfReport(
            title=f"BÁO CÁO HOẠT ĐỘNG NĂM {year}",
            subtitle=association.name,
            body=[Paragraph(summary)],
        )
    )
    actions.do_add_activity_report(
        None,
        association,
        ActivityReport(year=year, summary=summary),
        ContentFile(pdf, name=f"bao-cao-{association.organization.code.lower()}-{year}.pdf"),
    )


def load() -> str:
    rng = random.Random(SEED)  # noqa: S311 - demonstration data, repeatable on purpose
    today = timezone.localdate()
    registered = set(
        Association.objects.filter(
            organization__code__in=[a.code for a in ASSOCIATIONS]
        ).values_list("organization__code", flat=True)
    )
    created = 0
    for index, spec in enumerate(ASSOCIATIONS):
        # Drawn for every association, registered or not, so each keeps its figures
        # whichever others already exist.
        item_rng = random.Random(rng.random())  # noqa: S311 - as above
        if spec.code in registered:
            continue
        association, organization = _profile(item_rng, spec, today)
        existing = Organization.objects.filter(code=spec.code).first()
        if existing is not None:
            # The core demonstration owns these organizations' names: leave them.
            association.organization = existing
            actions.do_save_association(None, association)
        else:
            actions.do_save_association(None, association, **organization)
        # Most associations have filed last year's report; a few are late.
        _records(item_rng, association, today, with_report=index % 5 != 0)
        created += 1
    return f"{len(ASSOCIATIONS)} hội thành viên ({created} mới)."
