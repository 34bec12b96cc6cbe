"""What each role sees first: the work waiting for it.

Modules add their own sections as they arrive; the directory sections below
show what every role manages or belongs to.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lienhiep.core import access
from lienhiep.core.models import Organization, Role, RoleAssignment, User
from lienhiep.core.modules import project_modules
from lienhiep.jobs.models import Job


@dataclass
class Link:
    label: str
    url: str
    note: str = ""


@dataclass
class Section:
    title: str
    items: list[Link] = field(default_factory=list)
    empty: str = ""
    more: Link | None = None


ROLE_INTRO = {
    Role.ADMIN: gettext_lazy("Manage accounts, roles, organizations and catalogues."),
    Role.UNION_STAFF: gettext_lazy("Manage the Union's organizations, accounts and records."),
    Role.UNION_LEADER: gettext_lazy("Follow the Union's work and sign off reports and results."),
    Role.OVERSIGHT: gettext_lazy("Read every plan and report, urge and comment."),
    Role.UNIT_REPORTER: gettext_lazy("Report progress on the tasks assigned to your unit."),
    Role.ASSOCIATION_STAFF: gettext_lazy("Keep your association's profile and rosters up to date."),
    Role.EXPERT: gettext_lazy("See the panels you sit on and submit your opinions."),
    Role.JUDGE: gettext_lazy("Score the contest entries assigned to you."),
    Role.PUBLIC: gettext_lazy("Read news and register contest entries."),
}


def home_sections(user: access.AnyUser) -> list[Section]:
    assert isinstance(user, User)
    sections: list[Section] = []
    # The work waiting in each module comes first: modules offer it through a
    # ``homepage`` module with a ``sections(user)`` function.
    for app, module in project_modules("homepage"):
        if app.name != __package__:
            sections += module.sections(user)
    if access.can_read_directory(user):
        sections.append(_directory_section(user))
    else:
        sections.append(_own_units_section(user))
    sections.append(_jobs_section(user))
    return sections


def role_intros(user: access.AnyUser) -> list[str]:
    return [str(ROLE_INTRO[Role(r)]) for r in sorted(access.roles_of(user))]


def _directory_section(user: User) -> Section:
    counts = {
        row["kind"]: row["n"]
        for row in Organization.objects.values("kind").annotate(n=Count("pk")).order_by()
    }
    items = [
        Link(
            str(label),
            reverse("core:organization_list") + f"?kind={value}",
            note=str(counts.get(value, 0)),
        )
        for value, label in Organization._meta.get_field("kind").choices  # type: ignore[union-attr]
        if counts.get(value)
    ]
    items.append(
        Link(_("User accounts"), reverse("core:user_list"), note=str(User.objects.count()))
    )
    return Section(
        title=_("Organizations and accounts of the province"),
        items=items,
        more=Link(_("Open the organization tree"), reverse("core:organization_list")),
    )


def _own_units_section(user: User) -> Section:
    assignments = (
        RoleAssignment.objects.filter(user=user)
        .select_related("organization")
        .order_by("organization__name", "role")
    )
    # Experts, judges and the public hold their role at an organization without
    # acting for it: they see its name, not its pages.
    items = [
        Link(
            a.organization.name,
            reverse("core:organization_detail", args=[a.organization_id])
            if a.role in access.UNIT_ROLES
            else "",
            note=a.get_role_display(),
        )
        for a in assignments
    ]
    return Section(
        title=_("Your organizations"),
        items=items,
        empty=_(
            "Your account has no role yet. Ask the Union office or the administrator "
            "to grant you one."
        ),
    )


def _jobs_section(user: User) -> Section:
    jobs = Job.objects.filter(owner=user).order_by("-created_at")[:5]
    return Section(
        title=_("Your recent exports and imports"),
        items=[
            Link(job.title, job.get_absolute_url(), note=job.get_status_display()) for job in jobs
        ],
        empty=_("Nothing yet."),
    )
