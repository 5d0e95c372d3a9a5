"""The page cache and the login limit on Redis, the cache a cluster of app servers shares."""

from __future__ import annotations

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


@pytest.fixture
def redis_cache(settings):
    if not redis_up():
        pytest.skip("no Redis server at 127.0.0.1:6379 (the machine's service)")
    redis = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:6379/15",
    }
    settings.CACHES = {"default": redis, "limits": {**redis, "KEY_PREFIX": "limits"}}
    caches["default"].clear()
    yield caches["default"]
    caches["default"].clear()


def test_page_cache_round_trip_and_drop(redis_cache):
    pagecache.put("main/chekhovsgun", False, "<p>cached</p>")
    pagecache.put("main/chekhovsgun", True, "<p>cached, adult shown</p>")
    assert pagecache.get("main/chekhovsgun", False) == "<p>cached</p>"
    assert redis_cache.get(pagecache.cache_key("main/chekhovsgun", True)) == "<p>cached, adult shown</p>"
    pagecache.drop(["main/chekhovsgun"])
    assert pagecache.get("main/chekhovsgun", False) is None
    assert pagecache.get("main/chekhovsgun", True) is None


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
