"""People read labels in their language where the workflow speaks in field names: the
refusal's sentence changes, the API's machine-readable ``missing`` and ``code`` do not."""

from __future__ import annotations

import pytest
from django.utils import translation

from exhibits.labels import missing_label, missing_labels
from exhibits.workflow import Conflict, exhibit_transition
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "detail"),
    [
        (
            "en",
            "The exhibit is not complete: Title in Traditional Chinese, Description in "
            "English, Proposed zone, At least one image.",
        ),
        ("zh-hant", None),
    ],
)
def test_incomplete_refusal_names_labels_and_keeps_missing_names(
    edition, department, coordinator, language, detail
):
    exhibit = factories.ExhibitFactory(
        edition=edition, lead_department=department, title_zh_hant="", description_en=""
    )

    with translation.override(language), pytest.raises(Conflict) as refused:
        exhibit_transition(exhibit=exhibit, action="submit", user=coordinator)

    body = refused.value.as_dict()
    assert (body["code"], body["missing"]) == (
        "incomplete",
        ["title_zh_hant", "description_en", "proposed_zone", "images"],
    )
    assert not any(name in body["detail"] for name in body["missing"])
    if detail is not None:
        assert body["detail"] == detail
    else:
        assert "標題（繁體中文）" in body["detail"]  # noqa: RUF001


def test_missing_labels_in_each_language():
    with translation.override("zh-hans"):
        assert missing_labels(["summary_en", "images.alt_text"]).startswith("摘要（英文）、")  # noqa: RUF001
    assert missing_label("demo_notes_zh_hans") == "Demonstration notes in Simplified Chinese"
    assert missing_label("something_else") == "something_else"
