"""Writes to the member association registry: one named function per change.

Each runs in a transaction and stamps the change history with its author;
views and the demonstration loader both go through here.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.db import transaction
from django.utils.translation import gettext as _

from lienhiep.associations.models import ActivityReport, Association, Branch, MemberCount
from lienhiep.core.actions import do_save_organization, stamp
from lienhiep.core.models import Organization, OrganizationKind, User


def the_union() -> Organization | None:
    """The provincial Union, under which every member association sits."""
    return Organization.objects.filter(kind=OrganizationKind.UNION).order_by("pk").first()


def check_new_code(code: str) -> Organization | None:
    """The organization a new profile would take for ``code``, if one exists and may be taken.

    An organization of another kind, or one that already has a profile, may not.
    """
    existing = Organization.objects.filter(code=code.strip().upper()).first()
    if existing is None:
        return None
    if existing.kind != OrganizationKind.ASSOCIATION:
        raise ValidationError(
            {"code": _("This code belongs to an organization that is not a member association.")}
        )
    if Association.objects.filter(organization=existing).exists():
        raise ValidationError({"code": _("This association is already in the registry.")})
    return existing


def _organization_for(actor: User | None, code: str, name: str, short_name: str) -> Organization:
    organization = check_new_code(code)
    if organization is None:
        organization = Organization(
            code=code.strip().upper(),
            kind=OrganizationKind.ASSOCIATION,
            parent=the_union(),
        )
    if organization.pk is None or (name and organization.name != name):
        organization.name = name or organization.name
        organization.short_name = short_name or organization.short_name
        do_save_organization(actor, organization)
    return organization


def _rename(
    actor: User | None, organization: Organization, name: str, short_name: str | None
) -> None:
    changed = False
    if name and organization.name != name:
        organization.name = name
        changed = True
    if short_name is not None and organization.short_name != short_name:
        organization.short_name = short_name
        changed = True
    if changed:
        do_save_organization(actor, organization)


@transaction.atomic
def do_save_association(
    actor: User | None,
    association: Association,
    *,
    code: str = "",
    name: str = "",
    short_name: str | None = None,
) -> Association:
    """Save a profile. A new one creates its organization (of kind member
    association, under the Union) from ``code`` and ``name``, or takes the
    existing association organization with that code. ``name`` and
    ``short_name`` rename the organization; empty or None leave it as it is."""
    if association._state.adding and association.organization_id is None:
        association.organization = _organization_for(actor, code, name, short_name or "")
    else:
        _rename(actor, association.organization, name, short_name)
    association.full_clean()
    stamp(association, actor)
    association.save()
    return association


@transaction.atomic
def do_record_member_count(
    actor: User | None, association: Association, count: MemberCount
) -> MemberCount:
    """Record a year's count, or correct one: full_clean checks the one-count-a-year
    constraint and explains a duplicate."""
    count.association = association
    count.full_clean()
    stamp(count, actor)
    count.save()
    return count


@transaction.atomic
def do_remove_member_count(actor: User | None, count: MemberCount) -> None:
    """A count recorded by mistake; its history keeps what it said and who removed it."""
    stamp(count, actor)
    count.delete()


@transaction.atomic
def do_save_branch(actor: User | None, association: Association, branch: Branch) -> Branch:
    """Add a branch or correct one."""
    branch.association = association
    branch.full_clean()
    stamp(branch, actor)
    branch.save()
    return branch


@transaction.atomic
def do_remove_branch(actor: User | None, branch: Branch) -> None:
    """A branch that was dissolved or merged; its history keeps it."""
    stamp(branch, actor)
    branch.delete()


@transaction.atomic
def do_add_activity_report(
    actor: User | None, association: Association, report: ActivityReport, upload: File
) -> ActivityReport:
    """File a yearly report; the file keeps its name for the download."""
    name = (upload.name or "bao-cao").rsplit("/", 1)[-1]
    report.association = association
    report.submitted_by = actor
    report.file_name = name
    report.file.save(name, upload, save=False)
    report.full_clean()
    report.save()
    return report


@transaction.atomic
def do_withdraw_activity_report(actor: User | None, report: ActivityReport) -> None:
    """Take back a report filed by mistake. Its history keeps who filed and who
    withdrew it; the file goes once the withdrawal is committed."""
    storage, name = report.file.storage, report.file.name
    stamp(report, actor)
    report.delete()
    if name:
        transaction.on_commit(lambda: storage.delete(name))
