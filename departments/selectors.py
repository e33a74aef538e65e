"""Reads about departments and the people acting for them."""

from __future__ import annotations

from departments.models import Department, Membership

ACTING_DEPARTMENT_SESSION_KEY = "pavilion_acting_department"


def memberships_of(user) -> list[Membership]:
    """The person's memberships, department loaded, in department name order."""
    if not getattr(user, "is_authenticated", False):
        return []
    return list(
        Membership.objects.filter(user=user)
        .select_related("department")
        .order_by("department__name", "department_id")
    )


def acting_membership(user, session) -> Membership | None:
    """The membership the portal acts for: the one chosen in the session, else the only one.

    A person in several departments must choose (None until they do); a stale choice
    (membership since removed) is ignored.
    """
    memberships = memberships_of(user)
    chosen = session.get(ACTING_DEPARTMENT_SESSION_KEY)
    for membership in memberships:
        if membership.department_id == chosen:
            return membership
    if len(memberships) == 1:
        return memberships[0]
    return None


def department_by_slug(slug: str) -> Department | None:
    return Department.objects.filter(slug=slug).first()
