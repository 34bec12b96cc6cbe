"""Member associations (hội thành viên): profile, leadership, congresses, members, reports.

An association is an organization of kind "member association" in the one
organization tree; its profile here adds what the Union keeps about it. Roles
(association staff) are held at the organization, as everywhere else.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from lienhiep.core.models import Organization
from lienhiep.vn import years_after


class ScienceField(models.TextChoices):
    """The six major fields of the national S&T classification (Decision 12/2008/QĐ-BKHCN)."""

    NATURAL = "natural", _("Natural sciences")
    ENGINEERING = "engineering", _("Engineering and technology")
    MEDICAL = "medical", _("Medical and health sciences")
    AGRICULTURAL = "agricultural", _("Agricultural sciences")
    SOCIAL = "social", _("Social sciences")
    HUMANITIES = "humanities", _("Humanities")


class AssociationStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    CONSOLIDATING = "consolidating", _("Consolidating")
    DISSOLVED = "dissolved", _("Dissolved")


class Association(models.Model):
    organization = models.OneToOneField(
        Organization,
        verbose_name=_("organization"),
        on_delete=models.PROTECT,
        related_name="association",
        limit_choices_to={"kind": "association"},
    )
    abbreviation = models.CharField(_("abbreviation"), max_length=50, blank=True)
    field = models.CharField(_("field"), max_length=20, choices=ScienceField.choices, blank=True)
    founding_decision = models.CharField(_("founding decision"), max_length=255, blank=True)
    founded_on = models.DateField(_("founded on"), null=True, blank=True)
    charter_decision = models.CharField(_("charter approval"), max_length=255, blank=True)
    office = models.CharField(_("office address"), max_length=255, blank=True)
    president = models.CharField(_("president"), max_length=150, blank=True)
    vice_presidents = models.TextField(_("vice-presidents"), blank=True, help_text=_("One a line."))
    general_secretary = models.CharField(_("general secretary"), max_length=150, blank=True)
    term_years = models.PositiveSmallIntegerField(
        _("term (years)"), default=5, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    last_congress_on = models.DateField(_("last congress"), null=True, blank=True)
    next_congress_on = models.DateField(_("next congress"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=AssociationStatus.choices,
        default=AssociationStatus.ACTIVE,
    )
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["organization__name"]
        verbose_name = _("member association")
        verbose_name_plural = _("member associations")

    def __str__(self) -> str:
        return self.organization.name

    def get_absolute_url(self) -> str:
        return reverse("associations:detail", args=[self.pk])

    @property
    def name(self) -> str:
        return self.organization.name

    @property
    def term_ends_on(self) -> datetime.date | None:
        """When the current term runs out: the planned congress, else last congress + term;
        an association that has held no congress yet is in its first term since founded."""
        if self.next_congress_on:
            return self.next_congress_on
        start = self.last_congress_on or self.founded_on
        return years_after(start, self.term_years) if start else None

    def is_past_term(self, today: datetime.date) -> bool:
        """Past its term: the congress that should renew the leadership is overdue."""
        ends = self.term_ends_on
        return self.status != AssociationStatus.DISSOLVED and ends is not None and ends < today

    def clean(self) -> None:
        super().clean()
        if self.organization_id and self.organization.kind != "association":
            raise ValidationError(
                {"organization": _("Choose an organization of the kind “member association”.")}
            )
        if (
            self.last_congress_on
            and self.next_congress_on
            and self.next_congress_on <= self.last_congress_on
        ):
            raise ValidationError(
                {"next_congress_on": _("The next congress comes after the last one.")}
            )


class MemberCount(models.Model):
    """How many members an association had in a year (số hội viên)."""

    association = models.ForeignKey(
        Association, on_delete=models.CASCADE, related_name="member_counts"
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(1945), MaxValueValidator(2100)]
    )
    members = models.PositiveIntegerField(_("members"))
    branches = models.PositiveIntegerField(_("branches"), default=0)

    # Counts feed the Union's yearly statistics: who recorded a figure matters.
    history = HistoricalRecords()

    class Meta:
        ordering = ["-year"]
        verbose_name = _("member count")
        verbose_name_plural = _("member counts")
        constraints = [
            models.UniqueConstraint(
                fields=["association", "year"],
                name="member_count_once_a_year",
                violation_error_message=_("This year already has a count."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.association} {self.year}: {self.members}"


class Branch(models.Model):
    """A chi hội or cơ sở hội of an association."""

    association = models.ForeignKey(Association, on_delete=models.CASCADE, related_name="branches")
    name = models.CharField(_("name"), max_length=255)
    place = models.CharField(_("place"), max_length=255, blank=True)
    members = models.PositiveIntegerField(_("members"), default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("branch")
        verbose_name_plural = _("branches")

    def __str__(self) -> str:
        return self.name


def report_path(instance: ActivityReport, filename: str) -> str:
    return f"associations/{instance.association_id}/reports/{filename}"


class ActivityReport(models.Model):
    """A yearly activity report (báo cáo hoạt động năm) with its file."""

    association = models.ForeignKey(
        Association, on_delete=models.CASCADE, related_name="activity_reports"
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(1945), MaxValueValidator(2100)]
    )
    summary = models.TextField(_("summary"), blank=True)
    file = models.FileField(_("file"), upload_to=report_path, blank=True)
    file_name = models.CharField(max_length=255, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(auto_now_add=True)

    # Who filed and who withdrew a report; the stored file itself is not kept.
    history = HistoricalRecords(excluded_fields=["file"])

    class Meta:
        ordering = ["-year", "-submitted_at"]
        verbose_name = _("activity report")
        verbose_name_plural = _("activity reports")

    def __str__(self) -> str:
        return f"{self.association} — {self.year}"
