"""Counts of people are written as the reader's language groups digits."""

from __future__ import annotations

import pytest
from django.urls import reverse

from lienhiep.associations.models import Association
from lienhiep.core.models import Role
from lienhiep.core.testing import World, client_for
from lienhiep.workforce.models import Membership, Person
from lienhiep.workforce.names import name_columns

pytestmark = pytest.mark.django_db


def test_the_members_in_the_registry_are_counted_with_grouped_digits(world: World) -> None:
    association = Association.objects.create(organization=world.association)
    people = Person.objects.bulk_create(
        Person(full_name=f"Lò Văn A{i}", **name_columns(f"Lò Văn A{i}")) for i in range(1234)
    )
    Membership.objects.bulk_create(
        Membership(person=person, association=association) for person in people
    )
    client = client_for(world, Role.UNION_STAFF)
    page = client.get(reverse("associations:detail", args=[association.pk])).content.decode()
    assert "1.234 hội viên trong cơ sở dữ liệu" in page
    client.cookies["django_language"] = "en"
    page = client.get(reverse("associations:detail", args=[association.pk])).content.decode()
    assert "1,234 members in the registry" in page
