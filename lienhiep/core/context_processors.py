from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import connection
from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _

from lienhiep.core import access
from lienhiep.core.models import Notification, Role


def directive_entries(user: Any) -> list[tuple[str, str]]:
    # Imported here: the directives app builds on core, not the other way round.
    from lienhiep.directives import access as directives_access

    entries: list[tuple[str, str]] = []
    if directives_access.is_reporter(user):
        entries.append((_("My tasks"), reverse("directives:my_tasks")))
    if directives_access.can_use_module(user):
        entries += [
            (_("Directives"), reverse("directives:document_list")),
            (_("Dashboard"), reverse("directives:dashboard")),
        ]
    return entries


def association_entries(user: Any) -> list[tuple[str, str]]:
    # Imported here: the associations app builds on core, not the other way round.
    from lienhiep.associations import access as associations_access

    if associations_access.can_use_module(user):
        return [(_("Member associations"), reverse("associations:list"))]
    return []


def workforce_entries(user: Any) -> list[tuple[str, str]]:
    from lienhiep.workforce import access as workforce_access

    if workforce_access.can_use_registry(user):
        return [(_("Intellectuals"), reverse("workforce:finder"))]
    return []


@dataclass
class NavItem:
    label: str
    url: str
    active: bool


def navigation(request: HttpRequest) -> dict[str, Any]:
    """The menu shows only what the signed-in user's roles may open.

    Lazy, as the unread count is: a partial that htmx swaps into the page draws no menu.
    """
    user = getattr(request, "user", None)
    context: dict[str, Any] = {"brand_name": settings.SITE_NAME}
    if user is None or not user.is_authenticated:
        return context
    context["nav_items"] = SimpleLazyObject(lambda: menu(user, request.path))
    context["user_roles"] = SimpleLazyObject(
        lambda: [Role(r).label for r in sorted(access.roles_of(user))]
    )
    return context


def menu(user: Any, path: str) -> list[NavItem]:
    """The entries of the menu for ``user``, the one for ``path`` marked current."""
    entries: list[tuple[str, str]] = [(_("Home"), reverse("core:home"))]
    entries += directive_entries(user)
    entries += association_entries(user)
    entries += workforce_entries(user)
    if access.can_read_directory(user):
        entries += [
            (_("Organizations"), reverse("core:organization_list")),
            (_("Accounts"), reverse("core:user_list")),
        ]
    if access.has_role(user, {Role.ADMIN}):
        entries.append((_("Administration"), reverse("admin:index")))
    # The most specific entry is the current one (/directives/dashboard/ over /directives/).
    matches = [
        url for _label, url in entries if (path == url if url == "/" else path.startswith(url))
    ]
    current = max(matches, key=len, default=None)
    return [NavItem(label, url, active=url == current) for label, url in entries]


def unread_notifications(request: HttpRequest) -> dict[str, Any]:
    """How many unread notifications the header badge shows, for signed-in users."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    # Lazy: the COUNT runs only when a page shows the badge, not for every
    # partial that htmx polls (a job's progress bar asks every second).
    return {"unread_notifications": SimpleLazyObject(lambda: _unread(user.pk))}


def _unread(user_id: int) -> int:
    # On every page: one plain statement (the ORM's count() costs four times as much as
    # the database's answer, through the index on user and read time).
    table = connection.ops.quote_name(Notification._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT count(*) FROM {table} WHERE user_id = %s AND read_at IS NULL",  # noqa: S608
            [user_id],
        )
        (count,) = cursor.fetchone()
    return int(count)
