"""Contributors to the pavilion and the people who act for them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Department(models.Model):
    """A contributor: government department, public body, university, company or team.

    ``name`` is translated (official English and Chinese names; see translation.py).
    """

    class Kind(models.TextChoices):
        GOVERNMENT = "government", _("Government department")
        PUBLIC_BODY = "public_body", _("Public body")
        UNIVERSITY = "university", _("University")
        COMPANY = "company", _("Company")
        STUDENT_TEAM = "student_team", _("Student team")

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    name = models.CharField(_("official name"), max_length=200)
    abbreviation = models.CharField(_("abbreviation"), max_length=20, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    website = models.URLField(_("website"), blank=True)
    logo = models.ImageField(_("logo"), upload_to="departments/", blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    kind__in=["government", "public_body", "university", "company", "student_team"]
                ),
                name="department_kind_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("department_detail", kwargs={"slug": self.slug})


class Membership(models.Model):
    """Joins a person to a department as an editor or a coordinator.

    Editors draft the department's exhibits; the coordinator signs off and submits.
    """

    class Role(models.TextChoices):
        EDITOR = "editor", _("Editor")
        COORDINATOR = "coordinator", _("Coordinator")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    department = models.ForeignKey(Department, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.EDITOR)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["department", "user"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "department"],
                name="membership_one_per_department",
                violation_error_message=_("This person is already a member of this department."),
            ),
            models.CheckConstraint(
                condition=Q(role__in=["editor", "coordinator"]), name="membership_role_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.department} ({self.get_role_display()})"


class Quota(models.Model):
    """How many exhibits a department may submit to an edition, set by curators."""

    edition = models.ForeignKey("pavilion.Edition", on_delete=models.CASCADE, related_name="quotas")
    department = models.ForeignKey(Department, on_delete=models.CASCADE, related_name="quotas")
    limit = models.PositiveSmallIntegerField(_("limit"))

    class Meta:
        ordering = ["edition", "department"]
        verbose_name = _("quota")
        verbose_name_plural = _("quotas")
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "department"],
                name="quota_one_per_department_and_edition",
                violation_error_message=_("This department already has a quota for this edition."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.department} — {self.edition}: {self.limit}"


class Invitation(models.Model):
    """A curator's invitation for a person to join a department with a role.

    The e-mailed link carries a random token; only its SHA-256 digest is stored, so a
    database leak does not leak usable links. Accepting it sets a password (for a new
    person) and creates the Membership.
    """

    email = models.EmailField(_("e-mail"))
    department = models.ForeignKey(Department, on_delete=models.CASCADE, related_name="invitations")
    role = models.CharField(
        _("role"), max_length=20, choices=Membership.Role.choices, default=Membership.Role.EDITOR
    )
    token_digest = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True, editable=False)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.CheckConstraint(
                condition=Q(role__in=["editor", "coordinator"]), name="invitation_role_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.email} → {self.department} ({self.get_role_display()})"

    @property
    def is_accepted(self) -> bool:
        return self.accepted_at is not None
