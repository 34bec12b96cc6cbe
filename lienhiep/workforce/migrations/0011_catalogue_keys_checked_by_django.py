"""Fewer checks and fewer index entries for each person a roster import writes.

* A person's ethnic group, degree and academic title, and the import that brought
  the person, keep their columns but lose their database constraints: Django guards
  them (PROTECT on the catalogues, SET_NULL on a deleted batch), and the database no
  longer looks up four rows for every person when an import commits.
* The index on the ethnic group goes (nothing searches people by it), and so does the
  one on the year of birth (the statistics count every person; duplicates are found
  by name first).
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("workforce", "0010_learn_name_words_once"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="person",
            name="person_birth_year",
        ),
        migrations.AlterField(
            model_name="person",
            name="degree",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                to="workforce.degree",
                verbose_name="degree",
            ),
        ),
        migrations.AlterField(
            model_name="person",
            name="ethnicity",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                to="workforce.ethnicity",
                verbose_name="ethnic group",
            ),
        ),
        migrations.AlterField(
            model_name="person",
            name="import_batch",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="people",
                to="workforce.rosterimport",
            ),
        ),
        migrations.AlterField(
            model_name="person",
            name="title",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                to="workforce.academictitle",
                verbose_name="academic title",
            ),
        ),
    ]
