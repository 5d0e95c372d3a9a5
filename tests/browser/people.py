"""What the browser tests share: the umbrella trope page they read and edit, and signing in through the
login form as a person (created on first use)."""

from __future__ import annotations

from django.contrib.auth.models import User

UMBRELLA_TROPE = """A trope about umbrellas.
----
!!Examples:
[[foldercontrol]]
[[folder:Film]]
* ''Film/Puddles'': the hero [[spoiler:forgets it on the bus]].
[[/folder]]
"""
PASSWORD = "rain on the window 42"


def log_in(tab, username: str) -> None:
    """Sign in through the login form, as a real person would."""
    User.objects.filter(username=username).exists() or User.objects.create_user(username, password=PASSWORD)
    tab.goto("/_/login")
    tab.fill("input[name=username]", username)
    tab.fill("input[name=password]", PASSWORD)
    tab.click("button[type=submit].primary")
    tab.wait_for_url("**/")
