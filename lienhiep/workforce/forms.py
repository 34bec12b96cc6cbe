"""The finder's filters."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from lienhiep.associations.models import Association, ScienceField
from lienhiep.core.models import Organization
from lienhiep.workforce.models import AcademicTitle, Degree


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
    degree = forms.ModelChoiceField(
        label=_("Degree"), required=False, queryset=Degree.objects.all(), empty_label=_("Any")
    )
    title = forms.ModelChoiceField(
        label=_("Academic title"),
        required=False,
        queryset=AcademicTitle.objects.all(),
        empty_label=_("Any"),
    )
    commune = forms.ModelChoiceField(
        label=_("Commune"),
        required=False,
        queryset=Organization.objects.filter(kind="commune").order_by("name"),
        empty_label=_("Any"),
    )
    association = forms.ModelChoiceField(
        label=_("Association"),
        required=False,
        queryset=Association.objects.select_related("organization"),
        empty_label=_("Any"),
    )
    willing = forms.BooleanField(label=_("Willing to serve as an expert"), required=False)
