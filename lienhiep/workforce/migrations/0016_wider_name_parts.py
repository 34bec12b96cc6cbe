"""Name parts as wide as the whole name, and sort keys written again where they were wrong.

* A family, middle or given name could be longer than its column (a middle name of
  over 100 characters, a hyphenated family name of over 50), which PostgreSQL refused.
* A character beyond the first 65,536 (an emoji, a rare Hán character) took five hex
  digits in the sort key instead of four, which put every weight after it out of step
  (and an odd count of digits stopped the save on PostgreSQL); a very long name's key
  outgrew its column on SQLite. Those keys are computed again (``names.sortable``).
"""

from django.db import migrations, models

from lienhiep.workforce.names import SORT_KEY_LENGTH, sortable


def mend_sort_keys(apps, schema_editor):
    Person = apps.get_model("workforce", "Person")
    people = Person.objects.values_list("pk", "full_name", "sort_key").iterator(chunk_size=10_000)
    mended = [
        Person(pk=pk, sort_key=sortable(name))
        for pk, name, key in people
        if len(key) > SORT_KEY_LENGTH or (name and max(name) > "\uffff")
    ]
    Person.objects.bulk_update(mended, ["sort_key"], batch_size=1000)


class Migration(migrations.Migration):

    dependencies = [
        ('workforce', '0015_longer_sort_key'),
    ]

    operations = [
        migrations.AlterField(
            model_name='historicalperson',
            name='family_name',
            field=models.CharField(editable=False, max_length=150, verbose_name='family name'),
        ),
        migrations.AlterField(
            model_name='historicalperson',
            name='given_name',
            field=models.CharField(editable=False, max_length=150, verbose_name='given name'),
        ),
        migrations.AlterField(
            model_name='historicalperson',
            name='middle_name',
            field=models.CharField(editable=False, max_length=150, verbose_name='middle name'),
        ),
        migrations.AlterField(
            model_name='person',
            name='family_name',
            field=models.CharField(editable=False, max_length=150, verbose_name='family name'),
        ),
        migrations.AlterField(
            model_name='person',
            name='given_name',
            field=models.CharField(editable=False, max_length=150, verbose_name='given name'),
        ),
        migrations.AlterField(
            model_name='person',
            name='middle_name',
            field=models.CharField(editable=False, max_length=150, verbose_name='middle name'),
        ),
        migrations.RunPython(mend_sort_keys, migrations.RunPython.noop),
    ]
