"""The finder's filters.

The catalogue filters (degree, academic title, commune, association) hold an entry's id.
Their entries are read once per version of the registry and kept in the cache: a search
with a filter checks the id against them instead of asking the database for the entry,
and the lists are drawn only when the page shows them.
"""

from __future__ import annotations

import functools
from typing import Any

from django import forms
from django.core.cache import cache
from django.db import transaction
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _

from lienhiep.associations.models import Association, ScienceField
from lienhiep.core.models import Organization
from lienhiep.workforce.models import AcademicTitle, Degree
from lienhiep.workforce.statistics import registry_token

Entries = dict[str, list[tuple[int, str]]]


def catalogue_entries(version: str) -> Entries:
    """Each catalogue filter's entries as (id, label), in the order the lists show them,
    kept for the registry's ``version``.

    Catalogue entries, communes and associations renew the version when they change
    (``signals``). Inside a transaction they are read afresh and not kept: its
    own writes are not committed, and the version changes only when they are.
    """
    if transaction.get_connection().in_atomic_block:
        return _read_entries()
    key = f"finder-entries:{version}"
    entries: Entries | None = cache.get(key)
    if entries is None:
        entries = _read_entries()
        cache.set(key, entries, 3600)
    return entries


def _read_entries() -> Entries:
    communes = Organization.objects.filter(kind="commune").order_by("name")
    return {
        "degree": [(d.pk, str(d)) for d in Degree.objects.all()],
        "title": [(t.pk, str(t)) for t in AcademicTitle.objects.all()],
        "commune": [(c.pk, str(c)) for c in communes],
        "association": [(a.pk, str(a)) for a in Association.objects.select_related("organization")],
    }


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
        # The registry's version keys the kept entries and the page's drawn lists; both
        # are read when first needed (a filter checked, a list drawn), and only once.
        self.version: str = SimpleLazyObject(registry_token)  # type: ignore[assignment]
        entries: Entries = SimpleLazyObject(  # type: ignore[assignment]
            functools.partial(catalogue_entries, self.version)
        )
        for name, field in self.fields.items():
            if isinstance(field, CatalogueField):
                field.choices = functools.partial(_choices, field.empty_label, entries, name)


def _choices(empty_label: Any, entries: Entries, name: str) -> list[tuple[Any, Any]]:
    return [("", empty_label), *entries[name]]
