"""History records written in bulk, by SQL, as django-simple-history writes them one by one.

``insert_history_records`` copies the rows of a model that a condition selects into its
history table, in one INSERT … SELECT, stamped with who, why, when and what happened.
The roster import and its undo use it for a hundred thousand people at a time; the
migration that gives older rows their "created" record uses it with the models of its
migration state.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper

_STAMPED = ("history_date", "history_type", "history_user", "history_change_reason")


def insert_history_records(
    connection: BaseDatabaseWrapper,
    history: Any,
    source: Any,
    where: str,
    where_params: list[Any],
    *,
    kind: str,
    user_id: int | None,
    reason: str,
    when: datetime.datetime,
) -> None:
    """One ``history`` record per row of ``source`` that ``where`` selects: "+" (created),
    "~" (changed) or "-" (deleted, written just before the row goes). ``where`` may name
    the source table by its quoted name; its values are ``where_params``."""
    quote = connection.ops.quote_name
    stamps = {
        "history_date": connection.ops.adapt_datetimefield_value(when),
        "history_type": kind,
        "history_user": user_id,
        "history_change_reason": reason,
    }
    targets, selects, params = [], [], []
    for field in history._meta.concrete_fields:
        if field.name == "history_id":
            continue
        targets.append(quote(field.column))
        if field.name in _STAMPED:
            selects.append("%s")
            params.append(stamps[field.name])
        else:  # the historical copy of a field has the source's column name
            selects.append(quote(field.column))
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {quote(history._meta.db_table)} ({', '.join(targets)}) "  # noqa: S608
            f"SELECT {', '.join(selects)} FROM {quote(source._meta.db_table)} WHERE {where}",
            [*params, *where_params],
        )
