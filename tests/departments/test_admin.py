"""The departments' back-office: contributors, their people and quotas."""

from __future__ import annotations

import pytest
from django.urls import reverse

from departments.models import Membership
from tests import factories
from tests.test_admin import admin_form_data


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def signed_in(client, curator):
    client.force_login(curator)
    return client


@pytest.mark.parametrize(
    ("term", "expected"),
    [("數字政策", ["DPO"]), ("数字政策", ["DPO"]), ("digital policy", ["DPO"]), ("HA", ["HA"])],
)
def test_department_admin_search_matches_every_language(signed_in, term, expected):
    factories.DepartmentFactory(
        abbreviation="DPO",
        name_en="Digital Policy Office",
        name_zh_hant="數字政策辦公室",
        name_zh_hans="数字政策办公室",
    )
    factories.DepartmentFactory(
        abbreviation="HA", name_en="Hospital Authority", name_zh_hant="醫院管理局"
    )

    response = signed_in.get(reverse("admin:departments_department_changelist"), {"q": term})

    assert [d.abbreviation for d in response.context["cl"].result_list] == expected


def test_membership_admin_search_matches_email_and_chinese_department(signed_in):
    dpo = factories.DepartmentFactory(name_zh_hant="數字政策辦公室")
    member = factories.MembershipFactory(department=dpo, user__email="chan@dpo.gov.hk")
    factories.MembershipFactory()
    url = reverse("admin:departments_membership_changelist")

    by_email = signed_in.get(url, {"q": "chan@dpo"})
    by_department = signed_in.get(url, {"q": "數字政策"})

    assert list(by_email.context["cl"].result_list) == [member]
    assert list(by_department.context["cl"].result_list) == [member]


def test_department_admin_adds_a_coordinator_inline(signed_in, department):
    person = factories.UserFactory(username="coordinator-chan")
    url = reverse("admin:departments_department_change", args=[department.pk])
    data = admin_form_data(signed_in.get(url)) | {
        "memberships-TOTAL_FORMS": "1",
        "memberships-0-user": str(person.pk),
        "memberships-0-role": "coordinator",
    }

    response = signed_in.post(url, data)

    assert response.status_code == 302
    assert list(Membership.objects.values_list("user", "department", "role")) == [
        (person.pk, department.pk, "coordinator")
    ]


def test_membership_user_autocomplete_finds_people(signed_in):
    factories.UserFactory(username="chan.tai.man", email="chan@dpo.gov.hk")
    factories.UserFactory(username="wong", email="wong@ha.org.hk")

    response = signed_in.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "departments",
            "model_name": "membership",
            "field_name": "user",
            "term": "dpo.gov",
        },
    )

    assert [r["text"] for r in response.json()["results"]] == ["chan.tai.man"]
