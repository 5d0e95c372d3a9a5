"""The attempt limits on every door where a password is tried or an account made: the wiki's login,
the admin's login, sign-up. (Concurrent attempts against a real server: test_limits_live.py.)"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.core.cache import caches
from django.test import Client

from tropebase.web.access import login_attempt
from tropebase.wiki import pagecache

pytestmark = pytest.mark.django_db

PASSWORD = "a long enough password"


@pytest.fixture(autouse=True)
def fresh_limits():
    caches["limits"].clear()
    yield
    caches["limits"].clear()


@pytest.fixture
def admin_user(db) -> User:
    return User.objects.create_superuser("boss", password=PASSWORD)


def wrong(client, path, username):
    return client.post(path, {"username": username, "password": "not the password"})


def test_admin_login_counts_against_the_limit(client, admin_user, settings):
    for _ in range(settings.LOGIN_ATTEMPTS):
        assert wrong(client, "/admin/login/", "boss").status_code == 200  # the admin's form, with an error
    blocked = client.post("/admin/login/", {"username": "boss", "password": PASSWORD})
    assert blocked.status_code == 429 and "Too many failed attempts" in blocked.content.decode()
    assert "_auth_user_id" not in client.session


def test_failures_at_either_door_add_up(client, admin_user, settings):
    """One count per address and user name, whichever door the guesses come through."""
    for i in range(settings.LOGIN_ATTEMPTS):
        assert wrong(client, "/_/login" if i % 2 else "/admin/login/", "boss").status_code in (200, 400)
    assert client.post("/_/login", {"username": "boss", "password": PASSWORD}).status_code == 429
    assert client.post("/admin/login/", {"username": "boss", "password": PASSWORD}).status_code == 429


def test_admin_login_still_works_and_gives_the_attempt_back(client, admin_user, settings):
    for _ in range(settings.LOGIN_ATTEMPTS - 1):
        wrong(client, "/admin/login/", "boss")
    response = client.post("/admin/login/?next=/admin/", {"username": "boss", "password": PASSWORD})
    assert response.status_code == 302 and client.session["_auth_user_id"] == str(admin_user.pk)
    client.post("/_/logout")
    # four failures stay counted against the address; the successes do not add to them
    for _ in range(3):
        assert client.post("/_/login", {"username": "boss", "password": PASSWORD}).status_code == 302
        client.post("/_/logout")
    assert wrong(client, "/_/login", "boss").status_code == 400
    assert client.post("/_/login", {"username": "boss", "password": PASSWORD}).status_code == 429


def test_successful_logins_do_not_use_up_the_address(client, editor, settings):
    for _ in range(settings.LOGIN_ATTEMPTS * 2):
        assert client.post("/_/login", {"username": "editor", "password": PASSWORD}).status_code == 302
        client.post("/_/logout")


def test_a_failed_login_checks_the_password_once(client, editor, settings):
    """The password hash is the cost the limit protects; one attempt is one check."""
    checks = []
    from django.contrib.auth.signals import user_login_failed

    def failed(sender, **kwargs):
        checks.append(kwargs)

    user_login_failed.connect(failed)
    try:
        wrong(client, "/_/login", "editor")
    finally:
        user_login_failed.disconnect(failed)
    assert len(checks) == 1


def test_filling_the_page_cache_does_not_wipe_the_counters(client, editor, settings):
    """A database cache past MAX_ENTRIES culls entries: the counters live in a cache of their own."""
    for _ in range(settings.LOGIN_ATTEMPTS):
        wrong(client, "/_/login", "editor")
    for i in range(350):  # a page cache filling up (past the 300 entries it once held)
        pagecache.put(f"main/page{i}", False, "<p>page</p>")
    assert client.post("/_/login", {"username": "editor", "password": PASSWORD}).status_code == 429


def test_counts_are_kept_per_address_and_user_name(rf, settings):
    def attempt(address, username):
        request = rf.post("/_/login", REMOTE_ADDR=address)
        return login_attempt(request, username)

    assert all(attempt("10.0.0.1", "alice") for _ in range(settings.LOGIN_ATTEMPTS))
    assert not attempt("10.0.0.1", "bob")  # this address is used up
    assert attempt("10.0.0.2", "bob")
    assert not attempt("10.0.0.2", "Alice")  # so is this user name, in any case


def signup(client, username, password=PASSWORD):
    return client.post("/_/signup", {"username": username, "password1": password, "password2": password})


def test_signup_is_limited_per_address(settings):
    settings.SIGNUP_ATTEMPTS = 3
    client = Client()
    assert signup(client, "first").status_code == 302
    client.post("/_/logout")
    assert signup(client, "second", "short").status_code == 400  # refused posts count too
    assert signup(client, "third").status_code == 302
    client.post("/_/logout")
    blocked = signup(client, "fourth")
    assert blocked.status_code == 429 and "Too many sign-up attempts" in blocked.content.decode()
    assert not User.objects.filter(username="fourth").exists()
    other = Client(REMOTE_ADDR="10.0.0.9")
    assert signup(other, "fourth").status_code == 302
