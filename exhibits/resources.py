"""Exhibits in and out of the back-office as CSV/XLSX (django-import-export).

Export: every language column side by side, the edition, zones and departments by slug,
technologies and partners as slugs separated by ";", the booth, the workflow status and
the times — for the rows of the admin's filtered list.

Import: new **drafts** only. Status, version, booth and times are never read from a file
(they change through the workflow and the floor plan); a row is always a new exhibit, so
a slug already used in the edition is that row's error. ``edition`` may be left empty for
the current edition; an empty ``slug`` is made from the English title. A draft needs its
English title and a lead department; zones are looked up in the row's edition. Every row
is checked before anything is saved, and one invalid row saves nothing
(``pavilion.resources``). History records name the importer and the file.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.text import slugify
from import_export import fields, widgets

from departments.models import Department
from exhibits.content import EXHIBIT_TEXT_COLUMNS
from exhibits.models import Exhibit, ExhibitStatus, Technology
from pavilion.models import Edition, Zone
from pavilion.resources import PavilionResource, SlugsWidget, SlugWidget

TEXT_COLUMNS = EXHIBIT_TEXT_COLUMNS
SLUG_MAX_LENGTH = 80


class EditionZoneWidget(SlugWidget):
    """A zone by slug within the row's edition (zone slugs repeat across editions)."""

    def get_queryset(self, value, row, *args, **kwargs):
        return Zone.objects.filter(edition__slug=(row or {}).get("edition") or "")


class ExhibitResource(PavilionResource):
    required_columns = ("title_en",)
    header_words = {"demo_notes": "Demonstration notes"}

    edition = fields.Field(
        attribute="edition", column_name="edition", widget=SlugWidget(Edition, "edition")
    )
    lead_department = fields.Field(
        attribute="lead_department",
        column_name="lead_department",
        widget=SlugWidget(Department, "department"),
    )
    partner_departments = fields.Field(
        attribute="partner_departments",
        column_name="partner_departments",
        widget=SlugsWidget(Department, "department"),
    )
    technologies = fields.Field(
        attribute="technologies",
        column_name="technologies",
        widget=SlugsWidget(Technology, "technology"),
    )
    proposed_zone = fields.Field(
        attribute="proposed_zone",
        column_name="proposed_zone",
        widget=EditionZoneWidget(Zone, "zone in this edition"),
    )
    zone = fields.Field(
        attribute="zone", column_name="zone", widget=EditionZoneWidget(Zone, "zone in this edition")
    )
    # Read-only: shown in exports, never taken from a file.
    booth = fields.Field(attribute="booth__code", column_name="booth", readonly=True)
    status = fields.Field(attribute="status", column_name="status", readonly=True)
    version = fields.Field(attribute="version", column_name="version", readonly=True)
    submitted_at = fields.Field(
        attribute="submitted_at",
        column_name="submitted_at",
        readonly=True,
        widget=widgets.DateTimeWidget(),
    )
    published_at = fields.Field(
        attribute="published_at",
        column_name="published_at",
        readonly=True,
        widget=widgets.DateTimeWidget(),
    )
    updated_at = fields.Field(
        attribute="updated_at",
        column_name="updated_at",
        readonly=True,
        widget=widgets.DateTimeWidget(),
    )

    class Meta:
        model = Exhibit
        # A row is always a new draft: no column identifies an existing exhibit.
        import_id_fields = ()
        force_init_instance = True
        fields = (
            "edition",
            "slug",
            *TEXT_COLUMNS,
            "lead_department",
            "partner_departments",
            "technologies",
            "proposed_zone",
            "zone",
            "booth",
            "featured",
            "status",
            "version",
            "submitted_at",
            "published_at",
            "updated_at",
        )
        export_order = fields
        clean_model_instances = True

    def __init__(self, *, current_edition: Edition | None = None, **kwargs):
        super().__init__(**kwargs)
        self.current_edition = current_edition

    # --- export ------------------------------------------------------------------------

    def filter_export(self, queryset, **kwargs):
        """Join and prefetch what the columns show: a fixed number of queries per chunk."""
        return queryset.select_related(
            "edition", "lead_department", "proposed_zone", "zone", "booth"
        ).prefetch_related("partner_departments", "technologies")

    # --- import ------------------------------------------------------------------------

    def before_import_row(self, row, **kwargs):
        super().before_import_row(row, **kwargs)
        if not row.get("edition"):
            edition = self.current_edition or Edition.objects.current()
            row["edition"] = edition.slug if edition else ""

    def import_instance(self, instance, row, **kwargs):
        errors: dict[str, list] = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        partners = {p.strip() for p in str(row.get("partner_departments") or "").split(";")}
        lead = instance.lead_department.slug if instance.lead_department_id else None
        if lead and lead in partners:
            errors.setdefault("partner_departments", []).append(
                "The lead department cannot also be a partner."
            )
        instance.status = ExhibitStatus.DRAFT
        instance.version = 1
        instance.booth = None
        if not instance.slug and instance.title_en and instance.edition_id:
            instance.slug = self._slug_from_title(instance)
        if errors:
            raise ValidationError(errors)

    def _slug_from_title(self, instance) -> str:
        base = slugify(instance.title_en)[: SLUG_MAX_LENGTH - 4].strip("-") or "exhibit"
        taken = set(
            Exhibit.objects.filter(
                edition_id=instance.edition_id, slug__startswith=base
            ).values_list("slug", flat=True)
        )
        slug, n = base, 2
        while slug in taken:
            slug, n = f"{base}-{n}", n + 1
        return slug

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})
        if instance.lead_department_id is None and "lead_department" not in errors:
            errors["lead_department"] = ["Name the lead department by its slug."]
        if instance.edition_id is None and "edition" not in errors:
            errors["edition"] = ["Name the edition by its slug (no edition is current)."]
        super().validate_instance(instance, errors, validate_unique=validate_unique)

    def before_save_instance(self, instance, row, **kwargs):
        user = kwargs.get("user")
        instance.created_by = user if getattr(user, "is_authenticated", False) else None
        instance._history_user = instance.created_by
        instance._change_reason = f"import: Imported from {kwargs.get('file_name') or 'a file'}"
