"""On PostgreSQL: pg_trgm and a GIN trigram index on the folded name, for the finder.

SQLite has neither; there the finder uses LIKE on the same folded column.
"""

from django.db import migrations

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS person_name_trgm ON workforce_person "
    "USING gin (name_folded gin_trgm_ops)",
]
BACKWARD = ["DROP INDEX IF EXISTS person_name_trgm"]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("workforce", "0002_catalogues")]
    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]
