"""Home, zone, department and awards pages: each lists what belongs to it and links on."""

from __future__ import annotations

import pytest

from pavilion.models import Edition

pytestmark = pytest.mark.django_db


def test_home_shows_the_current_edition(client, catalogue):
    catalogue.exhibits["railway-digital-twin"].featured = True
    catalogue.exhibits["railway-digital-twin"].save()
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<h1 id="edition-heading">Smart Hong Kong Pavilion</h1>' in html
    assert "InnoEX 2025" in html
    assert "Hong Kong Convention and Exhibition Centre" in html
    assert "Innovation • Automate • Elevate" in html
    assert "AI and data-driven applications" in html
    assert '<time datetime="2025-04-13">' in html
    assert '<time datetime="2025-04-16">' in html
    zones = [(z.slug, z.published_count) for z in response.context["zones"]]
    assert zones == [
        ("smart-living", 2),
        ("smart-mobility", 1),
        ("smart-environment", 0),
        ("smart-people", 1),
    ]
    assert '<a href="/zones/smart-living/">Smart Living</a>' in html
    assert [e.slug for e in response.context["featured"]] == ["iam-smart", "railway-digital-twin"]
    assert [(r.exhibit.slug, r.award.slug) for r in response.context["winners"]] == [
        ("railway-digital-twin", "hkicta"),
        ("tumbler-inspection-robot", "geneva"),
    ]


def test_home_lists_the_newest_award_winners_and_links_to_all(client, catalogue):
    from tests import factories

    for year in range(2010, 2024):
        factories.RecognitionFactory(
            exhibit=catalogue.exhibits["ai-weather"],
            award=catalogue.awards["apicta"],
            year=year,
            title_en=f"Merit {year}",
        )
    home = client.get("/")
    years = [recognition.year for recognition in home.context["winners"]]
    assert len(years) == 12
    assert years == sorted(years, reverse=True)
    assert years[0] == 2024
    html = home.content.decode()
    oldest_shown = years[-1]
    assert f"Merit {oldest_shown}" in html
    assert f"Merit {oldest_shown - 1}" not in html
    assert '<a href="/awards/">' in html
    assert "Merit 2010" in client.get("/awards/").content.decode()


def test_home_without_a_current_edition_says_so(client, db):
    assert not Edition.objects.exists()
    response = client.get("/")
    assert response.status_code == 200
    assert "The next edition of the pavilion is being prepared." in response.content.decode()


def test_zone_detail_lists_its_published_exhibits(client, catalogue):
    response = client.get("/zones/smart-living/")
    assert response.status_code == 200
    assert [card.slug for card in response.context["cards"]] == ["ai-weather", "iam-smart"]
    html = response.content.decode()
    assert '<a href="/exhibits/?zone=smart-living">' in html
    assert "draft-kiosk" not in html
    assert "Show all" not in html


def test_zone_detail_shows_24_cards_and_links_to_all_of_a_larger_zone(client, catalogue):
    from tests import factories

    zone = catalogue.zones["smart-environment"]
    for number in range(30):
        factories.PublishedExhibitFactory(
            edition=catalogue.edition, zone=zone, slug=f"sensor-{number:02d}"
        )
    response = client.get("/zones/smart-environment/")
    html = response.content.decode()
    assert len(response.context["cards"]) == 24
    assert "30 exhibits</h2>" in html
    assert '<a class="button" href="/exhibits/?zone=smart-environment">' in html
    assert "Show all 30 exhibits in this zone" in html
    chinese = client.get("/zh-hant/zones/smart-environment/").content.decode()
    assert "顯示此展區全部 30 項展品" in chinese


def test_zone_detail_unknown_or_earlier_edition_only_is_404(client, catalogue):
    catalogue.old_zones["smart-living"].slug = "smart-heritage"
    catalogue.old_zones["smart-living"].save()
    assert client.get("/zones/smart-cities/").status_code == 404
    assert client.get("/zones/smart-heritage/").status_code == 404


def test_department_list_counts_lead_and_partner_exhibits(client, catalogue):
    response = client.get("/departments/")
    assert response.status_code == 200
    rows = [(d.slug, d.lead_count, d.partner_count) for d in response.context["departments"]]
    assert rows == [
        ("dpo", 1, 0),
        ("dsd", 1, 0),
        ("hko", 1, 0),
        ("mtr", 1, 0),
        ("hkust", 0, 1),
    ]
    html = response.content.decode()
    assert (
        '<a href="/departments/hkust/">The Hong Kong University of Science and Technology</a>'
        in html
    )
    assert "partner in 1 exhibit" in html


def test_department_detail_lists_led_and_partner_exhibits(client, catalogue):
    response = client.get("/departments/hkust/")
    assert response.status_code == 200
    assert response.context["lead"] == []
    assert [e.slug for e in response.context["partner"]] == ["railway-digital-twin"]
    response = client.get("/departments/dpo/")
    assert [e.slug for e in response.context["lead"]] == ["iam-smart"]
    assert response.context["partner"] == []


def test_department_detail_unknown_is_404(client, catalogue):
    assert client.get("/departments/nobody/").status_code == 404


def test_department_detail_shows_24_cards_per_list_and_links_to_all(client, catalogue):
    from tests import factories

    for number in range(30):
        factories.PublishedExhibitFactory(
            edition=catalogue.edition,
            zone=catalogue.zones["smart-people"],
            lead_department=catalogue.departments["hkust"],
            slug=f"campus-{number:02d}",
        )
    response = client.get("/departments/hkust/")
    html = response.content.decode()
    assert len(response.context["lead"]) == 24
    assert response.context["lead_total"] == 30
    assert [card.slug for card in response.context["partner"]] == ["railway-digital-twin"]
    assert "Show all 31 exhibits of this department" in html
    assert '<a class="button" href="/exhibits/?department=hkust">' in html
    simplified = client.get("/zh-hans/departments/hkust/").content.decode()
    assert "显示此部门全部 31 项展品" in simplified


def test_award_list_shows_programmes_with_winners(client, catalogue):
    response = client.get("/awards/")
    assert response.status_code == 200
    awards = [(a.slug, [r.exhibit.slug for r in a.winners]) for a in response.context["awards"]]
    assert awards == [
        ("hkicta", ["railway-digital-twin"]),
        ("geneva", ["tumbler-inspection-robot"]),
    ]
    html = response.content.decode()
    assert '<a href="/exhibits/?award=hkicta">' in html
    assert '<a href="/exhibits/railway-digital-twin/">Railway digital twin</a>' in html


def test_award_list_ignores_recognitions_of_unpublished_exhibits(client, catalogue):
    from tests import factories

    factories.RecognitionFactory(
        exhibit=catalogue.exhibits["draft-kiosk"], award=catalogue.awards["apicta"]
    )
    response = client.get("/awards/")
    assert [a.slug for a in response.context["awards"]] == ["hkicta", "geneva"]


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/exhibits/",
        "/exhibits/iam-smart/",
        "/zones/smart-living/",
        "/departments/",
        "/departments/dpo/",
        "/awards/",
    ],
)
def test_public_pages_have_landmarks_skip_link_and_language_switch(client, catalogue, url):
    html = client.get(url).content.decode()
    assert '<a class="skip-link" href="#main">Skip to main content</a>' in html
    assert '<main id="main" tabindex="-1">' in html
    assert '<header class="site-header">' in html
    assert '<footer class="site-footer">' in html
    assert 'aria-label="Main"' in html
    assert 'aria-label="Language"' in html
    assert "<script>" not in html
    assert "style=" not in html
    assert "<style" not in html


@pytest.mark.parametrize(
    ("url", "current"),
    [
        ("/", "Home"),
        ("/floor-plan/", "Floor plan"),
        ("/my-list/", "My list"),
        ("/zh-hant/my-list/", "我的清單"),
    ],
)
def test_main_navigation_reaches_my_list_and_marks_the_current_page(
    client, catalogue, url, current
):
    html = client.get(url).content.decode()
    nav = html.split('<nav class="main-nav"', 1)[1].split("</nav>", 1)[0]
    prefix = "/zh-hant" if url.startswith("/zh-hant/") else ""
    assert f'<a href="{prefix}/my-list/"' in nav
    assert nav.count('aria-current="page"') == 1
    assert f'aria-current="page">{current}</a>' in nav


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/exhibits/",
        "/exhibits/iam-smart/",
        "/zones/smart-living/",
        "/departments/",
        "/departments/dpo/",
        "/awards/",
        "/zh-hant/",
        "/zh-hans/exhibits/",
    ],
)
def test_public_pages_do_not_vary_on_cookie(client, catalogue, url):
    response = client.get(url)
    assert response.status_code == 200
    assert "Cookie" not in response.get("Vary", "")
    assert not response.cookies
