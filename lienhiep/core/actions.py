"""Writes to organizations, accounts and roles.

Each function is one named change, done in a transaction and recorded in the
change history with the person who made it.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction

from lienhiep.core.models import Notification, Organization, Role, RoleAssignment, User

logger = logging.getLogger(__name__)


def stamp(obj: object, actor: User | None) -> None:
    """Name the author of the next history record of ``obj`` (every app's actions use this)."""
    # django-simple-history reads the author from the request in views; commands
    # and background jobs have no request, so the author is set explicitly.
    if actor is not None:
        obj._history_user = actor  # type: ignore[attr-defined]


@transaction.atomic
def do_save_organization(actor: User | None, organization: Organization) -> Organization:
    organization.full_clean()
    stamp(organization, actor)
    organization.save()
    return organization


@transaction.atomic
def do_save_user(actor: User | None, user: User, *, password: str | None = None) -> User:
    if password:
        user.set_password(password)
    elif user._state.adding and not user.has_usable_password():
        user.set_unusable_password()
    stamp(user, actor)
    user.save()
    return user


def _sync_staff_flag(actor: User | None, user: User) -> None:
    # The Django admin is for administrators: the flag follows the role.
    is_admin = user.role_assignments.filter(role=Role.ADMIN).exists()
    if user.is_staff != is_admin and not user.is_superuser:
        user.is_staff = is_admin
        stamp(user, actor)
        user.save(update_fields=["is_staff"])


@transaction.atomic
def do_assign_role(
    actor: User | None, user: User, organization: Organization, role: str
) -> RoleAssignment:
    assignment = RoleAssignment(user=user, organization=organization, role=role)
    assignment.full_clean()
    stamp(assignment, actor)
    assignment.save()
    if user.organization_id is None:
        user.organization = organization
        stamp(user, actor)
        user.save(update_fields=["organization"])
    _sync_staff_flag(actor, user)
    return assignment


@transaction.atomic
def do_revoke_role(actor: User | None, assignment: RoleAssignment) -> None:
    user = assignment.user
    stamp(assignment, actor)
    assignment.delete()
    _sync_staff_flag(actor, user)


@transaction.atomic
def do_set_user_active(actor: User | None, user: User, *, active: bool) -> User:
    user.is_active = active
    stamp(user, actor)
    user.save(update_fields=["is_active"])
    return user


def do_notify(users: Iterable[User], text: str, *, url: str = "", subject: str = "") -> int:
    """Put a message in each user's inbox and e-mail a copy to those with an address.

    Returns how many users were notified. Mail failures are logged, never raised:
    a reminder must not undo the work that triggered it.
    """
    recipients = [u for u in users if u.is_active]
    Notification.objects.bulk_create(Notification(user=u, text=text, url=url) for u in recipients)
    link = f"\n\n{settings.SITE_URL.rstrip('/')}{url}" if url and settings.SITE_URL else ""
    for user in recipients:
        if not user.email:
            continue
        try:
            send_mail(subject or text[:120], f"{text}{link}", None, [user.email])
        except OSError:
            logger.exception("Could not e-mail %s", user.email)
    return len(recipients)
