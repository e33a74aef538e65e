"""/api/v1/department/exhibits/: a department's own exhibits, by personal token.

Every rule is the portal's: reads go through ``exhibits.portal_selectors`` (the acting
department's exhibits, and once submitted those it partners in; anything else is a
404), writes through ``exhibits.services`` (create, update with the version check,
images through the one image pipeline) and ``exhibits.workflow.exhibit_transition``
(submit, resubmit, withdraw, reopen). This module only translates HTTP to those calls.

The acting department: a token belongs to a person; a person in several departments
names one with ``X-Department: <slug>`` (or ``?department=``), else 400. Naming a
department the person is not a member of is a 403; so is having no department at all.

Exhibits are addressed by id, not slug: a draft's slug follows its title until it is
published, and a draft created by POST must stay readable at the URL it was given.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiExample, OpenApiRequest, extend_schema
from rest_framework import status
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from departments.models import Department, Membership
from departments.selectors import memberships_of
from exhibits import editing, portal_selectors, services
from exhibits.api import docs
from exhibits.api import params as p
from exhibits.api.base import ApiView, edition_scope
from exhibits.api.errors import django_validation_errors
from exhibits.api.parsers import JSONParser
from exhibits.api.serializers import (
    DepartmentImageSerializer,
    ExhibitCreateSerializer,
    ExhibitUpdateSerializer,
    ImageUploadSerializer,
    ManagedExhibitSerializer,
    TransitionSerializer,
)
from exhibits.content import LANGUAGE_KEYS
from exhibits.models import (
    OPEN_REVISION_STATUSES,
    Exhibit,
    ExhibitImage,
    ExhibitRevision,
    ExhibitStatus,
    Technology,
)
from exhibits.workflow import Conflict, NotAllowed, exhibit_transition
from pavilion.models import Zone

TAG = "Department"


def parse_id(raw: str) -> int:
    """A path id as the schema gives it (1 to 2**63 - 1); anything else is a 404."""
    if not raw.isascii() or not raw.isdigit():
        raise Http404("No such exhibit.")
    value = int(raw)
    if not 1 <= value <= p.MAX_ID:
        raise Http404("No such exhibit.")
    return value


def managed_exhibits():
    """Exhibits with what the department and review representations show."""
    return Exhibit.objects.select_related(
        "edition", "zone", "proposed_zone", "lead_department", "booth"
    ).prefetch_related(
        "partner_departments",
        "technologies",
        "images",
        Prefetch(
            "revisions",
            queryset=ExhibitRevision.objects.filter(status__in=OPEN_REVISION_STATUSES),
            to_attr="open_revisions",
        ),
    )


def resolve_references(values: dict, *, edition_id: int, lead: Department) -> dict:
    """Turn the slugs of a validated body into objects; 409 for those naming nothing.

    A well-formed slug that names no zone (of the edition), technology or department is
    refused as a conflict with the current data (409 ``unknown_reference``), not as
    malformed input: the schema can only promise "a slug", and a schema-valid request is
    never a 400. Returns the keyword arguments for the services: ``data`` (text columns
    and ``proposed_zone``), ``technologies`` and ``partner_departments`` (None when absent).
    """
    data = {
        key: value
        for key, value in values.items()
        if key not in {"proposed_zone", "technologies", "partner_departments", "version"}
    }
    unknown: dict[str, list[str]] = {}
    if "proposed_zone" in values:
        slug = values["proposed_zone"]
        zone = None
        if slug is not None:
            zone = Zone.objects.filter(edition_id=edition_id, slug=slug).first()
            if zone is None:
                unknown["proposed_zone"] = [slug]
        data["proposed_zone"] = zone
    technologies = partners = None
    if "technologies" in values:
        slugs = list(dict.fromkeys(values["technologies"]))
        technologies = list(Technology.objects.filter(slug__in=slugs))
        found = {t.slug for t in technologies}
        if missing := [s for s in slugs if s not in found]:
            unknown["technologies"] = missing
    if "partner_departments" in values:
        slugs = list(dict.fromkeys(values["partner_departments"]))
        # The lead among them is refused by the services (400 on partner_departments),
        # as in the portal and the admin.
        partners = list(Department.objects.filter(slug__in=slugs))
        found = {d.slug for d in partners}
        if missing := [s for s in slugs if s not in found]:
            unknown["partner_departments"] = missing
    if unknown:
        names = "; ".join(f"{field}: {', '.join(slugs)}" for field, slugs in unknown.items())
        raise Conflict(
            _("These do not exist (in this edition): %(names)s.") % {"names": names},
            missing=list(unknown),
            code="unknown_reference",
        )
    return {"data": data, "technologies": technologies, "partner_departments": partners}


class DepartmentView(ApiView):
    permission_classes = [IsAuthenticated]
    params = dict.fromkeys(("GET", "POST", "PATCH", "DELETE"), p.ACTING)

    def membership(self) -> Membership:
        if hasattr(self, "_membership"):
            return self._membership
        memberships = memberships_of(self.request.user)
        wanted = self.query.get("X-Department") or self.query.get("department")
        if wanted:
            chosen = next((m for m in memberships if m.department.slug == wanted), None)
            if chosen is None:
                raise NotAllowed(
                    _("You are not a member of the department “%(slug)s”.") % {"slug": wanted},
                    code="not_a_member",
                )
        elif not memberships:
            raise NotAllowed(_("You are not a member of any department."), code="no_department")
        elif len(memberships) > 1:
            slugs = ", ".join(m.department.slug for m in memberships)
            raise ValidationError(
                {
                    "X-Department": [
                        _(
                            "You are a member of several departments (%(slugs)s): name the "
                            "one to act for with the X-Department header or ?department=."
                        )
                        % {"slugs": slugs}
                    ]
                }
            )
        else:
            chosen = memberships[0]
        self._membership = chosen
        return chosen

    def get_exhibit(self, raw_id: str) -> Exhibit:
        membership = self.membership()
        return portal_selectors.exhibit_for_portal(
            user=self.request.user, membership=membership, pk=parse_id(raw_id)
        )

    def require_lead(self, exhibit: Exhibit) -> None:
        """Partners read; only the lead department writes (403)."""
        if exhibit.lead_department_id != self.membership().department_id:
            raise NotAllowed(
                _("Your department is a partner in this exhibit: it may read it, not change it.")
            )

    def require_editable(self, exhibit: Exhibit) -> None:
        """Images change only on drafts and after changes were requested (409 otherwise)."""
        if exhibit.status == ExhibitStatus.PUBLISHED:
            raise Conflict(
                _(
                    "This exhibit is published: its images change through its revision, "
                    "in the portal."
                ),
                code="revision_required",
            )
        if exhibit.status not in services.DEPARTMENT_EDITABLE_STATUSES:
            raise Conflict(
                _("A %(status)s exhibit cannot be changed by the department.")
                % {"status": exhibit.get_status_display().lower()},
                code="read_only",
            )

    def actions(self, exhibit: Exhibit) -> list[str]:
        access = portal_selectors.portal_access(
            user=self.request.user, membership=self.membership(), exhibit=exhibit
        )
        return [t.name for t in access.transitions]

    def represent(self, exhibit: Exhibit, *, status_code: int = 200, reload: bool = True):
        if reload:
            exhibit = self.get_exhibit(str(exhibit.pk))
        context = {**self.get_serializer_context(), "actions": self.actions}
        data = ManagedExhibitSerializer(exhibit, context=context).data
        return Response(data, status=status_code)


class DepartmentExhibitListView(DepartmentView):
    serializer_class = ManagedExhibitSerializer
    params = {"GET": p.DEPARTMENT_LIST, "POST": p.ACTING}

    @extend_schema(
        operation_id="department_exhibits_list",
        summary="Your department's exhibits",
        description=(
            "The acting department's exhibits in any status, and those it partners in once "
            "submitted, in the current edition (or `edition`)."
        ),
        parameters=p.openapi(p.DEPARTMENT_LIST) + docs.response_headers(),
        responses=docs.private_responses({200: ManagedExhibitSerializer(many=True)}, reads=True),
        tags=[TAG],
    )
    def get(self, request):
        department = self.membership().department
        queryset = (
            managed_exhibits()
            .filter(
                portal_selectors.visible_to(department),
                edition=edition_scope(self.query.get("edition")),
            )
            .distinct()
            .order_by("title_en", "pk")
        )
        if "status" in self.query:
            queryset = queryset.filter(status=self.query["status"])
        page = self.paginate_queryset(queryset)
        context = {**self.get_serializer_context(), "actions": self.actions}
        return self.get_paginated_response(
            ManagedExhibitSerializer(page, many=True, context=context).data
        )

    @extend_schema(
        operation_id="department_exhibits_create",
        summary="Create a draft",
        description=(
            "A new draft of the acting department in the current edition. Only the English "
            "title is required (it makes the address); the rest can follow. Slugs in "
            "`proposed_zone`, `technologies` and `partner_departments` that do not exist "
            "are a 409 (`unknown_reference`)."
        ),
        parameters=p.openapi(p.ACTING) + docs.response_headers(etag=False),
        request=ExhibitCreateSerializer,
        responses=docs.private_responses({201: ManagedExhibitSerializer}, writes=True),
        examples=[
            OpenApiExample(
                "a draft",
                request_only=True,
                value={
                    "title_en": "Example draft",
                    "title_zh_hant": "示例草稿",
                    "proposed_zone": "smart-living",
                    "technologies": ["ai"],
                },
            )
        ],
        tags=[TAG],
    )
    def post(self, request):
        membership = self.membership()
        serializer = ExhibitCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        edition = portal_selectors.current_edition()
        if edition is None:
            raise Conflict(_("No edition is current: nothing can be created."), code="no_edition")
        references = resolve_references(
            serializer.validated_data, edition_id=edition.pk, lead=membership.department
        )
        exhibit = services.exhibit_create(
            edition=edition,
            department=membership.department,
            user=request.user,
            data=references["data"],
            technologies=references["technologies"] or (),
            partner_departments=references["partner_departments"] or (),
        )
        response = self.represent(exhibit, status_code=status.HTTP_201_CREATED)
        response["Location"] = request.build_absolute_uri(
            reverse("api:department-exhibit-detail", args=[exhibit.pk])
        )
        return response


class DepartmentExhibitDetailView(DepartmentView):
    serializer_class = ManagedExhibitSerializer

    @extend_schema(
        operation_id="department_exhibits_retrieve",
        summary="One of your department's exhibits",
        parameters=[docs.ID_PATH, *p.openapi(p.ACTING), *docs.response_headers()],
        responses=docs.private_responses({200: ManagedExhibitSerializer}, reads=True),
        tags=[TAG],
    )
    def get(self, request, pk: str):
        return self.represent(self.get_exhibit(pk), reload=False)

    @extend_schema(
        operation_id="department_exhibits_partial_update",
        summary="Change a draft",
        description=(
            "Only the fields sent change; `version` (the one you read) is required and a "
            "newer one on the server is a 409 (`stale_version`). Drafts and exhibits with "
            "changes requested change at once. A published exhibit keeps its public content: "
            "the changes go into its revision (started, or continued; see `revision`), which "
            "the coordinator submits and a curator approves in the portal and back-office; "
            "its zone is the curators' (409 `read_only`), and a submitted revision waits for "
            "their decision (409 `revision_open`). Other states are read-only (409 "
            "`read_only`)."
        ),
        parameters=[docs.ID_PATH, *p.openapi(p.ACTING), *docs.response_headers(etag=False)],
        request=ExhibitUpdateSerializer,
        responses=docs.private_responses({200: ManagedExhibitSerializer}, writes=True),
        examples=[
            OpenApiExample(
                "change the summary",
                request_only=True,
                value={"version": 3, "summary_en": "What the exhibit does, in two sentences."},
            )
        ],
        tags=[TAG],
    )
    def patch(self, request, pk: str):
        exhibit = self.get_exhibit(pk)
        self.require_lead(exhibit)
        serializer = ExhibitUpdateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        values = dict(serializer.validated_data)
        references = resolve_references(
            values, edition_id=exhibit.edition_id, lead=exhibit.lead_department
        )
        # A draft changes in place; a published exhibit through its revision (the public
        # keeps the published content until a curator approves it).
        editing.exhibit_content_change(
            exhibit=exhibit,
            user=request.user,
            expected_version=values["version"],
            **references,
        )
        return self.represent(exhibit)


class DepartmentImageListView(DepartmentView):
    parser_classes = [MultiPartParser]
    serializer_class = ImageUploadSerializer

    @extend_schema(
        operation_id="department_exhibit_images_create",
        summary="Add an image",
        description=(
            "multipart/form-data: the image file and its texts. It passes the portal's "
            "image pipeline (decoded to validate, re-encoded without metadata, renditions "
            "made); a refused file is a 400 on `image` and nothing is stored."
        ),
        parameters=[docs.ID_PATH, *p.openapi(p.ACTING), *docs.response_headers(etag=False)],
        request={
            "multipart/form-data": OpenApiRequest(
                ImageUploadSerializer,
                encoding={"image": {"contentType": "image/jpeg, image/png, image/webp"}},
            )
        },
        responses=docs.private_responses({201: DepartmentImageSerializer}, writes=True),
        tags=[TAG],
    )
    def post(self, request, pk: str):
        exhibit = self.get_exhibit(pk)
        self.require_lead(exhibit)
        serializer = ImageUploadSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        self.require_editable(exhibit)
        values = serializer.validated_data

        def texts(field: str) -> dict[str, str]:
            return {
                key: values[f"{field}_{key}"] for key in LANGUAGE_KEYS if f"{field}_{key}" in values
            }

        try:
            image = services.exhibit_image_add(
                exhibit=exhibit,
                upload=values["image"],
                alt_text=texts("alt_text"),
                caption=texts("caption") or None,
                credit=values.get("credit", ""),
                order=values.get("order"),
            )
        except DjangoValidationError as error:
            errors = django_validation_errors(error)
            if "upload" in errors:
                errors["image"] = errors.pop("upload")
            raise ValidationError(errors) from None
        data = DepartmentImageSerializer(image, context=self.get_serializer_context()).data
        response = Response(data, status=status.HTTP_201_CREATED)
        response["Location"] = request.build_absolute_uri(
            reverse("api:department-exhibit-image", args=[exhibit.pk, image.pk])
        )
        return response


class DepartmentImageDetailView(DepartmentView):
    @extend_schema(
        operation_id="department_exhibit_images_destroy",
        summary="Remove an image",
        parameters=[
            docs.ID_PATH,
            docs.IMAGE_ID_PATH,
            *p.openapi(p.ACTING),
            *docs.response_headers(etag=False),
        ],
        request=None,
        responses=docs.private_responses({204: None}, writes=True),
        tags=[TAG],
    )
    def delete(self, request, pk: str, image_id: str):
        exhibit = self.get_exhibit(pk)
        self.require_lead(exhibit)
        image = ExhibitImage.objects.filter(exhibit=exhibit, pk=parse_id(image_id)).first()
        if image is None:
            raise Http404("No such image of this exhibit.")
        self.require_editable(exhibit)
        services.exhibit_image_delete(image=image)
        return Response(status=status.HTTP_204_NO_CONTENT)


DEPARTMENT_ACTIONS = {
    "submit": "Submit a draft for review (coordinators; window open, complete, within quota).",
    "resubmit": "Send it back after changes were requested (coordinators).",
    "withdraw": "Withdraw it (coordinators).",
    "reopen": "Make a withdrawn exhibit a draft again (coordinators, window open).",
}


def department_action_view(action: str) -> type[DepartmentView]:
    """A view for one workflow action, so each has its own operation in the schema."""

    class ActionView(DepartmentView):
        parser_classes = [JSONParser]
        serializer_class = TransitionSerializer

        @extend_schema(
            operation_id=f"department_exhibits_{action}",
            summary=action.capitalize(),
            description=DEPARTMENT_ACTIONS[action]
            + " An editor is refused with 403; a wrong state, a closed window, a reached "
            "quota or an incomplete exhibit with 409.",
            parameters=[docs.ID_PATH, *p.openapi(p.ACTING), *docs.response_headers(etag=False)],
            request=TransitionSerializer,
            responses=docs.private_responses({200: ManagedExhibitSerializer}, writes=True),
            tags=[TAG],
        )
        def post(self, request, pk: str):
            exhibit = self.get_exhibit(pk)
            self.require_lead(exhibit)
            serializer = TransitionSerializer(data=request.data)
            serializer.is_valid(raise_exception=True)
            exhibit_transition(
                exhibit=exhibit,
                action=action,
                user=request.user,
                message=serializer.validated_data.get("message", ""),
                expected_version=serializer.validated_data.get("version"),
            )
            return self.represent(exhibit)

    ActionView.__name__ = ActionView.__qualname__ = f"Department{action.capitalize()}View"
    return ActionView
