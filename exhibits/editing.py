"""The one door for a department's change to an exhibit's content, whatever its status.

The portal and the API call :func:`exhibit_content_change`; it decides where the change
goes, so no view has to:

- a draft, or an exhibit whose changes were requested, changes in place
  (``services.exhibit_update``);
- a published exhibit changes through its revision, started or continued
  (``revisions.revision_start_or_continue`` and ``revisions.revision_update``): the public
  keeps the published content until a curator approves it;
- any other status is read-only to the department (409 ``read_only``).

Both paths apply the same rules — the content declaration's limits (``exhibits.content``),
the partner rule (``services.check_partners``), the image and link caps
(``services.too_many``) — so the same bad input is refused with the same code through
every door. ``expected_version`` is always the *exhibit's* version as the person read it.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from departments.models import Department
from exhibits import revisions, services
from exhibits.models import Exhibit, ExhibitRevision, ExhibitStatus, Technology
from exhibits.workflow import Conflict, StaleVersion


def check_exhibit_version(exhibit: Exhibit, expected_version: int) -> None:
    """StaleVersion (409) when the exhibit moved on since the person read it."""
    if expected_version != exhibit.version:
        raise StaleVersion(
            _(
                "This exhibit changed since you read it (version %(current)s; you read "
                "%(seen)s). Reload it and try again."
            )
            % {"current": exhibit.version, "seen": expected_version}
        )


@transaction.atomic
def exhibit_content_change(
    *,
    exhibit: Exhibit,
    user,
    expected_version: int,
    data: dict | None = None,
    technologies: Iterable[Technology] | None = None,
    partner_departments: Iterable[Department] | None = None,
) -> Exhibit | ExhibitRevision:
    """Change an exhibit's texts, proposed zone, technologies and partners as its
    department; returns the saved exhibit (draft) or its revision (published).

    Only what is given changes. Refusals: ExhibitNotFound (404), NotAllowed (403, not the
    lead department), StaleVersion (409), Conflict (409: read-only status; the zone of a
    published exhibit is the curators'; a submitted revision waits for its decision),
    ValidationError (400) keyed by field. Nothing is written when refused.
    """
    data = dict(data or {})
    if exhibit.status == ExhibitStatus.PUBLISHED:
        check_exhibit_version(exhibit, expected_version)
        if "proposed_zone" in data:
            raise Conflict(
                _("The pavilion team sets the zone of a published exhibit."),
                missing=["proposed_zone"],
                code="read_only",
            )
        revision = revisions.revision_start_or_continue(exhibit=exhibit, user=user)
        return revisions.revision_update(
            revision=revision,
            user=user,
            data=data,
            technologies=technologies,
            partner_departments=partner_departments,
        )
    return services.exhibit_update(
        exhibit=exhibit,
        user=user,
        expected_version=expected_version,
        data=data,
        technologies=technologies,
        partner_departments=partner_departments,
    )
