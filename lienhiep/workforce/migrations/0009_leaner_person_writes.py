"""Fewer writes for each person saved, which a roster import of 100,000 people feels.

* The btree on the folded name alone goes on PostgreSQL, where ``person_name_order``
  (0006) begins with the folded name and serves the same lookups. SQLite keeps it
  (the import's who-is-who joins need it there); the models no longer declare it,
  since it now exists on one database only.
* A person's history keeps who made each change without a foreign-key constraint: the
  database no longer checks one key for every history record an import writes. Django
  still clears the column when an account is deleted (``on_delete=SET_NULL``).
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def _drop_on_postgresql(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS person_name_folded")


def _restore_on_postgresql(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS person_name_folded ON workforce_person (name_folded)"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("workforce", "0008_trigram_word_similarity"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveIndex(model_name="person", name="person_name_folded"),
            ],
            database_operations=[
                migrations.RunPython(_drop_on_postgresql, _restore_on_postgresql),
            ],
        ),
        migrations.AlterField(
            model_name="historicalperson",
            name="history_user",
            field=models.ForeignKey(
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
    ]
