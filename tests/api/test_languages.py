"""Content languages: ?lang= (wins), Accept-Language, zh-hans conversion, lang=all."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def alpha(client, query: str = "", **headers) -> dict:
    response = client.get(f"/api/v1/exhibits/alpha/{query}", headers=headers)
    assert response.status_code == 200
    return response.json()


def test_language_default_is_english(client, catalogue):
    data = alpha(client)

    assert data["title"] == "Alpha weather models"
    assert data["zone"]["name"] == "Smart Living"
    assert data["converted"] == []


def test_language_traditional_chinese(client, catalogue):
    response = client.get("/api/v1/exhibits/alpha/?lang=zh-hant")
    data = response.json()

    assert data["title"] == "阿爾法天氣模型"
    assert data["summary"] == "以人工智能預測天氣。"
    assert data["lead_department"]["name"] == "香港天文台"
    assert data["technologies"][0]["name"] == "人工智能"
    assert data["awards"][0]["prize"] == "金獎"
    assert data["url"] == "http://testserver/zh-hant/exhibits/alpha/"
    assert data["converted"] == []
    assert response["Content-Language"] == "zh-Hant"


def test_language_traditional_falls_back_to_english_where_not_written(client, catalogue):
    data = alpha(client, "?lang=zh-hant")

    assert data["description"] == "每天幫助市民。"
    assert data["demo_notes"] == ""


def test_language_simplified_is_converted_from_traditional_and_says_so(client, catalogue):
    response = client.get("/api/v1/exhibits/alpha/?lang=zh-hans")
    data = response.json()

    assert data["title"] == "阿尔法天气模型"
    assert data["summary"] == "以人工智能预测天气。"
    assert data["converted"] == ["title", "summary", "description"]
    assert data["lead_department"]["name"] == "香港天文台"
    assert data["lead_department"]["converted"] == ["name"]
    assert data["url"] == "http://testserver/zh-hans/exhibits/alpha/"
    assert response["Content-Language"] == "zh-Hans"


def test_language_simplified_written_by_a_person_is_not_converted(client, catalogue):
    data = client.get("/api/v1/exhibits/beta/?lang=zh-hans").json()

    assert data["title"] == "贝塔铁路数码孪生简体原文"
    assert "title" not in data["converted"]


def test_language_all_gives_every_language_in_one_call(client, catalogue):
    living = catalogue.zones[0]
    living.name_zh_hant = "智慧生活"
    living.save(update_fields=["name_zh_hant"])

    response = client.get("/api/v1/exhibits/alpha/?lang=all")
    data = response.json()

    assert data["title"] == {
        "en": "Alpha weather models",
        "zh-hant": "阿爾法天氣模型",
        "zh-hans": "阿尔法天气模型",
    }
    assert data["zone"]["name"] == {
        "en": "Smart Living",
        "zh-hant": "智慧生活",
        "zh-hans": "智慧生活",
    }
    assert data["converted"] == ["title", "summary", "description"]
    assert data["url"] == "http://testserver/exhibits/alpha/"
    assert response["Content-Language"] == "en, zh-Hant, zh-Hans"


def test_language_all_in_the_list(client, catalogue):
    results = client.get("/api/v1/exhibits/?lang=all&zone=smart-mobility").json()["results"]

    assert [r["title"] for r in results] == [
        {
            "en": "Beta railway twin",
            "zh-hant": "貝塔鐵路數碼孿生",
            "zh-hans": "贝塔铁路数码孪生简体原文",
        }
    ]


@pytest.mark.parametrize(
    ("header", "title"),
    [
        ("zh-HK", "阿爾法天氣模型"),
        ("zh-TW,zh;q=0.9", "阿爾法天氣模型"),
        ("zh-Hant", "阿爾法天氣模型"),
        ("zh-CN", "阿尔法天气模型"),
        ("zh-Hans-CN,en;q=0.5", "阿尔法天气模型"),
        ("en-GB", "Alpha weather models"),
        ("fr-FR, de;q=0.8", "Alpha weather models"),
        ("not a language header", "Alpha weather models"),
    ],
)
def test_language_from_accept_language(client, catalogue, header, title):
    response = client.get("/api/v1/exhibits/alpha/", headers={"Accept-Language": header})

    assert response.json()["title"] == title
    assert "Accept-Language" in response["Vary"]


def test_language_parameter_wins_over_accept_language(client, catalogue):
    data = alpha(client, "?lang=en", **{"Accept-Language": "zh-HK"})

    assert data["title"] == "Alpha weather models"


def test_language_unknown_is_a_400_naming_lang(client, catalogue):
    response = client.get("/api/v1/exhibits/alpha/?lang=fr")

    assert response.status_code == 400
    assert response.json() == {
        "lang": ["“fr” is not one of: en, zh-hant, zh-hans, all."],
    }


def test_language_ordering_by_title_follows_the_language(client, catalogue):
    english = client.get("/api/v1/exhibits/?ordering=title").json()["results"]
    chinese = client.get("/api/v1/exhibits/?ordering=title&lang=zh-hant").json()["results"]

    assert [e["slug"] for e in english] == ["alpha", "beta", "gamma"]
    assert [e["title"] for e in chinese] == sorted(e["title"] for e in chinese)


def test_language_is_not_left_active_after_the_request(client, catalogue):
    from django.utils import translation

    client.get("/api/v1/exhibits/?lang=zh-hans")

    assert translation.get_language() == "en"
