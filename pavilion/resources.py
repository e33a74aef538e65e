"""What the back-office's imports and exports share (django-import-export).

- Translated models are validated by their language columns: the untranslated name
  (``title``) reads the active language's column, so ``full_clean`` would report a missing
  English title as "title" — or not at all in another language. Required language
  columns are named per resource (``required_columns``).
- Cells a spreadsheet would run as a formula are exported with a leading ``'`` (CSV and
  XLSX alike: openpyxl writes a string starting with ``=`` as a formula); the import takes
  that ``'`` off again, so an export can be edited and imported back.
- Slugs that name nothing are a row's validation error ("No department “x”."), never a
  crash and never silently dropped (import-export's many-to-many widget would drop them).
- All or nothing: imports run in one transaction that is rolled back if any row is
  invalid (``rollback_on_validation_errors``), whatever the caller asks for.
- Headers are for people: an export names each column in words, the language spelled
  out ("Title (Traditional Chinese)", ``column_header``), and the admin's export form
  labels its checkboxes the same way (``HeaderLabelsExportForm``). Fields keep their
  code names inside; an import takes either spelling of a header (any case), so the
  files an export produces, and files written with the code names, both import.
"""

from __future__ import annotations

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from import_export import resources, widgets
from import_export.forms import SelectableFieldsExportForm
from modeltranslation.translator import translator

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: Language suffixes of translated columns, and how a header names the language.
LANGUAGE_NAMES = {
    "zh_hant": "Traditional Chinese",
    "zh_hans": "Simplified Chinese",
    "en": "English",
}


def column_header(name: str, words: dict[str, str] | None = None) -> str:
    """The header people read for a column: ``title_zh_hant`` → "Title (Traditional
    Chinese)", ``lead_department`` → "Lead department". ``words`` overrides the words
    for a field's base name ({"demo_notes": "Demonstration notes"})."""
    words = words or {}
    for suffix, language in LANGUAGE_NAMES.items():
        if name.endswith(f"_{suffix}"):
            return f"{column_header(name.removesuffix(f'_{suffix}'), words)} ({language})"
    return words.get(name) or name.replace("_", " ").capitalize()


def escape_formula(value):
    """A cell value safe to open in a spreadsheet (see ``exhibits.open_data.safe_cell``)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return f"'{value}"
    return value


def unescape_formula(value):
    if isinstance(value, str) and value.startswith("'") and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value


class SlugWidget(widgets.ForeignKeyWidget):
    """A related row by slug; an unknown slug is a validation error naming it."""

    def __init__(self, model, label: str, **kwargs):
        self.label = label
        super().__init__(model, field="slug", **kwargs)

    def clean(self, value, row=None, **kwargs):
        value = (value or "").strip() if isinstance(value, str) else value
        if not value:
            return None
        found = self.get_queryset(value, row, **kwargs).filter(slug=value).first()
        if found is None:
            raise ValueError(f"No {self.label} “{value}”.")
        return found


class SlugsWidget(widgets.ManyToManyWidget):
    """Related rows by slugs separated by ";"; unknown slugs are a validation error."""

    def __init__(self, model, label: str, **kwargs):
        self.label = label
        super().__init__(model, separator=";", field="slug", **kwargs)

    def clean(self, value, row=None, **kwargs):
        if not value:
            return self.model.objects.none()
        slugs = [part.strip() for part in str(value).split(self.separator) if part.strip()]
        found = self.model.objects.filter(slug__in=slugs)
        unknown = sorted(set(slugs) - {obj.slug for obj in found})
        if unknown:
            raise ValueError(f"No {self.label} “{'”, “'.join(unknown)}”.")
        return found


class PavilionResource(resources.ModelResource):
    """Base of our resources: language-column validation, formula escaping, all or nothing,
    headers in words."""

    #: Language columns that must not be empty, e.g. ("title_en",).
    required_columns: tuple[str, ...] = ()
    #: Words for a column's header where its name does not read well (see column_header).
    header_words: dict[str, str] = {}

    def header_for(self, column_name: str) -> str:
        return column_header(column_name, self.header_words)

    def get_export_headers(self, selected_fields=None):
        return [self.header_for(name) for name in super().get_export_headers(selected_fields)]

    def get_diff_headers(self):
        return [self.header_for(name) for name in super().get_diff_headers()]

    def before_import(self, dataset, **kwargs):
        """Headers in words (as exported) or code names, in any case: back to code names."""
        super().before_import(dataset, **kwargs)
        known = {}
        for field in self.get_import_fields():
            name = str(field.column_name)
            known[name.lower()] = name
            known[self.header_for(name).lower()] = name
        if dataset.headers:
            dataset.headers = [
                known.get(str(header or "").strip().lower(), header) for header in dataset.headers
            ]

    def export_field(self, field, instance, **kwargs):
        return escape_formula(super().export_field(field, instance, **kwargs))

    def before_import_row(self, row, **kwargs):
        for key in list(row.keys()):
            value = unescape_formula(row[key])
            row[key] = value.strip() if isinstance(value, str) else value

    def import_instance(self, instance, row, **kwargs):
        errors: dict[str, list] = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        # Many-to-many columns are only applied after the save: check them now, so an
        # unknown slug is reported with the row's other problems and nothing is saved.
        for field in self.get_import_fields():
            if isinstance(field.widget, widgets.ManyToManyWidget) and field.column_name in row:
                try:
                    field.clean(row, **kwargs)
                except ValueError as error:
                    errors.setdefault(field.attribute, []).append(str(error))
        for column in self.required_columns:
            if not getattr(instance, column, None):
                errors.setdefault(column, []).append("This field is required.")
        if errors:
            raise ValidationError(errors)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})
        translated = set(translator.get_options_for_model(type(instance)).fields)
        try:
            instance.full_clean(exclude=[*errors, *translated], validate_unique=validate_unique)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def import_data(self, dataset, dry_run=False, raise_errors=False, **kwargs):
        kwargs["use_transactions"] = True
        kwargs["rollback_on_validation_errors"] = True
        return super().import_data(dataset, dry_run=dry_run, raise_errors=raise_errors, **kwargs)


class HeaderLabelsExportForm(SelectableFieldsExportForm):
    """The admin's export form, each column's checkbox labelled with its header in words
    (import-export's own label title-cases the code name: "Title Zh Hant")."""

    def _get_field_label(self, resource, field_name: str) -> str:
        instance = resource()
        field = instance.fields.get(field_name)
        name = str(field.column_name) if field is not None else field_name
        if isinstance(instance, PavilionResource):
            return instance.header_for(name)
        return super()._get_field_label(resource, field_name)


def row_errors(result) -> list[str]:
    """Every problem of an import, one line each, naming the row ("Row 3: …").

    Rows are numbered from 1 for the first row under the header.
    """
    lines = [f"File: {error.error}" for error in result.base_errors]
    for row in result.invalid_rows:
        for field, messages in row.error_dict.items():
            for message in messages:
                where = "" if field == NON_FIELD_ERRORS else f"{field}: "
                lines.append(f"Row {row.number}: {where}{message}")
    for row in result.error_rows:
        lines.extend(f"Row {row.number}: {error.error}" for error in row.errors)
    return sorted(lines, key=_row_order)


def _row_order(line: str) -> tuple[int, str]:
    head = line.split(":", 1)[0]
    return (int(head.removeprefix("Row ")) if head.startswith("Row ") else 0, line)
