"""Public department pages (included under i18n_patterns by pavilion.urls)."""

from django.urls import path

from departments import views

urlpatterns = [
    path("departments/", views.department_list, name="department_list"),
    path("departments/<slug:slug>/", views.department_detail, name="department_detail"),
]
