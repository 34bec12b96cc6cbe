"""Every save or delete of a person or a membership expires the cached statistics.

So does every save or delete of what labels their rows: catalogue entries,
communes and associations (their names are stored in the cached tables, and the
finder's filter lists are drawn once per version). Bulk writers, which
send no signals, call ``statistics.registry_changed`` themselves.
"""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save

from lienhiep.associations.models import Association
from lienhiep.core.models import Organization
from lienhiep.workforce.models import AcademicTitle, Degree, Ethnicity, Membership, Person
from lienhiep.workforce.statistics import registry_changed

REGISTRY = (Person, Membership)
LABELS = (Degree, AcademicTitle, Ethnicity, Organization, Association)


def changed(sender: type, using: str, **kwargs: Any) -> None:
    registry_changed(using)


def connect() -> None:
    for model in (*REGISTRY, *LABELS):
        post_save.connect(changed, sender=model, dispatch_uid=f"registry-{model.__name__}")
        post_delete.connect(changed, sender=model, dispatch_uid=f"registry-{model.__name__}")
