"""Background jobs of the directory: the organizations-and-accounts workbook."""

from __future__ import annotations

from collections.abc import Iterator

from django.utils import timezone
from django.utils.translation import gettext as _

from lienhiep.core.models import Organization, RoleAssignment, User
from lienhiep.docgen.xlsx import Sheet, XlsxValue, build_xlsx
from lienhiep.jobs.models import Job
from lienhiep.jobs.runner import attach_file, register


@register("core.export_directory")
def export_directory(job: Job) -> None:
    job.report(5, _("Reading organizations"))
    organizations = list(Organization.objects.select_related("parent").order_by("name"))
    job.report(40, _("Reading accounts"))
    roles: dict[int, list[str]] = {}
    for assignment in RoleAssignment.objects.select_related("organization"):
        roles.setdefault(assignment.user_id, []).append(
            f"{assignment.get_role_display()} ({assignment.organization.display_name})"
        )
    users = User.objects.select_related("organization").order_by("organization__name", "username")

    def organization_rows() -> Iterator[list[XlsxValue]]:
        for org in organizations:
            yield [
                org.name,
                org.code,
                org.get_kind_display(),
                org.parent.name if org.parent else "",
                org.address,
                org.email,
                org.phone,
                _("Yes") if org.is_active else _("No"),
            ]

    def user_rows() -> Iterator[list[XlsxValue]]:
        for user in users.iterator(chunk_size=2000):
            yield [
                user.get_full_name(),
                user.username,
                user.organization.name if user.organization else "",
                user.position,
                user.email,
                "; ".join(roles.get(user.pk, [])),
                _("Yes") if user.is_active else _("No"),
            ]

    job.report(70, _("Writing the workbook"))
    content = build_xlsx(
        [
            Sheet(
                name=_("Organizations"),
                columns=[
                    _("Name"),
                    _("Code"),
                    _("Kind"),
                    _("Parent organization"),
                    _("Address"),
                    _("E-mail"),
                    _("Phone"),
                    _("Active"),
                ],
                rows=organization_rows(),
            ),
            Sheet(
                name=_("Accounts"),
                columns=[
                    _("Full name"),
                    _("Username"),
                    _("Organization"),
                    _("Position"),
                    _("E-mail"),
                    _("Roles"),
                    _("Active"),
                ],
                rows=user_rows(),
            ),
        ]
    )
    attach_file(job, f"don-vi-tai-khoan-{timezone.localdate():%Y%m%d}.xlsx", content)
    job.report(100, _("The workbook is ready."))
