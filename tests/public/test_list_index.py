"""The public list's index (``exhibit_public_list``) carries the three titles: the longest
titles the forms accept still fit in one index entry on PostgreSQL."""

from __future__ import annotations

import pytest
from django.db import connection

from tests import factories
from tests.conftest import require

pytestmark = pytest.mark.django_db


def test_longest_titles_in_four_byte_characters_fit_the_list_index(client, catalogue):
    require(connection.vendor == "postgresql", "needs PostgreSQL (set DATABASE_URL=postgres://…)")
    longest = "𠀋" * 200  # max_length characters, four bytes each in UTF-8
    exhibit = factories.PublishedExhibitFactory(
        edition=catalogue.edition,
        zone=catalogue.zones["smart-living"],
        slug="longest-title",
        title_en=longest,
        title_zh_hant=longest,
        title_zh_hans=longest,
    )
    response = client.get("/exhibits/?zone=smart-living&ordering=title")
    assert response.status_code == 200
    assert exhibit.pk in [card.pk for card in response.context["cards"]]
