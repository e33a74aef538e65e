"""/api/v1/ (included unprefixed by pavilion.urls, namespace "api").

Path parameters are matched as plain strings and checked by the views, so a malformed
id or slug is a JSON 404 like any other; the last pattern answers every other path
under /api/v1/ with a JSON 404 too (Django's own 404 page is HTML).
"""

from django.urls import path, re_path

from exhibits.api import department, fair, review, views
from exhibits.api.base import NotFoundView

app_name = "api"

urlpatterns = [
    path("exhibits/", views.ExhibitListView.as_view(), name="exhibit-list"),
    path("exhibits/<str:slug>/", views.ExhibitDetailView.as_view(), name="exhibit-detail"),
    path("zones/", views.ZoneListView.as_view(), name="zone-list"),
    path("departments/", views.DepartmentListView.as_view(), name="department-list"),
    path("awards/", views.AwardListView.as_view(), name="award-list"),
    path("editions/", views.EditionListView.as_view(), name="edition-list"),
    path("booths/", fair.BoothListView.as_view(), name="booth-list"),
    path("demonstrations/", fair.DemonstrationListView.as_view(), name="demonstration-list"),
    path("floor-plan/", fair.FloorPlanView.as_view(), name="floor-plan"),
    path(
        "department/exhibits/",
        department.DepartmentExhibitListView.as_view(),
        name="department-exhibit-list",
    ),
    path(
        "department/exhibits/<str:pk>/",
        department.DepartmentExhibitDetailView.as_view(),
        name="department-exhibit-detail",
    ),
    path(
        "department/exhibits/<str:pk>/images/",
        department.DepartmentImageListView.as_view(),
        name="department-exhibit-images",
    ),
    path(
        "department/exhibits/<str:pk>/images/<str:image_id>/",
        department.DepartmentImageDetailView.as_view(),
        name="department-exhibit-image",
    ),
    *[
        path(
            f"department/exhibits/<str:pk>/{action}/",
            department.department_action_view(action).as_view(),
            name=f"department-exhibit-{action}",
        )
        for action in department.DEPARTMENT_ACTIONS
    ],
    path("review/exhibits/", review.ReviewExhibitListView.as_view(), name="review-exhibit-list"),
    path(
        "review/exhibits/<str:pk>/",
        review.ReviewExhibitDetailView.as_view(),
        name="review-exhibit-detail",
    ),
    *[
        path(
            f"review/exhibits/<str:pk>/{action}/",
            review.review_action_view(action).as_view(),
            name=f"review-exhibit-{action}",
        )
        for action in review.REVIEW_ACTIONS
    ],
    re_path(r"^(?:.*/)?$", NotFoundView.as_view(), name="not-found"),
]
