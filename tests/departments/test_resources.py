"""Department import and export: matched by slug, validated, all or nothing."""

from __future__ import annotations

import io

import openpyxl
import pytest
import tablib
from django.utils import translation
from import_export.formats.base_formats import CSV, XLSX

from departments.models import Department
from departments.resources import DepartmentResource
from pavilion.resources import row_errors
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """The back-office works in English; a test that ran before may leave another active."""
    with translation.override("en"):
        yield


HEADERS = ["slug", "name_en", "name_zh_hant", "abbreviation", "kind", "website"]


def test_department_import_creates_and_updates_by_slug(db):
    factories.DepartmentFactory(slug="hko", name_en="Old name", kind="government")
    data = tablib.Dataset(
        [
            "hko",
            "Hong Kong Observatory",
            "香港天文台",
            "HKO",
            "government",
            "https://www.hko.gov.hk/",
        ],
        [
            "hkust",
            "The Hong Kong University of Science and Technology",
            "香港科技大學",
            "HKUST",
            "university",
            "",
        ],
        headers=HEADERS,
    )

    result = DepartmentResource().import_data(data)

    assert row_errors(result) == []
    assert (result.totals["new"], result.totals["update"]) == (1, 1)
    assert list(Department.objects.order_by("slug").values_list("slug", "name_en", "kind")) == [
        ("hko", "Hong Kong Observatory", "government"),
        ("hkust", "The Hong Kong University of Science and Technology", "university"),
    ]
    assert Department.objects.get(slug="hko").website == "https://www.hko.gov.hk/"


def test_department_import_with_one_bad_row_saves_nothing_and_names_it(db):
    factories.DepartmentFactory(slug="hko", name_en="Old name", kind="government")
    data = tablib.Dataset(
        ["hko", "Hong Kong Observatory", "香港天文台", "HKO", "government", ""],
        ["dsd", "Drainage Services Department", "", "DSD", "ministry", "not a url"],
        headers=HEADERS,
    )

    result = DepartmentResource().import_data(data)

    assert row_errors(result) == [
        "Row 2: kind: Value 'ministry' is not a valid choice.",
        "Row 2: name_zh_hant: This field is required.",
        "Row 2: website: Enter a valid URL.",
    ]
    assert list(Department.objects.values_list("slug", "name_en")) == [("hko", "Old name")]


def test_department_import_from_xlsx(db):
    book = openpyxl.Workbook()
    book.active.append(HEADERS)
    book.active.append(["dpo", "Digital Policy Office", "數字政策辦公室", "DPO", "government", ""])
    buffer = io.BytesIO()
    book.save(buffer)

    result = DepartmentResource().import_data(XLSX().create_dataset(buffer.getvalue()))

    assert row_errors(result) == []
    assert Department.objects.get(slug="dpo").name_zh_hant == "數字政策辦公室"


def test_department_export_has_every_language_column(db):
    factories.DepartmentFactory(
        slug="dpo",
        name_en="Digital Policy Office",
        name_zh_hant="數字政策辦公室",
        abbreviation="DPO",
    )

    text = CSV().export_data(DepartmentResource().export(Department.objects.all()))

    assert text.splitlines() == [
        "Slug,Name (English),Name (Traditional Chinese),Name (Simplified Chinese),"
        "Abbreviation,Kind,Website",
        "dpo,Digital Policy Office,數字政策辦公室,,DPO,government,",
    ]
