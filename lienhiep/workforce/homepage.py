"""What the workforce registry puts on the home page: its headline figures.

Those who read the registry (or their association's part of it) see how many people
it holds and of what quality, from the last row of the statistics page's
year-by-year table, counted once per registry version.
"""

from __future__ import annotations

from django.contrib.humanize.templatetags.humanize import intcomma
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from lienhiep.core.homepage import Link, Section
from lienhiep.core.models import User
from lienhiep.workforce import access
from lienhiep.workforce.statistics import percent, registry_by_year


def sections(user: User) -> list[Section]:
    if not access.can_use_registry(user):
        return []
    today = timezone.localdate()
    section = Section(
        title=_("Intellectual workforce"),
        empty=_("Nobody is in the registry yet."),
        more=Link(
            _("Number and quality of the intellectual workforce"),
            reverse("workforce:statistics"),
        ),
    )
    years = registry_by_year(access.people_visible_to(user), today)
    if not years.rows:
        return [section]
    latest = years.rows[-1]
    # The year-by-year columns: added, at year end, growth, women, ethnic minorities,
    # postgraduates, doctors, professors.
    added, total, _growth, women, minorities, postgraduates, doctors, professors = (
        value or 0 for value in latest.values
    )

    def share(count: int) -> str:
        # Rounded as the statistics page rounds its shares (2 of 3 is 66,7%, not 66,6%).
        return f"{intcomma(count)} ({number_format(percent(count, total), 1)}%)"

    section.items = [
        Link(_("People in the registry"), reverse("workforce:finder"), intcomma(total)),
    ]
    if latest.label == today.year:
        section.items.append(
            Link(_("Added in %(year)d") % {"year": today.year}, "", intcomma(added))
        )
    section.items += [
        Link(_("Postgraduates (CKI, ThS and above)"), "", share(postgraduates)),
        Link(_("Doctors (TS, TSKH)"), "", share(doctors)),
        Link(_("Professors and associate professors"), "", share(professors)),
        Link(_("Women"), "", share(women)),
        Link(_("People of an ethnic minority"), "", share(minorities)),
    ]
    return [section]
