"""Fixtures shared by every app's tests."""

from __future__ import annotations

from typing import Any

import pytest

from lienhiep.core.testing import World, build_world


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: Any) -> None:
    # Real hashing costs ~0.3 s a user; tests create a dozen users each.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _small_demo(settings: Any) -> None:
    # load_demo's 20,000 invented people are for trying the site, not for tests.
    settings.DEMO_PEOPLE = 300


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    # Tests roll their writes back, so the registry version that keys cached pages
    # never changes between them: each test starts with nothing cached.
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _media_in_tmp(settings: Any, tmp_path_factory: pytest.TempPathFactory) -> None:
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")


@pytest.fixture(autouse=True)
def _catalogues_after_flush(request: pytest.FixtureRequest) -> None:
    # Transactional tests (the worker, the browser) end by emptying every table,
    # the rows of data migrations included; pytest-django runs them last, and each
    # gets the catalogues back here (its own database fixture is already set up).
    marker = request.node.get_closest_marker("django_db")
    if marker and marker.kwargs.get("transaction"):
        from lienhiep.workforce.catalogues import ensure_catalogues

        ensure_catalogues()


@pytest.fixture
def world(db: None) -> World:
    """One account for each role, plus an outsider with no role, in a small province."""
    return build_world()
