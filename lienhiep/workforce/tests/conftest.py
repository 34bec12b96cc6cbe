from __future__ import annotations

import pytest

from lienhiep.workforce.catalogues import ensure_catalogues


@pytest.fixture(autouse=True)
def _catalogues(request: pytest.FixtureRequest) -> None:
    # Transactional tests empty every table, the data migration's rows included;
    # pytest-django's own autouse fixture has opened the database by now.
    if request.node.get_closest_marker("django_db"):
        ensure_catalogues()
