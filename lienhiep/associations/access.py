"""Who may see and change the member association registry.

* Union staff and leaders, and administrators, manage every association.
* Oversight bodies read every association (with the managers: the readers).
* Association staff see and edit their own association only.
* Every other role sees nothing of the registry.

Associations a user may not see, or may not change when a change is asked,
answer 404 rather than reveal that they exist.
"""

from __future__ import annotations

from typing import TypeVar

from django.db.models import QuerySet
from django.http import Http404

from lienhiep.associations.models import ActivityReport, Association, Branch, MemberCount
from lienhiep.core.access import (
    MANAGER_ROLES,
    READER_ROLES,
    AnyUser,
    has_role,
    organizations_with_role,
    roles_of,
)
from lienhiep.core.models import Role

STAFF_ROLES = frozenset({Role.ASSOCIATION_STAFF})

# A record kept on an association's page: a yearly count, a branch, a report.
Part = TypeVar("Part", MemberCount, Branch, ActivityReport)


def can_manage_all(user: AnyUser) -> bool:
    """Register associations and edit any of them, including name and status."""
    return has_role(user, MANAGER_ROLES)


def reads_all(user: AnyUser) -> bool:
    return has_role(user, READER_ROLES)


def is_association_staff(user: AnyUser) -> bool:
    return Role.ASSOCIATION_STAFF in roles_of(user)


def can_use_module(user: AnyUser) -> bool:
    return reads_all(user) or is_association_staff(user)


def own_associations(user: AnyUser) -> QuerySet[Association]:
    """The associations at whose organization the user holds the association staff role."""
    return Association.objects.filter(organization__in=organizations_with_role(user, STAFF_ROLES))


def associations_visible_to(user: AnyUser) -> QuerySet[Association]:
    if reads_all(user):
        return Association.objects.all()
    if is_association_staff(user):
        return own_associations(user)
    return Association.objects.none()


def editable_associations(user: AnyUser) -> QuerySet[Association]:
    """The associations ``can_edit`` allows: every one for managers, association staff
    their own ones, nobody else any."""
    if can_manage_all(user):
        return Association.objects.all()
    if is_association_staff(user):
        return own_associations(user)
    return Association.objects.none()


def can_edit(user: AnyUser, association: Association) -> bool:
    """Managers edit every association; association staff their own one."""
    if can_manage_all(user):
        return True
    if not is_association_staff(user):
        return False
    return (
        organizations_with_role(user, STAFF_ROLES).filter(pk=association.organization_id).exists()
    )


def access_association(user: AnyUser, pk: int, *, for_change: bool = False) -> Association:
    try:
        association = associations_visible_to(user).select_related("organization").get(pk=pk)
    except Association.DoesNotExist:
        raise Http404 from None
    if for_change and not can_edit(user, association):
        raise Http404
    return association


def access_part_for_change(user: AnyUser, model: type[Part], pk: int) -> Part:
    """A count, branch or report of an association the user may change; 404 otherwise."""
    try:
        part = model.objects.select_related("association__organization").get(pk=pk)
    except model.DoesNotExist:
        raise Http404 from None
    if not can_edit(user, part.association):
        raise Http404
    return part
