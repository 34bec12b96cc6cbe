"""On PostgreSQL: GIN trigram indexes on the folded name and on the name words again.

The finder reads a query whose words are near no name word by pg_trgm's word
similarity against the folded name (``%>``), and finds the name words similar to
a mistyped word (``%``); both through these indexes. 0006 had dropped the first.
"""

from django.db import migrations

FORWARD = [
    "CREATE INDEX IF NOT EXISTS person_name_trgm ON workforce_person"
    " USING gin (name_folded gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS nameword_trgm ON workforce_nameword USING gin (word gin_trgm_ops)",
]
BACKWARD = [
    "DROP INDEX IF EXISTS nameword_trgm",
    "DROP INDEX IF EXISTS person_name_trgm",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("workforce", "0007_leaner_history_indexes")]
    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]
