"""Writes for the pavilion's floor: booth assignment (and, below, new editions).

Keyword-only, typed, atomic. Refusals are the workflow's errors (``exhibits.workflow``), so
every caller answers them the same way: ``NotAllowed`` (403) for someone who is not a
curator, ``Conflict`` (409) with a message that says what to do.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from exhibits import rules as exhibit_rules
from exhibits.models import Exhibit, ExhibitStatus
from exhibits.workflow import Conflict, NotAllowed
from pavilion.models import Booth

#: Exhibits that will not be at the fair hold no booth.
NO_BOOTH_STATUSES = frozenset({ExhibitStatus.DECLINED, ExhibitStatus.WITHDRAWN})


def _require_curator(user) -> None:
    if not exhibit_rules.is_curator(user):
        raise NotAllowed(_("Only curators assign booths."))


def _save_booth(exhibit: Exhibit, booth: Booth | None, *, user, reason: str) -> None:
    exhibit.booth = booth
    exhibit.version += 1
    exhibit._history_user = user
    exhibit._change_reason = reason
    try:
        # A savepoint: the one-to-one column refuses a booth taken at the same moment.
        with transaction.atomic():
            exhibit.save(update_fields=["booth", "version", "updated_at"])
    except IntegrityError:
        raise Conflict(
            _("Booth %(code)s was just given to another exhibit. Reload the plan.")
            % {"code": booth.code if booth else ""},
            code="booth_taken",
        ) from None


@transaction.atomic
def booth_assign(*, booth: Booth, exhibit: Exhibit, user) -> Exhibit:
    """Give ``booth`` to ``exhibit`` and return the exhibit.

    Refused (``Conflict``, nothing changes) when the booth is already held by another
    exhibit (free it first: a booth holds one exhibit), when it belongs to another edition
    or another zone than the exhibit's, or when the exhibit was declined or withdrawn. An
    exhibit that already holds a booth moves: its old booth becomes free. The exhibit's
    version rises and its history names ``user``. The database's one-to-one column refuses
    a second holder too, should two curators assign the same booth at once.
    """
    _require_curator(user)
    booth = Booth.objects.select_for_update().select_related("zone").get(pk=booth.pk)
    exhibit = (
        Exhibit.objects.select_for_update(of=("self",))
        .select_related("zone", "booth")
        .get(pk=exhibit.pk)
    )
    if exhibit.booth_id == booth.pk:
        return exhibit
    holder = Exhibit.objects.filter(booth=booth).only("pk", "title_en").first()
    if holder is not None:
        raise Conflict(
            _("Booth %(code)s is already held by “%(title)s”. Free it first.")
            % {"code": booth.code, "title": holder.title_en},
            code="booth_taken",
        )
    if booth.edition_id != exhibit.edition_id:
        raise Conflict(
            _("Booth %(code)s belongs to another edition than the exhibit.") % {"code": booth.code},
            code="booth_other_edition",
        )
    if exhibit.zone_id != booth.zone_id:
        raise Conflict(
            _(
                "Booth %(code)s is in %(booth_zone)s; the exhibit is in %(zone)s. "
                "Set the exhibit's zone first."
            )
            % {
                "code": booth.code,
                "booth_zone": booth.zone.name_en,
                "zone": exhibit.zone.name_en if exhibit.zone else _("no zone"),
            },
            code="booth_other_zone",
        )
    if exhibit.status in NO_BOOTH_STATUSES:
        raise Conflict(
            _("A %(status)s exhibit gets no booth.")
            % {"status": exhibit.get_status_display().lower()},
            code="booth_not_at_fair",
        )
    previous = exhibit.booth.code if exhibit.booth else None
    reason = (
        f"booth: Moved from booth {previous} to {booth.code}"
        if previous
        else f"booth: Booth {booth.code} assigned"
    )
    _save_booth(exhibit, booth, user=user, reason=reason)
    return exhibit


@transaction.atomic
def booth_release(*, booth: Booth, user) -> Exhibit | None:
    """Free ``booth``: its exhibit (returned) no longer holds it. A free booth stays free."""
    _require_curator(user)
    exhibit = (
        Exhibit.objects.select_for_update(of=("self",))
        .select_related("booth")
        .filter(booth=booth)
        .first()
    )
    if exhibit is None:
        return None
    _save_booth(exhibit, None, user=user, reason=f"booth: Booth {booth.code} freed")
    return exhibit
