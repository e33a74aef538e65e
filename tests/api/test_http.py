"""HTTP behaviour of the public API: conditional GET, throttling, JSON everywhere."""

from __future__ import annotations

import pytest

from tests import factories
from tests.api.conftest import bearer

pytestmark = pytest.mark.django_db


def test_etag_if_none_match_answers_304(client, catalogue):
    first = client.get("/api/v1/exhibits/")
    etag = first["ETag"]

    again = client.get("/api/v1/exhibits/", headers={"If-None-Match": etag})

    assert first.status_code == 200
    assert etag.startswith('"') and len(etag) == 42
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag


def test_etag_on_the_detail_answers_304(client, catalogue):
    etag = client.get("/api/v1/exhibits/alpha/")["ETag"]

    again = client.get("/api/v1/exhibits/alpha/", headers={"If-None-Match": etag})

    assert again.status_code == 304


def test_etag_differs_by_language_and_query(client, catalogue):
    english = client.get("/api/v1/exhibits/")["ETag"]
    chinese = client.get("/api/v1/exhibits/?lang=zh-hant")["ETag"]
    filtered = client.get("/api/v1/exhibits/?zone=smart-living")["ETag"]

    assert len({english, chinese, filtered}) == 3
    assert client.get("/api/v1/exhibits/", headers={"If-None-Match": chinese}).status_code == 200


def test_etag_changes_when_an_exhibit_changes(client, catalogue):
    etag = client.get("/api/v1/exhibits/alpha/")["ETag"]
    catalogue.alpha.summary_en = "A new summary."
    catalogue.alpha.save(update_fields=["summary_en"])

    response = client.get("/api/v1/exhibits/alpha/", headers={"If-None-Match": etag})

    assert response.status_code == 200
    assert response.json()["summary"] == "A new summary."
    assert response["ETag"] != etag


def test_public_responses_vary_on_accept_language_and_are_revalidated(client, catalogue):
    response = client.get("/api/v1/exhibits/")

    assert "Accept-Language" in response["Vary"]
    assert response["Cache-Control"] == "public, max-age=0, must-revalidate"


def test_throttling_anonymous_answers_429_with_retry_after(client, catalogue, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "2/min", "user": "100/min"},
    }

    statuses = [client.get("/api/v1/zones/").status_code for _ in range(3)]
    refused = client.get("/api/v1/zones/")

    assert statuses == [200, 200, 429]
    assert refused.status_code == 429
    assert refused.json()["code"] == "throttled"
    assert 1 <= int(refused["Retry-After"]) <= 60


def test_throttling_anonymous_requests_count_once_at_the_anonymous_rate(
    client, catalogue, settings
):
    # The per-person rate is for token holders only: it never refuses an anonymous visitor.
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "4/min", "user": "2/min"},
    }

    statuses = [client.get("/api/v1/zones/").status_code for _ in range(5)]

    assert statuses == [200, 200, 200, 200, 429]


def test_throttling_with_a_token_counts_per_person(client, catalogue, settings, token_for):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "1/min", "user": "3/min"},
    }
    raw = token_for(factories.MembershipFactory(department=catalogue.dpo).user)

    statuses = [client.get("/api/v1/zones/", headers=bearer(raw)).status_code for _ in range(4)]

    assert statuses == [200, 200, 200, 429]


def test_method_not_allowed_is_json_with_allow(client, catalogue):
    response = client.delete("/api/v1/exhibits/")

    assert response.status_code == 405
    assert response.json() == {
        "code": "method_not_allowed",
        "detail": 'Method "DELETE" not allowed.',
    }
    assert "GET" in response["Allow"]
