"""The public, read-only catalogue: exhibits, zones, departments, awards and editions.

All read endpoints live here, in the exhibits app, rather than beside each model: they
share the language, edition, ETag and error machinery (``exhibits.api.base``), and what
they show is decided by ``exhibits.selectors`` (``published_exhibits`` is the only
definition of what the public may see). Exhibits are filtered by the public list's own
``ExhibitFilter``; the API adds ``edition``, ``lang`` and strict ``page``/``page_size``
checks around it, without changing it.
"""

from __future__ import annotations

from django.db.models import Prefetch
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from departments.models import Department
from exhibits import selectors
from exhibits.api import docs
from exhibits.api import params as p
from exhibits.api.base import ApiView, CataloguePagination, edition_or_none, edition_scope
from exhibits.api.errors import field_errors
from exhibits.api.serializers import (
    AwardListSerializer,
    DepartmentListSerializer,
    EditionSerializer,
    ExhibitDetailSerializer,
    ExhibitSerializer,
    ZoneListSerializer,
)
from exhibits.filters import ExhibitFilter
from exhibits.models import Technology
from pavilion.models import Edition


class PublicView(ApiView):
    permission_classes = [AllowAny]
    localized = True


def _catalogue(queryset):
    """What an exhibit shows in the API: the card's relations, plus partners and technologies.

    Fixed queries whatever the page size: the exhibits (zone, lead department, booth and
    edition joined), then one each for images, awards, partners and technologies.
    """
    return (
        selectors.exhibit_cards(queryset)
        .select_related("edition")
        .prefetch_related(
            Prefetch("partner_departments", queryset=Department.objects.order_by("name_en")),
            Prefetch("technologies", queryset=Technology.objects.all()),
        )
    )


class ExhibitListView(PublicView):
    serializer_class = ExhibitSerializer
    pagination_class = CataloguePagination
    params = {"GET": p.PUBLIC_LIST}

    @extend_schema(
        operation_id="exhibits_list",
        summary="Published exhibits",
        description=(
            "Published exhibits of the current edition (or `edition`), filtered like the "
            "public list: every filter narrows the result; an unknown slug gives an empty "
            "list. Paginated by page number."
        ),
        parameters=p.openapi(p.PUBLIC_LIST) + docs.response_headers(),
        responses=docs.public_responses(ExhibitSerializer(many=True), paginated=True),
        examples=[docs.EXHIBIT_PAGE_EXAMPLE],
        tags=["Catalogue"],
    )
    def get(self, request):
        queryset = _catalogue(
            selectors.published_exhibits(edition=edition_scope(self.query.get("edition")))
        )
        filterset = ExhibitFilter(request.query_params, queryset=queryset, request=request)
        if not filterset.is_valid():
            # validate_params accepts only what the FilterSet accepts; kept as a safety net.
            raise ValidationError(field_errors(filterset.errors))
        page = self.paginate_queryset(filterset.qs)
        serializer = self.get_serializer(page, many=True)
        return self.get_paginated_response(serializer.data)


class ExhibitDetailView(PublicView):
    serializer_class = ExhibitDetailSerializer
    params = {"GET": p.PUBLIC_DETAIL}

    @extend_schema(
        operation_id="exhibits_retrieve",
        summary="One published exhibit",
        description=(
            "A published exhibit of the current edition (or `edition`) by its slug — the "
            "slug printed in booth QR codes. Anything else (unknown, not published, "
            "another edition) is a 404."
        ),
        parameters=[docs.SLUG_PATH, *p.openapi(p.PUBLIC_DETAIL), *docs.response_headers()],
        responses=docs.public_responses(ExhibitDetailSerializer, not_found=True),
        tags=["Catalogue"],
    )
    def get(self, request, slug: str):
        if not p.SLUG_RE.match(slug):
            raise Http404("No published exhibit has this slug.")
        exhibit = (
            _catalogue(
                selectors.published_exhibits(edition=edition_scope(self.query.get("edition")))
            )
            .prefetch_related("links")
            .filter(slug=slug)
            .first()
        )
        if exhibit is None:
            raise Http404("No published exhibit has this slug.")
        return Response(self.get_serializer(exhibit).data)


class ZoneListView(PublicView):
    serializer_class = ZoneListSerializer
    params = {"GET": p.PUBLIC_REFERENCE}
    pagination_class = None

    @extend_schema(
        operation_id="zones_list",
        summary="Zones",
        description="The edition's themed zones in floor order, each with its exhibit count.",
        parameters=p.openapi(p.PUBLIC_REFERENCE) + docs.response_headers(),
        responses=docs.public_responses(ZoneListSerializer(many=True)),
        tags=["Catalogue"],
    )
    def get(self, request):
        edition = edition_or_none(self.query.get("edition"))
        zones = selectors.zones_with_counts(edition=edition) if edition else []
        context = {
            **self.get_serializer_context(),
            "edition_is_current": bool(edition and edition.is_current),
        }
        return Response(ZoneListSerializer(zones, many=True, context=context).data)


class DepartmentListView(PublicView):
    serializer_class = DepartmentListSerializer
    params = {"GET": p.PUBLIC_REFERENCE}
    pagination_class = None

    @extend_schema(
        operation_id="departments_list",
        summary="Departments",
        description=(
            "Departments, public bodies, universities, companies and teams that lead or "
            "partner in a published exhibit of the edition, by English name."
        ),
        parameters=p.openapi(p.PUBLIC_REFERENCE) + docs.response_headers(),
        responses=docs.public_responses(DepartmentListSerializer(many=True)),
        tags=["Catalogue"],
    )
    def get(self, request):
        edition = edition_or_none(self.query.get("edition"))
        departments = (
            selectors.departments_in_edition(edition=edition, with_counts=True) if edition else []
        )
        return Response(self.get_serializer(departments, many=True).data)


class AwardListView(PublicView):
    serializer_class = AwardListSerializer
    params = {"GET": p.PUBLIC_REFERENCE}
    pagination_class = None

    @extend_schema(
        operation_id="awards_list",
        summary="Awards",
        description="Award programmes that recognised published exhibits of the edition.",
        parameters=p.openapi(p.PUBLIC_REFERENCE) + docs.response_headers(),
        responses=docs.public_responses(AwardListSerializer(many=True)),
        tags=["Catalogue"],
    )
    def get(self, request):
        edition = edition_or_none(self.query.get("edition"))
        awards = selectors.awards_with_winners(edition=edition) if edition else []
        return Response(self.get_serializer(awards, many=True).data)


class EditionListView(PublicView):
    serializer_class = EditionSerializer
    params = {"GET": [p.LANG]}
    pagination_class = None

    @extend_schema(
        operation_id="editions_list",
        summary="Editions",
        description="Every edition of the pavilion, newest first; `is_current` marks the default.",
        parameters=p.openapi([p.LANG]) + docs.response_headers(),
        responses=docs.public_responses(EditionSerializer(many=True)),
        tags=["Catalogue"],
    )
    def get(self, request):
        editions = Edition.objects.order_by("-starts_on", "slug")
        return Response(self.get_serializer(editions, many=True).data)
