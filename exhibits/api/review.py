"""/api/v1/review/exhibits/: the curators' side of the workflow, by personal token.

Curators (``exhibits.rules.is_curator``) list and read every exhibit that left the draft
state and perform the review transitions through ``exhibits.workflow.exhibit_transition``
(the same function the admin calls). Anyone else with a token gets a 403.
"""

from __future__ import annotations

from django.db.models import F
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.response import Response

from exhibits import rules as exhibit_rules
from exhibits.api import docs
from exhibits.api import params as p
from exhibits.api.base import ApiView, edition_scope
from exhibits.api.department import managed_exhibits, parse_id
from exhibits.api.parsers import JSONParser
from exhibits.api.serializers import (
    MessageTransitionSerializer,
    ReviewExhibitSerializer,
    TransitionSerializer,
)
from exhibits.models import Exhibit, ExhibitStatus
from exhibits.workflow import Actor, available_transitions, exhibit_transition

TAG = "Review"


class IsCurator(BasePermission):
    message = _("Only curators review exhibits.")
    code = "forbidden"

    def has_permission(self, request, view) -> bool:
        return exhibit_rules.is_curator(request.user)


class ReviewView(ApiView):
    permission_classes = [IsAuthenticated, IsCurator]

    def reviewable(self):
        return managed_exhibits().exclude(status=ExhibitStatus.DRAFT)

    def get_exhibit(self, raw_id: str) -> Exhibit:
        exhibit = self.reviewable().filter(pk=parse_id(raw_id)).first()
        if exhibit is None:
            raise Http404("No such exhibit to review (drafts are not listed).")
        return exhibit

    def actions(self, exhibit: Exhibit) -> list[str]:
        return [
            t.name
            for t in available_transitions(exhibit, self.request.user)
            if t.actor is not Actor.COORDINATOR
        ]

    def context(self) -> dict:
        return {**self.get_serializer_context(), "actions": self.actions}


class ReviewExhibitListView(ReviewView):
    serializer_class = ReviewExhibitSerializer
    params = {"GET": p.REVIEW_LIST}

    @extend_schema(
        operation_id="review_exhibits_list",
        summary="Exhibits to review",
        description=(
            "Every exhibit of the current edition (or `edition`) that is not a draft, "
            "oldest submission first. Curators only."
        ),
        parameters=p.openapi(p.REVIEW_LIST) + docs.response_headers(),
        responses=docs.private_responses({200: ReviewExhibitSerializer(many=True)}, reads=True),
        tags=[TAG],
    )
    def get(self, request):
        queryset = self.reviewable().filter(edition=edition_scope(self.query.get("edition")))
        if "status" in self.query:
            queryset = queryset.filter(status=self.query["status"])
        if "department" in self.query:
            queryset = queryset.filter(lead_department__slug=self.query["department"])
        queryset = queryset.order_by(F("submitted_at").asc(nulls_last=True), "pk")
        page = self.paginate_queryset(queryset)
        return self.get_paginated_response(
            ReviewExhibitSerializer(page, many=True, context=self.context()).data
        )


class ReviewExhibitDetailView(ReviewView):
    serializer_class = ReviewExhibitSerializer

    @extend_schema(
        operation_id="review_exhibits_retrieve",
        summary="One exhibit to review",
        parameters=[docs.ID_PATH, *docs.response_headers()],
        responses=docs.private_responses({200: ReviewExhibitSerializer}, reads=True),
        tags=[TAG],
    )
    def get(self, request, pk: str):
        exhibit = self.get_exhibit(pk)
        return Response(ReviewExhibitSerializer(exhibit, context=self.context()).data)


REVIEW_ACTIONS = {
    "start-review": ("start_review", "Start reviewing a submitted exhibit."),
    "request-changes": (
        "request_changes",
        "Send it back to the department with what to change (`message` required).",
    ),
    "decline": ("decline", "Decline it, with the reason (`message` required); final."),
    "approve": ("approve", "Approve an exhibit in review."),
    "publish": ("publish", "Publish an approved exhibit (it needs a zone)."),
    "unpublish": ("unpublish", "Take a published exhibit down, with the reason (`message`)."),
    "reopen": ("reopen", "Make a withdrawn exhibit a draft again."),
}
NEEDS_MESSAGE = {"request_changes", "decline", "unpublish"}


def review_action_view(path: str) -> type[ReviewView]:
    """A view for one review action, so each has its own operation in the schema."""
    action, description = REVIEW_ACTIONS[path]
    body = MessageTransitionSerializer if action in NEEDS_MESSAGE else TransitionSerializer

    class ActionView(ReviewView):
        parser_classes = [JSONParser]
        serializer_class = body

        @extend_schema(
            operation_id=f"review_exhibits_{action}",
            summary=path.replace("-", " ").capitalize(),
            description=description + " A wrong state or a stale `version` is a 409.",
            parameters=[docs.ID_PATH, *docs.response_headers(etag=False)],
            request=body,
            responses=docs.private_responses({200: ReviewExhibitSerializer}, writes=True),
            tags=[TAG],
        )
        def post(self, request, pk: str):
            exhibit = self.get_exhibit(pk)
            serializer = body(data=request.data)
            serializer.is_valid(raise_exception=True)
            exhibit_transition(
                exhibit=exhibit,
                action=action,
                user=request.user,
                message=serializer.validated_data.get("message", ""),
                expected_version=serializer.validated_data.get("version"),
            )
            # Reopening makes it a draft, which the review list no longer shows: read it
            # back directly.
            exhibit = managed_exhibits().get(pk=exhibit.pk)
            return Response(ReviewExhibitSerializer(exhibit, context=self.context()).data)

    name = "".join(part.capitalize() for part in path.split("-"))
    ActionView.__name__ = ActionView.__qualname__ = f"Review{name}View"
    return ActionView
