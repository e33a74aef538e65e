"""The two groups exist after every migrate, with their permissions, and re-running is harmless."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group

from pavilion.groups import CURATORS, SUBMITTERS, ensure_groups


def permission_names(group_name: str) -> set[str]:
    group = Group.objects.get(name=group_name)
    return {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}


@pytest.mark.django_db
def test_groups_curators_can_change_every_pavilion_model():
    names = permission_names(CURATORS)
    for codename in [
        "pavilion.change_edition",
        "pavilion.add_zone",
        "pavilion.delete_booth",
        "exhibits.change_exhibit",
        "exhibits.view_historicalexhibit",
        "departments.add_membership",
        "departments.change_quota",
        "awards.add_recognition",
        "auth.add_user",
        "axes.delete_accessattempt",
    ]:
        assert codename in names
    assert "auth.delete_user" not in names
    assert "auth.change_group" not in names


@pytest.mark.django_db
def test_groups_submitters_only_read_reference_data():
    assert permission_names(SUBMITTERS) == {
        "pavilion.view_zone",
        "exhibits.view_technology",
        "departments.view_department",
    }


@pytest.mark.django_db
def test_groups_running_again_changes_nothing():
    before = {g.name: permission_names(g.name) for g in Group.objects.all()}
    ensure_groups()
    ensure_groups()
    after = {g.name: permission_names(g.name) for g in Group.objects.all()}
    assert before == after
    assert Group.objects.count() == 2


@pytest.mark.django_db(transaction=True)
def test_groups_survive_a_flush_of_transactional_tests():
    # A transactional test flushes the tables and Django re-emits post_migrate.
    assert set(Group.objects.values_list("name", flat=True)) == {CURATORS, SUBMITTERS}
