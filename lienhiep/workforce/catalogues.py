"""The catalogue rows the data migration loads, available again on demand.

Tests that truncate tables (transactional tests) and fresh demonstration loads
call ``ensure_catalogues`` so the 54 ethnic groups, degrees and titles are there;
the rows themselves are defined once, in the data migration.
"""

from __future__ import annotations

import importlib

from django.apps import apps


def ensure_catalogues() -> None:
    migration = importlib.import_module("lienhiep.workforce.migrations.0002_catalogues")
    migration.load(apps, None)
