"""Fail when a URL pattern has no permission test (as Zulip fails on untested URLs)."""

from __future__ import annotations

import importlib
import pkgutil

from django.urls import URLPattern, URLResolver, get_resolver

import lienhiep
from lienhiep.core.testing import AccessCheck

# Patterns whose access is another library's business, each with the reason.
EXEMPT_NAMESPACES = {
    "admin": "the Django admin checks is_staff and model permissions itself",
}


def _url_names(patterns: list[URLPattern | URLResolver], namespace: str = "") -> set[str]:
    names: set[str] = set()
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}{pattern.namespace}:"
            if pattern.namespace in EXEMPT_NAMESPACES:
                continue
            names |= _url_names(pattern.url_patterns, inner)
        elif pattern.name:
            names.add(f"{namespace}{pattern.name}")
        else:
            names.add(f"<unnamed {pattern.pattern}>")
    return names


def _declared_checks() -> set[str]:
    declared: set[str] = set()
    for module_info in pkgutil.walk_packages(lienhiep.__path__, "lienhiep."):
        if ".tests.test_access" not in module_info.name:
            continue
        module = importlib.import_module(module_info.name)
        for check in getattr(module, "CHECKS", []):
            assert isinstance(check, AccessCheck)
            declared.add(check.url_name)
    return declared


def test_every_url_pattern_has_a_permission_test() -> None:
    missing = _url_names(get_resolver().url_patterns) - _declared_checks()
    assert not missing, f"URL patterns without an AccessCheck: {sorted(missing)}"


def test_checks_name_only_existing_urls() -> None:
    stale = _declared_checks() - _url_names(get_resolver().url_patterns)
    assert not stale, f"AccessChecks for URL names that no longer exist: {sorted(stale)}"
