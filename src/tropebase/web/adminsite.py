"""Django's admin site, with its login door under the same attempt limit as the wiki's own."""

from __future__ import annotations

from django.contrib import admin

from .access import login_attempt, login_succeeded
from .views import login_blocked


class AdminSite(admin.AdminSite):
    def login(self, request, extra_context=None):
        """Count the attempt before the admin's form checks the password; over the limit, no check."""
        if request.method != "POST":
            return super().login(request, extra_context)
        username = request.POST.get("username", "")
        if not login_attempt(request, username):
            return login_blocked(request, request.get_full_path())
        response = super().login(request, extra_context)
        if request.user.is_authenticated and request.user.is_staff:
            login_succeeded(request, username)
        return response
