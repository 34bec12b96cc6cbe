"""Phones and e-mails in one spelling each, indexed: a roster finds the same person again
by either of them."""

from django.db import migrations, models

from lienhiep.vn import normalize_phone


def normalize_contacts(apps, schema_editor):
    Person = apps.get_model("workforce", "Person")
    changed = []
    people = Person.objects.exclude(phone="", email="").only("pk", "phone", "email")
    for person in people.iterator(chunk_size=5000):
        phone = normalize_phone(person.phone) or person.phone.strip()
        email = person.email.strip().lower()
        if (phone, email) != (person.phone, person.email):
            person.phone, person.email = phone, email
            changed.append(person)
        if len(changed) >= 5000:
            Person.objects.bulk_update(changed, ["phone", "email"])
            changed = []
    Person.objects.bulk_update(changed, ["phone", "email"])


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_notification"),
        ("workforce", "0004_rosterimport_undo"),
    ]

    operations = [
        migrations.RunPython(normalize_contacts, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name="person",
            index=models.Index(fields=["email"], name="person_email"),
        ),
        migrations.AddIndex(
            model_name="person",
            index=models.Index(fields=["phone"], name="person_phone"),
        ),
    ]
