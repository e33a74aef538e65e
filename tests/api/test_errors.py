"""Every error under /api/ is the API's JSON: hostile bodies (nested too deeply, too large,
too many fields) and errors answered outside the API's views (unknown paths, the schema
and documentation views, a failing view), in DEBUG too."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from exhibits.models import Exhibit, ExhibitStatus
from tests import factories
from tests.api.conftest import bearer

pytestmark = pytest.mark.django_db

BASE = "/api/v1/department/exhibits/"
TOO_DEEP = {"non_field_errors": ["JSON parse error - the body is nested too deeply."]}
TOO_LARGE = {
    "code": "too_large",
    "detail": "The request body is larger than the 12 MB this API accepts.",
}


@pytest.fixture
def draft(edition, zones, department):
    return factories.ExhibitFactory(
        edition=edition, lead_department=department, proposed_zone=zones[0], title_en="Ours"
    )


@pytest.fixture
def coordinator_headers(coordinator, token_for):
    return bearer(token_for(coordinator))


@pytest.fixture
def curator_headers(curator, token_for):
    return bearer(token_for(curator))


def nested(depth: int) -> str:
    return "[" * depth + "]" * depth


@pytest.mark.parametrize("depth", [100_000, 1_000, 33])
def test_department_create_with_a_body_nested_too_deeply_is_a_400(
    client, draft, coordinator_headers, depth
):
    before = Exhibit.objects.count()

    response = client.post(
        BASE,
        '{"title_en": ' + nested(depth) + "}",
        content_type="application/json",
        headers=coordinator_headers,
    )

    assert response.status_code == 400
    assert response.json() == TOO_DEEP
    assert Exhibit.objects.count() == before


def test_department_create_nested_within_the_limit_is_an_ordinary_field_error(
    client, draft, coordinator_headers
):
    response = client.post(
        BASE,
        '{"title_en": ' + nested(31) + "}",
        content_type="application/json",
        headers=coordinator_headers,
    )

    assert response.status_code == 400
    assert response.json() == {"title_en": ["Not a valid string."]}


def test_bare_deep_array_on_a_draft_change_and_a_review_action_is_a_400(
    client, draft, coordinator_headers, curator_headers
):
    draft.status = ExhibitStatus.SUBMITTED
    draft.save(update_fields=["status"])
    body = nested(100_000)

    change = client.patch(
        f"{BASE}{draft.pk}/", body, content_type="application/json", headers=coordinator_headers
    )
    review = client.post(
        f"/api/v1/review/exhibits/{draft.pk}/start-review/",
        body,
        content_type="application/json",
        headers=curator_headers,
    )

    assert [change.status_code, review.status_code] == [400, 400]
    assert change.json() == review.json() == TOO_DEEP
    draft.refresh_from_db()
    assert draft.status == ExhibitStatus.SUBMITTED


def test_department_create_with_a_body_over_the_limit_is_a_json_413(
    client, draft, coordinator_headers
):
    before = Exhibit.objects.count()
    body = json.dumps({"title_en": "x" * (13 * 1024 * 1024)})

    response = client.post(BASE, body, content_type="application/json", headers=coordinator_headers)

    assert response.status_code == 413
    assert response["Content-Type"] == "application/json"
    assert response.json() == TOO_LARGE
    assert Exhibit.objects.count() == before


def test_image_upload_with_too_many_fields_is_a_json_400(
    client, draft, coordinator_headers, settings
):
    fields = {f"extra{i}": "x" for i in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)}
    fields["image"] = SimpleUploadedFile("a.png", b"not really", content_type="image/png")

    response = client.post(f"{BASE}{draft.pk}/images/", fields, headers=coordinator_headers)

    assert response.status_code == 400
    assert response.json() == {
        "non_field_errors": ["Too many form fields: at most 1000 are accepted."]
    }
    assert draft.images.count() == 0


@pytest.mark.parametrize("debug", [False, True])
def test_unknown_path_under_api_is_a_json_404(client, settings, debug):
    settings.DEBUG = debug

    response = client.get("/api/no-such-thing/")

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"code": "not_found", "detail": "No API endpoint at this address."}


@pytest.mark.parametrize("path", ["/api/schema/", "/api/docs/", "/api/redoc/"])
def test_wrong_method_on_the_schema_and_documentation_is_a_json_405(client, path):
    response = client.delete(path)

    assert response.status_code == 405
    assert response.json() == {
        "code": "method_not_allowed",
        "detail": 'Method "DELETE" not allowed.',
    }
    assert "GET" in response["Allow"]


def test_schema_in_an_unacceptable_format_is_a_json_406(client):
    response = client.get("/api/schema/", headers={"Accept": "text/html"})

    assert response.status_code == 406
    assert response.json() == {
        "code": "not_acceptable",
        "detail": "Could not satisfy the request Accept header.",
    }


@pytest.mark.urls("tests.api.urls_errors")
def test_a_failing_view_under_api_is_a_json_500():
    client = Client(raise_request_exception=False)

    response = client.get("/api/v1/broken/")

    assert response.status_code == 500
    assert response.json() == {
        "code": "server_error",
        "detail": "Something went wrong on our side; it has been logged.",
    }


def test_errors_outside_api_stay_pages(client):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert response["Content-Type"] == "text/html; charset=utf-8"
