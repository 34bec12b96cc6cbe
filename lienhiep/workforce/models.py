"""The province's intellectuals (đội ngũ trí thức) and the catalogues that describe them.

Catalogues (ethnic groups, degrees, academic titles) are data an administrator
edits; each entry lists the spellings rosters use for it ("TS", "Tiến sỹ"…).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from lienhiep.associations.models import Association, ScienceField
from lienhiep.core.models import Organization
from lienhiep.vn import fold, normalize_phone
from lienhiep.workforce.names import SORT_KEY_LENGTH, name_columns


class Catalogue(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    code = models.CharField(_("code"), max_length=20, unique=True)
    synonyms = models.TextField(
        _("other spellings"),
        blank=True,
        help_text=_("One a line: how rosters write it (e.g. “TS.”, “Tiến sỹ”)."),
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        abstract = True
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name

    def spellings(self) -> set[str]:
        """Folded forms that mean this entry: its name, code and synonyms."""
        values = [self.name, self.code, *self.synonyms.splitlines()]
        return {fold(v).rstrip(". ") for v in values if v.strip()}


# The Kinh people's entry of the ethnic catalogue: everyone else recorded is of an ethnic
# minority (dân tộc thiểu số), as the workforce reports count them.
KINH_CODE = "01"
# Degrees ranked from here are postgraduate (specialist level I, master's and up), and from
# DOCTORATE_RANK doctorates, as the catalogue migration ranks them.
POSTGRADUATE_RANK = 4
DOCTORATE_RANK = 7


class Ethnicity(Catalogue):
    class Meta(Catalogue.Meta):
        verbose_name = _("ethnic group")
        verbose_name_plural = _("ethnic groups")


class Degree(Catalogue):
    """Học vị / trình độ chuyên môn; ``rank`` orders them for statistics (TS above ThS…)."""

    rank = models.PositiveSmallIntegerField(_("rank"), default=0)

    class Meta(Catalogue.Meta):
        verbose_name = _("degree")
        verbose_name_plural = _("degrees")


class AcademicTitle(Catalogue):
    """Học hàm: Giáo sư, Phó Giáo sư."""

    class Meta(Catalogue.Meta):
        verbose_name = _("academic title")
        verbose_name_plural = _("academic titles")


def catalogue_key(
    catalogue: type[Catalogue], verbose_name: Any, **options: Any
) -> models.ForeignKey[Any]:
    """A person's optional entry of a catalogue.

    Guarded by Django (PROTECT: an entry people still have cannot be deleted), not by a
    database constraint: with one, committing a roster import had the database look up
    each person's ethnic group, degree and title again, a tenth of the import's time.
    Nothing writes the catalogues but Django.
    """
    return models.ForeignKey(
        catalogue,
        verbose_name=verbose_name,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        db_constraint=False,
        **options,
    )


class Gender(models.TextChoices):
    MALE = "male", _("Male")
    FEMALE = "female", _("Female")


class PersonQuerySet(models.QuerySet["Person"]):
    def in_vietnamese_order(self) -> PersonQuerySet:
        return self.order_by("sort_key", "pk")


class Person(models.Model):
    """A trí thức of the province. The name is stored whole and in its parts."""

    full_name = models.CharField(_("full name"), max_length=150)
    # As wide as the whole name: a part may be all of it but a word.
    family_name = models.CharField(_("family name"), max_length=150, editable=False)
    middle_name = models.CharField(_("middle name"), max_length=150, editable=False)
    given_name = models.CharField(_("given name"), max_length=150, editable=False)
    # Written by ``workforce.names.name_columns`` only (save and bulk import).
    name_folded = models.CharField(max_length=150, editable=False, db_index=False)
    # Four hex digits a weight, three or four weights a letter (``names.sortable``).
    sort_key = models.CharField(max_length=SORT_KEY_LENGTH, editable=False)
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices, blank=True)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    birth_year = models.PositiveSmallIntegerField(
        _("year of birth"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
    )
    ethnicity = catalogue_key(
        Ethnicity,
        _("ethnic group"),
        # Never looked up by ethnic group but to protect an entry from deletion.
        db_index=False,
    )
    degree = catalogue_key(Degree, _("degree"))
    title = catalogue_key(AcademicTitle, _("academic title"))
    field = models.CharField(
        _("S&T field"), max_length=20, choices=ScienceField.choices, blank=True
    )
    specialty = models.CharField(_("specialty"), max_length=255, blank=True)
    employer = models.CharField(_("employer"), max_length=255, blank=True)
    position = models.CharField(_("position"), max_length=255, blank=True)
    commune = models.ForeignKey(
        Organization,
        verbose_name=_("commune"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="residents",
        limit_choices_to={"kind": "commune"},
    )
    former_district = models.CharField(_("district (before July 2025)"), max_length=100, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    willing_expert = models.BooleanField(_("willing to serve as an expert"), default=False)
    consent = models.BooleanField(_("consent to data processing"), default=False)
    consent_on = models.DateField(_("consent given on"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    import_batch = models.ForeignKey(
        "RosterImport",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
        editable=False,
        # Which import brought a person, for undo: set only by the import, in the
        # transaction that creates the batch (Django clears it if a batch is deleted).
        db_constraint=False,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(
        excluded_fields=["updated_at", "name_folded", "sort_key", "import_batch"],
        # History is read person by person; indexes on its catalogue columns would only
        # slow down every write (a roster import writes one record a person).
        no_db_index=["ethnicity", "degree", "title", "commune"],
        # Who made a change, without a database constraint: a roster import would have
        # the database check one key a person (Django still clears it on delete).
        user_db_constraint=False,
    )
    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["sort_key", "pk"]
        verbose_name = _("intellectual")
        verbose_name_plural = _("intellectuals")
        indexes = [
            models.Index(fields=["sort_key", "id"], name="person_order"),
            # The folded name is indexed by migrations, differently on each database
            # (0009): on PostgreSQL, person_name_order begins with it.
            # Who is who when a roster comes in: the same e-mail or the same phone.
            models.Index(fields=["email"], name="person_email"),
            models.Index(fields=["phone"], name="person_phone"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(consent=True) | models.Q(consent_on__isnull=True),
                name="person_consent_date_needs_consent",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.full_name = " ".join(self.full_name.split())
        for attribute, value in name_columns(self.full_name).items():
            setattr(self, attribute, value)
        if self.birth_date:
            self.birth_year = self.birth_date.year
        # One spelling of each, so that the same phone or e-mail is found again.
        self.phone = normalize_phone(self.phone) or self.phone.strip()
        self.email = self.email.strip().lower()
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("workforce:person_detail", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        if self.birth_date and self.birth_year and self.birth_date.year != self.birth_year:
            raise ValidationError(
                {"birth_year": _("The year of birth does not match the date of birth.")}
            )
        if self.consent_on and not self.consent:
            raise ValidationError({"consent_on": _("A consent date needs the consent.")})


class Membership(models.Model):
    """A person's membership of an association, with its dates (hội viên)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="memberships")
    # The (association, person) index serves lookups by association: no index of its own.
    association = models.ForeignKey(
        Association, on_delete=models.PROTECT, related_name="memberships", db_index=False
    )
    joined_on = models.DateField(_("joined on"), null=True, blank=True)
    left_on = models.DateField(_("left on"), null=True, blank=True)
    role = models.CharField(_("role in the association"), max_length=150, blank=True)

    # Who belongs to which association feeds the statistics: who recorded a joining, a
    # leaving or a correction is kept, as for people (the person's page shows it).
    history = HistoricalRecords(no_db_index=["association"], user_db_constraint=False)

    class Meta:
        ordering = ["-joined_on"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        indexes = [models.Index(fields=["association", "person"])]

    def __str__(self) -> str:
        return f"{self.person} — {self.association}"

    def clean(self) -> None:
        super().clean()
        if self.joined_on and self.left_on and self.left_on < self.joined_on:
            raise ValidationError({"left_on": _("Leaving comes before joining.")})


class RosterImport(models.Model):
    """One roster file imported for an association: what it did, so it can be undone."""

    association = models.ForeignKey(
        Association, on_delete=models.PROTECT, related_name="roster_imports"
    )
    file_name = models.CharField(_("file name"), max_length=255)
    created = models.PositiveIntegerField(_("created"), default=0)
    updated = models.PositiveIntegerField(_("updated"), default=0)
    skipped = models.PositiveIntegerField(_("skipped"), default=0)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    imported_at = models.DateTimeField(auto_now_add=True)
    undone_at = models.DateTimeField(null=True, blank=True)
    # What undo needs beyond the people it created: {"previous": {person id: {field: value
    # before the import}}, "memberships": [ids of memberships added to registry people]}.
    undo = models.JSONField(default=dict, blank=True, editable=False)

    class Meta:
        ordering = ["-imported_at"]
        verbose_name = _("roster import")
        verbose_name_plural = _("roster imports")

    def __str__(self) -> str:
        return f"{self.file_name} ({self.imported_at:%d/%m/%Y})"


class PersonalDataExport(models.Model):
    """Every export of personal data: who, when, what filter (Decree 13/2023/NĐ-CP)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    what = models.CharField(_("what"), max_length=255)
    filters = models.JSONField(_("filter"), default=dict, blank=True)
    rows = models.PositiveIntegerField(_("rows"), default=0)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("personal data export")
        verbose_name_plural = _("personal data exports")

    def __str__(self) -> str:
        return f"{self.what} — {self.created_at:%d/%m/%Y %H:%M}"


class PersonErasure(models.Model):
    """A person's record erased on request (Decree 13/2023/NĐ-CP): who erased which
    record, when and why. The name and every other personal value are gone with it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    erased_at = models.DateTimeField(auto_now_add=True)
    person_number = models.PositiveIntegerField(_("record number"))
    reason = models.CharField(_("reason"), max_length=255)

    class Meta:
        ordering = ["-erased_at"]
        verbose_name = _("erased record")
        verbose_name_plural = _("erased records")

    def __str__(self) -> str:
        return f"#{self.person_number} — {self.erased_at:%d/%m/%Y %H:%M}"


class RegistryVersion(models.Model):
    """One row whose token changes with every write to people or memberships.

    Written only by ``statistics.registry_changed``; the statistics cache keys its
    entries by the token, so every web worker sees a change as soon as it is committed.
    """

    token = models.CharField(max_length=32)
    changed_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.token} ({self.changed_at:%d/%m/%Y %H:%M})"
