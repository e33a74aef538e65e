"""exhibits.content is the one declaration of the content languages and translated fields.

Every reader and writer of an exhibit's texts must pick a declared field and language up
by itself: these tests go through each of them — export, import, the API, open data,
carry-forward, the revision diff and apply, the portal form — for *every* declared field
in *every* language, with a distinct text in each column, so a consumer that still lists
fields or languages by hand fails here as soon as one is added.
"""

from __future__ import annotations

import csv
import io

import tablib
from django.conf import settings

from curation.services import exhibits_carry_forward
from exhibits import open_data, revisions
from exhibits.api.serializers import ExhibitCreateSerializer, ExhibitUpdateSerializer
from exhibits.content import (
    EXHIBIT_FIELDS,
    EXHIBIT_TEXT_COLUMNS,
    LANGUAGE_CODES,
    LANGUAGE_KEYS,
    LANGUAGES,
    REQUIRED_LANGUAGES,
    column_label,
)
from exhibits.models import Exhibit
from exhibits.portal_forms import ExhibitContentForm
from exhibits.resources import ExhibitResource
from tests import factories


def texts(tag: str) -> dict[str, str]:
    """A distinct text for every declared column, e.g. "summary_zh_hans v1"."""
    return {column: f"{column} {tag}" for column in EXHIBIT_TEXT_COLUMNS}


def test_languages_follow_settings():
    assert tuple(settings.MODELTRANSLATION_LANGUAGES) == LANGUAGE_CODES
    assert {code for code, _name in settings.LANGUAGES} == set(LANGUAGE_CODES)
    assert tuple(code.replace("-", "_") for code in LANGUAGE_CODES) == LANGUAGE_KEYS
    assert REQUIRED_LANGUAGES == ("en", "zh_hant")
    assert [language.html_lang for language in LANGUAGES] == ["en", "zh-Hant", "zh-Hans"]


def test_every_declared_column_exists_on_the_model_with_the_fields_limit():
    for field in EXHIBIT_FIELDS:
        limit = Exhibit._meta.get_field(field.name).max_length
        assert limit, f"{field.name} has no limit on the model"
        for column in field.columns:
            assert Exhibit._meta.get_field(column).max_length == limit


def test_column_label_names_field_and_language():
    assert str(column_label("title_zh_hant")) == "Title (Traditional Chinese)"
    assert str(column_label("demo_notes_zh_hans")) == "Demonstration notes (Simplified Chinese)"
    assert column_label("slug") == "slug"


def test_export_then_import_carries_every_column(edition, department, zones):
    exhibit = factories.ExhibitFactory(edition=edition, lead_department=department, **texts("x"))
    dataset = ExhibitResource().export(queryset=Exhibit.objects.filter(pk=exhibit.pk))
    exported = dict(zip(dataset.headers, dataset[0], strict=True))
    resource = ExhibitResource()
    # Export headers are in words ("Title (Traditional Chinese)"): pair them with the fields.
    by_column = {
        field.attribute: header
        for field, header in zip(resource.get_export_fields(), dataset.headers, strict=True)
    }
    for column in EXHIBIT_TEXT_COLUMNS:
        assert exported[by_column[column]] == f"{column} x"

    # Import a new draft from the same columns, each changed.
    row = dict(exported)
    row.update({by_column[column]: f"{column} y" for column in EXHIBIT_TEXT_COLUMNS})
    row[by_column["slug"]] = "imported-copy"
    incoming = tablib.Dataset(headers=list(row))
    incoming.append(list(row.values()))
    result = ExhibitResource().import_data(incoming, dry_run=False, raise_errors=True)

    assert not result.has_errors()
    imported = Exhibit.objects.get(slug="imported-copy")
    for column in EXHIBIT_TEXT_COLUMNS:
        assert getattr(imported, column) == f"{column} y"


def test_api_input_serializers_take_every_column_with_the_models_limit():
    for serializer in (ExhibitCreateSerializer(), ExhibitUpdateSerializer()):
        for field in EXHIBIT_FIELDS:
            for column in field.columns:
                assert serializer.fields[column].max_length == field.max_length


def test_api_department_read_gives_every_column(client, edition, department, coordinator):
    from pavilion.tokens import api_token_create

    exhibit = factories.ExhibitFactory(edition=edition, lead_department=department, **texts("a"))
    token = api_token_create(user=coordinator, name="content")[1]
    response = client.get(
        f"/api/v1/department/exhibits/{exhibit.pk}/", headers={"Authorization": f"Bearer {token}"}
    )

    assert response.status_code == 200
    body = response.json()
    assert {column: body[column] for column in EXHIBIT_TEXT_COLUMNS} == texts("a")


def test_open_data_csv_has_every_column(edition, department, zones):
    exhibit = factories.PublishedExhibitFactory(
        edition=edition, lead_department=department, zone=zones[0], **texts("o")
    )
    rows = list(csv.DictReader(io.StringIO(open_data.catalogue_csv([exhibit]))))
    for column in EXHIBIT_TEXT_COLUMNS:
        assert rows[0][column] == f"{column} o"


def test_carry_forward_copies_every_column(edition, department, curator):
    source = factories.ExhibitFactory(edition=edition, lead_department=department, **texts("c"))
    later = factories.EditionFactory(is_current=False, slug="innoex-2026")

    (draft,) = exhibits_carry_forward(exhibits=[source], edition=later, user=curator)

    assert {column: getattr(draft, column) for column in EXHIBIT_TEXT_COLUMNS} == texts("c")


def test_revision_diff_and_apply_cover_every_column(
    edition, department, zones, coordinator, curator
):
    exhibit = factories.PublishedExhibitFactory(
        edition=edition, lead_department=department, zone=zones[0], **texts("old")
    )
    factories.ExhibitImageFactory(exhibit=exhibit, alt_text_zh_hant="相片")
    revision = revisions.revision_start(exhibit=exhibit, user=coordinator)
    revisions.revision_update(revision=revision, user=coordinator, data=texts("new"))
    revision.refresh_from_db()

    changed = {(change.field, change.language) for change in revisions.revision_diff(revision)}
    assert changed == {(field.name, key) for field in EXHIBIT_FIELDS for key in LANGUAGE_KEYS}

    revisions.revision_submit(revision=revision, user=coordinator)
    revisions.revision_approve(revision=revision, user=curator)
    exhibit.refresh_from_db()
    assert {column: getattr(exhibit, column) for column in EXHIBIT_TEXT_COLUMNS} == texts("new")


def test_portal_form_has_every_column_with_its_limit_and_language(edition, department):
    form = ExhibitContentForm(edition=edition, lead_department=department)
    for field in EXHIBIT_FIELDS:
        for language in LANGUAGES:
            form_field = form.fields[field.column(language.key)]
            assert form_field.max_length == field.max_length
            assert form_field.widget.attrs["lang"] == language.html_lang
    rows = form.translation_rows()
    assert [row.name for row in rows] == [field.name for field in EXHIBIT_FIELDS]
    assert all(len(row.required_fields) == len(REQUIRED_LANGUAGES) for row in rows)
