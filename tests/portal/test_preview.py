"""The preview renders the public site's own exhibit template with the draft."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from exhibits.models import Exhibit
from tests import factories
from tests.portal.conftest import url

pytestmark = pytest.mark.django_db
S = Exhibit.Status


@pytest.fixture
def draft(edition, department, zone):
    exhibit = factories.ExhibitFactory(
        edition=edition,
        lead_department=department,
        proposed_zone=zone,
        slug="smart-drainage",
        title_en="Smart Drainage",
        title_zh_hant="智慧渠務",
        demo_notes_en="Watch the live sensor map.",
    )
    exhibit.technologies.add(factories.TechnologyFactory(name_en="Internet of Things"))
    exhibit.partner_departments.add(factories.DepartmentFactory(name_en="Hong Kong Observatory"))
    factories.ExhibitLinkFactory(exhibit=exhibit, label_en="DSD website")
    factories.ExhibitImageFactory(exhibit=exhibit)
    return exhibit


def article(html: str) -> str:
    return html.split('<article class="exhibit">', 1)[1].split("</article>", 1)[0]


def test_preview_is_the_public_page_of_the_exhibit(login, editor, draft, zone):
    preview = login(editor).get(url("exhibit_preview", draft.pk))
    Exhibit.objects.filter(pk=draft.pk).update(status=S.PUBLISHED, zone=zone)
    public = login(editor).get(reverse("exhibit_detail", args=[draft.slug]))

    assert preview.status_code == 200
    assert [t.name for t in preview.templates[:2]] == [
        "exhibits/portal/exhibit_preview.html",
        "exhibits/exhibit_detail.html",
    ]
    html = preview.content.decode()
    # The same page, less the "Add to my list" button: a draft is not on any visitor's list.
    assert 'class="list-toggle"' in public.content.decode()
    assert 'class="list-toggle"' not in html
    assert article(html) == re.sub(
        r'<p class="list-actions" hidden>.*?</p>', "", article(public.content.decode())
    )
    assert "This is how the public page will look. It is not public" in html
    assert "Smart Living" in html
    assert "Watch the live sensor map." in html


def test_preview_in_traditional_and_simplified_chinese(login, editor, draft):
    client = login(editor)

    traditional = client.get("/zh-hant" + url("exhibit_preview", draft.pk))
    simplified = client.get("/zh-hans" + url("exhibit_preview", draft.pk))

    assert "<h1>智慧渠務</h1>" in traditional.content.decode()
    html = simplified.content.decode()
    assert "<h1>智慧渠务</h1>" in html
    assert "converted-note" in html


def test_preview_without_any_zone_asks_for_one(login, editor, draft):
    Exhibit.objects.filter(pk=draft.pk).update(proposed_zone=None)

    response = login(editor).get(url("exhibit_preview", draft.pk), follow=True)

    assert response.redirect_chain == [(url("exhibit_detail", draft.pk), 302)]
    assert "Choose a proposed zone first" in response.content.decode()


def test_preview_is_not_public(client, draft):
    response = client.get(url("exhibit_preview", draft.pk))

    assert response["Location"].startswith(url("login"))
    assert client.get(reverse("exhibit_detail", args=[draft.slug])).status_code == 404
