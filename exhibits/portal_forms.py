"""Forms of the department portal: an exhibit's content, links and images, comments, actions.

The forms validate input only; saving goes through ``exhibits.services`` (content and
comments) and ``ExhibitImageForm`` (images, through the one image pipeline).
:class:`ExhibitEditor` binds the three parts of the exhibit page together so the view
stays a few lines: everything is validated before anything is written, and everything is
written in one transaction (files written by a failed save are removed again).
"""

from __future__ import annotations

import dataclasses

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.forms.models import inlineformset_factory
from django.utils.choices import CallableChoiceIterator
from django.utils.translation import gettext_lazy as _

from departments.models import Department
from exhibits import images as image_pipeline
from exhibits import revisions
from exhibits.content import (
    EXHIBIT_FIELDS,
    EXHIBIT_TEXT_COLUMNS,
    LANGUAGE_BY_KEY,
    LANGUAGE_KEYS,
    LANGUAGES,
    MAX_IMAGES,
    MAX_LINKS,
    REQUIRED_LANGUAGES,
    TOO_LONG,
    ContentField,
    Language,
    language_label,
    translated_columns,
)
from exhibits.forms import (
    ExhibitImageForm,
    ExhibitImageInlineFormSet,
    ExhibitLinkInlineFormSet,
    image_upload_field,
)
from exhibits.models import (
    Exhibit,
    ExhibitComment,
    ExhibitImage,
    ExhibitLink,
    ExhibitRevision,
    Technology,
)
from exhibits.portal_selectors import DEPARTMENT_ACTIONS, partner_choices, zones_for_edition
from exhibits.services import exhibit_create, exhibit_update
from exhibits.workflow import StaleVersion


def _text_widget(field: ContentField, language: Language) -> forms.Widget:
    # lang attributes of the inputs, so browsers pick fonts, spelling and input methods.
    attrs = {"lang": language.html_lang}
    if not field.rows:
        return forms.TextInput(attrs=attrs)
    return forms.Textarea(attrs={**attrs, "rows": field.rows})


class DepartmentChoiceField(forms.ModelMultipleChoiceField):
    """Departments labelled "English name (ABBR) · 中文名", so typing any of them finds one."""

    def label_from_instance(self, obj: Department) -> str:
        parts = [obj.name_en or obj.name]
        if obj.abbreviation:
            parts[0] += f" ({obj.abbreviation})"
        if obj.name_zh_hant:
            parts.append(obj.name_zh_hant)
        return " · ".join(parts)


class ExhibitContentForm(forms.Form):
    """An exhibit's texts in three languages, technologies, partners and proposed zone.

    A plain form (not a ModelForm) so a refused save never touches the exhibit object
    the page shows; the service validates again and writes.
    """

    def __init__(self, *args, edition, lead_department: Department, **kwargs):
        super().__init__(*args, **kwargs)
        for field in EXHIBIT_FIELDS:
            for language in LANGUAGES:
                column = field.column(language.key)
                self.fields[column] = forms.CharField(
                    label=_("%(field)s (%(language)s)")
                    % {"field": field.label, "language": language.label},
                    required=column == "title_en",
                    max_length=field.max_length,
                    widget=_text_widget(field, language),
                    error_messages={
                        "max_length": TOO_LONG,
                        **(
                            {"required": _("An English title is needed, even for a draft.")}
                            if column == "title_en"
                            else {}
                        ),
                    },
                )
        self.fields["proposed_zone"] = forms.ModelChoiceField(
            label=_("Proposed zone"),
            queryset=zones_for_edition(edition=edition),
            required=False,
            empty_label=_("Not chosen yet"),
            help_text=_("The zone you propose; the pavilion team decides the zone."),
        )
        self.fields["technologies"] = forms.ModelMultipleChoiceField(
            label=_("Technologies"),
            queryset=Technology.objects.all(),
            required=False,
            widget=forms.CheckboxSelectMultiple,
        )
        partners = DepartmentChoiceField(
            label=_("Partner departments"),
            # Every department is accepted here and the lead is only left out of the
            # choices shown: a forged choice of the lead is then refused by the services'
            # rule (lead_is_partner), as through the admin and the API.
            queryset=Department.objects.order_by("name_en"),
            required=False,
            # A checkbox per department: choosing several needs no Ctrl-click.
            widget=forms.CheckboxSelectMultiple,
            help_text=_(
                "Departments that take part in this exhibit. They can read it once it is submitted."
            ),
        )
        # Read when the field is drawn (a saved form is never drawn: no query then).
        partners.widget.choices = CallableChoiceIterator(
            lambda: [
                (department.pk, partners.label_from_instance(department))
                for department in partner_choices(lead=lead_department)
            ]
        )
        self.fields["partner_departments"] = partners

    @classmethod
    def initial_for(cls, exhibit: Exhibit) -> dict:
        """The form's initial values from a saved exhibit (relations already prefetched)."""
        initial = {column: getattr(exhibit, column) or "" for column in EXHIBIT_TEXT_COLUMNS}
        initial["proposed_zone"] = exhibit.proposed_zone_id
        initial["technologies"] = [t.pk for t in exhibit.technologies.all()]
        initial["partner_departments"] = [d.pk for d in exhibit.partner_departments.all()]
        return initial

    def data_for_service(self) -> dict:
        return {
            **{column: self.cleaned_data.get(column, "") for column in EXHIBIT_TEXT_COLUMNS},
            "proposed_zone": self.cleaned_data.get("proposed_zone"),
        }

    def _current(self, column: str) -> str:
        value = self[column].value()
        return (value or "").strip() if isinstance(value, str) else ""

    def translation_rows(self) -> list[TranslationRow]:
        """One row per text field: its three language fields and which languages are missing."""
        rows = []
        for field in EXHIBIT_FIELDS:
            filled = {key: bool(self._current(field.column(key))) for key in LANGUAGE_KEYS}
            # A required field lacks whatever is empty; an optional one only the other
            # language of a text written in one.
            if field.required or any(filled[key] for key in REQUIRED_LANGUAGES):
                missing = [language_label(key) for key in REQUIRED_LANGUAGES if not filled[key]]
            else:
                missing = []
            optional = [
                OptionalLanguage(
                    language=LANGUAGE_BY_KEY[key],
                    field=self[field.column(key)],
                    open=filled[key] or bool(self[field.column(key)].errors),
                )
                for key in LANGUAGE_KEYS
                if key not in REQUIRED_LANGUAGES
            ]
            rows.append(
                TranslationRow(
                    name=field.name,
                    label=field.label,
                    help_text=field.help_text,
                    required_for_submission=field.required,
                    required_fields=[self[field.column(key)] for key in REQUIRED_LANGUAGES],
                    optional=optional,
                    missing=missing,
                )
            )
        return rows


@dataclasses.dataclass(frozen=True)
class OptionalLanguage:
    """A language nobody must write (Simplified Chinese): folded away unless written."""

    language: Language
    field: forms.BoundField
    open: bool


@dataclasses.dataclass(frozen=True)
class TranslationRow:
    name: str
    label: str
    help_text: str
    required_for_submission: bool
    required_fields: list[forms.BoundField]
    optional: list[OptionalLanguage]
    missing: list[str]


class ExhibitLinkForm(forms.ModelForm):
    url = forms.URLField(
        label=_("Address"),
        max_length=500,
        assume_scheme="https",
        widget=forms.URLInput(attrs={"placeholder": "https://"}),
    )

    class Meta:
        model = ExhibitLink
        fields = ["url", *translated_columns("label"), "order"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for language in LANGUAGES:
            field = self.fields[f"label_{language.key}"]
            field.label = _("Label (%(language)s)") % {"language": language.label}
            field.widget.attrs["lang"] = language.html_lang
        self.fields["label_en"].required = True
        self.fields["order"].required = False
        self.fields["order"].label = _("Order")
        if self.instance.pk is None:
            # Blank, not the model's 0: an untouched extra row must count as unchanged.
            self.fields["order"].initial = None

    def clean_order(self):
        return self.cleaned_data.get("order") or 0

    def clean_url(self):
        url = self.cleaned_data.get("url", "")
        if url and not url.lower().startswith(("https://", "http://")):
            raise ValidationError(_("Enter a web address starting with https://."))
        return url


class DroppedUploadMixin:
    """A form shown again after a refused save cannot keep the file the person chose (a
    browser never re-fills a file input): name it, so the page says to choose it again."""

    @property
    def dropped_upload(self) -> str:
        if not self.is_bound:
            return ""
        upload = self.files.get(self.add_prefix("upload"))
        return getattr(upload, "name", "") if upload else ""


class PortalImageForm(DroppedUploadMixin, ExhibitImageForm):
    """The image form of the foundation, with language tags on its text inputs."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for language in LANGUAGES:
            for name in (f"alt_text_{language.key}", f"caption_{language.key}"):
                self.fields[name].widget.attrs["lang"] = language.html_lang
        if self.instance.pk is None:
            # ExhibitImageForm blanks ``initial`` but the field keeps the model's 0, which
            # would render (and go last-but-first); blank puts a new image last.
            self.fields["order"].initial = None

    @property
    def missing_alt_languages(self) -> list[str]:
        """Languages whose alternative text is still empty (needed for submission)."""
        if not (self.instance.pk or self.has_changed()):
            return []
        return [
            language_label(key)
            for key in REQUIRED_LANGUAGES
            if not (self[f"alt_text_{key}"].value() or "").strip()
        ]


#: Empty rows for new links and images on each save: the first shows, the others open
#: under "Add another" (a <details>, so it works without JavaScript).
EXTRA_ROWS = 3

LinkFormSet = inlineformset_factory(
    Exhibit,
    ExhibitLink,
    form=ExhibitLinkForm,
    formset=ExhibitLinkInlineFormSet,
    extra=EXTRA_ROWS,
    max_num=MAX_LINKS,
    can_delete=True,
)
ImageFormSet = inlineformset_factory(
    Exhibit,
    ExhibitImage,
    form=PortalImageForm,
    formset=ExhibitImageInlineFormSet,
    extra=EXTRA_ROWS,
    max_num=MAX_IMAGES,
    can_delete=True,
)


class VersionForm(forms.Form):
    """The version the person started from (hidden): the edit conflict check."""

    version = forms.IntegerField(
        min_value=1,
        widget=forms.HiddenInput,
        error_messages={
            "required": _("This form is incomplete: reload the page and try again."),
            "invalid": _("This form is incomplete: reload the page and try again."),
            "min_value": _("This form is incomplete: reload the page and try again."),
        },
    )


class ExhibitEditor:
    """The exhibit page's forms together: content, links and images (and the version).

    ``exhibit`` is None when creating. ``is_valid()`` validates every part (so every
    error shows at once, and the person's other entries stay); ``save(user=…)`` writes
    all of it in one transaction through the services.
    """

    def __init__(self, *, exhibit: Exhibit | None, edition, department, data=None, files=None):
        self.exhibit = exhibit
        self.creating = exhibit is None
        instance = exhibit or Exhibit(edition=edition, lead_department=department)
        self.content = ExhibitContentForm(
            data,
            edition=edition,
            lead_department=department,
            initial=None if exhibit is None else ExhibitContentForm.initial_for(exhibit),
        )
        # A new draft has no version: its form never posts one, so only an edit binds it
        # (bound on create, the missing version showed "reload the page" on any error).
        self.version = VersionForm(
            data if exhibit is not None else None,
            initial={"version": exhibit.version if exhibit else None},
        )
        self.links = LinkFormSet(data, instance=instance, prefix="links")
        self.images = ImageFormSet(data, files, instance=instance, prefix="images")
        self.edition = edition
        self.department = department

    def _parts(self):
        parts = [self.content, self.links, self.images]
        return parts if self.creating else [*parts, self.version]

    def is_valid(self) -> bool:
        results = [part.is_valid() for part in self._parts()]
        return all(results)

    def error_count(self) -> int:
        """Fields marked with an error below (the summary's own lines are not counted)."""
        count = len([name for name in self.content.errors if name != NON_FIELD_ERRORS])
        for formset in (self.links, self.images):
            count += len(formset.non_form_errors())
            count += sum(len(form.errors) for form in formset.forms)
        return count

    def summary_errors(self) -> list[str]:
        """Errors of the page as a whole (a conflict, a refusal, an unreadable version),
        said once, in the summary at the top."""
        errors = list(self.content.non_field_errors())
        if self.version.is_bound:
            for field_errors in self.version.errors.values():
                errors += [error for error in field_errors if error not in errors]
        return errors

    def dropped_uploads(self) -> list[str]:
        """Names of the image files chosen for this refused save: they must be chosen again."""
        return [form.dropped_upload for form in self.images.forms if form.dropped_upload]

    def add_conflict(self, message: str, *, current_version: int) -> None:
        """Keep the person's text, say why it was not saved, and let them save over it."""
        self.content.add_error(None, message)
        self.conflict_version = current_version

    def version_for_form(self) -> int | None:
        """The version to send with the next save (the current one after a conflict)."""
        conflict = getattr(self, "conflict_version", None)
        if conflict is not None:
            return conflict
        if self.version.is_bound and self.version.is_valid():
            return self.version.cleaned_data["version"]
        return self.exhibit.version if self.exhibit else None

    def save(self, *, user) -> Exhibit:
        """Write the content, links and images; raise the services' refusals unchanged.

        Any refusal (ValidationError, StaleVersion, …) rolls back everything; image files
        written before the refusal are deleted, since a rollback cannot remove files.
        """
        before = {
            id(form): set(form.instance.stored_names) if form.instance.pk else set()
            for form in self.images.forms
        }
        try:
            with transaction.atomic():
                content = self.content.cleaned_data
                if self.creating:
                    exhibit = exhibit_create(
                        edition=self.edition,
                        department=self.department,
                        user=user,
                        data=self.content.data_for_service(),
                        technologies=content["technologies"],
                        partner_departments=content["partner_departments"],
                    )
                else:
                    exhibit = exhibit_update(
                        exhibit=self.exhibit,
                        user=user,
                        expected_version=self.version.cleaned_data["version"],
                        data=self.content.data_for_service(),
                        technologies=content["technologies"],
                        partner_departments=content["partner_departments"],
                    )
                self.links.instance = exhibit
                self.links.save()
                self.images.instance = exhibit
                self.images.save()
        except BaseException:
            written = []
            for form in self.images.forms:
                if form.instance.pk and getattr(form, "prepared_image", None) is not None:
                    written += sorted(set(form.instance.stored_names) - before[id(form)])
            image_pipeline.delete_files(written)
            raise
        return exhibit


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Your message"),
        max_length=ExhibitComment._meta.get_field("body").max_length,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Write a message first.")},
    )


class TransitionForm(forms.Form):
    """A department action (submit, resubmit, withdraw, reopen) on the version it saw."""

    action = forms.ChoiceField(choices=[(name, name) for name in DEPARTMENT_ACTIONS])
    version = forms.IntegerField(min_value=1)
    message = forms.CharField(required=False, max_length=2000)


# --- Changes to a published exhibit (revisions) -------------------------------------------


class RevisionLinkForm(forms.Form):
    """A proposed link: address and labels (the live links stay until approval)."""

    url = forms.URLField(
        label=_("Address"),
        max_length=500,
        assume_scheme="https",
        widget=forms.URLInput(attrs={"placeholder": "https://"}),
    )
    order = forms.IntegerField(label=_("Order"), min_value=0, max_value=1000, required=False)

    clean_url = ExhibitLinkForm.clean_url

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit = ExhibitLink._meta.get_field("label_en").max_length
        for language in LANGUAGES:
            self.fields[f"label_{language.key}"] = forms.CharField(
                label=_("Label (%(language)s)") % {"language": language.label},
                max_length=limit,
                required=language.key == "en",
                widget=forms.TextInput(attrs={"lang": language.html_lang}),
            )
        self.order_fields(["url", *translated_columns("label"), "order"])


class RevisionImageForm(DroppedUploadMixin, forms.Form):
    """A proposed image: one of the exhibit's (``key`` "id:<pk>"), one these changes added
    earlier ("new:<key>"), or a new file (no key). Files are decoded here, so a refusal
    shows next to the field; the revision service stores them (staged)."""

    key = forms.CharField(required=False, widget=forms.HiddenInput)
    upload = image_upload_field()
    credit = forms.CharField(
        label=_("Credit"),
        max_length=ExhibitImage._meta.get_field("credit").max_length,
        required=False,
    )
    order = forms.IntegerField(
        label=_("Order"),
        min_value=0,
        max_value=1000,
        required=False,
        help_text=_("Leave empty to put the image last."),
    )

    def __init__(self, *args, allowed_keys: frozenset[str] = frozenset(), previews=None, **kw):
        super().__init__(*args, **kw)
        self.allowed_keys = allowed_keys
        self.previews = previews or {}
        self.prepared_image: image_pipeline.PreparedImage | None = None
        for field in ("alt_text", "caption"):
            column = ExhibitImage._meta.get_field(f"{field}_en")
            for language in LANGUAGES:
                label = (
                    _("Alternative text (%(language)s)")
                    if field == "alt_text"
                    else _("Caption (%(language)s)")
                )
                self.fields[f"{field}_{language.key}"] = forms.CharField(
                    label=label % {"language": language.label},
                    max_length=column.max_length,
                    required=field == "alt_text" and language.key == "en",
                    widget=forms.TextInput(attrs={"lang": language.html_lang}),
                )
        # Fields in the page's order.
        self.order_fields(
            [
                "key",
                "upload",
                *(f"alt_text_{key}" for key in LANGUAGE_KEYS),
                *(f"caption_{key}" for key in LANGUAGE_KEYS),
                "credit",
                "order",
            ]
        )

    @property
    def current_key(self) -> str:
        value = self["key"].value() or ""
        return value if value in self.allowed_keys else ""

    @property
    def preview(self) -> ExhibitImage | None:
        """The image this row describes (live or staged), to show a thumbnail."""
        return self.previews.get(self.current_key)

    @property
    def missing_alt_languages(self) -> list[str]:
        if not (self.current_key or self.has_changed()):
            return []
        return [
            language_label(key)
            for key in REQUIRED_LANGUAGES
            if not (self[f"alt_text_{key}"].value() or "").strip()
        ]

    def clean_key(self):
        key = self.cleaned_data.get("key") or ""
        if key and key not in self.allowed_keys:
            raise ValidationError(_("This image is not part of these changes: reload the page."))
        return key

    def clean_upload(self):
        upload = self.cleaned_data.get("upload")
        if upload:
            self.prepared_image = image_pipeline.prepare_image(upload)
        return upload

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("key") and not cleaned.get("upload") and "upload" not in self.errors:
            self.add_error("upload", _("Choose an image file."))
        return cleaned

    def entry(self) -> dict:
        """This row for ``revision_update``: which image, and its texts."""
        data = self.cleaned_data
        entry: dict[str, object] = {
            field: data.get(field) or ""
            for field in (*(f"{f}_{k}" for f in ("alt_text", "caption") for k in LANGUAGE_KEYS),)
        }
        entry["credit"] = data.get("credit") or ""
        kind, _sep, value = data["key"].partition(":")
        if kind == "id":
            entry["id"] = int(value)
        elif kind == "new":
            entry["key"] = value
        else:
            entry["upload"] = self.prepared_image
        return entry


class _OrderedFormSet(forms.BaseFormSet):
    """Rows kept (not deleted, not left empty), sorted by their order field, then by place."""

    def kept_forms(self) -> list[forms.Form]:
        kept = [
            (index, form)
            for index, form in enumerate(self.forms)
            if form.has_changed() or index < self.initial_form_count()
        ]
        kept = [(index, form) for index, form in kept if not self._should_delete_form(form)]
        last = 10**6

        def place(item):
            # A row moved to an order another row has goes before it: that is what the
            # person asked for by typing the number.
            index, form = item
            order = form.cleaned_data.get("order")
            moved = "order" in form.changed_data
            return (last if order is None else order, not moved, index)

        return [form for _index, form in sorted(kept, key=place)]


class RevisionImageFormSet(_OrderedFormSet):
    def __init__(self, *args, allowed_keys=frozenset(), previews=None, **kwargs):
        self.allowed_keys = allowed_keys
        self.previews = previews or {}
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {"allowed_keys": self.allowed_keys, "previews": self.previews}

    def clean(self):
        if any(self.errors):
            return
        keys = [form.cleaned_data.get("key") for form in self.kept_forms()]
        keys = [key for key in keys if key]
        if len(keys) != len(set(keys)):
            raise ValidationError(_("An image is listed twice: reload the page."))


RevisionLinkFormSet = forms.formset_factory(
    RevisionLinkForm,
    formset=_OrderedFormSet,
    extra=EXTRA_ROWS,
    max_num=MAX_LINKS,
    validate_max=True,
    can_delete=True,
)
RevisionImageFormSetClass = forms.formset_factory(
    RevisionImageForm,
    formset=RevisionImageFormSet,
    extra=EXTRA_ROWS,
    max_num=MAX_IMAGES,
    validate_max=True,
    can_delete=True,
)


class RevisionVersionForm(forms.Form):
    """Which changes the person edited (none yet: blank) and at which version — the version
    of the changes, or of the live exhibit when they start new ones."""

    revision = forms.IntegerField(required=False, widget=forms.HiddenInput)
    version = VersionForm.base_fields["version"]


class RevisionEditor:
    """The edit page of a published exhibit: its forms fill a draft revision, never the
    live exhibit. Same shape as :class:`ExhibitEditor` (content, links, images, version),
    so the page and its template read the same; the zone is the curators' and absent."""

    creating = False

    def __init__(
        self, *, exhibit: Exhibit, revision: ExhibitRevision | None, data=None, files=None
    ):
        self.exhibit = exhibit
        self.revision = revision
        content = revision.changes if revision is not None else revisions.exhibit_snapshot(exhibit)
        self.content = ExhibitContentForm(
            data,
            edition=exhibit.edition,
            lead_department=exhibit.lead_department,
            initial=self._content_initial(content),
        )
        del self.content.fields["proposed_zone"]
        self.version = RevisionVersionForm(
            data,
            initial={
                "revision": revision.pk if revision else None,
                "version": revision.version if revision else exhibit.version,
            },
        )
        self.links = RevisionLinkFormSet(
            data,
            prefix="links",
            initial=[{**link, "order": n} for n, link in enumerate(content["links"])],
        )
        previews = self._previews(content)
        self.images = RevisionImageFormSetClass(
            data,
            files,
            prefix="images",
            allowed_keys=frozenset(previews),
            previews=previews,
            initial=[
                {
                    "key": revisions.entry_key(entry),
                    **{field: entry.get(field, "") for field in revisions.IMAGE_FIELDS},
                    "order": n,
                }
                for n, entry in enumerate(content["images"])
            ],
        )

    def _content_initial(self, content: dict) -> dict:
        initial = {column: content.get(column, "") for column in EXHIBIT_TEXT_COLUMNS}
        initial["technologies"] = list(
            Technology.objects.filter(slug__in=content["technologies"]).values_list("pk", flat=True)
        )
        initial["partner_departments"] = list(
            Department.objects.filter(slug__in=content["partner_departments"]).values_list(
                "pk", flat=True
            )
        )
        return initial

    def _previews(self, content: dict) -> dict[str, ExhibitImage]:
        """Key → image to show: the exhibit's own images and those these changes staged."""
        previews = {f"id:{image.pk}": image for image in self.exhibit.images.all()}
        for entry in content["images"]:
            if "new" in entry:
                previews[revisions.entry_key(entry)] = revisions.staged_image(entry)
        return previews

    def is_valid(self) -> bool:
        results = [
            part.is_valid() for part in (self.content, self.links, self.images, self.version)
        ]
        return all(results)

    error_count = ExhibitEditor.error_count
    summary_errors = ExhibitEditor.summary_errors
    dropped_uploads = ExhibitEditor.dropped_uploads

    def add_conflict(
        self, message: str, *, current: ExhibitRevision | None, exhibit_version: int
    ) -> None:
        """Keep the person's entries, say why they were not saved, and let the next save
        go on top of what is there now (``current``: the open draft, if any)."""
        self.content.add_error(None, message)
        self.conflict = {
            "revision": current.pk if current else None,
            "version": current.version if current else exhibit_version,
        }

    def version_for_form(self) -> int:
        if hasattr(self, "conflict"):
            return self.conflict["version"]
        if self.version.is_bound and self.version.is_valid():
            return self.version.cleaned_data["version"]
        return self.revision.version if self.revision else self.exhibit.version

    def revision_for_form(self) -> int | None:
        if hasattr(self, "conflict"):
            return self.conflict["revision"]
        if self.version.is_bound and self.version.is_valid():
            return self.version.cleaned_data["revision"]
        return self.revision.pk if self.revision else None

    def _links(self) -> list[dict]:
        return [
            {field: form.cleaned_data.get(field) or "" for field in revisions.LINK_FIELDS}
            for form in self.links.kept_forms()
        ]

    def save(self, *, user) -> ExhibitRevision:
        """Start (or continue) the draft revision and save everything into it, in one
        transaction. Someone else's changes meanwhile — new changes started, a save, a new
        live version — are a StaleVersion; nothing is then saved."""
        seen_revision = self.version.cleaned_data["revision"]
        seen_version = self.version.cleaned_data["version"]
        current = self.revision.pk if self.revision else None
        if seen_revision != current:
            raise StaleVersion(_("Someone else started or closed changes meanwhile."))
        content = self.content.cleaned_data
        with transaction.atomic():
            if self.revision is None:
                revision = revisions.revision_start(exhibit=self.exhibit, user=user)
                if revision.base_version != seen_version:
                    raise StaleVersion(_("The exhibit changed since you opened the page."))
                expected = revision.version
            else:
                revision, expected = self.revision, seen_version
            return revisions.revision_update(
                revision=revision,
                user=user,
                expected_version=expected,
                data={column: content.get(column, "") for column in EXHIBIT_TEXT_COLUMNS},
                technologies=content["technologies"],
                partner_departments=content["partner_departments"],
                links=self._links(),
                images=[form.entry() for form in self.images.kept_forms()],
            )


class RevisionActionForm(forms.Form):
    """Submit or withdraw changes: which ones, at which version, and a note when submitting."""

    revision = forms.IntegerField(min_value=1)
    version = forms.IntegerField(min_value=1)
    note = forms.CharField(
        required=False, max_length=ExhibitRevision._meta.get_field("note").max_length
    )
