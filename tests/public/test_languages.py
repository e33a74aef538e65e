"""Languages on the public site: the switch, lang attributes, conversion and its marker."""

from __future__ import annotations

import pytest

from pavilion.i18n import localized, search_variants, to_simplified
from tests import factories

pytestmark = pytest.mark.django_db


def language_links(response) -> dict[str, str]:
    return {link["code"]: link["url"] for link in response.context["language_links"]}


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/", {"en": "/", "zh-hant": "/zh-hant/", "zh-hans": "/zh-hans/"}),
        (
            "/zh-hant/exhibits/iam-smart/",
            {
                "en": "/exhibits/iam-smart/",
                "zh-hant": "/zh-hant/exhibits/iam-smart/",
                "zh-hans": "/zh-hans/exhibits/iam-smart/",
            },
        ),
        (
            "/zh-hans/exhibits/?zone=smart-living&q=%E5%A4%A9",
            {
                "en": "/exhibits/?zone=smart-living&q=%E5%A4%A9",
                "zh-hant": "/zh-hant/exhibits/?zone=smart-living&q=%E5%A4%A9",
                "zh-hans": "/zh-hans/exhibits/?zone=smart-living&q=%E5%A4%A9",
            },
        ),
        (
            "/departments/hkust/",
            {
                "en": "/departments/hkust/",
                "zh-hant": "/zh-hant/departments/hkust/",
                "zh-hans": "/zh-hans/departments/hkust/",
            },
        ),
    ],
)
def test_language_switch_stays_on_the_same_page(client, catalogue, url, expected):
    response = client.get(url)
    assert response.status_code == 200
    assert language_links(response) == expected
    for path in expected.values():
        assert client.get(path).status_code == 200


def test_language_switch_on_a_404_page_keeps_the_address(client, catalogue):
    response = client.get("/zh-hant/exhibits/nothing-here/")
    assert response.status_code == 404
    assert language_links(response) == {
        "en": "/exhibits/nothing-here/",
        "zh-hant": "/zh-hant/exhibits/nothing-here/",
        "zh-hans": "/zh-hans/exhibits/nothing-here/",
    }


def test_language_switch_marks_the_current_language(client, catalogue):
    html = client.get("/zh-hans/awards/").content.decode()
    assert (
        '<a href="/zh-hans/awards/" hreflang="zh-hans" lang="zh-Hans" aria-current="true">'
        "简体中文</a>" in html
    )
    assert '<a href="/zh-hant/awards/" hreflang="zh-hant" lang="zh-Hant">繁體中文</a>' in html
    assert '<a href="/awards/" hreflang="en" lang="en">English</a>' in html


@pytest.mark.parametrize(
    ("prefix", "lang", "skip"),
    [
        ("", "en", "Skip to main content"),
        ("/zh-hant", "zh-Hant", "跳至主要內容"),
        ("/zh-hans", "zh-Hans", "跳至主要内容"),
    ],
)
def test_pages_declare_their_language_and_translate_the_interface(
    client, catalogue, prefix, lang, skip
):
    html = client.get(f"{prefix}/exhibits/").content.decode()
    assert f'<html lang="{lang}">' in html
    assert f'<a class="skip-link" href="#main">{skip}</a>' in html


def test_traditional_page_shows_traditional_content(client, catalogue):
    html = client.get("/zh-hant/exhibits/ai-weather/").content.decode()
    assert "<h1>人工智能天氣預測模型</h1>" in html
    assert "converted-note" not in html


def test_simplified_page_converts_traditional_content_and_marks_it(client, catalogue):
    html = client.get("/zh-hans/exhibits/ai-weather/").content.decode()
    assert "<h1>人工智能天气预测模型</h1>" in html
    assert '<p class="converted-note">' in html
    assert html.count('<p class="converted-note">') == 1


def test_simplified_page_shows_person_written_text_as_written(client, catalogue):
    exhibit = catalogue.exhibits["tumbler-inspection-robot"]
    for field in ("summary", "description"):
        setattr(exhibit, f"{field}_zh_hans", to_simplified(getattr(exhibit, f"{field}_zh_hant")))
    exhibit.save()
    html = client.get("/zh-hans/exhibits/tumbler-inspection-robot/").content.decode()
    # The person wrote 机器人 (not OpenCC's 机械人), and nothing is marked converted.
    assert "<h1>不倒翁检测球机器人</h1>" in html
    assert "converted-note" not in html.split('<section class="nearby"')[0]


def test_english_fallback_is_marked_with_its_language(client, catalogue):
    exhibit = factories.PublishedExhibitFactory(
        edition=catalogue.edition,
        zone=catalogue.zones["smart-people"],
        slug="english-only",
        title_en="English only",
        title_zh_hant="",
        summary_zh_hant="",
    )
    html = client.get(f"/zh-hant/exhibits/{exhibit.slug}/").content.decode()
    assert '<h1 lang="en">English only</h1>' in html


def test_localized_picks_text_per_language(catalogue):
    weather = catalogue.exhibits["ai-weather"]
    english = localized(weather, "title", "en")
    traditional = localized(weather, "title", "zh-hant")
    simplified = localized(weather, "title", "zh-hans")
    assert (english, english.lang, english.converted) == (
        "AI weather prediction models",
        "en",
        False,
    )
    assert (traditional, traditional.lang, traditional.converted) == (
        "人工智能天氣預測模型",
        "zh-Hant",
        False,
    )
    assert (simplified, simplified.lang, simplified.converted) == (
        "人工智能天气预测模型",
        "zh-Hans",
        True,
    )
    robot = localized(catalogue.exhibits["tumbler-inspection-robot"], "title", "zh-hans")
    assert (robot, robot.converted) == ("不倒翁检测球机器人", False)


def test_search_variants_add_traditional_form_of_simplified_query():
    assert search_variants("  天气 ") == ["天气", "天氣"]
    assert search_variants("weather") == ["weather"]
    assert search_variants("   ") == []
