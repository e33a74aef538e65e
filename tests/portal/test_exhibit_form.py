"""Creating and editing a draft in the portal: valid saves, invalid input, the version check."""

from __future__ import annotations

import re
from html import unescape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from exhibits.models import Exhibit, ExhibitImage, ExhibitLink
from tests import factories
from tests.exhibits.test_images import BAD_FILES, stored_files
from tests.portal.conftest import url
from tests.portal.helpers import exhibit_post

pytestmark = pytest.mark.django_db


def jpeg_upload(name: str = "booth.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, factories.jpeg_bytes(1200, 800), content_type="image/jpeg")


@pytest.fixture
def draft(edition, department, zone):
    exhibit = factories.ExhibitFactory(
        edition=edition, lead_department=department, proposed_zone=zone
    )
    factories.ExhibitLinkFactory(exhibit=exhibit, label_en="GovHK", label_zh_hant="香港政府一站通")
    return exhibit


# --- Creating ----------------------------------------------------------------------------


def test_exhibit_create_get_shows_both_languages_side_by_side(login, editor, zone):
    response = login(editor).get(url("exhibit_create"))

    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="title_en"' in html and 'name="title_zh_hant"' in html
    assert 'lang="zh-Hant"' in html
    assert '<details class="simplified">' in html
    assert f'value="{zone.pk}">' in html


def test_exhibit_create_saves_draft_with_links_and_image(
    login, editor, department, edition, zone, media_root
):
    technology = factories.TechnologyFactory(slug="iot", name_en="Internet of Things")
    partner = factories.DepartmentFactory()
    data = exhibit_post(
        proposed_zone=str(zone.pk),
        technologies=[str(technology.pk)],
        partner_departments=[str(partner.pk)],
        **{
            "links-0-url": "https://www.dsd.gov.hk/",
            "links-0-label_en": "Drainage Services Department",
            "links-0-label_zh_hant": "渠務署",
            "images-0-upload": jpeg_upload(),
            "images-0-alt_text_en": "A sensor inside a drain.",
            "images-0-alt_text_zh_hant": "渠道內的感應器。",
            "images-0-credit": "DSD",
        },
    )

    response = login(editor).post(url("exhibit_create"), data)

    exhibit = Exhibit.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("exhibit_detail", exhibit.pk)
    assert (exhibit.slug, exhibit.status, exhibit.version) == (
        "smart-drainage-monitoring",
        "draft",
        1,
    )
    assert (exhibit.edition, exhibit.lead_department, exhibit.proposed_zone) == (
        edition,
        department,
        zone,
    )
    assert exhibit.created_by == editor
    assert exhibit.title_zh_hant == "智慧渠務監測"
    assert exhibit.title_zh_hans is None
    assert list(exhibit.technologies.all()) == [technology]
    assert list(exhibit.partner_departments.all()) == [partner]
    assert list(exhibit.links.values_list("url", "label_en", "label_zh_hant")) == [
        ("https://www.dsd.gov.hk/", "Drainage Services Department", "渠務署")
    ]
    image = exhibit.images.get()
    assert (image.alt_text_en, image.alt_text_zh_hant, image.credit, image.width) == (
        "A sensor inside a drain.",
        "渠道內的感應器。",
        "DSD",
        1200,
    )
    assert sorted(stored_files(media_root)) == sorted(image.stored_names)
    assert exhibit.history.get().history_user == editor


def test_exhibit_create_same_title_gets_next_slug(login, editor, department, edition):
    factories.ExhibitFactory(edition=edition, slug="smart-drainage-monitoring")

    login(editor).post(url("exhibit_create"), exhibit_post())

    assert Exhibit.objects.filter(lead_department=department).get().slug == (
        "smart-drainage-monitoring-2"
    )


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"title_en": ""}, "title_en", "An English title is needed, even for a draft."),
        ({"title_en": "x" * 201}, "title_en", "At most 200 characters (it has 201)."),
        ({"summary_zh_hant": "長" * 601}, "summary_zh_hant", "at most 600 characters"),
        ({"proposed_zone": "999999"}, "proposed_zone", "Select a valid choice."),
        ({"technologies": ["999999"]}, "technologies", "Select a valid choice."),
        ({"partner_departments": ["999999"]}, "partner_departments", "Select a valid choice."),
        (
            {"links-0-url": "not a web address", "links-0-label_en": "Site"},
            "links-0-url",
            "Enter a valid URL.",
        ),
        ({"links-0-url": "https://www.gov.hk/"}, "links-0-label_en", "This field is required."),
        ({"links-0-url": "ftp://files.gov.hk/x"}, "links-0-url", "starting with https://"),
    ],
)
def test_exhibit_create_invalid_input_keeps_entries_and_saves_nothing(
    login, editor, overrides, field, message, media_root
):
    data = exhibit_post(**overrides)
    data["description_zh_hant"] = "保留這段文字。"

    response = login(editor).post(url("exhibit_create"), data)

    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert f'id="id_{field}_errors"' in html
    assert "保留這段文字。" in html
    assert "Nothing was saved" in html
    assert Exhibit.objects.count() == 0
    assert ExhibitLink.objects.count() == 0
    assert stored_files(media_root) == []


def test_exhibit_create_partner_from_another_edition_zone_refused(login, editor):
    other_zone = factories.ZoneFactory()  # another edition's zone

    response = login(editor).post(url("exhibit_create"), exhibit_post(proposed_zone=other_zone.pk))

    assert response.status_code == 400
    assert "Select a valid choice." in response.content.decode()
    assert Exhibit.objects.count() == 0


def test_exhibit_create_lead_department_as_partner_refused(login, editor, department):
    response = login(editor).post(
        url("exhibit_create"), exhibit_post(partner_departments=[str(department.pk)])
    )

    assert response.status_code == 400
    # The services' rule, as in the admin and the API (tests/exhibits/test_doors.py).
    assert "The lead department cannot also be a partner." in response.content.decode()
    assert Exhibit.objects.count() == 0


@pytest.mark.filterwarnings("error::PIL.Image.DecompressionBombWarning")
@pytest.mark.parametrize("case", BAD_FILES.keys())
def test_exhibit_create_bad_image_refused_next_to_field_and_text_kept(
    case, login, editor, media_root
):
    make, _code, message = BAD_FILES[case]
    data = exhibit_post(
        **{
            "images-0-upload": SimpleUploadedFile("photo.jpg", make(), content_type="image/jpeg"),
            "images-0-alt_text_en": "Alt text kept",
            "images-0-credit": "Credit kept",
        }
    )

    response = login(editor).post(url("exhibit_create"), data)

    assert response.status_code == 400
    html = response.content.decode()
    errors = html.split('id="id_images-0-upload_errors"', 1)[1].split("</div>", 1)[0]
    # Django's own FileField refuses an empty upload before the pipeline sees it.
    expected = "The submitted file is empty." if case == "empty" else message
    assert expected in unescape(errors)
    assert "智慧渠務監測" in html
    assert 'value="Alt text kept"' in html and 'value="Credit kept"' in html
    assert Exhibit.objects.count() == 0
    assert ExhibitImage.objects.count() == 0
    assert stored_files(media_root) == []


# --- Editing -----------------------------------------------------------------------------


def test_exhibit_edit_get_shows_saved_values_and_version(login, editor, draft):
    response = login(editor).get(url("exhibit_edit", draft.pk))

    assert response.status_code == 200
    html = response.content.decode()
    assert f'name="version" value="{draft.version}"' in html
    assert 'value="GovHK"' in html
    assert draft.title_zh_hant in html


def test_exhibit_edit_saves_and_raises_version(login, editor, draft):
    data = exhibit_post(draft, title_zh_hant="新標題", summary_zh_hans="简体摘要")

    response = login(editor).post(url("exhibit_edit", draft.pk), data)

    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.title_zh_hant, draft.summary_zh_hans, draft.version) == ("新標題", "简体摘要", 2)
    record = draft.history.latest()
    assert (record.history_user, record.title_zh_hant) == (editor, "新標題")


def test_exhibit_edit_stale_version_refused_text_kept_then_saved_on_purpose(
    client, editor, coordinator, draft
):
    """Two people open the same draft; the one who saves second is told, not overwritten."""
    from django.test import Client

    first, second = Client(), client
    first.force_login(coordinator)
    second.force_login(editor)
    seen_by_second = exhibit_post(draft)  # both opened version 1
    first.post(url("exhibit_edit", draft.pk), exhibit_post(draft, title_zh_hant="甲的標題"))
    seen_by_second["title_zh_hant"] = "乙的標題"
    seen_by_second["description_en"] = "The second person's description."

    response = second.post(url("exhibit_edit", draft.pk), seen_by_second)

    assert response.status_code == 409
    html = response.content.decode()
    assert "Someone else saved this exhibit while you were editing it" in html
    assert 'value="乙的標題"' in html
    assert "The second person&#x27;s description." in html
    assert 'name="version" value="2"' in html
    draft.refresh_from_db()
    assert (draft.title_zh_hant, draft.description_en, draft.version) == (
        "甲的標題",
        "It helps people every day.",
        2,
    )

    seen_by_second["version"] = "2"  # what the re-rendered form now carries
    response = second.post(url("exhibit_edit", draft.pk), seen_by_second)

    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.title_zh_hant, draft.version) == ("乙的標題", 3)
    assert [r.history_user for r in draft.history.order_by("history_id")] == [
        None,
        coordinator,
        editor,
    ]


def test_exhibit_edit_stale_version_with_new_image_leaves_no_file(
    client, editor, coordinator, draft, media_root
):
    seen = exhibit_post(draft)
    client.force_login(coordinator)
    client.post(url("exhibit_edit", draft.pk), exhibit_post(draft, title_zh_hant="先"))
    client.force_login(editor)
    seen.update({"images-0-upload": jpeg_upload(), "images-0-alt_text_en": "Late image"})

    response = client.post(url("exhibit_edit", draft.pk), seen)

    assert response.status_code == 409
    assert 'value="Late image"' in response.content.decode()
    assert ExhibitImage.objects.count() == 0
    assert stored_files(media_root) == []


def test_exhibit_edit_changes_image_texts_and_deletes_another(
    login, editor, draft, media_root, django_capture_on_commit_callbacks
):
    kept = factories.ExhibitImageFactory(exhibit=draft)
    removed = factories.ExhibitImageFactory(exhibit=draft)
    data = exhibit_post(draft)
    data.update(
        {
            "images-0-alt_text_zh_hant": "新的替代文字",
            "images-0-credit": "Photo: DSD",
            "images-0-order": "1",
            "images-1-DELETE": "on",
        }
    )

    with django_capture_on_commit_callbacks(execute=True):
        response = login(editor).post(url("exhibit_edit", draft.pk), data)

    assert response.status_code == 302
    kept.refresh_from_db()
    assert (kept.alt_text_zh_hant, kept.credit, kept.order) == ("新的替代文字", "Photo: DSD", 1)
    assert list(draft.images.all()) == [kept]
    assert sorted(stored_files(media_root)) == sorted(kept.stored_names)
    assert removed.stored_names and not set(removed.stored_names) & set(stored_files(media_root))


@pytest.mark.parametrize("version", ["", "abc", "0"])
def test_exhibit_edit_missing_version_refused(login, editor, draft, version):
    response = login(editor).post(
        url("exhibit_edit", draft.pk), exhibit_post(draft, version=version, title_zh_hant="改")
    )

    assert response.status_code == 400
    assert "reload the page and try again" in response.content.decode()
    draft.refresh_from_db()
    assert (draft.title_zh_hant, draft.version) != ("改", 1)
    assert draft.version == 1


def test_exhibit_edit_adds_image_and_removes_link(login, editor, draft, media_root):
    data = exhibit_post(draft)
    data.update(
        {
            "links-0-DELETE": "on",
            "images-0-upload": jpeg_upload(),
            "images-0-alt_text_en": "The control room.",
            "images-0-alt_text_zh_hant": "控制室。",
        }
    )

    response = login(editor).post(url("exhibit_edit", draft.pk), data)

    assert response.status_code == 302
    assert draft.links.count() == 0
    assert list(draft.images.values_list("alt_text_zh_hant", flat=True)) == ["控制室。"]
    assert len(stored_files(media_root)) == len(draft.images.get().stored_names)


def test_exhibit_edit_bad_image_keeps_text_and_changes_nothing(login, editor, draft, media_root):
    data = exhibit_post(draft, title_zh_hant="不應保存")
    data.update(
        {
            "images-0-upload": SimpleUploadedFile("x.png", b"<html></html>", "image/png"),
            "images-0-alt_text_en": "An image",
        }
    )

    response = login(editor).post(url("exhibit_edit", draft.pk), data)

    assert response.status_code == 400
    assert 'value="不應保存"' in response.content.decode()
    draft.refresh_from_db()
    assert draft.version == 1
    assert draft.title_zh_hant != "不應保存"
    assert ExhibitImage.objects.count() == 0
    assert stored_files(media_root) == []


def test_exhibit_edit_shows_missing_translation_markers(login, editor, draft):
    draft.summary_zh_hant = None
    draft.demo_notes_en = "Try the app at the booth."
    draft.save()

    html = login(editor).get(url("exhibit_edit", draft.pk)).content.decode()

    summary = html.split('id="row-summary"', 1)[1].split("</legend>", 1)[0]
    demo = html.split('id="row-demo_notes"', 1)[1].split("</legend>", 1)[0]
    title = html.split('id="row-title"', 1)[1].split("</legend>", 1)[0]
    assert "Missing: Traditional Chinese" in summary
    assert "Missing: Traditional Chinese" in demo
    assert "English and Traditional Chinese written" in title


def test_exhibit_create_oversized_upload_refused_over_http(login, editor, media_root):
    from exhibits import images

    padded = factories.jpeg_bytes(40, 30) + bytes(images.MAX_BYTES)
    data = exhibit_post(
        **{
            "images-0-upload": SimpleUploadedFile("big.jpg", padded, content_type="image/jpeg"),
            "images-0-alt_text_en": "Too big",
        }
    )

    response = login(editor).post(url("exhibit_create"), data)

    assert response.status_code == 400
    html = unescape(response.content.decode())
    errors = html.split('id="id_images-0-upload_errors"', 1)[1].split("</div>", 1)[0]
    assert "The file is over the 10.0\xa0MB limit. Save it smaller and try again." in errors
    assert 'value="Too big"' in html
    assert Exhibit.objects.count() == 0
    assert stored_files(media_root) == []


# --- A refused save: one summary, every entry kept, the photo named -------------------------


def error_summaries(html: str) -> list[str]:
    """The error banners of a page (notices and flash messages alike)."""
    return re.findall(r'class="(?:notice notice-error|portal-message portal-message-error)"', html)


def test_exhibit_create_refused_shows_one_summary_and_keeps_every_entry(
    login, editor, zone, media_root
):
    technology = factories.TechnologyFactory(slug="iot", name_en="Internet of Things")
    partner = factories.DepartmentFactory(name_en="Hong Kong Observatory")
    data = exhibit_post(
        title_en="",
        proposed_zone=str(zone.pk),
        technologies=[str(technology.pk)],
        partner_departments=[str(partner.pk)],
        **{
            "links-0-url": "https://www.dsd.gov.hk/",
            "links-0-label_en": "Drainage Services Department",
            "images-0-upload": jpeg_upload("sensor.jpg"),
            "images-0-alt_text_en": "A sensor inside a drain.",
            "images-0-credit": "DSD",
        },
    )

    response = login(editor).post(url("exhibit_create"), data)

    assert response.status_code == 400
    html = unescape(response.content.decode())
    assert len(error_summaries(html)) == 1
    assert "reload the page" not in html
    summary = html.split('id="form-errors"', 1)[1].split("</div>", 1)[0]
    assert summary.startswith(' tabindex="-1" autofocus>')
    assert [line.strip() for line in re.findall(r"<p[^>]*>(.*?)</p>", summary)] == [
        "Nothing was saved: 1 field needs attention (marked below).",
        "The image file you chose (sensor.jpg) was not kept: choose it again before saving.",
        "Everything else you typed is kept below.",
    ]
    assert "You chose “sensor.jpg”, but nothing was saved: choose the file again." in html
    for kept in [
        'value="智慧渠務監測"',
        f'value="{zone.pk}" selected',
        f'value="{technology.pk}" id="id_technologies_0" checked',
        f'value="{partner.pk}" id="id_partner_departments_0" checked',
        'value="https://www.dsd.gov.hk/"',
        'value="Drainage Services Department"',
        'value="A sensor inside a drain."',
        'value="DSD"',
    ]:
        assert kept in html, kept
    assert Exhibit.objects.count() == 0
    assert stored_files(media_root) == []


def test_exhibit_edit_missing_version_said_once_in_the_summary(login, editor, draft):
    response = login(editor).post(url("exhibit_edit", draft.pk), exhibit_post(draft, version=""))

    html = response.content.decode()
    assert response.status_code == 400
    assert len(error_summaries(html)) == 1
    assert html.count("This form is incomplete: reload the page and try again.") == 1
    summary = html.split('id="form-errors"', 1)[1].split("</div>", 1)[0]
    assert "This form is incomplete: reload the page and try again." in summary


# --- New link and image rows: optional, several per save, partners as checkboxes ------------


def test_exhibit_create_new_rows_are_optional_and_several(login, editor):
    html = login(editor).get(url("exhibit_create")).content.decode()

    links = html.split('id="links"', 1)[1].split('id="images"', 1)[0]
    images = html.split('id="images"', 1)[1].split('class="form-actions"', 1)[0]
    assert "(required)" not in links and "(required)" not in images
    assert 'name="links-TOTAL_FORMS" value="3"' in links
    assert 'name="images-TOTAL_FORMS" value="3"' in images
    assert links.count("<summary>Add another link</summary>") == 2
    assert images.count("<summary>Add another image</summary>") == 2
    assert 'name="title_en"' in html and "Title (English) <span" in html


def test_exhibit_create_saves_two_links_and_two_images_at_once(login, editor, media_root):
    data = exhibit_post(
        **{
            "links-TOTAL_FORMS": "3",
            "images-TOTAL_FORMS": "3",
            "links-0-url": "https://www.dsd.gov.hk/",
            "links-0-label_en": "DSD",
            "links-1-url": "https://www.hko.gov.hk/",
            "links-1-label_en": "Observatory",
            "images-0-upload": jpeg_upload("one.jpg"),
            "images-0-alt_text_en": "First photo.",
            "images-1-upload": jpeg_upload("two.jpg"),
            "images-1-alt_text_en": "Second photo.",
        }
    )

    response = login(editor).post(url("exhibit_create"), data)

    assert response.status_code == 302
    exhibit = Exhibit.objects.get()
    assert sorted(exhibit.links.values_list("label_en", flat=True)) == ["DSD", "Observatory"]
    assert sorted(exhibit.images.values_list("alt_text_en", flat=True)) == [
        "First photo.",
        "Second photo.",
    ]


def test_partner_departments_are_checkboxes_with_their_names(login, editor, department):
    partner = factories.DepartmentFactory(
        name_en="Hong Kong Observatory", abbreviation="HKO", name_zh_hant="香港天文台"
    )

    html = login(editor).get(url("exhibit_create")).content.decode()

    assert '<select name="partner_departments"' not in html
    assert (
        f'<input type="checkbox" name="partner_departments" value="{partner.pk}" '
        'id="id_partner_departments_0"> <label for="id_partner_departments_0">'
        "Hong Kong Observatory (HKO) · 香港天文台</label>"
    ) in html
    assert "Hold Ctrl" not in html


@pytest.mark.parametrize(
    ("prefix", "expected"),
    [("", "Missing: English, Traditional Chinese"), ("/zh-hant", "欠缺：英文、繁體中文")],  # noqa: RUF001
)
def test_exhibit_edit_lists_missing_languages_with_the_language_punctuation(
    login, editor, draft, prefix, expected
):
    draft.demo_notes_en = None
    draft.demo_notes_zh_hant = None
    draft.summary_en = None
    draft.summary_zh_hant = None
    draft.save()

    html = login(editor).get(prefix + url("exhibit_edit", draft.pk)).content.decode()

    summary = html.split('id="row-summary"', 1)[1].split("</legend>", 1)[0]
    assert expected in summary
