"""Who may see or change organizations and users.

These rules live here and nowhere else: views load objects through the
``access_*`` helpers, which answer 404 rather than reveal that an object the
user may not see exists.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.db.models import Q, QuerySet
from django.http import Http404

from lienhiep.core.models import Organization, Role, RoleAssignment, User

AnyUser = User | AnonymousUser

# Roles that run the Union's office: they manage its organizations and accounts.
MANAGER_ROLES = frozenset({Role.ADMIN, Role.UNION_STAFF, Role.UNION_LEADER})
# Roles that read across the whole province.
READER_ROLES = MANAGER_ROLES | {Role.OVERSIGHT}
# Roles held on behalf of a unit: they see their unit and its colleagues.
# Experts, judges and the public act for themselves and see only their own account.
UNIT_ROLES = frozenset({Role.UNIT_REPORTER, Role.ASSOCIATION_STAFF})


def roles_of(user: AnyUser) -> frozenset[str]:
    """The roles a user holds anywhere, loaded once per request object."""
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    assert isinstance(user, User)
    cached: frozenset[str] | None = getattr(user, "_roles_cache", None)
    if cached is None:
        # The request's user comes with them (``auth.Backend``); others are asked here,
        # in one plain statement, which the database answers in a third of the time the
        # ORM takes to write it.
        table = connection.ops.quote_name(RoleAssignment._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT role FROM {table} WHERE user_id = %s", [user.pk])  # noqa: S608
            cached = remember_roles(user, (role for (role,) in cursor.fetchall()))
    return cached


def remember_roles(user: User, roles: Iterable[str]) -> frozenset[str]:
    """Keep ``roles`` on ``user`` (the roles assigned to it) for ``roles_of``."""
    held = set(roles)
    if user.is_superuser:
        held.add(Role.ADMIN)
    user._roles_cache = frozenset(held)  # type: ignore[attr-defined]
    return user._roles_cache  # type: ignore[attr-defined]


def has_role(user: AnyUser, roles: Iterable[str]) -> bool:
    return bool(roles_of(user) & set(roles))


def organizations_with_role(user: AnyUser, roles: Iterable[str]) -> QuerySet[Organization]:
    """The organizations in which the user holds one of ``roles``."""
    if not user.is_authenticated:
        return Organization.objects.none()
    ids = RoleAssignment.objects.filter(user_id=user.pk, role__in=list(roles)).values(
        "organization_id"
    )
    return Organization.objects.filter(pk__in=ids)


def can_manage_directory(user: AnyUser) -> bool:
    """Create and edit organizations and user accounts."""
    return has_role(user, MANAGER_ROLES)


def can_read_directory(user: AnyUser) -> bool:
    """See every organization and account of the province."""
    return has_role(user, READER_ROLES)


def can_grant_role(user: AnyUser, role: str) -> bool:
    # Only an administrator may make another administrator.
    if role == Role.ADMIN:
        return has_role(user, {Role.ADMIN})
    return can_manage_directory(user)


def require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def organizations_visible_to(user: AnyUser) -> QuerySet[Organization]:
    if can_read_directory(user):
        return Organization.objects.all()
    return organizations_with_role(user, UNIT_ROLES)


def users_visible_to(user: AnyUser) -> QuerySet[User]:
    if can_read_directory(user):
        return User.objects.all()
    if not user.is_authenticated:
        return User.objects.none()
    units = organizations_with_role(user, UNIT_ROLES)
    return User.objects.filter(Q(pk=user.pk) | Q(organization__in=units))


def access_organization(user: AnyUser, pk: int, *, for_change: bool = False) -> Organization:
    if for_change and not can_manage_directory(user):
        raise Http404
    try:
        return organizations_visible_to(user).select_related("parent").get(pk=pk)
    except Organization.DoesNotExist:
        raise Http404 from None


def access_user(user: AnyUser, pk: int, *, for_change: bool = False) -> User:
    if for_change and not can_manage_directory(user):
        raise Http404
    try:
        target = users_visible_to(user).select_related("organization").get(pk=pk)
    except User.DoesNotExist:
        raise Http404 from None
    if for_change and target.is_superuser and not has_role(user, {Role.ADMIN}):
        # Staff may not edit (or lock out) an administrator's account.
        raise Http404
    return target
