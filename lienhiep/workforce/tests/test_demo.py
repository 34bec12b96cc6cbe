"""The demonstration registry reads like a real one: members in associations of their
field, a dissolved association with none left, a registry that grew year by year."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import F
from django.utils import timezone

from lienhiep.associations.models import AssociationStatus
from lienhiep.workforce.demo import EMPLOYERS, YEARLY_ADDITIONS
from lienhiep.workforce.models import Membership, Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo() -> None:
    call_command("load_demo", stdout=StringIO())


def test_members_belong_to_associations_of_their_field_and_left_the_dissolved(
    demo: None,
) -> None:
    current = Membership.objects.filter(left_on__isnull=True)
    own_field = current.filter(association__field=F("person__field")).count()
    assert current.count() > 100
    assert own_field / current.count() > 0.75
    # A dissolved association's members have all left it.
    dissolved = Membership.objects.filter(association__status=AssociationStatus.DISSOLVED)
    assert dissolved.exists()
    assert not dissolved.filter(left_on__isnull=True).exists()
    assert not dissolved.filter(left_on__lt=F("joined_on")).exists()


def test_people_work_in_their_field_and_entered_the_registry_over_eight_years(
    demo: None,
) -> None:
    for person in Person.objects.only("field", "employer")[:100]:
        assert person.employer in EMPLOYERS[person.field]  # type: ignore[index]
    years = set(Person.objects.values_list("created_at__year", flat=True))
    this_year = timezone.localdate().year
    assert max(years) == this_year
    assert min(years) == this_year - len(YEARLY_ADDITIONS) + 1
    assert not Person.objects.filter(created_at__gt=timezone.now()).exists()


def test_each_record_and_membership_has_its_history_from_the_day_it_was_registered(
    demo: None,
) -> None:
    people = dict(Person.objects.values_list("pk", "created_at"))
    history = Person.history.filter(history_type="+")
    assert dict(history.values_list("id", "history_date")) == people
    assert history.count() == len(people)
    memberships = Membership.objects.values_list("pk", "person_id")
    recorded = dict(Membership.history.filter(history_type="+").values_list("id", "history_date"))
    assert recorded == {pk: people[person] for pk, person in memberships}
