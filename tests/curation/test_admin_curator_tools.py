"""The curators' tools wired into the admin: export with the list's filters, import of
drafts and departments through the preview (a bad row saves nothing and is named), the
demonstrations inline, carry forward and copy actions, links to signs and floor plans."""

from __future__ import annotations

import csv
import datetime as dt
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from departments.models import Department
from exhibits.models import DemoSession, Exhibit
from pavilion.models import Edition
from tests import factories
from tests.factories import hkt
from tests.test_admin import admin_form_data

pytestmark = pytest.mark.django_db

EXHIBITS = reverse("admin:exhibits_exhibit_changelist")
EXPORT = reverse("admin:exhibits_exhibit_export")
IMPORT = reverse("admin:exhibits_exhibit_import")
PROCESS_IMPORT = reverse("admin:exhibits_exhibit_process_import")


@pytest.fixture
def signed_in(client, curator):
    client.force_login(curator)
    return client


@pytest.fixture
def catalogue(edition, zones):
    living, mobility = zones
    dpo = factories.DepartmentFactory(slug="dpo")
    hko = factories.DepartmentFactory(slug="hko")
    made = {}
    for slug, zone, status, lead in [
        ("iam-smart", living, "published", dpo),
        ("ai-weather", living, "published", hko),
        ("railway", mobility, "published", dpo),
        ("kiosk", living, "in_review", dpo),
        ("robot", living, "draft", hko),
    ]:
        made[slug] = factories.ExhibitFactory(
            edition=edition,
            zone=zone,
            status=status,
            slug=slug,
            title_en=slug.replace("-", " ").title(),
            title_zh_hant=f"{slug} 中文",
            lead_department=lead,
        )
    other = factories.EditionFactory(slug="innoex-2019")
    factories.PublishedExhibitFactory(edition=other, slug="old", lead_department=dpo)
    return made


def export_data(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def export_post(signed_in, query: str, fmt: str):
    from exhibits.resources import ExhibitResource

    fields = {f"exhibitresource_{name}": "on" for name in ExhibitResource().get_export_order()}
    return signed_in.post(f"{EXPORT}?{query}", {"format": fmt, "resource": "0", **fields})


@pytest.mark.parametrize(
    "query",
    [
        "status__exact=published",
        "zone__id__exact={living}&status__exact=published",
        "q=Weather",
        "department={dpo}",
    ],
)
def test_admin_export_rows_match_the_filtered_list_csv_and_xlsx(signed_in, catalogue, zones, query):
    query = query.format(living=zones[0].pk, dpo=catalogue["iam-smart"].lead_department_id)
    listed = signed_in.get(f"{EXHIBITS}?{query}")
    expected = sorted(e.slug for e in listed.context["cl"].queryset)

    as_csv = export_post(signed_in, query, "0")
    as_xlsx = export_post(signed_in, query, "1")

    assert as_csv.status_code == 200
    assert as_csv["Content-Type"].startswith("text/csv")
    rows = export_data(as_csv)
    assert sorted(row["Slug"] for row in rows) == expected
    assert {
        "Title (English)",
        "Title (Traditional Chinese)",
        "Title (Simplified Chinese)",
        "Summary (Simplified Chinese)",
    } <= set(rows[0])
    book = openpyxl.load_workbook(io.BytesIO(as_xlsx.content))
    sheet = list(book.active.iter_rows(values_only=True))
    slug_column = sheet[0].index("Slug")
    assert sorted(row[slug_column] for row in sheet[1:]) == expected
    assert len(expected) >= 1


def test_admin_export_form_labels_columns_in_words(signed_in, catalogue):
    form = signed_in.get(EXPORT).context["form"]

    labels = {name: str(field.label) for name, field in form.fields.items()}
    assert labels["exhibitresource_title_zh_hant"] == "Title (Traditional Chinese)"
    assert labels["exhibitresource_demo_notes_zh_hans"] == (
        "Demonstration notes (Simplified Chinese)"
    )
    assert labels["exhibitresource_lead_department"] == "Lead department"
    assert not any("Zh Hant" in label or "Zh Hans" in label for label in labels.values())


def test_admin_export_then_import_round_trip(signed_in, catalogue, edition):
    exported = export_post(signed_in, "status__exact=published&q=Weather", "0")
    text = exported.content.decode("utf-8-sig")
    header, row = text.splitlines()
    assert header.startswith("Edition,Slug,Title (English),Title (Traditional Chinese),")
    # The same file back, as a new draft under another slug (imports make drafts only).
    again = header + "\n" + row.replace(",ai-weather,", ",ai-weather-copy,", 1) + "\n"

    preview = signed_in.post(
        IMPORT, {"format": "0", "resource": "0", "import_file": upload("export.csv", again)}
    )
    assert preview.context["result"].invalid_rows == []
    signed_in.post(PROCESS_IMPORT, dict(preview.context["confirm_form"].initial))

    copy = Exhibit.objects.get(edition=edition, slug="ai-weather-copy")
    assert (copy.status, copy.title_en, copy.title_zh_hant, copy.lead_department.slug) == (
        "draft",
        "Ai Weather",
        "ai-weather 中文",
        "hko",
    )


def upload(name: str, text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode(), "text/csv")


IMPORT_HEADER = "edition,slug,title_en,title_zh_hant,lead_department,technologies,status\n"


def test_admin_import_with_one_bad_row_saves_nothing_and_names_the_row(
    signed_in, catalogue, edition
):
    before = Exhibit.objects.count()
    text = IMPORT_HEADER + (
        f"{edition.slug},sensor-net,Sensor network,感應網絡,hko,,published\n"
        f"{edition.slug},drone,Drone,無人機,nobody,,\n"
    )

    response = signed_in.post(
        IMPORT, {"format": "0", "resource": "0", "import_file": upload("drafts.csv", text)}
    )

    result = response.context["result"]
    html = response.content.decode()
    assert response.status_code == 200
    assert [row.number for row in result.invalid_rows] == [2]
    assert result.invalid_rows[0].error_dict == {"lead_department": ["No department “nobody”."]}
    assert "No department “nobody”." in html
    # No way to confirm: the preview shows the errors only.
    assert "confirm_form" not in response.context
    assert Exhibit.objects.count() == before


def test_admin_import_confirmed_creates_drafts(signed_in, catalogue, curator, edition):
    text = IMPORT_HEADER + f"{edition.slug},sensor-net,Sensor network,感應網絡,hko,,published\n"
    preview = signed_in.post(
        IMPORT, {"format": "0", "resource": "0", "import_file": upload("drafts.csv", text)}
    )
    confirm = preview.context["confirm_form"]
    assert not Exhibit.objects.filter(slug="sensor-net").exists()  # the preview saved nothing

    response = signed_in.post(PROCESS_IMPORT, dict(confirm.initial))

    draft = Exhibit.objects.get(slug="sensor-net")
    assert (response.status_code, response["Location"]) == (302, EXHIBITS)
    assert (draft.status, draft.created_by, draft.title_zh_hant) == ("draft", curator, "感應網絡")


def test_admin_department_import_with_a_bad_row_saves_nothing(signed_in, db):
    text = (
        "slug,name_en,name_zh_hant,abbreviation,kind,website\n"
        "hko,Hong Kong Observatory,香港天文台,HKO,government,\n"
        "dsd,Drainage Services Department,渠務署,DSD,ministry,\n"
    )

    response = signed_in.post(
        reverse("admin:departments_department_import"),
        {"format": "0", "resource": "0", "import_file": upload("departments.csv", text)},
    )

    result = response.context["result"]
    assert [(row.number, row.error_dict) for row in result.invalid_rows] == [
        (2, {"kind": ["Value 'ministry' is not a valid choice."]})
    ]
    assert Department.objects.count() == 0


def test_admin_department_export_lists_every_language(signed_in, db):
    factories.DepartmentFactory(
        slug="dpo", name_en="Digital Policy Office", name_zh_hant="數字政策辦公室"
    )
    from departments.resources import DepartmentResource

    fields = {
        f"departmentresource_{name}": "on" for name in DepartmentResource().get_export_order()
    }
    response = signed_in.post(
        reverse("admin:departments_department_export"), {"format": "0", "resource": "0", **fields}
    )

    assert [(row["Slug"], row["Name (Traditional Chinese)"]) for row in export_data(response)] == [
        ("dpo", "數字政策辦公室")
    ]


def test_admin_exhibit_list_offers_import_export_and_keeps_the_review_queue_link(
    signed_in, catalogue
):
    html = signed_in.get(f"{EXHIBITS}?status__exact=published").content.decode()

    assert f"href='{IMPORT}'" in html
    assert f'href="{EXPORT}?status__exact=published"' in html
    assert "Review queue" in html


# --- demonstrations inline ---------------------------------------------------------------


def test_admin_exhibit_change_adds_a_demonstration_in_hong_kong_time(
    signed_in, catalogue, settings
):
    exhibit = catalogue["iam-smart"]
    url = reverse("admin:exhibits_exhibit_change", args=[exhibit.pk])
    data = admin_form_data(signed_in.get(url)) | {
        "demo_sessions-TOTAL_FORMS": "1",
        "demo_sessions-0-starts_at_0": "2025-04-14",
        "demo_sessions-0-starts_at_1": "10:00",
        "demo_sessions-0-ends_at_0": "2025-04-14",
        "demo_sessions-0-ends_at_1": "10:30",
        "demo_sessions-0-title_en": "Sign in with iAM Smart",
        "demo_sessions-0-title_zh_hant": "以智方便登入",
    }

    response = signed_in.post(url, data)

    assert response.status_code == 302
    (demo,) = DemoSession.objects.filter(exhibit=exhibit)
    assert (demo.starts_at, demo.ends_at, demo.title_zh_hant) == (
        hkt(2025, 4, 14, 10),
        hkt(2025, 4, 14, 10, 30),
        "以智方便登入",
    )


def test_admin_exhibit_change_refuses_a_demonstration_outside_the_fair(signed_in, catalogue):
    exhibit = catalogue["iam-smart"]
    url = reverse("admin:exhibits_exhibit_change", args=[exhibit.pk])
    data = admin_form_data(signed_in.get(url)) | {
        "title_en": "Changed title",
        "demo_sessions-TOTAL_FORMS": "1",
        "demo_sessions-0-starts_at_0": "2025-04-20",
        "demo_sessions-0-starts_at_1": "10:00",
        "demo_sessions-0-ends_at_0": "2025-04-20",
        "demo_sessions-0-ends_at_1": "10:30",
        "demo_sessions-0-title_en": "Too late",
    }

    response = signed_in.post(url, data)

    formset = next(
        i.formset
        for i in response.context["inline_admin_formsets"]
        if i.formset.prefix == "demo_sessions"
    )
    assert response.status_code == 200
    assert formset.errors == [
        {
            "__all__": [
                "A demonstration must take place during the fair, between 2025-04-13 and "
                "2025-04-16 (Hong Kong time)."
            ]
        }
    ]
    assert DemoSession.objects.count() == 0
    assert Exhibit.objects.get(pk=exhibit.pk).title_en == "Iam Smart"


# --- carry forward and copy ----------------------------------------------------------------


def test_admin_action_carry_forward_asks_for_the_edition_then_makes_drafts(
    signed_in, catalogue, edition
):
    target = factories.EditionFactory(
        slug="innoex-2026", starts_on=dt.date(2026, 4, 13), ends_on=dt.date(2026, 4, 16)
    )
    chosen = [catalogue["iam-smart"], catalogue["railway"]]

    action = signed_in.post(
        EXHIBITS,
        {"action": "carry_forward_to_edition", "_selected_action": [e.pk for e in chosen]},
    )
    form_page = signed_in.get(action["Location"])
    done = signed_in.post(
        reverse("admin_tools:carry_forward"),
        {"ids": form_page.context["ids"], "edition": target.pk},
    )

    drafts = list(target.exhibits.order_by("slug"))
    assert action.status_code == 302
    assert [e.pk for e in form_page.context["exhibits"]] == [
        catalogue["iam-smart"].pk,
        catalogue["railway"].pk,
    ]
    # The exhibits' own edition is not offered.
    assert list(form_page.context["form"].fields["edition"].queryset) == [
        target,
        Edition.objects.get(slug="innoex-2019"),
    ]
    assert [(d.slug, d.status, d.previous) for d in drafts] == [
        ("iam-smart", "draft", catalogue["iam-smart"]),
        ("railway", "draft", catalogue["railway"]),
    ]
    ids = ",".join(str(d.pk) for d in sorted(drafts, key=lambda d: d.previous.title_en))
    assert done["Location"] == f"{EXHIBITS}?id__in={ids.replace(',', '%2C')}"


def test_admin_carry_forward_twice_is_refused_with_409(signed_in, catalogue):
    target = factories.EditionFactory(slug="innoex-2026")
    ids = str(catalogue["iam-smart"].pk)
    signed_in.post(reverse("admin_tools:carry_forward"), {"ids": ids, "edition": target.pk})

    again = signed_in.post(reverse("admin_tools:carry_forward"), {"ids": ids, "edition": target.pk})

    assert (again.status_code, again.context["errors"]) == (
        409,
        ["“Iam Smart” was already carried forward into innoex-2026 (as iam-smart)."],
    )
    assert target.exhibits.count() == 1


def test_admin_carry_forward_without_exhibits_is_400(signed_in, db):
    assert signed_in.get(reverse("admin_tools:carry_forward"), {"ids": "x"}).status_code == 400


def test_admin_edition_copy_action_and_form(signed_in, catalogue, edition):
    factories.BoothFactory(zone=catalogue["iam-smart"].zone, edition=edition, code="L01")
    action = signed_in.post(
        reverse("admin:pavilion_edition_changelist"),
        {"action": "copy_to_new_edition", "_selected_action": [edition.pk]},
    )
    form_page = signed_in.get(action["Location"])

    response = signed_in.post(
        action["Location"],
        {
            "slug": "innoex-2026",
            "starts_on": "2026-04-13",
            "ends_on": "2026-04-16",
            "submission_opens_at": "2025-11-01 09:00",
            "submission_closes_at": "2026-01-31 18:00",
        },
    )

    new = Edition.objects.get(slug="innoex-2026")
    assert form_page.status_code == 200
    assert form_page.context["form"].initial["starts_on"] == dt.date(2026, 4, 13)
    assert (response.status_code, response["Location"]) == (
        302,
        reverse("admin:pavilion_edition_change", args=[new.pk]),
    )
    assert (new.zones.count(), new.booths.count()) == (2, 1)
    assert new.submission_closes_at == hkt(2026, 1, 31, 18)


def test_admin_edition_copy_refuses_a_slug_in_use(signed_in, edition):
    response = signed_in.post(
        reverse("admin_tools:edition_copy", args=[edition.pk]),
        {
            "slug": edition.slug,
            "starts_on": "2026-04-13",
            "ends_on": "2026-04-16",
            "submission_opens_at": "2025-11-01 09:00",
            "submission_closes_at": "2026-01-31 18:00",
        },
    )

    assert response.status_code == 400
    assert response.context["form"].errors == {"slug": ["Edition with this Slug already exists."]}
    assert Edition.objects.count() == 1


# --- links ---------------------------------------------------------------------------------


def test_admin_zone_and_exhibit_pages_link_the_tools(signed_in, catalogue, zones):
    exhibit = catalogue["iam-smart"]
    zone_list = signed_in.get(reverse("admin:pavilion_zone_changelist")).content.decode()
    zone_page = signed_in.get(
        reverse("admin:pavilion_zone_change", args=[zones[0].pk])
    ).content.decode()
    exhibit_page = signed_in.get(
        reverse("admin:exhibits_exhibit_change", args=[exhibit.pk])
    ).content.decode()

    floor = reverse("admin_tools:floor_plan", args=[zones[0].pk])
    signs = reverse("admin_tools:zone_signs", args=[zones[0].pk])
    assert f'<a href="{floor}">Floor plan</a>' in zone_list
    assert f'<a href="{signs}">Booth signs</a>' in zone_page
    sign = reverse("admin_tools:exhibit_sign", args=[exhibit.pk])
    assert f'<a href="{sign}">Booth sign (A4)</a>' in exhibit_page
    assert f'<a href="{floor}">Floor plan of its zone</a>' in exhibit_page
