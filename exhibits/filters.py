"""The one filter vocabulary for published exhibits, shared by the public list and the API.

Parameters: ``zone`` (several), ``department``, ``technology``, ``award``, ``awarded``,
``q`` and ``ordering``. Slug filters take plain strings: an unknown slug matches nothing
(an empty result, never an error and never a silently ignored filter). Slugs are matched
through the exhibit's own relations, so they are scoped to the edition of the queryset
the filter is given (``published_exhibits(edition=…)``) and never look a zone up by slug
alone (a second edition copies the zone slugs).

``awarded`` and ``ordering`` are typed: a value outside their vocabulary makes the filter
form invalid (the API answers 400; the public page shows an empty result with a message).
"""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Exists, F, OuterRef, Q, QuerySet, Value
from django.db.models.functions import Coalesce, Lower, NullIf
from django.utils.translation import gettext_lazy as _

from awards.models import Recognition
from exhibits.content import SEARCHED_TEXT_FIELDS, translated_columns
from exhibits.models import Exhibit
from pavilion.i18n import ENGLISH, SIMPLIFIED, active_language, search_variants

MAX_SLUGS = 20
MAX_QUERY_LENGTH = 100

ORDERING_CHOICES = [
    ("zone", _("Zone")),
    ("title", _("Title (A to Z)")),
    ("-title", _("Title (Z to A)")),
    ("newest", _("Newest first")),
]
DEFAULT_ORDERING = "zone"

TRUE_VALUES = {"true", "1", "yes", "on"}
FALSE_VALUES = {"false", "0", "no", "off"}


class SlugListField(forms.Field):
    """Several plain strings, repeated (``zone=a&zone=b``) or comma-separated (``zone=a,b``)."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value) -> list[str]:
        if not value:
            return []
        if isinstance(value, str):
            value = [value]
        slugs: list[str] = []
        for item in value:
            for part in str(item).split(","):
                part = part.strip()
                if part and part not in slugs:
                    slugs.append(part)
        if len(slugs) > MAX_SLUGS:
            raise forms.ValidationError(
                _("Choose at most %(max)d values."), code="too_many", params={"max": MAX_SLUGS}
            )
        return slugs


class SlugField(forms.CharField):
    """One plain string; anything is accepted and an unknown value simply matches nothing."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 80)
        super().__init__(**kwargs)


class TriStateField(forms.Field):
    """true/false (1/0, yes/no, on/off); empty means "don't filter"; anything else is refused."""

    widget = forms.TextInput

    def to_python(self, value) -> bool | None:
        if value in (None, ""):
            return None
        text = str(value).strip().lower()
        if text in TRUE_VALUES:
            return True
        if text in FALSE_VALUES:
            return False
        raise forms.ValidationError(_("Use true or false."), code="invalid")


class SlugsFilter(django_filters.Filter):
    field_class = SlugListField


class PlainSlugFilter(django_filters.Filter):
    field_class = SlugField


#: Columns ``q`` looks in: every language's column, named on purpose (modeltranslation
#: would narrow ``title__icontains`` to the active language's column).
DEPARTMENT_SEARCHED_COLUMNS = (*translated_columns("name"), "abbreviation")
SEARCHED_COLUMNS = (
    *(column for field in SEARCHED_TEXT_FIELDS for column in translated_columns(field)),
    *(f"lead_department__{column}" for column in DEPARTMENT_SEARCHED_COLUMNS),
)


class TriStateFilter(django_filters.Filter):
    field_class = TriStateField


def _title_expression(language: str):
    english = Lower("title_en")
    if language == ENGLISH:
        return english
    traditional = NullIf(F("title_zh_hant"), Value(""))
    if language == SIMPLIFIED:
        return Coalesce(NullIf(F("title_zh_hans"), Value("")), traditional, english)
    return Coalesce(traditional, english)


class ExhibitFilter(django_filters.FilterSet):
    """Filters a queryset of published exhibits of one edition (see the module docstring)."""

    zone = SlugsFilter(method="filter_zone", label=_("Zone"))
    department = PlainSlugFilter(method="filter_department", label=_("Department"))
    technology = PlainSlugFilter(method="filter_technology", label=_("Technology"))
    award = PlainSlugFilter(method="filter_award", label=_("Award"))
    awarded = TriStateFilter(method="filter_awarded", label=_("Award winners only"))
    q = django_filters.CharFilter(method="filter_q", max_length=MAX_QUERY_LENGTH, label=_("Search"))
    ordering = django_filters.ChoiceFilter(
        method="filter_ordering", choices=ORDERING_CHOICES, label=_("Sort by")
    )

    class Meta:
        model = Exhibit
        fields = ["zone", "department", "technology", "award", "awarded", "q", "ordering"]

    def filter_zone(self, queryset: QuerySet, name: str, value: list[str]) -> QuerySet:
        if not value:
            return queryset
        # The zone must belong to the exhibit's own edition: a copied slug in another
        # edition never matches.
        return queryset.filter(zone__slug__in=value, zone__edition_id=F("edition_id"))

    def filter_department(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        if not value:
            return queryset
        partner = Exists(
            Exhibit.partner_departments.through.objects.filter(
                exhibit_id=OuterRef("pk"), department__slug=value
            )
        )
        return queryset.filter(Q(lead_department__slug=value) | partner)

    def filter_technology(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        if not value:
            return queryset
        return queryset.filter(
            Exists(
                Exhibit.technologies.through.objects.filter(
                    exhibit_id=OuterRef("pk"), technology__slug=value
                )
            )
        )

    def filter_award(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        if not value:
            return queryset
        return queryset.filter(
            Exists(Recognition.objects.filter(exhibit_id=OuterRef("pk"), award__slug=value))
        )

    def filter_awarded(self, queryset: QuerySet, name: str, value: bool | None) -> QuerySet:
        if value is None:
            return queryset
        has_recognition = Exists(Recognition.objects.filter(exhibit_id=OuterRef("pk")))
        return queryset.filter(has_recognition if value else ~has_recognition)

    def filter_q(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        variants = search_variants(value or "")
        if not variants:
            return queryset
        condition = Q()
        for text in variants:
            for column in SEARCHED_COLUMNS:
                condition |= Q(**{f"{column}__icontains": text})
            partner_match = Q()
            for column in DEPARTMENT_SEARCHED_COLUMNS:
                partner_match |= Q(**{f"department__{column}__icontains": text})
            condition |= Exists(
                Exhibit.partner_departments.through.objects.filter(
                    partner_match, exhibit_id=OuterRef("pk")
                )
            )
        return queryset.filter(condition)

    def filter_ordering(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        # Ordering is applied in filter_queryset so the default holds without a value.
        return queryset

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        queryset = super().filter_queryset(queryset)
        ordering = self.form.cleaned_data.get("ordering") or DEFAULT_ORDERING
        return order_exhibits(queryset, ordering)

    @property
    def qs(self) -> QuerySet:
        if not hasattr(self, "_qs"):
            if not self.is_bound:
                self._qs = order_exhibits(self.queryset.all(), DEFAULT_ORDERING)
            else:
                self._qs = super().qs
        return self._qs

    def requested(self, name: str) -> list[str]:
        """The cleaned values of a slug filter, as a list (empty when not used or invalid)."""
        if not self.is_bound or not self.is_valid():
            return []
        value = self.form.cleaned_data.get(name)
        if not value:
            return []
        return value if isinstance(value, list) else [value]


def order_exhibits(queryset: QuerySet, ordering: str) -> QuerySet:
    """Order by one of ORDERING_CHOICES' names, by the active language's titles."""
    title = _title_expression(active_language())
    if ordering == "title":
        return queryset.order_by(title.asc(), "pk")
    if ordering == "-title":
        return queryset.order_by(title.desc(), "-pk")
    if ordering == "newest":
        return queryset.order_by(F("published_at").desc(nulls_last=True), "-pk")
    return queryset.order_by("zone__order", title.asc(), "pk")
