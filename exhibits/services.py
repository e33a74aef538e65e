"""Writes for exhibits. Every function is keyword-only, typed and atomic.

Images: every image goes through ``exhibits.images`` (decode, re-encode, renditions)
before a file or a row is written. Storage is the model field's storage (Django's default
storage: the file system here, S3 when configured), so nothing here assumes local files.
File deletions wait for the commit, so a rolled-back delete keeps its files.
"""

from __future__ import annotations

from typing import IO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from exhibits import images
from exhibits import rules as exhibit_rules
from exhibits.content import (
    EXHIBIT_TEXT_COLUMNS,
    LANGUAGE_KEYS,
    MAX_IMAGES,
    MAX_LINKS,
    too_long_error,
)
from exhibits.models import Exhibit, ExhibitComment, ExhibitImage
from exhibits.workflow import (
    Conflict,
    ExhibitNotFound,
    NotAllowed,
    StaleVersion,
    other_side_emails,
)
from pavilion.cache import content_changed
from pavilion.i18n import join_list

ImageUpload = File | IO[bytes] | bytes | images.PreparedImage


def _image_storage():
    return ExhibitImage._meta.get_field("image").storage


def _translated_columns(
    field: str, values: dict[str, str] | None, *, required: tuple[str, ...] = ()
) -> tuple[dict[str, str | None], dict[str, list[ValidationError]]]:
    """Map {"en": …} to {"<field>_en": …}, validated against the model's columns.

    Only the keys given are returned (so an update can change one language); an empty
    value becomes None, as Django's forms store it for these nullable columns, and
    modeltranslation then falls back to another language.
    """
    columns: dict[str, str | None] = {}
    errors: dict[str, list[ValidationError]] = {}
    values = values or {}
    unknown = sorted(set(values) - set(LANGUAGE_KEYS))
    if unknown:
        errors[field] = [
            ValidationError(
                _("Unknown language: %(keys)s. Use %(known)s."),
                code="unknown_language",
                params={"keys": join_list(unknown), "known": join_list(LANGUAGE_KEYS)},
            )
        ]
    for key in LANGUAGE_KEYS:
        column = f"{field}_{key}"
        if key not in values and key not in required:
            continue
        value = (values.get(key) or "").strip()
        if not value:
            if key in required:
                errors[column] = [ValidationError(_("This field is required."), code="required")]
            columns[column] = None
            continue
        try:
            ExhibitImage._meta.get_field(column).run_validators(value)
        except ValidationError as error:
            errors[column] = error.error_list
        columns[column] = value
    return columns, errors


def _check_plain(field: str, value: object, errors: dict[str, list[ValidationError]]) -> None:
    try:
        ExhibitImage._meta.get_field(field).clean(value, None)
    except ValidationError as error:
        errors[field] = error.error_list


def prepare_upload(upload: ImageUpload) -> images.PreparedImage:
    """An upload checked and decoded (``images.prepare_image``); errors name ``upload``.
    Shared with exhibits.revisions, which stages images the same way."""
    if isinstance(upload, images.PreparedImage):
        return upload
    try:
        return images.prepare_image(upload)
    except ValidationError as error:
        raise ValidationError({"upload": error.error_list}) from None


def validate_image_texts(
    *,
    alt_text: dict[str, str] | None,
    caption: dict[str, str] | None,
    credit: str | None,
    order: int | None,
    adding: bool,
) -> dict[str, object]:
    """The column values to set, or a ValidationError keyed by column name."""
    errors: dict[str, list[ValidationError]] = {}
    # English alt text is required: every image needs one for people who cannot see it.
    require_en = adding or "en" in (alt_text or {})
    alt_columns, alt_errors = _translated_columns(
        "alt_text", alt_text, required=("en",) if require_en else ()
    )
    caption_columns, caption_errors = _translated_columns("caption", caption)
    errors.update(alt_errors)
    errors.update(caption_errors)
    values: dict[str, object] = {**alt_columns, **caption_columns}
    if credit is not None:
        credit = credit.strip()
        _check_plain("credit", credit, errors)
        values["credit"] = credit
    if order is not None:
        _check_plain("order", order, errors)
        values["order"] = order
    if errors:
        raise ValidationError(errors)
    return values


@transaction.atomic
def exhibit_image_add(
    *,
    exhibit: Exhibit,
    upload: ImageUpload,
    alt_text: dict[str, str],
    caption: dict[str, str] | None = None,
    credit: str = "",
    order: int | None = None,
) -> ExhibitImage:
    """Add an image to an exhibit through the image pipeline.

    ``upload`` is an uploaded file, a file object, raw bytes, or the ``PreparedImage`` a
    form already made (so the image is not decoded twice). ``alt_text`` and ``caption``
    are keyed "en", "zh_hant", "zh_hans"; English alt text is required. ``order``
    defaults to after the exhibit's last image.

    Everything is validated before anything is written; a ValidationError is keyed by
    field ("upload", "alt_text_en", …). If anything fails after the files are written,
    those files are deleted before the error is raised again.
    """
    if exhibit.pk is None:
        raise ValueError("Save the exhibit before adding images to it.")
    # Counted under the exhibit's row lock, so two simultaneous uploads cannot make 13.
    Exhibit.objects.select_for_update().filter(pk=exhibit.pk).exists()
    if exhibit.images.count() >= MAX_IMAGES:
        raise too_many("images")
    values = validate_image_texts(
        alt_text=alt_text, caption=caption, credit=credit, order=order, adding=True
    )
    prepared = prepare_upload(upload)

    storage = _image_storage()
    stored = images.store_image(prepared, storage=storage)
    try:
        if order is None:
            last = exhibit.images.aggregate(last=Max("order"))["last"]
            # Two simultaneous uploads may get the same order; ties sort by id.
            values["order"] = 0 if last is None else last + 1
        image = ExhibitImage(
            exhibit=exhibit,
            width=stored.width,
            height=stored.height,
            renditions=stored.renditions,
            **values,
        )
        image.image.name = stored.name
        image.save()
    except BaseException:
        images.delete_files(stored.names, storage=storage)
        raise
    return image


@transaction.atomic
def exhibit_image_update(
    *,
    image: ExhibitImage,
    upload: ImageUpload | None = None,
    alt_text: dict[str, str] | None = None,
    caption: dict[str, str] | None = None,
    credit: str | None = None,
    order: int | None = None,
) -> ExhibitImage:
    """Change an image's texts, and replace its file when ``upload`` is given.

    Only what is given changes; in ``alt_text``/``caption`` only the languages given
    change (an empty string clears one; English alt text cannot be cleared). A new
    upload goes through the pipeline into a new folder; the old files are deleted when
    the transaction commits, the new ones at once if saving fails.
    """
    values = validate_image_texts(
        alt_text=alt_text, caption=caption, credit=credit, order=order, adding=False
    )
    prepared = prepare_upload(upload) if upload is not None else None
    for column, value in values.items():
        setattr(image, column, value)
    update_fields = list(values)
    if prepared is None:
        if update_fields:
            image.save(update_fields=update_fields)
        return image

    storage = _image_storage()
    old_names = image.stored_names
    stored = images.store_image(prepared, storage=storage)
    try:
        image.image.name = stored.name
        image.width = stored.width
        image.height = stored.height
        image.renditions = stored.renditions
        image.save(update_fields=[*update_fields, "image", "width", "height", "renditions"])
    except BaseException:
        images.delete_files(stored.names, storage=storage)
        raise
    images.delete_files_on_commit(old_names, storage=storage)
    return image


@transaction.atomic
def exhibit_image_delete(*, image: ExhibitImage) -> None:
    """Delete an image's row now and its files when the transaction commits."""
    names = image.stored_names
    image.delete()
    images.delete_files_on_commit(names, storage=_image_storage())


@transaction.atomic
def exhibit_images_reorder(*, exhibit: Exhibit, ordered_ids: list[int]) -> list[ExhibitImage]:
    """Put an exhibit's images in the given order (0, 1, 2, …) and return them so.

    ``ordered_ids`` must list every image of the exhibit exactly once: an id of another
    exhibit's image, a missing one or a repeated one is refused and nothing changes.
    """
    # order_by: the default ordering joins the exhibit's zone, which cannot be locked.
    locked = (
        ExhibitImage.objects.select_for_update().filter(exhibit=exhibit).order_by("order", "pk")
    )
    current = {image.pk: image for image in locked}
    ids = list(ordered_ids)
    if len(ids) != len(set(ids)):
        repeated = sorted({i for i in ids if ids.count(i) > 1})
        raise ValidationError(
            _("Each image may be listed only once; repeated: %(ids)s."),
            code="duplicate",
            params={"ids": join_list(repeated)},
        )
    foreign = [i for i in ids if i not in current]
    if foreign:
        raise ValidationError(
            _("These images do not belong to this exhibit: %(ids)s."),
            code="foreign_image",
            params={"ids": join_list(foreign)},
        )
    missing = sorted(set(current) - set(ids))
    if missing:
        raise ValidationError(
            _("Every image of the exhibit must be listed; missing: %(ids)s."),
            code="incomplete",
            params={"ids": join_list(missing)},
        )
    ordered = [current[i] for i in ids]
    changed = []
    for position, image in enumerate(ordered):
        if image.order != position:
            image.order = position
            changed.append(image)
    if changed:
        ExhibitImage.objects.bulk_update(changed, ["order"])
        # bulk_update sends no signal: tell the page cache (pavilion/cache.py) itself.
        content_changed()
    return ordered


# --- Exhibit content and comments (the department portal; later the API) ---------------

#: Statuses in which the department may change an exhibit's content.
DEPARTMENT_EDITABLE_STATUSES = frozenset({Exhibit.Status.DRAFT, Exhibit.Status.CHANGES_REQUESTED})
SLUG_MAX_LENGTH = 80


def exhibit_values(data: dict, *, edition_id: int, creating: bool) -> dict[str, object]:
    """Validated column values from ``data`` (text columns and ``proposed_zone``).

    Only the keys given are returned, so an update may change a few fields. Empty texts
    become None (the columns are nullable; the page then falls back to another language).
    """
    allowed = {*EXHIBIT_TEXT_COLUMNS, "proposed_zone"}
    errors: dict[str, list[ValidationError]] = {}
    unknown = sorted(set(data) - allowed)
    if unknown:
        raise ValidationError(
            _("Unknown exhibit fields: %(fields)s."),
            code="unknown_field",
            params={"fields": join_list(unknown)},
        )
    values: dict[str, object] = {}
    for column in EXHIBIT_TEXT_COLUMNS:
        if column not in data:
            continue
        value = (data[column] or "").strip() or None
        field = Exhibit._meta.get_field(column)
        if value is not None:
            try:
                field.run_validators(value)
                # A TextField's max_length is not a validator: check it here.
                if field.max_length and len(value) > field.max_length:
                    raise too_long_error(field.max_length, len(value))
            except ValidationError as error:
                errors[column] = error.error_list
        values[column] = value
    if (creating or "title_en" in data) and not values.get("title_en"):
        # The English title makes the exhibit's address, so even a draft needs it.
        errors["title_en"] = [
            ValidationError(_("An English title is needed, even for a draft."), code="required")
        ]
    if "proposed_zone" in data:
        zone = data["proposed_zone"]
        if zone is not None and zone.edition_id != edition_id:
            errors["proposed_zone"] = [
                ValidationError(_("Choose a zone of this edition."), code="invalid_zone")
            ]
        values["proposed_zone"] = zone
    if errors:
        raise ValidationError(errors)
    return values


def _unique_slug(*, edition_id: int, title: str, exclude_pk: int | None = None) -> str:
    """A slug from the English title, unique in the edition ("title", "title-2", …)."""
    base = slugify(title)[: SLUG_MAX_LENGTH - 4].strip("-") or "exhibit"
    taken = set(
        Exhibit.objects.filter(edition_id=edition_id, slug__startswith=base)
        .exclude(pk=exclude_pk)
        .values_list("slug", flat=True)
    )
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def too_many(what: str) -> ValidationError:
    """The refusal of a 13th image or an 11th link, whichever door it came through."""
    if what == "images":
        message = _("An exhibit has at most %(limit)s images.") % {"limit": MAX_IMAGES}
    else:
        message = _("An exhibit has at most %(limit)s links.") % {"limit": MAX_LINKS}
    return ValidationError({what: [ValidationError(message, code="too_many")]})


def check_partners(lead_department_id: int, partner_departments, errors: dict) -> None:
    """Adds to ``errors`` when the lead department is among the partners (also used by
    exhibits.revisions)."""
    if any(department.pk == lead_department_id for department in partner_departments):
        errors["partner_departments"] = [
            ValidationError(
                _("The lead department cannot also be a partner."), code="lead_is_partner"
            )
        ]


@transaction.atomic
def exhibit_create(
    *,
    edition,
    department,
    user,
    data: dict,
    technologies=(),
    partner_departments=(),
) -> Exhibit:
    """Create a draft exhibit of ``department`` in ``edition``, written by ``user``.

    ``data`` holds text columns (``title_en``, ``summary_zh_hant``, …) and
    ``proposed_zone``; only the English title is required for a draft (submission
    checks the rest). The slug is made from the English title, unique in the edition.
    Refused with NotAllowed (403) unless ``user`` is a member of ``department``; bad
    input raises ValidationError keyed by field, and nothing is written.
    """
    values = exhibit_values(data, edition_id=edition.pk, creating=True)
    technologies, partner_departments = list(technologies), list(partner_departments)
    errors: dict[str, list[ValidationError]] = {}
    check_partners(department.pk, partner_departments, errors)
    if errors:
        raise ValidationError(errors)
    exhibit = Exhibit(edition=edition, lead_department=department, created_by=user, **values)
    if not exhibit_rules.is_lead_member(user, exhibit):
        raise NotAllowed(_("Only members of a department can create its exhibits."))
    for _attempt in range(3):
        exhibit.slug = _unique_slug(edition_id=edition.pk, title=values["title_en"])
        exhibit._history_user = user
        exhibit._change_reason = "create: Created in the portal"
        try:
            # A savepoint: another draft may take the same slug at the same moment.
            with transaction.atomic():
                exhibit.save()
            break
        except IntegrityError:
            exhibit.pk = None
    else:
        raise Conflict(_("Could not find a free address for this title; try again."))
    exhibit.technologies.set(technologies)
    exhibit.partner_departments.set(partner_departments)
    return exhibit


@transaction.atomic
def exhibit_update(
    *,
    exhibit: Exhibit,
    user,
    expected_version: int,
    data: dict,
    technologies=None,
    partner_departments=None,
) -> Exhibit:
    """Save a department's changes to an exhibit's content and return the saved exhibit.

    ``expected_version`` is the version the person started from: if someone saved in the
    meantime, StaleVersion (409) is raised and nothing changes, instead of overwriting
    their work. Only the lead department's members may edit (else NotAllowed, 403; an
    exhibit they may not even see is ExhibitNotFound, 404), and only while the exhibit is
    a draft or changes were requested (else Conflict, 409). ``technologies`` and
    ``partner_departments``, when given, replace the current ones. Every save raises the
    version and leaves a history record naming ``user``.
    """
    if not exhibit_rules.can_view_exhibit(user, exhibit):
        raise ExhibitNotFound(_("No such exhibit."))
    if not exhibit_rules.is_lead_member(user, exhibit):
        raise NotAllowed(_("Only the lead department can change this exhibit."))
    locked = Exhibit.objects.select_for_update().get(pk=exhibit.pk)
    if expected_version != locked.version:
        raise StaleVersion(
            _(
                "Someone else saved this exhibit while you were editing it (version "
                "%(current)s; you started from %(seen)s)."
            )
            % {"current": locked.version, "seen": expected_version}
        )
    if locked.status not in DEPARTMENT_EDITABLE_STATUSES:
        raise Conflict(
            _("A %(status)s exhibit cannot be changed by the department.")
            % {"status": locked.get_status_display().lower()},
            code="read_only",
        )
    values = exhibit_values(data, edition_id=locked.edition_id, creating=False)
    errors: dict[str, list[ValidationError]] = {}
    if partner_departments is not None:
        partner_departments = list(partner_departments)
        check_partners(locked.lead_department_id, partner_departments, errors)
    if errors:
        raise ValidationError(errors)

    for column, value in values.items():
        setattr(locked, column, value)
    update_fields = list(values)
    if locked.published_at is None and values.get("title_en"):
        # Until first published nobody has printed the address: it follows the title.
        slug = _unique_slug(
            edition_id=locked.edition_id, title=values["title_en"], exclude_pk=locked.pk
        )
        if slug != locked.slug:
            locked.slug = slug
            update_fields.append("slug")
    locked.version += 1
    locked._history_user = user
    locked._change_reason = "edit: Saved in the portal"
    locked.save(update_fields=[*update_fields, "version", "updated_at"])
    if technologies is not None:
        locked.technologies.set(list(technologies))
    if partner_departments is not None:
        locked.partner_departments.set(partner_departments)
    return locked


@transaction.atomic
def exhibit_draft_delete(*, exhibit: Exhibit, user) -> None:
    """Delete a draft its department made by mistake, with its links and images.

    Only the lead department's coordinator may (an editor: NotAllowed, 403; someone who
    may not see the exhibit: ExhibitNotFound, 404), and only a draft never submitted —
    once the pavilion team has seen an exhibit it is withdrawn, not deleted (Conflict,
    409). The image files go once the transaction commits (a rollback keeps them).
    """
    if not exhibit_rules.can_view_exhibit(user, exhibit):
        raise ExhibitNotFound(_("No such exhibit."))
    if not exhibit_rules.is_lead_coordinator(user, exhibit):
        raise NotAllowed(_("Only the department's coordinator can delete a draft."))
    locked = Exhibit.objects.select_for_update().get(pk=exhibit.pk)
    if not exhibit_rules.is_unsubmitted_draft(user, locked):
        raise Conflict(
            _(
                "Only a draft that was never submitted can be deleted; withdraw this "
                "exhibit instead."
            ),
            code="wrong_state",
        )
    names = [
        name
        for image in ExhibitImage.objects.filter(exhibit=locked).order_by("pk")
        for name in image.stored_names
    ]
    locked._history_user = user
    locked._change_reason = "delete: Draft deleted in the portal"
    locked.delete()
    images.delete_files_on_commit(names, storage=_image_storage())


@transaction.atomic
def exhibit_comment_add(*, exhibit: Exhibit, user, body: str) -> ExhibitComment:
    """Add a message to the thread between the exhibit's department and the curators.

    Members of the lead department and curators may write; a partner department reads
    only (NotAllowed, 403); anyone else gets ExhibitNotFound (404). An empty or too long
    message raises ValidationError on ``body``.
    """
    if not exhibit_rules.can_view_exhibit(user, exhibit):
        raise ExhibitNotFound(_("No such exhibit."))
    by_curator = exhibit_rules.is_curator(user)
    if not by_curator and not exhibit_rules.is_lead_member(user, exhibit):
        raise NotAllowed(_("Only the lead department and the curators can write here."))
    body = (body or "").strip()
    field = ExhibitComment._meta.get_field("body")
    if not body:
        raise ValidationError({"body": _("Write a message first.")}, code="required")
    if len(body) > field.max_length:
        raise ValidationError(
            {
                "body": _("Keep the message under %(limit)s characters (it has %(length)s).")
                % {"limit": field.max_length, "length": len(body)}
            },
            code="max_length",
        )
    comment = ExhibitComment.objects.create(
        exhibit=exhibit, author=user, body=body, by_curator=by_curator
    )
    recipients = other_side_emails(exhibit, to_department=by_curator, acting_user=user)
    if recipients:
        transaction.on_commit(lambda: _mail_comment(comment, recipients))
    return comment


def _mail_comment(comment: ExhibitComment, recipients: list[str]) -> None:
    exhibit = comment.exhibit
    to_department = comment.by_curator
    link = settings.PAVILION_SITE_URL + (
        reverse("portal:exhibit_detail", args=[exhibit.pk])
        if to_department
        else reverse("admin:exhibits_exhibit_change", args=[exhibit.pk])
    )
    context = {"comment": comment, "exhibit": exhibit, "link": link}
    subject = render_to_string("exhibits/email/comment_subject.txt", context).strip()
    body = render_to_string("exhibits/email/comment_body.txt", context)
    send_mail(subject, body, None, recipients)
