"""Revisions in the back-office, over HTTP: the list, the difference against the live exhibit,
approving and rejecting, the link from the exhibit, its history page, pinned query counts."""

from __future__ import annotations

import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.contrib.messages import get_messages
from django.urls import reverse

from exhibits.models import Exhibit, ExhibitRevision
from exhibits.revisions import (
    exhibit_snapshot,
    revision_start,
    revision_submit,
    revision_update,
)
from exhibits.workflow import exhibit_transition
from tests import factories
from tests.exhibits.revision_scene import build_scene

pytestmark = pytest.mark.django_db
R = ExhibitRevision.Status
CHANGELIST = reverse("admin:exhibits_exhibitrevision_changelist")


def change_url(revision: ExhibitRevision) -> str:
    return reverse("admin:exhibits_exhibitrevision_change", args=[revision.pk])


def decide_url(revision: ExhibitRevision) -> str:
    return reverse("admin:exhibits_exhibitrevision_decide", args=[revision.pk])


def messages_of(response) -> list[tuple[str, str]]:
    return [(m.level_tag, str(m)) for m in get_messages(response.wsgi_request)]


def diff_rows(html: str) -> list[tuple[str, str, str]]:
    return re.findall(
        r'<tr class="diff-(\w+)" data-field="([\w.]+)"(?: data-language="(\w+)")?', html
    )


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def scene(edition):
    return build_scene(edition=edition)


@pytest.fixture
def signed_in(client, scene):
    client.force_login(scene.curator)
    return client


def proposal(scene, *, submit: bool = True) -> ExhibitRevision:
    revision = revision_start(exhibit=scene.exhibit, user=scene.editor)
    revision = revision_update(
        revision=revision,
        user=scene.editor,
        data={"title_en": "Smart Drainage Monitoring 2.0", "summary_zh_hant": "新摘要。"},
        technologies=[scene.technologies["ai"]],
        images=[
            {"id": scene.images[1].pk, "alt_text_en": "The new dashboard."},
            {"id": scene.images[0].pk},
        ],
    )
    if submit:
        revision = revision_submit(revision=revision, user=scene.coordinator, note="Version 2.")
    return revision


def test_revision_changelist_lists_and_filters_by_status(signed_in, scene):
    revision = proposal(scene)

    listed = signed_in.get(CHANGELIST)
    drafts = signed_in.get(f"{CHANGELIST}?status__exact=draft")

    assert listed.status_code == 200
    assert list(listed.context["cl"].result_list) == [revision]
    html = listed.content.decode()
    assert "Smart Drainage Monitoring — revision 1" in html
    assert f">{scene.department.abbreviation}<" in html
    assert list(drafts.context["cl"].result_list) == []


def test_revision_change_page_shows_the_difference_and_the_decision(signed_in, scene):
    revision = proposal(scene)

    response = signed_in.get(change_url(revision))

    assert response.status_code == 200
    html = response.content.decode()
    assert diff_rows(html) == [
        ("changed", "title", "en"),
        ("changed", "summary", "zh_hant"),
        ("changed", "technologies", ""),
        ("changed", "image.alt_text", "en"),
        ("reordered", "images.order", ""),
    ]
    assert "<del>Smart Drainage Monitoring</del>" in html
    assert "<ins>Smart Drainage Monitoring 2.0</ins>" in html
    assert 'name="decision" value="approve"' in html and 'name="decision" value="reject"' in html
    assert "Version 2." in html
    # Read-only: no Save buttons, revisions are decided, not edited.
    assert 'name="_save"' not in html


def test_revision_change_page_of_a_draft_has_no_decision(signed_in, scene):
    revision = proposal(scene, submit=False)

    html = signed_in.get(change_url(revision)).content.decode()

    assert 'name="decision"' not in html
    assert len(diff_rows(html)) == 5


def test_revision_approve_over_http_applies_the_changes(
    signed_in, scene, django_capture_on_commit_callbacks
):
    revision = proposal(scene)

    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in.post(
            decide_url(revision), {"decision": "approve", "message": "Thanks."}
        )

    assert (response.status_code, response["Location"]) == (302, change_url(revision))
    assert messages_of(response) == [
        (
            "success",
            "Changes #1 approved: “Smart Drainage Monitoring 2.0” is updated on the public site.",
        )
    ]
    exhibit = Exhibit.objects.get(pk=scene.exhibit.pk)
    assert (exhibit.title_en, exhibit.summary_zh_hant) == (
        "Smart Drainage Monitoring 2.0",
        "新摘要。",
    )
    assert [i.pk for i in exhibit.images.order_by("order")] == [
        scene.images[1].pk,
        scene.images[0].pk,
    ]
    revision.refresh_from_db()
    assert (revision.status, revision.decision_message) == (R.APPROVED, "Thanks.")


def test_revision_reject_without_a_message_changes_nothing(signed_in, scene):
    revision = proposal(scene)
    live_before = exhibit_snapshot(scene.exhibit)

    response = signed_in.post(decide_url(revision), {"decision": "reject", "message": ""})

    assert response.status_code == 302
    assert messages_of(response) == [
        (
            "error",
            "Please write why: the department needs to know what to change. Missing: message.",
        )
    ]
    revision.refresh_from_db()
    assert revision.status == R.SUBMITTED
    assert exhibit_snapshot(Exhibit.objects.get(pk=scene.exhibit.pk)) == live_before


def test_revision_reject_with_a_message(signed_in, scene):
    revision = proposal(scene)
    live_before = exhibit_snapshot(scene.exhibit)

    response = signed_in.post(
        decide_url(revision), {"decision": "reject", "message": "Keep the old title."}
    )

    assert messages_of(response)[0][0] == "success"
    revision.refresh_from_db()
    assert (revision.status, revision.decided_by) == (R.REJECTED, scene.curator)
    assert exhibit_snapshot(Exhibit.objects.get(pk=scene.exhibit.pk)) == live_before


def test_revision_decide_twice_is_refused(signed_in, scene):
    revision = proposal(scene)
    signed_in.post(decide_url(revision), {"decision": "reject", "message": "No."})

    response = signed_in.post(decide_url(revision), {"decision": "approve"})

    assert messages_of(response)[-1] == (
        "error",
        "These changes are rejected: they cannot be approved.",
    )
    assert Exhibit.objects.get(pk=scene.exhibit.pk).title_en == "Smart Drainage Monitoring"


def test_revision_decide_by_staff_outside_curators_is_403(client, scene):
    revision = proposal(scene)
    client.force_login(factories.UserFactory(is_staff=True))

    page = client.get(change_url(revision))
    decide = client.post(decide_url(revision), {"decision": "approve"})

    assert (page.status_code, decide.status_code) == (403, 403)
    revision.refresh_from_db()
    assert revision.status == R.SUBMITTED


def test_revision_decide_needs_post(signed_in, scene):
    revision = proposal(scene)

    assert signed_in.get(decide_url(revision)).status_code == 405


def test_exhibit_change_page_links_its_open_revision(signed_in, scene):
    revision = proposal(scene)

    html = signed_in.get(
        reverse("admin:exhibits_exhibit_change", args=[scene.exhibit.pk])
    ).content.decode()

    assert "The department submitted changes #1 to this published exhibit" in html
    assert f'href="{change_url(revision)}"' in html


def test_exhibit_history_page_lists_published_versions_and_revisions(signed_in, scene):
    revision = proposal(scene)
    signed_in.post(decide_url(revision), {"decision": "approve", "message": "Good."})

    response = signed_in.get(reverse("admin:exhibits_exhibit_history", args=[scene.exhibit.pk]))

    assert response.status_code == 200
    history = response.context["exhibit_history"]
    assert [(c.revision_number, c.who, c.message) for c in history.published_versions] == [
        (1, scene.curator, "Good."),
        (None, None, ""),
    ]
    html = response.content.decode()
    assert "Changes #1 approved" in html
    assert f'<a href="{change_url(revision)}">#1</a>' in html
    assert "Version 2." in html and "Good." in html


# The revision's page, whatever the size of the proposal and of the exhibit:
#  4 session, user, the user's and the groups' permissions
#  1 the revision (exhibit, department, edition and the people joined)
#  1 the curators group (may the user decide?)
#  4 the live exhibit's content: technologies, partners, links, images
#  2 the names of the technologies and partners that changed
REVISION_PAGE_QUERIES = 12


@pytest.mark.parametrize("rows", [1, 4])
def test_revision_change_page_queries_do_not_grow(
    signed_in, scene, django_assert_num_queries, rows
):
    exhibit = scene.exhibit
    exhibit.partner_departments.add(*factories.DepartmentFactory.create_batch(rows))
    for _i in range(rows):
        factories.ExhibitLinkFactory(exhibit=exhibit)
    revision = revision_start(exhibit=exhibit, user=scene.editor)
    revision = revision_update(
        revision=revision,
        user=scene.editor,
        data={"title_en": "New", "title_zh_hant": "新"},
        technologies=factories.TechnologyFactory.create_batch(rows),
        partner_departments=[],
        links=[{"url": f"https://example.gov.hk/{i}", "label_en": f"L{i}"} for i in range(rows)],
        images=[{"id": scene.images[1].pk, "alt_text_zh_hant": "新"}],
    )
    revision = revision_submit(revision=revision, user=scene.coordinator)
    ContentType.objects.get_for_model(ExhibitRevision)

    with django_assert_num_queries(REVISION_PAGE_QUERIES):
        response = signed_in.get(change_url(revision))

    assert response.status_code == 200
    assert len(response.context["revision_review"]["diff"]) == 7


def test_revision_page_links_the_public_page_only_while_published(signed_in, scene):
    revision = proposal(scene)
    public = f'(<a href="{scene.exhibit.get_absolute_url()}">public page</a>)'
    published_html = signed_in.get(change_url(revision)).content.decode()
    exhibit_transition(
        exhibit=scene.exhibit, action="unpublish", user=scene.curator, message="Booth moved."
    )

    unpublished_html = signed_in.get(change_url(revision)).content.decode()

    assert public in published_html
    assert public not in unpublished_html
    assert signed_in.get(scene.exhibit.get_absolute_url()).status_code == 404
