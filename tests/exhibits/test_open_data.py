"""Open data: the published catalogue of the current edition as CSV and JSON, every
language side by side, guarded against spreadsheet formulas, with fixed query counts."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest

from exhibits.open_data import CSV_COLUMNS
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(edition, zones):
    living, mobility = zones
    dpo = factories.DepartmentFactory(
        slug="dpo", name_en="Digital Policy Office", name_zh_hant="數字政策辦公室"
    )
    hkust = factories.DepartmentFactory(slug="hkust")
    ai = factories.TechnologyFactory(slug="ai")
    booth = factories.BoothFactory(zone=mobility, edition=edition, code="M01")
    iam = factories.PublishedExhibitFactory(
        edition=edition,
        zone=living,
        slug="iam-smart",
        title_en="iAM Smart",
        title_zh_hant="智方便",
        title_zh_hans="智方便简体",
        lead_department=dpo,
        featured=True,
    )
    iam.partner_departments.add(hkust)
    iam.technologies.add(ai)
    factories.RecognitionFactory(
        exhibit=iam,
        award=factories.AwardFactory(
            slug="hkicta", name_en="Hong Kong ICT Awards", name_zh_hant="香港資訊及通訊科技獎"
        ),
        year=2024,
        title_en="Award of the Year",
        title_zh_hant="年度大獎",
    )
    image = factories.ExhibitImageFactory(exhibit=iam)
    railway = factories.PublishedExhibitFactory(
        edition=edition,
        zone=mobility,
        booth=booth,
        slug="railway",
        title_en='=HYPERLINK("http://evil.example","click")',
        summary_en="-2 minutes of waiting",
        summary_zh_hant="@候車時間",
        lead_department=dpo,
    )
    factories.ExhibitFactory(edition=edition, slug="a-draft", lead_department=dpo)
    old = factories.EditionFactory(
        slug="innoex-2019", starts_on=dt.date(2024, 4, 13), ends_on=dt.date(2024, 4, 16)
    )
    factories.PublishedExhibitFactory(edition=old, slug="legacy", lead_department=dpo)
    return {"iam": iam, "railway": railway, "image": image}


def read_csv(response) -> list[dict]:
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:])))


def test_open_data_csv_holds_published_exhibits_of_the_current_edition(client, catalogue, edition):
    response = client.get("/open-data/exhibits.csv")

    rows = read_csv(response)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="{edition.slug}-exhibits.csv"'
    )
    assert list(rows[0]) == CSV_COLUMNS
    assert [row["slug"] for row in rows] == ["iam-smart", "railway"]
    iam = rows[0]
    image = catalogue["image"]
    assert {key: iam[key] for key in ("title_en", "title_zh_hant", "title_zh_hans")} == {
        "title_en": "iAM Smart",
        "title_zh_hant": "智方便",
        "title_zh_hans": "智方便简体",
    }
    assert {
        key: iam[key]
        for key in (
            "url",
            "edition",
            "zone",
            "zone_name_en",
            "lead_department",
            "lead_department_name_zh_hant",
            "partner_departments",
            "technologies",
            "awards",
            "image_urls",
            "featured",
            "booth",
        )
    } == {
        "url": "http://localhost:8000/exhibits/iam-smart/",
        "edition": edition.slug,
        "zone": "smart-living",
        "zone_name_en": "Smart Living",
        "lead_department": "dpo",
        "lead_department_name_zh_hant": "數字政策辦公室",
        "partner_departments": "hkust",
        "technologies": "ai",
        "awards": "hkicta 2024: Award of the Year",
        "image_urls": f"http://localhost:8000{image.image.url}",
        "featured": "yes",
        "booth": "",
    }
    assert rows[1]["booth"] == "M01"
    # Nobody wrote a Simplified summary: the cell is empty (the site converts for display).
    assert rows[1]["summary_zh_hans"] == ""


def test_open_data_csv_prefixes_cells_a_spreadsheet_would_run(client, catalogue):
    rows = read_csv(client.get("/open-data/exhibits.csv"))

    railway = rows[1]
    assert (railway["title_en"], railway["summary_en"], railway["summary_zh_hant"]) == (
        '\'=HYPERLINK("http://evil.example","click")',
        "'-2 minutes of waiting",
        "'@候車時間",
    )


def test_open_data_json_holds_every_language_and_the_images(client, catalogue, edition):
    response = client.get("/open-data/exhibits.json")

    document = json.loads(response.content)
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert (document["count"], [e["slug"] for e in document["exhibits"]]) == (
        2,
        ["iam-smart", "railway"],
    )
    assert document["edition"]["slug"] == edition.slug
    assert document["languages"] == ["en", "zh-hant", "zh-hans"]
    iam = document["exhibits"][0]
    assert iam["title"] == {"en": "iAM Smart", "zh-hant": "智方便", "zh-hans": "智方便简体"}
    assert iam["awards"] == [
        {
            "award": "hkicta",
            "award_name": {
                "en": "Hong Kong ICT Awards",
                "zh-hant": "香港資訊及通訊科技獎",
                "zh-hans": "",
            },
            "year": 2024,
            "prize": {"en": "Award of the Year", "zh-hant": "年度大獎", "zh-hans": ""},
        }
    ]
    assert iam["images"] == [
        {
            "url": f"http://localhost:8000{catalogue['image'].image.url}",
            "width": 800,
            "height": 600,
            "alt_text": {
                "en": "A visitor tries the service on a phone at the booth.",
                "zh-hant": "參觀者在展位用手機試用服務。",
                "zh-hans": "",
            },
            "credit": "Digital Policy Office",
        }
    ]
    # JSON is not a spreadsheet: texts are kept exactly as written.
    assert document["exhibits"][1]["title"]["en"] == '=HYPERLINK("http://evil.example","click")'


def test_open_data_page_links_the_unprefixed_files_in_every_language(client, catalogue):
    for prefix in ("", "/zh-hant", "/zh-hans"):
        response = client.get(f"{prefix}/open-data/")
        html = response.content.decode()
        assert (response.status_code, response.context["count"]) == (200, 2)
        assert 'href="/open-data/exhibits.csv"' in html
        assert 'href="/open-data/exhibits.json"' in html


def test_site_footer_links_the_open_data_page(client, catalogue):
    assert '<a href="/zh-hant/open-data/">' in client.get("/zh-hant/").content.decode()
    assert '<a href="/open-data/">' in client.get("/").content.decode()


@pytest.mark.parametrize(
    "url", ["/open-data/", "/open-data/exhibits.csv", "/open-data/exhibits.json"]
)
def test_open_data_without_a_current_edition_is_404(client, db, url):
    factories.EditionFactory(is_current=False)

    assert client.get(url).status_code == 404


@pytest.mark.parametrize("extra", [0, 20])
@pytest.mark.parametrize(
    ("url", "queries"),
    [
        # edition, exhibits (zone, booth, lead), partners, technologies, images, awards
        ("/open-data/exhibits.csv", 6),
        ("/open-data/exhibits.json", 6),
        # edition, count
        ("/open-data/", 2),
    ],
)
def test_open_data_query_count_is_fixed(
    client, catalogue, edition, django_assert_num_queries, url, queries, extra
):
    for i in range(extra):
        exhibit = factories.PublishedExhibitFactory(
            edition=edition, zone=catalogue["iam"].zone, slug=f"sensor-{i:02d}"
        )
        exhibit.technologies.add(*catalogue["iam"].technologies.all())
        factories.RecognitionFactory(exhibit=exhibit)

    with django_assert_num_queries(queries):
        response = client.get(url)

    assert response.status_code == 200


def test_open_data_page_and_feeds_speak_chinese(client, catalogue):
    factories.DemoSessionFactory(exhibit=catalogue["iam"])

    hant = client.get("/zh-hant/open-data/").content.decode()
    hans = client.get("/zh-hans/open-data/").content.decode()
    detail = client.get("/zh-hant/exhibits/iam-smart/").content.decode()
    zone = client.get("/zh-hans/zones/smart-living/").content.decode()
    feed = client.get("/zh-hant/exhibits/iam-smart/demos.ics").content.decode()

    assert "<h1>開放數據</h1>" in hant and "<h1>开放数据</h1>" in hans
    assert "展品目錄（2 項已發布展品）" in hant  # noqa: RUF001 - Chinese punctuation
    assert '<h2 id="demos-heading">示範</h2>' in detail
    assert "本展区的演示（iCal）" in zone  # noqa: RUF001 - Chinese punctuation
    assert "X-WR-CALNAME:示範：智方便" in feed  # noqa: RUF001 - Chinese punctuation
