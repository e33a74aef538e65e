"""Each public page runs a fixed number of SQL queries, whatever the number of exhibits.

The catalogue is rebuilt with 3 and with 50 published exhibits (each with an image, a
technology, a partner and an award); counts are exact, and the same for both sizes.
"""

from __future__ import annotations

import pytest

from tests import factories
from tests.public.conftest import add_image

pytestmark = pytest.mark.django_db


@pytest.fixture(params=[3, 50], ids=["3-exhibits", "50-exhibits"])
def crowd(request, catalogue):
    n = request.param
    zone = catalogue.zones["smart-environment"]
    first_image = None
    for i in range(n):
        exhibit = factories.PublishedExhibitFactory(
            edition=catalogue.edition,
            zone=zone,
            slug=f"sensor-{i:02d}",
            title_en=f"Sensor network {i:02d}",
            title_zh_hant=f"感應網絡 {i:02d}",
            summary_en="Sensors watch the wetlands for invasive species. " * 3,
            lead_department=catalogue.departments["dpo"],
            featured=True,
        )
        exhibit.partner_departments.add(catalogue.departments["hko"])
        exhibit.technologies.add(catalogue.technologies["ai"])
        factories.RecognitionFactory(exhibit=exhibit, award=catalogue.awards["apicta"])
        image = add_image(exhibit, like=first_image)
        first_image = first_image or image
        factories.ExhibitLinkFactory(exhibit=exhibit)
    return n


# Page → exact number of queries (the same with 3 and with 50 exhibits).
PAGES = [
    # edition, zones+counts, featured keys, their cards (exhibits, images, awards),
    # award winners
    ("/", 7),
    # edition, zones+counts, departments, technologies, awards (the filter choices),
    # count, the page's keys, then its cards: exhibits, images, awards (exhibits.cards)
    ("/exhibits/", 10),
    ("/zh-hans/exhibits/?zone=smart-environment&q=sensor&awarded=true", 10),
    ("/exhibits/?department=hko&technology=ai&award=apicta&ordering=-title", 10),
    # edition, exhibit, partners, technologies, images, links, awards, demonstrations,
    # nearby, their images
    ("/exhibits/sensor-01/", 10),
    ("/zh-hant/exhibits/sensor-01/", 10),
    # edition, zone, count, the first 24 keys, their cards (exhibits, images, awards)
    ("/zones/smart-environment/", 7),
    # edition, departments with counts
    ("/departments/", 2),
    # edition, department, led and partnered keys (each with its count), their cards
    # (exhibits, images, awards)
    ("/departments/dpo/", 7),
    # edition, awards, their winners
    ("/awards/", 3),
    # per sitemap section: the edition, then its rows (zones, exhibits, departments)
    ("/sitemap.xml", 6),
]


@pytest.mark.parametrize(("url", "queries"), PAGES)
def test_public_page_query_count_is_fixed(client, crowd, django_assert_num_queries, url, queries):
    with django_assert_num_queries(queries):
        response = client.get(url)
    assert response.status_code == 200
    assert queries <= 10


def test_exhibit_list_html_is_under_100_kb_with_50_exhibits(client, catalogue):
    zone = catalogue.zones["smart-environment"]
    first_image = None
    for i in range(50):
        exhibit = factories.PublishedExhibitFactory(
            edition=catalogue.edition,
            zone=zone,
            slug=f"long-{i:02d}",
            title_en=f"A rather long exhibit title for measuring page weight {i:02d}",
            summary_en="Sensors watch the wetlands for invasive species and report them. " * 8,
        )
        factories.RecognitionFactory(exhibit=exhibit, award=catalogue.awards["apicta"])
        image = add_image(exhibit, like=first_image)
        first_image = first_image or image
    for prefix in ("", "/zh-hant", "/zh-hans"):
        response = client.get(f"{prefix}/exhibits/")
        assert len(response.context["cards"]) == 24
        assert len(response.content) < 100_000
        html = response.content.decode()
        # Cards use renditions, never the original upload.
        assert first_image.image.url not in html
        assert first_image.rendition_url(320, "webp") in html
