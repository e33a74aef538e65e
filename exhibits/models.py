"""Exhibits: the solutions shown at the pavilion, with their images, links and technologies.

Translated fields are registered in ``exhibits/translation.py``; the change history of
Exhibit is registered in ``ExhibitsConfig.ready`` (after translation, see TRAPS.md).
Statuses change only through ``exhibits.workflow``.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Technology(models.Model):
    """A technology an exhibit uses: the fair's key areas (AI, robotics, …) and more."""

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=100)
    is_key_area = models.BooleanField(
        _("key area of the fair"),
        default=False,
        help_text=_("One of the fair's key areas, listed first in filters."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["-is_key_area", "order", "slug"]
        verbose_name = _("technology")
        verbose_name_plural = _("technologies")

    def __str__(self) -> str:
        return self.name


class ExhibitStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    IN_REVIEW = "in_review", _("In review")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    APPROVED = "approved", _("Approved")
    PUBLISHED = "published", _("Published")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class ExhibitQuerySet(models.QuerySet):
    def published(self) -> ExhibitQuerySet:
        return self.filter(status=ExhibitStatus.PUBLISHED)


class Exhibit(models.Model):
    """One solution in one edition, from a lead department and its partners."""

    Status = ExhibitStatus

    edition = models.ForeignKey(
        "pavilion.Edition", on_delete=models.PROTECT, related_name="exhibits"
    )
    slug = models.SlugField(
        _("slug"),
        max_length=80,
        help_text=_("Part of the public address. Fixed once published: QR codes carry it."),
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), max_length=600)
    description = models.TextField(_("description"), max_length=20000, blank=True)
    demo_notes = models.TextField(
        _("demonstration notes"),
        max_length=5000,
        blank=True,
        help_text=_("What visitors can try at the booth, and when."),
    )
    lead_department = models.ForeignKey(
        "departments.Department",
        on_delete=models.PROTECT,
        related_name="exhibits",
        verbose_name=_("lead department"),
    )
    partner_departments = models.ManyToManyField(
        "departments.Department",
        blank=True,
        related_name="partner_exhibits",
        verbose_name=_("partner departments"),
    )
    proposed_zone = models.ForeignKey(
        "pavilion.Zone",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposed_exhibits",
        verbose_name=_("proposed zone"),
        help_text=_("The zone the department proposes; curators decide the zone."),
    )
    zone = models.ForeignKey(
        "pavilion.Zone",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="exhibits",
        verbose_name=_("zone"),
    )
    booth = models.OneToOneField(
        "pavilion.Booth",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="exhibit",
        verbose_name=_("booth"),
    )
    technologies = models.ManyToManyField(
        Technology, blank=True, related_name="exhibits", verbose_name=_("technologies")
    )
    featured = models.BooleanField(_("featured"), default=False)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ExhibitStatus.choices,
        default=ExhibitStatus.DRAFT,
        db_index=True,
        editable=False,
    )
    version = models.PositiveIntegerField(
        _("version"),
        default=1,
        editable=False,
        help_text=_("Raised by every save; a save based on an older version is refused."),
    )
    previous = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="carried_forward",
        verbose_name=_("carried forward from"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    status_changed_at = models.DateTimeField(_("status changed"), null=True, editable=False)
    submitted_at = models.DateTimeField(_("submitted"), null=True, editable=False)
    published_at = models.DateTimeField(_("first published"), null=True, editable=False)

    objects = ExhibitQuerySet.as_manager()

    class Meta:
        ordering = ["edition", "zone__order", "title"]
        verbose_name = _("exhibit")
        verbose_name_plural = _("exhibits")
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "slug"],
                name="exhibit_unique_slug_per_edition",
                violation_error_message=_("This edition already has an exhibit with this slug."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=ExhibitStatus.values), name="exhibit_status_valid"
            ),
            models.CheckConstraint(condition=Q(version__gte=1), name="exhibit_version_positive"),
            models.CheckConstraint(
                condition=~Q(status=ExhibitStatus.PUBLISHED) | Q(zone__isnull=False),
                name="exhibit_published_has_zone",
                violation_error_message=_("A published exhibit must have a zone."),
            ),
        ]
        indexes = [
            # The public list: filter on (edition, status, zone), order by a title, page by
            # id. On PostgreSQL the count, the choice of a page's rows and an exhibit page's
            # "latest change in its zone" read this index alone (index-only scans), never
            # the wide rows (exhibits.paging, exhibits.views).
            models.Index(
                fields=[
                    "edition",
                    "status",
                    "zone",
                    "title_en",
                    "title_zh_hant",
                    "title_zh_hans",
                    "published_at",
                    "updated_at",
                    "id",
                ],
                name="exhibit_public_list",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        if self.edition.is_current:
            return reverse("exhibit_detail", kwargs={"slug": self.slug})
        return reverse(
            "edition_exhibit_detail", kwargs={"edition": self.edition.slug, "slug": self.slug}
        )

    def clean(self) -> None:
        super().clean()
        errors = {}
        for field in ("zone", "proposed_zone"):
            zone = getattr(self, field)
            if zone is not None and self.edition_id and zone.edition_id != self.edition_id:
                errors[field] = _("The zone must belong to the exhibit's edition.")
        if self.booth is not None:
            if self.edition_id and self.booth.edition_id != self.edition_id:
                errors["booth"] = _("The booth must belong to the exhibit's edition.")
            elif self.zone_id and self.booth.zone_id != self.zone_id:
                errors["booth"] = _("The booth must be in the exhibit's zone.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_published(self) -> bool:
        return self.status == ExhibitStatus.PUBLISHED


class ExhibitImage(models.Model):
    """An image of an exhibit, stored only after passing ``exhibits.images``.

    ``image`` is the re-encoded original (no metadata, generated name); ``renditions``
    maps width → format → storage name for the smaller copies made at upload, so pages
    never open or resize files, and never query per thumbnail.
    """

    exhibit = models.ForeignKey(Exhibit, on_delete=models.CASCADE, related_name="images")
    image = models.FileField(_("image"), max_length=200, editable=False)
    width = models.PositiveIntegerField(editable=False)
    height = models.PositiveIntegerField(editable=False)
    renditions = models.JSONField(default=dict, editable=False)
    alt_text = models.CharField(
        _("alternative text"),
        max_length=300,
        help_text=_("What the image shows, for people who cannot see it."),
    )
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    credit = models.CharField(_("credit"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["exhibit", "order", "id"]
        verbose_name = _("image")
        verbose_name_plural = _("images")

    def __str__(self) -> str:
        return self.alt_text or self.image.name

    # URL helpers: they read ``renditions`` and ask the storage for URLs only (a string
    # operation for the file system and for S3 without signed URLs): no query, no I/O.
    # Formats are "webp" and "jpeg".

    @property
    def rendition_widths(self) -> list[int]:
        """The widths made at upload, smallest first."""
        return sorted(int(width) for width in self.renditions)

    def rendition_url(self, width: int, fmt: str) -> str:
        """The URL of one rendition; KeyError if it was not made (see rendition_widths)."""
        return self.image.storage.url(self.renditions[str(width)][fmt])

    def srcset(self, fmt: str) -> str:
        """``srcset`` for <img>/<source>: "url 320w, url 640w, …", smallest first."""
        return ", ".join(
            f"{self.rendition_url(width, fmt)} {width}w" for width in self.rendition_widths
        )

    @property
    def srcset_webp(self) -> str:
        return self.srcset("webp")

    @property
    def srcset_jpeg(self) -> str:
        return self.srcset("jpeg")

    @property
    def thumbnail_url(self) -> str:
        """The JPEG rendition 640 wide, or the largest narrower one.

        JPEG, not WebP, because this URL also goes where no <picture> fallback exists
        (Open Graph previews, e-mail, API consumers); pages wanting WebP use ``srcset``.
        """
        widths = self.rendition_widths
        if not widths:
            return self.image.url if self.image else ""
        fitting = [width for width in widths if width <= 640] or widths[:1]
        return self.rendition_url(fitting[-1], "jpeg")

    def largest_url(self, fmt: str) -> str:
        """The widest rendition in this format (at most 1280 px wide)."""
        widths = self.rendition_widths
        if not widths:
            return self.image.url if self.image else ""
        return self.rendition_url(widths[-1], fmt)

    @property
    def stored_names(self) -> list[str]:
        """Every storage name this image owns: the original and all renditions."""
        names = [self.image.name] if self.image else []
        for formats in self.renditions.values():
            names.extend(formats.values())
        return names


class ExhibitLink(models.Model):
    """A link from an exhibit to more about it (service website, app, video)."""

    exhibit = models.ForeignKey(Exhibit, on_delete=models.CASCADE, related_name="links")
    url = models.URLField(_("address"), max_length=500)
    label = models.CharField(_("label"), max_length=200)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["exhibit", "order", "id"]
        verbose_name = _("link")
        verbose_name_plural = _("links")

    def __str__(self) -> str:
        return self.label


class ExhibitComment(models.Model):
    """One message in the thread between an exhibit's department and the curators."""

    exhibit = models.ForeignKey(Exhibit, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    body = models.TextField(_("message"), max_length=5000)
    by_curator = models.BooleanField(
        _("from a curator"), default=False, help_text=_("Shown as from the pavilion team.")
    )
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        ordering = ["exhibit", "created_at", "id"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self) -> str:
        return f"{self.author}: {self.body[:60]}"


class DemoSession(models.Model):
    """An on-site demonstration of an exhibit at a set time during the fair.

    Times are stored in UTC like every datetime; the fair runs in Hong Kong, so a session
    must lie within the edition's days in Asia/Hong_Kong (``clean``). ``title`` and
    ``note`` are translated (``exhibits/translation.py``). Shown on the exhibit's public
    page and in the iCal feeds (``exhibits/calendar.py``).
    """

    exhibit = models.ForeignKey(Exhibit, on_delete=models.CASCADE, related_name="demo_sessions")
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    title = models.CharField(
        _("title"), max_length=200, help_text=_("What is shown, e.g. “Live robot inspection”.")
    )
    note = models.CharField(
        _("note"), max_length=300, blank=True, help_text=_("Where to stand, who presents, …")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("demonstration")
        verbose_name_plural = _("demonstrations")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="demo_session_ends_after_start",
                violation_error_message=_("A demonstration must end after it starts."),
            ),
        ]
        indexes = [models.Index(fields=["exhibit", "starts_at"], name="demo_session_exhibit_start")]

    def __str__(self) -> str:
        from pavilion.timezones import FAIR_TZ

        return f"{self.title} ({self.starts_at.astimezone(FAIR_TZ):%Y-%m-%d %H:%M} HKT)"

    def clean(self) -> None:
        super().clean()
        if self.starts_at is None or self.ends_at is None:
            return
        try:
            # Set (unsaved) by the admin's inline on a new exhibit's page, too.
            exhibit = self.exhibit
        except Exhibit.DoesNotExist:
            return
        if exhibit.edition_id is None:
            return
        from pavilion.timezones import fair_bounds

        opens, closes = fair_bounds(exhibit.edition)
        if self.starts_at < opens or self.ends_at > closes:
            raise ValidationError(
                _(
                    "A demonstration must take place during the fair, between %(first)s "
                    "and %(last)s (Hong Kong time)."
                ),
                code="outside_fair",
                params={
                    "first": exhibit.edition.starts_on.isoformat(),
                    "last": exhibit.edition.ends_on.isoformat(),
                },
            )


def _touch_exhibit(sender, instance, **kwargs) -> None:
    """A demonstration added, changed or removed is a change of its exhibit's public page:
    moving ``updated_at`` lets everything keyed on the exhibit's last change (page caches,
    ETags, sitemaps) see it. ``update()`` on purpose: no history record, no version bump."""
    from django.utils import timezone

    Exhibit.objects.filter(pk=instance.exhibit_id).update(updated_at=timezone.now())


models.signals.post_save.connect(_touch_exhibit, sender=DemoSession, dispatch_uid="demo_touch")
models.signals.post_delete.connect(_touch_exhibit, sender=DemoSession, dispatch_uid="demo_touch_d")


class RevisionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


#: A revision still open: the department edits it (draft) or a curator decides (submitted).
OPEN_REVISION_STATUSES = (RevisionStatus.DRAFT, RevisionStatus.SUBMITTED)


class ExhibitRevision(models.Model):
    """A department's proposed change to a published exhibit, decided by a curator.

    The public keeps seeing the exhibit as published until a curator approves the
    revision; only then is it applied to the exhibit, all at once (``exhibits.revisions``,
    which holds the revision's workflow, as ``exhibits.workflow`` holds the exhibit's).

    ``base`` is the exhibit's content when the revision started and ``changes`` the content
    the department proposes, both in the same shape: every text column (``title_en``, …,
    "" when empty), ``technologies`` and ``partner_departments`` (sorted slugs), ``links``
    (ordered {url, label_en, label_zh_hant, label_zh_hans}) and ``images`` (ordered; an
    existing image as {"id": pk, texts…}, one staged by this revision as
    {"new": {key, image, width, height, renditions}, texts…}). What the department changed
    is where ``changes`` differs from ``base``; only that is applied, so a curator's own
    edit of another field meanwhile (a typo fixed, a booth assigned) is never undone.

    Staged images are stored through the image pipeline at upload, under generated names,
    outside the live exhibit; they become its images on approval and are deleted when the
    revision is rejected or withdrawn.
    """

    Status = RevisionStatus

    exhibit = models.ForeignKey(
        Exhibit, on_delete=models.CASCADE, related_name="revisions", verbose_name=_("exhibit")
    )
    number = models.PositiveIntegerField(
        _("number"), editable=False, help_text=_("Counts the exhibit's revisions: 1, 2, 3…")
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=RevisionStatus.choices,
        default=RevisionStatus.DRAFT,
        db_index=True,
        editable=False,
    )
    base = models.JSONField(_("content it started from"), default=dict, editable=False)
    changes = models.JSONField(_("proposed content"), default=dict, editable=False)
    base_version = models.PositiveIntegerField(
        _("based on version"),
        editable=False,
        help_text=_("The exhibit's version when the revision started."),
    )
    version = models.PositiveIntegerField(
        _("version"),
        default=1,
        editable=False,
        help_text=_("Raised by every save of the revision; an older one is refused."),
    )
    note = models.TextField(
        _("note from the department"),
        max_length=2000,
        blank=True,
        help_text=_("What changed and why, written when submitting."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        editable=False,
        verbose_name=_("proposed by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        editable=False,
        verbose_name=_("last saved by"),
    )
    updated_at = models.DateTimeField(_("last saved"), auto_now=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=_("submitted by"),
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True, editable=False)
    # Who closed the revision: the curator who approved or rejected it, or the person who
    # withdrew it (the coordinator, or the curator whose unpublishing withdrew it).
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True, editable=False)
    decision_message = models.TextField(_("decision message"), blank=True, editable=False)

    class Meta:
        ordering = ["exhibit", "-number"]
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")
        constraints = [
            models.UniqueConstraint(
                fields=["exhibit"],
                condition=Q(status__in=OPEN_REVISION_STATUSES),
                name="exhibit_revision_one_open",
                violation_error_message=_("This exhibit already has an open revision."),
            ),
            models.UniqueConstraint(
                fields=["exhibit", "number"], name="exhibit_revision_unique_number"
            ),
            models.CheckConstraint(
                condition=Q(status__in=RevisionStatus.values), name="exhibit_revision_status_valid"
            ),
        ]
        indexes = [
            models.Index(fields=["status", "submitted_at"], name="revision_status_submitted")
        ]

    def __str__(self) -> str:
        return f"{self.exhibit} — revision {self.number}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_REVISION_STATUSES

    @property
    def staged_names(self) -> list[str]:
        """Storage names of the images this revision staged (originals and renditions)."""
        names: list[str] = []
        for entry in self.changes.get("images", []):
            staged = entry.get("new")
            if staged:
                names.append(staged["image"])
                for formats in staged.get("renditions", {}).values():
                    names.extend(formats.values())
        return names


def _delete_staged_files(sender, instance, **kwargs) -> None:
    """An open revision deleted with its exhibit takes its staged images' files with it.

    Approved revisions' files belong to the exhibit's images by then, and closed ones
    deleted theirs when they closed."""
    if instance.is_open:
        from exhibits.images import delete_files_on_commit

        delete_files_on_commit(instance.staged_names, using=kwargs.get("using"))


models.signals.post_delete.connect(
    _delete_staged_files, sender=ExhibitRevision, dispatch_uid="revision_staged_files"
)
