"""The exhibits back-office: search in every language, filters, the forms' refusals, images
through the pipeline, and a history revert that restores content but never the status."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from exhibits.models import Exhibit, ExhibitImage
from tests import factories
from tests.test_admin import admin_form_data

CHANGELIST = reverse("admin:exhibits_exhibit_changelist")
ADD = reverse("admin:exhibits_exhibit_add")


def change_url(exhibit: Exhibit) -> str:
    return reverse("admin:exhibits_exhibit_change", args=[exhibit.pk])


def files_under(root) -> list[str]:
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def signed_in(client, curator):
    client.force_login(curator)
    return client


def result_titles(response) -> set[str]:
    return {exhibit.title_en for exhibit in response.context["cl"].result_list}


# -- search ---------------------------------------------------------------------------------


@pytest.fixture
def searchable(edition):
    hospital = factories.DepartmentFactory(name_en="Hospital Authority", name_zh_hant="醫院管理局")
    police = factories.DepartmentFactory(
        name_en="Hong Kong Police Force", name_zh_hant="香港警務處"
    )
    return {
        "app": factories.ExhibitFactory(
            edition=edition,
            title_en="HA Go",
            title_zh_hant="HA Go 醫健通應用程式",
            summary_zh_hans="一站式医疗应用程序",
            lead_department=hospital,
        ),
        "e-report": factories.ExhibitFactory(
            edition=edition,
            title_en="e-Report Centre",
            title_zh_hant="網上報案中心",
            lead_department=police,
        ),
    }


@pytest.mark.parametrize(
    ("term", "expected"),
    [
        ("醫健通", {"HA Go"}),  # Traditional title
        ("網上報案", {"e-Report Centre"}),
        ("医疗应用", {"HA Go"}),  # Simplified summary
        ("醫院管理局", {"HA Go"}),  # the lead department's Traditional name
        ("警務處", {"e-Report Centre"}),
        ("report centre", {"e-Report Centre"}),  # English, any case
        ("nothing like this", set()),
    ],
)
def test_exhibit_admin_search_matches_every_language(signed_in, searchable, term, expected):
    response = signed_in.get(CHANGELIST, {"q": term})

    assert (response.status_code, result_titles(response)) == (200, expected)


def test_exhibit_admin_search_matches_a_partner_department_once(signed_in, searchable):
    partner = factories.DepartmentFactory(
        name_en="Digital Policy Office", name_zh_hant="數字政策辦公室"
    )
    searchable["app"].partner_departments.set([partner, factories.DepartmentFactory()])

    response = signed_in.get(CHANGELIST, {"q": "數字政策"})

    assert list(response.context["cl"].result_list) == [searchable["app"]]


# -- filters --------------------------------------------------------------------------------


@pytest.fixture
def catalogue(edition, zones):
    """Four exhibits that differ in every filtered property, plus one of another edition."""
    older = factories.EditionFactory(starts_on=dt.date(2024, 4, 13), ends_on=dt.date(2024, 4, 16))
    lead, partner = factories.DepartmentFactory(), factories.DepartmentFactory()
    ai = factories.TechnologyFactory(slug="artificial-intelligence", name_en="AI")
    award = factories.AwardFactory(slug="hkicta", name_en="Hong Kong ICT Awards")
    other_award = factories.AwardFactory(slug="apicta", name_en="APICTA Awards")
    living, mobility = zones
    exhibits = {
        "a": factories.PublishedExhibitFactory(
            edition=edition, title_en="A", zone=living, lead_department=lead, featured=True
        ),
        "b": factories.ExhibitFactory(edition=edition, title_en="B", zone=mobility),
        "c": factories.ExhibitFactory(
            edition=edition, title_en="C", status=Exhibit.Status.SUBMITTED
        ),
        "d": factories.PublishedExhibitFactory(edition=edition, title_en="D", zone=mobility),
        "old": factories.ExhibitFactory(edition=older, title_en="Old", lead_department=lead),
    }
    exhibits["b"].partner_departments.set([lead, partner])
    exhibits["a"].technologies.set([ai])
    exhibits["c"].technologies.set([ai])
    factories.RecognitionFactory(exhibit=exhibits["d"], award=award, year=2024)
    factories.RecognitionFactory(exhibit=exhibits["d"], award=award, year=2023)
    factories.RecognitionFactory(exhibit=exhibits["a"], award=other_award, year=2024)
    return {
        "exhibits": exhibits,
        "edition": edition,
        "older": older,
        "living": living,
        "mobility": mobility,
        "lead": lead,
        "partner": partner,
        "ai": ai,
        "award": award,
    }


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        (lambda c: {"edition__id__exact": c["older"].pk}, {"Old"}),
        (lambda c: {"zone__id__exact": c["mobility"].pk}, {"B", "D"}),
        (lambda c: {"zone__isnull": "True"}, {"C", "Old"}),
        # Lead or partner: A and Old are led by it, B has it as a partner.
        (lambda c: {"department": c["lead"].pk}, {"A", "B", "Old"}),
        (lambda c: {"department": c["partner"].pk}, {"B"}),
        (lambda c: {"status__exact": "published"}, {"A", "D"}),
        (lambda c: {"status__exact": "submitted"}, {"C"}),
        # Two prizes from one programme: one row.
        (lambda c: {"recognitions__award__id__exact": c["award"].pk}, {"D"}),
        (lambda c: {"featured__exact": "1"}, {"A"}),
        (lambda c: {"technologies__id__exact": c["ai"].pk}, {"A", "C"}),
        (
            lambda c: {"edition__id__exact": c["edition"].pk, "status__exact": "draft"},
            {"B"},
        ),
    ],
)
def test_exhibit_admin_filters_return_the_right_rows(signed_in, catalogue, params, expected):
    response = signed_in.get(CHANGELIST, params(catalogue))

    titles = [exhibit.title_en for exhibit in response.context["cl"].result_list]
    assert (response.status_code, sorted(titles)) == (200, sorted(expected))


def test_exhibit_admin_filter_on_an_unknown_department_is_empty(signed_in, catalogue):
    response = signed_in.get(CHANGELIST, {"department": "not-a-number"})

    assert list(response.context["cl"].result_list) == []


def test_exhibit_admin_zone_filter_names_each_zones_edition(signed_in, catalogue):
    living, mobility = catalogue["living"], catalogue["mobility"]
    factories.ZoneFactory(edition=catalogue["older"], name_en=living.name)

    response = signed_in.get(CHANGELIST)

    (zone_filter,) = [spec for spec in response.context["cl"].filter_specs if spec.title == "zone"]
    labels = sorted(label for _pk, label in zone_filter.lookup_choices)
    older, current = catalogue["older"].slug, catalogue["edition"].slug
    assert labels == sorted(
        [f"{living.name} · {current}", f"{mobility.name} · {current}", f"{living.name} · {older}"]
    )


# -- the changelist -------------------------------------------------------------------------


def test_exhibit_admin_changelist_shows_the_smallest_rendition(signed_in, edition):
    exhibit = factories.ExhibitFactory(edition=edition)
    image = factories.ExhibitImageFactory(exhibit=exhibit)

    response = signed_in.get(CHANGELIST)

    url = default_storage.url(image.renditions["320"]["webp"])
    assert f'<img src="{url}" alt="{image.alt_text_en}" width="64" height="48"' in (
        response.content.decode()
    )


def test_exhibit_admin_changelist_edits_zone_and_featured(signed_in, edition, zones):
    exhibit = factories.ExhibitFactory(edition=edition)
    data = {
        "form-TOTAL_FORMS": "1",
        "form-INITIAL_FORMS": "1",
        "form-0-id": str(exhibit.pk),
        "form-0-zone": str(zones[1].pk),
        "form-0-featured": "on",
        "_save": "Save",
    }

    response = signed_in.post(CHANGELIST, data)

    exhibit.refresh_from_db()
    assert (response.status_code, exhibit.zone, exhibit.featured, exhibit.version) == (
        302,
        zones[1],
        True,
        2,
    )


def test_exhibit_admin_changelist_refuses_a_zone_of_another_edition(signed_in, edition, zones):
    exhibit = factories.ExhibitFactory(edition=edition, zone=zones[0])
    elsewhere = factories.ZoneFactory()
    data = {
        "form-TOTAL_FORMS": "1",
        "form-INITIAL_FORMS": "1",
        "form-0-id": str(exhibit.pk),
        "form-0-zone": str(elsewhere.pk),
        "_save": "Save",
    }

    response = signed_in.post(CHANGELIST, data)

    exhibit.refresh_from_db()
    assert response.status_code == 200
    assert response.context["cl"].formset.errors == [
        {"zone": ["The zone must belong to the exhibit's edition."]}
    ]
    assert exhibit.zone == zones[0]


# -- the add and change forms -----------------------------------------------------------


def test_exhibit_admin_form_shows_languages_side_by_side(signed_in, edition):
    exhibit = factories.ExhibitFactory(edition=edition)

    response = signed_in.get(change_url(exhibit))

    rows = [tuple(line.fields) for fieldset in response.context["adminform"] for line in fieldset]
    for field in ("title", "summary", "description", "demo_notes"):
        assert (f"{field}_en", f"{field}_zh_hant", f"{field}_zh_hans") in rows
    content = response.content.decode()
    assert all(label in content for label in ("Title [en]", "Title [zh-hant]", "Title [zh-hans]"))


def test_exhibit_admin_form_shows_workflow_fields_read_only(signed_in, edition):
    exhibit = factories.PublishedExhibitFactory(edition=edition)

    response = signed_in.get(change_url(exhibit))

    form_fields = set(response.context["adminform"].form.fields)
    readonly = {"status", "version", "created_at", "updated_at", "published_at", "slug", "edition"}
    assert readonly & form_fields == set()
    assert readonly <= set(response.context["adminform"].readonly_fields)


def test_exhibit_admin_form_offers_only_the_editions_zones_and_free_booths(
    signed_in, edition, zones
):
    exhibit = factories.ExhibitFactory(edition=edition)
    free = factories.BoothFactory(zone=zones[0], code="L-01")
    factories.ExhibitFactory(
        edition=edition, zone=zones[0], booth=factories.BoothFactory(zone=zones[0])
    )
    factories.BoothFactory(code="X-99")  # another edition's

    response = signed_in.get(change_url(exhibit))

    form = response.context["adminform"].form
    assert list(form.fields["zone"].queryset) == zones
    assert list(form.fields["booth"].queryset) == [free]
    assert [label for _value, label in form.fields["booth"].choices][1:] == [
        f"L-01 · {zones[0].name} · {edition.slug}"
    ]


def test_exhibit_admin_add_refuses_a_zone_of_another_edition(
    signed_in, edition, department, media_root
):
    elsewhere = factories.ZoneFactory()
    form_page = signed_in.get(ADD)
    data = admin_form_data(form_page) | {
        "slug": "ha-go",
        "title_en": "HA Go",
        "title_zh_hant": "HA Go",
        "summary_en": "One app for health services.",
        "summary_zh_hant": "一站式醫療應用程式。",
        "lead_department": str(department.pk),
        "zone": str(elsewhere.pk),
        "images-TOTAL_FORMS": "1",
        "images-0-upload": SimpleUploadedFile("ha-go.jpg", factories.jpeg_bytes(), "image/jpeg"),
        "images-0-alt_text_en": "The HA Go app on a phone.",
    }

    response = signed_in.post(ADD, data)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {
        "zone": ["The zone must belong to the exhibit's edition."]
    }
    assert (Exhibit.objects.count(), ExhibitImage.objects.count()) == (0, 0)
    assert files_under(media_root) == []


def test_exhibit_admin_add_refuses_a_booth_of_another_zone(signed_in, edition, zones, department):
    booth = factories.BoothFactory(zone=zones[1])
    data = admin_form_data(signed_in.get(ADD)) | {
        "slug": "ha-go",
        "title_en": "HA Go",
        "summary_en": "One app for health services.",
        "lead_department": str(department.pk),
        "zone": str(zones[0].pk),
        "booth": str(booth.pk),
    }

    response = signed_in.post(ADD, data)

    assert response.context["adminform"].form.errors == {
        "booth": ["The booth must be in the exhibit's zone."]
    }
    assert Exhibit.objects.count() == 0


def test_exhibit_admin_add_stores_an_image_through_the_pipeline(
    signed_in, curator, edition, zones, department, media_root
):
    technology = factories.TechnologyFactory()
    form_page = signed_in.get(ADD)
    data = admin_form_data(form_page) | {
        "slug": "ha-go",
        "title_en": "HA Go",
        "title_zh_hant": "HA Go 醫健通",
        "summary_en": "One app for health services.",
        "summary_zh_hant": "一站式醫療應用程式。",
        "lead_department": str(department.pk),
        "technologies": [str(technology.pk)],
        "zone": str(zones[0].pk),
        "featured": "on",
        "images-TOTAL_FORMS": "1",
        "images-0-upload": SimpleUploadedFile(
            "IMG_0001.jpg", factories.jpeg_bytes(1600, 1200), "image/jpeg"
        ),
        "images-0-alt_text_en": "The HA Go app on a phone.",
        "images-0-alt_text_zh_hant": "手機上的 HA Go 應用程式。",
        "links-TOTAL_FORMS": "1",
        "links-0-url": "https://www.ha.org.hk/hago",
        "links-0-label_en": "HA Go",
        "links-0-order": "0",
    }

    response = signed_in.post(ADD, data)

    exhibit = Exhibit.objects.get()
    image = exhibit.images.get()
    assert (response.status_code, response["Location"]) == (302, CHANGELIST)
    assert (exhibit.edition, exhibit.zone, exhibit.featured, exhibit.created_by) == (
        edition,
        zones[0],
        True,
        curator,
    )
    assert (exhibit.status, exhibit.version) == (Exhibit.Status.DRAFT, 1)
    assert list(exhibit.technologies.all()) == [technology]
    assert list(exhibit.links.values_list("url", "label_en")) == [
        ("https://www.ha.org.hk/hago", "HA Go")
    ]
    assert (image.width, image.height, image.alt_text_zh_hant) == (
        1600,
        1200,
        "手機上的 HA Go 應用程式。",
    )
    assert sorted(image.renditions) == ["1280", "320", "640"]
    assert all(default_storage.exists(name) for name in image.stored_names)
    assert "IMG_0001" not in image.image.name
    assert sorted(files_under(media_root)) == sorted(image.stored_names)


def test_exhibit_admin_add_refuses_a_file_that_is_not_an_image(
    signed_in, edition, department, media_root
):
    data = admin_form_data(signed_in.get(ADD)) | {
        "slug": "ha-go",
        "title_en": "HA Go",
        "summary_en": "One app for health services.",
        "lead_department": str(department.pk),
        "images-TOTAL_FORMS": "1",
        "images-0-upload": SimpleUploadedFile(
            "photo.jpg", b"<html>not a photo</html>", "image/jpeg"
        ),
        "images-0-alt_text_en": "A photo.",
    }

    response = signed_in.post(ADD, data)

    (images_formset, *_others) = [i.formset for i in response.context["inline_admin_formsets"]]
    assert images_formset.errors == [
        {"upload": ["The file is not an image. Upload a JPEG, PNG or WebP image."]}
    ]
    assert (Exhibit.objects.count(), files_under(media_root)) == (0, [])


def test_exhibit_admin_change_ignores_a_posted_status(signed_in, edition, zones, media_root):
    exhibit = factories.ExhibitFactory(edition=edition, zone=zones[0], title_en="Old title")
    image = factories.ExhibitImageFactory(exhibit=exhibit)
    factories.ExhibitLinkFactory(exhibit=exhibit)
    factories.RecognitionFactory(exhibit=exhibit)
    stored = files_under(media_root)
    data = admin_form_data(signed_in.get(change_url(exhibit))) | {
        "title_en": "New title",
        "status": "published",
        "version": "9",
    }

    response = signed_in.post(change_url(exhibit), data)

    exhibit.refresh_from_db()
    assert response.status_code == 302
    assert (exhibit.title_en, exhibit.status, exhibit.version) == ("New title", "draft", 2)
    # The inlines went through untouched.
    assert list(exhibit.images.all()) == [image]
    assert (exhibit.links.count(), exhibit.recognitions.count()) == (1, 1)
    assert files_under(media_root) == stored


def test_exhibit_admin_change_shows_image_previews(signed_in, edition):
    exhibit = factories.ExhibitFactory(edition=edition)
    image = factories.ExhibitImageFactory(exhibit=exhibit)

    response = signed_in.get(change_url(exhibit))

    url = default_storage.url(image.renditions["320"]["webp"])
    assert f'<img src="{url}" alt="{image.alt_text_en}" width="160" height="120"' in (
        response.content.decode()
    )


def test_exhibit_admin_change_deletes_an_image_and_its_files(
    signed_in, edition, media_root, django_capture_on_commit_callbacks
):
    exhibit = factories.ExhibitFactory(edition=edition)
    kept = factories.ExhibitImageFactory(exhibit=exhibit)
    dropped = factories.ExhibitImageFactory(exhibit=exhibit)
    data = admin_form_data(signed_in.get(change_url(exhibit))) | {"images-1-DELETE": "on"}

    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in.post(change_url(exhibit), data)

    assert response.status_code == 302
    assert list(exhibit.images.all()) == [kept]
    assert sorted(files_under(media_root)) == sorted(kept.stored_names)
    assert dropped.stored_names


def test_exhibit_admin_change_refuses_a_stale_version(signed_in, edition):
    exhibit = factories.ExhibitFactory(edition=edition, title_en="Mine")
    data = admin_form_data(signed_in.get(change_url(exhibit))) | {"title_en": "Overwrites"}
    Exhibit.objects.filter(pk=exhibit.pk).update(version=2, title_en="Theirs")

    response = signed_in.post(change_url(exhibit), data)

    exhibit.refresh_from_db()
    assert response.status_code == 200
    assert response.context["adminform"].form.non_field_errors() == [
        "Someone changed this exhibit while you were editing it (it is now at version 2, "
        "you started from version 1). Open it again to see their changes, then make yours."
    ]
    assert (exhibit.title_en, exhibit.version) == ("Theirs", 2)


def test_exhibit_admin_delete_removes_image_files(
    signed_in, edition, media_root, django_capture_on_commit_callbacks
):
    exhibit = factories.ExhibitFactory(edition=edition)
    factories.ExhibitImageFactory(exhibit=exhibit)
    url = reverse("admin:exhibits_exhibit_delete", args=[exhibit.pk])

    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in.post(url, {"post": "yes"})

    assert response.status_code == 302
    assert (Exhibit.objects.count(), ExhibitImage.objects.count()) == (0, 0)
    assert files_under(media_root) == []


# -- history --------------------------------------------------------------------------------


@pytest.fixture
def published_with_history(edition, zones):
    """An exhibit drafted, renamed, published by the workflow, then edited again."""
    exhibit = factories.ExhibitFactory(
        edition=edition, zone=zones[0], slug="draft-slug", title_en="First title"
    )
    exhibit.slug = "ha-go"
    exhibit.save()
    published_at = timezone.now() - dt.timedelta(days=1)
    exhibit.status = Exhibit.Status.PUBLISHED
    exhibit.published_at = published_at
    exhibit.version = 2
    exhibit.save()
    exhibit.title_en = "Latest title"
    exhibit.summary_en = "Latest summary."
    exhibit.save()
    first = exhibit.history.earliest("history_date")
    return exhibit, first, published_at


def test_exhibit_admin_history_lists_the_changes(signed_in, published_with_history):
    exhibit, _first, _published_at = published_with_history

    response = signed_in.get(reverse("admin:exhibits_exhibit_history", args=[exhibit.pk]))

    assert response.status_code == 200
    assert [record.status for record in response.context["page_obj"].object_list] == [
        "published",
        "published",
        "draft",
        "draft",
    ]


def test_exhibit_admin_revert_restores_content_not_status(signed_in, published_with_history):
    exhibit, first, published_at = published_with_history
    url = reverse("admin:exhibits_exhibit_simple_history", args=[exhibit.pk, first.history_id])
    form_page = signed_in.get(url)

    response = signed_in.post(url, admin_form_data(form_page) | {"status": "draft"})

    exhibit.refresh_from_db()
    assert response.status_code == 302
    assert (exhibit.title_en, exhibit.summary_en) == ("First title", first.summary_en)
    # The workflow's fields, and the printed slug of a published exhibit, stay.
    assert (exhibit.status, exhibit.published_at, exhibit.slug, exhibit.version) == (
        "published",
        published_at,
        "ha-go",
        3,
    )
    assert exhibit.history.latest("history_date").status == "published"


def test_exhibit_admin_revert_form_cannot_change_the_status(signed_in, published_with_history):
    exhibit, first, _published_at = published_with_history
    url = reverse("admin:exhibits_exhibit_simple_history", args=[exhibit.pk, first.history_id])

    response = signed_in.get(url)

    admin_form = response.context["adminform"]
    assert "status" not in admin_form.form.fields
    assert "status" in admin_form.readonly_fields
    # It shows today's status, not the draft the old version was.
    assert admin_form.form.instance.status == "published"
    assert 'name="status"' not in response.content.decode()


def test_exhibit_admin_revert_refuses_a_version_without_zone_when_published(
    signed_in, edition, zones
):
    exhibit = factories.ExhibitFactory(edition=edition, title_en="No zone yet")
    exhibit.zone = zones[0]
    exhibit.status = Exhibit.Status.PUBLISHED
    exhibit.save()
    first = exhibit.history.earliest("history_date")
    url = reverse("admin:exhibits_exhibit_simple_history", args=[exhibit.pk, first.history_id])

    response = signed_in.post(url, admin_form_data(signed_in.get(url)))

    exhibit.refresh_from_db()
    assert response.status_code == 200
    assert response.context["adminform"].form.non_field_errors() == [
        "A published exhibit must have a zone."
    ]
    assert (exhibit.zone, exhibit.status) == (zones[0], "published")


# -- other exhibit models ------------------------------------------------------------------


def test_exhibit_image_admin_adds_an_image_through_the_pipeline(signed_in, edition, media_root):
    exhibit = factories.ExhibitFactory(edition=edition)
    url = reverse("admin:exhibits_exhibitimage_add")
    data = admin_form_data(signed_in.get(url)) | {
        "exhibit": str(exhibit.pk),
        "upload": SimpleUploadedFile("booth.jpg", factories.jpeg_bytes(640, 480), "image/jpeg"),
        "alt_text_en": "The booth.",
    }

    response = signed_in.post(url, data)

    image = ExhibitImage.objects.get()
    assert (response.status_code, image.exhibit, image.width) == (302, exhibit, 640)
    assert sorted(files_under(media_root)) == sorted(image.stored_names)


def test_exhibit_image_admin_delete_removes_the_files(
    signed_in, edition, media_root, django_capture_on_commit_callbacks
):
    image = factories.ExhibitImageFactory(exhibit=factories.ExhibitFactory(edition=edition))
    url = reverse("admin:exhibits_exhibitimage_delete", args=[image.pk])

    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in.post(url, {"post": "yes"})

    assert (response.status_code, ExhibitImage.objects.count()) == (302, 0)
    assert files_under(media_root) == []


def test_technology_autocomplete_searches_chinese_names(signed_in):
    factories.TechnologyFactory(
        slug="ai", name_en="Artificial intelligence", name_zh_hant="人工智能"
    )
    factories.TechnologyFactory(slug="robotics", name_en="Robotics", name_zh_hant="機械人")

    response = signed_in.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "exhibits",
            "model_name": "exhibit",
            "field_name": "technologies",
            "term": "人工",
        },
    )

    assert [r["text"] for r in response.json()["results"]] == ["Artificial intelligence"]
