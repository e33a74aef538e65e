# Chinese text carries full-width punctuation on purpose.
# ruff: noqa: RUF001, RUF002
"""What the app joins itself is punctuated in the page's language (pavilion.i18n):
"香港資訊及通訊科技獎 2024：年度大獎", "欠缺：英文、繁體中文", never ": " or ", " in Chinese."""

from __future__ import annotations

import pytest
from django.utils import translation

from pavilion.i18n import colon, join_list, join_parts

AWARD = {
    "": "<span>Hong Kong ICT Awards</span> 2024: <span>Award of the Year</span>",
    "/zh-hant": "<span>香港資訊及通訊科技獎</span> 2024：<span>年度大獎</span>",
    "/zh-hans": "<span>香港资讯及通讯科技奖</span> 2024：<span>年度大奖</span>",
}


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", ("English, Traditional Chinese", "Booth M01, Smart Mobility", "Zone: ")),
        ("zh-hant", ("English、Traditional Chinese", "Booth M01，Smart Mobility", "Zone：")),
        ("zh-hans", ("English、Traditional Chinese", "Booth M01，Smart Mobility", "Zone：")),
    ],
)
def test_separators_follow_the_active_language(language, expected):
    with translation.override(language):
        shown = (
            join_list(["English", "", None, "Traditional Chinese"]),
            join_parts(["Booth M01", "Smart Mobility"]),
            "Zone" + colon(),
        )

    assert shown == expected


@pytest.mark.parametrize("prefix", ["", "/zh-hant", "/zh-hans"])
def test_exhibit_page_award_badge_uses_the_language_colon(client, catalogue, prefix):
    html = client.get(f"{prefix}/exhibits/railway-digital-twin/").content.decode()

    assert f'<span class="badge badge-award">{AWARD[prefix]}</span>' in html


@pytest.mark.parametrize("path", ["/zh-hant/", "/zh-hant/awards/", "/zh-hant/exhibits/"])
def test_chinese_pages_join_award_and_prize_with_a_full_width_colon(client, catalogue, path):
    html = client.get(path).content.decode()

    assert "2024：<span>年度大獎</span>" in html
    assert "2024: " not in html


def test_chinese_list_page_filter_chips_use_the_full_width_colon(client, catalogue):
    html = client.get("/zh-hant/exhibits/?zone=smart-living").content.decode()

    assert '<span class="visually-hidden">移除篩選條件 </span>展區：智慧生活' in html
