"""``{% curator_dashboard %}``: the dashboard's charts and numbers, for the admin's index.

Shown to curators only; everyone else gets nothing (and no query is made for them).
"""

from __future__ import annotations

from django import template

from curation.charts import Bar, bar_chart, cumulative_chart
from curation.dashboard import curator_dashboard as load_dashboard
from exhibits import rules as exhibit_rules

register = template.Library()


def charts(board) -> dict:
    """SVG charts of a dashboard (``curation.dashboard.Dashboard``)."""
    edition = board.edition.slug
    return {
        "by_zone": bar_chart(
            "chart-zones",
            [Bar(c.label, c.value, c.colour, "" if c.colour else "muted") for c in board.by_zone],
            title=f"Exhibits by zone, {edition}",
            desc=", ".join(f"{c.label}: {c.value}" for c in board.by_zone),
        ),
        "by_status": bar_chart(
            "chart-statuses",
            [Bar(c.label, c.value, tone=f"status-{c.key}") for c in board.by_status],
            title=f"Exhibits by status, {edition}",
            desc=", ".join(f"{c.label}: {c.value}" for c in board.by_status),
        ),
        "departments": bar_chart(
            "chart-departments",
            [
                Bar(c.label, c.value, tone="warn" if c.key == "waiting" else "")
                for c in board.departments
            ],
            title=f"Departments that have submitted, {edition}",
            desc=", ".join(f"{c.label}: {c.value}" for c in board.departments),
        ),
        "submissions": cumulative_chart(
            "chart-submissions",
            [(day.day, day.total) for day in board.submissions],
            deadline=board.deadline,
            title=f"Submissions over time against the deadline, {edition}",
            desc=(
                f"{board.submissions[-1].total if board.submissions else 0} exhibits "
                f"submitted by {board.submissions[-1].day if board.submissions else 'now'}; "
                f"deadline {board.deadline}."
            ),
        ),
        "translations": bar_chart(
            "chart-translations",
            [Bar(c.label, c.value, tone="warn") for c in board.translations],
            title=f"Translations missing, {edition}",
            desc=", ".join(f"{c.label}: {c.value}" for c in board.translations),
        ),
        "images": bar_chart(
            "chart-images",
            [Bar(c.label, c.value, tone="warn") for c in board.images],
            title=f"Images without Chinese alternative text, {edition}",
            desc=", ".join(f"{c.label}: {c.value}" for c in board.images),
        ),
    }


@register.inclusion_tag("pavilion/tools/_dashboard.html", takes_context=True)
def curator_dashboard(context, standalone: bool = False) -> dict:
    request = context.get("request")
    if request is None or not exhibit_rules.is_curator(request.user):
        return {"board": None}
    board = load_dashboard()
    return {
        "board": board,
        "charts": charts(board) if board else None,
        "standalone": standalone,
    }
