"""Demonstration intellectuals of Lai Châu (``DEMO_PEOPLE``, 20,000), the same every time.

Names follow the family names, middle names and given names usual among the
province's peoples (Kinh, Thái, Mông, Dao, Hà Nhì, Giáy, Lự, Khơ Mú…); degrees,
titles, fields, ages and communes follow plausible shares. Everything here is
invented: no real person's data.
"""

from __future__ import annotations

import datetime
import random

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from lienhiep.associations.models import Association, AssociationStatus, ScienceField
from lienhiep.core.models import Organization, OrganizationKind
from lienhiep.workforce.catalogues import ensure_catalogues
from lienhiep.workforce.models import AcademicTitle, Degree, Ethnicity, Gender, Membership, Person
from lienhiep.workforce.names import name_columns
from lienhiep.workforce.statistics import registry_changed

SEED = 20260509

# (ethnic group, share in %, family names, male middle names, female middle names)
PEOPLES: list[tuple[str, int, list[str], list[str], list[str]]] = [
    (
        "Kinh",
        44,
        ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đỗ", "Bùi", "Đặng", "Ngô", "Dương"],
        ["Văn", "Đức", "Minh", "Quốc", "Xuân", "Hữu", "Thanh"],
        ["Thị", "Thu", "Ngọc", "Thanh", "Hồng", "Phương"],
    ),
    (
        "Thái",
        26,
        ["Lò", "Lường", "Tao", "Điêu", "Cầm", "Quàng", "Hoàng", "Lê", "Mè"],
        ["Văn"],
        ["Thị"],
    ),
    (
        "Mông",
        10,
        ["Vàng", "Giàng", "Sùng", "Lý", "Thào", "Hầu", "Mùa"],
        ["A", "Seo", "Văn"],
        ["Thị", "Mỷ"],
    ),
    ("Dao", 6, ["Tẩn", "Chảo", "Lý", "Phàn", "Đặng"], ["Văn", "A", "Láo"], ["Thị", "Mẩy"]),
    ("Hà Nhì", 4, ["Lỳ", "Chu", "Pờ", "Phù", "Sần"], ["Văn", "Xá"], ["Thị", "Lù"]),
    ("Giáy", 4, ["Hoàng", "Lò", "Vàng", "Lương"], ["Văn"], ["Thị"]),
    ("Lự", 2, ["Lò", "Tao", "Chui"], ["Văn"], ["Thị"]),
    ("Khơ Mú", 2, ["Vì", "Lò", "Lường", "Quàng"], ["Văn"], ["Thị"]),
    ("Mảng", 1, ["Lò", "Chang", "Lìn"], ["Văn"], ["Thị"]),
    ("La Hủ", 1, ["Chang", "Pờ", "Lò"], ["Văn"], ["Thị"]),
]
MALE_GIVEN = [
    "Anh",
    "Bình",
    "Chiến",
    "Cường",
    "Dũng",
    "Đức",
    "Giang",
    "Hải",
    "Hùng",
    "Huy",
    "Khánh",
    "Kiên",
    "Lâm",
    "Long",
    "Minh",
    "Nam",
    "Nghĩa",
    "Phong",
    "Phúc",
    "Quang",
    "Quân",
    "Sơn",
    "Tài",
    "Thắng",
    "Thành",
    "Toàn",
    "Trung",
    "Tuấn",
    "Việt",
    "Vinh",
    "Xuân",
    "Pao",
    "Chử",
    "Sinh",
    "Páo",
    "Dế",
    "Lả",
    "Tiến",
    "Hoan",
    "Khoa",
    "Lợi",
]
FEMALE_GIVEN = [
    "An",
    "Anh",
    "Ánh",
    "Chi",
    "Dung",
    "Duyên",
    "Giang",
    "Hà",
    "Hằng",
    "Hiền",
    "Hoa",
    "Hồng",
    "Hương",
    "Lan",
    "Liên",
    "Linh",
    "Loan",
    "Mai",
    "My",
    "Nga",
    "Ngọc",
    "Nhung",
    "Oanh",
    "Phương",
    "Quyên",
    "Thảo",
    "Thu",
    "Thủy",
    "Trang",
    "Vân",
    "Yến",
    "Mỷ",
    "Dợ",
    "Pằng",
    "Sua",
    "Xuân",
]
# (degree code, share in ‰)
DEGREES = [
    ("TS", 20),
    ("TSKH", 1),
    ("ThS", 180),
    ("CKII", 8),
    ("CKI", 40),
    ("ĐH", 620),
    ("CĐ", 100),
    ("TC", 31),
]
FIELDS = [
    (ScienceField.AGRICULTURAL, 26),
    (ScienceField.MEDICAL, 22),
    (ScienceField.SOCIAL, 20),
    (ScienceField.ENGINEERING, 16),
    (ScienceField.NATURAL, 8),
    (ScienceField.HUMANITIES, 8),
]
SPECIALTIES = {
    ScienceField.AGRICULTURAL: [
        "Trồng trọt",
        "Chăn nuôi",
        "Lâm sinh",
        "Bảo vệ thực vật",
        "Thú y",
        "Chè",
    ],
    ScienceField.MEDICAL: ["Nội khoa", "Nhi khoa", "Y học cổ truyền", "Điều dưỡng", "Dược học"],
    ScienceField.SOCIAL: ["Kinh tế", "Luật", "Quản lý giáo dục", "Xã hội học", "Tài chính"],
    ScienceField.ENGINEERING: ["Xây dựng", "Thủy lợi", "Công nghệ thông tin", "Điện", "Giao thông"],
    ScienceField.NATURAL: ["Toán học", "Vật lý", "Hóa học", "Sinh học", "Địa chất"],
    ScienceField.HUMANITIES: ["Ngữ văn", "Lịch sử", "Dân tộc học", "Văn hóa học"],
}
# Where the people of each field work, and as what.
EMPLOYERS = {
    ScienceField.AGRICULTURAL: [
        "Sở Nông nghiệp và Môi trường",
        "Trung tâm Khuyến nông tỉnh",
        "Chi cục Kiểm lâm",
        "Ban Quản lý rừng phòng hộ",
        "Ủy ban nhân dân xã",
    ],
    ScienceField.MEDICAL: [
        "Bệnh viện Đa khoa tỉnh",
        "Trung tâm Kiểm soát bệnh tật tỉnh",
        "Bệnh viện Y dược cổ truyền",
        "Trung tâm Y tế khu vực",
        "Trạm Y tế xã",
    ],
    ScienceField.SOCIAL: [
        "Sở Tài chính",
        "Sở Giáo dục và Đào tạo",
        "Trường Trung học phổ thông",
        "Ủy ban nhân dân xã",
        "Sở Tư pháp",
    ],
    ScienceField.ENGINEERING: [
        "Sở Xây dựng",
        "Ban Quản lý dự án tỉnh",
        "Sở Khoa học và Công nghệ",
        "Trường Cao đẳng Cộng đồng Lai Châu",
        "Điện lực Lai Châu",
    ],
    ScienceField.NATURAL: [
        "Sở Khoa học và Công nghệ",
        "Sở Nông nghiệp và Môi trường",
        "Trường Trung học phổ thông",
        "Đài Khí tượng Thủy văn tỉnh",
    ],
    ScienceField.HUMANITIES: [
        "Sở Văn hóa, Thể thao và Du lịch",
        "Bảo tàng tỉnh",
        "Trường Trung học phổ thông",
        "Trường Cao đẳng Cộng đồng Lai Châu",
    ],
}
POSITIONS = {
    ScienceField.AGRICULTURAL: ["Kỹ sư", "Chuyên viên", "Trưởng phòng", "Kiểm lâm viên"],
    ScienceField.MEDICAL: ["Bác sĩ", "Dược sĩ", "Điều dưỡng", "Trưởng khoa", "Phó Giám đốc"],
    ScienceField.SOCIAL: ["Chuyên viên", "Giáo viên", "Kế toán", "Trưởng phòng"],
    ScienceField.ENGINEERING: ["Kỹ sư", "Giảng viên", "Chuyên viên", "Phó Giám đốc"],
    ScienceField.NATURAL: ["Giáo viên", "Chuyên viên", "Kỹ sư", "Dự báo viên"],
    ScienceField.HUMANITIES: ["Giáo viên", "Giảng viên", "Chuyên viên", "Trưởng phòng"],
}
# Share of the registry added in each of the last eight years, oldest first: the first
# year brought the rosters the associations already had.
YEARLY_ADDITIONS = [34, 7, 7, 8, 9, 10, 13, 12]
# How many of a field's people belong to one of the associations of their field.
OWN_FIELD_MEMBERS = 0.85
EXTRA_COMMUNES = [
    ("X-TAMDUONG", "Xã Tam Đường"),
    ("X-THANUYEN", "Xã Than Uyên"),
    ("X-TANUYEN", "Xã Tân Uyên"),
    ("X-NAMNHUN", "Xã Nậm Nhùn"),
    ("X-BINHLU", "Xã Bình Lư"),
    ("X-MUONGKIM", "Xã Mường Kim"),
    ("X-DAOSAN", "Xã Dào San"),
    ("X-BUMNUA", "Xã Bum Nưa"),
]
DISTRICTS = ["Tam Đường", "Phong Thổ", "Sìn Hồ", "Mường Tè", "Than Uyên", "Tân Uyên", "Nậm Nhùn"]


def _pick(rng: random.Random, weighted: list[tuple[str, int]]) -> str:
    return rng.choices([v for v, _ in weighted], weights=[w for _, w in weighted])[0]


def _communes() -> list[Organization]:
    province = Organization.objects.filter(code="UBND").first()
    for code, name in EXTRA_COMMUNES:
        Organization.objects.get_or_create(
            code=code, defaults={"name": name, "kind": OrganizationKind.COMMUNE, "parent": province}
        )
    return list(Organization.objects.filter(kind=OrganizationKind.COMMUNE).order_by("code"))


def _person(
    rng: random.Random, catalogues: dict[str, dict[str, object]], communes: list[Organization]
) -> Person:
    group = rng.choices(PEOPLES, weights=[p[1] for p in PEOPLES])[0]
    ethnic, _share, families, male_middles, female_middles = group
    female = rng.random() < 0.48
    middle = rng.choice(female_middles if female else male_middles)
    given = rng.choice(FEMALE_GIVEN if female else MALE_GIVEN)
    full_name = f"{rng.choice(families)} {middle} {given}"
    degree_code = _pick(rng, DEGREES)
    field = _pick(rng, [(str(f), w) for f, w in FIELDS])
    age = max(22, min(70, int(rng.gauss(40, 9))))
    year = 2026 - age
    exact = rng.random() < 0.7
    birth_date = datetime.date(year, rng.randint(1, 12), rng.randint(1, 28)) if exact else None
    title = None
    if degree_code in {"TS", "TSKH"} and rng.random() < 0.12:
        title = catalogues["title"]["GS" if rng.random() < 0.1 else "PGS"]
    person = Person(
        full_name=full_name,
        gender=Gender.FEMALE if female else Gender.MALE,
        birth_date=birth_date,
        birth_year=year,
        ethnicity=catalogues["ethnicity"][ethnic],  # type: ignore[misc]
        degree=catalogues["degree"][degree_code],
        title=title,
        field=field,
        specialty=rng.choice(SPECIALTIES[ScienceField(field)]),
        employer=rng.choice(EMPLOYERS[ScienceField(field)]),
        position=rng.choice(POSITIONS[ScienceField(field)]),
        commune=rng.choice(communes),
        former_district=rng.choice(DISTRICTS) if rng.random() < 0.3 else "",
        willing_expert=degree_code in {"TS", "TSKH", "ThS", "CKII"} and rng.random() < 0.4,
        consent=rng.random() < 0.85,
    )
    for attribute, value in name_columns(full_name).items():
        setattr(person, attribute, value)
    if person.consent:
        person.consent_on = datetime.date(2025, rng.randint(1, 12), rng.randint(1, 28))
    return person


def _added_on(rng: random.Random, today: datetime.date) -> datetime.datetime:
    """When a demonstration person entered the registry, over the last eight years."""
    first = today.year - len(YEARLY_ADDITIONS) + 1
    year = rng.choices(range(first, today.year + 1), weights=YEARLY_ADDITIONS)[0]
    last = today if year == today.year else datetime.date(year, 12, 31)
    day = datetime.date(year, 1, 1) + datetime.timedelta(
        days=rng.randint(0, last.timetuple().tm_yday - 1)
    )
    # At nine in the morning, but never later than now (today, before nine).
    return min(
        timezone.make_aware(datetime.datetime.combine(day, datetime.time(9))), timezone.now()
    )


def _memberships(
    rng: random.Random,
    people: list[Person],
    associations: list[Association],
    today: datetime.date,
) -> list[Membership]:
    """Most people in an association of their own field, some in one of another field
    or in two; a dissolved association's members have left it."""
    working = [a for a in associations if a.status != AssociationStatus.DISSOLVED]
    by_field: dict[str, list[Association]] = {}
    for association in associations:
        by_field.setdefault(association.field, []).append(association)
    memberships = []
    for person in people:
        if not associations or rng.random() >= 0.6:
            continue
        own = by_field.get(person.field)
        chosen = {rng.choice(own if own and rng.random() < OWN_FIELD_MEMBERS else associations)}
        if rng.random() < 0.15:
            chosen.add(rng.choice(working or associations))
        for association in sorted(chosen, key=lambda a: a.pk):
            joined = datetime.date(rng.randint(2005, 2025), rng.randint(1, 12), 1)
            left = None
            if association.status == AssociationStatus.DISSOLVED:
                left = min(joined + datetime.timedelta(days=rng.randint(365, 3650)), today)
            memberships.append(
                Membership(person=person, association=association, joined_on=joined, left_on=left)
            )
    return memberships


def load() -> str:
    if Person.objects.exists():
        return f"đã có {Person.objects.count()} trí thức, không thay đổi"
    ensure_catalogues()
    rng = random.Random(SEED)  # noqa: S311 - demonstration data, repeatable on purpose
    catalogues: dict[str, dict[str, object]] = {
        "ethnicity": {e.name: e for e in Ethnicity.objects.all()},
        "degree": {d.code: d for d in Degree.objects.all()},
        "title": {t.code: t for t in AcademicTitle.objects.all()},
    }
    communes = _communes()
    associations = list(Association.objects.order_by("pk"))
    with transaction.atomic():
        # Bulk writes bypass Person.save, so the name columns are set by the same
        # name_columns() the model uses.
        people = Person.objects.bulk_create(
            (_person(rng, catalogues, communes) for _ in range(settings.DEMO_PEOPLE)),
            batch_size=2000,
        )
        # The registry grew over the years: the statistics show it year by year.
        today = timezone.localdate()
        for person in people:
            person.created_at = person.updated_at = _added_on(rng, today)
        Person.objects.bulk_update(people, ["created_at", "updated_at"], batch_size=1000)
        memberships = _memberships(rng, people, associations, today)
        Membership.objects.bulk_create(memberships, batch_size=5000)
        # Each record and membership starts its history when the person was registered.
        for person in people:
            person._history_date = person.created_at  # type: ignore[attr-defined]
        for membership in memberships:
            membership._history_date = membership.person.created_at  # type: ignore[attr-defined]
        Person.history.bulk_history_create(people, batch_size=2000)
        Membership.history.bulk_history_create(memberships, batch_size=5000)
        registry_changed()  # bulk writes send no signals
    return f"{len(people)} trí thức, {len(memberships)} lượt hội viên"
