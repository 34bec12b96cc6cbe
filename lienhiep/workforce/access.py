"""Who may see the registry of intellectuals, and who may see personal data in it.

* Union staff, leaders and administrators see everyone, personal fields included.
* Oversight bodies see the registry and its statistics, without personal fields.
* Association staff see the people of their own association, personal fields included.
* Other roles see nothing of it.

Who changes it: the Union's staff, leaders and administrators change anyone and
record memberships of any association; association staff add people to their own
association, change its current members and record their joining and leaving. Only
the Union's managers erase a record, and only they read the logs of exports and
erasures.

Personal fields (Decree 13/2023/NĐ-CP): date and year of birth, phone, e-mail,
commune, note. Objects a user may not see answer 404.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from lienhiep.associations.access import (
    can_edit,
    can_manage_all,
    editable_associations,
    own_associations,
)
from lienhiep.associations.models import Association
from lienhiep.core.access import AnyUser, has_role
from lienhiep.core.models import Role
from lienhiep.workforce.models import Membership, Person

FULL_ACCESS = frozenset({Role.ADMIN, Role.UNION_STAFF, Role.UNION_LEADER})
REGISTRY_READERS = FULL_ACCESS | {Role.OVERSIGHT}
PERSONAL_FIELDS = ("birth_date", "birth_year", "phone", "email", "commune", "note")


def reads_registry(user: AnyUser) -> bool:
    return has_role(user, REGISTRY_READERS)


def own_association_ids(user: AnyUser) -> set[int]:
    """The associations whose staff the user is (the association registry's rule)."""
    return set(own_associations(user).values_list("pk", flat=True))


def can_use_registry(user: AnyUser) -> bool:
    return reads_registry(user) or bool(own_association_ids(user))


def reads_export_log(user: AnyUser) -> bool:
    """The personal data export log is the Union's: its staff, its leaders, the
    administrators."""
    return has_role(user, FULL_ACCESS)


def people_visible_to(user: AnyUser) -> QuerySet[Person]:
    if reads_registry(user):
        return Person.objects.all()
    associations = own_association_ids(user)
    if not associations:
        return Person.objects.none()
    # IN over the current members (served by the membership_current index), not a join
    # with DISTINCT, which reads and sorts every member at a million people.
    current = Membership.objects.filter(association_id__in=associations, left_on__isnull=True)
    return Person.objects.filter(pk__in=current.values("person_id"))


def sees_personal_data(user: AnyUser, person: Person | None = None) -> bool:
    """Union staff and leaders always; association staff for their own members."""
    if has_role(user, FULL_ACCESS):
        return True
    associations = own_association_ids(user)
    if not associations:
        return False
    if person is None:
        # Lists of an association's own people: the list is already restricted to them.
        return not reads_registry(user)
    # Current members only, as the association's staff see no one else (a person who
    # left belongs to another association's staff, or to the Union's, now).
    return person.memberships.filter(association_id__in=associations, left_on=None).exists()


def access_person(user: AnyUser, pk: int) -> Person:
    try:
        return (
            people_visible_to(user)
            .select_related("ethnicity", "degree", "title", "commune")
            .get(pk=pk)
        )
    except Person.DoesNotExist:
        raise Http404 from None


def roster_associations(user: AnyUser) -> list[Association]:
    """Associations whose rosters the user keeps (imports, people, memberships): its
    own, or every one for the Union's managers."""
    return list(editable_associations(user).select_related("organization"))


def manages_registry(user: AnyUser) -> bool:
    """The Union's managers: they change anyone, of any association or of none."""
    return can_manage_all(user)


def erases_people(user: AnyUser) -> bool:
    """Erasing a record on request is the Union's decision: its managers'."""
    return manages_registry(user)


def changes_person(user: AnyUser, person: Person) -> bool:
    """Managers change anyone; association staff the current members of their
    association."""
    if manages_registry(user):
        return True
    own = own_association_ids(user)
    return bool(own) and person.memberships.filter(association_id__in=own, left_on=None).exists()


def access_person_for_change(user: AnyUser, pk: int) -> Person:
    """A person the user may change (``changes_person``). Readers who may only look are
    refused (403); people the user cannot see answer 404."""
    person = access_person(user, pk)
    if not changes_person(user, person):
        raise PermissionDenied
    return person


def access_membership_for_change(user: AnyUser, pk: int) -> Membership:
    """A membership of a person the user may change, in an association it keeps."""
    try:
        membership = Membership.objects.select_related("association__organization").get(pk=pk)
    except Membership.DoesNotExist:
        raise Http404 from None
    person = access_person_for_change(user, membership.person_id)
    if not can_edit(user, membership.association):
        raise Http404
    membership.person = person
    return membership
