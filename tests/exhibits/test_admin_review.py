"""The curators' review in the back-office: the queue, the workflow buttons and their views,
bulk publishing, the comment thread and the status history — all over HTTP."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.contrib.messages import get_messages
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from exhibits.models import Exhibit, ExhibitComment, ExhibitRevision
from exhibits.services import exhibit_comment_add
from exhibits.workflow import exhibit_transition
from tests import factories

CHANGELIST = reverse("admin:exhibits_exhibit_changelist")
REVIEW_QUEUE = f"{CHANGELIST}?status__in=submitted,in_review"
QUEUE_PAGE = reverse("admin:exhibits_exhibit_review_queue")

# Every transition a curator can make, from a state it starts in.
CURATOR_MOVES = [
    # (from, action, message, to)
    ("submitted", "start_review", "", "in_review"),
    ("submitted", "request_changes", "Please add the Chinese alt text.", "changes_requested"),
    ("in_review", "request_changes", "The summary is too long.", "changes_requested"),
    ("approved", "request_changes", "The photo shows a face.", "changes_requested"),
    ("submitted", "decline", "Not a technology solution.", "declined"),
    ("in_review", "decline", "Shown last year already.", "declined"),
    ("approved", "decline", "Withdrawn by the bureau.", "declined"),
    ("in_review", "approve", "", "approved"),
    ("approved", "publish", "", "published"),
    ("published", "unpublish", "The booth moved.", "approved"),
    ("withdrawn", "reopen", "", "draft"),
]
LABELS = {
    "start_review": "Start review",
    "request_changes": "Request changes",
    "decline": "Decline",
    "approve": "Approve",
    "publish": "Publish",
    "unpublish": "Unpublish",
    "reopen": "Reopen",
}

# What the curator reads once each transition is done: a sentence, not "is now <status>".
DONE = {
    "start_review": "Review started for “HA Go”.",
    "request_changes": "Changes requested for “HA Go”: the department is told.",
    "decline": "“HA Go” is declined: the department is told.",
    "approve": "“HA Go” is approved.",
    "publish": "“HA Go” is published.",
    "unpublish": "“HA Go” is unpublished: the public no longer sees it.",
    "reopen": "“HA Go” is reopened as a draft.",
}


def change_url(exhibit: Exhibit) -> str:
    return reverse("admin:exhibits_exhibit_change", args=[exhibit.pk])


def transition_url(exhibit: Exhibit, action: str) -> str:
    return reverse("admin:exhibits_exhibit_transition", args=[exhibit.pk, action])


def comment_url(exhibit: Exhibit) -> str:
    return reverse("admin:exhibits_exhibit_comment", args=[exhibit.pk])


def messages_of(response) -> list[tuple[str, str]]:
    return [(m.level_tag, str(m)) for m in get_messages(response.wsgi_request)]


def buttons(html: str) -> list[str]:
    return re.findall(r'class="button review-([a-z_]+)"', html)


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def signed_in(client, curator):
    client.force_login(curator)
    return client


@pytest.fixture
def exhibit_in(edition, zones, department, coordinator):
    """An exhibit of ``department`` (whose coordinator gets the mails) in a given status."""

    def make(status: str, **fields) -> Exhibit:
        fields.setdefault("zone", zones[0])
        if status == "published":
            fields.setdefault("published_at", timezone.now())
        return factories.ExhibitFactory(
            edition=edition,
            lead_department=department,
            title_en="HA Go",
            status=status,
            **fields,
        )

    return make


# -- the buttons -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        ("draft", []),
        ("submitted", ["start_review", "request_changes", "decline"]),
        ("in_review", ["request_changes", "decline", "approve"]),
        ("changes_requested", []),
        ("approved", ["request_changes", "decline", "publish"]),
        ("published", ["unpublish"]),
        ("declined", []),
        ("withdrawn", ["reopen"]),
    ],
)
def test_review_buttons_offer_what_the_curator_may_do(signed_in, exhibit_in, status, expected):
    exhibit = exhibit_in(status)

    response = signed_in.get(change_url(exhibit))

    review = response.context["review"]
    assert [t["name"] for t in review["transitions"]] == expected
    assert buttons(response.content.decode()) == expected


def test_review_buttons_post_the_version_seen(signed_in, exhibit_in):
    exhibit = exhibit_in("submitted", version=4)

    html = signed_in.get(change_url(exhibit)).content.decode()

    start = html.index(f'action="{transition_url(exhibit, "start_review")}"')
    form = html[html.rindex("<form", 0, start) : html.index("</form>", start)]
    assert 'method="post"' in form
    assert 'name="csrfmiddlewaretoken"' in form
    assert '<input type="hidden" name="version" value="4">' in form
    # A transition that needs a message first shows its confirmation page.
    start = html.index(f'action="{transition_url(exhibit, "decline")}"')
    form = html[html.rindex("<form", 0, start) : html.index("</form>", start)]
    assert 'method="get"' in form
    assert '<input type="hidden" name="version" value="4">' in form


def test_review_buttons_hidden_from_staff_with_change_right_outside_curators(client, exhibit_in):
    editor = factories.UserFactory(is_staff=True)
    editor.user_permissions.set(
        Permission.objects.filter(codename__in=["view_exhibit", "change_exhibit"])
    )
    client.force_login(editor)
    exhibit = exhibit_in("submitted")

    response = client.get(change_url(exhibit))

    assert response.context["review"]["transitions"] == []
    assert buttons(response.content.decode()) == []


@pytest.mark.parametrize("status", [s for s in Exhibit.Status.values if s != "published"])
def test_view_on_site_is_hidden_for_an_exhibit_the_public_cannot_see(signed_in, exhibit_in, status):
    exhibit = exhibit_in(status)

    response = signed_in.get(change_url(exhibit))

    assert response.context["has_absolute_url"] is False
    assert "viewsitelink" not in response.content.decode()
    assert signed_in.get(exhibit.get_absolute_url()).status_code == 404


def test_view_on_site_opens_the_public_page_of_a_published_exhibit(signed_in, exhibit_in):
    exhibit = exhibit_in("published", slug="ha-go")

    html = signed_in.get(change_url(exhibit)).content.decode()

    assert '<a href="/exhibits/ha-go/" class="viewsitelink">View on site</a>' in html
    assert signed_in.get("/exhibits/ha-go/").status_code == 200


# -- the transition view ---------------------------------------------------------------------


@pytest.mark.parametrize(("source", "action", "message", "target"), CURATOR_MOVES)
def test_review_transition_changes_status_and_records_who_and_why(
    signed_in,
    curator,
    coordinator,
    exhibit_in,
    django_capture_on_commit_callbacks,
    source,
    action,
    message,
    target,
):
    exhibit = exhibit_in(source)

    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in.post(
            transition_url(exhibit, action), {"version": "1", "message": f"  {message}  "}
        )

    exhibit.refresh_from_db()
    record = exhibit.history.latest("history_date")
    reason = f"{action}: {LABELS[action]}" + (f" — {message}" if message else "")
    assert (response.status_code, response["Location"]) == (302, change_url(exhibit))
    assert (exhibit.status, exhibit.version) == (target, 2)
    assert (record.status, record.history_user, record.history_change_reason) == (
        target,
        curator,
        reason,
    )
    assert messages_of(response) == [("success", DONE[action])]
    assert [m.to for m in mail.outbox] == [[coordinator.email]]


def test_review_transition_needs_a_message(signed_in, exhibit_in):
    exhibit = exhibit_in("in_review")

    response = signed_in.post(
        transition_url(exhibit, "request_changes"), {"version": "1", "message": "   "}
    )

    exhibit.refresh_from_db()
    assert response.status_code == 200
    assert response.templates[0].name == "admin/exhibits/exhibit/transition_confirm.html"
    assert response.context["form"].errors == {
        "message": ["Please write the message: the department needs to know why."]
    }
    assert "Please write the message: the department needs to know why." in (
        response.content.decode()
    )
    assert (exhibit.status, exhibit.version, exhibit.history.count()) == ("in_review", 1, 1)


def test_review_transition_refuses_a_stale_version(signed_in, exhibit_in):
    exhibit = exhibit_in("submitted")
    Exhibit.objects.filter(pk=exhibit.pk).update(version=2)

    response = signed_in.post(transition_url(exhibit, "start_review"), {"version": "1"})

    exhibit.refresh_from_db()
    assert (response.status_code, response["Location"]) == (302, change_url(exhibit))
    assert messages_of(response) == [
        (
            "error",
            "Someone else changed this exhibit meanwhile (version 2, you saw 1). "
            "Reload it and try again.",
        )
    ]
    assert (exhibit.status, exhibit.version, exhibit.history.count()) == ("submitted", 2, 1)


def test_review_transition_lists_the_missing_fields(signed_in, exhibit_in):
    exhibit = exhibit_in("approved", zone=None)

    response = signed_in.post(transition_url(exhibit, "publish"), {"version": "1"})

    exhibit.refresh_from_db()
    assert messages_of(response) == [("error", "Assign a zone before publishing. Missing: zone.")]
    assert (exhibit.status, exhibit.published_at) == ("approved", None)


def test_review_publish_after_approve_takes_the_proposed_zone(signed_in, exhibit_in, zones):
    exhibit = exhibit_in("in_review", zone=None, proposed_zone=zones[1])

    signed_in.post(transition_url(exhibit, "approve"), {"version": "1"})
    response = signed_in.post(transition_url(exhibit, "publish"), {"version": "2"})

    exhibit.refresh_from_db()
    # Both messages wait in the session: the test client follows no redirect.
    assert messages_of(response) == [
        ("success", "“HA Go” is approved. Its zone is Smart Mobility, as its department proposed."),
        ("success", "“HA Go” is published."),
    ]
    assert (exhibit.status, exhibit.zone) == ("published", zones[1])


def test_review_approve_without_any_zone_asks_for_one(signed_in, exhibit_in):
    exhibit = exhibit_in("in_review", zone=None)

    response = signed_in.post(transition_url(exhibit, "approve"), {"version": "1"})

    exhibit.refresh_from_db()
    assert messages_of(response) == [
        (
            "error",
            "Choose the exhibit's zone before approving: its department proposed none. "
            "Missing: zone.",
        )
    ]
    assert (exhibit.status, exhibit.version) == ("in_review", 1)


def test_review_transition_refuses_a_wrong_state(signed_in, exhibit_in):
    exhibit = exhibit_in("draft")

    response = signed_in.post(transition_url(exhibit, "approve"), {"version": "1"})

    exhibit.refresh_from_db()
    assert messages_of(response) == [
        ("error", "“Approve” is not possible while the exhibit is “Draft”.")
    ]
    assert (exhibit.status, exhibit.version) == ("draft", 1)


def test_review_transition_refuses_staff_outside_curators(client, exhibit_in):
    client.force_login(factories.UserFactory(is_staff=True))
    exhibit = exhibit_in("submitted")

    response = client.post(transition_url(exhibit, "start_review"), {"version": "1"})

    exhibit.refresh_from_db()
    assert (response.status_code, exhibit.status) == (403, "submitted")


def test_review_transition_applies_the_workflows_role_check(client, exhibit_in):
    # The admin's change right is not enough: the workflow wants a curator.
    editor = factories.UserFactory(is_staff=True)
    editor.user_permissions.set(
        Permission.objects.filter(codename__in=["view_exhibit", "change_exhibit"])
    )
    client.force_login(editor)
    exhibit = exhibit_in("submitted")

    response = client.post(transition_url(exhibit, "start_review"), {"version": "1"})

    exhibit.refresh_from_db()
    # The workflow lets only curators and the exhibit's departments see it at all.
    assert messages_of(response) == [("error", "No such exhibit.")]
    assert exhibit.status == "submitted"


def test_review_transition_sends_a_submitter_to_sign_in(client, coordinator, exhibit_in):
    client.force_login(coordinator)
    exhibit = exhibit_in("submitted")
    url = transition_url(exhibit, "start_review")

    response = client.post(url, {"version": "1"})

    exhibit.refresh_from_db()
    assert (response.status_code, response["Location"]) == (
        302,
        f"{reverse('admin:login')}?next={url}",
    )
    assert exhibit.status == "submitted"


@pytest.mark.parametrize(("action", "asks_message"), [("start_review", False), ("decline", True)])
def test_review_transition_get_confirms_and_changes_nothing(
    signed_in, exhibit_in, action, asks_message
):
    exhibit = exhibit_in("submitted", version=3)

    response = signed_in.get(transition_url(exhibit, action), {"version": "3"})

    exhibit.refresh_from_db()
    html = response.content.decode()
    assert response.status_code == 200
    assert response.templates[0].name == "admin/exhibits/exhibit/transition_confirm.html"
    assert response.context["form"]["version"].value() == 3
    assert ("message" in response.context["form"].fields) is asks_message
    assert ('name="message"' in html) is asks_message
    assert "“HA Go” (Department" in html and "goes from <strong>Submitted</strong>" in html
    assert (exhibit.status, exhibit.version, exhibit.history.count()) == ("submitted", 3, 1)


def test_review_transition_get_of_an_impossible_move_goes_back(signed_in, exhibit_in):
    exhibit = exhibit_in("draft")

    response = signed_in.get(transition_url(exhibit, "publish"))

    assert (response.status_code, response["Location"]) == (302, change_url(exhibit))
    assert messages_of(response) == [
        ("error", "“Publish” is not possible while the exhibit is “Draft”.")
    ]


def test_review_transition_refuses_other_methods(signed_in, exhibit_in):
    exhibit = exhibit_in("submitted")

    response = signed_in.put(transition_url(exhibit, "start_review"))

    exhibit.refresh_from_db()
    assert (response.status_code, response["Allow"], exhibit.status) == (
        405,
        "GET, POST",
        "submitted",
    )


def test_review_transition_is_csrf_protected(curator, exhibit_in):
    client = Client(enforce_csrf_checks=True)
    client.force_login(curator)
    exhibit = exhibit_in("submitted")

    response = client.post(transition_url(exhibit, "start_review"), {"version": "1"})

    exhibit.refresh_from_db()
    assert (response.status_code, exhibit.status) == (403, "submitted")


def test_review_transition_unknown_action_is_404(signed_in, exhibit_in):
    exhibit = exhibit_in("submitted")

    response = signed_in.post(transition_url(exhibit, "teleport"), {"version": "1"})

    assert response.status_code == 404


# -- bulk publish ----------------------------------------------------------------------------


def test_review_bulk_publish_publishes_only_approved_with_zone(
    signed_in, curator, edition, zones, department
):
    ready = [
        factories.ExhibitFactory(
            edition=edition,
            lead_department=department,
            zone=zones[0],
            title_en=title,
            status="approved",
        )
        for title in ("Alpha", "Bravo")
    ]
    no_zone = factories.ExhibitFactory(
        edition=edition, lead_department=department, title_en="Charlie", status="approved"
    )
    in_review = factories.ExhibitFactory(
        edition=edition,
        lead_department=department,
        zone=zones[1],
        title_en="Delta",
        status="in_review",
    )
    chosen = [*ready, no_zone, in_review]

    response = signed_in.post(
        CHANGELIST,
        {"action": "publish_selected", "_selected_action": [str(e.pk) for e in chosen]},
    )

    statuses = dict(Exhibit.objects.values_list("title_en", "status"))
    assert response.status_code == 302
    assert statuses == {
        "Alpha": "published",
        "Bravo": "published",
        "Charlie": "approved",
        "Delta": "in_review",
    }
    assert {e.history.latest("history_date").history_user for e in ready} == {curator}
    assert messages_of(response) == [
        ("success", "Published 2 exhibit(s): Alpha, Bravo."),
        (
            "warning",
            "Not published: “Charlie” — Assign a zone before publishing. Missing: zone.",
        ),
        (
            "warning",
            "Not published: “Delta” — “Publish” is not possible while the exhibit is “In review”.",
        ),
    ]


# -- comments --------------------------------------------------------------------------------


def test_review_comment_appears_in_the_thread(signed_in, curator, coordinator, exhibit_in):
    exhibit = exhibit_in("in_review")
    exhibit_comment_add(exhibit=exhibit, user=coordinator, body="Which zone suits us?")

    response = signed_in.post(comment_url(exhibit), {"body": "  Smart Living.\nSee you.  "})

    page = signed_in.get(change_url(exhibit))
    html = page.content.decode()
    assert (response.status_code, response["Location"]) == (
        302,
        change_url(exhibit) + "#review-thread",
    )
    assert messages_of(response) == [("success", "Comment added.")]
    assert list(exhibit.comments.values_list("author", "body", "by_curator")) == [
        (coordinator.pk, "Which zone suits us?", False),
        (curator.pk, "Smart Living.\nSee you.", True),
    ]
    assert [c.body for c in page.context["review"]["comments"]] == [
        "Which zone suits us?",
        "Smart Living.\nSee you.",
    ]
    assert "Smart Living.<br>See you." in html
    assert html.index("Which zone suits us?") < html.index("Smart Living.<br>See you.")


def test_review_comment_mails_the_department(
    signed_in, coordinator, exhibit_in, django_capture_on_commit_callbacks
):
    exhibit = exhibit_in("in_review")

    with django_capture_on_commit_callbacks(execute=True):
        signed_in.post(comment_url(exhibit), {"body": "Smart Living suits you."})

    assert [m.to for m in mail.outbox] == [[coordinator.email]]
    assert "Smart Living suits you." in mail.outbox[0].body


@pytest.mark.parametrize("body", ["", "   "])
def test_review_comment_refuses_an_empty_message(signed_in, exhibit_in, body):
    exhibit = exhibit_in("in_review")

    response = signed_in.post(comment_url(exhibit), {"body": body})

    assert response.status_code == 302
    assert messages_of(response) == [("error", "This field is required.")]
    assert ExhibitComment.objects.count() == 0


def test_review_comment_refuses_get(signed_in, exhibit_in):
    exhibit = exhibit_in("in_review")

    response = signed_in.get(comment_url(exhibit), {"body": "Hello"})

    assert (response.status_code, ExhibitComment.objects.count()) == (405, 0)


def test_review_comment_refuses_staff_outside_curators(client, exhibit_in):
    client.force_login(factories.UserFactory(is_staff=True))
    exhibit = exhibit_in("in_review")

    response = client.post(comment_url(exhibit), {"body": "Hello"})

    assert (response.status_code, ExhibitComment.objects.count()) == (403, 0)


# -- status history --------------------------------------------------------------------------


def test_review_status_history_shows_only_changes_of_status(
    signed_in, curator, exhibit_in, django_capture_on_commit_callbacks
):
    exhibit = exhibit_in("submitted")
    with django_capture_on_commit_callbacks(execute=True):
        exhibit = exhibit_transition(exhibit=exhibit, action="start_review", user=curator)
        exhibit.summary_en = "Edited while in review."  # a save that keeps the status
        exhibit.save()
        exhibit = exhibit_transition(
            exhibit=exhibit, action="request_changes", user=curator, message="Shorter, please."
        )

    response = signed_in.get(change_url(exhibit))

    changes = response.context["review"]["status_changes"]
    assert [(c.status, c.user, c.reason) for c in changes] == [
        ("submitted", None, ""),
        ("in_review", curator, "start_review: Start review"),
        ("changes_requested", curator, "request_changes: Request changes — Shorter, please."),
    ]
    html = response.content.decode()
    table = html[html.index('id="review-history"') :]
    rows = re.findall(r"<tr>\s*<td>.*?</tr>", table, flags=re.S)
    cells = [re.findall(r"<td>(.*?)</td>", row, flags=re.S) for row in rows]
    assert [row[1:] for row in cells] == [
        ["Submitted", "—", "—"],
        ["In review", curator.username, "start_review: Start review"],
        [
            "Changes requested",
            curator.username,
            "request_changes: Request changes — Shorter, please.",
        ],
    ]


# -- the queue -------------------------------------------------------------------------------


@pytest.fixture
def queue(edition, department):
    """Exhibits that have waited for different times, and two that wait for nobody."""
    now = timezone.now()

    def make(title, status, days):
        return factories.ExhibitFactory(
            edition=edition,
            lead_department=department,
            title_en=title,
            status=status,
            status_changed_at=now - dt.timedelta(days=days, hours=1),
        )

    return {
        "fresh": make("Fresh", "submitted", 0),
        "week": make("Week", "in_review", 3),
        "old": make("Old", "submitted", 9),
        "asked": make("Asked", "changes_requested", 8),
        "draft": make("Draft", "draft", 30),
        "approved": make("Approved", "approved", 20),
    }


def titles(response) -> list[str]:
    return [e.title_en for e in response.context["cl"].result_list]


@pytest.mark.parametrize(
    ("waiting", "expected"),
    [("lt2", ["Fresh"]), ("2to7", ["Week"]), ("gt7", ["Old", "Asked"]), ("nonsense", [])],
)
def test_review_queue_waiting_filter(signed_in, queue, waiting, expected):
    response = signed_in.get(CHANGELIST, {"waiting": waiting})

    # The longest-waiting first.
    assert titles(response) == expected


def test_review_queue_puts_the_longest_waiting_first(signed_in, queue):
    response = signed_in.get(REVIEW_QUEUE)

    assert titles(response) == ["Old", "Week", "Fresh"]
    assert [
        re.sub(r"\s+", " ", cell)
        for cell in re.findall(
            r'<td class="field-waiting_for">(.*?)</td>', response.content.decode()
        )
    ] == ["1 week", "3 days", "1 hour"]


def test_review_queue_sorted_by_status_filter_too(signed_in, queue):
    response = signed_in.get(CHANGELIST, {"status__exact": "submitted"})

    assert titles(response) == ["Old", "Fresh"]


def test_review_queue_column_sort_wins_over_waiting_order(signed_in, queue):
    title_column = 2  # checkbox 0, thumbnail 1, title 2
    response = signed_in.get(REVIEW_QUEUE + f"&o={title_column}")

    assert titles(response) == ["Fresh", "Old", "Week"]


def test_review_queue_waiting_column_is_empty_when_nobody_waits(signed_in, queue):
    response = signed_in.get(CHANGELIST, {"status__exact": "approved"})

    assert re.findall(r'<td class="field-waiting_for">(.*?)</td>', response.content.decode()) == [
        "—"
    ]


def test_review_queue_is_linked_from_the_index_and_the_changelist(signed_in, queue):
    index = signed_in.get(reverse("admin:index")).content.decode()
    changelist = signed_in.get(CHANGELIST).content.decode()

    assert f'<a href="{QUEUE_PAGE}"' in changelist
    assert f'<a href="{QUEUE_PAGE}" class="section">Review queue: 3 wait for a decision</a>' in (
        index
    )
    module = index[index.index('id="review-queue-module"') :]
    rows = re.findall(r'<a href="[^"]+">([^<]+)</a></th>\s*<td>(\d+)</td>', module)
    assert rows == [
        ("Submitted", "2"),
        ("In review", "1"),
        ("Changes requested", "1"),
        ("Changes to published exhibits", "0"),
    ]


def submitted_revision(exhibit: Exhibit, *, days: int, status: str = "submitted"):
    """Changes to a published exhibit, submitted ``days`` (and an hour) ago."""
    return ExhibitRevision.objects.create(
        exhibit=exhibit,
        number=exhibit.revisions.count() + 1,
        status=status,
        base_version=exhibit.version,
        submitted_at=timezone.now() - dt.timedelta(days=days, hours=1),
    )


@pytest.fixture
def queue_with_changes(queue, edition, zones, department):
    """The queue's exhibits, and departments' changes to two published exhibits: one
    submitted five days ago, one still a draft (waiting for the department, not for us)."""
    weather = factories.PublishedExhibitFactory(
        edition=edition, lead_department=department, zone=zones[1], title_en="Weather"
    )
    kiosk = factories.PublishedExhibitFactory(
        edition=edition, lead_department=department, zone=zones[0], title_en="Kiosk"
    )
    return {
        **queue,
        "changes": submitted_revision(weather, days=5),
        "draft_changes": submitted_revision(kiosk, days=6, status="draft"),
    }


def queue_rows(html: str) -> list[tuple[str, str, str]]:
    """(title, waiting for, what waits) of each row of the review queue page."""
    table = html[html.index("<tbody>") : html.index("</tbody>")]
    return [
        (title, re.sub(r"\s+", " ", waiting), what)
        for title, waiting, what in re.findall(
            r'<th scope="row"><a href="[^"]+">([^<]+)</a></th>\s*'
            r"<td><time[^>]*>([^<]+)</time></td>\s*<td>([^<]+)</td>",
            table,
        )
    ]


def test_review_queue_shows_exhibits_and_submitted_changes_longest_waiting_first(
    signed_in, queue_with_changes
):
    response = signed_in.get(QUEUE_PAGE)

    html = response.content.decode()
    changes = queue_with_changes["changes"]
    assert response.status_code == 200
    assert queue_rows(html) == [
        ("Old", "1 week, 2 days", "Submitted"),
        ("Weather", "5 days, 1 hour", "Changes #1 submitted"),
        ("Week", "3 days, 1 hour", "In review"),
        ("Fresh", "1 hour", "Submitted"),
    ]
    revision_link = reverse("admin:exhibits_exhibitrevision_change", args=[changes.pk])
    assert f'<th scope="row"><a href="{revision_link}">Weather</a></th>' in html
    old_link = change_url(queue_with_changes["old"])
    assert f'<th scope="row"><a href="{old_link}">Old</a></th>' in html


def test_review_queue_counts_on_the_index_and_dashboard_agree_with_the_page(
    signed_in, queue_with_changes
):
    page = signed_in.get(QUEUE_PAGE).content.decode()
    index = signed_in.get(reverse("admin:index"))
    html = index.content.decode()

    assert len(queue_rows(page)) == 4
    assert f'<a href="{QUEUE_PAGE}" class="section">Review queue: 4 wait for a decision</a>' in (
        html
    )
    module = html[html.index('id="review-queue-module"') :]
    rows = dict(re.findall(r'<a href="[^"]+">([^<]+)</a></th>\s*<td>(\d+)</td>', module))
    assert rows["Changes to published exhibits"] == "1"
    dashboard = html[html.index('id="dashboard-waiting"') :]
    assert re.findall(r'<th scope="row">([^<]+)</th><td><a href="[^"]+">(\d+)</a></td>', dashboard)[
        :2
    ] == [("Exhibits waiting for review", "3"), ("Changes to published exhibits", "1")]


def test_review_queue_is_empty_when_nothing_waits(signed_in, db):
    response = signed_in.get(QUEUE_PAGE)

    assert "Nothing waits for a decision." in response.content.decode()
    assert response.context["entries"] == []


def test_review_queue_page_refuses_staff_without_the_view_right(client, queue):
    client.force_login(factories.UserFactory(is_staff=True))

    response = client.get(QUEUE_PAGE)

    assert response.status_code == 403


def test_review_queue_page_sends_a_coordinator_to_sign_in(client, coordinator, queue):
    client.force_login(coordinator)

    response = client.get(QUEUE_PAGE)

    assert (response.status_code, response["Location"]) == (
        302,
        f"{reverse('admin:login')}?next={QUEUE_PAGE}",
    )


def test_review_queue_hidden_from_staff_outside_curators(client, queue):
    client.force_login(factories.UserFactory(is_staff=True))

    index = client.get(reverse("admin:index")).content.decode()

    assert "review-queue-module" not in index


# -- query counts ----------------------------------------------------------------------------


# The review queue is the exhibit changelist filtered by status: the same 16 queries as
# tests/test_admin.py pins for it (4 + five filters' choices + 2 counts + the editable
# zone column's choices + rows + images + 2 date hierarchy). The waiting column and the
# waiting order read an annotation of the rows' own query.
REVIEW_QUEUE_QUERIES = 16


@pytest.mark.parametrize("rows", [2, 12])
def test_review_queue_queries_do_not_grow_with_rows(
    signed_in, edition, zones, django_assert_num_queries, rows
):
    for i in range(rows):
        exhibit = factories.ExhibitFactory(
            edition=edition,
            zone=zones[i % 2],
            status="submitted" if i % 2 else "in_review",
            status_changed_at=timezone.now() - dt.timedelta(days=i),
        )
        factories.ExhibitImageFactory(exhibit=exhibit)

    with django_assert_num_queries(REVIEW_QUEUE_QUERIES):
        response = signed_in.get(REVIEW_QUEUE)

    assert len(response.context["cl"].result_list) == rows


# The review queue page, whatever the number of exhibits and changes waiting: session,
# user, the user's and the groups' permissions, then the waiting exhibits and the
# submitted revisions (each with its edition, department and zones joined).
QUEUE_PAGE_QUERIES = 6


@pytest.mark.parametrize("rows", [1, 6])
def test_review_queue_page_queries_do_not_grow_with_rows(
    signed_in, edition, zones, department, django_assert_num_queries, rows
):
    for i in range(rows):
        factories.ExhibitFactory(
            edition=edition, zone=zones[i % 2], status="submitted" if i % 2 else "in_review"
        )
        published = factories.PublishedExhibitFactory(edition=edition, zone=zones[i % 2])
        submitted_revision(published, days=i)

    with django_assert_num_queries(QUEUE_PAGE_QUERIES):
        response = signed_in.get(QUEUE_PAGE)

    assert len(response.context["entries"]) == 2 * rows


# The exhibit's change page, whatever the number of partners, technologies, images, links,
# prizes, comments and status changes, and whatever its status:
#  4 session, user, the user's and the groups' permissions
#  2 the exhibit (edition, zone, booth, lead department joined), its images (prefetched
#    for the changelist's thumbnails)
#  2 the form's initial partners and technologies
#  1 the award choices of the prizes inline (evaluated once for all rows)
#  4 the inlines' rows: images, links, prizes (award joined), demonstrations
#  2 who the user is to the workflow: the curators group, the memberships
#  1 the thread with its authors
#  1 the status history with its users
#  5 the selects rendered: lead department and partners (chosen only), the edition's
#    zones, its free booths, the technologies chosen
CHANGE_PAGE_QUERIES = 22


@pytest.mark.parametrize("rows", [1, 4])
def test_review_change_page_queries_do_not_grow_with_rows(
    signed_in, curator, coordinator, exhibit_in, django_assert_num_queries, rows
):
    exhibit = exhibit_in("submitted")
    exhibit.partner_departments.set(factories.DepartmentFactory.create_batch(rows))
    exhibit.technologies.set(factories.TechnologyFactory.create_batch(rows))
    for _i in range(rows):
        factories.ExhibitImageFactory(exhibit=exhibit)
        factories.ExhibitLinkFactory(exhibit=exhibit)
        factories.RecognitionFactory(exhibit=exhibit)
        exhibit_comment_add(exhibit=exhibit, user=coordinator, body="A question.")
        exhibit_comment_add(exhibit=exhibit, user=curator, body="An answer.")
    exhibit = exhibit_transition(exhibit=exhibit, action="start_review", user=curator)
    if rows > 1:
        exhibit = exhibit_transition(
            exhibit=exhibit, action="request_changes", user=curator, message="More."
        )
    # Django caches content types for the process: production pages find them cached.
    ContentType.objects.get_for_model(Exhibit)

    with django_assert_num_queries(CHANGE_PAGE_QUERIES):
        response = signed_in.get(change_url(exhibit))

    assert len(response.context["review"]["comments"]) == 2 * rows
