"""Forms of the exhibits app, shared by the admin and the portal.

Forms only validate input and call ``exhibits.services``; the rules live there.
"""

from __future__ import annotations

from django import forms
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _

from exhibits import images
from exhibits.content import LANGUAGE_KEYS, MAX_IMAGES, MAX_LINKS, language_label
from exhibits.models import ExhibitImage
from exhibits.services import (
    exhibit_image_add,
    exhibit_image_delete,
    exhibit_image_update,
    too_many,
)


def image_upload_field() -> forms.FileField:
    """The image file field of every image form (admin, portal, revisions): optional here,
    the forms decide when a file is needed; decoded by ``images.prepare_image``."""
    return forms.FileField(
        label=_("Image file"),
        required=False,
        widget=forms.FileInput(attrs={"accept": images.ACCEPT}),
        help_text=_(
            "JPEG, PNG or WebP; at most 10 MB and 40 megapixels. Location and camera "
            "details are removed."
        ),
    )


class ExhibitImageForm(forms.ModelForm):
    """One exhibit image: the file (through the image pipeline) and its texts.

    ``upload`` is required when adding and optional when changing (a new file replaces
    the old one). The file is decoded in ``clean`` so a refusal appears next to the field,
    and the prepared image is kept for ``save``, which goes through the services. The
    form's ``instance.exhibit`` must be set (an inline formset sets it) before saving.
    ``save(commit=False)`` is refused: files and row are written together by the service.
    """

    upload = image_upload_field()

    class Meta:
        model = ExhibitImage
        # "upload" is listed too, so admins that take the form's Meta.fields as their
        # field list (modeltranslation's do) show it.
        fields = [
            "upload",
            *(f"alt_text_{key}" for key in LANGUAGE_KEYS),
            *(f"caption_{key}" for key in LANGUAGE_KEYS),
            "credit",
            "order",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.prepared_image: images.PreparedImage | None = None
        adding = self.instance.pk is None
        self.fields["upload"].required = adding
        for key in LANGUAGE_KEYS:
            language = language_label(key)
            alt = self.fields[f"alt_text_{key}"]
            alt.label = _("Alternative text (%(language)s)") % {"language": language}
            alt.required = key == "en"
            self.fields[f"caption_{key}"].label = _("Caption (%(language)s)") % {
                "language": language
            }
            self.fields[f"caption_{key}"].required = False
        if not adding and isinstance(self.fields.get("exhibit"), forms.ModelChoiceField):
            # An image belongs to one exhibit for good: its files are that exhibit's.
            self.fields["exhibit"].disabled = True
        self.fields["order"].required = False
        self.fields["order"].help_text = _("Leave empty to put the image last.")
        if adding:
            # Blank rather than the model's 0, so a new image goes last by default.
            self.initial.pop("order", None)

    def clean_order(self):
        order = self.cleaned_data.get("order")
        if order is None and self.instance.pk is not None:
            return self.instance.order  # left empty on change: keep the place it has
        return order

    def clean_upload(self):
        upload = self.cleaned_data.get("upload")
        if upload:
            self.prepared_image = images.prepare_image(upload)
        return upload

    def _texts(self, field: str) -> dict[str, str]:
        return {key: self.cleaned_data.get(f"{field}_{key}") or "" for key in LANGUAGE_KEYS}

    def save(self, commit: bool = True) -> ExhibitImage:
        if not commit:
            raise ValueError(
                "ExhibitImageForm writes the files and the row together through "
                "exhibits.services; call save() with commit=True. In a ModelAdmin, make "
                "save_form() return form.save() and save_model() do nothing."
            )
        if self.errors:
            raise ValueError("The form did not validate; it cannot be saved.")
        if self.instance.pk is None:
            self.instance = exhibit_image_add(
                exhibit=self.instance.exhibit,
                upload=self.prepared_image,
                alt_text=self._texts("alt_text"),
                caption=self._texts("caption"),
                credit=self.cleaned_data.get("credit") or "",
                order=self.cleaned_data.get("order"),
            )
        else:
            self.instance = exhibit_image_update(
                image=self.instance,
                upload=self.prepared_image,
                alt_text=self._texts("alt_text"),
                caption=self._texts("caption"),
                credit=self.cleaned_data.get("credit") or "",
                order=self.cleaned_data.get("order"),
            )
        return self.instance


class CappedInlineFormSet(BaseInlineFormSet):
    """An inline formset refusing more than ``cap`` kept rows with the services' own
    refusal (``services.too_many``), so the admin, the portal and the API say the same.

    Rows kept: saved rows not marked for deletion, and new rows with something in them.
    """

    cap: int
    what: str  # "images" or "links"

    def clean(self):
        super().clean()
        kept = [
            form
            for form in self.forms
            if not self._should_delete_form(form) and (form.instance.pk or form.has_changed())
        ]
        if len(kept) > self.cap:
            raise forms.ValidationError(
                too_many(self.what).message_dict[self.what], code="too_many"
            )


class ExhibitLinkInlineFormSet(CappedInlineFormSet):
    cap = MAX_LINKS
    what = "links"


class ExhibitImageInlineFormSet(CappedInlineFormSet):
    """The inline formset for ExhibitImageForm: at most MAX_IMAGES; deleting a row also
    deletes its files (on commit), through ``exhibit_image_delete``."""

    cap = MAX_IMAGES
    what = "images"

    def delete_existing(self, obj: ExhibitImage, commit: bool = True) -> None:
        if commit:
            exhibit_image_delete(image=obj)
