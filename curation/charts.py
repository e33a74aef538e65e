"""Small server-rendered SVG charts for the curators' dashboard.

No JavaScript and no inline style (the CSP forbids both): shapes carry classes styled by
``pavilion/tools.css``, and ``fill`` presentation attributes where a bar has its own colour
(a zone's). Each chart is an ``<svg role="img">`` named by its ``<title>`` and ``<desc>``
through ``aria-labelledby``; its texts are drawn for sighted people, while the numbers
themselves are also given as a table beside it (the template's job), each a link.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

WIDTH = 480
LABEL_WIDTH = 190
VALUE_GAP = 6
ROW = 26
BAR = 18


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    colour: str | None = None  # a validated #rrggbb, or None for the default class colour
    tone: str = ""  # an extra class: "warn", "muted"…


def _svg_open(chart_id: str, height: int, title: str, desc: str) -> SafeString:
    return format_html(
        '<svg class="chart" id="{}" role="img" aria-labelledby="{}-title {}-desc" '
        'viewBox="0 0 {} {}" preserveAspectRatio="xMinYMin meet">'
        '<title id="{}-title">{}</title><desc id="{}-desc">{}</desc>',
        chart_id,
        chart_id,
        chart_id,
        WIDTH,
        height,
        chart_id,
        title,
        chart_id,
        desc,
    )


def bar_chart(chart_id: str, bars: list[Bar], *, title: str, desc: str) -> SafeString:
    """Horizontal bars, one row each: label on the left, bar, value at its end."""
    height = max(ROW * len(bars), ROW) + 4
    top = max((bar.value for bar in bars), default=0) or 1
    span = WIDTH - LABEL_WIDTH - 40
    rows = []
    for i, bar in enumerate(bars):
        y = 2 + i * ROW
        length = round(span * bar.value / top, 1) if bar.value else 0
        # A bar with its own colour takes it from the fill attribute, which any CSS rule
        # would override: it gets no colour class.
        tone = "own" if bar.colour else bar.tone
        classes = " ".join(filter(None, ["chart-bar", f"chart-bar-{tone}" if tone else ""]))
        fill = format_html(' fill="{}"', bar.colour) if bar.colour else ""
        rows.append(
            format_html(
                '<text class="chart-label" x="{}" y="{}" text-anchor="end">{}</text>'
                '<rect class="{}" x="{}" y="{}" width="{}" height="{}"{}/>'
                '<text class="chart-value" x="{}" y="{}">{}</text>',
                LABEL_WIDTH - VALUE_GAP,
                y + BAR - 5,
                _clip(bar.label, 30),
                classes,
                LABEL_WIDTH,
                y,
                length,
                BAR,
                fill,
                LABEL_WIDTH + length + VALUE_GAP,
                y + BAR - 5,
                bar.value,
            )
        )
    return mark_safe(  # noqa: S308 - every piece above went through format_html
        _svg_open(chart_id, height, title, desc) + "".join(rows) + "</svg>"
    )


def cumulative_chart(
    chart_id: str,
    days: list[tuple[dt.date, int]],
    *,
    deadline: dt.date | None,
    title: str,
    desc: str,
) -> SafeString:
    """A cumulative line by day (``days``: each day with its running total, in order),
    with the deadline drawn as a dashed vertical line."""
    height, left, right, top, bottom = 220, 44, WIDTH - 16, 16, 220 - 34
    if not days:
        return mark_safe(  # noqa: S308
            _svg_open(chart_id, 40, title, desc)
            + format_html('<text class="chart-label" x="8" y="24">{}</text>', "No submissions yet")
            + "</svg>"
        )
    first, last = days[0][0], days[-1][0]
    if deadline:
        first, last = min(first, deadline), max(last, deadline)
    span_days = max((last - first).days, 1)
    most = max(total for _day, total in days) or 1

    def x(day: dt.date) -> float:
        return round(left + (right - left) * (day - first).days / span_days, 1)

    def y(total: int) -> float:
        return round(bottom - (bottom - top) * total / most, 1)

    points = " ".join(f"{x(day)},{y(total)}" for day, total in days)
    parts = [
        _svg_open(chart_id, height, title, desc),
        format_html(
            '<line class="chart-axis" x1="{}" y1="{}" x2="{}" y2="{}"/>'
            '<line class="chart-axis" x1="{}" y1="{}" x2="{}" y2="{}"/>',
            left,
            bottom,
            right,
            bottom,
            left,
            top,
            left,
            bottom,
        ),
        format_html(
            '<text class="chart-label" x="{}" y="{}" text-anchor="end">{}</text>'
            '<text class="chart-label" x="{}" y="{}" text-anchor="end">0</text>',
            left - 6,
            top + 4,
            most,
            left - 6,
            bottom + 4,
        ),
        format_html(
            '<text class="chart-label" x="{}" y="{}">{}</text>'
            '<text class="chart-label" x="{}" y="{}" text-anchor="end">{}</text>',
            left,
            bottom + 18,
            _day(first),
            right,
            bottom + 18,
            _day(last),
        ),
        format_html('<polyline class="chart-line" points="{}"/>', points),
        format_html_join(
            "",
            '<circle class="chart-point" cx="{}" cy="{}" r="3"/>',
            ((x(day), y(total)) for day, total in days),
        ),
    ]
    if deadline:
        parts.append(
            format_html(
                '<line class="chart-deadline" x1="{}" y1="{}" x2="{}" y2="{}"/>'
                '<text class="chart-label chart-deadline-label" x="{}" y="{}" '
                'text-anchor="end">Deadline {}</text>',
                x(deadline),
                top,
                x(deadline),
                bottom,
                x(deadline) - 4,
                top + 10,
                _day(deadline),
            )
        )
    parts.append(mark_safe("</svg>"))
    return mark_safe("".join(parts))  # noqa: S308 - every piece went through format_html


def _day(day: dt.date) -> str:
    return f"{day.day} {day:%b}"


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
