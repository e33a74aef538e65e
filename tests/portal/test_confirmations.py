"""Steps that cannot be taken back ask first, on a page of their own (no script needed):
withdrawing an exhibit, and deleting a draft made by mistake (its coordinator only)."""

from __future__ import annotations

from html import unescape

import pytest

from exhibits.models import Exhibit, ExhibitImage, ExhibitLink
from exhibits.services import exhibit_draft_delete
from exhibits.workflow import Conflict, ExhibitNotFound, NotAllowed, exhibit_transition
from tests import factories
from tests.exhibits.test_images import stored_files
from tests.portal.conftest import url

pytestmark = pytest.mark.django_db
S = Exhibit.Status


@pytest.fixture
def draft(edition, department, zone):
    exhibit = factories.ExhibitFactory(
        edition=edition, lead_department=department, proposed_zone=zone, title_en="Mistake"
    )
    factories.ExhibitLinkFactory(exhibit=exhibit)
    return exhibit


# --- Withdraw ------------------------------------------------------------------------------


def test_withdraw_button_leads_to_a_confirmation_page(login, coordinator, draft):
    client = login(coordinator)
    detail = client.get(url("exhibit_detail", draft.pk)).content.decode()

    assert 'name="action" value="withdraw"' not in detail
    assert f'href="{url("exhibit_withdraw", draft.pk)}">Withdraw…</a>' in detail
    page = client.get(url("exhibit_withdraw", draft.pk))
    html = page.content.decode()
    assert page.status_code == 200
    assert "<h1>Withdraw “Mistake”?</h1>" in html
    assert 'name="action" value="withdraw"' in html
    assert f'action="{url("exhibit_action", draft.pk)}"' in html
    draft.refresh_from_db()
    assert draft.status == S.DRAFT  # asking changes nothing

    response = client.post(
        url("exhibit_action", draft.pk), {"action": "withdraw", "version": str(draft.version)}
    )

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == S.WITHDRAWN


def test_withdraw_confirmation_refused_to_an_editor(login, editor, draft):
    response = login(editor).get(url("exhibit_withdraw", draft.pk))

    assert response.status_code == 403
    assert "Only the department's coordinator can withdraw an exhibit." in unescape(
        response.content.decode()
    )


def test_withdraw_confirmation_of_a_withdrawn_exhibit_is_409(login, coordinator, draft):
    exhibit_transition(exhibit=draft, action="withdraw", user=coordinator)

    response = login(coordinator).get(url("exhibit_withdraw", draft.pk))

    assert response.status_code == 409


def test_withdraw_confirmation_of_another_department_is_404(login, other_coordinator, draft):
    assert login(other_coordinator).get(url("exhibit_withdraw", draft.pk)).status_code == 404


# --- Delete a draft ----------------------------------------------------------------------


def test_coordinator_deletes_a_draft_after_confirming(
    login, coordinator, draft, media_root, django_capture_on_commit_callbacks
):
    image = factories.ExhibitImageFactory(exhibit=draft)
    names = image.stored_names
    assert set(names) <= set(stored_files(media_root))
    client = login(coordinator)
    detail = client.get(url("exhibit_detail", draft.pk)).content.decode()
    assert f'href="{url("exhibit_delete", draft.pk)}">Delete draft…</a>' in detail
    page = client.get(url("exhibit_delete", draft.pk)).content.decode()
    assert "<h1>Delete the draft “Mistake”?</h1>" in page
    assert Exhibit.objects.filter(pk=draft.pk).exists()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("exhibit_delete", draft.pk))

    assert (response.status_code, response["Location"]) == (302, url("dashboard"))
    assert (Exhibit.objects.count(), ExhibitLink.objects.count(), ExhibitImage.objects.count()) == (
        0,
        0,
        0,
    )
    assert not set(names) & set(stored_files(media_root))
    dashboard = client.get(url("dashboard")).content.decode()
    assert "The draft “Mistake” was deleted." in dashboard


def test_delete_draft_refused_to_an_editor(login, editor, draft):
    client = login(editor)

    assert "Delete draft" not in client.get(url("exhibit_detail", draft.pk)).content.decode()
    assert client.get(url("exhibit_delete", draft.pk)).status_code == 403
    response = client.post(url("exhibit_delete", draft.pk))

    assert response.status_code == 403
    assert "Only the department's coordinator can delete a draft." in unescape(
        response.content.decode()
    )
    assert Exhibit.objects.filter(pk=draft.pk).exists()


def test_delete_draft_of_another_department_is_404(login, other_coordinator, draft):
    client = login(other_coordinator)

    assert client.get(url("exhibit_delete", draft.pk)).status_code == 404
    assert client.post(url("exhibit_delete", draft.pk)).status_code == 404
    assert Exhibit.objects.filter(pk=draft.pk).exists()


@pytest.mark.parametrize("status", [S.SUBMITTED, S.WITHDRAWN, S.CHANGES_REQUESTED])
def test_delete_of_a_non_draft_is_409(login, coordinator, draft, status):
    Exhibit.objects.filter(pk=draft.pk).update(status=status)
    client = login(coordinator)

    assert client.get(url("exhibit_delete", draft.pk)).status_code == 409
    response = client.post(url("exhibit_delete", draft.pk))

    assert response.status_code == 409
    assert "Only a draft that was never submitted can be deleted" in response.content.decode()
    assert Exhibit.objects.get(pk=draft.pk).status == status


def test_delete_of_a_draft_once_submitted_is_409(login, coordinator, draft, zone):
    factories.ExhibitImageFactory(exhibit=draft)
    exhibit_transition(exhibit=draft, action="submit", user=coordinator)
    draft.refresh_from_db()
    exhibit_transition(exhibit=draft, action="withdraw", user=coordinator)
    draft.refresh_from_db()
    exhibit_transition(exhibit=draft, action="reopen", user=coordinator)
    draft.refresh_from_db()
    assert draft.status == S.DRAFT

    response = login(coordinator).post(url("exhibit_delete", draft.pk))

    assert response.status_code == 409
    assert Exhibit.objects.filter(pk=draft.pk).exists()


def test_exhibit_draft_delete_service_refusals(coordinator, editor, other_coordinator, draft):
    with pytest.raises(NotAllowed):
        exhibit_draft_delete(exhibit=draft, user=editor)
    with pytest.raises(ExhibitNotFound):
        exhibit_draft_delete(exhibit=draft, user=other_coordinator)
    Exhibit.objects.filter(pk=draft.pk).update(status=S.SUBMITTED)
    with pytest.raises(Conflict) as refused:
        exhibit_draft_delete(exhibit=draft, user=coordinator)
    assert (refused.value.status, refused.value.code) == (409, "wrong_state")
