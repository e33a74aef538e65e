"""Simultaneous writes from real threads: one wins, the others are refused with 409.

Each thread sends its request through its own test client and database connection, as
parallel requests to a server would. On SQLite (the default) the test database is a file
(tests/conftest.py), so the threads share it and meet its one-writer lock, which the
settings make them wait for (never a 503 "database is locked"); on PostgreSQL (CI) row
locks do the same work.
"""

from __future__ import annotations

import threading
from collections import Counter

import pytest
from django.db import connection
from django.test import Client

from exhibits.models import Exhibit, ExhibitStatus
from tests import factories
from tests.api.conftest import bearer

THREADS = 6


def simultaneously(requests) -> list[tuple[int, str]]:
    """Run each zero-argument ``request`` in its own thread, all released at once."""
    barrier = threading.Barrier(len(requests))
    answers: list[tuple[int, str] | BaseException] = [None] * len(requests)  # type: ignore[list-item]

    def run(index, request):
        try:
            barrier.wait(timeout=30)
            response = request()
            answers[index] = (response.status_code, response.json().get("code", ""))
        except BaseException as exc:
            answers[index] = exc
        finally:
            connection.close()

    threads = [
        threading.Thread(target=run, args=(index, request))
        for index, request in enumerate(requests)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads)
    assert not [a for a in answers if isinstance(a, BaseException)], answers
    return answers


@pytest.fixture
def coordinator_token(coordinator, token_for, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "1000/min", "user": "1000/min"},
    }
    return token_for(coordinator)


def complete_draft(edition, zone, department) -> Exhibit:
    draft = factories.ExhibitFactory(
        edition=edition, lead_department=department, proposed_zone=zone
    )
    factories.ExhibitImageFactory(exhibit=draft, width=320, height=200)
    return draft


def submit(pk: int, token: str):
    def request():
        return Client().post(
            f"/api/v1/department/exhibits/{pk}/submit/",
            content_type="application/json",
            headers=bearer(token),
        )

    return request


@pytest.mark.django_db(transaction=True)
def test_simultaneous_submits_of_one_exhibit_answer_one_success_and_409s(
    edition, zones, department, coordinator_token
):
    draft = complete_draft(edition, zones[0], department)

    answers = simultaneously([submit(draft.pk, coordinator_token)] * THREADS)

    assert Counter(answers) == {(200, ""): 1, (409, "wrong_state"): THREADS - 1}
    draft.refresh_from_db()
    assert (draft.status, draft.version) == (ExhibitStatus.SUBMITTED, 2)
    assert draft.history.filter(status=ExhibitStatus.SUBMITTED).count() == 1


@pytest.mark.django_db(transaction=True)
def test_drafts_racing_for_the_last_quota_place_answer_one_success_and_409s(
    edition, zones, department, coordinator_token
):
    factories.QuotaFactory(edition=edition, department=department, limit=2)
    factories.ExhibitFactory(edition=edition, lead_department=department, status="submitted")
    drafts = [complete_draft(edition, zones[0], department) for _ in range(THREADS)]

    answers = simultaneously([submit(draft.pk, coordinator_token) for draft in drafts])

    assert Counter(answers) == {(200, ""): 1, (409, "quota_reached"): THREADS - 1}
    assert (
        Exhibit.objects.filter(lead_department=department, status=ExhibitStatus.SUBMITTED).count()
        == 2
    )
