"""Floor plans: booth_assign/booth_release and the plan page; a booth holds one exhibit."""

from __future__ import annotations

import re

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from curation.services import booth_assign, booth_release
from exhibits.models import Exhibit
from exhibits.workflow import Conflict, NotAllowed
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(edition, zones):
    living, mobility = zones
    booths = {
        code: factories.BoothFactory(zone=living, edition=edition, code=code)
        for code in ("L01", "L02", "L03")
    }
    booths["M01"] = factories.BoothFactory(zone=mobility, edition=edition, code="M01")
    iam = factories.ExhibitFactory(
        edition=edition, zone=living, status="approved", title_en="iAM Smart", booth=booths["L01"]
    )
    weather = factories.ExhibitFactory(
        edition=edition, zone=living, status="in_review", title_en="AI weather"
    )
    return {"booths": booths, "iam": iam, "weather": weather, "zone": living}


def fresh(exhibit) -> Exhibit:
    return Exhibit.objects.get(pk=exhibit.pk)


def test_booth_assign_gives_a_free_booth_and_records_who(plan, curator):
    weather = plan["weather"]

    booth_assign(booth=plan["booths"]["L02"], exhibit=weather, user=curator)

    saved = fresh(weather)
    record = saved.history.first()
    assert (saved.booth.code, saved.version) == ("L02", weather.version + 1)
    assert (record.history_user, record.history_change_reason) == (
        curator,
        "booth: Booth L02 assigned",
    )


def test_booth_assign_refuses_a_booth_already_held(plan, curator):
    weather = plan["weather"]

    with pytest.raises(Conflict) as refused:
        booth_assign(booth=plan["booths"]["L01"], exhibit=weather, user=curator)

    assert (refused.value.code, str(refused.value.message)) == (
        "booth_taken",
        "Booth L01 is already held by “iAM Smart”. Free it first.",
    )
    assert (fresh(weather).booth, fresh(weather).version) == (None, weather.version)
    assert fresh(plan["iam"]).booth.code == "L01"


def test_booth_assign_refuses_a_booth_of_another_zone(plan, curator):
    with pytest.raises(Conflict) as refused:
        booth_assign(booth=plan["booths"]["M01"], exhibit=plan["weather"], user=curator)

    assert str(refused.value.message) == (
        "Booth M01 is in Smart Mobility; the exhibit is in Smart Living. "
        "Set the exhibit's zone first."
    )
    assert fresh(plan["weather"]).booth is None


def test_booth_assign_refuses_a_booth_of_another_edition(plan, curator):
    other = factories.BoothFactory(code="X01")

    with pytest.raises(Conflict) as refused:
        booth_assign(booth=other, exhibit=plan["weather"], user=curator)

    assert refused.value.code == "booth_other_edition"
    assert fresh(plan["weather"]).booth is None


def test_booth_assign_refuses_a_declined_exhibit(plan, curator, edition):
    declined = factories.ExhibitFactory(edition=edition, zone=plan["zone"], status="declined")

    with pytest.raises(Conflict) as refused:
        booth_assign(booth=plan["booths"]["L03"], exhibit=declined, user=curator)

    assert str(refused.value.message) == "A declined exhibit gets no booth."


def test_booth_assign_refuses_someone_not_a_curator(plan, coordinator):
    with pytest.raises(NotAllowed):
        booth_assign(booth=plan["booths"]["L02"], exhibit=plan["weather"], user=coordinator)

    assert fresh(plan["weather"]).booth is None


def test_booth_assign_moves_an_exhibit_and_frees_its_old_booth(plan, curator):
    booth_assign(booth=plan["booths"]["L03"], exhibit=plan["iam"], user=curator)

    iam = fresh(plan["iam"])
    assert iam.booth.code == "L03"
    assert iam.history.first().history_change_reason == "booth: Moved from booth L01 to L03"
    assert not Exhibit.objects.filter(booth=plan["booths"]["L01"]).exists()


def test_booth_assign_of_the_held_booth_to_its_holder_changes_nothing(plan, curator):
    booth_assign(booth=plan["booths"]["L01"], exhibit=plan["iam"], user=curator)

    assert fresh(plan["iam"]).version == plan["iam"].version


def test_booth_release_frees_the_booth(plan, curator):
    released = booth_release(booth=plan["booths"]["L01"], user=curator)

    assert (released, fresh(plan["iam"]).booth) == (plan["iam"], None)
    assert booth_release(booth=plan["booths"]["L01"], user=curator) is None


def test_database_refuses_a_second_exhibit_in_a_booth(plan):
    with pytest.raises(IntegrityError), transaction.atomic():
        Exhibit.objects.filter(pk=plan["weather"].pk).update(booth=plan["booths"]["L01"])


# --- the page ------------------------------------------------------------------------


def url(zone) -> str:
    return reverse("admin_tools:floor_plan", args=[zone.pk])


def test_floor_plan_shows_held_and_free_booths(client, curator, plan):
    client.force_login(curator)

    response = client.get(url(plan["zone"]))

    html = response.content.decode()
    assert response.status_code == 200
    assert [(b.code, b.holder) for b in response.context["booths"]] == [
        ("L01", plan["iam"]),
        ("L02", None),
        ("L03", None),
    ]
    assert (response.context["free_count"], response.context["waiting"]) == (2, [plan["weather"]])
    assert html.count('class="booth booth-free"') == 2
    assert html.count('class="booth booth-held"') == 1
    assert 'href="/static/pavilion/tools.css"' in html


@pytest.mark.parametrize("with_booths", [True, False])
def test_floor_plan_add_a_booth_opens_a_form_for_this_zone(
    client, curator, edition, zones, plan, with_booths
):
    client.force_login(curator)
    zone = plan["zone"] if with_booths else zones[1]
    if not with_booths:
        zone.booths.all().delete()

    html = client.get(url(zone)).content.decode()
    links = re.findall(r'<a href="([^"]+)" class="booth-add">', html)
    form = client.get(links[0].replace("&amp;", "&")).context["adminform"].form

    assert links[0] == (
        f"{reverse('admin:pavilion_booth_add')}?edition={edition.pk}&amp;zone={zone.pk}"
    )
    assert (form["edition"].value(), form["zone"].value(), form["code"].value()) == (
        str(edition.pk),
        str(zone.pk),
        None,
    )


def test_floor_plan_assigns_a_free_booth(client, curator, plan):
    client.force_login(curator)

    response = client.post(
        url(plan["zone"]),
        {"action": "assign", "booth": plan["booths"]["L02"].pk, "exhibit": plan["weather"].pk},
        follow=True,
    )

    assert response.redirect_chain == [(url(plan["zone"]), 302)]
    assert fresh(plan["weather"]).booth.code == "L02"
    assert [str(m) for m in response.context["messages"]] == ["Booth L02 now holds “AI weather”."]


def test_floor_plan_refuses_double_booking(client, curator, plan):
    client.force_login(curator)

    response = client.post(
        url(plan["zone"]),
        {"action": "assign", "booth": plan["booths"]["L01"].pk, "exhibit": plan["weather"].pk},
    )

    assert (response.status_code, response.context["errors"]) == (
        409,
        ["Booth L01 is already held by “iAM Smart”. Free it first."],
    )
    assert "Booth L01 is already held by “iAM Smart”. Free it first." in response.content.decode()
    assert (fresh(plan["weather"]).booth, fresh(plan["iam"]).booth.code) == (None, "L01")


def test_floor_plan_frees_a_booth(client, curator, plan):
    client.force_login(curator)

    response = client.post(
        url(plan["zone"]), {"action": "release", "booth": plan["booths"]["L01"].pk}
    )

    assert (response.status_code, fresh(plan["iam"]).booth) == (302, None)


@pytest.mark.parametrize(
    "data",
    [
        {"action": "dance"},
        {"action": "assign", "booth": "L01"},
        # A booth of another zone is not offered on this zone's plan.
        {"action": "release", "booth": "M01"},
    ],
)
def test_floor_plan_refuses_malformed_input_with_400(client, curator, plan, data):
    client.force_login(curator)
    data = {
        key: (plan["booths"][value].pk if value in plan["booths"] else value)
        for key, value in data.items()
    }

    response = client.post(url(plan["zone"]), data)

    assert response.status_code == 400
    assert response.context["errors"] != []
    assert fresh(plan["iam"]).booth.code == "L01"


def test_floor_plan_is_for_curators_only(client, plan, coordinator):
    anonymous = client.get(url(plan["zone"]))
    client.force_login(factories.UserFactory(is_staff=True))
    staff = client.get(url(plan["zone"]))
    staff_post = client.post(
        url(plan["zone"]), {"action": "release", "booth": plan["booths"]["L01"].pk}
    )

    assert anonymous.status_code == 302
    assert (staff.status_code, staff_post.status_code) == (403, 403)
    assert fresh(plan["iam"]).booth.code == "L01"


@pytest.mark.parametrize("extra", [0, 15])
def test_floor_plan_query_count_is_fixed(
    client, curator, plan, edition, django_assert_num_queries, extra
):
    for i in range(extra):
        booth = factories.BoothFactory(zone=plan["zone"], edition=edition, code=f"L{10 + i}")
        factories.ExhibitFactory(edition=edition, zone=plan["zone"], booth=booth)
        factories.ExhibitFactory(edition=edition, zone=plan["zone"])
    client.force_login(curator)

    # session, user, curator group, zone, booths (with exhibits), the user's and groups'
    # permissions (the admin's navigation), exhibits without booth, the form's two selects
    with django_assert_num_queries(10):
        response = client.get(url(plan["zone"]))

    assert len(response.context["booths"]) == 3 + extra


def test_floor_plan_draws_the_zone_with_the_public_plans_layout(client, curator, plan, edition):
    """The curators' plan and the public one place booths with pavilion.floor_layout."""
    factories.BoothFactory(zone=plan["zone"], edition=edition, code="L10")
    client.force_login(curator)

    response = client.get(url(plan["zone"]))

    html = response.content.decode()
    # Natural order: L10 after L03 (the database's text order would put it before L02).
    assert [b.code for b in response.context["booths"]] == ["L01", "L02", "L03", "L10"]
    assert [(s.code, s.x, s.y) for s in response.context["layout"].spots] == [
        ("L01", 12, 40),
        ("L02", 110, 40),
        ("L03", 208, 40),
        ("L10", 306, 40),
    ]
    change = reverse("admin:exhibits_exhibit_change", args=[plan["iam"].pk])
    assert f'<a class="plan-booth" href="{change}" aria-label="Booth L01: iAM Smart">' in html
    assert 'aria-label="Booth L10, no exhibit"' in html


def test_booth_admin_lists_and_filters_the_demo_layout(client, curator, plan, edition):
    factories.BoothFactory(zone=plan["zone"], edition=edition, code="L09", is_demo=True)
    client.force_login(curator)

    response = client.get(reverse("admin:pavilion_booth_changelist") + "?is_demo__exact=1")

    assert response.status_code == 200
    assert [booth.code for booth in response.context["cl"].result_list] == ["L09"]
    assert "demo layout" in response.content.decode()
