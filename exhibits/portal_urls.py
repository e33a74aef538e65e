"""The department portal at /portal/ (and /zh-hant/portal/, /zh-hans/portal/).

Included by ``pavilion.urls`` under i18n_patterns with the namespace "portal". Signing in,
out and password resets are Django's auth views with the portal's templates.
"""

from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from departments import portal_views as account_views
from exhibits import portal_views

app_name = "portal"

_RESET = "departments/portal/password_reset"

urlpatterns = [
    path("", portal_views.dashboard, name="dashboard"),
    path(
        "login/",
        auth_views.LoginView.as_view(
            template_name="departments/portal/login.html", redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "password-reset/",
        auth_views.PasswordResetView.as_view(
            template_name=f"{_RESET}_form.html",
            email_template_name=f"{_RESET}_email.txt",
            subject_template_name=f"{_RESET}_subject.txt",
            success_url=reverse_lazy("portal:password_reset_done"),
        ),
        name="password_reset",
    ),
    path(
        "password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name=f"{_RESET}_done.html"),
        name="password_reset_done",
    ),
    path(
        "password-reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name=f"{_RESET}_confirm.html",
            success_url=reverse_lazy("portal:password_reset_complete"),
        ),
        name="password_reset_confirm",
    ),
    path(
        "password-reset/done/",
        auth_views.PasswordResetCompleteView.as_view(template_name=f"{_RESET}_complete.html"),
        name="password_reset_complete",
    ),
    path("department/", account_views.choose_department, name="choose_department"),
    path("invitations/<str:token>/", account_views.invitation_accept, name="invitation_accept"),
    path("exhibits/new/", portal_views.exhibit_create, name="exhibit_create"),
    path("exhibits/<int:pk>/", portal_views.exhibit_detail, name="exhibit_detail"),
    path("exhibits/<int:pk>/edit/", portal_views.exhibit_edit, name="exhibit_edit"),
    path("exhibits/<int:pk>/preview/", portal_views.exhibit_preview, name="exhibit_preview"),
    path("exhibits/<int:pk>/action/", portal_views.exhibit_action, name="exhibit_action"),
    path("exhibits/<int:pk>/withdraw/", portal_views.exhibit_withdraw, name="exhibit_withdraw"),
    path("exhibits/<int:pk>/delete/", portal_views.exhibit_delete, name="exhibit_delete"),
    path("exhibits/<int:pk>/comments/", portal_views.exhibit_comment, name="exhibit_comment"),
    path("exhibits/<int:pk>/history/", portal_views.exhibit_history, name="exhibit_history"),
    path(
        "exhibits/<int:pk>/changes/<slug:action>/",
        portal_views.revision_action,
        name="revision_action",
    ),
]
