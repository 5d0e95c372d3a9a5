"""Who may do what: moderators, adult opt-in, and the attempt limits on logging in and signing up."""

from __future__ import annotations

import contextlib
from urllib.parse import quote, unquote

from django.conf import settings
from django.core.cache import caches

from ..wiki import avoid
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
        names, hide = avoid_list(request)
        found = Reader(show_adult=adult, moderator=is_moderator(request.user), avoid=names, avoid_hide=hide)
        request._tropebase_reader = found
    return found


#: an anonymous reader's avoid list: trope names separated by "|"; "1" in the other to hide
AVOID_COOKIE, AVOID_HIDE_COOKIE = "tb_avoid", "tb_avoid_hide"


def avoid_list(request) -> tuple[tuple[str, ...], bool]:
    """The reader's avoid list and whether they hide such works: saved for a signed-in reader, in a
    cookie for anyone else."""
    if request.user.is_authenticated:
        return avoid.saved_list(request.user)
    raw = unquote(request.COOKIES.get(AVOID_COOKIE, ""))
    names = tuple(n.strip() for n in raw.split("|") if n.strip())
    return names[: avoid.MAX_AVOIDED], request.COOKIES.get(AVOID_HIDE_COOKIE) == "1"


def keep_avoid_list(request, response, names: list[str], hide: bool) -> None:
    """Save the reader's avoid list where it lives (the database, or cookies on `response`)."""
    request._tropebase_reader = None
    if request.user.is_authenticated:
        avoid.save_list(request.user, names, hide)
        return
    names = list(dict.fromkeys(n.strip().replace("|", "") for n in names if n.strip()))[: avoid.MAX_AVOIDED]
    year = 365 * 24 * 3600
    options = {"max_age": year, "samesite": "Lax", "httponly": True, "secure": settings.SESSION_COOKIE_SECURE}
    response.set_cookie(AVOID_COOKIE, quote("|".join(names)), **options)
    response.set_cookie(AVOID_HIDE_COOKIE, "1" if hide else "0", **options)


def reader_of(user) -> Reader:
    """What an account may read, from its saved choices (API calls have no session); None: anonymous."""
    if user is None or not user.is_authenticated:
        return Reader()
    adult = Profile.objects.filter(user=user, show_adult=True).exists()
    names, hide = avoid.saved_list(user)
    return Reader(show_adult=adult, moderator=is_moderator(user), avoid=names, avoid_hide=hide)


def opt_in_adult(request) -> None:
    request.session["show_adult"] = True
    request._tropebase_reader = None
    if request.user.is_authenticated:
        Profile.objects.update_or_create(user=request.user, defaults={"show_adult": True})


def client_address(request) -> str:
    return request.META.get("REMOTE_ADDR", "unknown")


def _count(key: str, window: int) -> int:
    """Count one more attempt under `key` and return the new count, in one atomic step: `add` creates
    the counter only when missing (and starts its window), `incr` is atomic on Redis and on
    tropebase.wiki.dbcache. Concurrent attempts therefore each get their own number."""
    limits = caches["limits"]
    for _ in range(3):
        limits.add(key, 0, window)
        try:
            return limits.incr(key)
        except ValueError:  # the window ended between add and incr: start a new one
            continue
    raise RuntimeError(f"attempt counter {key} keeps expiring")


def within_limit(key: str, limit: int, window: int) -> bool:
    """Count one more request under `key` (atomically, see `_count`); False once `limit` are used up in
    the `window` seconds that began with the first."""
    return _count(key, window) <= limit


def _login_keys(request, username: str) -> list[str]:
    return [f"login:ip:{client_address(request)}", f"login:user:{username.lower()}"]


def login_attempt(request, username: str) -> bool:
    """Count a login attempt, then say whether it may go on to the password check.

    The attempt is counted before the check, so however many arrive at once, at most LOGIN_ATTEMPTS
    per address and per user name reach a password check in a window. The address is counted first
    and an attempt it blocks does not count against the user name. A right password gives its attempt
    back (`login_succeeded`): what stays counted are failures and attempts still in progress.
    """
    return all(
        within_limit(key, settings.LOGIN_ATTEMPTS, settings.LOGIN_WINDOW)
        for key in _login_keys(request, username)
    )


def login_succeeded(request, username: str) -> None:
    address, user = _login_keys(request, username)
    limits = caches["limits"]
    limits.delete(user)
    with contextlib.suppress(ValueError):  # the window has ended meanwhile
        limits.decr(address)


def signup_attempt(request) -> bool:
    """Count a sign-up form post from this address; False once SIGNUP_ATTEMPTS are used up in the
    window. Every post counts, valid or not: each one can probe user names or cost a password hash."""
    key = f"signup:ip:{client_address(request)}"
    return within_limit(key, settings.SIGNUP_ATTEMPTS, settings.SIGNUP_WINDOW)
