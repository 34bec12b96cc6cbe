from django.db import migrations

from lienhiep.core.history_migrations import record_present_state


class Migration(migrations.Migration):
    """Memberships recorded before their history began get a "created" record."""

    dependencies = [
        ("workforce", "0013_membership_history"),
    ]

    operations = [
        record_present_state("workforce", "Membership"),
    ]
