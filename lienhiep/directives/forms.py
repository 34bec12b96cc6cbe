"""Forms of the directives module: documents, tasks, reports and their decisions."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lienhiep.core.choices import VietnameseModelChoiceField, VietnameseModelMultipleChoiceField
from lienhiep.core.formfields import DayFirstDateField, SymbolField
from lienhiep.core.forms import MultilineField
from lienhiep.core.models import Organization
from lienhiep.directives.models import (
    DocumentKind,
    ProgressReport,
    SteeringDocument,
    Task,
)
from lienhiep.directives.status import Period, periods_of

# What evidence may be: office documents, PDFs, images and archives, by extension and
# by the first bytes, so a renamed executable is refused.
_SIGNATURES: dict[str, tuple[bytes, ...]] = {
    ".pdf": (b"%PDF",),
    ".docx": (b"PK\x03\x04",),
    ".xlsx": (b"PK\x03\x04",),
    ".pptx": (b"PK\x03\x04",),
    ".odt": (b"PK\x03\x04",),
    ".ods": (b"PK\x03\x04",),
    ".zip": (b"PK\x03\x04",),
    ".doc": (b"\xd0\xcf\x11\xe0",),
    ".xls": (b"\xd0\xcf\x11\xe0",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".png": (b"\x89PNG",),
}


def check_upload(upload: UploadedFile) -> None:
    """Refuse files of the wrong type, empty files and files past the size limit."""
    name = upload.name or ""
    suffix = Path(name).suffix.lower()
    if suffix not in _SIGNATURES:
        raise ValidationError(
            _("“%(name)s”: only %(types)s files are accepted.")
            % {"name": name, "types": ", ".join(sorted(s[1:] for s in _SIGNATURES))}
        )
    limit = settings.UPLOAD_MAX_MB * 1024 * 1024
    if not upload.size:
        raise ValidationError(_("“%(name)s” is empty.") % {"name": name})
    if upload.size > limit:
        raise ValidationError(
            _("“%(name)s” is larger than %(limit)d MB.")
            % {"name": name, "limit": settings.UPLOAD_MAX_MB}
        )
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if not any(head.startswith(sig) for sig in _SIGNATURES[suffix]):
        raise ValidationError(
            _("“%(name)s” is not really a %(type)s file.") % {"name": name, "type": suffix[1:]}
        )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        if self.required and not files:
            raise ValidationError(self.error_messages["required"], code="required")
        cleaned = [super(MultipleFileField, self).clean(f, initial) for f in files]
        for upload in cleaned:
            check_upload(upload)
        return cleaned


class OrganizationChoiceField(VietnameseModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


class DocumentFilterForm(forms.Form):
    q = forms.CharField(
        label=gettext_lazy("Search"),
        required=False,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": gettext_lazy("Symbol or words")}
        ),
    )
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind"),
        required=False,
        choices=[("", gettext_lazy("All kinds")), *DocumentKind.choices],
    )
    issuer = OrganizationChoiceField(
        label=gettext_lazy("Issuing body"),
        required=False,
        queryset=Organization.objects.filter(issued_documents__isnull=False).distinct(),
        empty_label=gettext_lazy("All bodies"),
    )
    year = forms.IntegerField(
        label=gettext_lazy("Year"), required=False, min_value=1945, max_value=2100
    )
    in_force = forms.ChoiceField(
        label=gettext_lazy("In force"),
        required=False,
        choices=[
            ("", gettext_lazy("All")),
            ("1", gettext_lazy("In force")),
            ("0", gettext_lazy("No longer in force")),
        ],
    )


class DocumentForm(forms.ModelForm):
    symbol = SymbolField(label=gettext_lazy("Number and symbol"))
    issued_on = DayFirstDateField(label=gettext_lazy("Date issued"))

    class Meta:
        model = SteeringDocument
        fields = [
            "kind",
            "symbol",
            "issuer",
            "monitor",
            "issued_on",
            "title",
            "summary",
            "implements",
            "in_force",
            "superseded_by",
        ]
        field_classes = {"summary": MultilineField}
        widgets = {"summary": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        documents = SteeringDocument.objects.order_by("-issued_on")
        if self.instance.pk:
            documents = documents.exclude(pk=self.instance.pk)
        self.fields["implements"].queryset = documents  # type: ignore[attr-defined]
        self.fields["superseded_by"].queryset = documents  # type: ignore[attr-defined]


class TaskForm(forms.ModelForm):
    deadline = DayFirstDateField(label=gettext_lazy("Deadline"), required=False)
    starts_on = DayFirstDateField(label=gettext_lazy("Starts on"), required=False)
    ends_on = DayFirstDateField(label=gettext_lazy("Ends on"), required=False)

    class Meta:
        model = Task
        fields = [
            "number",
            "content",
            "lead",
            "coordinators",
            "deadline",
            "recurrence",
            "due_day",
            "starts_on",
            "ends_on",
            "expected_product",
            "weight",
            "parent",
            "paused",
            "pause_reason",
        ]
        field_classes = {
            "content": MultilineField,
            "lead": VietnameseModelChoiceField,
            "coordinators": VietnameseModelMultipleChoiceField,
        }
        widgets = {
            "content": forms.Textarea(attrs={"rows": 3}),
            "coordinators": forms.SelectMultiple(attrs={"size": 8}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        organizations = Organization.objects.filter(is_active=True)
        self.fields["lead"].queryset = organizations  # type: ignore[attr-defined]
        self.fields["coordinators"].queryset = organizations  # type: ignore[attr-defined]
        document = self.instance.document if self.instance.document_id else None
        # A task cascades a task of a document higher up this document's chain.
        higher = [d.pk for d in document.ancestors()] if document else []
        self.fields["parent"].queryset = Task.objects.filter(  # type: ignore[attr-defined]
            document_id__in=higher
        ).select_related("document")


class ReportForm(forms.ModelForm):
    period = forms.ChoiceField(label=gettext_lazy("Period"), required=False)
    evidence = MultipleFileField(
        label=gettext_lazy("Evidence files"),
        help_text=gettext_lazy("PDF, office documents or images; several files may be chosen."),
    )

    class Meta:
        model = ProgressReport
        fields = ["organization", "percent", "narrative", "results", "difficulties", "proposals"]
        field_classes = {
            "narrative": MultilineField,
            "results": MultilineField,
            "difficulties": MultilineField,
            "proposals": MultilineField,
        }
        widgets = {
            "narrative": forms.Textarea(attrs={"rows": 4}),
            "results": forms.Textarea(attrs={"rows": 3}),
            "difficulties": forms.Textarea(attrs={"rows": 3}),
            "proposals": forms.Textarea(attrs={"rows": 3}),
            "percent": forms.NumberInput(attrs={"min": 0, "max": 100}),
        }

    def __init__(
        self,
        *args: Any,
        task: Task,
        units: list[Organization],
        periods: list[Period],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.task = task
        self.periods = {p.start.isoformat(): p for p in periods}
        field = self.fields["organization"]
        field.queryset = Organization.objects.filter(  # type: ignore[attr-defined]
            pk__in=[u.pk for u in units]
        )
        field.empty_label = None  # type: ignore[attr-defined]
        if task.recurrence:
            self.fields["period"].required = True
            self.fields["period"].choices = [(k, p.label) for k, p in self.periods.items()]  # type: ignore[attr-defined]
            if periods and not self.is_bound:
                self.fields["period"].initial = periods[-1].start.isoformat()
        else:
            del self.fields["period"]

    def clean_period(self) -> Any:
        value = self.cleaned_data.get("period")
        if self.task.recurrence and value not in self.periods:
            raise ValidationError(_("Choose the period this report is about."))
        return value

    def save(self, commit: bool = True) -> ProgressReport:
        report: ProgressReport = super().save(commit=False)
        report.task = self.task
        if self.task.recurrence:
            report.period_start = self.periods[self.cleaned_data["period"]].start
        return report


def report_periods(task: Task, today: Any) -> list[Period]:
    return periods_of(task, today)[-8:]


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=gettext_lazy("Decision"),
        choices=[("accept", gettext_lazy("Accept")), ("return", gettext_lazy("Return"))],
        widget=forms.RadioSelect,
    )
    reason = MultilineField(
        label=gettext_lazy("Reason for returning"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("decision") == "return" and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Say why the report is returned."))
        return data


class UrgeForm(forms.Form):
    message = MultilineField(
        label=gettext_lazy("Message"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
    )
    copy_assigner = forms.BooleanField(
        label=gettext_lazy("Send a copy to the assigning body"), required=False
    )


class CommentForm(forms.Form):
    text = MultilineField(
        label=gettext_lazy("Comment"), widget=forms.Textarea(attrs={"rows": 2}), max_length=4000
    )


class AttachmentForm(forms.Form):
    attachments = MultipleFileField(label=gettext_lazy("Attachments"), required=True)
