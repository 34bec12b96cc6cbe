"""The signed-in user of each request, read with their roles in one statement.

Django's model backend reads the account through the ORM, and the roles are asked
for on every page (``access.roles_of``): here one statement written out reads both,
the account joined to its role assignments. Signing in and permissions are the
model backend's own.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.db import connections, router

from lienhiep.core.access import remember_roles
from lienhiep.core.models import RoleAssignment, User


class Backend(ModelBackend):
    def get_user(self, user_id: Any) -> User | None:
        try:
            pk = int(user_id)
        except (TypeError, ValueError):
            return None
        connection = connections[router.db_for_read(User)]
        quote = connection.ops.quote_name
        fields = User._meta.concrete_fields
        pk_column = quote(User._meta.pk.column)  # type: ignore[arg-type]
        columns = ", ".join(f"u.{quote(field.column)}" for field in fields)  # type: ignore[arg-type]
        user_id_column = quote(RoleAssignment._meta.get_field("user").column)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {columns}, r.{quote('role')}"  # noqa: S608 (the model's own names)
                f" FROM {quote(User._meta.db_table)} u"
                f" LEFT JOIN {quote(RoleAssignment._meta.db_table)} r"
                f" ON r.{user_id_column} = u.{pk_column} WHERE u.{pk_column} = %s",
                [pk],
            )
            rows = cursor.fetchall()
        if not rows:
            return None
        user = User.from_db(connection.alias, [f.attname for f in fields], rows[0][:-1])
        remember_roles(user, (row[-1] for row in rows if row[-1] is not None))
        return user if self.user_can_authenticate(user) else None
