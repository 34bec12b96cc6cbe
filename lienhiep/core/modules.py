"""Find the optional modules the project's apps bring (``demo``, ``homepage``…).

Core calls into the apps built on it through these conventions instead of
importing them; the lookup is done once per process.
"""

from __future__ import annotations

import functools
import importlib
import importlib.util
from types import ModuleType

from django.apps import AppConfig, apps


@functools.cache
def project_modules(name: str) -> tuple[tuple[AppConfig, ModuleType], ...]:
    """``<app>.<name>`` of each project app that has one, in INSTALLED_APPS order."""
    found = []
    for app in apps.get_app_configs():
        if app.name.startswith("lienhiep.") and importlib.util.find_spec(f"{app.name}.{name}"):
            found.append((app, importlib.import_module(f"{app.name}.{name}")))
    return tuple(found)
