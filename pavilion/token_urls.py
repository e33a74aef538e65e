"""/portal/tokens/: personal API tokens (included under i18n_patterns, namespace "tokens")."""

from django.urls import path

from pavilion import token_views

app_name = "tokens"

urlpatterns = [
    path("", token_views.token_list, name="list"),
    path("<int:pk>/revoke/", token_views.token_revoke, name="revoke"),
]
