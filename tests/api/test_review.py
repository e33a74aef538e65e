"""/api/v1/review/exhibits/: curators only, every non-draft exhibit, the review transitions."""

from __future__ import annotations

import json

import pytest

from exhibits.models import Exhibit, ExhibitStatus
from tests import factories
from tests.api.conftest import bearer

pytestmark = pytest.mark.django_db

BASE = "/api/v1/review/exhibits/"


@pytest.fixture
def review(edition, zones, department, curator, token_for):
    class R:
        pass

    r = R()
    r.curator = bearer(token_for(curator))
    r.coordinator = bearer(
        token_for(factories.MembershipFactory(department=department, role="coordinator").user)
    )
    r.draft = factories.ExhibitFactory(edition=edition, lead_department=department)
    r.submitted = factories.ExhibitFactory(
        edition=edition, lead_department=department, status="submitted", title_en="Submitted one"
    )
    r.in_review = factories.ExhibitFactory(
        edition=edition, lead_department=department, status="in_review", zone=zones[0]
    )
    return r


def act(client, review, exhibit, action, body=None):
    return client.post(
        f"{BASE}{exhibit.pk}/{action}/",
        json.dumps(body) if body is not None else "",
        content_type="application/json",
        headers=review.curator,
    )


def test_review_list_shows_every_non_draft_exhibit(client, review):
    response = client.get(BASE, headers=review.curator)

    assert response.status_code == 200
    assert {e["id"] for e in response.json()["results"]} == {
        review.submitted.pk,
        review.in_review.pk,
    }


def test_review_list_filters_by_status_and_department(client, review):
    by_status = client.get(f"{BASE}?status=in_review", headers=review.curator).json()
    by_department = client.get(f"{BASE}?department=nobody", headers=review.curator).json()

    assert [e["id"] for e in by_status["results"]] == [review.in_review.pk]
    assert by_department["results"] == []


def test_review_draft_is_not_found(client, review):
    response = client.get(f"{BASE}{review.draft.pk}/", headers=review.curator)

    assert response.status_code == 404


def test_review_detail_lists_the_curators_actions(client, review):
    data = client.get(f"{BASE}{review.submitted.pk}/", headers=review.curator).json()

    assert data["status"] == "submitted"
    assert data["actions"] == ["start_review", "request_changes", "decline"]
    assert data["api_url"] == f"http://testserver{BASE}{review.submitted.pk}/"


def test_review_is_refused_to_a_coordinator(client, review):
    listing = client.get(BASE, headers=review.coordinator)
    action = client.post(
        f"{BASE}{review.submitted.pk}/start-review/",
        content_type="application/json",
        headers=review.coordinator,
    )

    review.submitted.refresh_from_db()
    assert listing.status_code == 403
    assert listing.json() == {
        "code": "forbidden",
        "detail": "Only curators review exhibits.",
    }
    assert action.status_code == 403
    assert review.submitted.status == ExhibitStatus.SUBMITTED


def test_review_is_refused_anonymously(client, review):
    assert client.get(BASE).status_code == 401


def test_review_full_path_to_publication(client, review):
    started = act(client, review, review.submitted, "start-review")
    Exhibit.objects.filter(pk=review.submitted.pk).update(zone=review.in_review.zone)
    approved = act(client, review, review.submitted, "approve", {"version": 2})
    published = act(client, review, review.submitted, "publish")
    unpublished = act(client, review, review.submitted, "unpublish", {"message": "Wrong photo."})

    assert [r.status_code for r in (started, approved, published, unpublished)] == [200] * 4
    assert [r.json()["status"] for r in (started, approved, published, unpublished)] == [
        "in_review",
        "approved",
        "published",
        "approved",
    ]
    assert published.json()["public_url"] == f"http://testserver/exhibits/{review.submitted.slug}/"
    record = review.submitted.history.latest("history_date")
    assert record.history_change_reason == "unpublish: Unpublish — Wrong photo."


@pytest.mark.parametrize("action", ["request-changes", "decline"])
def test_review_action_needing_a_message_without_one_is_a_400(client, review, action):
    empty = act(client, review, review.in_review, action, {})
    blank = act(client, review, review.in_review, action, {"message": "   "})

    review.in_review.refresh_from_db()
    assert empty.status_code == 400
    assert list(empty.json()) == ["message"]
    assert blank.status_code == 400
    assert list(blank.json()) == ["message"]
    assert review.in_review.status == ExhibitStatus.IN_REVIEW


def test_review_request_changes_with_a_message(client, review):
    response = act(client, review, review.in_review, "request-changes", {"message": "Add photos."})

    assert response.status_code == 200
    assert response.json()["status"] == "changes_requested"


def test_review_wrong_state_is_a_409(client, review):
    response = act(client, review, review.submitted, "approve")

    assert response.status_code == 409
    assert response.json()["code"] == "wrong_state"


def test_review_publish_without_a_zone_is_incomplete(client, review):
    Exhibit.objects.filter(pk=review.submitted.pk).update(status=ExhibitStatus.APPROVED)

    response = act(client, review, review.submitted, "publish")

    assert response.status_code == 409
    assert response.json() == {
        "code": "incomplete",
        "detail": "Assign a zone before publishing.",
        "missing": ["zone"],
    }


def test_review_reopen_a_withdrawn_exhibit(client, review):
    Exhibit.objects.filter(pk=review.submitted.pk).update(status=ExhibitStatus.WITHDRAWN)

    response = act(client, review, review.submitted, "reopen")

    assert response.status_code == 200
    assert response.json()["status"] == "draft"


def test_review_stale_version_is_a_409(client, review):
    response = act(client, review, review.submitted, "start-review", {"version": 9})

    assert response.status_code == 409
    assert response.json()["code"] == "stale_version"
