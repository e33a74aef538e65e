"""The department's workflow actions in the portal, the thread with curators, the history."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone

from exhibits.models import Exhibit, ExhibitComment
from exhibits.workflow import exhibit_transition
from tests import factories
from tests.portal.conftest import url

pytestmark = pytest.mark.django_db
S = Exhibit.Status


@pytest.fixture
def complete(edition, department, zone):
    exhibit = factories.ExhibitFactory(
        edition=edition, lead_department=department, proposed_zone=zone
    )
    factories.ExhibitImageFactory(exhibit=exhibit)
    return exhibit


@pytest.fixture
def incomplete(edition, department):
    return factories.ExhibitFactory(
        edition=edition, lead_department=department, title_zh_hant=None, summary_zh_hant=""
    )


def act(client, exhibit, action, **extra):
    data = {"action": action, "version": str(exhibit.version), **extra}
    return client.post(url("exhibit_action", exhibit.pk), data)


def test_coordinator_submits_complete_exhibit(login, coordinator, complete):
    client = login(coordinator)
    assert 'value="submit"' in client.get(url("exhibit_detail", complete.pk)).content.decode()

    response = act(client, complete, "submit", message="Ready for review.")

    assert (response.status_code, response["Location"]) == (302, url("exhibit_detail", complete.pk))
    complete.refresh_from_db()
    assert (complete.status, complete.version) == (S.SUBMITTED, 2)
    record = complete.history.latest()
    assert (record.history_user, record.history_change_reason) == (
        coordinator,
        "submit: Submit — Ready for review.",
    )
    page = client.get(url("exhibit_detail", complete.pk)).content.decode()
    assert "The exhibit was submitted to the pavilion team." in page


def test_submit_incomplete_refused_with_missing_fields_linked(login, coordinator, incomplete):
    response = act(login(coordinator), incomplete, "submit")

    assert response.status_code == 409
    html = response.content.decode()
    assert "Not submitted: the exhibit is not complete yet." in html
    edit = url("exhibit_edit", incomplete.pk)
    for anchor, label in [
        ("id_title_zh_hant", "Title in Traditional Chinese"),
        ("id_summary_zh_hant", "Summary in Traditional Chinese"),
        ("id_proposed_zone", "Proposed zone"),
        ("images", "At least one image"),
    ]:
        assert f'<a href="{edit}#{anchor}">{label}</a>' in html
    incomplete.refresh_from_db()
    assert (incomplete.status, incomplete.version) == (S.DRAFT, 1)


def test_draft_page_lists_what_is_missing_before_submitting(login, editor, incomplete):
    html = login(editor).get(url("exhibit_detail", incomplete.pk)).content.decode()

    assert "Before it can be submitted, this exhibit still needs:" in html
    assert f'href="{url("exhibit_edit", incomplete.pk)}#id_title_zh_hant"' in html


def test_editor_cannot_submit(login, editor, complete):
    client = login(editor)
    page = client.get(url("exhibit_detail", complete.pk)).content.decode()

    response = act(client, complete, "submit")

    assert 'value="submit"' not in page
    assert "Your department's coordinator submits exhibits" in page
    assert response.status_code == 403
    assert "Your role does not allow you to submit this exhibit." in response.content.decode()
    complete.refresh_from_db()
    assert complete.status == S.DRAFT


def test_submit_when_window_closed_refused(login, coordinator, complete, edition):
    edition.submission_opens_at = timezone.now() - dt.timedelta(days=30)
    edition.submission_closes_at = timezone.now() - dt.timedelta(days=1)
    edition.save()

    response = act(login(coordinator), complete, "submit")

    assert response.status_code == 409
    assert "The submission window is closed." in response.content.decode()
    complete.refresh_from_db()
    assert complete.status == S.DRAFT


def test_submit_over_quota_refused(login, coordinator, complete, edition, department):
    factories.QuotaFactory(edition=edition, department=department, limit=1)
    factories.ExhibitFactory(edition=edition, lead_department=department, status=S.SUBMITTED)

    response = act(login(coordinator), complete, "submit")

    assert response.status_code == 409
    assert "reached its quota" in response.content.decode()


def test_action_on_stale_version_refused(login, coordinator, complete):
    Exhibit.objects.filter(pk=complete.pk).update(version=5)

    response = act(login(coordinator), complete, "submit")

    assert response.status_code == 409
    assert "Someone else changed this exhibit meanwhile" in response.content.decode()
    complete.refresh_from_db()
    assert complete.status == S.DRAFT


@pytest.mark.parametrize("data", [{"action": "publish", "version": "1"}, {"action": "submit"}])
def test_unreadable_action_is_400(login, coordinator, complete, data):
    response = login(coordinator).post(url("exhibit_action", complete.pk), data)

    assert response.status_code == 400
    assert "This action could not be read" in response.content.decode()
    complete.refresh_from_db()
    assert complete.status == S.DRAFT


def test_withdraw_then_reopen(login, coordinator, complete):
    client = login(coordinator)

    act(client, complete, "withdraw")
    complete.refresh_from_db()
    assert complete.status == S.WITHDRAWN
    act(client, complete, "reopen")
    complete.refresh_from_db()

    assert (complete.status, complete.version) == (S.DRAFT, 3)


def test_change_request_answered_and_resubmitted(login, coordinator, complete, curator):
    client = login(coordinator)
    act(client, complete, "submit")
    complete.refresh_from_db()
    exhibit_transition(exhibit=complete, action="start_review", user=curator)
    exhibit_transition(
        exhibit=complete,
        action="request_changes",
        user=curator,
        message="Please add the Chinese caption of the photo.",
    )
    complete.refresh_from_db()

    page = client.get(url("exhibit_detail", complete.pk)).content.decode()
    assert "The pavilion team asked for changes" in page
    assert "Please add the Chinese caption of the photo." in page
    assert url("exhibit_edit", complete.pk) in page

    client.post(url("exhibit_comment", complete.pk), {"body": "Caption added, thank you."})
    response = act(client, complete, "resubmit", message="Caption added.")

    assert response.status_code == 302
    complete.refresh_from_db()
    assert complete.status == S.SUBMITTED
    page = client.get(url("exhibit_detail", complete.pk)).content.decode()
    history = page.split('id="history-heading"', 1)[1]
    for label in ["Draft", "Submitted", "In review", "Changes requested"]:
        assert f">{label}</span>" in history
    assert "Please add the Chinese caption of the photo." in history
    assert "Caption added." in history
    assert history.count(curator.username) == 2
    assert history.count(coordinator.username) == 2


def test_comment_added_to_thread(login, editor, complete, curator):
    ExhibitComment.objects.create(exhibit=complete, author=curator, body="Hi", by_curator=True)
    client = login(editor)

    response = client.post(
        url("exhibit_comment", complete.pk), {"body": "  Question about zones. "}
    )

    assert (response.status_code, response["Location"]) == (
        302,
        url("exhibit_detail", complete.pk) + "#comments",
    )
    comment = ExhibitComment.objects.latest("id")
    assert (comment.author, comment.body, comment.by_curator) == (
        editor,
        "Question about zones.",
        False,
    )
    html = client.get(url("exhibit_detail", complete.pk)).content.decode()
    assert "Pavilion team" in html and "Question about zones." in html


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("", "Write a message first."),
        ("   ", "Write a message first."),
        ("x" * 5001, "Ensure this value has at most 5000 characters"),
    ],
)
def test_comment_invalid_refused(login, editor, complete, body, message):
    response = login(editor).post(url("exhibit_comment", complete.pk), {"body": body})

    assert response.status_code == 400
    assert message in response.content.decode()
    assert ExhibitComment.objects.count() == 0


def test_comment_too_long_keeps_the_text(login, editor, complete):
    body = "保留" * 2600

    response = login(editor).post(url("exhibit_comment", complete.pk), {"body": body})

    assert response.status_code == 400
    assert body in response.content.decode()


# --- What people read: labels in their language, never internal names -------------------

INTERNAL_NAMES = ("title_zh_hant", "summary_zh_hant", "proposed_zone", "request_changes")


@pytest.mark.parametrize(
    ("prefix", "sentence", "labels"),
    [
        (
            "",
            "Not submitted: the exhibit is not complete yet.",
            ["Title in Traditional Chinese", "Summary in Traditional Chinese", "Proposed zone"],
        ),
        (
            "/zh-hant",
            "未提交：展品資料尚未齊全。",  # noqa: RUF001
            ["標題（繁體中文）", "摘要（繁體中文）", "建議展區"],  # noqa: RUF001
        ),
        (
            "/zh-hans",
            "未提交：展品资料尚未齐全。",  # noqa: RUF001
            ["标题（繁体中文）", "摘要（繁体中文）", "建议展区"],  # noqa: RUF001
        ),
    ],
    ids=["en", "zh-hant", "zh-hans"],
)
def test_submit_incomplete_refusal_shows_labels_not_field_names(
    login, coordinator, incomplete, prefix, sentence, labels
):
    response = login(coordinator).post(
        prefix + url("exhibit_action", incomplete.pk),
        {"action": "submit", "version": str(incomplete.version)},
    )

    assert response.status_code == 409
    refusal = response.content.decode().split('id="refusal"', 1)[1].split("</div>", 1)[0]
    assert sentence in refusal
    items = [item.rsplit(">", 1)[1] for item in refusal.split("</a>")[:-1]]
    assert items[:-1] == labels
    text = re.sub(r"<[^>]+>", " ", refusal)  # what people read (links keep their anchors)
    assert not [name for name in INTERNAL_NAMES if name in text]


def test_change_request_shows_only_the_curators_message(login, coordinator, complete, curator):
    act(login(coordinator), complete, "submit")
    complete.refresh_from_db()
    exhibit_transition(
        exhibit=complete, action="request_changes", user=curator, message="Add the booth hours."
    )

    html = login(coordinator).get(url("exhibit_detail", complete.pk)).content.decode()

    request = html.split('class="notice notice-info change-request"', 1)[1].split("</section>")[0]
    quote = request.split("<blockquote>", 1)[1].split("</blockquote>", 1)[0]
    assert quote == "<p>Add the booth hours.</p>"
    assert "request_changes" not in html
