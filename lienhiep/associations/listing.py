"""The list of member associations as a user filters it: on the page and in its export."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from lienhiep.associations import access
from lienhiep.associations.models import (
    ActivityReport,
    Association,
    AssociationStatus,
    Branch,
    MemberCount,
)
from lienhiep.core.access import AnyUser
from lienhiep.vn import collation_key, fold
from lienhiep.workforce.models import Membership


def with_latest_count(associations: QuerySet[Association]) -> QuerySet[Association]:
    latest = MemberCount.objects.filter(association=OuterRef("pk")).order_by("-year")
    return associations.select_related("organization").annotate(
        latest_members=Subquery(latest.values("members")[:1]),
        latest_year=Subquery(latest.values("year")[:1]),
    )


def figures_year(today: datetime.date) -> int:
    """The year whose member count and activity report every association owes by now."""
    return today.year - 1


def owing(associations: list[Association], year: int) -> dict[int, list[str]]:
    """What each working association that existed in ``year`` has not yet recorded for
    it: its member count, its activity report (two queries, however many associations)."""
    pks = [a.pk for a in associations]
    counted = set(
        MemberCount.objects.filter(association__in=pks, year=year).values_list(
            "association", flat=True
        )
    )
    reported = set(
        ActivityReport.objects.filter(association__in=pks, year=year).values_list(
            "association", flat=True
        )
    )
    result: dict[int, list[str]] = {}
    for association in associations:
        if association.status == AssociationStatus.DISSOLVED or (
            association.founded_on and association.founded_on.year > year
        ):
            continue
        missing = []
        if association.pk not in counted:
            missing.append(_("member count for %(year)d") % {"year": year})
        if association.pk not in reported:
            missing.append(_("activity report for %(year)d") % {"year": year})
        if missing:
            result[association.pk] = missing
    return result


def _count_of(queryset: QuerySet[Any]) -> Coalesce:
    counted = queryset.order_by().values("association").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted), 0, output_field=IntegerField())


def with_register_figures(associations: QuerySet[Association]) -> QuerySet[Association]:
    """Add the number of branches recorded and of current members in the registry
    (each counted on its own, so that neither multiplies the other)."""
    mine = OuterRef("pk")
    return associations.annotate(
        branch_records=_count_of(Branch.objects.filter(association=mine)),
        registered=_count_of(Membership.objects.filter(association=mine, left_on=None)),
    )


def listed(
    user: AnyUser, data: dict[str, Any], today: datetime.date, *, figures: bool = False
) -> list[Association]:
    """The associations ``user`` sees that match the filter form's cleaned ``data``
    (``q``, ``status``, ``field``, ``past_term``, ``owing``), in Vietnamese alphabetical order
    (Đ after D, tones after the bare letter), with their latest member count and,
    with ``figures``, their branch and registry counts."""
    associations = with_latest_count(access.associations_visible_to(user))
    if figures:
        associations = with_register_figures(associations)
    if data.get("status"):
        associations = associations.filter(status=data["status"])
    if data.get("field"):
        associations = associations.filter(field=data["field"])
    rows = sorted(associations, key=lambda a: collation_key(a.organization.name))
    # A province has a few dozen associations: the past-term test and the folded
    # search run in Python, the same on SQLite and PostgreSQL.
    query = fold(data.get("q") or "")
    if data.get("past_term"):
        rows = [a for a in rows if a.is_past_term(today)]
    if data.get("owing"):
        still_owing = owing(rows, figures_year(today))
        rows = [a for a in rows if a.pk in still_owing]
    if query:
        rows = [
            a
            for a in rows
            if query in fold(f"{a.organization.name} {a.organization.short_name} {a.abbreviation}")
        ]
    return rows
