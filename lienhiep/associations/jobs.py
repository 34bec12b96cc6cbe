"""Background jobs of the member association registry."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from lienhiep.associations import access, listing
from lienhiep.associations.models import Association, MemberCount
from lienhiep.docgen.xlsx import Column, Sheet, XlsxValue, build_xlsx
from lienhiep.jobs.models import Job
from lienhiep.jobs.runner import JobError, attach_file, register


def _profile_row(index: int, association: Association, past_term: bool) -> list[XlsxValue]:
    vice_presidents = [v.strip() for v in association.vice_presidents.splitlines() if v.strip()]
    return [
        index,
        association.organization.name,
        association.abbreviation,
        association.organization.code,
        association.get_field_display(),
        association.get_status_display(),
        association.president,
        "; ".join(vice_presidents),
        association.general_secretary,
        association.term_years,
        association.last_congress_on,
        association.next_congress_on,
        association.term_ends_on,
        _("Yes") if past_term else "",
        association.latest_members,  # type: ignore[attr-defined]
        association.latest_year,  # type: ignore[attr-defined]
        association.branch_records,  # type: ignore[attr-defined]
        association.registered,  # type: ignore[attr-defined]
        association.office,
    ]


def _profiles(associations: list[Association], title: str) -> Sheet:
    today = timezone.localdate()
    return Sheet(
        name=_("Associations"),
        title=title,
        columns=[
            Column(_("No."), 6),
            Column(_("Name"), 40),
            Column(_("Abbreviation"), 12),
            Column(_("Code"), 10),
            Column(_("S&T field"), 24),
            Column(_("Status"), 14),
            Column(_("President"), 22),
            Column(_("Vice-presidents"), 30),
            Column(_("General secretary"), 22),
            Column(_("Term (years)"), 8),
            Column(_("Last congress"), 12, "dd/mm/yyyy"),
            Column(_("Next congress"), 12, "dd/mm/yyyy"),
            Column(_("Term ends"), 12, "dd/mm/yyyy"),
            Column(_("Past its term"), 10),
            Column(_("Members (latest count)"), 12),
            Column(_("Year of the count"), 10),
            Column(_("Branches recorded"), 10),
            Column(_("Members in the registry"), 12),
            Column(_("Office address"), 40),
        ],
        rows=[
            _profile_row(index, a, a.is_past_term(today))
            for index, a in enumerate(associations, start=1)
        ],
    )


def _counts_by_year(associations: list[Association]) -> Sheet:
    """One row an association, one column a year; the last row adds each year up."""
    counts = MemberCount.objects.filter(association__in=[a.pk for a in associations])
    members = {
        (c.association_id, c.year): c.members for c in counts.only("association", "year", "members")
    }
    years = sorted({year for _association, year in members})
    rows: list[list[XlsxValue]] = [
        [a.organization.name, *(members.get((a.pk, year)) for year in years)] for a in associations
    ]
    totals: list[XlsxValue] = [
        sum(members.get((a.pk, year), 0) for a in associations) for year in years
    ]
    rows.append([_("Total"), *totals])
    return Sheet(
        name=_("Members by year"),
        title=_("Members by year"),
        columns=[Column(_("Association"), 40), *(Column(str(year), 10) for year in years)],
        rows=rows,
    )


@register("associations.export_registry")
def export_registry(job: Job) -> None:
    owner = job.owner
    if owner is None or not access.can_use_module(owner):
        raise JobError(_("You may no longer read the member association registry."))
    today = timezone.localdate()
    job.report(10, _("Reading the registry"))
    associations = listing.listed(owner, job.params, today, figures=True)
    job.report(60, _("Writing the workbook"))
    title = _("Member associations on %(date)s") % {"date": f"{today:%d/%m/%Y}"}
    content = build_xlsx([_profiles(associations, title), _counts_by_year(associations)])
    attach_file(job, f"hoi-thanh-vien-{today:%Y%m%d}.xlsx", content)
    job.report(100, _("The workbook is ready."))
