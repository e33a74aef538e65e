"""The public awards page (included under i18n_patterns by pavilion.urls)."""

from django.urls import path

from awards import views

urlpatterns = [
    path("awards/", views.award_list, name="award_list"),
]
