from django.db import migrations

from lienhiep.core.history_migrations import record_present_state


class Migration(migrations.Migration):
    """Member counts, branches and activity reports recorded before their history
    began get a "created" record."""

    dependencies = [
        ("associations", "0003_activity_report_history"),
    ]

    operations = [
        record_present_state("associations", "MemberCount"),
        record_present_state("associations", "Branch"),
        record_present_state("associations", "ActivityReport"),
    ]
