"""The public list and detail run a fixed number of queries, whatever the page size."""

from __future__ import annotations

import pytest

from tests import factories

pytestmark = pytest.mark.django_db

#: count, the page of exhibits (zone, lead department, booth, edition joined), images,
#: awards (programme joined), partner departments, technologies.
LIST_QUERIES = 6
#: the exhibit (joins as above), images, awards, partners, technologies, links.
DETAIL_QUERIES = 6


@pytest.fixture
def many(edition, zones):
    def make(count: int) -> list:
        partner = factories.DepartmentFactory()
        technology = factories.TechnologyFactory()
        award = factories.AwardFactory()
        exhibits = []
        for i in range(count):
            exhibit = factories.PublishedExhibitFactory(
                edition=edition, zone=zones[i % 2], booth=None
            )
            exhibit.partner_departments.set([partner])
            exhibit.technologies.set([technology])
            factories.RecognitionFactory(exhibit=exhibit, award=award)
            factories.ExhibitImageFactory(exhibit=exhibit, width=320, height=200)
            factories.ExhibitLinkFactory(exhibit=exhibit)
            exhibits.append(exhibit)
        return exhibits

    return make


@pytest.mark.parametrize("count", [3, 50])
def test_exhibit_list_query_count_is_fixed(client, many, count, django_assert_num_queries):
    many(count)

    with django_assert_num_queries(LIST_QUERIES):
        response = client.get("/api/v1/exhibits/?page_size=50&lang=all")

    assert response.status_code == 200
    assert len(response.json()["results"]) == count
    assert all(len(e["images"]) == 1 and len(e["awards"]) == 1 for e in response.json()["results"])


@pytest.mark.parametrize("count", [3, 50])
def test_exhibit_list_filtered_query_count_is_fixed(client, many, count, django_assert_num_queries):
    many(count)

    with django_assert_num_queries(LIST_QUERIES):
        response = client.get("/api/v1/exhibits/?page_size=50&zone=smart-living&awarded=true&q=Ex")

    assert response.json()["count"] == (count + 1) // 2


@pytest.mark.parametrize("count", [3, 50])
def test_exhibit_detail_query_count_is_fixed(client, many, count, django_assert_num_queries):
    exhibits = many(count)

    with django_assert_num_queries(DETAIL_QUERIES):
        response = client.get(f"/api/v1/exhibits/{exhibits[-1].slug}/")

    assert response.status_code == 200
    assert len(response.json()["links"]) == 1
