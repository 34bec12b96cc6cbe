"""Export of the finder's results to Excel, and its log (Decree 13/2023/NĐ-CP).

The job re-reads the finder's filters with the owner's rights at run time, so a
role lost between the click and the run narrows the file (or refuses it).

Every export of people is logged, not only those with phone, e-mail and birth
date: a full name with its employer and association already identifies a person
(Decree 13 counts the full name as basic personal data). The ``what`` label says
whether the personal fields were included. The log row is written in the same
transaction as the job's file, after the workbook is built: an export that
fails leaves no row.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import islice
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lienhiep.associations.models import ScienceField
from lienhiep.core.access import AnyUser
from lienhiep.core.models import User
from lienhiep.docgen.xlsx import Column, Sheet, XlsxValue, build_xlsx
from lienhiep.jobs.models import Job
from lienhiep.jobs.runner import JobError, attach_file, register
from lienhiep.workforce import access
from lienhiep.workforce.forms import FinderForm
from lienhiep.workforce.models import Gender, Membership, PersonalDataExport

# The finder's own filtering, so the file holds exactly what the finder lists.
from lienhiep.workforce.search import found

JOB_KIND = "workforce.export_people"
CHUNK = 2000  # people fetched at a time, and whose memberships are read in one query
XlsxRow = Sequence[XlsxValue]


def finder_filters(params: Mapping[str, Any]) -> dict[str, str]:
    """The finder's non-empty filter parameters (a QueryDict or a dict), as a plain dict."""
    return {name: str(params[name]) for name in FinderForm.base_fields if params.get(name)}


# (header, a lazy translation; width; key in the row dict): the public columns, then the
# personal ones (``access.PERSONAL_FIELDS``). Keys are what ``values()`` reads, except those
# FILLED_IN by ``_rows``; gender and field are read as codes and shown as their labels.
ColumnSpec = tuple[Any, int, str]
PUBLIC_COLUMNS: list[ColumnSpec] = [
    (gettext_lazy("No."), 6, "number"),
    (gettext_lazy("Full name"), 28, "full_name"),
    (gettext_lazy("Gender"), 8, "gender"),
    (gettext_lazy("Ethnic group"), 12, "ethnicity__name"),
    (gettext_lazy("Degree"), 14, "degree__name"),
    (gettext_lazy("Academic title"), 14, "title__name"),
    (gettext_lazy("S&T field"), 24, "field"),
    (gettext_lazy("Specialty"), 24, "specialty"),
    (gettext_lazy("Position"), 20, "position"),
    (gettext_lazy("Employer"), 30, "employer"),
    (gettext_lazy("Member associations"), 30, "associations"),
]
PERSONAL_COLUMNS: list[ColumnSpec] = [
    (gettext_lazy("Year of birth"), 10, "birth_year"),
    (gettext_lazy("Date of birth"), 12, "birth_date"),
    (gettext_lazy("Commune"), 20, "commune__name"),
    (gettext_lazy("Phone"), 16, "phone"),
    (gettext_lazy("E-mail"), 28, "email"),
]
FILLED_IN = {"number", "associations"}


def layout(personal: bool) -> list[ColumnSpec]:
    return PUBLIC_COLUMNS + PERSONAL_COLUMNS if personal else PUBLIC_COLUMNS


def people_to_export(user: AnyUser, form: FinderForm, personal: bool) -> QuerySet[Any]:
    """The finder's people for ``user`` and ``form``, every page, in the finder's order, as
    dicts of the exported columns only (plain values: no model instances for 50,000 rows)."""
    read = [key for _header, _width, key in layout(personal) if key not in FILLED_IN]
    return (
        found(access.people_visible_to(user), form.cleaned_data)
        .order_by("-rank", "sort_key", "pk")  # type: ignore[misc]  # ``rank`` is annotated
        # rank and sort_key are selected too: PostgreSQL orders a DISTINCT query (association
        # staff) only by selected columns.
        .values("pk", "rank", "sort_key", *read)
    )


def current_associations(person_ids: list[int]) -> dict[int, str]:
    """The associations each person is a member of today, by name: one query for a chunk."""
    names: dict[int, list[str]] = defaultdict(list)
    memberships = (
        Membership.objects.filter(person_id__in=person_ids, left_on__isnull=True)
        .order_by("association__organization__name")
        .values_list("person_id", "association__organization__name")
    )
    for person_id, name in memberships:
        names[person_id].append(name)
    return {person_id: "; ".join(found) for person_id, found in names.items()}


def describe(form: FinderForm) -> str:
    """The filters in words, as the finder labels them: "Name: nguyen; Degree: Doctor"."""
    parts = []
    for name, field in form.fields.items():
        value = form.cleaned_data.get(name)
        if not value:
            continue
        if value is True:
            parts.append(str(field.label))
            continue
        if name != "q":
            value = dict(form.fields[name].choices).get(value, value)  # type: ignore[attr-defined]
        parts.append(f"{field.label}: {value}")
    return "; ".join(parts)


def label(personal: bool, description: str) -> str:
    """What the log says was exported; fits ``PersonalDataExport.what``."""
    if personal:
        what = _("Intellectuals, with personal data (birth date, commune, phone, e-mail)")
    else:
        what = _("Intellectuals, without personal data")
    if description:
        what = f"{what} — {description}"
    limit = PersonalDataExport._meta.get_field("what").max_length or 255
    return what if len(what) <= limit else what[: limit - 1] + "…"


@dataclass
class _Progress:
    """Rows written so far, reported to the job page every chunk."""

    job: Job
    total: int
    written: int = 0

    def advance(self, written: int) -> None:
        self.written = written
        self.job.report(5 + 85 * written // max(self.total, 1), _("Writing the workbook"))


def _rows(people: QuerySet[Any], personal: bool, progress: _Progress) -> Iterator[XlsxRow]:
    genders = {value: str(name) for value, name in Gender.choices}
    fields = {value: str(name) for value, name in ScienceField.choices}
    keys = [key for _header, _width, key in layout(personal)]
    found = people.iterator(chunk_size=CHUNK)
    number = 0
    while chunk := list(islice(found, CHUNK)):
        associations = current_associations([person["pk"] for person in chunk])
        for person in chunk:
            number += 1
            person["number"] = number
            person["gender"] = genders.get(person["gender"], "")
            person["field"] = fields.get(person["field"], "")
            person["associations"] = associations.get(person["pk"], "")
            yield [person[key] for key in keys]
        progress.advance(number)


@register(JOB_KIND)
def export_people(job: Job) -> None:
    owner = job.owner
    if owner is None or not access.can_use_registry(owner):
        raise JobError(_("You may no longer read the registry."))
    filters = dict(job.params.get("filters", {}))
    personal = access.sees_personal_data(owner)
    form = FinderForm(filters, personal=personal)
    if not form.is_valid():
        raise JobError(_("The filters of this export are no longer valid."))
    people = people_to_export(owner, form, personal)
    progress = _Progress(job, total=people.count())
    description = describe(form)
    title = _("Intellectuals and experts")
    sheet = Sheet(
        name=_("Intellectuals"),
        title=f"{title} — {description}" if description else title,
        columns=[Column(str(header), width) for header, width, _key in layout(personal)],
        rows=_rows(people, personal, progress),
    )
    content = build_xlsx([sheet])
    # The log is read by whoever audits the exports: in the site's language, whatever the
    # language of the page that asked for the file.
    with translation.override(settings.LANGUAGE_CODE):
        what = label(personal, describe(form))
    _log_and_attach(job, owner, what, filters, progress.written, content)
    job.report(100, _("The workbook is ready."))


def _log_and_attach(
    job: Job, owner: User, what: str, filters: dict[str, str], rows: int, content: bytes
) -> None:
    # One transaction for the log row and the job's file: neither exists without the other.
    with transaction.atomic():
        PersonalDataExport.objects.create(user=owner, what=what, filters=filters, rows=rows)
        attach_file(job, f"danh-sach-tri-thuc-{timezone.localdate():%Y%m%d}.xlsx", content)
        job.save(update_fields=["result_file", "result_filename"])
