"""Changes to a published exhibit in the portal: the edit page fills a draft revision, the
public page stays byte for byte the same, submit and withdraw, the preview, the history."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from exhibits.models import Exhibit, ExhibitRevision
from exhibits.revisions import (
    exhibit_snapshot,
    revision_approve,
    revision_reject,
    revision_start,
    revision_submit,
    revision_update,
)
from exhibits.services import EXHIBIT_TEXT_COLUMNS
from tests import factories
from tests.exhibits.revision_scene import build_scene, media_files
from tests.portal.conftest import url
from tests.portal.helpers import management

pytestmark = pytest.mark.django_db
R = ExhibitRevision.Status


@pytest.fixture
def scene(edition, department, zone):
    return build_scene(edition=edition, department=department, zone=zone)


def revision_post(exhibit: Exhibit, revision: ExhibitRevision | None = None, **overrides):
    """The revision edit page's POST, as a browser sends it: the proposed content (the
    revision's, or the live exhibit's before any), an empty extra link and image row."""
    content = revision.changes if revision else exhibit_snapshot(exhibit)
    data: dict[str, object] = {column: content[column] for column in EXHIBIT_TEXT_COLUMNS}
    data["revision"] = str(revision.pk) if revision else ""
    data["version"] = str(revision.version if revision else exhibit.version)
    data["technologies"] = [
        str(pk)
        for pk in factories.TechnologyFactory._meta.model.objects.filter(
            slug__in=content["technologies"]
        ).values_list("pk", flat=True)
    ]
    data["partner_departments"] = [
        str(pk)
        for pk in exhibit.lead_department.__class__.objects.filter(
            slug__in=content["partner_departments"]
        ).values_list("pk", flat=True)
    ]
    links, images = content["links"], content["images"]
    data.update(management("links", total=len(links) + 1, initial=len(links)))
    for i, link in enumerate(links):
        data.update({f"links-{i}-{field}": value for field, value in link.items()})
        data[f"links-{i}-order"] = str(i)
    data.update(management("images", total=len(images) + 1, initial=len(images)))
    for i, entry in enumerate(images):
        key = f"id:{entry['id']}" if "id" in entry else f"new:{entry['new']['key']}"
        data[f"images-{i}-key"] = key
        data.update(
            {f"images-{i}-{field}": value for field, value in entry.items() if field != "new"}
        )
        data.pop(f"images-{i}-id", None)
        data[f"images-{i}-order"] = str(i)
    data.update(overrides)
    return data


def public_page(client, slug: str, prefix: str = "") -> bytes:
    """The live page as an anonymous visitor gets it."""
    client.logout()
    response = client.get(f"{prefix}/exhibits/{slug}/")
    assert response.status_code == 200
    return response.content


# --- the live page stays the same ------------------------------------------------------------


@pytest.mark.parametrize("prefix", ["", "/zh-hant", "/zh-hans"])
def test_live_page_is_byte_identical_while_a_revision_is_drafted_and_submitted(
    client, scene, prefix, media_root
):
    before = public_page(client, scene.exhibit.slug, prefix)
    client.force_login(scene.coordinator)
    data = revision_post(
        scene.exhibit,
        title_en="Smart Drainage Monitoring 2.0",
        title_zh_hant="智慧渠務監測 2.0",
        summary_zh_hans="感应器提早三小时警告。",
        **{
            "images-2-upload": SimpleUploadedFile(
                "new.jpg", factories.jpeg_bytes(480, 320), content_type="image/jpeg"
            ),
            "images-2-alt_text_en": "A new photo.",
            "images-2-alt_text_zh_hant": "新相片。",
            "images-0-DELETE": "on",
        },
    )
    response = client.post(url("exhibit_edit", scene.exhibit.pk), data)
    assert response.status_code == 302
    revision = ExhibitRevision.objects.get()
    assert public_page(client, scene.exhibit.slug, prefix) == before

    client.force_login(scene.coordinator)
    response = client.post(
        url("revision_action", scene.exhibit.pk, "submit"),
        {"revision": revision.pk, "version": revision.version, "note": "Version 2.0."},
    )
    assert response.status_code == 302
    revision.refresh_from_db()
    assert revision.status == R.SUBMITTED
    assert public_page(client, scene.exhibit.slug, prefix) == before


def test_live_page_shows_the_changes_once_approved(client, scene, media_root):
    before = public_page(client, scene.exhibit.slug).decode()
    revision = revision_start(exhibit=scene.exhibit, user=scene.editor)
    revision_update(revision=revision, user=scene.editor, data={"title_en": "Drainage 2.0"})
    revision_submit(revision=revision, user=scene.coordinator)

    revision_approve(revision=revision, user=scene.curator)

    after = public_page(client, scene.exhibit.slug).decode()
    assert "<h1>Smart Drainage Monitoring</h1>" in before
    assert "<h1>Drainage 2.0</h1>" in after


def test_live_page_unchanged_after_rejection(client, scene, media_root):
    before = public_page(client, scene.exhibit.slug)
    revision = revision_start(exhibit=scene.exhibit, user=scene.editor)
    revision_update(revision=revision, user=scene.editor, data={"title_en": "Drainage 2.0"})
    revision_submit(revision=revision, user=scene.coordinator)

    revision_reject(revision=revision, user=scene.curator, message="No.")

    assert public_page(client, scene.exhibit.slug) == before


# --- the edit page ------------------------------------------------------------------------


def test_revision_edit_get_shows_the_banner_and_the_live_content(client, scene):
    client.force_login(scene.editor)

    response = client.get(url("exhibit_edit", scene.exhibit.pk))

    assert response.status_code == 200
    html = response.content.decode()
    assert (
        "Changes to a published exhibit go live only after the pavilion team approves them." in html
    )
    assert 'value="Smart Drainage Monitoring"' in html
    assert 'name="proposed_zone"' not in html
    assert 'name="revision" value=""' in html
    assert f'name="version" value="{scene.exhibit.version}"' in html
    assert f'value="id:{scene.images[0].pk}"' in html
    # Looking creates nothing.
    assert ExhibitRevision.objects.count() == 0


def test_revision_edit_first_save_starts_a_revision_and_leaves_the_exhibit(client, scene):
    live_before = exhibit_snapshot(scene.exhibit)
    client.force_login(scene.editor)

    response = client.post(
        url("exhibit_edit", scene.exhibit.pk),
        revision_post(scene.exhibit, summary_en="Sensors warn three hours ahead."),
    )

    revision = ExhibitRevision.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("exhibit_detail", scene.exhibit.pk) + "#changes"
    assert (revision.status, revision.created_by, revision.version) == (R.DRAFT, scene.editor, 2)
    assert revision.changes["summary_en"] == "Sensors warn three hours ahead."
    scene.exhibit.refresh_from_db()
    assert exhibit_snapshot(scene.exhibit) == live_before


def test_revision_edit_continues_the_draft(client, scene):
    revision = revision_start(exhibit=scene.exhibit, user=scene.coordinator)
    revision = revision_update(revision=revision, user=scene.coordinator, data={"title_en": "A"})
    client.force_login(scene.editor)

    page = client.get(url("exhibit_edit", scene.exhibit.pk)).content.decode()
    response = client.post(
        url("exhibit_edit", scene.exhibit.pk), revision_post(scene.exhibit, revision, title_en="B")
    )

    assert 'value="A"' in page
    assert f'name="revision" value="{revision.pk}"' in page
    assert response.status_code == 302
    revision.refresh_from_db()
    assert (ExhibitRevision.objects.count(), revision.changes["title_en"]) == (1, "B")


def test_revision_edit_reorders_and_redescribes_images(client, scene):
    first, second = scene.images
    client.force_login(scene.editor)
    data = revision_post(scene.exhibit)
    data.update({"images-0-order": "5", "images-1-order": "1"})
    data["images-1-alt_text_zh_hant"] = "新的儀表板。"

    client.post(url("exhibit_edit", scene.exhibit.pk), data)

    revision = ExhibitRevision.objects.get()
    assert [entry["id"] for entry in revision.changes["images"]] == [second.pk, first.pk]
    assert revision.changes["images"][0]["alt_text_zh_hant"] == "新的儀表板。"


def test_revision_edit_invalid_input_saves_nothing(client, scene, media_root):
    client.force_login(scene.editor)
    files_before = media_files()
    data = revision_post(
        scene.exhibit,
        title_en="",
        **{
            "images-2-upload": SimpleUploadedFile(
                "x.jpg", factories.jpeg_bytes(64, 48), content_type="image/jpeg"
            ),
            "images-2-alt_text_en": "Kept alt text",
        },
    )

    response = client.post(url("exhibit_edit", scene.exhibit.pk), data)

    assert response.status_code == 400
    html = response.content.decode()
    assert "Nothing was saved" in html
    assert 'value="Kept alt text"' in html
    # One summary (no second flash banner), naming the photo to choose again.
    assert len(re.findall(r'class="(?:notice notice-error|portal-message[^"]*)"', html)) == 1
    summary = html.split('id="form-errors"', 1)[1].split("</div>", 1)[0]
    assert "The image file you chose (x.jpg) was not kept: choose it again" in summary
    assert "You chose “x.jpg”, but nothing was saved: choose the file again." in html
    assert ExhibitRevision.objects.count() == 0
    assert media_files() == files_before


def test_revision_edit_stale_version_is_409_and_keeps_the_text(client, scene):
    revision = revision_start(exhibit=scene.exhibit, user=scene.coordinator)
    data = revision_post(scene.exhibit, revision, title_en="Mine")
    revision_update(revision=revision, user=scene.coordinator, data={"title_en": "Theirs"})
    client.force_login(scene.editor)

    response = client.post(url("exhibit_edit", scene.exhibit.pk), data)

    assert response.status_code == 409
    html = response.content.decode()
    assert "Someone else changed these changes" in html
    assert 'value="Mine"' in html
    assert 'name="version" value="2"' in html
    revision.refresh_from_db()
    assert revision.changes["title_en"] == "Theirs"


def test_revision_edit_someone_started_changes_meanwhile_is_409(client, scene):
    data = revision_post(scene.exhibit, title_en="Mine")
    revision_start(exhibit=scene.exhibit, user=scene.coordinator)
    client.force_login(scene.editor)

    response = client.post(url("exhibit_edit", scene.exhibit.pk), data)

    assert response.status_code == 409
    assert ExhibitRevision.objects.get().changes["title_en"] == "Smart Drainage Monitoring"


def test_revision_edit_of_submitted_changes_is_409_a_second_revision_refused(client, scene):
    revision = revision_start(exhibit=scene.exhibit, user=scene.editor)
    revision_update(revision=revision, user=scene.editor, data={"title_en": "Drainage 2.0"})
    revision_submit(revision=revision, user=scene.coordinator)
    client.force_login(scene.editor)

    get = client.get(url("exhibit_edit", scene.exhibit.pk))
    post = client.post(
        url("exhibit_edit", scene.exhibit.pk), revision_post(scene.exhibit, title_en="Third")
    )

    assert get.status_code == 302
    assert post.status_code == 409
    assert "waiting for the pavilion team" in post.content.decode()
    assert ExhibitRevision.objects.count() == 1


def test_revision_edit_by_a_partner_is_403(client, scene):
    client.force_login(scene.partner_member)

    response = client.post(url("exhibit_edit", scene.exhibit.pk), revision_post(scene.exhibit))

    assert response.status_code == 403
    assert ExhibitRevision.objects.count() == 0


def test_revision_edit_by_another_department_is_404(client, scene):
    client.force_login(scene.outsider)

    response = client.post(url("exhibit_edit", scene.exhibit.pk), revision_post(scene.exhibit))

    assert response.status_code == 404
    assert ExhibitRevision.objects.count() == 0


# --- the detail page, submit and withdraw ---------------------------------------------------


def draft_with_changes(scene) -> ExhibitRevision:
    revision = revision_start(exhibit=scene.exhibit, user=scene.editor)
    return revision_update(
        revision=revision,
        user=scene.editor,
        data={"title_zh_hant": "智慧渠務監測 2.0"},
        technologies=[scene.technologies["ai"]],
    )


def test_exhibit_detail_shows_the_difference_and_the_coordinators_buttons(client, scene):
    draft_with_changes(scene)
    client.force_login(scene.coordinator)

    html = client.get(url("exhibit_detail", scene.exhibit.pk)).content.decode()

    panel = html.split('id="changes"', 1)[1].split("</section>", 1)[0]
    rows = re.findall(r'<tr class="diff-(\w+)" data-field="([\w.]+)"', panel)
    assert rows == [("changed", "title"), ("changed", "technologies")]
    assert "<del>智慧渠務監測</del>" in panel and "<ins>智慧渠務監測 2.0</ins>" in panel
    assert "<del>Internet of Things</del>" in panel
    assert "<ins>Artificial intelligence</ins>" in panel
    assert "Submit changes for review" in panel and "Withdraw changes" in panel


def test_exhibit_detail_editor_sees_no_submit_button(client, scene):
    draft_with_changes(scene)
    client.force_login(scene.editor)

    html = client.get(url("exhibit_detail", scene.exhibit.pk)).content.decode()

    assert "Submit changes for review" not in html
    assert "Withdraw changes" not in html
    assert "Continue editing the changes" in html


def test_exhibit_detail_partner_sees_no_changes(client, scene):
    draft_with_changes(scene)
    client.force_login(scene.partner_member)

    html = client.get(url("exhibit_detail", scene.exhibit.pk)).content.decode()

    assert 'id="changes"' not in html


def test_revision_submit_by_the_coordinator(client, scene):
    revision = draft_with_changes(scene)
    client.force_login(scene.coordinator)

    response = client.post(
        url("revision_action", scene.exhibit.pk, "submit"),
        {"revision": revision.pk, "version": revision.version, "note": "New name."},
    )

    assert response.status_code == 302
    revision.refresh_from_db()
    assert (revision.status, revision.note) == (R.SUBMITTED, "New name.")


def test_revision_submit_by_an_editor_is_403(client, scene):
    revision = draft_with_changes(scene)
    client.force_login(scene.editor)

    response = client.post(
        url("revision_action", scene.exhibit.pk, "submit"),
        {"revision": revision.pk, "version": revision.version},
    )

    assert response.status_code == 403
    revision.refresh_from_db()
    assert revision.status == R.DRAFT


def test_revision_submit_stale_version_is_409(client, scene):
    revision = draft_with_changes(scene)
    client.force_login(scene.coordinator)

    response = client.post(
        url("revision_action", scene.exhibit.pk, "submit"),
        {"revision": revision.pk, "version": revision.version - 1},
    )

    assert response.status_code == 409
    revision.refresh_from_db()
    assert revision.status == R.DRAFT


def test_revision_submit_incomplete_lists_what_is_missing(client, scene):
    revision = draft_with_changes(scene)
    revision = revision_update(revision=revision, user=scene.editor, data={"summary_zh_hant": ""})
    client.force_login(scene.coordinator)

    response = client.post(
        url("revision_action", scene.exhibit.pk, "submit"),
        {"revision": revision.pk, "version": revision.version},
    )

    assert response.status_code == 409
    html = response.content.decode()
    assert "Summary in Traditional Chinese" in html
    assert f'href="{url("exhibit_edit", scene.exhibit.pk)}#id_summary_zh_hant"' in html


def test_revision_withdraw_by_the_coordinator(client, scene, media_root):
    revision = draft_with_changes(scene)
    client.force_login(scene.coordinator)

    response = client.post(
        url("revision_action", scene.exhibit.pk, "withdraw"),
        {"revision": revision.pk, "version": revision.version},
    )

    assert response.status_code == 302
    revision.refresh_from_db()
    assert revision.status == R.WITHDRAWN


def test_revision_action_on_another_departments_exhibit_is_404(client, scene):
    revision = draft_with_changes(scene)
    client.force_login(scene.outsider)

    response = client.post(
        url("revision_action", scene.exhibit.pk, "withdraw"),
        {"revision": revision.pk, "version": revision.version},
    )

    assert response.status_code == 404
    revision.refresh_from_db()
    assert revision.status == R.DRAFT


def test_revision_action_unknown_is_404(client, scene):
    revision = draft_with_changes(scene)
    client.force_login(scene.coordinator)

    response = client.post(
        url("revision_action", scene.exhibit.pk, "approve"),
        {"revision": revision.pk, "version": revision.version},
    )

    assert response.status_code == 404


def test_exhibit_detail_shows_a_rejection_message(client, scene):
    revision = draft_with_changes(scene)
    revision_submit(revision=revision, user=scene.coordinator)
    revision_reject(revision=revision, user=scene.curator, message="Keep the Chinese title.")
    client.force_login(scene.editor)

    html = client.get(url("exhibit_detail", scene.exhibit.pk)).content.decode()

    assert "The pavilion team did not approve changes #1." in html
    assert "Keep the Chinese title." in html
    assert "Propose changes" in html


# --- preview and history ------------------------------------------------------------------


def test_revision_preview_renders_the_changes_with_the_public_template(client, scene):
    draft_with_changes(scene)
    title_before = Exhibit.objects.get(pk=scene.exhibit.pk).title_zh_hant
    client.force_login(scene.editor)

    response = client.get("/zh-hant" + url("exhibit_preview", scene.exhibit.pk))

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>智慧渠務監測 2.0</h1>" in html
    assert 'class="preview-banner"' in html
    assert Exhibit.objects.get(pk=scene.exhibit.pk).title_zh_hant == title_before


def test_exhibit_history_lists_published_versions_and_revisions(client, scene):
    revision = draft_with_changes(scene)
    revision_submit(revision=revision, user=scene.coordinator, note="New Chinese title.")
    revision_approve(revision=revision, user=scene.curator, message="Looks good.")
    second = draft_with_changes(scene)
    client.force_login(scene.editor)

    response = client.get(url("exhibit_history", scene.exhibit.pk))

    assert response.status_code == 200
    history = response.context["history"]
    versions = [
        (c.version, c.revision_number, c.who, c.message) for c in history.published_versions
    ]
    # Newest first; the factory created the exhibit published (version 1).
    assert versions == [(2, 1, scene.curator, "Looks good."), (1, None, None, "")]
    assert [(r.number, r.status) for r in history.revisions] == [
        (second.number, R.DRAFT),
        (1, R.APPROVED),
    ]
    html = response.content.decode()
    assert "Changes #1 approved" in html
    assert "New Chinese title." in html and "Looks good." in html


def test_exhibit_history_hides_revisions_from_partners(client, scene):
    draft_with_changes(scene)
    client.force_login(scene.partner_member)

    response = client.get(url("exhibit_history", scene.exhibit.pk))

    assert response.status_code == 200
    assert response.context["history"].revisions == []


def test_approval_refreshes_the_cached_public_page(
    client, scene, page_cache, django_capture_on_commit_callbacks
):
    page = f"/exhibits/{scene.exhibit.slug}/"
    first = client.get(page)
    assert client.get(page)["X-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        revision = revision_start(exhibit=scene.exhibit, user=scene.editor)
        revision_update(revision=revision, user=scene.editor, data={"title_en": "Drainage 2.0"})
        revision_submit(revision=revision, user=scene.coordinator)
    # A revision in the works is not public content: the cached page stays a hit.
    during = client.get(page)
    assert (during["X-Cache"], during.content) == ("hit", first.content)

    with django_capture_on_commit_callbacks(execute=True):
        revision_approve(revision=revision, user=scene.curator)

    after = client.get(page)
    assert (after.status_code, after["X-Cache"]) == (200, "miss")
    assert "<h1>Drainage 2.0</h1>" in after.content.decode()


@pytest.mark.parametrize(
    ("prefix", "texts"),
    [
        (
            "/zh-hant",
            ["已發布展品的修改須經展館團隊批准後才會公開。", "儲存修改", "技術及合作部門"],
        ),
        (
            "/zh-hans",
            ["已发布展品的修改须经展馆团队批准后才会公开。", "保存修改", "技术及合作部门"],
        ),
    ],
)
def test_revision_edit_page_in_chinese(client, scene, prefix, texts):
    client.force_login(scene.editor)

    html = client.get(prefix + url("exhibit_edit", scene.exhibit.pk)).content.decode()

    for text in texts:
        assert text in html


@pytest.mark.parametrize("lang", ["en", "zh-hant", "zh-hans"])
def test_public_api_is_byte_identical_while_a_revision_is_pending(client, scene, lang):
    address = f"/api/v1/exhibits/{scene.exhibit.slug}/?lang={lang}"
    before = client.get(address)
    assert before.status_code == 200
    revision = revision_start(exhibit=scene.exhibit, user=scene.editor)
    revision_update(
        revision=revision,
        user=scene.editor,
        data={"title_en": "Drainage 2.0", "title_zh_hant": "渠務 2.0"},
        technologies=[scene.technologies["ai"]],
        images=[{"id": scene.images[1].pk}],
    )
    revision_submit(revision=revision, user=scene.coordinator)

    after = client.get(address)

    assert (after.status_code, after.content, after["ETag"]) == (
        200,
        before.content,
        before["ETag"],
    )


def test_withdrawing_changes_asks_first(client, scene):
    draft_with_changes(scene)
    client.force_login(scene.coordinator)

    html = client.get(url("exhibit_detail", scene.exhibit.pk)).content.decode()

    step = html.split('<details class="confirm-step">', 1)[1].split("</details>", 1)[0]
    assert '<summary class="button button-secondary">Withdraw changes…</summary>' in step
    withdraw = url("revision_action", scene.exhibit.pk, "withdraw")
    assert f'action="{withdraw}"' in step
    assert "Yes, withdraw the changes</button>" in step
    assert html.count(f'action="{withdraw}"') == 1  # no bare withdraw button outside it
