"""Award programmes and the recognitions exhibits received from them."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Award(models.Model):
    """An award programme, e.g. the Hong Kong ICT Awards. ``name`` is translated."""

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    website = models.URLField(_("website"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "slug"]
        verbose_name = _("award")
        verbose_name_plural = _("awards")

    def __str__(self) -> str:
        return self.name


class Recognition(models.Model):
    """One exhibit's prize in one year of a programme: "Award of the Year" 2024."""

    award = models.ForeignKey(Award, on_delete=models.PROTECT, related_name="recognitions")
    exhibit = models.ForeignKey(
        "exhibits.Exhibit", on_delete=models.CASCADE, related_name="recognitions"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(_("prize"), max_length=200)

    class Meta:
        ordering = ["-year", "award__order", "award__slug"]
        verbose_name = _("recognition")
        verbose_name_plural = _("recognitions")
        constraints = [
            models.UniqueConstraint(
                fields=["award", "exhibit", "year"],
                name="recognition_unique",
                violation_error_message=_(
                    "This exhibit already has a prize from this programme for this year."
                ),
            ),
            models.CheckConstraint(
                condition=Q(year__gte=1950) & Q(year__lte=2100), name="recognition_year_plausible"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.award} {self.year}: {self.title}"
