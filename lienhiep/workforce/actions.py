"""Changes to the registry made one person at a time, from its screens.

Roster imports write in bulk through ``roster_store``; both end in ``Person.save`` or
its bulk twin, so the derived name columns have one writer. Saves here send the
signals that expire the cached statistics, and the history records who made them.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from lienhiep.associations.models import Association
from lienhiep.core.models import User
from lienhiep.workforce.models import Membership, Person, PersonErasure, RosterImport


def do_save_person(
    person: Person,
    *,
    association: Association | None = None,
    joined_on: datetime.date | None = None,
) -> Person:
    """Save a person; a new one may join an association in the same transaction."""
    with transaction.atomic():
        person.save()
        if association is not None:
            do_add_membership(person, association, joined_on=joined_on)
    return person


def do_add_membership(
    person: Person,
    association: Association,
    *,
    joined_on: datetime.date | None = None,
    role: str = "",
) -> Membership:
    """Record that a person joined an association. A person is a current member of an
    association once: the roster import and the association staff's view count on it."""
    with transaction.atomic():
        current = person.memberships.select_for_update().filter(
            association=association, left_on=None
        )
        if current.exists():
            raise ValidationError(
                _("%(person)s is already a member of %(association)s.")
                % {"person": person, "association": association}
            )
        membership = Membership(person=person, association=association, joined_on=joined_on)
        membership.role = role
        membership.full_clean()
        membership.save()
    return membership


def do_end_membership(membership: Membership, left_on: datetime.date) -> Membership:
    """Record that a person left an association; the record of the membership stays."""
    if membership.left_on is not None:
        raise ValidationError(_("This membership has already ended."))
    membership.left_on = left_on
    membership.full_clean()
    membership.save(update_fields=["left_on"])
    return membership


def do_correct_membership(membership: Membership) -> Membership:
    """Save a membership's corrected dates and role. Reopening it (no leaving date) is
    refused while the person is a current member of the association again."""
    with transaction.atomic():
        if membership.left_on is None:
            others = Membership.objects.select_for_update().filter(
                person_id=membership.person_id,
                association_id=membership.association_id,
                left_on=None,
            )
            if others.exclude(pk=membership.pk).exists():
                raise ValidationError(
                    _("%(person)s is already a member of %(association)s.")
                    % {"person": membership.person, "association": membership.association}
                )
        membership.full_clean()
        membership.save()
    return membership


def do_remove_membership(membership: Membership) -> None:
    """Remove a membership recorded by mistake; its history keeps that it was."""
    membership.delete()


def do_erase_person(person: Person, *, user: User, reason: str) -> PersonErasure:
    """Erase a person on request: the record, its memberships, its change history and
    the values an import's undo kept of it. What stays is the log entry: who erased
    record number so-and-so, when and why."""
    number = person.pk
    with transaction.atomic():
        person.delete()  # its memberships go with it (CASCADE)
        # After the delete, which writes one more history record of the person and of
        # each membership: who belonged where is personal data too.
        Person.history.filter(id=number).delete()
        Membership.history.filter(person_id=number).delete()
        for batch in RosterImport.objects.select_for_update().filter(
            undo__previous__has_key=str(number)
        ):
            del batch.undo["previous"][str(number)]
            batch.save(update_fields=["undo"])
        return PersonErasure.objects.create(user=user, person_number=number, reason=reason)
