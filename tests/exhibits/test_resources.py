"""Exhibit export and import (django-import-export): the export's rows are the queryset's,
in CSV and XLSX, every language; an import makes drafts only, and one bad row saves
nothing and is named."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest
import tablib
from django.utils import translation
from import_export.formats.base_formats import CSV, XLSX

from exhibits.models import Exhibit
from exhibits.resources import ExhibitResource
from pavilion.resources import row_errors
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """The back-office works in English; a test that ran before may leave another active."""
    with translation.override("en"):
        yield


@pytest.fixture
def catalogue(edition, zones):
    living, mobility = zones
    dpo = factories.DepartmentFactory(slug="dpo")
    hko = factories.DepartmentFactory(slug="hko")
    factories.TechnologyFactory(slug="ai")
    factories.TechnologyFactory(slug="robotics")
    booth = factories.BoothFactory(zone=mobility, edition=edition, code="M01")
    iam = factories.PublishedExhibitFactory(
        edition=edition,
        zone=living,
        slug="iam-smart",
        title_en="iAM Smart",
        title_zh_hant="智方便",
        title_zh_hans="智方便简体",
        lead_department=dpo,
    )
    iam.partner_departments.add(hko)
    iam.technologies.add(*factories.TechnologyFactory._meta.model.objects.all())
    factories.PublishedExhibitFactory(
        edition=edition,
        zone=mobility,
        booth=booth,
        slug="railway",
        title_en="=1+1 trains",
        lead_department=hko,
    )
    factories.ExhibitFactory(edition=edition, zone=living, slug="a-draft", lead_department=dpo)
    return {"dpo": dpo, "hko": hko, "iam": iam}


def csv_rows(dataset: tablib.Dataset) -> list[dict]:
    return list(csv.DictReader(io.StringIO(CSV().export_data(dataset))))


def xlsx_rows(dataset: tablib.Dataset) -> list[dict]:
    book = openpyxl.load_workbook(io.BytesIO(XLSX().export_data(dataset)))
    rows = list(book.active.iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def test_export_rows_match_the_queryset_in_csv_and_xlsx(catalogue, edition):
    queryset = Exhibit.objects.filter(edition=edition, status="published").order_by("slug")

    dataset = ExhibitResource().export(queryset)

    for rows in (csv_rows(dataset), xlsx_rows(dataset)):
        assert [row["Slug"] for row in rows] == list(queryset.values_list("slug", flat=True))
        iam = rows[0]
        assert {
            key: iam[f"Title ({language})"]
            for key, language in (
                ("en", "English"),
                ("zh_hant", "Traditional Chinese"),
                ("zh_hans", "Simplified Chinese"),
            )
        } == {"en": "iAM Smart", "zh_hant": "智方便", "zh_hans": "智方便简体"}
        assert (iam["Edition"], iam["Zone"], iam["Lead department"], iam["Status"]) == (
            edition.slug,
            "smart-living",
            "dpo",
            "published",
        )
        assert (iam["Partner departments"], iam["Technologies"]) == ("hko", "ai;robotics")
        assert rows[1]["Booth"] == "M01"
        # A title a spreadsheet would compute is kept as text.
        assert rows[1]["Title (English)"] == "'=1+1 trains"


def test_export_headers_name_each_column_in_words():
    assert ExhibitResource().get_export_headers() == [
        "Edition",
        "Slug",
        *(
            f"{field} ({language})"
            for field in ("Title", "Summary", "Description", "Demonstration notes")
            for language in ("English", "Traditional Chinese", "Simplified Chinese")
        ),
        "Lead department",
        "Partner departments",
        "Technologies",
        "Proposed zone",
        "Zone",
        "Booth",
        "Featured",
        "Status",
        "Version",
        "Submitted at",
        "Published at",
        "Updated at",
    ]


def test_export_query_count_is_fixed(catalogue, edition, django_assert_num_queries):
    for i in range(15):
        factories.PublishedExhibitFactory(edition=edition, zone=catalogue["iam"].zone, slug=f"s{i}")
    queryset = Exhibit.objects.filter(edition=edition)

    # the count for the chunks, one chunk of rows (with their relations), partners,
    # technologies
    with django_assert_num_queries(4):
        dataset = ExhibitResource().export(queryset)

    assert len(dataset) == 18


HEADERS = [
    "edition",
    "slug",
    "title_en",
    "title_zh_hant",
    "summary_en",
    "lead_department",
    "partner_departments",
    "technologies",
    "proposed_zone",
    "status",
]


def dataset(*rows) -> tablib.Dataset:
    return tablib.Dataset(*rows, headers=HEADERS)


def test_import_creates_drafts_only(catalogue, edition, curator):
    data = dataset(
        [
            "",
            "sensor-net",
            "Sensor network",
            "感應網絡",
            "Sensors.",
            "hko",
            "dpo",
            "ai",
            "smart-living",
            "published",
        ],
        [edition.slug, "", "Drainage robot", "", "", "dpo", "", "ai;robotics", "", ""],
    )

    result = ExhibitResource().import_data(data, user=curator, file_name="drafts.csv")

    assert row_errors(result) == []
    sensor = Exhibit.objects.get(edition=edition, slug="sensor-net")
    robot = Exhibit.objects.get(edition=edition, slug="drainage-robot")
    assert (sensor.status, sensor.version, sensor.created_by) == ("draft", 1, curator)
    assert (sensor.title_zh_hant, sensor.lead_department, sensor.proposed_zone.slug) == (
        "感應網絡",
        catalogue["hko"],
        "smart-living",
    )
    assert [d.slug for d in sensor.partner_departments.all()] == ["dpo"]
    assert sorted(t.slug for t in robot.technologies.all()) == ["ai", "robotics"]
    record = sensor.history.get()
    assert (record.history_user, record.history_change_reason) == (
        curator,
        "import: Imported from drafts.csv",
    )


def test_import_with_one_bad_row_saves_nothing_and_names_the_row(catalogue, edition, curator):
    before = Exhibit.objects.count()
    data = dataset(
        ["", "first", "First", "", "", "dpo", "", "", "", ""],
        ["", "second", "Second", "", "", "nobody", "", "quantum", "", ""],
        ["", "third", "Third", "", "", "hko", "", "", "", ""],
    )

    result = ExhibitResource().import_data(data, user=curator)

    assert row_errors(result) == [
        "Row 2: lead_department: No department “nobody”.",
        "Row 2: technologies: No technology “quantum”.",
    ]
    assert Exhibit.objects.count() == before
    assert not Exhibit.objects.filter(slug__in=["first", "third"]).exists()


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (
            ["", "iam-smart", "Again", "", "", "dpo", "", "", "", ""],
            "Row 1: This edition already has an exhibit with this slug.",
        ),
        (["", "x", "", "", "", "dpo", "", "", "", ""], "Row 1: title_en: This field is required."),
        (
            ["", "x", "X", "", "", "", "", "", "", ""],
            "Row 1: lead_department: Name the lead department by its slug.",
        ),
        (
            ["", "x", "X", "", "", "dpo", "dpo", "", "", ""],
            "Row 1: partner_departments: The lead department cannot also be a partner.",
        ),
        (
            ["", "x", "X", "", "", "dpo", "", "", "smart-people", ""],
            "Row 1: proposed_zone: No zone in this edition “smart-people”.",
        ),
        (
            ["innoex-1999", "x", "X", "", "", "dpo", "", "", "", ""],
            "Row 1: edition: No edition “innoex-1999”.",
        ),
    ],
)
def test_import_refuses_a_row_with_a_clear_message(catalogue, curator, row, expected):
    before = Exhibit.objects.count()

    result = ExhibitResource().import_data(dataset(row), user=curator)

    assert row_errors(result) == [expected]
    assert Exhibit.objects.count() == before


def test_import_of_the_same_slug_twice_in_a_file_names_the_second_row(catalogue, curator):
    data = dataset(
        ["", "twin", "Twin", "", "", "dpo", "", "", "", ""],
        ["", "twin", "Twin again", "", "", "dpo", "", "", "", ""],
    )

    result = ExhibitResource().import_data(data, user=curator)

    assert row_errors(result) == ["Row 2: This edition already has an exhibit with this slug."]
    assert not Exhibit.objects.filter(slug="twin").exists()


def test_import_dry_run_saves_nothing(catalogue, curator):
    data = dataset(["", "dry", "Dry", "", "", "dpo", "", "", "", ""])

    result = ExhibitResource().import_data(data, user=curator, dry_run=True)

    assert (row_errors(result), result.totals["new"]) == ([], 1)
    assert not Exhibit.objects.filter(slug="dry").exists()


def test_import_from_xlsx_with_a_bad_row_saves_nothing(catalogue, curator):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADERS)
    sheet.append(["", "good", "Good", "", "", "dpo", "", "", "", ""])
    sheet.append(["", "bad", "Bad", "", "", "dpo", "", "", "nowhere", ""])
    buffer = io.BytesIO()
    book.save(buffer)
    data = XLSX().create_dataset(buffer.getvalue())

    result = ExhibitResource().import_data(data, user=curator)

    assert row_errors(result) == ["Row 2: proposed_zone: No zone in this edition “nowhere”."]
    assert not Exhibit.objects.filter(slug__in=["good", "bad"]).exists()


def test_import_accepts_headers_in_any_case_and_code_names(catalogue, edition, curator):
    data = tablib.Dataset(
        ["", "mixed", "Mixed headers", "混合", "dpo", "ai"],
        headers=[
            "EDITION",
            "slug",
            "title (english)",
            "title_zh_hant",
            " Lead department ",
            "Technologies",
        ],
    )

    result = ExhibitResource().import_data(data, user=curator)

    assert row_errors(result) == []
    mixed = Exhibit.objects.get(edition=edition, slug="mixed")
    assert (mixed.title_en, mixed.title_zh_hant, mixed.lead_department.slug) == (
        "Mixed headers",
        "混合",
        "dpo",
    )


def test_export_can_be_imported_again_as_drafts_of_another_edition(catalogue, edition, curator):
    other = factories.EditionFactory(slug="innoex-2026")
    factories.ZoneFactory(edition=other, slug="smart-living")
    exported = ExhibitResource().export(Exhibit.objects.filter(slug="iam-smart"))
    (row,) = csv_rows(exported)
    # Into the new edition, with last year's zone as the proposal (curators set zones).
    row |= {"Edition": "innoex-2026", "Proposed zone": row["Zone"], "Zone": ""}
    again = CSV().create_dataset(
        CSV().export_data(tablib.Dataset(list(row.values()), headers=list(row)))
    )

    result = ExhibitResource().import_data(again, user=curator)

    assert row_errors(result) == []
    copy = Exhibit.objects.get(edition=other, slug="iam-smart")
    assert (copy.status, copy.title_zh_hans, copy.proposed_zone.edition) == (
        "draft",
        "智方便简体",
        other,
    )
