"""The same bad input is refused the same way through every door: portal, admin and API.

Each case changes a draft through the department portal's edit page, the curators' admin
change form and the department API, and expects the same outcome everywhere: refused,
the same field named with the same sentence, and nothing changed — content, version,
partners, images.
"""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from exhibits.content import EXHIBIT_FIELD_BY_COLUMN, MAX_IMAGES
from exhibits.models import Exhibit
from pavilion.tokens import api_token_create
from tests import factories
from tests.portal.helpers import exhibit_post
from tests.test_admin import admin_form_data

LEAD_AS_PARTNER = "The lead department cannot also be a partner."
TOO_MANY_IMAGES = f"An exhibit has at most {MAX_IMAGES} images."


def _too_long(column: str) -> tuple[str, str]:
    field = EXHIBIT_FIELD_BY_COLUMN[column]
    limit = field.max_length
    return "x" * (limit + 1), f"At most {limit} characters (it has {limit + 1})."


#: case: (what to send, the field refused, text every door's refusal contains)
CASES = {
    "title too long": ("title_en", "title_en", None),
    "description too long": ("description_en", "description_en", None),
    "demo notes too long": ("demo_notes_zh_hant", "demo_notes_zh_hant", None),
    "lead department as partner": ("partner", "partner_departments", LEAD_AS_PARTNER),
    "thirteenth image": ("image", "images", TOO_MANY_IMAGES),
}


@pytest.fixture(autouse=True)
def _english():
    translation.activate("en")
    yield
    translation.activate("en")


@pytest.fixture
def scene(edition, zones, department, coordinator, curator, media_root, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    draft = factories.ExhibitFactory(
        edition=edition, lead_department=department, proposed_zone=zones[0], title_en="Ours"
    )
    return {"draft": draft, "department": department, "coordinator": coordinator}


def _fill_images(draft: Exhibit) -> None:
    for order in range(MAX_IMAGES):
        factories.ExhibitImageFactory(exhibit=draft, order=order, width=64, height=48)


def _jpeg(name: str = "new.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, factories.jpeg_bytes(64, 48), content_type="image/jpeg")


def _state(draft: Exhibit) -> tuple:
    draft.refresh_from_db()
    return (
        {column: getattr(draft, column) for column in ("title_en", "description_en")},
        draft.demo_notes_zh_hant,
        draft.version,
        sorted(draft.partner_departments.values_list("pk", flat=True)),
        draft.images.count(),
    )


def through_portal(client, scene, what: str) -> tuple[int, str]:
    draft = scene["draft"]
    client.force_login(scene["coordinator"])
    data = exhibit_post(draft)
    if what == "partner":
        data["partner_departments"] = [str(scene["department"].pk)]
    elif what == "image":
        n = MAX_IMAGES
        data["images-TOTAL_FORMS"] = str(n + 1)
        data |= {f"images-{n}-upload": _jpeg(), f"images-{n}-alt_text_en": "A new photo."}
    else:
        data[what] = _too_long(what)[0]
    response = client.post(reverse("portal:exhibit_edit", args=[draft.pk]), data)
    return response.status_code, response.content.decode()


def through_admin(client, scene, what: str, curator) -> tuple[int, str]:
    draft = scene["draft"]
    client.force_login(curator)
    url = reverse("admin:exhibits_exhibit_change", args=[draft.pk])
    data = admin_form_data(client.get(url))
    if what == "partner":
        data["partner_departments"] = [str(scene["department"].pk)]
    elif what == "image":
        n = int(data["images-TOTAL_FORMS"])
        data["images-TOTAL_FORMS"] = str(n + 1)
        data |= {
            f"images-{n}-upload": _jpeg(),
            f"images-{n}-alt_text_en": "A new photo.",
            f"images-{n}-exhibit": str(draft.pk),
        }
    else:
        data[what] = _too_long(what)[0]
    response = client.post(url, data)
    return response.status_code, response.content.decode()


def through_api(client, scene, what: str) -> tuple[int, str]:
    draft = scene["draft"]
    token = api_token_create(user=scene["coordinator"], name="doors")[1]
    headers = {"Authorization": f"Bearer {token}"}
    base = reverse("api:department-exhibit-detail", args=[draft.pk])
    if what == "image":
        response = client.post(
            f"{base}images/",
            {"image": _jpeg(), "alt_text_en": "A new photo."},
            headers=headers,
        )
    else:
        body: dict = {"version": draft.version}
        if what == "partner":
            body["partner_departments"] = [scene["department"].slug]
        else:
            body[what] = _too_long(what)[0]
        response = client.patch(
            base, json.dumps(body), content_type="application/json", headers=headers
        )
    return response.status_code, json.dumps(response.json(), ensure_ascii=False)


@pytest.mark.parametrize("door", ["portal", "admin", "api"])
@pytest.mark.parametrize("case", CASES)
def test_bad_input_is_refused_alike_through_every_door(client, scene, curator, case, door):
    what, field, message = CASES[case]
    draft = scene["draft"]
    if what == "image":
        _fill_images(draft)
    before = _state(draft)

    if door == "portal":
        status, body = through_portal(client, scene, what)
    elif door == "admin":
        status, body = through_admin(client, scene, what, curator)
    else:
        status, body = through_api(client, scene, what)

    # Refused: the portal and the API answer 400, the admin shows its form again (200).
    assert status == {"portal": 400, "admin": 200, "api": 400}[door]
    expected = message or _too_long(what)[1]
    assert expected in body
    if door == "api":
        assert field in json.loads(body)
    assert _state(draft) == before
