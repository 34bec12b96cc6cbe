"""Forms of the review reports and of the formal urging letter."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from lienhiep.core.formfields import DayFirstDateField, SymbolField
from lienhiep.core.forms import MultilineField
from lienhiep.directives.models import ReviewKind, ReviewReport

_SIGNER_HELP = _(
    "Put the delegation on the first line and the title on the second, "
    "e.g. “KT. CHỦ TỊCH” then “PHÓ CHỦ TỊCH”."
)


class ReviewCreateForm(forms.ModelForm):
    """What a new draft needs; its text is then written from the data."""

    period_from = DayFirstDateField(label=_("From"))
    period_to = DayFirstDateField(label=_("To"))
    report_date = DayFirstDateField(label=_("Report date"))
    symbol = SymbolField(
        label=_("Number and symbol"),
        required=False,
        help_text=_("Leave empty until the office gives the report its number."),
    )

    class Meta:
        model = ReviewReport
        fields = [
            "kind",
            "period_from",
            "period_to",
            "symbol",
            "place",
            "report_date",
            "signer_title",
            "signer_name",
        ]
        field_classes = {"signer_title": MultilineField}
        widgets = {"signer_title": forms.Textarea(attrs={"rows": 2})}
        help_texts = {"signer_title": _SIGNER_HELP}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # A review is one kind or the other: no empty "---------" choice.
        self.fields["kind"].choices = ReviewKind.choices  # type: ignore[attr-defined]


class ReviewEditForm(ReviewCreateForm):
    """The draft's metadata and every text the user may rewrite."""

    class Meta(ReviewCreateForm.Meta):
        fields = [
            *ReviewCreateForm.Meta.fields[:6],
            "purpose",
            "situation",
            "difficulties",
            "proposals",
            "directions",
            "signer_title",
            "signer_name",
        ]
        field_classes = dict.fromkeys(
            ["signer_title", "purpose", "situation", "difficulties", "proposals", "directions"],
            MultilineField,
        )
        widgets = {
            "signer_title": forms.Textarea(attrs={"rows": 2}),
            "purpose": forms.Textarea(attrs={"rows": 5}),
            "situation": forms.Textarea(attrs={"rows": 6}),
            "difficulties": forms.Textarea(attrs={"rows": 8}),
            "proposals": forms.Textarea(attrs={"rows": 8}),
            "directions": forms.Textarea(attrs={"rows": 6}),
        }
        help_texts = {
            "signer_title": _SIGNER_HELP,
            "difficulties": _("One item a line; a line starting with “- ” is a list item."),
        }


class UrgingLetterForm(forms.Form):
    """The overdue tasks to urge (offered by the view) and the letter's heading and signer."""

    tasks = forms.TypedMultipleChoiceField(
        label=_("Overdue tasks"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Choose at least one overdue task."),
            "invalid_choice": _("A chosen task is not overdue or not yours to urge."),
        },
    )
    symbol = SymbolField(
        label=_("Number and symbol"),
        required=False,
        help_text=_("Leave empty until the office gives the letter its number."),
    )
    signer_title = MultilineField(
        label=_("Signer's title"),
        max_length=150,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_SIGNER_HELP,
    )
    signer_name = forms.CharField(label=_("Signer's name"), max_length=150, required=False)

    def __init__(self, *args: Any, task_ids: Sequence[int] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["tasks"].choices = [(pk, str(pk)) for pk in task_ids]  # type: ignore[attr-defined]
