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
from django.core.exceptions import ValidationError
from django.db import transaction
from django.forms.models import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from departments.models import Department
from exhibits import images as image_pipeline
from exhibits.forms import ExhibitImageForm, ExhibitImageInlineFormSet
from exhibits.models import Exhibit, ExhibitComment, ExhibitImage, ExhibitLink, Technology
from exhibits.portal_selectors import DEPARTMENT_ACTIONS, partner_choices, zones_for_edition
from exhibits.services import (
    EXHIBIT_TEXT_COLUMNS,
    EXHIBIT_TEXT_FIELDS,
    LANGUAGE_KEYS,
    exhibit_create,
    exhibit_update,
)
from exhibits.workflow import REQUIRED_LANGUAGES, REQUIRED_TEXT_FIELDS
from pavilion.i18n import HTML_LANG

LANGUAGE_NAMES = {
    "en": _("English"),
    "zh_hant": _("Traditional Chinese"),
    "zh_hans": _("Simplified Chinese"),
}
# lang attributes of the inputs, so browsers pick fonts, spelling and input methods.
_HTML_LANG = {key: HTML_LANG[key.replace("_", "-")] for key in LANGUAGE_KEYS}

FIELD_LABELS = {
    "title": _("Title"),
    "summary": _("Summary"),
    "description": _("Description"),
    "demo_notes": _("Demonstration notes"),
}
FIELD_HELP = {
    "title": _("The name visitors see on cards and on the exhibit's page."),
    "summary": _("One or two sentences for the cards (at most 600 characters)."),
    "description": _("What the solution does and for whom. Blank lines start new paragraphs."),
    "demo_notes": _("What visitors can try at the booth, and when."),
}
_ROWS = {"summary": 3, "description": 8, "demo_notes": 4}


def _text_widget(field: str, key: str) -> forms.Widget:
    attrs = {"lang": _HTML_LANG[key]}
    if field == "title":
        return forms.TextInput(attrs=attrs)
    return forms.Textarea(attrs={**attrs, "rows": _ROWS[field]})


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
        for field in EXHIBIT_TEXT_FIELDS:
            for key in LANGUAGE_KEYS:
                column = f"{field}_{key}"
                model_field = Exhibit._meta.get_field(column)
                self.fields[column] = forms.CharField(
                    label=_("%(field)s (%(language)s)")
                    % {"field": FIELD_LABELS[field], "language": LANGUAGE_NAMES[key]},
                    required=column == "title_en",
                    max_length=model_field.max_length,
                    widget=_text_widget(field, key),
                    error_messages=(
                        {"required": _("An English title is needed, even for a draft.")}
                        if column == "title_en"
                        else {}
                    ),
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
        self.fields["partner_departments"] = DepartmentChoiceField(
            label=_("Partner departments"),
            queryset=partner_choices(lead=lead_department),
            required=False,
            widget=forms.SelectMultiple(attrs={"size": 8}),
            help_text=_(
                "Departments that take part in this exhibit. They can read it once it is "
                "submitted. Hold Ctrl (⌘ on a Mac) to choose several; type a name to jump."
            ),
        )

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
        for field in EXHIBIT_TEXT_FIELDS:
            filled = {key: bool(self._current(f"{field}_{key}")) for key in LANGUAGE_KEYS}
            required = field in REQUIRED_TEXT_FIELDS
            # A required field lacks whatever is empty; an optional one only the other
            # language of a text written in one.
            if required or any(filled[key] for key in REQUIRED_LANGUAGES):
                missing = [LANGUAGE_NAMES[key] for key in REQUIRED_LANGUAGES if not filled[key]]
            else:
                missing = []
            rows.append(
                TranslationRow(
                    name=field,
                    label=FIELD_LABELS[field],
                    help_text=FIELD_HELP[field],
                    required_for_submission=required,
                    en=self[f"{field}_en"],
                    zh_hant=self[f"{field}_zh_hant"],
                    zh_hans=self[f"{field}_zh_hans"],
                    missing=missing,
                    simplified_open=filled["zh_hans"] or bool(self[f"{field}_zh_hans"].errors),
                )
            )
        return rows


@dataclasses.dataclass(frozen=True)
class TranslationRow:
    name: str
    label: str
    help_text: str
    required_for_submission: bool
    en: forms.BoundField
    zh_hant: forms.BoundField
    zh_hans: forms.BoundField
    missing: list[str]
    simplified_open: bool


class ExhibitLinkForm(forms.ModelForm):
    url = forms.URLField(
        label=_("Address"),
        max_length=500,
        assume_scheme="https",
        widget=forms.URLInput(attrs={"placeholder": "https://"}),
    )

    class Meta:
        model = ExhibitLink
        fields = ["url", "label_en", "label_zh_hant", "label_zh_hans", "order"]
        widgets = {
            "label_en": forms.TextInput(attrs={"lang": "en"}),
            "label_zh_hant": forms.TextInput(attrs={"lang": "zh-Hant"}),
            "label_zh_hans": forms.TextInput(attrs={"lang": "zh-Hans"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key in LANGUAGE_KEYS:
            self.fields[f"label_{key}"].label = _("Label (%(language)s)") % {
                "language": LANGUAGE_NAMES[key]
            }
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


class PortalImageForm(ExhibitImageForm):
    """The image form of the foundation, with language tags on its text inputs."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key in LANGUAGE_KEYS:
            for name in (f"alt_text_{key}", f"caption_{key}"):
                self.fields[name].widget.attrs["lang"] = _HTML_LANG[key]
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
            LANGUAGE_NAMES[key]
            for key in REQUIRED_LANGUAGES
            if not (self[f"alt_text_{key}"].value() or "").strip()
        ]


LinkFormSet = inlineformset_factory(
    Exhibit,
    ExhibitLink,
    form=ExhibitLinkForm,
    extra=1,
    max_num=10,
    validate_max=True,
    can_delete=True,
)
ImageFormSet = inlineformset_factory(
    Exhibit,
    ExhibitImage,
    form=PortalImageForm,
    formset=ExhibitImageInlineFormSet,
    extra=1,
    max_num=12,
    validate_max=True,
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
        self.version = VersionForm(data, initial={"version": exhibit.version if exhibit else None})
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
        count = len(self.content.errors)
        for formset in (self.links, self.images):
            count += len(formset.non_form_errors())
            count += sum(len(form.errors) for form in formset.forms)
        if not self.creating:
            count += len(self.version.errors)
        return count

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
