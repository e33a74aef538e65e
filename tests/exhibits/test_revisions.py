"""Revisions of published exhibits (exhibits.revisions): the small workflow, what approval
applies, what rejection leaves alone, staged image files, the difference, the refusals."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from exhibits.models import Exhibit, ExhibitImage, ExhibitRevision
from exhibits.revisions import (
    exhibit_snapshot,
    revision_approve,
    revision_diff,
    revision_preview,
    revision_reject,
    revision_start,
    revision_start_or_continue,
    revision_submit,
    revision_update,
    revision_withdraw,
)
from exhibits.workflow import (
    Conflict,
    ExhibitNotFound,
    InvalidRequest,
    NotAllowed,
    StaleVersion,
    exhibit_transition,
)
from tests import factories
from tests.exhibits.revision_scene import build_scene, media_files

pytestmark = pytest.mark.django_db
R = ExhibitRevision.Status


@pytest.fixture
def scene(edition):
    return build_scene(edition=edition)


def texts_of(entry: dict) -> dict:
    return {key: value for key, value in entry.items() if key not in ("id", "new")}


def every_kind_of_change(scene, revision) -> ExhibitRevision:
    """Texts in three languages, technologies, partners, links, and images: one added
    first, one removed, one re-described (alt text in two languages)."""
    second = scene.images[1]
    return revision_update(
        revision=revision,
        user=scene.editor,
        expected_version=revision.version,
        data={
            "title_en": "Smart Drainage Monitoring 2.0",
            "summary_zh_hant": "感應器監察渠道，提早三小時警告。",  # noqa: RUF001
            "demo_notes_zh_hans": "每日 11:00 现场示范。",
        },
        technologies=[scene.technologies["ai"], scene.technologies["iot"]],
        partner_departments=[],
        links=[
            {
                "url": "https://www.dsd.gov.hk/EN/",
                "label_en": "DSD website",
                "label_zh_hant": "網站",
            },
            {"url": "https://www.hko.gov.hk/", "label_en": "Observatory"},
        ],
        images=[
            {
                "upload": factories.jpeg_bytes(480, 320, (200, 30, 30)),
                "alt_text_en": "A flood warning on a phone.",
                "alt_text_zh_hant": "手機上的水浸警告。",
                "credit": "DSD",
            },
            {
                "id": second.pk,
                "alt_text_en": "The new control room dashboard.",
                "alt_text_zh_hant": "新的控制室儀表板。",
                "alt_text_zh_hans": "新的控制室仪表板。",
                "credit": second.credit,
            },
        ],
    )


# --- starting ---------------------------------------------------------------------------


def test_revision_start_copies_the_live_content(scene):
    revision = revision_start(exhibit=scene.exhibit, user=scene.editor)

    assert (revision.number, revision.status, revision.base_version, revision.version) == (
        1,
        R.DRAFT,
        scene.exhibit.version,
        1,
    )
    assert revision.base == revision.changes == exhibit_snapshot(scene.exhibit)
    assert revision.base["technologies"] == ["iot"]
    assert revision.base["partner_departments"] == ["hko"]
    assert revision.base["links"] == [
        {
            "url": "https://www.dsd.gov.hk/",
            "label_en": "DSD",
            "label_zh_hant": "渠務署",
            "label_zh_hans": "",
        }
    ]
    assert [entry["id"] for entry in revision.base["images"]] == [i.pk for i in scene.images]
    assert revision.created_by == scene.editor
    assert revision_diff(revision) == []


def test_revision_start_of_an_unpublished_exhibit_is_refused(scene):
    exhibit_transition(
        exhibit=scene.exhibit, action="unpublish", user=scene.curator, message="Typo."
    )

    with pytest.raises(Conflict) as refused:
        revision_start(exhibit=scene.exhibit, user=scene.editor)

    assert (refused.value.status, refused.value.code) == (409, "not_published")
    assert ExhibitRevision.objects.count() == 0


def test_revision_start_second_open_revision_is_refused(scene):
    revision_start(exhibit=scene.exhibit, user=scene.editor)

    with pytest.raises(Conflict) as refused:
        revision_start(exhibit=scene.exhibit, user=scene.coordinator)

    assert (refused.value.status, refused.value.code) == (409, "revision_open")
    assert ExhibitRevision.objects.count() == 1


def test_revision_open_constraint_holds_in_the_database(scene):
    first = revision_start(exhibit=scene.exhibit, user=scene.editor)

    with pytest.raises(IntegrityError), transaction.atomic():
        ExhibitRevision.objects.create(
            exhibit=scene.exhibit, number=2, base_version=1, status=R.SUBMITTED
        )
    # Closed revisions do not count: another may start after one is withdrawn.
    revision_withdraw(revision=first, user=scene.coordinator)
    second = revision_start(exhibit=scene.exhibit, user=scene.editor)
    assert (second.number, second.status) == (2, R.DRAFT)


def test_revision_start_or_continue_returns_the_open_draft(scene):
    first = revision_start_or_continue(exhibit=scene.exhibit, user=scene.editor)
    again = revision_start_or_continue(exhibit=scene.exhibit, user=scene.coordinator)

    assert again.pk == first.pk
    assert ExhibitRevision.objects.count() == 1


def test_revision_start_or_continue_submitted_revision_is_409(scene):
    revision = every_kind_of_change(scene, revision_start(exhibit=scene.exhibit, user=scene.editor))
    revision_submit(revision=revision, user=scene.coordinator)

    with pytest.raises(Conflict) as refused:
        revision_start_or_continue(exhibit=scene.exhibit, user=scene.editor)

    assert (refused.value.status, refused.value.code) == (409, "revision_open")
    assert ExhibitRevision.objects.count() == 1


@pytest.mark.parametrize(
    ("who", "error"),
    [("partner_member", NotAllowed), ("outsider", ExhibitNotFound), ("curator", NotAllowed)],
)
def test_revision_start_by_others_is_refused(scene, who, error):
    with pytest.raises(error):
        revision_start(exhibit=scene.exhibit, user=getattr(scene, who))

    assert ExhibitRevision.objects.count() == 0


# --- editing a draft ----------------------------------------------------------------------


def test_revision_update_changes_only_the_revision(scene):
    live_before = exhibit_snapshot(scene.exhibit)
    version_before = scene.exhibit.version
    revision = revision_start(exhibit=scene.exhibit, user=scene.editor)

    revision = revision_update(
        revision=revision,
        user=scene.editor,
        expected_version=1,
        data={"summary_en": "  Sensors warn three hours before floods.  "},
    )

    assert revision.changes["summary_en"] == "Sensors warn three hours before floods."
    assert (revision.version, revision.updated_by) == (2, scene.editor)
    scene.exhibit.refresh_from_db()
    assert (scene.exhibit.version, exhibit_snapshot(scene.exhibit)) == (
        version_before,
        live_before,
    )


def test_revision_update_stages_uploaded_images_outside_the_exhibit(scene, media_root):
    files_before = media_files()
    revision = revision_start(exhibit=scene.exhibit, user=scene.editor)

    revision = every_kind_of_change(scene, revision)

    staged = revision.changes["images"][0]["new"]
    assert set(staged) == {"key", "image", "width", "height", "renditions"}
    assert (staged["width"], staged["height"]) == (480, 320)
    assert media_files() - files_before == set(revision.staged_names)
    assert len(revision.staged_names) == 5  # the original, 2 widths in 2 formats
    assert not ExhibitImage.objects.filter(image=staged["image"]).exists()
    assert ExhibitImage.objects.filter(exhibit=scene.exhibit).count() == 2


def test_revision_update_dropping_a_staged_image_deletes_its_files_on_commit(
    scene, media_root, django_capture_on_commit_callbacks
):
    revision = every_kind_of_change(scene, revision_start(exhibit=scene.exhibit, user=scene.editor))
    staged = set(revision.staged_names)

    with django_capture_on_commit_callbacks(execute=True):
        revision = revision_update(
            revision=revision,
            user=scene.editor,
            images=[{"id": scene.images[1].pk}],
        )

    assert revision.staged_names == []
    assert staged & media_files() == set()


def test_revision_update_keeps_a_staged_image_by_its_key(scene):
    revision = every_kind_of_change(scene, revision_start(exhibit=scene.exhibit, user=scene.editor))
    staged = revision.changes["images"][0]

    revision = revision_update(
        revision=revision,
        user=scene.editor,
        images=[
            {"id": scene.images[1].pk},
            {"key": staged["new"]["key"], "caption_en": "Warnings reach phones."},
        ],
    )

    kept = revision.changes["images"][1]
    assert kept["new"] == staged["new"]
    assert (kept["alt_text_en"], kept["caption_en"]) == (
        "A flood warning on a phone.",
        "Warnings reach phones.",
    )


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"data": {"title_en": ""}}, "title_en"),
        ({"data": {"summary_en": "x" * 601}}, "summary_en"),
        ({"data": {"proposed_zone": None}}, "proposed_zone"),
        ({"data": {"slug": "new-address"}}, "__all__"),
        ({"links": [{"url": "javascript:alert(1)", "label_en": "Bad"}]}, "links"),
        ({"links": [{"url": "https://www.gov.hk/", "label_en": ""}]}, "links"),
        ({"images": [{"id": 999999}]}, "images"),
        ({"images": [{"key": "not-staged"}]}, "images"),
        ({"images": [{"upload": b"<html>not an image</html>", "alt_text_en": "A"}]}, "images"),
        ({"images": [{"upload": factories.jpeg_bytes(64, 48), "alt_text_en": ""}]}, "images"),
    ],
)
def test_revision_update_bad_input_changes_nothing(scene, media_root, changes, field):
    revision = revision_start(exhibit=scene.exhibit, user=scene.editor)
    files_before = media_files()

    with pytest.raises(ValidationError) as refused:
        revision_update(revision=revision, user=scene.editor, **changes)

    assert field in refused.value.message_dict
    revision.refresh_from_db()
    assert (revision.version, revision.changes) == (1, revision.base)
    assert media_files() == files_before


def test_revision_update_partner_cannot_be_the_lead(scene):
    revision = revision_start(exhibit=scene.exhibit, user=scene.editor)

    with pytest.raises(ValidationError) as refused:
        revision_update(
            revision=revision, user=scene.editor, partner_departments=[scene.department]
        )

    assert list(refused.value.message_dict) == ["partner_departments"]


def test_revision_update_stale_version_is_refused(scene):
    revision = revision_start(exhibit=scene.exhibit, user=scene.editor)
    revision_update(revision=revision, user=scene.coordinator, data={"title_zh_hant": "新"})

    with pytest.raises(StaleVersion):
        revision_update(
            revision=revision, user=scene.editor, expected_version=1, data={"title_en": "Old"}
        )

    revision.refresh_from_db()
    assert (revision.version, revision.changes["title_en"]) == (2, "Smart Drainage Monitoring")


def test_revision_update_after_submission_is_read_only(scene):
    revision = every_kind_of_change(scene, revision_start(exhibit=scene.exhibit, user=scene.editor))
    revision_submit(revision=revision, user=scene.coordinator)

    with pytest.raises(Conflict) as refused:
        revision_update(revision=revision, user=scene.coordinator, data={"title_en": "Later"})

    assert refused.value.code == "read_only"


@pytest.mark.parametrize(
    ("who", "error"), [("partner_member", NotAllowed), ("outsider", ExhibitNotFound)]
)
def test_revision_update_by_others_is_refused(scene, who, error):
    revision = revision_start(exhibit=scene.exhibit, user=scene.editor)

    with pytest.raises(error):
        revision_update(revision=revision, user=getattr(scene, who), data={"title_en": "Mine"})

    revision.refresh_from_db()
    assert revision.version == 1


# --- submitting and withdrawing ----------------------------------------------------------


def test_revision_submit_by_the_coordinator_tells_the_curators(
    scene, django_capture_on_commit_callbacks
):
    revision = every_kind_of_change(scene, revision_start(exhibit=scene.exhibit, user=scene.editor))

    with django_capture_on_commit_callbacks(execute=True):
        revision = revision_submit(
            revision=revision, user=scene.coordinator, note="New version of the service."
        )

    assert (revision.status, revision.submitted_by, revision.note) == (
        R.SUBMITTED,
        scene.coordinator,
        "New version of the service.",
    )
    assert revision.submitted_at is not None
    assert [m.to for m in mail.outbox] == [[scene.curator.email]]
    assert "changes #1 submitted" in mail.outbox[0].subject
    assert "New version of the service." in mail.outbox[0].body
    assert f"/admin/exhibits/exhibitrevision/{revision.pk}/change/" in mail.outbox[0].body


def test_revision_submit_by_an_editor_is_refused(scene):
    revision = every_kind_of_change(scene, revision_start(exhibit=scene.exhibit, user=scene.editor))

    with pytest.raises(NotAllowed):
        revision_submit(revision=revision, user=scene.editor)

    revision.refresh_from_db()
    assert revision.status == R.DRAFT


def test_revision_submit_without_changes_is_refused(scene):
    revision = revision_start(exhibit=scene.exhibit, user=scene.editor)

    with pytest.raises(Conflict) as refused:
        revision_submit(revision=revision, user=scene.coordinator)

    assert refused.value.code == "no_changes"


def test_revision_submit_incomplete_proposal_names_what_is_missing(scene):
    revision = revision_start(exhibit=scene.exhibit, user=scene.editor)
    revision_update(revision=revision, user=scene.editor, data={"summary_zh_hant": ""}, images=[])

    with pytest.raises(Conflict) as refused:
        revision_submit(revision=revision, user=scene.coordinator)

    assert (refused.value.code, refused.value.missing) == (
        "incomplete",
        ["summary_zh_hant", "images"],
    )


def test_revision_withdraw_deletes_staged_files_and_leaves_the_exhibit(
    scene, media_root, django_capture_on_commit_callbacks
):
    live_before = exhibit_snapshot(scene.exhibit)
    revision = every_kind_of_change(scene, revision_start(exhibit=scene.exhibit, user=scene.editor))
    revision_submit(revision=revision, user=scene.coordinator)
    staged = set(revision.staged_names)

    with django_capture_on_commit_callbacks(execute=True):
        revision = revision_withdraw(revision=revision, user=scene.coordinator)

    assert (revision.status, revision.decided_by) == (R.WITHDRAWN, scene.coordinator)
    assert staged & media_files() == set()
    scene.exhibit.refresh_from_db()
    assert exhibit_snapshot(scene.exhibit) == live_before
    # The curators had it in their queue: they are told.
    assert [m.to for m in mail.outbox] == [[scene.curator.email]]


def test_revision_withdraw_by_an_editor_is_refused(scene):
    revision = revision_start(exhibit=scene.exhibit, user=scene.editor)

    with pytest.raises(NotAllowed):
        revision_withdraw(revision=revision, user=scene.editor)


def test_revision_withdraw_after_a_decision_is_refused(scene):
    revision = every_kind_of_change(scene, revision_start(exhibit=scene.exhibit, user=scene.editor))
    revision_submit(revision=revision, user=scene.coordinator)
    revision_reject(revision=revision, user=scene.curator, message="Not now.")

    with pytest.raises(Conflict) as refused:
        revision_withdraw(revision=revision, user=scene.coordinator)

    assert refused.value.code == "wrong_state"


def test_unpublishing_withdraws_the_open_revision(
    scene, media_root, django_capture_on_commit_callbacks
):
    revision = every_kind_of_change(scene, revision_start(exhibit=scene.exhibit, user=scene.editor))
    revision_submit(revision=revision, user=scene.coordinator)
    staged = set(revision.staged_names)

    with django_capture_on_commit_callbacks(execute=True):
        exhibit_transition(
            exhibit=scene.exhibit, action="unpublish", user=scene.curator, message="Wrong zone."
        )

    revision.refresh_from_db()
    assert (revision.status, revision.decided_by, revision.decision_message) == (
        R.WITHDRAWN,
        scene.curator,
        "Withdrawn: the exhibit was unpublished. Wrong zone.",
    )
    assert staged & media_files() == set()


def test_deleting_the_exhibit_deletes_an_open_revisions_staged_files(
    scene, media_root, django_capture_on_commit_callbacks
):
    revision = every_kind_of_change(scene, revision_start(exhibit=scene.exhibit, user=scene.editor))
    staged = set(revision.staged_names)

    with django_capture_on_commit_callbacks(execute=True):
        scene.exhibit.delete()

    assert staged & media_files() == set()


# --- deciding -----------------------------------------------------------------------------


def submitted(scene) -> ExhibitRevision:
    revision = every_kind_of_change(scene, revision_start(exhibit=scene.exhibit, user=scene.editor))
    return revision_submit(revision=revision, user=scene.coordinator, note="Version 2.0.")


def test_revision_approve_applies_every_kind_of_change(
    scene, media_root, django_capture_on_commit_callbacks
):
    revision = submitted(scene)
    staged = revision.changes["images"][0]["new"]
    first, second = scene.images
    first_files = set(first.stored_names)
    version_before = scene.exhibit.version

    with django_capture_on_commit_callbacks(execute=True):
        exhibit = revision_approve(revision=revision, user=scene.curator, message="Thanks.")

    exhibit = Exhibit.objects.get(pk=exhibit.pk)
    # Texts, in each language given; the address stays (QR codes carry it).
    assert (exhibit.title_en, exhibit.slug) == (
        "Smart Drainage Monitoring 2.0",
        "smart-drainage-monitoring",
    )
    assert exhibit.summary_zh_hant == "感應器監察渠道，提早三小時警告。"  # noqa: RUF001
    assert exhibit.demo_notes_zh_hans == "每日 11:00 现场示范。"
    assert exhibit.summary_en == "Sensors watch the drains and warn before floods."
    # Technologies, partners, links.
    assert sorted(t.slug for t in exhibit.technologies.all()) == ["ai", "iot"]
    assert list(exhibit.partner_departments.all()) == []
    assert [
        (link.url, link.label_en, link.label_zh_hant, link.order)
        for link in exhibit.links.order_by("order")
    ] == [
        ("https://www.dsd.gov.hk/EN/", "DSD website", "網站", 0),
        ("https://www.hko.gov.hk/", "Observatory", None, 1),
    ]
    # Images: the staged one added first (its files reused), the first removed (its
    # files gone), the second re-described and now second.
    images = list(exhibit.images.order_by("order", "pk"))
    assert [(image.image.name, image.order) for image in images] == [
        (staged["image"], 0),
        (second.image.name, 1),
    ]
    assert (images[0].alt_text_en, images[0].alt_text_zh_hant, images[0].credit) == (
        "A flood warning on a phone.",
        "手機上的水浸警告。",
        "DSD",
    )
    assert images[0].renditions == staged["renditions"]
    assert (images[1].alt_text_en, images[1].alt_text_zh_hant, images[1].alt_text_zh_hans) == (
        "The new control room dashboard.",
        "新的控制室儀表板。",
        "新的控制室仪表板。",
    )
    files = media_files()
    assert set(revision.staged_names) <= files
    assert first_files & files == set()
    # Version, history, the revision's decision, the e-mail to the department.
    assert exhibit.version == version_before + 1
    record = exhibit.history.order_by("-history_id").first()
    assert (record.history_user, record.history_change_reason, record.version) == (
        scene.curator,
        "revision #1 approved — Thanks.",
        exhibit.version,
    )
    revision.refresh_from_db()
    assert (revision.status, revision.decided_by, revision.decision_message) == (
        R.APPROVED,
        scene.curator,
        "Thanks.",
    )
    assert sorted(mail.outbox[-1].to) == sorted([scene.coordinator.email, scene.editor.email])
    assert "changes #1 approved" in mail.outbox[-1].subject
    assert "Thanks." in mail.outbox[-1].body


def test_revision_approve_keeps_a_curators_edit_made_meanwhile(scene):
    revision = submitted(scene)
    exhibit = scene.exhibit
    exhibit.description_en = "Fixed by the pavilion team."
    exhibit.version += 1
    exhibit.save()

    exhibit = revision_approve(revision=revision, user=scene.curator)

    exhibit.refresh_from_db()
    assert exhibit.description_en == "Fixed by the pavilion team."
    assert exhibit.title_en == "Smart Drainage Monitoring 2.0"


def test_revision_approve_reorders_images(scene):
    revision = revision_start(exhibit=scene.exhibit, user=scene.editor)
    first, second = scene.images
    revision_update(
        revision=revision, user=scene.editor, images=[{"id": second.pk}, {"id": first.pk}]
    )
    revision_submit(revision=revision, user=scene.coordinator)

    exhibit = revision_approve(revision=revision, user=scene.curator)

    assert [i.pk for i in exhibit.images.order_by("order", "pk")] == [second.pk, first.pk]


@pytest.mark.parametrize(
    ("who", "error"),
    [("coordinator", NotAllowed), ("partner_member", NotAllowed), ("outsider", ExhibitNotFound)],
)
def test_revision_approve_by_a_non_curator_is_refused(scene, who, error):
    revision = submitted(scene)

    with pytest.raises(error):
        revision_approve(revision=revision, user=getattr(scene, who))

    revision.refresh_from_db()
    assert revision.status == R.SUBMITTED


def test_revision_approve_of_a_draft_is_refused(scene):
    revision = revision_start(exhibit=scene.exhibit, user=scene.editor)

    with pytest.raises(Conflict) as refused:
        revision_approve(revision=revision, user=scene.curator)

    assert refused.value.code == "wrong_state"


def test_revision_reject_changes_nothing_and_deletes_staged_files(
    scene, media_root, django_capture_on_commit_callbacks
):
    live_before = exhibit_snapshot(scene.exhibit)
    version_before = scene.exhibit.version
    history_before = scene.exhibit.history.count()
    revision = submitted(scene)
    staged = set(revision.staged_names)
    assert staged <= media_files()

    with django_capture_on_commit_callbacks(execute=True):
        revision = revision_reject(
            revision=revision, user=scene.curator, message="Keep the old title."
        )

    scene.exhibit.refresh_from_db()
    assert exhibit_snapshot(scene.exhibit) == live_before
    assert (scene.exhibit.version, scene.exhibit.history.count()) == (
        version_before,
        history_before,
    )
    assert staged & media_files() == set()
    assert (revision.status, revision.decision_message) == (R.REJECTED, "Keep the old title.")
    assert sorted(mail.outbox[-1].to) == sorted([scene.coordinator.email, scene.editor.email])
    assert "Keep the old title." in mail.outbox[-1].body


def test_revision_reject_without_a_message_is_refused(scene):
    revision = submitted(scene)

    with pytest.raises(InvalidRequest) as refused:
        revision_reject(revision=revision, user=scene.curator, message="  ")

    assert (refused.value.status, refused.value.missing) == (400, ["message"])
    revision.refresh_from_db()
    assert revision.status == R.SUBMITTED


# --- the difference -----------------------------------------------------------------------


def test_revision_diff_lists_exactly_the_changed_fields(scene):
    revision = revision_start(exhibit=scene.exhibit, user=scene.editor)
    revision = revision_update(
        revision=revision,
        user=scene.editor,
        data={"title_zh_hant": "智慧渠務監測 2.0", "summary_en": scene.exhibit.summary_en},
        technologies=[scene.technologies["ai"]],
    )

    diff = revision_diff(revision)

    assert [(c.field, c.language, c.old, c.new) for c in diff] == [
        ("title", "zh_hant", "智慧渠務監測", "智慧渠務監測 2.0"),
        ("technologies", "", ["Internet of Things"], ["Artificial intelligence"]),
    ]
    assert (diff[1].removed_items, diff[1].added_items) == (
        ["Internet of Things"],
        ["Artificial intelligence"],
    )


def test_revision_diff_of_every_kind_of_change(scene):
    revision = every_kind_of_change(scene, revision_start(exhibit=scene.exhibit, user=scene.editor))
    first = scene.images[0]

    diff = revision_diff(revision)

    assert [(c.field, c.language, c.kind) for c in diff] == [
        ("title", "en", "changed"),
        ("summary", "zh_hant", "changed"),
        ("demo_notes", "zh_hans", "changed"),
        ("technologies", "", "changed"),
        ("partner_departments", "", "changed"),
        ("links", "", "changed"),
        ("images", "", "removed"),
        ("images", "", "added"),
        ("image.alt_text", "en", "changed"),
        ("image.alt_text", "zh_hant", "changed"),
        ("image.alt_text", "zh_hans", "changed"),
    ]
    removed, added = diff[6], diff[7]
    assert (removed.old, removed.new, removed.image_url) == (
        "A sensor in a drain.",
        None,
        first.thumbnail_url,
    )
    assert (added.old, added.new, added.label) == (
        None,
        "A flood warning on a phone.",
        "Image added (position 1)",
    )
    assert added.image_url.endswith("/480.jpg")
    assert diff[5].old == ["DSD · 渠務署 — https://www.dsd.gov.hk/"]
    assert diff[5].new == [
        "DSD website · 網站 — https://www.dsd.gov.hk/EN/",
        "Observatory — https://www.hko.gov.hk/",
    ]
    assert (diff[4].old, diff[4].new) == (["Hong Kong Observatory"], [])


def test_revision_diff_reordered_images(scene):
    revision = revision_start(exhibit=scene.exhibit, user=scene.editor)
    first, second = scene.images
    revision = revision_update(
        revision=revision, user=scene.editor, images=[{"id": second.pk}, {"id": first.pk}]
    )

    diff = revision_diff(revision)

    assert [(c.field, c.kind, c.old, c.new) for c in diff] == [
        (
            "images.order",
            "reordered",
            ["A sensor in a drain.", "The control room dashboard."],
            ["The control room dashboard.", "A sensor in a drain."],
        )
    ]


def test_revision_diff_ignores_what_the_live_exhibit_already_says(scene):
    revision = revision_start(exhibit=scene.exhibit, user=scene.editor)
    revision = revision_update(revision=revision, user=scene.editor, data={"title_en": "Same"})
    Exhibit.objects.filter(pk=scene.exhibit.pk).update(title_en="Same")

    assert revision_diff(ExhibitRevision.objects.get(pk=revision.pk)) == []


# --- the preview --------------------------------------------------------------------------


def test_revision_preview_is_an_unsaved_copy(scene):
    revision = every_kind_of_change(scene, revision_start(exhibit=scene.exhibit, user=scene.editor))

    preview = revision_preview(revision)

    assert preview["exhibit"].title_en == "Smart Drainage Monitoring 2.0"
    assert [image.alt_text_en for image in preview["images"]] == [
        "A flood warning on a phone.",
        "The new control room dashboard.",
    ]
    assert [t.slug for t in preview["technologies"]] == ["ai", "iot"]
    assert [link.url for link in preview["links"]] == [
        "https://www.dsd.gov.hk/EN/",
        "https://www.hko.gov.hk/",
    ]
    with pytest.raises(RuntimeError):
        preview["exhibit"].save()
    scene.exhibit.refresh_from_db()
    assert scene.exhibit.title_en == "Smart Drainage Monitoring"
