"""Who may do what with an exhibit: named predicates shared by portal, admin and API.

Built with the ``rules`` package so the same predicate serves ``user.has_perm(...)`` in
views and templates and plain calls in services. A person's rights come from their
memberships (departments.Membership); curators are staff in the "Curators" group.
"""

from __future__ import annotations

import rules

from departments.models import Membership
from pavilion.groups import CURATORS


def _memberships(user) -> dict[int, str]:
    """Department id → role for this user, cached on the user object for the request."""
    if not getattr(user, "is_authenticated", False):
        return {}
    cached = getattr(user, "_pavilion_memberships", None)
    if cached is None:
        cached = dict(Membership.objects.filter(user=user).values_list("department_id", "role"))
        user._pavilion_memberships = cached
    return cached


@rules.predicate
def is_curator(user) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    if not user.is_staff:
        return False
    cached = getattr(user, "_pavilion_is_curator", None)
    if cached is None:
        cached = user.groups.filter(name=CURATORS).exists()
        user._pavilion_is_curator = cached
    return cached


@rules.predicate
def is_lead_member(user, exhibit) -> bool:
    """A member (editor or coordinator) of the exhibit's lead department."""
    return exhibit is not None and exhibit.lead_department_id in _memberships(user)


@rules.predicate
def is_lead_coordinator(user, exhibit) -> bool:
    if exhibit is None:
        return False
    return _memberships(user).get(exhibit.lead_department_id) == Membership.Role.COORDINATOR


@rules.predicate
def is_partner_member(user, exhibit) -> bool:
    """A member of one of the exhibit's partner departments (read-only once submitted)."""
    if exhibit is None:
        return False
    departments = set(_memberships(user))
    if not departments:
        return False
    partner_ids = {d.pk for d in exhibit.partner_departments.all()}
    return bool(departments & partner_ids)


@rules.predicate
def is_beyond_draft(user, exhibit) -> bool:
    return exhibit is not None and exhibit.status not in {"draft", "withdrawn"}


@rules.predicate
def is_editable_by_department(user, exhibit) -> bool:
    """Departments edit content only in draft or when changes were requested."""
    return exhibit is not None and exhibit.status in {"draft", "changes_requested"}


@rules.predicate
def is_unsubmitted_draft(user, exhibit) -> bool:
    """A draft that was never submitted: nobody at the pavilion has seen it yet."""
    return exhibit is not None and exhibit.status == "draft" and exhibit.submitted_at is None


# Reading: the lead department always; partners once it has been submitted; curators.
can_view_exhibit = is_curator | is_lead_member | (is_partner_member & is_beyond_draft)
# Editing content in the portal (published exhibits change through revisions instead).
can_edit_exhibit = is_lead_member & is_editable_by_department
# Deleting a mistaken draft: its department's coordinator, before it was ever submitted.
can_delete_draft = is_lead_coordinator & is_unsubmitted_draft

rules.add_perm("exhibits.view_exhibit_in_portal", can_view_exhibit)
rules.add_perm("exhibits.edit_exhibit_in_portal", can_edit_exhibit)
rules.add_perm("exhibits.delete_draft_in_portal", can_delete_draft)
rules.add_perm("exhibits.act_as_coordinator", is_lead_coordinator)
rules.add_perm("exhibits.review_exhibit", is_curator)
