"""The fair in the API: booths, demonstrations and the floor plan (public, read-only).

The same reads as the public pages (``exhibits.fair``): a booth shows an exhibit only
when the exhibit is published, demonstrations are those of published exhibits, and the
floor plan is drawn by ``pavilion.floor_layout`` (positions in SVG user units, the
public plan's own). Language, edition, ETag, caching and throttling as every catalogue
endpoint (``PublicView``).
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import Http404
from django.urls import reverse
from django.utils import translation
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.response import Response

from exhibits import fair
from exhibits.api import docs
from exhibits.api import params as p
from exhibits.api.base import edition_or_none
from exhibits.api.params import ALL_LANGUAGES
from exhibits.api.serializers import LocalizedSerializer, TranslatedField, _absolute, _page_url
from exhibits.api.views import PublicView
from pavilion.i18n import ENGLISH
from pavilion.timezones import FAIR_TZ


def _plan_url(context, code: str) -> str | None:
    """The public floor plan with this booth highlighted, in the language asked."""
    language = context.get("language", ENGLISH)
    with translation.override(ENGLISH if language == ALL_LANGUAGES else language):
        path = reverse("floor_plan")
    return _absolute(context.get("request"), f"{path}?{urlencode({'booth': code})}")


class BoothExhibitSerializer(LocalizedSerializer):
    """The published exhibit at a booth."""

    slug = serializers.SlugField(read_only=True)
    title = TranslatedField()
    url = serializers.SerializerMethodField(help_text="The exhibit's public page.")

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, exhibit) -> str:
        return _page_url(self.context, "exhibit_detail", slug=exhibit.slug)


class BoothSerializer(serializers.Serializer):
    """A booth of the edition and the published exhibit in it (null when none)."""

    code = serializers.CharField(read_only=True)
    zone = serializers.SlugField(source="zone.slug", read_only=True)
    is_demo = serializers.BooleanField(
        read_only=True, help_text="Part of the demo site's sample layout, not a curator's."
    )
    exhibit = BoothExhibitSerializer(source="holder", read_only=True, allow_null=True)
    plan_url = serializers.SerializerMethodField(
        help_text="The public floor plan with this booth highlighted (current edition)."
    )

    @extend_schema_field({"type": "string", "format": "uri", "nullable": True})
    def get_plan_url(self, booth) -> str | None:
        if not self.context.get("edition_is_current"):
            return None
        return _plan_url(self.context, booth.code)


class DemonstrationSerializer(LocalizedSerializer):
    """An on-site demonstration of a published exhibit; times carry Hong Kong's offset."""

    id = serializers.IntegerField(read_only=True)
    title = TranslatedField()
    note = TranslatedField()
    starts_at = serializers.DateTimeField(read_only=True, default_timezone=FAIR_TZ)
    ends_at = serializers.DateTimeField(read_only=True, default_timezone=FAIR_TZ)
    exhibit = BoothExhibitSerializer(read_only=True)
    zone = serializers.SerializerMethodField(help_text="The exhibit's zone (slug).")
    booth = serializers.SerializerMethodField(help_text="The exhibit's booth code, once assigned.")

    @extend_schema_field({"type": "string", "nullable": True})
    def get_zone(self, session) -> str | None:
        zone = session.exhibit.zone
        return zone.slug if zone else None

    @extend_schema_field({"type": "string", "nullable": True})
    def get_booth(self, session) -> str | None:
        booth = session.exhibit.booth
        return booth.code if booth else None


class PlanBoothSerializer(serializers.Serializer):
    """A booth on the plan: its rectangle, and the published exhibit in it."""

    code = serializers.CharField(read_only=True)
    x = serializers.IntegerField(read_only=True)
    y = serializers.IntegerField(read_only=True)
    width = serializers.IntegerField(read_only=True)
    height = serializers.IntegerField(read_only=True)
    is_demo = serializers.BooleanField(source="booth.is_demo", read_only=True)
    exhibit = BoothExhibitSerializer(source="holder", read_only=True, allow_null=True)


class PlanZoneSerializer(LocalizedSerializer):
    """A zone's block on the plan."""

    slug = serializers.SlugField(source="zone.slug", read_only=True)
    name = TranslatedField("name", via="zone")
    colour = serializers.CharField(source="zone.colour", read_only=True)
    x = serializers.IntegerField(read_only=True)
    y = serializers.IntegerField(read_only=True)
    width = serializers.IntegerField(read_only=True)
    height = serializers.IntegerField(read_only=True)
    booths = PlanBoothSerializer(source="spots", many=True, read_only=True)


class FloorPlanSerializer(serializers.Serializer):
    """The pavilion's zones and booths as drawn on the public floor plan (SVG units)."""

    edition = serializers.SerializerMethodField(help_text="The edition's slug.")
    width = serializers.IntegerField(read_only=True, help_text="Width of the drawing.")
    height = serializers.IntegerField(read_only=True, help_text="Height of the drawing.")
    demo_layout = serializers.SerializerMethodField(
        help_text="True when any booth belongs to the demo site's sample layout."
    )
    url = serializers.SerializerMethodField(
        help_text="The public floor plan (current edition only)."
    )
    zones = PlanZoneSerializer(source="blocks", many=True, read_only=True)

    def get_edition(self, layout) -> str:
        return self.context["edition"].slug

    def get_demo_layout(self, layout) -> bool:
        return any(spot.booth.is_demo for spot in layout.spots)

    @extend_schema_field({"type": "string", "format": "uri", "nullable": True})
    def get_url(self, layout) -> str | None:
        if not self.context["edition"].is_current:
            return None
        return _page_url(self.context, "floor_plan")


class BoothListView(PublicView):
    serializer_class = BoothSerializer
    params = {"GET": p.PUBLIC_REFERENCE}
    pagination_class = None

    @extend_schema(
        operation_id="booths_list",
        summary="Booths",
        description=(
            "The edition's booths in floor order (zone, then booth code), each with the "
            "published exhibit in it or null. An unknown edition gives an empty list."
        ),
        parameters=p.openapi(p.PUBLIC_REFERENCE) + docs.response_headers(),
        responses=docs.public_responses(BoothSerializer(many=True)),
        tags=["At the fair"],
    )
    def get(self, request):
        edition = edition_or_none(self.query.get("edition"))
        booths = fair.edition_booths(edition=edition) if edition else []
        context = {
            **self.get_serializer_context(),
            "edition_is_current": bool(edition and edition.is_current),
        }
        return Response(BoothSerializer(booths, many=True, context=context).data)


class DemonstrationListView(PublicView):
    serializer_class = DemonstrationSerializer
    params = {"GET": p.PUBLIC_REFERENCE}
    pagination_class = None

    @extend_schema(
        operation_id="demonstrations_list",
        summary="Demonstrations",
        description=(
            "On-site demonstrations of the edition's published exhibits in time order "
            "(Hong Kong time). An unknown edition gives an empty list."
        ),
        parameters=p.openapi(p.PUBLIC_REFERENCE) + docs.response_headers(),
        responses=docs.public_responses(DemonstrationSerializer(many=True)),
        tags=["At the fair"],
    )
    def get(self, request):
        edition = edition_or_none(self.query.get("edition"))
        sessions = fair.published_demonstrations(edition=edition) if edition else []
        return Response(self.get_serializer(sessions, many=True).data)


class FloorPlanView(PublicView):
    serializer_class = FloorPlanSerializer
    params = {"GET": p.PUBLIC_REFERENCE}
    pagination_class = None

    @extend_schema(
        operation_id="floor_plan_retrieve",
        summary="Floor plan",
        description=(
            "The edition's zones and booths with their rectangles as the public floor plan "
            "draws them (SVG user units, origin top left). An unknown edition is a 404."
        ),
        parameters=p.openapi(p.PUBLIC_REFERENCE) + docs.response_headers(),
        responses=docs.public_responses(FloorPlanSerializer, not_found="No such edition."),
        tags=["At the fair"],
    )
    def get(self, request):
        edition = edition_or_none(self.query.get("edition"))
        if edition is None:
            raise Http404("No such edition.")
        layout = fair.edition_floor_plan(edition=edition)
        context = {**self.get_serializer_context(), "edition": edition}
        return Response(FloorPlanSerializer(layout, context=context).data)
