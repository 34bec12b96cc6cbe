"""Forms of the member association registry: the profile, counts, branches and reports."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lienhiep.associations.actions import check_new_code
from lienhiep.associations.models import (
    ActivityReport,
    Association,
    AssociationStatus,
    Branch,
    MemberCount,
    ScienceField,
)
from lienhiep.core.formfields import DayFirstDateField
from lienhiep.core.forms import MultilineField
from lienhiep.core.models import code_validator
from lienhiep.directives.forms import check_upload

# What only the Union's managers decide: what the association is called, its code
# in the organization tree, and whether it is active, consolidating or dissolved.
MANAGER_ONLY_FIELDS = ("name", "code", "short_name", "status")


class AssociationFilterForm(forms.Form):
    q = forms.CharField(
        label=gettext_lazy("Search"),
        required=False,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": gettext_lazy("Name or abbreviation")}
        ),
    )
    status = forms.ChoiceField(
        label=gettext_lazy("Status"),
        required=False,
        choices=[("", gettext_lazy("All statuses")), *AssociationStatus.choices],
    )
    field = forms.ChoiceField(
        label=gettext_lazy("S&T field"),
        required=False,
        choices=[("", gettext_lazy("All fields")), *ScienceField.choices],
    )
    past_term = forms.BooleanField(label=gettext_lazy("Past their term only"), required=False)
    owing = forms.BooleanField(
        label=gettext_lazy("Still owing last year's count or report"), required=False
    )


class AssociationForm(forms.ModelForm[Association]):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=255)
    short_name = forms.CharField(
        label=gettext_lazy("Name without the province"), max_length=100, required=False
    )
    code = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=30,
        help_text=gettext_lazy(
            "The organization's code. An existing member association organization "
            "with this code is taken; otherwise one is created under the Union."
        ),
        widget=forms.TextInput(attrs={"autocapitalize": "characters"}),
    )
    founded_on = DayFirstDateField(label=gettext_lazy("Founded on"), required=False)
    last_congress_on = DayFirstDateField(label=gettext_lazy("Last congress"), required=False)
    next_congress_on = DayFirstDateField(label=gettext_lazy("Next congress"), required=False)

    class Meta:
        model = Association
        fields = [
            "abbreviation",
            "field",
            "status",
            "founding_decision",
            "founded_on",
            "charter_decision",
            "office",
            "president",
            "vice_presidents",
            "general_secretary",
            "term_years",
            "last_congress_on",
            "next_congress_on",
        ]
        field_classes = {"vice_presidents": MultilineField}
        widgets = {"vice_presidents": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, manager: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        organization = self.instance.organization if self.instance.organization_id else None
        if organization is not None:
            # The code of an existing association is the organization directory's business.
            del self.fields["code"]
            self.initial.setdefault("name", organization.name)
            self.initial.setdefault("short_name", organization.short_name)
        if not manager:
            for name in MANAGER_ONLY_FIELDS:
                self.fields.pop(name, None)
        self.order_fields(["name", "short_name", "code"])

    def clean_code(self) -> str:
        # Typed in any case, checked in capitals as the organization directory stores it.
        code: str = self.cleaned_data["code"].strip().upper()
        code_validator(code)
        try:
            check_new_code(code)
        except ValidationError as error:
            raise ValidationError(error.messages) from None
        return code


class MemberCountForm(forms.ModelForm[MemberCount]):
    class Meta:
        model = MemberCount
        fields = ["year", "members", "branches"]

    def __init__(self, *args: Any, association: Association, **kwargs: Any) -> None:
        # Three forms share the association's page: distinct ids keep labels apart.
        kwargs.setdefault("auto_id", "count_%s")
        super().__init__(*args, **kwargs)
        self.association = association

    def clean_year(self) -> int:
        year: int = self.cleaned_data["year"]
        recorded = MemberCount.objects.filter(association=self.association, year=year)
        if recorded.exclude(pk=self.instance.pk).exists():
            raise ValidationError(
                _("The member count for %(year)d is already recorded: correct it in the table.")
                % {"year": year}
            )
        return year


class BranchForm(forms.ModelForm[Branch]):
    class Meta:
        model = Branch
        fields = ["name", "place", "members"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "branch_%s")
        super().__init__(*args, **kwargs)


class ActivityReportForm(forms.ModelForm[ActivityReport]):
    upload = forms.FileField(
        label=gettext_lazy("Report file"),
        help_text=gettext_lazy("PDF, office document or scanned image."),
    )

    class Meta:
        model = ActivityReport
        fields = ["year", "summary"]
        field_classes = {"summary": MultilineField}
        widgets = {"summary": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "report_%s")
        super().__init__(*args, **kwargs)

    def clean_upload(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["upload"]
        check_upload(upload)
        return upload
