"""A migration operation for a change history added to a model that already had rows.

django-simple-history records a row's creation only when it is created: rows older than
their history table have none, and their first change would read as a change from
nothing. ``record_present_state`` gives each of them one "created" record of the state it
is in, dated when the migration runs and saying why, in one INSERT … SELECT.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import migrations
from django.utils import timezone, translation
from django.utils.translation import gettext

from lienhiep.core.history_sql import insert_history_records


def record_present_state(app_label: str, model_name: str) -> migrations.RunPython:
    """Give every row of ``app_label.model_name`` that has no history record yet a
    "created" record of its present state. Run again, it adds nothing."""

    def forward(apps: Any, schema_editor: Any) -> None:
        model = apps.get_model(app_label, model_name)
        historical = apps.get_model(app_label, f"Historical{model_name}")
        connection = schema_editor.connection
        quote = connection.ops.quote_name
        # Read later by everyone, so in the site's language (as a roster import's reason).
        with translation.override(settings.LANGUAGE_CODE):
            reason = gettext("State when its change history began")
        rows, table = quote(model._meta.db_table), quote(historical._meta.db_table)
        insert_history_records(
            connection,
            historical,
            model,
            f"NOT EXISTS (SELECT 1 FROM {table} h WHERE h.id = {rows}.id)",  # noqa: S608 (names)
            [],
            kind="+",
            user_id=None,
            reason=reason,
            when=timezone.now(),
        )

    return migrations.RunPython(forward, migrations.RunPython.noop, elidable=True)
