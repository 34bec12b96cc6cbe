"""Migrations that mend data already in the registry."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from lienhiep.core.testing import migrate_to
from lienhiep.workforce.models import Person
from lienhiep.workforce.names import name_columns, sortable

BEFORE = [("workforce", "0015_longer_sort_key")]


@pytest.mark.django_db(transaction=True)
def test_sort_keys_out_of_step_are_written_again_and_the_others_are_left() -> None:
    old = migrate_to(BEFORE).loader.project_state(BEFORE).apps.get_model("workforce", "Person")
    # A key as it used to be written for a character beyond U+FFFF: five digits, not four.
    astral = old.objects.create(
        full_name="Lò Văn B𠀀", **(name_columns("Lò Văn B𠀀") | {"sort_key": "0a0b0c0d0e"})
    )
    # Any other key is left as it is, whatever it holds.
    other = old.objects.create(
        full_name="Lò Văn An", **(name_columns("Lò Văn An") | {"sort_key": "ffff"})
    )

    migrate_to(MigrationExecutor(connection).loader.graph.leaf_nodes())

    assert Person.objects.get(pk=astral.pk).sort_key == sortable("Lò Văn B𠀀")
    assert Person.objects.get(pk=other.pk).sort_key == "ffff"
