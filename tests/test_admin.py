"""The back-office as a whole: every registered model's pages, who may open them, and the
changelists' exact query counts (the same with 3 and with 20 rows: no query per row).

App-specific behaviour lives beside its app (tests/exhibits/test_admin.py,
tests/pavilion/test_admin.py).
"""

from __future__ import annotations

import pytest
from django import forms
from django.contrib import admin
from django.urls import reverse

from tests import factories

# app_label.model_name of every model the back-office must offer.
MODELS = [
    "pavilion.edition",
    "pavilion.zone",
    "pavilion.booth",
    "departments.department",
    "departments.membership",
    "departments.quota",
    "departments.invitation",
    "awards.award",
    "awards.recognition",
    "exhibits.technology",
    "exhibits.exhibit",
    "exhibits.exhibitimage",
    "exhibits.exhibitlink",
]


def admin_url(label: str, view: str, *args) -> str:
    app_label, model_name = label.split(".")
    return reverse(f"admin:{app_label}_{model_name}_{view}", args=args)


def build_rows(label: str, count: int) -> list:
    """``count`` objects of the model, with the relations its changelist shows."""
    if label == "pavilion.edition":
        editions = factories.EditionFactory.create_batch(count)
        for edition in editions:
            factories.ZoneFactory(edition=edition)
            factories.ExhibitFactory(edition=edition)
        return editions
    if label == "pavilion.zone":
        edition = factories.EditionFactory()
        zones = factories.ZoneFactory.create_batch(count, edition=edition)
        for zone in zones:
            factories.BoothFactory(zone=zone)
        return zones
    if label == "pavilion.booth":
        zone = factories.ZoneFactory()
        booths = factories.BoothFactory.create_batch(count, zone=zone)
        for booth in booths[::2]:
            factories.ExhibitFactory(edition=zone.edition, zone=zone, booth=booth)
        return booths
    if label == "departments.department":
        departments = factories.DepartmentFactory.create_batch(count)
        for department in departments:
            factories.MembershipFactory(department=department)
            factories.ExhibitFactory(lead_department=department)
        return departments
    if label == "departments.membership":
        return factories.MembershipFactory.create_batch(count)
    if label == "departments.quota":
        edition = factories.EditionFactory()
        return factories.QuotaFactory.create_batch(count, edition=edition)
    if label == "departments.invitation":
        return factories.InvitationFactory.create_batch(count)
    if label == "awards.award":
        awards = factories.AwardFactory.create_batch(count)
        for award in awards:
            factories.RecognitionFactory(award=award)
        return awards
    if label == "awards.recognition":
        award = factories.AwardFactory()
        return factories.RecognitionFactory.create_batch(count, award=award)
    if label == "exhibits.technology":
        technologies = factories.TechnologyFactory.create_batch(count)
        factories.ExhibitFactory().technologies.set(technologies)
        return technologies
    if label == "exhibits.exhibit":
        return build_exhibits(count)
    if label == "exhibits.exhibitimage":
        # Images of several exhibits: one exhibit holds at most 12 (exhibits.content).
        return [factories.ExhibitImageFactory(order=i) for i in range(count)]
    if label == "exhibits.exhibitlink":
        return factories.ExhibitLinkFactory.create_batch(count)
    raise AssertionError(label)


def build_exhibits(count: int) -> list:
    """Exhibits with everything the changelist shows: zone, booth, images, partners, prizes."""
    edition = factories.EditionFactory(is_current=True)
    zones = factories.ZoneFactory.create_batch(2, edition=edition)
    technology = factories.TechnologyFactory()
    partner = factories.DepartmentFactory()
    award = factories.AwardFactory()
    exhibits = []
    for i in range(count):
        zone = zones[i % 2]
        exhibit = factories.ExhibitFactory(
            edition=edition,
            zone=zone,
            booth=factories.BoothFactory(zone=zone),
        )
        exhibit.technologies.set([technology])
        exhibit.partner_departments.set([partner])
        factories.ExhibitImageFactory(exhibit=exhibit)
        factories.ExhibitLinkFactory(exhibit=exhibit)
        factories.RecognitionFactory(exhibit=exhibit, award=award)
        exhibits.append(exhibit)
    return exhibits


def admin_form_data(response) -> dict:
    """The POST body a browser would send for an admin form page as rendered.

    Walks the main form and every inline formset (management forms included), so tests
    change only what they mean to change.
    """
    data: dict = {}

    def add(form: forms.BaseForm) -> None:
        for bound in form:
            value = bound.value()
            widget = bound.field.widget
            widget = getattr(widget, "widget", widget)  # RelatedFieldWidgetWrapper
            if value is None or isinstance(widget, forms.FileInput):
                continue
            if isinstance(widget, forms.MultiWidget):
                for i, part in enumerate(widget.decompress(value)):
                    data[f"{bound.html_name}_{i}"] = "" if part is None else str(part)
            elif isinstance(widget, forms.CheckboxInput):
                if value:
                    data[bound.html_name] = "on"
            elif isinstance(value, list | tuple):
                data[bound.html_name] = [str(v) for v in value]
            else:
                data[bound.html_name] = str(value)

    add(response.context["adminform"].form)
    for inline in response.context.get("inline_admin_formsets", []):
        add(inline.formset.management_form)
        for form in inline.formset.forms:
            add(form)
    return data


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    # Users are made by the dozen here; the production hasher would dominate the run.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def submitter(db):
    return factories.MembershipFactory(role="coordinator").user


def test_admin_registers_every_model():
    registered = {f"{m._meta.app_label}.{m._meta.model_name}" for m in admin.site._registry}
    assert set(MODELS) <= registered


@pytest.mark.parametrize("label", MODELS)
def test_admin_pages_answer_a_curator(client, curator, label):
    (obj,) = build_rows(label, 1)
    client.force_login(curator)

    changelist = client.get(admin_url(label, "changelist"))
    add = client.get(admin_url(label, "add"))
    change = client.get(admin_url(label, "change", obj.pk))

    assert (changelist.status_code, add.status_code, change.status_code) == (200, 200, 200)
    assert list(changelist.context["cl"].result_list) == [obj]
    assert change.context["original"] == obj


@pytest.mark.parametrize("label", MODELS)
def test_admin_pages_answer_a_superuser(client, db, label):
    (obj,) = build_rows(label, 1)
    client.force_login(factories.UserFactory(is_staff=True, is_superuser=True))

    codes = [
        client.get(admin_url(label, view, *args)).status_code
        for view, args in [("changelist", ()), ("add", ()), ("change", (obj.pk,))]
    ]

    assert codes == [200, 200, 200]


@pytest.mark.parametrize("visitor", ["anonymous", "submitter"])
@pytest.mark.parametrize("label", MODELS)
def test_admin_pages_send_others_to_sign_in(client, submitter, label, visitor):
    (obj,) = build_rows(label, 1)
    if visitor == "submitter":
        client.force_login(submitter)

    for view, args in [("changelist", ()), ("add", ()), ("change", (obj.pk,))]:
        url = admin_url(label, view, *args)
        response = client.get(url)
        assert (response.status_code, response["Location"]) == (
            302,
            f"{reverse('admin:login')}?next={url}",
        )


@pytest.mark.parametrize("label", MODELS)
def test_admin_pages_refuse_staff_outside_curators(client, db, label):
    (obj,) = build_rows(label, 1)
    client.force_login(factories.UserFactory(is_staff=True))

    codes = [
        client.get(admin_url(label, view, *args)).status_code
        for view, args in [("changelist", ()), ("add", ()), ("change", (obj.pk,))]
    ]

    assert codes == [403, 403, 403]


def test_admin_index_shows_staff_outside_curators_nothing(client, db):
    client.force_login(factories.UserFactory(is_staff=True))

    response = client.get(reverse("admin:index"))

    assert (response.status_code, response.context["app_list"]) == (200, [])


def test_admin_index_lists_every_model_for_a_curator(client, curator):
    client.force_login(curator)

    response = client.get(reverse("admin:index"))

    listed = {
        f"{app['app_label']}.{m['object_name'].lower()}"
        for app in response.context["app_list"]
        for m in app["models"]
    }
    assert set(MODELS) <= listed


# Queries of each changelist, whatever the number of rows. Every page starts with 4
# (session, user, the user's and the groups' permissions); then one per related filter's
# choices, two counts (page and full result), the rows with their joins and annotations,
# one per prefetched relation, and two for a date hierarchy (its bounds, its dates).
CHANGELIST_QUERIES = {
    "pavilion.edition": 9,  # 4 + 2 counts + rows + 2 date hierarchy
    "pavilion.zone": 8,  # 4 + edition filter + 2 counts + rows
    "pavilion.booth": 9,  # 4 + edition, zone filters + 2 counts + rows
    "departments.department": 7,  # 4 + 2 counts + rows (annotated)
    "departments.membership": 10,  # 4 + department filter + 2 counts + rows + 2 dates
    "departments.quota": 8,  # 4 + edition filter + 2 counts + rows
    "departments.invitation": 10,  # 4 + department filter + 2 counts + rows + 2 dates
    "awards.award": 7,  # 4 + 2 counts + rows (annotated)
    "awards.recognition": 9,  # 4 + award filter + year filter + 2 counts + rows
    "exhibits.technology": 7,  # 4 + 2 counts + rows (annotated)
    # 4 + edition, zone, department, award, technology filters + 2 counts + zone choices
    # of the editable column + rows + images + 2 date hierarchy
    "exhibits.exhibit": 16,
    "exhibits.exhibitimage": 8,  # 4 + edition filter + 2 counts + rows
    "exhibits.exhibitlink": 8,  # 4 + edition filter + 2 counts + rows
}


@pytest.mark.parametrize("rows", [3, 20])
@pytest.mark.parametrize("label", MODELS)
def test_admin_changelist_queries_do_not_grow_with_rows(
    client, curator, django_assert_num_queries, label, rows
):
    build_rows(label, rows)
    client.force_login(curator)
    url = admin_url(label, "changelist")

    with django_assert_num_queries(CHANGELIST_QUERIES[label]):
        response = client.get(url)

    assert len(response.context["cl"].result_list) == rows
