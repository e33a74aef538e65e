"""Fixtures of the portal tests: two departments in the current edition, their people."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from tests import factories


@pytest.fixture
def zone(edition):
    return factories.ZoneFactory(edition=edition, slug="smart-living", name_en="Smart Living")


@pytest.fixture
def other_department(db):
    return factories.DepartmentFactory(name_en="Drainage Services Department")


@pytest.fixture
def other_coordinator(other_department):
    return factories.MembershipFactory(department=other_department, role="coordinator").user


@pytest.fixture
def login(client):
    """Sign a person in (force_login: django-axes needs a request for real sign-ins)."""

    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in


def url(name: str, *args) -> str:
    """A portal address in English (unprefixed), whatever language the last request used."""
    with translation.override("en"):
        return reverse(f"portal:{name}", args=args)


@pytest.fixture(autouse=True)
def _current_edition(edition):
    """Every portal test runs with a current edition whose submission window is open."""
    return edition


@pytest.fixture(autouse=True)
def _english():
    """Requests activate their language for the thread; start every test in English."""
    translation.activate("en")
    yield
    translation.activate("en")
