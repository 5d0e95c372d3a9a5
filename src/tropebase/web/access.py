"""Who may do what: moderators, adult opt-in, and the login attempt limit."""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache

from ..wiki.models import Profile
from ..wiki.visibility import Reader

MODERATORS = "moderators"


def is_moderator(user) -> bool:
    return bool(user.is_authenticated and (user.is_superuser or user.groups.filter(name=MODERATORS).exists()))


def shows_adult(request) -> bool:
    """The reader opted in to adult material (in this session, or in their profile)."""
    return reader(request).show_adult


def reader(request) -> Reader:
    """Who is reading, as the wiki's visibility rule needs it; worked out once per request."""
    found = getattr(request, "_tropebase_reader", None)
    if found is None:
        adult = bool(request.session.get("show_adult"))
        if not adult and request.user.is_authenticated:
            adult = Profile.objects.filter(user=request.user, show_adult=True).exists()
        found = Reader(show_adult=adult, moderator=is_moderator(request.user))
        request._tropebase_reader = found
    return found


def opt_in_adult(request) -> None:
    request.session["show_adult"] = True
    request._tropebase_reader = None
    if request.user.is_authenticated:
        Profile.objects.update_or_create(user=request.user, defaults={"show_adult": True})


def client_address(request) -> str:
    return request.META.get("REMOTE_ADDR", "unknown")


def _keys(request, username: str) -> list[str]:
    return [f"login-fail:ip:{client_address(request)}", f"login-fail:user:{username.lower()}"]


def login_blocked(request, username: str) -> bool:
    """Too many failed attempts from this address or for this user name in the last window."""
    return any((cache.get(k) or 0) >= settings.LOGIN_ATTEMPTS for k in _keys(request, username))


def login_failed(request, username: str) -> None:
    for key in _keys(request, username):
        cache.add(key, 0, settings.LOGIN_WINDOW)
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, settings.LOGIN_WINDOW)


def login_succeeded(request, username: str) -> None:
    cache.delete(_keys(request, username)[1])
