from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from lienhiep.core import access
from lienhiep.core.models import Role


@dataclass
class NavItem:
    label: str
    url: str
    active: bool


def navigation(request: HttpRequest) -> dict[str, Any]:
    """The menu shows only what the signed-in user's roles may open."""
    user = getattr(request, "user", None)
    context: dict[str, Any] = {"brand_name": settings.SITE_NAME}
    if user is None or not user.is_authenticated:
        return context
    entries: list[tuple[str, str]] = [(_("Home"), reverse("core:home"))]
    if access.can_read_directory(user):
        entries += [
            (_("Organizations"), reverse("core:organization_list")),
            (_("Accounts"), reverse("core:user_list")),
        ]
    if access.has_role(user, {Role.ADMIN}):
        entries.append((_("Administration"), reverse("admin:index")))
    path = request.path
    items = [
        NavItem(label, url, active=(path == url if url == "/" else path.startswith(url)))
        for label, url in entries
    ]
    context["nav_items"] = items
    context["user_roles"] = [Role(r).label for r in sorted(access.roles_of(user))]
    return context
