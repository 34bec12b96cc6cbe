"""What the association registry puts on the home page.

Readers see the associations whose congress is overdue or falls due soon:
a congress takes months to prepare, so the Union urges it ahead of time. They
also see which associations still owe last year's member count or activity
report. Association staff see their own association, and what it still owes.
"""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from lienhiep.associations import access, listing
from lienhiep.associations.models import Association, AssociationStatus
from lienhiep.core.homepage import Link, Section
from lienhiep.core.models import User
from lienhiep.vn import collation_key

# About six months: how far ahead a congress counts as due.
CONGRESS_HORIZON = datetime.timedelta(days=183)
# The associations owing last year's figures shown on the home page; the rest are a
# link away.
OWING_SHOWN = 8


def sections(user: User) -> list[Section]:
    if access.reads_all(user):
        return [_congress_section(), _yearly_section()]
    if access.is_association_staff(user):
        own = _own_section(user)
        # Without a profile the core "Your organizations" section already names the
        # association; an empty registry section would only repeat it.
        return [own] if own.items else []
    return []


def _congress_section() -> Section:
    today = timezone.localdate()
    associations = Association.objects.exclude(status=AssociationStatus.DISSOLVED).select_related(
        "organization"
    )
    past: list[tuple[datetime.date, Link]] = []
    due: list[tuple[datetime.date, Link]] = []
    for association in associations:
        ends = association.term_ends_on
        if ends is None:
            continue
        url = association.get_absolute_url()
        if association.is_past_term(today):
            note = _("past its term since %(date)s") % {"date": ends.strftime("%d/%m/%Y")}
            past.append((ends, Link(association.name, url, note)))
        elif ends <= today + CONGRESS_HORIZON:
            note = _("congress due %(date)s") % {"date": ends.strftime("%d/%m/%Y")}
            due.append((ends, Link(association.name, url, note)))
    # Longest overdue first, then the nearest congress.
    items = [link for _ends, link in sorted(past, key=lambda p: p[0])]
    items += [link for _ends, link in sorted(due, key=lambda d: d[0])]
    return Section(
        title=_("Member association congresses"),
        items=items,
        empty=_("No association is past its term or due for a congress within six months."),
        more=Link(_("All member associations"), reverse("associations:list")),
    )


def _yearly_section() -> Section:
    """The associations the Union still waits for last year's figures from: the first
    few, and the list filtered to all of them."""
    year = listing.figures_year(timezone.localdate())
    associations = sorted(
        Association.objects.select_related("organization"), key=lambda a: collation_key(a.name)
    )
    owing = listing.owing(associations, year)
    items = [
        Link(
            a.name,
            a.get_absolute_url(),
            _("not yet recorded: %(what)s") % {"what": ", ".join(owing[a.pk])},
        )
        for a in associations
        if a.pk in owing
    ]
    more = None
    if len(items) > OWING_SHOWN:
        more = Link(
            _("All %(n)d associations still owing") % {"n": len(items)},
            f"{reverse('associations:list')}?owing=on",
        )
    return Section(
        title=_("Yearly figures for %(year)d") % {"year": year},
        items=items[:OWING_SHOWN],
        more=more,
        empty=_(
            "Every working association has recorded its member count and filed its "
            "activity report for %(year)d."
        )
        % {"year": year},
    )


def _own_section(user: User) -> Section:
    today = timezone.localdate()
    own = list(access.own_associations(user).select_related("organization"))
    owing = listing.owing(own, listing.figures_year(today))
    items = []
    for association in own:
        ends = association.term_ends_on
        if association.is_past_term(today):
            note = _("past its term: hold the congress")
        elif ends:
            note = _("term ends %(date)s") % {"date": ends.strftime("%d/%m/%Y")}
        else:
            note = association.get_status_display()
        url = association.get_absolute_url()
        items.append(Link(association.name, url, note))
        if association.pk in owing:
            what = ", ".join(owing[association.pk])
            items.append(Link(_("To record: %(what)s") % {"what": what}, url, association.name))
    return Section(title=_("Your association"), items=items)
