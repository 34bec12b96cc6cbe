"""Load the demonstration data: the bodies named in the source documents and one account per role.

Safe to run again: records are matched by code or username and only changed
when they differ, so a second run creates nothing and writes no history.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from lienhiep.core import actions
from lienhiep.core.models import Organization, OrganizationKind, Role, RoleAssignment, User
from lienhiep.core.modules import project_modules

DEMO_PASSWORD = "lienhiep@2026"  # noqa: S105 - printed on purpose for a demonstration

K = OrganizationKind
# (code, name, short name, kind, parent code)
ORGANIZATIONS: list[tuple[str, str, str, str, str]] = [
    ("TW", "Ban Chấp hành Trung ương Đảng", "Ban Chấp hành Trung ương", K.PARTY, ""),
    ("BCT", "Bộ Chính trị", "", K.PARTY, "TW"),
    ("BBT", "Ban Bí thư Trung ương Đảng", "Ban Bí thư", K.PARTY, "TW"),
    ("TU", "Tỉnh ủy Lai Châu", "Tỉnh ủy", K.PARTY, ""),
    ("BTVTU", "Ban Thường vụ Tỉnh ủy Lai Châu", "Ban Thường vụ Tỉnh ủy", K.PARTY, "TU"),
    ("BTGTU", "Ban Tuyên giáo Tỉnh ủy Lai Châu", "Ban Tuyên giáo Tỉnh ủy", K.PARTY, "TU"),
    ("VPTU", "Văn phòng Tỉnh ủy Lai Châu", "Văn phòng Tỉnh ủy", K.PARTY, "TU"),
    ("DDHDND", "Đảng đoàn Hội đồng nhân dân tỉnh", "Đảng đoàn HĐND tỉnh", K.PARTY, "TU"),
    (
        "BCSDUBND",
        "Ban cán sự đảng Ủy ban nhân dân tỉnh",
        "Ban cán sự đảng UBND tỉnh",
        K.PARTY,
        "TU",
    ),
    (
        "DDLHH",
        "Đảng đoàn Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh",
        "Đảng đoàn Liên hiệp Hội",
        K.PARTY,
        "TU",
    ),
    ("HDND", "Hội đồng nhân dân tỉnh Lai Châu", "HĐND tỉnh", K.COUNCIL, ""),
    ("UBND", "Ủy ban nhân dân tỉnh Lai Châu", "UBND tỉnh", K.PEOPLES_COMMITTEE, ""),
    ("SKHCN", "Sở Khoa học và Công nghệ tỉnh Lai Châu", "Sở KH&CN", K.DEPARTMENT, "UBND"),
    ("SGDDT", "Sở Giáo dục và Đào tạo tỉnh Lai Châu", "Sở GD&ĐT", K.DEPARTMENT, "UBND"),
    ("SNV", "Sở Nội vụ tỉnh Lai Châu", "Sở Nội vụ", K.DEPARTMENT, "UBND"),
    ("SNNMT", "Sở Nông nghiệp và Môi trường tỉnh Lai Châu", "Sở NN&MT", K.DEPARTMENT, "UBND"),
    ("MTTQ", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Lai Châu", "Ủy ban MTTQ tỉnh", K.FRONT, ""),
    ("TDTN", "Tỉnh đoàn Lai Châu", "Tỉnh đoàn", K.FRONT, "MTTQ"),
    ("LHH", "Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh Lai Châu", "Liên hiệp Hội", K.UNION, ""),
    ("HYH", "Hội Y học tỉnh Lai Châu", "Hội Y học", K.ASSOCIATION, "LHH"),
    ("HDY", "Hội Đông y tỉnh Lai Châu", "Hội Đông y", K.ASSOCIATION, "LHH"),
    ("HLV", "Hội Làm vườn tỉnh Lai Châu", "Hội Làm vườn", K.ASSOCIATION, "LHH"),
    ("HTH", "Hội Tin học tỉnh Lai Châu", "Hội Tin học", K.ASSOCIATION, "LHH"),
    ("HKHLS", "Hội Khoa học Lịch sử tỉnh Lai Châu", "Hội Sử học", K.ASSOCIATION, "LHH"),
    ("P-TANPHONG", "Phường Tân Phong", "", K.COMMUNE, "UBND"),
    ("P-DOANKET", "Phường Đoàn Kết", "", K.COMMUNE, "UBND"),
    ("X-SINHO", "Xã Sìn Hồ", "", K.COMMUNE, "UBND"),
    ("X-MUONGTE", "Xã Mường Tè", "", K.COMMUNE, "UBND"),
    ("X-PHONGTHO", "Xã Phong Thổ", "", K.COMMUNE, "UBND"),
]

# (username, full name, position, organization code, role)
ACCOUNTS: list[tuple[str, str, str, str, str]] = [
    ("quantri", "Đỗ Minh Quân", "Quản trị hệ thống", "LHH", Role.ADMIN),
    ("vanphong", "Nguyễn Thị Thu Hà", "Chuyên viên Văn phòng", "LHH", Role.UNION_STAFF),
    ("thuongtruc", "Lò Văn Thắng", "Phó Chủ tịch Thường trực", "LHH", Role.UNION_LEADER),
    ("tuyengiao", "Vàng Thị Mai", "Chuyên viên Ban Tuyên giáo", "BTGTU", Role.OVERSIGHT),
    ("daumoi", "Tao Văn Hùng", "Chuyên viên tổng hợp", "BCSDUBND", Role.UNIT_REPORTER),
    ("hoiyhoc", "Phạm Thị Lan", "Chánh Văn phòng Hội", "HYH", Role.ASSOCIATION_STAFF),
    ("chuyengia", "Trần Quốc Bảo", "Tiến sĩ Nông học", "LHH", Role.EXPERT),
    ("giamkhao", "Hoàng Văn Sơn", "Thạc sĩ Kỹ thuật", "LHH", Role.JUDGE),
    ("nguoidan", "Lù Thị Hương", "Giáo viên", "LHH", Role.PUBLIC),
]


class Command(BaseCommand):
    help = "Load (or refresh) the demonstration organizations and accounts."

    def handle(self, *args: Any, **options: Any) -> None:
        with transaction.atomic():
            organizations = self.load_organizations()
            created = self.load_accounts(organizations)
            # Each module may bring its own demonstration records in a ``demo`` module
            # with a ``load()`` function, run after the organizations and accounts exist.
            for app, module in project_modules("demo"):
                self.stdout.write(f"{app.verbose_name}: {module.load()}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data ready: {len(organizations)} organizations, "
                f"{len(ACCOUNTS)} accounts ({created} new)."
            )
        )

    def load_organizations(self) -> dict[str, Organization]:
        by_code: dict[str, Organization] = {}
        for code, name, short_name, kind, parent_code in ORGANIZATIONS:
            values = {
                "name": name,
                "short_name": short_name,
                "kind": kind,
                "parent": by_code.get(parent_code) if parent_code else None,
            }
            org = Organization.objects.filter(code=code).first() or Organization(code=code)
            if org.pk is None or any(getattr(org, k) != v for k, v in values.items()):
                for key, value in values.items():
                    setattr(org, key, value)
                actions.do_save_organization(None, org)
            by_code[code] = org
        return by_code

    def load_accounts(self, organizations: dict[str, Organization]) -> int:
        created = 0
        for username, full_name, position, org_code, role in ACCOUNTS:
            organization = organizations[org_code]
            user = User.objects.filter(username=username).first()
            if user is None:
                user = User(
                    username=username,
                    full_name=full_name,
                    position=position,
                    organization=organization,
                    email=f"{username}@lienhiep.example",
                    is_superuser=role == Role.ADMIN,
                    is_staff=role == Role.ADMIN,
                )
                actions.do_save_user(None, user, password=DEMO_PASSWORD)
                created += 1
            if not RoleAssignment.objects.filter(
                user=user, organization=organization, role=role
            ).exists():
                actions.do_assign_role(None, user, organization, role)
        return created
