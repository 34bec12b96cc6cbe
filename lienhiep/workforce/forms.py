"""Forms of the registry: the finder's filters, a person, a membership.

The finder's catalogue filters (degree, academic title, commune, association) hold an entry's id.
The catalogues are read once per version of the registry and kept in the cache: a search
with a filter checks the id against them instead of asking the database for the entry,
the lists are drawn only when the page shows them, and the finder's rows take a
person's degree, title and commune from them instead of joining three tables.
"""

from __future__ import annotations

import datetime
import functools
from dataclasses import dataclass
from typing import Any, TypeVar

from django import forms
from django.core.exceptions import ValidationError
from django.db import DEFAULT_DB_ALIAS
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from lienhiep.associations.models import Association, ScienceField
from lienhiep.core.access import AnyUser
from lienhiep.core.choices import VietnameseModelChoiceField, in_vietnamese_order
from lienhiep.core.formfields import DayFirstDateField
from lienhiep.core.forms import MultilineField
from lienhiep.core.models import Organization
from lienhiep.vn import fold, normalize_phone
from lienhiep.workforce import access
from lienhiep.workforce.models import AcademicTitle, Degree, Membership, Person
from lienhiep.workforce.statistics import kept_for_version, registry_token


@dataclass(frozen=True)
class Catalogues:
    """The finder's catalogues at one version of the registry."""

    # Each catalogue filter's entries as (id, label), in the order its list shows them.
    entries: dict[str, list[tuple[int, str]]]
    # What the finder's rows show of a person's degree, title and commune, by id.
    shown: dict[str, dict[int, str]]


def finder_catalogues(version: str) -> Catalogues:
    """The catalogues, kept for the registry's ``version``: catalogue entries, communes
    and associations renew it when they change (``signals``)."""
    return kept_for_version(
        lambda: f"finder-catalogues:{version}", _read_catalogues, DEFAULT_DB_ALIAS
    )


def _read_catalogues() -> Catalogues:
    degrees, titles = list(Degree.objects.all()), list(AcademicTitle.objects.all())
    communes = in_vietnamese_order(
        Organization.objects.filter(kind="commune"), lambda commune: commune.name
    )
    associations = in_vietnamese_order(Association.objects.select_related("organization"))
    return Catalogues(
        entries={
            "degree": [(d.pk, str(d)) for d in degrees],
            "title": [(t.pk, str(t)) for t in titles],
            "commune": [(c.pk, c.name) for c in communes],
            "association": [(a.pk, str(a)) for a in associations],
        },
        shown={
            "degree": {d.pk: d.code for d in degrees},
            "title": {t.pk: t.code for t in titles},
            "commune": {c.pk: c.name for c in communes},
        },
    )


class CatalogueField(forms.TypedChoiceField):
    """A filter on one of the catalogues: the chosen entry's id, or None."""

    def __init__(self, *, label: Any, empty_label: Any) -> None:
        super().__init__(label=label, required=False, coerce=int, empty_value=None)
        self.empty_label = empty_label


class FinderForm(forms.Form):
    q = forms.CharField(
        label=_("Name"),
        required=False,
        max_length=150,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": "nguyen van duc"}),
    )
    field = forms.ChoiceField(
        label=_("S&T field"), required=False, choices=[("", _("All fields")), *ScienceField.choices]
    )
    degree = CatalogueField(label=_("Degree"), empty_label=_("Any"))
    title = CatalogueField(label=_("Academic title"), empty_label=_("Any"))
    commune = CatalogueField(label=_("Commune"), empty_label=_("Any"))
    association = CatalogueField(label=_("Association"), empty_label=_("Any"))
    willing = forms.BooleanField(label=_("Willing to serve as an expert"), required=False)

    def __init__(self, *args: Any, personal: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not personal:
            # Where a person lives is personal data: listing the people of a commune
            # would tell it to someone who may not read it on their page.
            del self.fields["commune"]
        # The registry's version keys the kept catalogues and the page's drawn lists; both
        # are read when first needed (a filter checked, a list drawn, a row shown), and
        # only once.
        self.version: str = SimpleLazyObject(registry_token)  # type: ignore[assignment]
        self.catalogues: Catalogues = SimpleLazyObject(  # type: ignore[assignment]
            functools.partial(finder_catalogues, self.version)
        )
        for name, field in self.fields.items():
            if isinstance(field, CatalogueField):
                field.choices = functools.partial(
                    _choices, field.empty_label, self.catalogues, name
                )


def _choices(empty_label: Any, catalogues: Catalogues, name: str) -> list[tuple[Any, Any]]:
    return [("", empty_label), *catalogues.entries[name]]


class PersonForm(forms.ModelForm[Person]):
    """A person's record. A new person joins one of the user's associations (association
    staff must choose one: their list shows only the people of their associations)."""

    born = DayFirstDateField(
        label=_("Date or year of birth"),
        allow_year_only=True,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "dd/mm/yyyy"}),
        help_text=_("A whole date (09/05/1975) or the year alone (1975)."),
    )
    consent_on = DayFirstDateField(label=_("Consent given on"), required=False)
    association = VietnameseModelChoiceField(
        label=_("Member of"), queryset=Association.objects.none(), required=False
    )
    joined_on = DayFirstDateField(label=_("Joined on"), required=False)
    same_name_is_another_person = forms.BooleanField(
        label=_("This is another person with the same name and birth"), required=False
    )
    join_the_registered_person = forms.BooleanField(
        label=_(
            "It is that person: record them as a member of the chosen association, "
            "leaving their record as it is"
        ),
        required=False,
    )

    class Meta:
        model = Person
        fields = [
            "full_name",
            "gender",
            "ethnicity",
            "degree",
            "title",
            "field",
            "specialty",
            "employer",
            "position",
            "commune",
            "former_district",
            "phone",
            "email",
            "willing_expert",
            "consent",
            "consent_on",
            "note",
        ]
        field_classes = {"commune": VietnameseModelChoiceField, "note": MultilineField}
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}

    def __init__(
        self,
        *args: Any,
        user: AnyUser,
        associations: list[Association] | None = None,
        managed: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.user = user  # who is told whose phone or e-mail a value already is
        self.order_fields(["full_name", "gender", "born"])
        person = self.instance
        self.initial.setdefault("born", person.birth_date or person.birth_year)
        if person.pk or associations is None:
            del self.fields["association"], self.fields["joined_on"]
        else:
            field = self.fields["association"]
            field.queryset = _among(associations)  # type: ignore[attr-defined]
            # Association staff keep the rosters of their associations only.
            field.required = not managed
            if len(associations) == 1:
                self.initial.setdefault("association", associations[0].pk)
        # Shown only once a look-alike, or the same phone or e-mail, has been found.
        self.fields["same_name_is_another_person"].widget = forms.HiddenInput()
        self.fields["join_the_registered_person"].widget = forms.HiddenInput()
        # Who the new person turned out to be, when the user says so (``_check_registry``).
        self.registered: Person | None = None

    def clean_full_name(self) -> str:
        name = " ".join(self.cleaned_data["full_name"].split())
        if len(name.split()) < 2:
            raise ValidationError(gettext("Write the whole name: family, middle and given name."))
        return name

    def clean_joined_on(self) -> datetime.date | None:
        return _not_in_future(self.cleaned_data["joined_on"])

    def clean_phone(self) -> str:
        text: str = self.cleaned_data["phone"].strip()
        if not text:
            return ""
        phone = normalize_phone(text)
        if phone is None:
            raise ValidationError(gettext("“%(value)s” is not a phone number.") % {"value": text})
        return phone

    def clean_email(self) -> str:
        return str(self.cleaned_data["email"]).strip().lower()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        born = data.get("born")
        year = born.year if isinstance(born, datetime.date) else born
        if year is not None and not 1900 <= year <= timezone.localdate().year:
            self.add_error(
                "born", gettext("The year of birth %(year)d is not possible.") % {"year": year}
            )
        elif isinstance(born, datetime.date) and born > timezone.localdate():
            self.add_error("born", gettext("The date of birth is in the future."))
        self.instance.birth_date = born if isinstance(born, datetime.date) else None
        self.instance.birth_year = year
        if not self.errors:
            self._check_registry(data)
        return data

    def _check_registry(self, data: dict[str, Any]) -> None:
        """The import's rule for who is already in the registry: the same e-mail or
        phone is the same person; the same name and birth may be a namesake."""
        others = Person.objects.exclude(pk=self.instance.pk)
        # A correction is checked for what it changes: a record that already shares a
        # phone or a name with another is not refused again for an unrelated field.
        changed = set(self.changed_data)
        found = {
            key: person
            for key in ("email", "phone")
            if key in changed
            and data.get(key)
            and (person := others.filter(**{key: data[key]}).first())
        }
        joins = "association" in self.fields and len({p.pk for p in found.values()}) == 1
        if joins and data.get("join_the_registered_person"):
            if data.get("association") is None:
                self.add_error("association", gettext("Choose the association they join."))
            self.registered = next(iter(found.values()))
            return
        for key, person in found.items():
            if access.sees_personal_data(self.user, person):
                message = gettext("%(person)s already has it in the registry.") % {"person": person}
            else:
                # Naming the owner would tell whose number it is to someone who may not
                # read it on their page.
                message = gettext("Someone else in the registry already has it.")
            self.add_error(key, message)
        if joins:
            # A new person of an association is often someone another one registered.
            self.fields["join_the_registered_person"].widget = forms.CheckboxInput()
        year = self.instance.birth_year
        if year is None or data.get("same_name_is_another_person"):
            return
        if not changed & {"full_name", "born"}:
            return
        if others.filter(birth_year=year, name_folded=fold(data["full_name"])).exists():
            self.fields["same_name_is_another_person"].widget = forms.CheckboxInput()
            self.add_error(
                "same_name_is_another_person",
                gettext(
                    "Someone named %(name)s and born in %(year)d is already in the registry. "
                    "Tick the box if this is another person."
                )
                % {"name": data["full_name"], "year": year},
            )


class MembershipForm(forms.Form):
    association = VietnameseModelChoiceField(
        label=_("Association"), queryset=Association.objects.none()
    )
    joined_on = DayFirstDateField(label=_("Joined on"), required=False)
    role = forms.CharField(label=_("Role in the association"), max_length=150, required=False)

    def __init__(self, *args: Any, associations: list[Association], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["association"].queryset = _among(associations)  # type: ignore[attr-defined]

    def clean_joined_on(self) -> datetime.date | None:
        return _not_in_future(self.cleaned_data["joined_on"])


class EndMembershipForm(forms.Form):
    left_on = DayFirstDateField(
        label=_("Left on"),
        widget=forms.TextInput(attrs={"placeholder": "dd/mm/yyyy", "size": 10}),
    )

    def clean_left_on(self) -> datetime.date:
        return _not_in_future(self.cleaned_data["left_on"])


class MembershipCorrectionForm(forms.ModelForm):
    """A membership's dates and role as they should have been recorded (the association
    itself is not changed: a membership recorded in the wrong one is removed)."""

    joined_on = DayFirstDateField(label=_("Joined on"), required=False)
    left_on = DayFirstDateField(
        label=_("Left on"), required=False, help_text=_("Empty while the person is a member.")
    )

    class Meta:
        model = Membership
        fields = ["joined_on", "left_on", "role"]

    def clean_joined_on(self) -> datetime.date | None:
        return _not_in_future(self.cleaned_data["joined_on"])

    def clean_left_on(self) -> datetime.date | None:
        return _not_in_future(self.cleaned_data["left_on"])


_Day = TypeVar("_Day", datetime.date, None)


def _not_in_future(day: _Day) -> _Day:
    if day is not None and day > timezone.localdate():
        raise ValidationError(gettext("The date is in the future."))
    return day


class ErasureForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=255,
        help_text=_("For example: the person withdrew consent and asked for the record's erasure."),
    )


def _among(associations: list[Association]) -> Any:
    return Association.objects.filter(pk__in=[a.pk for a in associations]).select_related(
        "organization"
    )
