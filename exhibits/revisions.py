"""Revisions of published exhibits: DESIGN.md's small second workflow, in one place.

A published exhibit is never edited in place by its department: the department prepares
an :class:`~exhibits.models.ExhibitRevision` and a curator decides on it. The public keeps
seeing the published content, byte for byte, until the curator approves.

    draft (lead department's editors and coordinator edit)
      → submitted (the coordinator)
          → approved (a curator: applied to the exhibit atomically) or
          → rejected (a curator, with a message; the exhibit is untouched)
    draft or submitted → withdrawn (the coordinator; or unpublishing the exhibit)

One open revision (draft or submitted) per exhibit: a second is refused with 409
(``revision_open``), and a partial unique index holds the rule under races.

A revision keeps two snapshots of the exhibit's content in the same shape (see
:func:`exhibit_snapshot`): ``base``, the content it started from, and ``changes``, the
content proposed. What the department changed is where they differ; only that is applied
on approval and only that appears in :func:`revision_diff` (against the live exhibit), so a
curator's own edit of another field meanwhile (a typo, a booth) is never undone.

Images the department adds are staged: decoded and re-encoded by the one image pipeline at
upload, stored under generated names outside the live exhibit, and recorded in ``changes``.
Approval turns them into the exhibit's images (the same files); rejection, withdrawal, or
removing one from the draft deletes their files once the transaction commits.

Refusals are the workflow's error classes (``exhibits.workflow``): 404 for who may not see
the exhibit, 403 for a wrong role, 409 for a wrong state, a stale version or an incomplete
proposal, 400 for a missing message. Bad content raises ``ValidationError`` keyed by
field, and nothing is written.
"""

from __future__ import annotations

import copy
import dataclasses
import secrets
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.db.models import Max, Q, prefetch_related_objects
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from departments.models import Department
from exhibits import images as image_pipeline
from exhibits import rules as exhibit_rules
from exhibits.content import (
    EXHIBIT_FIELD_LABELS,
    EXHIBIT_TEXT_COLUMNS,
    EXHIBIT_TEXT_FIELDS,
    IMAGE_TEXT_FIELDS,
    LANGUAGE_KEYS,
    MAX_IMAGES,
    MAX_LINKS,
    REQUIRED_LANGUAGES,
    REQUIRED_TEXT_FIELDS,
    language_label,
)
from exhibits.labels import missing_labels
from exhibits.models import (
    OPEN_REVISION_STATUSES,
    Exhibit,
    ExhibitImage,
    ExhibitLink,
    ExhibitRevision,
    ExhibitStatus,
    RevisionStatus,
    Technology,
)
from exhibits.services import (
    check_partners,
    exhibit_image_delete,
    exhibit_values,
    prepare_upload,
    too_many,
    validate_image_texts,
)
from exhibits.workflow import (
    Conflict,
    ExhibitNotFound,
    InvalidRequest,
    NotAllowed,
    StaleVersion,
)
from pavilion.groups import CURATORS
from pavilion.i18n import join_list, localized

R = RevisionStatus

#: An image's own texts, as in its columns.
IMAGE_TEXT_COLUMNS = tuple(f"{field}_{key}" for field in IMAGE_TEXT_FIELDS for key in LANGUAGE_KEYS)
IMAGE_FIELDS = (*IMAGE_TEXT_COLUMNS, "credit")
LINK_FIELDS = ("url", *(f"label_{key}" for key in LANGUAGE_KEYS))

FIELD_LABELS = {
    **EXHIBIT_FIELD_LABELS,
    "technologies": _("Technologies"),
    "partner_departments": _("Partner departments"),
    "links": _("Links"),
    "images": _("Images"),
    "alt_text": _("alternative text"),
    "caption": _("caption"),
    "credit": _("credit"),
}


# --- snapshots ------------------------------------------------------------------------


def _text(value: object) -> str:
    return (value or "").strip() if isinstance(value, str) else ""


def image_entry(image: ExhibitImage) -> dict[str, Any]:
    """A live image as a snapshot entry: its id and its texts."""
    return {"id": image.pk, **{field: getattr(image, field) or "" for field in IMAGE_FIELDS}}


#: The exhibit's relations a snapshot reads.
SNAPSHOT_RELATIONS = ("technologies", "partner_departments", "links", "images")


def exhibit_snapshot(exhibit: Exhibit) -> dict[str, Any]:
    """The exhibit's content in a revision's shape (``ExhibitRevision.base``/``changes``).

    Reads the relations through ``.all()``, so a caller that prefetched them (technologies,
    partner_departments, links, images) pays no query here; otherwise four.
    """
    snapshot: dict[str, Any] = {
        column: getattr(exhibit, column) or "" for column in EXHIBIT_TEXT_COLUMNS
    }
    snapshot["technologies"] = sorted(t.slug for t in exhibit.technologies.all())
    snapshot["partner_departments"] = sorted(d.slug for d in exhibit.partner_departments.all())
    snapshot["links"] = [
        {field: getattr(link, field) or "" for field in LINK_FIELDS}
        for link in sorted(exhibit.links.all(), key=lambda link: (link.order, link.pk))
    ]
    snapshot["images"] = [
        image_entry(image)
        for image in sorted(exhibit.images.all(), key=lambda image: (image.order, image.pk))
    ]
    return snapshot


def entry_key(entry: dict) -> str:
    """A stable key of a snapshot image entry: "id:5" for a live image, "new:<key>" staged."""
    if "id" in entry:
        return f"id:{entry['id']}"
    return f"new:{entry['new']['key']}"


def staged_image(entry: dict, *, exhibit: Exhibit | None = None) -> ExhibitImage:
    """An unsaved ExhibitImage for a staged entry, for its URLs and texts (never saved)."""
    staged = entry["new"]
    image = ExhibitImage(
        exhibit=exhibit,
        width=staged["width"],
        height=staged["height"],
        renditions=staged["renditions"],
        **{field: entry.get(field) or "" for field in IMAGE_FIELDS},
    )
    image.image.name = staged["image"]
    return image


def missing_in_proposal(changes: dict) -> list[str]:
    """What the proposed content lacks that a submission needs (as ``missing_for_submission``)."""
    missing = [
        f"{field}_{key}"
        for field in REQUIRED_TEXT_FIELDS
        for key in REQUIRED_LANGUAGES
        if not _text(changes.get(f"{field}_{key}"))
    ]
    entries = changes.get("images", [])
    if not entries:
        missing.append("images")
    elif not any(
        all(_text(entry.get(f"alt_text_{key}")) for key in REQUIRED_LANGUAGES) for entry in entries
    ):
        missing.append("images.alt_text")
    return missing


# --- who may do what ------------------------------------------------------------------


def open_revision(exhibit: Exhibit) -> ExhibitRevision | None:
    """The exhibit's open revision (draft or submitted), if any."""
    return (
        ExhibitRevision.objects.filter(exhibit=exhibit, status__in=OPEN_REVISION_STATUSES)
        .select_related("created_by", "updated_by", "submitted_by")
        .first()
    )


def can_propose(user, exhibit: Exhibit) -> bool:
    """Members of the lead department propose changes to their published exhibit."""
    return exhibit.status == ExhibitStatus.PUBLISHED and exhibit_rules.is_lead_member(user, exhibit)


def _require_view(user, exhibit: Exhibit) -> None:
    if not exhibit_rules.can_view_exhibit(user, exhibit):
        raise ExhibitNotFound(_("No such exhibit."))


def _require_lead_member(user, exhibit: Exhibit) -> None:
    _require_view(user, exhibit)
    if not exhibit_rules.is_lead_member(user, exhibit):
        raise NotAllowed(_("Only the lead department can propose changes to this exhibit."))


def _require_coordinator(user, exhibit: Exhibit, *, doing: str) -> None:
    _require_view(user, exhibit)
    if not exhibit_rules.is_lead_coordinator(user, exhibit):
        raise NotAllowed(
            _("Only the lead department's coordinator can %(doing)s changes.") % {"doing": doing}
        )


def _require_curator(user, exhibit: Exhibit) -> None:
    _require_view(user, exhibit)
    if not exhibit_rules.is_curator(user):
        raise NotAllowed(_("Only the pavilion team decides on proposed changes."))


def _locked(revision: ExhibitRevision) -> ExhibitRevision:
    # order_by(): the default ordering would join the exhibit, which PostgreSQL cannot lock.
    return (
        ExhibitRevision.objects.select_for_update()
        .order_by()
        .select_related("exhibit")
        .get(pk=revision.pk)
    )


def _check_version(locked: ExhibitRevision, expected_version: int | None) -> None:
    if expected_version is not None and expected_version != locked.version:
        raise StaleVersion(
            _(
                "Someone else saved these changes while you were working on them (version "
                "%(current)s; you started from %(seen)s). Reload and try again."
            )
            % {"current": locked.version, "seen": expected_version}
        )


def _wrong_state(locked: ExhibitRevision, action: str) -> Conflict:
    return Conflict(
        _("These changes are %(status)s: they cannot be %(action)s.")
        % {"status": locked.get_status_display().lower(), "action": action},
        code="wrong_state",
    )


# --- starting and editing -------------------------------------------------------------


@transaction.atomic
def revision_start(*, exhibit: Exhibit, user) -> ExhibitRevision:
    """Start a draft revision of a published exhibit, as a copy of its live content.

    Members of the lead department only (403; 404 for who may not see the exhibit). The
    exhibit must be published (409 ``not_published``) and have no open revision (409
    ``revision_open``, also when another person starts one at the same moment).
    """
    _require_lead_member(user, exhibit)
    locked = Exhibit.objects.select_for_update().get(pk=exhibit.pk)
    if locked.status != ExhibitStatus.PUBLISHED:
        raise Conflict(
            _("Only a published exhibit takes revisions; edit this one directly."),
            code="not_published",
        )
    if ExhibitRevision.objects.filter(exhibit=locked, status__in=OPEN_REVISION_STATUSES).exists():
        raise _revision_open()
    snapshot = exhibit_snapshot(locked)
    last = ExhibitRevision.objects.filter(exhibit=locked).aggregate(last=Max("number"))["last"]
    revision = ExhibitRevision(
        exhibit=locked,
        number=(last or 0) + 1,
        base=snapshot,
        changes=copy.deepcopy(snapshot),
        base_version=locked.version,
        created_by=user,
        updated_by=user,
    )
    try:
        # A savepoint: the partial unique index is the last word under a race.
        with transaction.atomic():
            revision.save()
    except IntegrityError:
        raise _revision_open() from None
    return revision


def _revision_open() -> Conflict:
    return Conflict(
        _(
            "This exhibit already has open changes: continue those, or withdraw them before "
            "starting new ones."
        ),
        code="revision_open",
    )


@transaction.atomic
def revision_start_or_continue(*, exhibit: Exhibit, user) -> ExhibitRevision:
    """The exhibit's draft revision, started now if there is none.

    A submitted revision is read-only to the department until a curator decides: asking
    to edit then is a 409 (``revision_open``) — a second revision is never started.
    """
    _require_lead_member(user, exhibit)
    current = open_revision(exhibit)
    if current is None:
        return revision_start(exhibit=exhibit, user=user)
    if current.status != R.DRAFT:
        raise Conflict(
            _(
                "Your changes are waiting for the pavilion team's decision, so they cannot be "
                "edited now. The coordinator can withdraw them to start again."
            ),
            code="revision_open",
        )
    return current


def _validate_links(links: Iterable[dict]) -> list[dict]:
    links = list(links)
    if len(links) > MAX_LINKS:
        raise too_many("links")
    url_field = ExhibitLink._meta.get_field("url")
    label_field = ExhibitLink._meta.get_field("label")
    validate_url = URLValidator(schemes=["http", "https"])
    errors: list[str] = []
    cleaned: list[dict] = []
    for n, link in enumerate(links, start=1):
        unknown = sorted(set(link) - set(LINK_FIELDS))
        entry = {field: _text(link.get(field)) for field in LINK_FIELDS}
        problems = []
        if unknown:
            problems.append(gettext("unknown fields %(names)s") % {"names": join_list(unknown)})
        try:
            validate_url(entry["url"])
            if len(entry["url"]) > url_field.max_length:
                raise ValidationError("too long")
        except ValidationError:
            problems.append(gettext("enter a web address starting with https://"))
        if not entry["label_en"]:
            problems.append(gettext("an English label is required"))
        if any(len(entry[f"label_{key}"]) > label_field.max_length for key in LANGUAGE_KEYS):
            problems.append(
                gettext("labels are at most %(limit)s characters")
                % {"limit": label_field.max_length}
            )
        if problems:
            errors.append(
                gettext("Link %(n)s: %(problems)s.") % {"n": n, "problems": "; ".join(problems)}
            )
        cleaned.append(entry)
    if errors:
        raise ValidationError({"links": errors}, code="invalid")
    return cleaned


def _image_texts(entry: dict, current: dict) -> dict:
    """The texts of one image entry: the current ones overlaid with those given, validated."""
    texts = {field: current.get(field, "") for field in IMAGE_FIELDS}
    for field in IMAGE_FIELDS:
        if field in entry:
            texts[field] = _text(entry[field])
    values = validate_image_texts(
        alt_text={key: texts[f"alt_text_{key}"] for key in LANGUAGE_KEYS},
        caption={key: texts[f"caption_{key}"] for key in LANGUAGE_KEYS},
        credit=texts["credit"],
        order=None,
        adding=True,
    )
    return {field: values.get(field) or "" for field in IMAGE_FIELDS}


def _validate_images(
    entries: Iterable[dict], *, current: list[dict], live_ids: set[int]
) -> tuple[list[dict], list[image_pipeline.PreparedImage | None]]:
    """Validated image entries in order, and the prepared upload of each new one (or None).

    An entry names a live image (``id``), an image this revision staged earlier (``key``)
    or a new file (``upload``); anything else, or one named twice, is refused.
    """
    entries = list(entries)
    if len(entries) > MAX_IMAGES:
        raise too_many("images")
    by_key = {entry_key(entry): entry for entry in current}
    known_ids = live_ids | {entry["id"] for entry in current if "id" in entry}
    errors: list[str] = []
    result: list[dict] = []
    uploads: list[image_pipeline.PreparedImage | None] = []
    seen: set[str] = set()
    for n, entry in enumerate(entries, start=1):
        try:
            if entry.get("upload") is not None:
                prepared = prepare_upload(entry["upload"])
                texts = _image_texts(entry, {})
                result.append({"new": None, **texts})
                uploads.append(prepared)
                continue
            if "id" in entry:
                key = f"id:{entry['id']}"
                if entry["id"] not in known_ids:
                    raise ValidationError(_("it is not an image of this exhibit"))
            elif "key" in entry:
                key = f"new:{entry['key']}"
                if key not in by_key:
                    raise ValidationError(_("it is not an image added in these changes"))
            else:
                raise ValidationError(_("name an image or upload a file"))
            if key in seen:
                raise ValidationError(_("it is listed twice"))
            seen.add(key)
            existing = by_key.get(key, {})
            texts = _image_texts(entry, existing)
            base = {"id": entry["id"]} if "id" in entry else {"new": existing["new"]}
            result.append({**base, **texts})
            uploads.append(None)
        except ValidationError as error:
            errors.append(
                gettext("Image %(n)s: %(problems)s")
                % {"n": n, "problems": " ".join(_messages(error))}
            )
    if errors:
        raise ValidationError({"images": errors}, code="invalid")
    return result, uploads


def _messages(error: ValidationError) -> list[str]:
    if hasattr(error, "error_dict"):
        return [message for messages in error.message_dict.values() for message in messages]
    return list(error.messages)


@transaction.atomic
def revision_update(
    *,
    revision: ExhibitRevision,
    user,
    expected_version: int | None = None,
    data: dict | None = None,
    technologies: Iterable[Technology] | None = None,
    partner_departments: Iterable[Department] | None = None,
    links: Iterable[dict] | None = None,
    images: Iterable[dict] | None = None,
) -> ExhibitRevision:
    """Save the department's proposed content into a draft revision; return it.

    Only what is given changes. ``data`` holds text columns (``title_en``, …; the zone is
    the curators', never part of a revision); ``technologies`` and ``partner_departments``
    replace the proposed sets; ``links`` the proposed links ({url, label_en, …}, in order);
    ``images`` the proposed images in order, each {"id": live image}, {"key": image staged
    earlier} or {"upload": file, bytes or PreparedImage}, with ``alt_text_en``, …,
    ``caption_*`` and ``credit``. New files go through the image pipeline and are staged;
    staged images left out are deleted once the transaction commits.

    Lead department members only (403), on a draft revision (409 ``read_only`` once
    submitted), at ``expected_version`` when given (409 ``stale_version``). Bad content
    raises ValidationError keyed by field; nothing is written, no file left behind.
    """
    exhibit = revision.exhibit
    _require_lead_member(user, exhibit)
    locked = _locked(revision)
    _check_version(locked, expected_version)
    if locked.status != R.DRAFT:
        raise Conflict(
            _(
                "These changes were submitted: they are read-only until the pavilion team "
                "decides (the coordinator can withdraw them)."
            ),
            code="read_only",
        )
    changes = copy.deepcopy(locked.changes)
    errors: dict[str, list] = {}

    def collect(error: ValidationError) -> None:
        by_field = (
            error.message_dict if hasattr(error, "error_dict") else {"__all__": error.messages}
        )
        for field, messages in by_field.items():
            errors.setdefault(field, []).extend(messages)

    if data is not None:
        data = dict(data)
        if "proposed_zone" in data:
            errors["proposed_zone"] = [
                gettext("The pavilion team sets the zone of a published exhibit.")
            ]
            data.pop("proposed_zone")
        try:
            values = exhibit_values(data, edition_id=exhibit.edition_id, creating=False)
        except ValidationError as error:
            collect(error)
        else:
            changes.update({column: value or "" for column, value in values.items()})
    if technologies is not None:
        changes["technologies"] = sorted({t.slug for t in technologies})
    if partner_departments is not None:
        partner_departments = list(partner_departments)
        partner_errors: dict = {}
        check_partners(exhibit.lead_department_id, partner_departments, partner_errors)
        if partner_errors:
            collect(ValidationError(partner_errors))
        changes["partner_departments"] = sorted({d.slug for d in partner_departments})
    if links is not None:
        try:
            changes["links"] = _validate_links(links)
        except ValidationError as error:
            collect(error)
    uploads: list = []
    if images is not None:
        live_ids = set(exhibit.images.values_list("pk", flat=True))
        try:
            proposed_images, uploads = _validate_images(
                images, current=changes.get("images", []), live_ids=live_ids
            )
        except ValidationError as error:
            collect(error)
    if errors:
        raise ValidationError(errors)

    written: list[str] = []
    try:
        if images is not None:
            storage = ExhibitImage._meta.get_field("image").storage
            for entry, prepared in zip(proposed_images, uploads, strict=True):
                if prepared is None:
                    continue
                stored = image_pipeline.store_image(prepared, storage=storage)
                written.extend(stored.names)
                entry["new"] = {
                    "key": secrets.token_hex(8),
                    "image": stored.name,
                    "width": stored.width,
                    "height": stored.height,
                    "renditions": stored.renditions,
                }
            before = set(locked.staged_names)
            changes["images"] = proposed_images
            locked.changes = changes
            dropped = sorted(before - set(locked.staged_names))
        else:
            locked.changes = changes
            dropped = []
        locked.version += 1
        locked.updated_by = user
        locked.save(update_fields=["changes", "version", "updated_by", "updated_at"])
    except BaseException:
        image_pipeline.delete_files(written)
        raise
    if dropped:
        image_pipeline.delete_files_on_commit(dropped)
    return locked


# --- the department's decisions -------------------------------------------------------


@transaction.atomic
def revision_submit(
    *, revision: ExhibitRevision, user, note: str = "", expected_version: int | None = None
) -> ExhibitRevision:
    """Send a draft revision to the pavilion team (the lead department's coordinator).

    Refused unless it changes something (409 ``no_changes``) and the proposed content is
    complete as a submission must be (409 ``incomplete`` with the missing fields). The
    curators are e-mailed once the transaction commits.
    """
    exhibit = revision.exhibit
    _require_coordinator(user, exhibit, doing=gettext("submit"))
    locked = _locked(revision)
    _check_version(locked, expected_version)
    if locked.status != R.DRAFT:
        raise _wrong_state(locked, gettext("submitted"))
    note = (note or "").strip()
    limit = ExhibitRevision._meta.get_field("note").max_length
    if len(note) > limit:
        raise ValidationError(
            {"note": _("At most %(limit)s characters.") % {"limit": limit}}, code="max_length"
        )
    missing = missing_in_proposal(locked.changes)
    if missing:
        raise Conflict(
            _("The proposed exhibit is not complete: %(fields)s.")
            % {"fields": missing_labels(missing)},
            missing=missing,
            code="incomplete",
        )
    if not revision_diff(locked):
        raise Conflict(
            _("These changes change nothing on the published exhibit yet."), code="no_changes"
        )
    now = timezone.now()
    locked.status = R.SUBMITTED
    locked.submitted_by = user
    locked.submitted_at = now
    locked.note = note
    locked.version += 1
    locked.save(
        update_fields=["status", "submitted_by", "submitted_at", "note", "version", "updated_at"]
    )
    transaction.on_commit(lambda: _notify(locked, event="submitted", actor=user, message=note))
    return locked


def _close(locked: ExhibitRevision, *, status: str, user, message: str) -> None:
    locked.status = status
    locked.decided_by = user
    locked.decided_at = timezone.now()
    locked.decision_message = message
    locked.version += 1
    locked.save(
        update_fields=[
            "status",
            "decided_by",
            "decided_at",
            "decision_message",
            "version",
            "updated_at",
        ]
    )
    if status != R.APPROVED:
        image_pipeline.delete_files_on_commit(locked.staged_names)


@transaction.atomic
def revision_withdraw(
    *, revision: ExhibitRevision, user, expected_version: int | None = None
) -> ExhibitRevision:
    """Withdraw open changes before the pavilion team decides (the coordinator).

    The exhibit is untouched; images the revision staged are deleted on commit. If the
    changes had been submitted, the curators are told.
    """
    exhibit = revision.exhibit
    _require_coordinator(user, exhibit, doing=gettext("withdraw"))
    locked = _locked(revision)
    _check_version(locked, expected_version)
    if not locked.is_open:
        raise _wrong_state(locked, gettext("withdrawn"))
    was_submitted = locked.status == R.SUBMITTED
    _close(locked, status=R.WITHDRAWN, user=user, message="")
    if was_submitted:
        transaction.on_commit(lambda: _notify(locked, event="withdrawn", actor=user, message=""))
    return locked


def withdraw_open_revision(*, exhibit: Exhibit, user, reason: str) -> ExhibitRevision | None:
    """Withdraw the exhibit's open revision because it was unpublished (no role check:
    ``exhibits.workflow.exhibit_transition`` calls this inside the unpublish transition,
    which checked the curator). Returns the revision withdrawn, if there was one."""
    current = (
        ExhibitRevision.objects.select_for_update()
        .order_by()
        .filter(exhibit=exhibit, status__in=OPEN_REVISION_STATUSES)
        .first()
    )
    if current is None:
        return None
    message = gettext("Withdrawn: the exhibit was unpublished.")
    if reason:
        message = f"{message} {reason}"
    _close(current, status=R.WITHDRAWN, user=user, message=message)
    return current


# --- the curators' decisions ----------------------------------------------------------


@transaction.atomic
def revision_approve(*, revision: ExhibitRevision, user, message: str = "") -> Exhibit:
    """Apply a submitted revision to its exhibit, all at once, and return the exhibit.

    A curator only. Everything the department changed — texts in every language,
    technologies, partners, links, images added, removed, reordered or re-described —
    is applied in one transaction with the exhibit row locked; the version is raised and
    the history records "revision #n approved", the curator and the message. Saving the
    exhibit is what tells the public caches (``pavilion.cache``) to refresh. The
    department is e-mailed once the transaction commits.
    """
    exhibit = revision.exhibit
    _require_curator(user, exhibit)
    locked_exhibit = (
        Exhibit.objects.select_for_update()
        .select_related("edition", "lead_department")
        .get(pk=exhibit.pk)
    )
    locked = _locked(revision)
    if locked.status != R.SUBMITTED:
        raise _wrong_state(locked, gettext("approved"))
    if locked_exhibit.status != ExhibitStatus.PUBLISHED:
        raise Conflict(
            _("The exhibit is no longer published: these changes cannot be applied."),
            code="not_published",
        )
    message = (message or "").strip()
    base, proposed = locked.base, locked.changes

    update_fields = []
    for column in EXHIBIT_TEXT_COLUMNS:
        if proposed.get(column, "") != base.get(column, ""):
            setattr(locked_exhibit, column, proposed.get(column) or None)
            update_fields.append(column)
    if proposed["technologies"] != base["technologies"]:
        locked_exhibit.technologies.set(
            list(Technology.objects.filter(slug__in=proposed["technologies"]))
        )
    if proposed["partner_departments"] != base["partner_departments"]:
        locked_exhibit.partner_departments.set(
            list(
                Department.objects.filter(slug__in=proposed["partner_departments"]).exclude(
                    pk=locked_exhibit.lead_department_id
                )
            )
        )
    if proposed["links"] != base["links"]:
        for link in list(locked_exhibit.links.all()):
            link.delete()
        for order, link in enumerate(proposed["links"]):
            ExhibitLink.objects.create(
                exhibit=locked_exhibit,
                order=order,
                url=link["url"],
                **{f"label_{key}": link.get(f"label_{key}") or None for key in LANGUAGE_KEYS},
            )
    _apply_images(locked_exhibit, base=base["images"], proposed=proposed["images"])

    locked_exhibit.version += 1
    locked_exhibit._history_user = user
    reason = f"revision #{locked.number} approved"
    locked_exhibit._change_reason = f"{reason} — {message}" if message else reason
    locked_exhibit.save(update_fields=[*update_fields, "version", "updated_at"])
    _close(locked, status=R.APPROVED, user=user, message=message)
    transaction.on_commit(lambda: _notify(locked, event="approved", actor=user, message=message))
    return locked_exhibit


def _apply_images(exhibit: Exhibit, *, base: list[dict], proposed: list[dict]) -> None:
    """Images: removed ones deleted (files on commit), staged ones created from their
    files, texts changed where the department changed them, and — when the department
    added or reordered images — the proposed order, with images a curator added
    meanwhile kept after them."""
    live = {
        image.pk: image
        for image in ExhibitImage.objects.filter(exhibit=exhibit).order_by("order", "pk")
    }
    base_by_id = {entry["id"]: entry for entry in base}
    proposed_ids = [entry["id"] for entry in proposed if "id" in entry]
    for image_id in base_by_id:
        if image_id not in proposed_ids and image_id in live:
            exhibit_image_delete(image=live.pop(image_id))

    final: list[ExhibitImage] = []
    added = False
    for entry in proposed:
        if "new" in entry:
            image = staged_image(entry, exhibit=exhibit)
            image.order = len(final)
            for field in IMAGE_TEXT_COLUMNS:
                setattr(image, field, entry.get(field) or None)
            image.credit = entry.get("credit") or ""
            image.save()
            final.append(image)
            added = True
            continue
        image = live.get(entry["id"])
        if image is None:  # deleted by a curator meanwhile
            continue
        reference = base_by_id.get(entry["id"]) or image_entry(image)
        changed = [f for f in IMAGE_FIELDS if entry.get(f, "") != reference.get(f, "")]
        for field in changed:
            value = entry.get(field) or ""
            setattr(image, field, value if field == "credit" else value or None)
        if changed:
            image.save(update_fields=changed)
        final.append(image)

    kept_base_order = [i for i in base_by_id if i in proposed_ids]
    reordered = [i for i in proposed_ids if i in base_by_id] != kept_base_order
    if not (added or reordered):
        return
    mentioned = {image.pk for image in final}
    final += [image for pk, image in live.items() if pk not in mentioned]
    moved = []
    for position, image in enumerate(final):
        if image.order != position:
            image.order = position
            moved.append(image)
    if moved:
        ExhibitImage.objects.bulk_update(moved, ["order"])


@transaction.atomic
def revision_reject(*, revision: ExhibitRevision, user, message: str) -> ExhibitRevision:
    """Refuse a submitted revision with a message (a curator); the exhibit is untouched.

    The message is required (400). Images the revision staged are deleted once the
    transaction commits; the department is e-mailed then.
    """
    exhibit = revision.exhibit
    _require_curator(user, exhibit)
    message = (message or "").strip()
    if not message:
        raise InvalidRequest(
            _("Please write why: the department needs to know what to change."),
            missing=["message"],
        )
    locked = _locked(revision)
    if locked.status != R.SUBMITTED:
        raise _wrong_state(locked, gettext("rejected"))
    _close(locked, status=R.REJECTED, user=user, message=message)
    transaction.on_commit(lambda: _notify(locked, event="rejected", actor=user, message=message))
    return locked


# --- the difference -------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class FieldChange:
    """One difference between the live exhibit and a revision's proposal.

    ``old`` and ``new`` are texts, or lists of texts for technologies, partners, links and
    the order of images; ``old`` is None for an image added, ``new`` None for one removed.
    """

    field: str
    label: str
    language: str
    old: Any
    new: Any
    kind: str = "changed"  # "changed", "added", "removed", "reordered"
    image_url: str = ""

    @property
    def language_label(self) -> str:
        return str(language_label(self.language)) if self.language else ""

    @property
    def is_list(self) -> bool:
        return isinstance(self.old, list) or isinstance(self.new, list)

    @property
    def removed_items(self) -> list[str]:
        new = self.new or []
        return [item for item in self.old or [] if item not in new]

    @property
    def added_items(self) -> list[str]:
        old = self.old or []
        return [item for item in self.new or [] if item not in old]


def _names(model, slugs: set[str], field: str) -> dict[str, str]:
    if not slugs:
        return {}
    return {obj.slug: localized(obj, field) for obj in model.objects.filter(slug__in=slugs)}


def _link_line(link: dict) -> str:
    labels = " · ".join(link[f"label_{key}"] for key in LANGUAGE_KEYS if link.get(f"label_{key}"))
    return f"{labels} — {link['url']}"


def revision_diff(revision: ExhibitRevision, *, live: dict | None = None) -> list[FieldChange]:
    """What approving ``revision`` would change on the live exhibit, field by field.

    Lists exactly the fields the department changed (proposal ≠ the content it started
    from) whose proposed value differs from the live one: texts per language,
    technologies, partners, links, and per image: added, removed, its texts per language,
    its credit, and the order. ``live`` is the exhibit's snapshot when the caller has it
    (``exhibit_snapshot``); otherwise it is read (four queries, fewer with prefetching).
    """
    exhibit = revision.exhibit
    # The snapshot and the images' thumbnails read the same rows: load each relation once.
    loaded = getattr(exhibit, "_prefetched_objects_cache", {})
    missing = [name for name in SNAPSHOT_RELATIONS if name not in loaded]
    if missing:
        prefetch_related_objects([exhibit], *missing)
    live = live if live is not None else exhibit_snapshot(exhibit)
    base, proposed = revision.base, revision.changes
    changes: list[FieldChange] = []

    for field in EXHIBIT_TEXT_FIELDS:
        for key in LANGUAGE_KEYS:
            column = f"{field}_{key}"
            new = proposed.get(column, "")
            if new != base.get(column, "") and new != live.get(column, ""):
                changes.append(
                    FieldChange(
                        field=field,
                        label=str(FIELD_LABELS[field]),
                        language=key,
                        old=live.get(column, ""),
                        new=new,
                    )
                )

    for field, model, name_field in (
        ("technologies", Technology, "name"),
        ("partner_departments", Department, "name"),
    ):
        new, old = proposed.get(field, []), live.get(field, [])
        if new != base.get(field, []) and sorted(new) != sorted(old):
            names = _names(model, set(new) | set(old), name_field)
            changes.append(
                FieldChange(
                    field=field,
                    label=str(FIELD_LABELS[field]),
                    language="",
                    old=sorted(names.get(slug, slug) for slug in old),
                    new=sorted(names.get(slug, slug) for slug in new),
                )
            )

    new_links, old_links = proposed.get("links", []), live.get("links", [])
    if new_links != base.get("links", []) and new_links != old_links:
        changes.append(
            FieldChange(
                field="links",
                label=str(FIELD_LABELS["links"]),
                language="",
                old=[_link_line(link) for link in old_links],
                new=[_link_line(link) for link in new_links],
            )
        )

    changes += _image_changes(exhibit, base=base, proposed=proposed, live=live)
    return changes


def _image_field_parts(field: str) -> tuple[str, str]:
    """ "alt_text_zh_hant" → ("alt_text", "zh_hant"); "credit" → ("credit", "")."""
    for name in ("alt_text", "caption"):
        if field.startswith(f"{name}_"):
            return name, field.removeprefix(f"{name}_")
    return field, ""


def _image_changes(exhibit: Exhibit, *, base: dict, proposed: dict, live: dict) -> list:
    base_entries = {entry["id"]: entry for entry in base.get("images", [])}
    live_entries = {entry["id"]: entry for entry in live.get("images", [])}
    live_rows = {image.pk: image for image in exhibit.images.all()}
    proposed_entries = proposed.get("images", [])
    proposed_ids = [entry["id"] for entry in proposed_entries if "id" in entry]
    changes: list[FieldChange] = []

    def described(entry: dict) -> str:
        return entry.get("alt_text_en") or entry.get("alt_text_zh_hant") or ""

    def url_of(entry: dict) -> str:
        if "new" in entry:
            return staged_image(entry).thumbnail_url
        row = live_rows.get(entry["id"])
        return row.thumbnail_url if row is not None else ""

    for image_id, entry in live_entries.items():
        if image_id in base_entries and image_id not in proposed_ids:
            changes.append(
                FieldChange(
                    field="images",
                    label=gettext("Image removed"),
                    language="",
                    old=described(entry),
                    new=None,
                    kind="removed",
                    image_url=url_of(entry),
                )
            )
    for position, entry in enumerate(proposed_entries, start=1):
        if "new" in entry:
            changes.append(
                FieldChange(
                    field="images",
                    label=gettext("Image added (position %(n)s)") % {"n": position},
                    language="",
                    old=None,
                    new=described(entry),
                    kind="added",
                    image_url=url_of(entry),
                )
            )
            continue
        current = live_entries.get(entry["id"])
        if current is None:
            continue
        reference = base_entries.get(entry["id"], current)
        for field in IMAGE_FIELDS:
            new = entry.get(field, "")
            if new == reference.get(field, "") or new == current.get(field, ""):
                continue
            name, key = _image_field_parts(field)
            changes.append(
                FieldChange(
                    field=f"image.{name}",
                    label=gettext("Image “%(image)s”: %(what)s")
                    % {"image": described(current), "what": FIELD_LABELS[name]},
                    language=key,
                    old=current.get(field, ""),
                    new=new,
                    image_url=url_of(entry),
                )
            )

    kept_base = [i for i in base_entries if i in proposed_ids]
    department_reordered = [i for i in proposed_ids if i in base_entries] != kept_base
    live_order = [i for i in live_entries if i in proposed_ids]
    proposed_order = [i for i in proposed_ids if i in live_entries]
    if department_reordered and proposed_order != live_order:
        changes.append(
            FieldChange(
                field="images.order",
                label=gettext("Order of the images"),
                language="",
                old=[described(live_entries[i]) for i in live_order],
                new=[described(live_entries[i]) for i in proposed_order],
                kind="reordered",
            )
        )
    return changes


def _never_saved(*args, **kwargs):
    raise RuntimeError("A revision's preview is never saved.")


def revision_preview(revision: ExhibitRevision) -> dict[str, Any]:
    """The exhibit as it would be once ``revision`` is approved, for the public template.

    An unsaved copy of the exhibit carries the proposed texts (it is never saved: the
    copy has no database identity of its own and nothing here writes); technologies,
    partners, links and images are unsaved objects in the proposed order. Returns the
    context keys the public exhibit template reads.
    """
    exhibit = revision.exhibit
    proposed = revision.changes
    copy_ = copy.copy(exhibit)
    copy_.save = _never_saved
    for column in EXHIBIT_TEXT_COLUMNS:
        setattr(copy_, column, proposed.get(column) or None)
    live_images = {image.pk: image for image in exhibit.images.all()}
    images = []
    for entry in proposed.get("images", []):
        if "new" in entry:
            image = staged_image(entry, exhibit=copy_)
        elif entry["id"] in live_images:
            image = copy.copy(live_images[entry["id"]])
        else:
            continue
        for field in IMAGE_TEXT_COLUMNS:
            setattr(image, field, entry.get(field) or None)
        image.credit = entry.get("credit") or ""
        images.append(image)
    technologies = list(Technology.objects.filter(slug__in=proposed.get("technologies", [])))
    partners = list(
        Department.objects.filter(slug__in=proposed.get("partner_departments", [])).order_by(
            "name_en"
        )
    )
    links = [
        ExhibitLink(
            exhibit=copy_,
            order=order,
            url=link["url"],
            **{f"label_{key}": link.get(f"label_{key}") or None for key in LANGUAGE_KEYS},
        )
        for order, link in enumerate(proposed.get("links", []))
    ]
    return {
        "exhibit": copy_,
        "images": images,
        "technologies": technologies,
        "partners": partners,
        "links": links,
    }


# --- e-mail ---------------------------------------------------------------------------

#: Who is told of what: the curators of a submission or a withdrawal after submitting,
#: the department of a decision.
_TELLS_DEPARTMENT = {"approved": True, "rejected": True, "submitted": False, "withdrawn": False}


def _recipients(revision: ExhibitRevision, *, event: str, actor) -> list[str]:
    User = get_user_model()
    if _TELLS_DEPARTMENT[event]:
        users = User.objects.filter(
            memberships__department_id=revision.exhibit.lead_department_id, is_active=True
        )
    else:
        users = User.objects.filter(
            Q(groups__name=CURATORS, is_staff=True) | Q(is_superuser=True), is_active=True
        )
    emails = set(users.exclude(email="").values_list("email", flat=True))
    emails.discard(getattr(actor, "email", ""))
    return sorted(emails)


def _notify(revision: ExhibitRevision, *, event: str, actor, message: str) -> None:
    recipients = _recipients(revision, event=event, actor=actor)
    if not recipients:
        return
    exhibit = revision.exhibit
    if _TELLS_DEPARTMENT[event]:
        link = f"/portal/exhibits/{exhibit.pk}/"
    else:
        link = f"/admin/exhibits/exhibitrevision/{revision.pk}/change/"
    context = {
        "exhibit": exhibit,
        "revision": revision,
        "event": event,
        "status": revision.get_status_display(),
        "actor": actor,
        "message": message,
        "link": settings.PAVILION_SITE_URL + link,
    }
    subject = render_to_string("exhibits/email/revision_subject.txt", context).strip()
    body = render_to_string("exhibits/email/revision_body.txt", context)
    send_mail(subject, body, None, recipients, fail_silently=False)
