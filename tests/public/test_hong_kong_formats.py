# Chinese text carries full-width punctuation, date ranges an en dash, on purpose.
# ruff: noqa: RUF001
"""Dates and times as Hong Kong writes them, in every language (pavilion/formats/).

"13 April 2025" / "2025年4月13日" and a 24-hour clock; never the American "April 13,
2025", "05/12/2026" (read in Hong Kong as 5 December) or "5:03 p.m." (which ends a
sentence with "p.m..").
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import formats, translation

from tests import factories
from tests.factories import hkt

NAMED_FORMATS = [
    "DATE_FORMAT",
    "DATETIME_FORMAT",
    "SHORT_DATE_FORMAT",
    "SHORT_DATETIME_FORMAT",
    "TIME_FORMAT",
    "MONTH_DAY_FORMAT",
    "YEAR_MONTH_FORMAT",
]
AFTERNOON = hkt(2026, 5, 12, 17, 3)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "en",
            [
                "12 May 2026",
                "12 May 2026 17:03",
                "12 May 2026",
                "12 May 2026 17:03",
                "17:03",
                "12 May",
                "May 2026",
            ],
        ),
        (
            "zh-hant",
            [
                "2026年5月12日",
                "2026年5月12日 17:03",
                "2026年5月12日",
                "2026年5月12日 17:03",
                "17:03",
                "5月12日",
                "2026年5月",
            ],
        ),
        (
            "zh-hans",
            [
                "2026年5月12日",
                "2026年5月12日 17:03",
                "2026年5月12日",
                "2026年5月12日 17:03",
                "17:03",
                "5月12日",
                "2026年5月",
            ],
        ),
    ],
)
def test_named_formats_are_hong_kong_formats(language, expected):
    with translation.override(language):
        shown = [formats.date_format(AFTERNOON, name) for name in NAMED_FORMATS]

    assert shown == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("12/05/2026", dt.date(2026, 5, 12)), ("2026-05-12", dt.date(2026, 5, 12))],
)
def test_english_date_input_reads_day_before_month(typed, expected):
    from django import forms

    with translation.override("en"):
        field = forms.DateField(localize=True)
        assert field.clean(typed) == expected


@pytest.mark.parametrize(
    ("prefix", "first", "last"),
    [
        ("", "13 April 2025", "16 April 2025"),
        ("/zh-hant", "2025年4月13日", "2025年4月16日"),
        ("/zh-hans", "2025年4月13日", "2025年4月16日"),
    ],
)
def test_home_page_gives_the_fair_dates_in_hong_kong_format(client, catalogue, prefix, first, last):
    html = client.get(f"{prefix}/").content.decode()

    assert (
        f'<time datetime="2025-04-13">{first}</time> – <time datetime="2025-04-16">{last}</time>'
    ) in html


@pytest.mark.parametrize(
    ("prefix", "shown"),
    [
        ("", '13 April 2025 17:03</time>–<time datetime="2025-04-13T17:33:00+08:00">17:33'),
        (
            "/zh-hant",
            '2025年4月13日 17:03</time>–<time datetime="2025-04-13T17:33:00+08:00">17:33',
        ),
        (
            "/zh-hans",
            '2025年4月13日 17:03</time>–<time datetime="2025-04-13T17:33:00+08:00">17:33',
        ),
    ],
)
def test_exhibit_page_gives_demonstration_times_on_a_24_hour_clock(
    client, catalogue, prefix, shown
):
    factories.DemoSessionFactory(
        exhibit=catalogue.exhibits["iam-smart"],
        starts_at=hkt(2025, 4, 13, 17, 3),
        ends_at=hkt(2025, 4, 13, 17, 33),
    )

    html = client.get(f"{prefix}/exhibits/iam-smart/").content.decode()

    assert f'<time datetime="2025-04-13T17:03:00+08:00">{shown}</time>' in html
    assert "p.m." not in html
