"""Pages where a signed-in person (department member or curator) manages their API tokens.

The raw token appears once, in the answer to the form that created it (never stored,
never redirected through the session); the list shows each token's name, prefix,
creation and last use. Nothing here is cached.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from pavilion.models import ApiToken
from pavilion.tokens import TokenLimitReached, api_token_create, api_token_revoke


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=ApiToken._meta.get_field("name").max_length,
        help_text=_("What the token is for, so you can tell your tokens apart."),
    )


@never_cache
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def token_list(request):
    """Your tokens, and the form that creates one (showing it once)."""
    raw_token = None
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            _token, raw_token = api_token_create(user=request.user, name=form.cleaned_data["name"])
        except TokenLimitReached as error:
            form.add_error(None, str(error))
        else:
            form = TokenForm()
    tokens = ApiToken.objects.filter(user=request.user).order_by("-created_at", "-id")
    context = {
        "form": form,
        "raw_token": raw_token,
        "tokens": tokens,
        "api_base": request.build_absolute_uri("/api/v1/"),
        "docs_url": reverse("api-docs"),
    }
    return render(request, "pavilion/tokens.html", context)


@never_cache
@login_required
@require_POST
def token_revoke(request, pk: int):
    """Revoke one of your own tokens (someone else's is a 404)."""
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    api_token_revoke(token=token)
    messages.success(request, gettext("The token “%(name)s” is revoked.") % {"name": token.name})
    return redirect("tokens:list")
