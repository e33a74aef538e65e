"""Fixtures for the API tests: a small catalogue with known filter results, and tokens."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache
from django.utils import timezone

from pavilion.tokens import api_token_create
from tests import factories


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Throttle counters live in the cache: every test starts (and ends) with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    """Factories set passwords; a slow hasher would dominate these tests' time."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def bearer(raw: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {raw}"}


@pytest.fixture
def token_for(db):
    """Make a personal token for a person; returns the raw token."""

    def make(user, name: str = "tests") -> str:
        return api_token_create(user=user, name=name)[1]

    return make


class Catalogue:
    """Published exhibits whose filter results are known (see the ``catalogue`` fixture)."""


@pytest.fixture
def catalogue(edition, zones):
    """Three published exhibits of the current edition, a draft and an old edition's exhibit.

    ======  ==============  =========  ===========  ================  ==========
    slug    zone            lead       partners     technologies      award
    ======  ==============  =========  ===========  ================  ==========
    alpha   smart-living    hko        —            ai                hkicta
    beta    smart-mobility  mtr        dpo          robotics          —
    gamma   smart-living    dpo        —            ai, robotics      —
    draft   smart-living    dpo (draft, never public)
    old     smart-living of the 2024 edition, lead dpo, ai (another edition)
    ======  ==============  =========  ===========  ================  ==========
    """
    living, mobility = zones
    c = Catalogue()
    c.edition = edition
    c.zones = zones
    c.dpo = factories.DepartmentFactory(
        slug="dpo",
        name_en="Digital Policy Office",
        name_zh_hant="數字政策辦公室",
        abbreviation="DPO",
    )
    c.hko = factories.DepartmentFactory(
        slug="hko", name_en="Hong Kong Observatory", name_zh_hant="香港天文台", abbreviation="HKO"
    )
    c.mtr = factories.DepartmentFactory(
        slug="mtr",
        name_en="MTR Corporation Limited",
        name_zh_hant="香港鐵路有限公司",
        abbreviation="MTR",
        kind="company",
    )
    c.ai = factories.TechnologyFactory(
        slug="ai", name_en="Artificial intelligence", name_zh_hant="人工智能", is_key_area=True
    )
    c.robotics = factories.TechnologyFactory(
        slug="robotics", name_en="Robotics", name_zh_hant="機械人", is_key_area=True
    )
    c.award = factories.AwardFactory(
        slug="hkicta", name_en="Hong Kong ICT Awards", name_zh_hant="香港資訊及通訊科技獎"
    )
    now = timezone.now()
    c.alpha = factories.PublishedExhibitFactory(
        edition=edition,
        slug="alpha",
        zone=living,
        lead_department=c.hko,
        title_en="Alpha weather models",
        title_zh_hant="阿爾法天氣模型",
        summary_en="Forecasts with AI.",
        summary_zh_hant="以人工智能預測天氣。",
        published_at=now - dt.timedelta(days=3),
    )
    c.alpha.technologies.set([c.ai])
    factories.RecognitionFactory(exhibit=c.alpha, award=c.award, year=2024)
    c.beta = factories.PublishedExhibitFactory(
        edition=edition,
        slug="beta",
        zone=mobility,
        lead_department=c.mtr,
        title_en="Beta railway twin",
        title_zh_hant="貝塔鐵路數碼孿生",
        title_zh_hans="贝塔铁路数码孪生简体原文",
        published_at=now - dt.timedelta(days=1),
    )
    c.beta.partner_departments.set([c.dpo])
    c.beta.technologies.set([c.robotics])
    c.gamma = factories.PublishedExhibitFactory(
        edition=edition,
        slug="gamma",
        zone=living,
        lead_department=c.dpo,
        title_en="Gamma digital services",
        title_zh_hant="伽瑪數碼服務",
        published_at=now - dt.timedelta(days=2),
    )
    c.gamma.technologies.set([c.ai, c.robotics])
    c.draft = factories.ExhibitFactory(
        edition=edition, slug="draft", zone=living, lead_department=c.dpo, title_en="Draft idea"
    )
    c.old_edition = factories.EditionFactory(
        slug="innoex-2024",
        starts_on=dt.date(2024, 4, 13),
        ends_on=dt.date(2024, 4, 16),
        is_current=False,
    )
    old_zone = factories.ZoneFactory(edition=c.old_edition, slug="smart-living", order=0)
    c.old = factories.PublishedExhibitFactory(
        edition=c.old_edition,
        slug="old",
        zone=old_zone,
        lead_department=c.dpo,
        title_en="Old weather kiosk",
        title_zh_hant="舊天氣資訊站",
    )
    c.old.technologies.set([c.ai])
    return c
