"""Steering documents, the tasks they assign, and what units report back.

A task's status is never stored: ``lienhiep.directives.status`` derives it
from the deadline and the accepted progress reports.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from lienhiep.core.models import Organization
from lienhiep.vn import fold


class DocumentKind(models.TextChoices):
    DIRECTIVE = "directive", _("Directive")
    RESOLUTION = "resolution", _("Resolution")
    CONCLUSION = "conclusion", _("Conclusion")
    PLAN = "plan", _("Plan")
    PROGRAMME = "programme", _("Programme")
    DECISION = "decision", _("Decision")
    LETTER = "letter", _("Official letter")


class SteeringDocument(models.Model):
    """A văn bản chỉ đạo: a directive, resolution, plan… and the one it implements."""

    kind = models.CharField(_("kind"), max_length=20, choices=DocumentKind.choices)
    symbol = models.CharField(_("number and symbol"), max_length=50, unique=True)
    issuer = models.ForeignKey(
        Organization,
        verbose_name=_("issuing body"),
        on_delete=models.PROTECT,
        related_name="issued_documents",
    )
    monitor = models.ForeignKey(
        Organization,
        verbose_name=_("monitoring body"),
        help_text=_(
            "The body that follows the implementation for the issuer and decides on "
            "progress reports, e.g. the Propaganda Department for a plan of the Party Committee."
        ),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="monitored_documents",
    )
    issued_on = models.DateField(_("date issued"))
    title = models.CharField(_("title"), max_length=500)
    summary = models.TextField(_("summary"), blank=True)
    implements = models.ForeignKey(
        "self",
        verbose_name=_("implements"),
        help_text=_("The document this one carries out, e.g. a plan implementing a conclusion."),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="implementing_documents",
    )
    in_force = models.BooleanField(_("in force"), default=True)
    superseded_by = models.ForeignKey(
        "self",
        verbose_name=_("superseded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="supersedes",
    )
    # Folded symbol, title and summary: diacritic-insensitive search on every database.
    search_text = models.TextField(editable=False, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at", "search_text"])

    class Meta:
        ordering = ["-issued_on", "symbol"]
        verbose_name = _("steering document")
        verbose_name_plural = _("steering documents")
        indexes = [models.Index(fields=["issuer", "-issued_on"])]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(implements=models.F("pk")), name="document_not_own_parent"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.symbol}"

    def save(self, *args: object, **kwargs: object) -> None:
        self.search_text = fold(f"{self.symbol} {self.title} {self.summary}")
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def get_absolute_url(self) -> str:
        return reverse("directives:document_detail", args=[self.pk])

    def ancestors(self) -> list[SteeringDocument]:
        """The documents this one implements, from the top of the cascade down."""
        chain: list[SteeringDocument] = []
        seen = {self.pk}
        node = self.implements
        while node is not None and node.pk not in seen:
            chain.append(node)
            seen.add(node.pk)
            node = node.implements
        return list(reversed(chain))

    def clean(self) -> None:
        super().clean()
        if self.pk and self.implements_id:
            chain = {d.pk for d in self.implements.ancestors()} if self.implements else set()
            if self.implements_id == self.pk or self.pk in chain:
                raise ValidationError(
                    {"implements": _("A document cannot implement itself, even indirectly.")}
                )
        if self.superseded_by_id and self.superseded_by_id == self.pk:
            raise ValidationError({"superseded_by": _("A document cannot supersede itself.")})


def attachment_path(instance: DocumentAttachment, filename: str) -> str:
    return f"directives/documents/{instance.document_id}/{filename}"


class DocumentAttachment(models.Model):
    document = models.ForeignKey(
        SteeringDocument, on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(upload_to=attachment_path)
    name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveBigIntegerField(_("size"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.name


class Recurrence(models.TextChoices):
    NONE = "", _("Once, by the deadline")
    MONTHLY = "monthly", _("Monthly")
    QUARTERLY = "quarterly", _("Quarterly")
    HALF_YEARLY = "half_yearly", _("Half-yearly")
    YEARLY = "yearly", _("Yearly")


class Task(models.Model):
    """A nhiệm vụ a document assigns: to a lead unit, with coordinating units."""

    document = models.ForeignKey(SteeringDocument, on_delete=models.CASCADE, related_name="tasks")
    parent = models.ForeignKey(
        "self",
        verbose_name=_("cascades task"),
        help_text=_("The task of a higher document that this one carries out in a unit's plan."),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="subtasks",
    )
    number = models.CharField(_("No."), max_length=20, blank=True)
    position = models.PositiveIntegerField(default=0, editable=False)
    content = models.TextField(_("task"))
    lead = models.ForeignKey(
        Organization,
        verbose_name=_("lead unit"),
        on_delete=models.PROTECT,
        related_name="led_tasks",
    )
    coordinators = models.ManyToManyField(
        Organization,
        verbose_name=_("coordinating units"),
        blank=True,
        related_name="coordinated_tasks",
    )
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    recurrence = models.CharField(
        _("recurrence"), max_length=20, choices=Recurrence.choices, blank=True, default=""
    )
    due_day = models.PositiveSmallIntegerField(
        _("due day"),
        help_text=_("For recurring tasks: the day of the period's last month the report is due."),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(31)],
    )
    starts_on = models.DateField(
        _("starts on"),
        help_text=_("For recurring tasks: the first period is the one containing this date."),
        null=True,
        blank=True,
    )
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    expected_product = models.CharField(_("expected product"), max_length=500, blank=True)
    weight = models.DecimalField(
        _("weight"),
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    paused = models.BooleanField(_("paused"), default=False)
    pause_reason = models.CharField(_("reason for pausing"), max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at", "position"], m2m_fields=[])

    class Meta:
        ordering = ["document", "position", "pk"]
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        indexes = [models.Index(fields=["lead", "deadline"])]

    def __str__(self) -> str:
        text = " ".join(self.content.split())
        return text if len(text) <= 90 else text[:89] + "…"

    def get_absolute_url(self) -> str:
        return reverse("directives:task_detail", args=[self.pk])

    @property
    def is_recurring(self) -> bool:
        return bool(self.recurrence)

    def clean(self) -> None:
        super().clean()
        if self.recurrence:
            if not self.due_day:
                raise ValidationError({"due_day": _("A recurring task needs its due day.")})
            if self.deadline:
                raise ValidationError(
                    {"deadline": _("Give either a deadline or a recurrence, not both.")}
                )
        elif self.due_day:
            raise ValidationError({"due_day": _("A due day only applies to recurring tasks.")})
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The end comes before the start.")})
        if self.paused and not self.pause_reason:
            raise ValidationError({"pause_reason": _("Say why the task is paused.")})
        if self.parent_id and self.pk and self.parent_id == self.pk:
            raise ValidationError({"parent": _("A task cannot cascade itself.")})


class ReportStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Awaiting decision")
    ACCEPTED = "accepted", _("Accepted")
    RETURNED = "returned", _("Returned")


class ProgressReport(models.Model):
    """A báo cáo tiến độ on one task, for one period, by the lead or a coordinating unit."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="reports")
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("reporting unit"),
        on_delete=models.PROTECT,
        related_name="progress_reports",
    )
    period_start = models.DateField(
        _("period"),
        help_text=_("For recurring tasks: the first day of the period reported on."),
        null=True,
        blank=True,
    )
    reported_on = models.DateField(_("report date"), default=datetime.date.today)
    percent = models.PositiveSmallIntegerField(
        _("progress (%)"), validators=[MaxValueValidator(100)]
    )
    narrative = models.TextField(_("what was done"))
    results = models.TextField(_("results"), blank=True)
    difficulties = models.TextField(_("difficulties"), blank=True)
    proposals = models.TextField(_("proposals"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ReportStatus.choices, default=ReportStatus.SUBMITTED
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    return_reason = models.TextField(_("reason for returning"), blank=True)
    resubmits = models.ForeignKey(
        "self",
        verbose_name=_("resubmits"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="resubmissions",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-reported_on", "-pk"]
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        indexes = [models.Index(fields=["task", "status"])]

    def __str__(self) -> str:
        return f"{self.task} — {self.percent}% ({self.reported_on:%d/%m/%Y})"

    def get_absolute_url(self) -> str:
        return reverse("directives:task_detail", args=[self.task_id]) + f"#report-{self.pk}"

    @property
    def counts(self) -> bool:
        return self.status == ReportStatus.ACCEPTED


def evidence_path(instance: EvidenceFile, filename: str) -> str:
    return f"directives/reports/{instance.report.task_id}/{filename}"


class EvidenceFile(models.Model):
    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(upload_to=evidence_path)
    name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveBigIntegerField(_("size"))

    class Meta:
        ordering = ["pk"]
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")

    def __str__(self) -> str:
        return self.name


class UrgingKind(models.TextChoices):
    BEFORE_DEADLINE = "before", _("Reminder before the deadline")
    OVERDUE = "overdue", _("Overdue reminder")
    MANUAL = "manual", _("Urging")
    LETTER = "letter", _("Urging letter")


class Urging(models.Model):
    """A đôn đốc sent about one task: automatic reminders, a person's urging, a letter."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="urgings")
    kind = models.CharField(_("kind"), max_length=20, choices=UrgingKind.choices)
    sent_on = models.DateField(_("date"))
    due_date = models.DateField(_("due date"), null=True, blank=True)
    days = models.IntegerField(
        _("days"), help_text=_("Days left (positive) or overdue (negative)."), default=0
    )
    message = models.TextField(_("message"), blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    copied_to_assigner = models.BooleanField(_("copied to the assigning body"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("urging")
        verbose_name_plural = _("urgings")
        constraints = [
            # The daily job may run many times a day; a unit hears about a task once a day.
            models.UniqueConstraint(
                fields=["task", "sent_on"],
                condition=models.Q(kind__in=["before", "overdue"]),
                name="urging_once_a_day",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.task} ({self.sent_on:%d/%m/%Y})"


class TaskComment(models.Model):
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    text = models.TextField(_("comment"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self) -> str:
        return self.text[:60]


class ReviewKind(models.TextChoices):
    PRELIMINARY = "preliminary", _("Preliminary review (sơ kết)")
    FINAL = "final", _("Final review (tổng kết)")


class ReviewReport(models.Model):
    """A sơ kết / tổng kết draft: edited text; tables come from the data at each download."""

    document = models.ForeignKey(SteeringDocument, on_delete=models.CASCADE, related_name="reviews")
    kind = models.CharField(_("kind"), max_length=20, choices=ReviewKind.choices)
    period_from = models.DateField(_("from"))
    period_to = models.DateField(_("to"))
    symbol = models.CharField(_("number and symbol"), max_length=50, blank=True)
    place = models.CharField(_("place"), max_length=100, default="Lai Châu")
    report_date = models.DateField(_("report date"), default=datetime.date.today)
    purpose = models.TextField(_("purpose and requirements"), blank=True)
    situation = models.TextField(_("situation"), blank=True)
    difficulties = models.TextField(_("difficulties"), blank=True)
    proposals = models.TextField(_("proposals"), blank=True)
    directions = models.TextField(_("directions for the next period"), blank=True)
    signer_title = models.CharField(_("signer's title"), max_length=150, blank=True)
    signer_name = models.CharField(_("signer's name"), max_length=150, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["-period_to", "-pk"]
        verbose_name = _("review report")
        verbose_name_plural = _("review reports")

    def __str__(self) -> str:
        return (
            f"{self.get_kind_display()} {self.document.symbol} "
            f"({self.period_from:%d/%m/%Y}–{self.period_to:%d/%m/%Y})"
        )

    def get_absolute_url(self) -> str:
        return reverse("directives:review_detail", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        if self.period_from and self.period_to and self.period_to < self.period_from:
            raise ValidationError({"period_to": _("The period ends before it starts.")})
