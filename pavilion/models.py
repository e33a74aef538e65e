"""The pavilion itself: an Edition (one pavilion at one fair), its Zones and Booths."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

HEX_COLOUR = r"^#[0-9a-fA-F]{6}$"


class EditionQuerySet(models.QuerySet):
    def current(self) -> Edition | None:
        return self.filter(is_current=True).first()


class Edition(models.Model):
    """One pavilion at one fair, e.g. the Smart Hong Kong Pavilion at InnoEX 2025.

    Exactly one edition is current: the public site and API show it by default.
    Translated fields (name, fair_name, venue, theme, focus, co_organisers) are registered
    in ``pavilion/translation.py``.
    """

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    name = models.CharField(_("pavilion name"), max_length=200)
    fair_name = models.CharField(_("fair"), max_length=200)
    edition_number = models.PositiveSmallIntegerField(_("edition of the fair"))
    venue = models.CharField(_("venue"), max_length=200)
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    theme = models.CharField(_("fair theme"), max_length=200, blank=True)
    focus = models.CharField(_("pavilion focus"), max_length=300, blank=True)
    co_organisers = models.CharField(_("co-organisers"), max_length=300, blank=True)
    organiser = models.CharField(_("pavilion organiser"), max_length=200, blank=True)
    website = models.URLField(_("fair website"), blank=True)
    submission_opens_at = models.DateTimeField(_("submissions open"))
    submission_closes_at = models.DateTimeField(_("submissions close"))
    is_current = models.BooleanField(
        _("current edition"),
        default=False,
        help_text=_(
            "The edition the public site and API show by default. Only one can be current."
        ),
    )

    objects = EditionQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on"]
        verbose_name = _("edition")
        verbose_name_plural = _("editions")
        constraints = [
            models.UniqueConstraint(
                fields=["is_current"],
                condition=Q(is_current=True),
                name="edition_one_current",
                violation_error_message=_("Another edition is already current."),
            ),
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="edition_ends_after_start",
                violation_error_message=_("The last day cannot be before the first day."),
            ),
            models.CheckConstraint(
                condition=Q(submission_closes_at__gt=models.F("submission_opens_at")),
                name="edition_window_closes_after_open",
                violation_error_message=_("Submissions must close after they open."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} — {self.fair_name}"

    def submission_window_is_open(self, at=None) -> bool:
        at = at or timezone.now()
        return self.submission_opens_at <= at < self.submission_closes_at

    @property
    def days(self) -> int:
        return (self.ends_on - self.starts_on).days + 1


class Zone(models.Model):
    """A themed area of an edition (Smart Living, Smart Mobility, …), shown in `order`."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="zones")
    slug = models.SlugField(_("slug"), max_length=60)
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    colour = models.CharField(
        _("colour"),
        max_length=7,
        default="#0b5394",
        help_text=_("A dark colour (#rrggbb) for the zone's cards and cover images."),
        validators=[RegexValidator(HEX_COLOUR, _("Enter a colour as #rrggbb."))],
    )

    class Meta:
        ordering = ["edition", "order", "slug"]
        verbose_name = _("zone")
        verbose_name_plural = _("zones")
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "slug"],
                name="zone_unique_slug_per_edition",
                violation_error_message=_("This edition already has a zone with this slug."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("zone_detail", kwargs={"slug": self.slug})


class Booth(models.Model):
    """A place on the floor of a zone. It holds at most one exhibit (Exhibit.booth)."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="booths")
    zone = models.ForeignKey(Zone, on_delete=models.PROTECT, related_name="booths")
    code = models.CharField(_("code"), max_length=20)
    is_demo = models.BooleanField(
        _("demo layout"),
        default=False,
        help_text=_(
            "Laid out by the seed for the demo site (only while PAVILION_DEMO is on), not "
            "by a curator."
        ),
    )

    class Meta:
        ordering = ["edition", "zone__order", "code"]
        verbose_name = _("booth")
        verbose_name_plural = _("booths")
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "code"],
                name="booth_unique_code_per_edition",
                violation_error_message=_("This edition already has a booth with this code."),
            ),
        ]

    def __str__(self) -> str:
        return self.code

    def clean(self) -> None:
        super().clean()
        if self.zone_id and self.edition_id and self.zone.edition_id != self.edition_id:
            raise ValidationError({"zone": _("The zone must belong to the booth's edition.")})


class ApiToken(models.Model):
    """A personal token for the REST API (``Authorization: Bearer <token>``).

    Any signed-in person (department members and curators alike) creates and revokes
    their own at /portal/tokens/. The token is shown once; only its SHA-256 digest is
    stored, so a database leak does not leak usable tokens. ``prefix`` (the first
    characters) lets a person tell their tokens apart. See ``pavilion/tokens.py``.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name=_("person"),
    )
    name = models.CharField(
        _("name"), max_length=100, help_text=_("What the token is for, e.g. “kiosk sync”.")
    )
    prefix = models.CharField(_("prefix"), max_length=12, editable=False)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
