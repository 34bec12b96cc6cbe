"""Django's database sessions, each read with one statement written out.

Every request of a signed-in user reads its session row. Django's backend reads it
through the ORM, which takes longer to write that statement than the database
takes to answer it; this one reads the same row with the statement written out.
Saving, expiry and ``clearsessions`` are Django's own.
"""

from __future__ import annotations

from django.contrib.sessions.backends import db
from django.contrib.sessions.base_session import AbstractBaseSession
from django.db import connections, router
from django.utils import timezone


class SessionStore(db.SessionStore):
    def _get_session_from_db(self) -> AbstractBaseSession | None:
        connection = connections[router.db_for_read(self.model)]
        table = connection.ops.quote_name(self.model._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT session_data FROM {table}"  # noqa: S608 (the table's own name)
                " WHERE session_key = %s AND expire_date > %s",
                [self.session_key, timezone.now()],
            )
            row = cursor.fetchone()
        if row is None or self.session_key is None:
            self._session_key = None  # as Django's: a key not found is not reused
            return None
        return self.model(session_key=self.session_key, session_data=row[0])
