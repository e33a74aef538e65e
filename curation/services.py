"""Writes for the pavilion: booth assignment, and a new edition from this one.

Keyword-only, typed, atomic. Refusals are the workflow's errors (``exhibits.workflow``), so
every caller answers them the same way: ``NotAllowed`` (403) for someone who is not a
curator, ``Conflict`` (409) with a message that says what to do; bad input is a
``ValidationError`` keyed by field. Nothing is half-done: a refusal changes nothing.

``exhibits_carry_forward`` lives here beside ``edition_copy`` rather than in
``exhibits/services.py`` because the two make one step of the curators' year (copy the
edition, then bring chosen exhibits into it); it copies images with
``exhibits.images.copy_stored``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from modeltranslation.translator import translator

from exhibits import images
from exhibits import rules as exhibit_rules
from exhibits.content import EXHIBIT_TEXT_COLUMNS, translated_columns
from exhibits.models import Exhibit, ExhibitImage, ExhibitLink, ExhibitStatus
from exhibits.workflow import Conflict, NotAllowed
from pavilion.models import Booth, Edition, Zone

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


# --- New editions ------------------------------------------------------------------------


def _copied_values(obj, *, exclude: Iterable[str]) -> dict[str, object]:
    """Column values of ``obj`` to build a copy from: every concrete field but the primary
    key and ``exclude``; translated fields by their language columns only (setting the
    untranslated name would write the active language's column)."""
    model = type(obj)
    translated = set(translator.get_options_for_model(model).fields)
    skip = {model._meta.pk.attname, *exclude, *translated}
    return {
        field.attname: getattr(obj, field.attname)
        for field in model._meta.concrete_fields
        if field.attname not in skip and field.name not in skip
    }


def _next_fair_name(text: str | None, source: Edition, starts_on: dt.date) -> str | None:
    # "InnoEX 2025" becomes "InnoEX 2026": the fair's name carries its year.
    if not text:
        return text
    return text.replace(str(source.starts_on.year), str(starts_on.year))


@transaction.atomic
def edition_copy(
    *,
    source: Edition,
    slug: str,
    starts_on: dt.date,
    ends_on: dt.date,
    submission_opens_at: dt.datetime,
    submission_closes_at: dt.datetime,
    user,
    overrides: dict[str, object] | None = None,
) -> Edition:
    """Create next year's edition from ``source``, with copies of its zones and booths.

    Everything else of the source is kept (names, venue, theme, co-organisers in every
    language), except: the edition number rises by one, the fair's name has its year
    replaced (``InnoEX 2025`` → ``InnoEX 2026``), and the copy is not current (make it
    current when the time comes). ``overrides`` sets other columns (``theme_en``, …).
    Exhibits are not copied: carry chosen ones forward with ``exhibits_carry_forward``.
    Bad input (a slug in use, dates out of order) raises ValidationError by field.
    """
    _require_curator(user)
    values = _copied_values(source, exclude={"slug", "is_current"})
    for column in translated_columns("fair_name"):
        values[column] = _next_fair_name(values.get(column), source, starts_on)
    values |= {
        "slug": slug,
        "starts_on": starts_on,
        "ends_on": ends_on,
        "submission_opens_at": submission_opens_at,
        "submission_closes_at": submission_closes_at,
        "edition_number": source.edition_number + 1,
        "is_current": False,
        **(overrides or {}),
    }
    unknown = sorted(set(overrides or {}) - {f.attname for f in Edition._meta.concrete_fields})
    if unknown:
        raise ValidationError(
            _("Unknown edition fields: %(fields)s.") % {"fields": ", ".join(unknown)}
        )
    edition = Edition(**values)
    edition.full_clean()
    edition.save()
    zones = {}
    for zone in Zone.objects.filter(edition=source).order_by("order", "pk"):
        copy = Zone(**_copied_values(zone, exclude={"edition"}), edition=edition)
        copy.save()
        zones[zone.pk] = copy
    Booth.objects.bulk_create(
        Booth(edition=edition, zone=zones[booth.zone_id], code=booth.code)
        for booth in Booth.objects.filter(edition=source).order_by("code")
    )
    return edition


def _free_slug(slug: str, taken: set[str]) -> str:
    """``slug`` if it is free (a printed QR code keeps working), else "slug-2", "slug-3"…"""
    base = slugify(slug)[:76].strip("-") or "exhibit"
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


@transaction.atomic
def exhibits_carry_forward(*, exhibits: Iterable[Exhibit], edition: Edition, user) -> list[Exhibit]:
    """Bring chosen exhibits of an earlier edition into ``edition`` as drafts.

    Each new draft belongs to the same lead department, points back to its source
    (``previous``), and gets copies of the source's texts in every language, its partner
    departments, technologies, links and images (as new files: no two exhibits share a
    file). The slug is kept when it is free in ``edition`` (so printed QR codes still find
    it), else numbered. The proposed zone is the new edition's zone with the same slug.
    The source is left untouched, history included; the draft's first history record
    names ``user`` and the source. Status, zone, booth, awards, demonstrations and the
    featured flag are not carried: they belong to a year.

    Refused (Conflict, nothing created) if an exhibit already belongs to ``edition`` or
    was already carried forward into it. Returns the drafts in the order given.
    """
    _require_curator(user)
    exhibits = list(exhibits)
    sources = list(
        Exhibit.objects.filter(pk__in=[e.pk for e in exhibits])
        .select_related("edition", "zone", "proposed_zone")
        .prefetch_related("partner_departments", "technologies", "links", "images")
        .order_by("pk")
    )
    order = {e.pk: i for i, e in enumerate(exhibits)}
    sources.sort(key=lambda e: order[e.pk])
    problems = []
    for source in sources:
        if source.edition_id == edition.pk:
            problems.append(
                _("“%(title)s” is already in %(edition)s.")
                % {"title": source.title_en, "edition": edition.slug}
            )
    already = dict(
        Exhibit.objects.filter(edition=edition, previous__in=sources).values_list(
            "previous_id", "slug"
        )
    )
    for source in sources:
        if source.pk in already:
            problems.append(
                _("“%(title)s” was already carried forward into %(edition)s (as %(slug)s).")
                % {"title": source.title_en, "edition": edition.slug, "slug": already[source.pk]}
            )
    if problems:
        raise Conflict(" ".join(problems), code="carry_forward_refused")

    zones = {zone.slug: zone for zone in Zone.objects.filter(edition=edition)}
    taken = set(Exhibit.objects.filter(edition=edition).values_list("slug", flat=True))
    storage = ExhibitImage._meta.get_field("image").storage
    written: list[str] = []
    drafts = []
    try:
        for source in sources:
            drafts.append(_carry_one(source, edition, user, zones, taken, storage, written))
    except BaseException:
        images.delete_files(written, storage=storage)
        raise
    return drafts


def _carry_one(source, edition, user, zones, taken, storage, written) -> Exhibit:
    # The exhibit's own content, copied into the new draft in every language.
    texts = {column: getattr(source, column) for column in EXHIBIT_TEXT_COLUMNS}
    proposed = source.zone or source.proposed_zone
    draft = Exhibit(
        edition=edition,
        slug=_free_slug(source.slug, taken),
        lead_department_id=source.lead_department_id,
        proposed_zone=zones.get(proposed.slug) if proposed else None,
        previous=source,
        created_by=user,
        status=ExhibitStatus.DRAFT,
        **texts,
    )
    taken.add(draft.slug)
    draft._history_user = user
    draft._change_reason = (
        f"carry_forward: Carried forward from {source.edition.slug}/{source.slug} "
        f"(exhibit {source.pk})"
    )
    draft.save()
    draft.partner_departments.set(source.partner_departments.all())
    draft.technologies.set(source.technologies.all())
    ExhibitLink.objects.bulk_create(
        ExhibitLink(exhibit=draft, **_copied_values(link, exclude={"exhibit"}))
        for link in source.links.all()
    )
    for image in source.images.all():
        name, renditions = images.copy_stored(image.image.name, image.renditions, storage=storage)
        written.extend([name, *(n for fmts in renditions.values() for n in fmts.values())])
        values = _copied_values(image, exclude={"exhibit", "image", "renditions", "created_at"})
        copy = ExhibitImage(exhibit=draft, renditions=renditions, **values)
        copy.image.name = name
        copy.save()
    return draft
