"""The account page: personal API tokens, made (shown once) and revoked by their owner."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponseRedirect
from django.views.decorators.http import require_POST

from ..wiki.tokens import TokenRefused, create_token, revoke_token, tokens_of
from .views import show


@login_required
def account(request):
    """List the account's tokens; a POST makes a new one and shows it this once."""
    new_token, refused, status = None, "", 200
    if request.method == "POST":
        try:
            _, new_token = create_token(request.user, request.POST.get("name", ""))
        except TokenRefused as exc:
            refused, status = str(exc), 400
    response = show(request, "account.html", status=status, title="Your account",
                    tokens=tokens_of(request.user), new_token=new_token, refused=refused)  # fmt: skip
    response["Cache-Control"] = "no-store"  # a new token is on this page
    return response


@login_required
@require_POST
def revoke(request, token_id: int):
    revoke_token(request.user, token_id)
    return HttpResponseRedirect("/_/account")
