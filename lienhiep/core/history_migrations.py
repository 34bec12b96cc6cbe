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

# The columns simple-history adds of its own; every other column is the row's.
_HISTORY_OWN = {"history_id", "history_date", "history_change_reason", "history_type"}


def record_present_state(app_label: str, model_name: str) -> migrations.RunPython:
    """Give every row of ``app_label.model_name`` that has no history record yet a
    "created" record of its present state. Run again, it adds nothing."""

    def forward(apps: Any, schema_editor: Any) -> None:
        model = apps.get_model(app_label, model_name)
        historical = apps.get_model(app_label, f"Historical{model_name}")
        connection = schema_editor.connection
        quote = connection.ops.quote_name
        copied = [
            field.column
            for field in historical._meta.concrete_fields
            if field.name not in _HISTORY_OWN and field.name != "history_user"
        ]
        # Read later by everyone, so in the site's language (as a roster import's reason).
        with translation.override(settings.LANGUAGE_CODE):
            reason = gettext("State when its change history began")
        history_date = historical._meta.get_field("history_date")
        now = history_date.get_db_prep_value(timezone.now(), connection)
        table, rows = quote(historical._meta.db_table), quote(model._meta.db_table)
        columns = ", ".join(quote(column) for column in copied)
        values = ", ".join(f"r.{quote(column)}" for column in copied)
        # Names only, quoted, from the migration's own models; the values are parameters.
        sql = (
            f"INSERT INTO {table} ({columns}, history_date, history_change_reason,"  # noqa: S608
            f" history_type) SELECT {values}, %s, %s, '+' FROM {rows} r"
            f" WHERE NOT EXISTS (SELECT 1 FROM {table} h WHERE h.id = r.id)"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [now, reason])

    return migrations.RunPython(forward, migrations.RunPython.noop, elidable=True)
