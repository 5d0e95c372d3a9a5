"""The page cache and the login limit on Redis, the cache a cluster of app servers shares."""

from __future__ import annotations

import os
import socket

import pytest
from django.core.cache import caches

from tropebase.wiki import pagecache

REDIS = ("127.0.0.1", 6379)


def redis_up() -> bool:
    try:
        socket.create_connection(REDIS, timeout=1).close()
        return True
    except OSError:
        return False


#: keys of this test process only: other checkouts run this suite on the same Redis at the same time,
#: so nothing here flushes the database
PREFIX = f"tropebase-test-{os.getpid()}"


def _forget(cache) -> None:
    client = cache._cache.get_client(write=True)
    for key in client.scan_iter(match=f"{PREFIX}*"):
        client.delete(key)


@pytest.fixture
def redis_cache(settings):
    if not redis_up():
        pytest.skip("no Redis server at 127.0.0.1:6379 (the machine's service)")
    redis = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:6379/15",
    }
    settings.CACHES = {
        "default": {**redis, "KEY_PREFIX": f"{PREFIX}-default"},
        "pages": {**redis, "KEY_PREFIX": f"{PREFIX}-pages"},
        "limits": {**redis, "KEY_PREFIX": f"{PREFIX}-limits"},
    }
    _forget(caches["pages"])
    yield caches["pages"]
    _forget(caches["pages"])


def test_page_cache_round_trip_and_drop(redis_cache):
    page = "<main>" + "a kettle whistles on the stove. " * 500 + "</main>"
    pagecache.put("main/chekhovsgun", False, page)
    pagecache.put("main/chekhovsgun", True, "<p>cached, adult shown</p>")
    pagecache.put("main/redherring", False, "<p>another page</p>")
    assert pagecache.get("main/chekhovsgun", False) == page
    assert pagecache.get("main/chekhovsgun", True) == "<p>cached, adult shown</p>"
    stored = redis_cache._cache.get_client().get(
        redis_cache.make_key(pagecache.cache_key("main/chekhovsgun", False))
    )
    assert len(stored) < len(page) / 5  # compressed
    pagecache.drop(["main/chekhovsgun"])
    assert pagecache.get("main/chekhovsgun", False) is None
    assert pagecache.get("main/chekhovsgun", True) is None
    assert pagecache.get("main/redherring", False) == "<p>another page</p>"


@pytest.mark.django_db
def test_a_save_drops_exactly_the_pages_it_changes_in_redis(
    redis_cache, client, django_capture_on_commit_callbacks
):
    from tropebase.wiki.store import save_page

    save_page("Main/ChekhovsGun", "A thing shown early matters later.")
    save_page("Main/RedHerring", "A clue that leads nowhere.")
    save_page("Film/TheKettle", "A film about a kettle.\n----\n* ChekhovsGun: the kettle on the stove.")
    keys = ["main/chekhovsgun", "main/redherring", "film/thekettle"]
    for path in ("/Main/ChekhovsGun", "/Main/RedHerring", "/Film/TheKettle"):
        assert client.get(path).status_code == 200
    assert all(pagecache.get(k, False) for k in keys)
    with django_capture_on_commit_callbacks(execute=True):
        save_page("Film/TheKettle", "A film about a kettle.\n----\n* ChekhovsGun: it whistles at the end.")
    assert {k for k in keys if pagecache.get(k, False) is not None} == {"main/redherring"}


@pytest.mark.django_db
def test_login_limit_counts_in_redis(redis_cache, client, settings):
    from django.contrib.auth.models import User

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    User.objects.create_user("editor", password="a long enough password")
    for _ in range(settings.LOGIN_ATTEMPTS):
        client.post("/_/login", {"username": "editor", "password": "wrong"})
    assert (
        client.post("/_/login", {"username": "editor", "password": "a long enough password"}).status_code
        == 429
    )
    assert caches["limits"].get("login:user:editor") == settings.LOGIN_ATTEMPTS
    limits = caches["limits"]
    ttl = limits._cache.get_client().ttl(limits.make_and_validate_key("login:user:editor"))
    assert 0 < ttl <= settings.LOGIN_WINDOW  # counting does not restart or remove the window
