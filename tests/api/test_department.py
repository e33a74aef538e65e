"""/api/v1/department/exhibits/: isolation, writes, their bad inputs and every refusal."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from exhibits.models import Exhibit, ExhibitImage, ExhibitRevision, ExhibitStatus
from tests import factories
from tests.api.conftest import bearer

pytestmark = pytest.mark.django_db

BASE = "/api/v1/department/exhibits/"


class Scene:
    """Two departments, their people with tokens, and exhibits in several states."""


@pytest.fixture
def scene(edition, zones, department, token_for):
    s = Scene()
    s.edition = edition
    s.zone = zones[0]
    s.department = department
    s.coordinator = factories.MembershipFactory(department=department, role="coordinator").user
    s.editor = factories.MembershipFactory(department=department, role="editor").user
    s.other = factories.DepartmentFactory(slug="other-dept")
    s.other_coordinator = factories.MembershipFactory(department=s.other, role="coordinator").user
    s.curator = factories.CuratorFactory()
    s.tokens = {
        name: token_for(getattr(s, name))
        for name in ("coordinator", "editor", "other_coordinator", "curator")
    }
    s.draft = factories.ExhibitFactory(
        edition=edition, lead_department=department, proposed_zone=s.zone, title_en="Our draft"
    )
    factories.ExhibitImageFactory(exhibit=s.draft, width=320, height=200)
    s.theirs = factories.ExhibitFactory(edition=edition, lead_department=s.other)
    s.ai = factories.TechnologyFactory(slug="ai")
    return s


def as_(scene, who: str) -> dict:
    return bearer(scene.tokens[who])


def post_json(client, url, body, headers):
    return client.post(url, json.dumps(body), content_type="application/json", headers=headers)


def patch_json(client, url, body, headers):
    return client.patch(url, json.dumps(body), content_type="application/json", headers=headers)


def post_empty(client, url, headers):
    """A POST without a body (as ``curl -X POST`` sends it)."""
    return client.post(url, content_type="application/json", headers=headers)


def files_under(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file())


# --- reading and isolation -------------------------------------------------------------


def test_department_list_shows_own_exhibits_in_any_status(client, scene):
    submitted = factories.ExhibitFactory(
        edition=scene.edition, lead_department=scene.department, status="submitted"
    )

    response = client.get(BASE, headers=as_(scene, "coordinator"))

    assert response.status_code == 200
    assert [e["id"] for e in response.json()["results"]] == sorted(
        [scene.draft.pk, submitted.pk],
        key=lambda pk: Exhibit.objects.get(pk=pk).title_en,
    )
    assert {e["status"] for e in response.json()["results"]} == {"draft", "submitted"}


def test_department_list_filters_by_status(client, scene):
    response = client.get(f"{BASE}?status=draft", headers=as_(scene, "coordinator"))

    assert [e["id"] for e in response.json()["results"]] == [scene.draft.pk]


def test_department_detail_shows_columns_missing_fields_and_actions(client, scene):
    data = client.get(f"{BASE}{scene.draft.pk}/", headers=as_(scene, "coordinator")).json()

    assert data["id"] == scene.draft.pk
    assert data["api_url"] == f"http://testserver{BASE}{scene.draft.pk}/"
    assert data["title_en"] == "Our draft"
    assert data["title_zh_hans"] is None
    assert data["status"] == "draft"
    assert data["version"] == 1
    assert data["proposed_zone"] == "smart-living"
    assert data["missing"] == []
    assert data["actions"] == ["submit", "withdraw"]
    assert data["public_url"] is None
    assert data["revision"] is None
    assert len(data["images"]) == 1


def test_department_detail_for_an_editor_offers_no_actions(client, scene):
    data = client.get(f"{BASE}{scene.draft.pk}/", headers=as_(scene, "editor")).json()

    assert data["actions"] == []


def test_department_other_departments_exhibit_is_a_404(client, scene):
    for method in ("get", "patch"):
        response = getattr(client, method)(
            f"{BASE}{scene.theirs.pk}/", headers=as_(scene, "coordinator")
        )
        assert response.status_code == 404
        assert response.json()["code"] == "not_found"
    submit = post_empty(client, f"{BASE}{scene.theirs.pk}/submit/", as_(scene, "coordinator"))
    assert submit.status_code == 404


def test_department_partner_reads_once_submitted_but_cannot_write(client, scene):
    scene.theirs.partner_departments.set([scene.department])
    assert (
        client.get(f"{BASE}{scene.theirs.pk}/", headers=as_(scene, "coordinator")).status_code
        == 404
    )
    Exhibit.objects.filter(pk=scene.theirs.pk).update(status=ExhibitStatus.SUBMITTED)

    read = client.get(f"{BASE}{scene.theirs.pk}/", headers=as_(scene, "coordinator"))
    write = patch_json(
        client,
        f"{BASE}{scene.theirs.pk}/",
        {"version": 1, "title_en": "Ours now"},
        as_(scene, "coordinator"),
    )
    withdraw = post_empty(client, f"{BASE}{scene.theirs.pk}/withdraw/", as_(scene, "coordinator"))

    assert read.status_code == 200
    assert read.json()["actions"] == []
    assert write.status_code == 403
    assert write.json()["code"] == "forbidden"
    assert withdraw.status_code == 403
    scene.theirs.refresh_from_db()
    assert scene.theirs.status == ExhibitStatus.SUBMITTED
    assert scene.theirs.title_en != "Ours now"


def test_department_malformed_id_is_a_json_404(client, scene):
    for raw in ("abc", "0", "99999999999999999999999"):
        response = client.get(f"{BASE}{raw}/", headers=as_(scene, "coordinator"))
        assert response.status_code == 404
        assert response.json()["code"] == "not_found"


def test_department_curator_without_membership_is_a_403(client, scene):
    response = client.get(BASE, headers=as_(scene, "curator"))

    assert response.status_code == 403
    assert response.json() == {
        "code": "no_department",
        "detail": "You are not a member of any department.",
    }


def test_department_person_in_several_departments_must_name_one(client, scene):
    factories.MembershipFactory(user=scene.coordinator, department=scene.other, role="editor")

    ambiguous = client.get(BASE, headers=as_(scene, "coordinator"))
    by_header = client.get(
        BASE, headers={**as_(scene, "coordinator"), "X-Department": scene.other.slug}
    )
    by_query = client.get(
        f"{BASE}?department={scene.department.slug}", headers=as_(scene, "coordinator")
    )

    assert ambiguous.status_code == 400
    assert list(ambiguous.json()) == ["X-Department"]
    assert [e["id"] for e in by_header.json()["results"]] == [scene.theirs.pk]
    assert [e["id"] for e in by_query.json()["results"]] == [scene.draft.pk]


def test_department_naming_a_department_one_is_not_in_is_a_403(client, scene):
    response = client.get(BASE, headers={**as_(scene, "coordinator"), "X-Department": "other-dept"})

    assert response.status_code == 403
    assert response.json() == {
        "code": "not_a_member",
        "detail": "You are not a member of the department “other-dept”.",
    }


def test_department_malformed_department_header_is_a_400(client, scene):
    response = client.get(BASE, headers={**as_(scene, "coordinator"), "X-Department": "no spaces"})

    assert response.status_code == 400
    assert list(response.json()) == ["X-Department"]


# --- create --------------------------------------------------------------------------------


def test_department_create_makes_a_draft_readable_at_its_location(client, scene):
    body = {
        "title_en": "  Flood sensors  ",
        "title_zh_hant": "水浸感應器",
        "proposed_zone": "smart-living",
        "technologies": ["ai"],
    }

    created = post_json(client, BASE, body, as_(scene, "editor"))
    read = client.get(created["Location"], headers=as_(scene, "editor"))

    exhibit = Exhibit.objects.get(title_en="Flood sensors")
    assert created.status_code == 201
    assert created["Location"] == f"http://testserver{BASE}{exhibit.pk}/"
    assert read.status_code == 200
    assert read.json() == created.json()
    assert created.json()["status"] == "draft"
    assert created.json()["slug"] == "flood-sensors"
    assert created.json()["technologies"] == ["ai"]
    assert exhibit.lead_department == scene.department
    assert exhibit.edition == scene.edition
    assert exhibit.history.get().history_user == scene.editor


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "title_en"),
        ({"title_en": ""}, "title_en"),
        ({"title_en": "   "}, "title_en"),
        ({"title_en": "x" * 201}, "title_en"),
        ({"title_en": 42}, "title_en"),
        ({"title_en": None}, "title_en"),
        ({"title_en": "ok", "summary_en": "s" * 601}, "summary_en"),
        ({"title_en": "ok", "summary_zh_hant": "a\x00b"}, "summary_zh_hant"),
        ({"title_en": "ok", "technologies": "ai"}, "technologies"),
        ({"title_en": "ok", "technologies": ["not a slug"]}, "technologies"),
        ({"title_en": "ok", "proposed_zone": 3}, "proposed_zone"),
    ],
)
def test_department_create_bad_input_is_a_400_and_saves_nothing(client, scene, body, field):
    before = Exhibit.objects.count()

    response = post_json(client, BASE, body, as_(scene, "coordinator"))

    assert response.status_code == 400
    assert field in response.json()
    assert Exhibit.objects.count() == before


def test_department_create_malformed_json_is_a_400(client, scene):
    response = client.post(
        BASE, "{not json", content_type="application/json", headers=as_(scene, "coordinator")
    )

    assert response.status_code == 400
    assert list(response.json()) == ["non_field_errors"]


def test_department_create_body_not_an_object_is_a_400(client, scene):
    response = post_json(client, BASE, ["title_en"], as_(scene, "coordinator"))

    assert response.status_code == 400
    assert list(response.json()) == ["non_field_errors"]


def test_department_create_form_encoded_is_a_415(client, scene):
    response = client.post(BASE, {"title_en": "x"}, headers=as_(scene, "coordinator"))

    assert response.status_code == 415
    assert response.json()["code"] == "unsupported_media_type"


@pytest.mark.parametrize(
    ("extra", "missing"),
    [
        ({"proposed_zone": "no-such-zone"}, ["proposed_zone"]),
        ({"technologies": ["ai", "no-such-tech"]}, ["technologies"]),
        ({"partner_departments": ["no-such-dept"]}, ["partner_departments"]),
    ],
)
def test_department_create_unknown_reference_is_a_409(client, scene, extra, missing):
    before = Exhibit.objects.count()

    response = post_json(client, BASE, {"title_en": "Refs", **extra}, as_(scene, "coordinator"))

    assert response.status_code == 409
    assert response.json()["code"] == "unknown_reference"
    assert response.json()["missing"] == missing
    assert Exhibit.objects.count() == before


def test_department_create_own_department_as_partner_is_a_400_on_the_field(client, scene):
    before = Exhibit.objects.count()
    response = post_json(
        client,
        BASE,
        {"title_en": "Self", "partner_departments": [scene.department.slug]},
        as_(scene, "coordinator"),
    )

    # The services' rule, as in the portal and the admin (tests/exhibits/test_doors.py).
    assert response.status_code == 400
    assert response.json() == {
        "partner_departments": ["The lead department cannot also be a partner."]
    }
    assert Exhibit.objects.count() == before


def test_department_create_zone_of_another_edition_is_unknown(client, scene):
    old = factories.EditionFactory(is_current=False)
    factories.ZoneFactory(edition=old, slug="old-zone")

    response = post_json(
        client, BASE, {"title_en": "Zone", "proposed_zone": "old-zone"}, as_(scene, "coordinator")
    )

    assert response.status_code == 409
    assert response.json()["missing"] == ["proposed_zone"]


# --- update ----------------------------------------------------------------------------------


def test_department_update_changes_fields_and_raises_the_version(client, scene):
    response = patch_json(
        client,
        f"{BASE}{scene.draft.pk}/",
        {
            "version": 1,
            "summary_en": "Better summary.",
            "technologies": ["ai"],
            "partner_departments": ["other-dept"],
        },
        as_(scene, "editor"),
    )

    scene.draft.refresh_from_db()
    assert response.status_code == 200
    assert response.json()["version"] == 2
    assert response.json()["summary_en"] == "Better summary."
    assert response.json()["partner_departments"] == ["other-dept"]
    assert scene.draft.version == 2
    assert list(scene.draft.technologies.values_list("slug", flat=True)) == ["ai"]


def test_department_update_stale_version_is_a_409_and_changes_nothing(client, scene):
    response = patch_json(
        client, f"{BASE}{scene.draft.pk}/", {"version": 7, "title_en": "Lost"}, as_(scene, "editor")
    )

    scene.draft.refresh_from_db()
    assert response.status_code == 409
    assert response.json()["code"] == "stale_version"
    assert scene.draft.title_en == "Our draft"
    assert scene.draft.version == 1


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"title_en": "No version"}, "version"),
        ({"version": "1"}, "version"),
        ({"version": True}, "version"),
        ({"version": 1.5}, "version"),
        ({"version": 0}, "version"),
        ({"version": 1, "title_en": " "}, "title_en"),
        ({"version": 1, "partner_departments": "dpo"}, "partner_departments"),
    ],
)
def test_department_update_bad_input_is_a_400_and_changes_nothing(client, scene, body, field):
    response = patch_json(client, f"{BASE}{scene.draft.pk}/", body, as_(scene, "editor"))

    scene.draft.refresh_from_db()
    assert response.status_code == 400
    assert field in response.json()
    assert scene.draft.version == 1
    assert scene.draft.title_en == "Our draft"


def test_department_update_unknown_reference_changes_nothing(client, scene):
    response = patch_json(
        client,
        f"{BASE}{scene.draft.pk}/",
        {"version": 1, "summary_en": "Changed", "technologies": ["nope"]},
        as_(scene, "editor"),
    )

    scene.draft.refresh_from_db()
    assert response.status_code == 409
    assert scene.draft.summary_en == "A technology solution for the city."


def test_department_update_of_a_submitted_exhibit_is_read_only(client, scene):
    Exhibit.objects.filter(pk=scene.draft.pk).update(status=ExhibitStatus.SUBMITTED)

    response = patch_json(
        client, f"{BASE}{scene.draft.pk}/", {"version": 1, "title_en": "x"}, as_(scene, "editor")
    )

    assert response.status_code == 409
    assert response.json()["code"] == "read_only"


def _publish(scene):
    Exhibit.objects.filter(pk=scene.draft.pk).update(
        status=ExhibitStatus.PUBLISHED, zone=scene.zone
    )
    scene.draft.refresh_from_db()


def test_department_update_of_a_published_exhibit_goes_into_its_revision(client, scene):
    _publish(scene)

    first = patch_json(
        client,
        f"{BASE}{scene.draft.pk}/",
        {"version": 1, "summary_en": "Proposed summary.", "technologies": ["ai"]},
        as_(scene, "editor"),
    )
    second = patch_json(
        client,
        f"{BASE}{scene.draft.pk}/",
        {"version": 1, "title_zh_hant": "新標題"},
        as_(scene, "editor"),
    )

    scene.draft.refresh_from_db()
    revision = ExhibitRevision.objects.get(exhibit=scene.draft)
    assert first.status_code == 200
    assert first.json()["revision"]["number"] == 1
    assert first.json()["revision"]["status"] == "draft"
    assert second.json()["revision"]["version"] == revision.version
    assert first.json()["summary_en"] == "A technology solution for the city."
    assert scene.draft.summary_en == "A technology solution for the city."
    assert scene.draft.version == 1
    assert revision.changes["summary_en"] == "Proposed summary."
    assert revision.changes["title_zh_hant"] == "新標題"
    assert revision.changes["technologies"] == ["ai"]


def test_department_update_of_a_published_exhibit_refused_leaves_no_revision(client, scene):
    _publish(scene)

    stale = patch_json(
        client, f"{BASE}{scene.draft.pk}/", {"version": 9, "summary_en": "x"}, as_(scene, "editor")
    )
    zone = patch_json(
        client,
        f"{BASE}{scene.draft.pk}/",
        {"version": 1, "proposed_zone": "smart-mobility"},
        as_(scene, "editor"),
    )
    unknown = patch_json(
        client,
        f"{BASE}{scene.draft.pk}/",
        {"version": 1, "technologies": ["nope"]},
        as_(scene, "editor"),
    )

    assert [r.status_code for r in (stale, zone, unknown)] == [409, 409, 409]
    assert [r.json()["code"] for r in (stale, zone, unknown)] == [
        "stale_version",
        "read_only",
        "unknown_reference",
    ]
    assert not ExhibitRevision.objects.exists()


def test_department_update_while_the_revision_is_submitted_is_a_409(client, scene):
    _publish(scene)
    ExhibitRevision.objects.create(
        exhibit=scene.draft, number=1, status="submitted", base={}, changes={}, base_version=1
    )

    response = patch_json(
        client, f"{BASE}{scene.draft.pk}/", {"version": 1, "summary_en": "x"}, as_(scene, "editor")
    )

    assert response.status_code == 409
    assert response.json()["code"] == "revision_open"
    assert response.json()["detail"].startswith("Your changes are waiting")


def test_department_image_upload_to_a_published_exhibit_needs_its_revision(client, scene):
    _publish(scene)

    response = upload(
        client, scene, image=SimpleUploadedFile("a.jpg", factories.jpeg_bytes(), "image/jpeg")
    )

    assert response.status_code == 409
    assert response.json()["code"] == "revision_required"


# --- images ------------------------------------------------------------------------------------


def upload(client, scene, who="editor", exhibit=None, **fields):
    exhibit = exhibit or scene.draft
    data = {"alt_text_en": "Sensors on a drain cover.", **fields}
    return client.post(f"{BASE}{exhibit.pk}/images/", data, headers=as_(scene, who))


def test_department_image_upload_stores_it_through_the_pipeline(client, scene, media_root):
    jpeg = SimpleUploadedFile("photo.jpg", factories.jpeg_bytes(900, 600), "image/jpeg")
    before = len(files_under(media_root))

    response = upload(client, scene, image=jpeg, alt_text_zh_hant="渠蓋上的感應器。", order="5")

    image = ExhibitImage.objects.get(pk=response.json()["id"])
    assert response.status_code == 201
    assert response["Location"] == f"http://testserver{BASE}{scene.draft.pk}/images/{image.pk}/"
    assert response.json()["alt_text_zh_hant"] == "渠蓋上的感應器。"
    assert response.json()["order"] == 5
    assert image.width == 900
    assert "photo" not in image.image.name
    assert len(files_under(media_root)) > before


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        (
            {"image": SimpleUploadedFile("x.jpg", b"<html>not an image</html>", "image/jpeg")},
            "image",
        ),
        ({"image": SimpleUploadedFile("x.jpg", b"", "image/jpeg")}, "image"),
        ({"image": None}, "image"),
        ({"alt_text_en": ""}, "alt_text_en"),
        ({"alt_text_en": "  "}, "alt_text_en"),
        ({"alt_text_en": "a" * 301}, "alt_text_en"),
        ({"credit": "c" * 201}, "credit"),
        ({"order": "-1"}, "order"),
        ({"order": "1.5"}, "order"),
    ],
)
def test_department_image_bad_upload_is_a_400_and_stores_nothing(
    client, scene, media_root, fields, field
):
    fields.setdefault(
        "image", SimpleUploadedFile("ok.jpg", factories.jpeg_bytes(40, 40), "image/jpeg")
    )
    if fields["image"] is None:
        del fields["image"]
    before_files = files_under(media_root)
    before_rows = ExhibitImage.objects.count()

    response = upload(client, scene, **fields)

    assert response.status_code == 400
    assert field in response.json()
    assert ExhibitImage.objects.count() == before_rows
    assert files_under(media_root) == before_files


def test_department_image_upload_refused_message_names_the_problem(client, scene):
    gif = SimpleUploadedFile("x.gif", b"GIF89a" + b"\x00" * 40, "image/gif")

    response = upload(client, scene, image=gif)

    assert response.json() == {
        "image": ["GIF files are not accepted. Upload a JPEG, PNG or WebP image."]
    }


def test_department_image_upload_to_a_submitted_exhibit_is_a_409(client, scene, media_root):
    Exhibit.objects.filter(pk=scene.draft.pk).update(status=ExhibitStatus.SUBMITTED)
    before = files_under(media_root)

    response = upload(
        client, scene, image=SimpleUploadedFile("a.jpg", factories.jpeg_bytes(), "image/jpeg")
    )

    assert response.status_code == 409
    assert response.json()["code"] == "read_only"
    assert files_under(media_root) == before


def test_department_image_delete_removes_row_and_files(
    client, scene, media_root, django_capture_on_commit_callbacks
):
    image = scene.draft.images.get()
    names = image.stored_names

    with django_capture_on_commit_callbacks(execute=True):
        response = client.delete(
            f"{BASE}{scene.draft.pk}/images/{image.pk}/", headers=as_(scene, "editor")
        )

    assert response.status_code == 204
    assert not ExhibitImage.objects.filter(pk=image.pk).exists()
    assert all(not (media_root / name).exists() for name in names)


def test_department_image_of_another_exhibit_is_a_404(client, scene):
    other_image = factories.ExhibitImageFactory(exhibit=scene.theirs)

    response = client.delete(
        f"{BASE}{scene.draft.pk}/images/{other_image.pk}/", headers=as_(scene, "editor")
    )

    assert response.status_code == 404
    assert ExhibitImage.objects.filter(pk=other_image.pk).exists()


# --- workflow actions -------------------------------------------------------------------------


def test_department_submit_by_the_coordinator(client, scene):
    response = post_json(
        client, f"{BASE}{scene.draft.pk}/submit/", {"version": 1}, as_(scene, "coordinator")
    )

    assert response.status_code == 200
    assert response.json()["status"] == "submitted"
    assert response.json()["version"] == 2
    assert response.json()["actions"] == ["withdraw"]


def test_department_submit_without_a_body(client, scene):
    response = post_empty(client, f"{BASE}{scene.draft.pk}/submit/", as_(scene, "coordinator"))

    assert response.status_code == 200
    assert response.json()["status"] == "submitted"


def test_department_submit_by_an_editor_is_a_403(client, scene):
    response = post_empty(client, f"{BASE}{scene.draft.pk}/submit/", as_(scene, "editor"))

    scene.draft.refresh_from_db()
    assert response.status_code == 403
    assert response.json()["code"] == "forbidden"
    assert scene.draft.status == ExhibitStatus.DRAFT


def test_department_submit_incomplete_is_a_409_with_missing_fields(client, scene):
    Exhibit.objects.filter(pk=scene.draft.pk).update(summary_zh_hant="", proposed_zone=None)
    scene.draft.images.all().delete()

    response = post_empty(client, f"{BASE}{scene.draft.pk}/submit/", as_(scene, "coordinator"))

    assert response.status_code == 409
    assert response.json()["code"] == "incomplete"
    assert response.json()["missing"] == ["summary_zh_hant", "proposed_zone", "images"]


def test_department_submit_with_the_window_closed_is_a_409(client, scene):
    scene.edition.submission_opens_at = timezone.now() - dt.timedelta(days=30)
    scene.edition.submission_closes_at = timezone.now() - dt.timedelta(days=1)
    scene.edition.save()

    response = post_empty(client, f"{BASE}{scene.draft.pk}/submit/", as_(scene, "coordinator"))

    assert response.status_code == 409
    assert response.json()["code"] == "window_closed"


def test_department_submit_over_quota_is_a_409(client, scene):
    factories.QuotaFactory(edition=scene.edition, department=scene.department, limit=1)
    factories.ExhibitFactory(
        edition=scene.edition, lead_department=scene.department, status="submitted"
    )

    response = post_empty(client, f"{BASE}{scene.draft.pk}/submit/", as_(scene, "coordinator"))

    assert response.status_code == 409
    assert response.json()["code"] == "quota_reached"


def test_department_submit_twice_is_a_wrong_state(client, scene):
    post_empty(client, f"{BASE}{scene.draft.pk}/submit/", as_(scene, "coordinator"))

    response = post_empty(client, f"{BASE}{scene.draft.pk}/submit/", as_(scene, "coordinator"))

    assert response.status_code == 409
    assert response.json()["code"] == "wrong_state"


def test_department_submit_with_a_stale_version_is_a_409(client, scene):
    response = post_json(
        client, f"{BASE}{scene.draft.pk}/submit/", {"version": 5}, as_(scene, "coordinator")
    )

    assert response.status_code == 409
    assert response.json()["code"] == "stale_version"


def test_department_withdraw_and_reopen(client, scene):
    withdrawn = post_empty(client, f"{BASE}{scene.draft.pk}/withdraw/", as_(scene, "coordinator"))
    reopened = post_empty(client, f"{BASE}{scene.draft.pk}/reopen/", as_(scene, "coordinator"))

    assert withdrawn.json()["status"] == "withdrawn"
    assert reopened.json()["status"] == "draft"
    assert reopened.json()["version"] == 3


def test_department_action_bad_body_is_a_400(client, scene):
    response = post_json(
        client, f"{BASE}{scene.draft.pk}/submit/", {"version": "two"}, as_(scene, "coordinator")
    )

    scene.draft.refresh_from_db()
    assert response.status_code == 400
    assert list(response.json()) == ["version"]
    assert scene.draft.status == ExhibitStatus.DRAFT
