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

from lienhiep.associations.models import Association, ScienceField
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
EMPLOYERS = [
    "Sở Nông nghiệp và Môi trường",
    "Bệnh viện Đa khoa tỉnh",
    "Sở Giáo dục và Đào tạo",
    "Trường Cao đẳng Cộng đồng Lai Châu",
    "Sở Khoa học và Công nghệ",
    "Trung tâm Kiểm soát bệnh tật tỉnh",
    "Ủy ban nhân dân xã",
    "Trường Trung học phổ thông",
    "Sở Xây dựng",
    "Ban Quản lý dự án tỉnh",
]
POSITIONS = [
    "Chuyên viên",
    "Giáo viên",
    "Bác sĩ",
    "Kỹ sư",
    "Trưởng phòng",
    "Phó Giám đốc",
    "Giảng viên",
]
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
        employer=rng.choice(EMPLOYERS),
        position=rng.choice(POSITIONS),
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
        memberships = [
            Membership(
                person=person,
                association=association,
                joined_on=datetime.date(rng.randint(2005, 2025), rng.randint(1, 12), 1),
            )
            for person in people
            if associations and rng.random() < 0.6
            for association in rng.sample(associations, k=1 + (rng.random() < 0.15))
        ]
        Membership.objects.bulk_create(memberships, batch_size=5000)
        registry_changed()  # bulk writes send no signals
    return f"{len(people)} trí thức, {len(memberships)} lượt hội viên"
