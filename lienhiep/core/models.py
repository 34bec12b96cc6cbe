"""Organizations, users and the roles users hold in organizations."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models.functions import Upper
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class OrganizationKind(models.TextChoices):
    PARTY = "party", _("Party body")
    COUNCIL = "council", _("People's Council")
    PEOPLES_COMMITTEE = "committee", _("People's Committee")
    DEPARTMENT = "department", _("Department or agency")
    FRONT = "front", _("Fatherland Front or socio-political organization")
    UNION = "union", _("Union of S&T Associations")
    ASSOCIATION = "association", _("Member association")
    COMMUNE = "commune", _("Commune or ward")
    OTHER = "other", _("Other")


code_validator = RegexValidator(
    r"^[A-Z0-9][A-Z0-9_.-]{0,29}$",
    _("Use 1–30 capital letters, digits, dots, dashes or underscores, e.g. BTG-TU."),
)


class OrganizationQuerySet(models.QuerySet["Organization"]):
    def active(self) -> OrganizationQuerySet:
        return self.filter(is_active=True)


class Organization(models.Model):
    """A body of the provincial system: a node of one tree (đơn vị)."""

    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    code = models.CharField(_("code"), max_length=30, unique=True, validators=[code_validator])
    kind = models.CharField(_("kind"), max_length=20, choices=OrganizationKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent organization"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])
    objects = OrganizationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(parent=models.F("pk")), name="organization_not_own_parent"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("core:organization_detail", args=[self.pk])

    @property
    def display_name(self) -> str:
        return self.short_name or self.name

    @property
    def is_party_body(self) -> bool:
        return self.kind == OrganizationKind.PARTY

    def ancestors(self) -> list[Organization]:
        """From the root down to the parent; one query per level (trees are shallow)."""
        chain: list[Organization] = []
        node = self.parent
        seen = {self.pk}
        while node is not None and node.pk not in seen:
            chain.append(node)
            seen.add(node.pk)
            node = node.parent
        return list(reversed(chain))

    def clean(self) -> None:
        super().clean()
        if self.code:
            self.code = self.code.strip().upper()
        if self.pk and self.parent_id:
            ancestor_ids = {a.pk for a in self.parent.ancestors()} if self.parent else set()
            if self.parent_id == self.pk or self.pk in ancestor_ids:
                raise ValidationError(
                    {"parent": _("An organization cannot be placed under itself.")}
                )


class Role(models.TextChoices):
    UNION_STAFF = "union_staff", _("Union office staff")
    UNION_LEADER = "union_leader", _("Union standing leader")
    OVERSIGHT = "oversight", _("Oversight (Propaganda Dept., Party delegation, Party office)")
    UNIT_REPORTER = "unit_reporter", _("Unit reporter")
    ASSOCIATION_STAFF = "association_staff", _("Member association staff")
    EXPERT = "expert", _("Expert")
    JUDGE = "judge", _("Contest judge")
    PUBLIC = "public", _("Member of the public")
    ADMIN = "admin", _("System administrator")


# Roles that only make sense in an organization of a given kind.
ROLE_ORGANIZATION_KINDS: dict[str, set[str]] = {
    Role.UNION_STAFF: {OrganizationKind.UNION},
    Role.UNION_LEADER: {OrganizationKind.UNION},
    Role.ASSOCIATION_STAFF: {OrganizationKind.ASSOCIATION},
}


class User(AbstractUser):
    """A person who signs in. Names are stored whole, as Vietnamese names are written."""

    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
    )
    position = models.CharField(_("position"), max_length=150, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)

    history = HistoricalRecords(excluded_fields=["last_login", "password"])

    class Meta:
        ordering = ["username"]
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.UniqueConstraint(
                Upper("email"),
                condition=~models.Q(email=""),
                name="user_email_unique_ci",
                violation_error_message=_("Another account already uses this e-mail."),
            ),
        ]

    def __str__(self) -> str:
        return self.full_name or self.username

    def get_full_name(self) -> str:
        return self.full_name or self.username

    def get_absolute_url(self) -> str:
        return reverse("core:user_detail", args=[self.pk])


class RoleAssignment(models.Model):
    """A role a user holds in one organization (vai trò tại đơn vị)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_assignments")
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        on_delete=models.PROTECT,
        related_name="role_assignments",
    )
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organization", "role"],
                name="role_assignment_unique",
                violation_error_message=_("This user already holds this role here."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.organization}"

    def clean(self) -> None:
        super().clean()
        kinds = ROLE_ORGANIZATION_KINDS.get(self.role)
        if kinds and self.organization_id and self.organization.kind not in kinds:
            raise ValidationError(
                {
                    "organization": _(
                        "The role “%(role)s” can only be held in an organization of kind %(kinds)s."
                    )
                    % {
                        "role": self.get_role_display(),
                        "kinds": ", ".join(str(OrganizationKind(k).label) for k in sorted(kinds)),
                    }
                }
            )


class Notification(models.Model):
    """A message in a user's in-app inbox (thông báo); e-mail copies are sent alongside."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="notifications")
    text = models.CharField(_("message"), max_length=500)
    url = models.CharField(_("link"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self) -> str:
        return self.text
