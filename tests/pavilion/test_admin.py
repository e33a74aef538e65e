"""The pavilion's back-office: editions with their zones and booths."""

from __future__ import annotations

import pytest
from django.urls import reverse

from pavilion.models import Booth, Edition, Zone
from tests import factories
from tests.test_admin import admin_form_data


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def signed_in(client, curator):
    client.force_login(curator)
    return client


def test_booth_admin_refuses_a_zone_of_another_edition(signed_in, edition):
    elsewhere = factories.ZoneFactory()
    url = reverse("admin:pavilion_booth_add")
    data = admin_form_data(signed_in.get(url)) | {
        "edition": str(edition.pk),
        "zone": str(elsewhere.pk),
        "code": "L-01",
    }

    response = signed_in.post(url, data)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {
        "zone": ["The zone must belong to the booth's edition."]
    }
    assert Booth.objects.count() == 0


def test_booth_admin_labels_zones_with_their_edition(signed_in, edition):
    factories.ZoneFactory(edition=edition, name_en="Smart Living")

    response = signed_in.get(reverse("admin:pavilion_booth_add"))

    labels = [label for _value, label in response.context["adminform"].form.fields["zone"].choices]
    assert labels == ["---------", f"Smart Living · {edition.slug}"]


def test_edition_admin_adds_an_edition_with_its_zones(signed_in, db):
    url = reverse("admin:pavilion_edition_add")
    data = admin_form_data(signed_in.get(url)) | {
        "slug": "innoex-2026",
        "edition_number": "4",
        "name_en": "Smart Hong Kong Pavilion",
        "name_zh_hant": "智慧香港展館",
        "fair_name_en": "InnoEX 2026",
        "venue_en": "Hong Kong Convention and Exhibition Centre",
        "starts_on": "2026-04-13",
        "ends_on": "2026-04-16",
        "submission_opens_at_0": "2026-01-05",
        "submission_opens_at_1": "09:00:00",
        "submission_closes_at_0": "2026-02-27",
        "submission_closes_at_1": "18:00:00",
        "zones-TOTAL_FORMS": "2",
        "zones-0-slug": "smart-living",
        "zones-0-name_en": "Smart Living",
        "zones-0-name_zh_hant": "智慧生活",
        "zones-0-order": "0",
        "zones-0-colour": "#0b5394",
        "zones-1-slug": "smart-mobility",
        "zones-1-name_en": "Smart Mobility",
        "zones-1-name_zh_hant": "智慧出行",
        "zones-1-order": "1",
        "zones-1-colour": "#38761d",
    }

    response = signed_in.post(url, data)

    edition = Edition.objects.get(slug="innoex-2026")
    assert response.status_code == 302
    assert list(edition.zones.values_list("slug", "name_zh_hant")) == [
        ("smart-living", "智慧生活"),
        ("smart-mobility", "智慧出行"),
    ]


def test_edition_admin_booths_offer_only_the_editions_zones(signed_in, edition):
    own = factories.ZoneFactory(edition=edition)
    factories.ZoneFactory()  # another edition's
    url = reverse("admin:pavilion_edition_change", args=[edition.pk])

    response = signed_in.get(url)

    (booths,) = [
        inline.formset
        for inline in response.context["inline_admin_formsets"]
        if inline.formset.model is Booth
    ]
    assert list(booths.form.base_fields["zone"].queryset) == [own]
    assert [value for value, _label in booths.form.base_fields["zone"].choices] == [
        "",
        str(own.pk),
    ]


def test_edition_admin_adds_booths_to_its_zones(signed_in, edition):
    zone = factories.ZoneFactory(edition=edition)
    url = reverse("admin:pavilion_edition_change", args=[edition.pk])
    data = admin_form_data(signed_in.get(url)) | {
        "booths-TOTAL_FORMS": "2",
        "booths-0-zone": str(zone.pk),
        "booths-0-code": "L-01",
        "booths-1-zone": str(zone.pk),
        "booths-1-code": "L-02",
    }

    response = signed_in.post(url, data)

    assert response.status_code == 302
    assert list(Booth.objects.values_list("edition", "zone", "code")) == [
        (edition.pk, zone.pk, "L-01"),
        (edition.pk, zone.pk, "L-02"),
    ]


def test_edition_admin_search_matches_chinese_names(signed_in, edition):
    factories.EditionFactory(name_zh_hant="另一展館")

    response = signed_in.get(reverse("admin:pavilion_edition_changelist"), {"q": "智慧香港"})

    assert list(response.context["cl"].result_list) == [edition]


def test_zone_admin_keeps_a_zone_in_its_edition(signed_in, edition):
    zone = factories.ZoneFactory(edition=edition)

    response = signed_in.get(reverse("admin:pavilion_zone_change", args=[zone.pk]))

    assert "edition" not in response.context["adminform"].form.fields
    assert Zone.objects.get().edition == edition
