"""The finder's filters.

The catalogue filters (degree, academic title, commune, association) hold an entry's id.
The catalogues are read once per version of the registry and kept in the cache: a search
with a filter checks the id against them instead of asking the database for the entry,
the lists are drawn only when the page shows them, and the finder's rows take a
person's degree, title and commune from them instead of joining three tables.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from django import forms
from django.db import DEFAULT_DB_ALIAS
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _

from lienhiep.associations.models import Association, ScienceField
from lienhiep.core.models import Organization
from lienhiep.workforce.models import AcademicTitle, Degree
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
    communes = list(Organization.objects.filter(kind="commune").order_by("name"))
    associations = Association.objects.select_related("organization")
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

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
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
