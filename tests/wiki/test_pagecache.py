"""The page cache in the database (wiki.dbcache behind wiki.pagecache): one statement per read and
write, a size bound kept by a rare check, expiry, and drops of exactly the pages a save changes."""

from __future__ import annotations

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tropebase.wiki import pagecache
from tropebase.wiki.dbcache import KEY_MAX
from tropebase.wiki.store import save_page

pytestmark = pytest.mark.django_db

NEVER = 10**12  # CHECK_EVERY that no test reaches: every write is its one statement


@pytest.fixture
def pages(settings):
    """The "pages" cache as configured, with its size options replaced by the test's."""

    def configure(**options):
        settings.CACHES = {**settings.CACHES, "pages": {**settings.CACHES["pages"], "OPTIONS": options}}
        cache = caches["pages"]
        cache.clear()
        return cache

    return configure


def rows() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM tropebase_pages")
        return cursor.fetchone()[0]


def test_a_put_and_a_get_are_one_statement_each(pages):
    pages(MAX_ENTRIES=1000, CHECK_EVERY=NEVER)
    with CaptureQueriesContext(connection) as put:
        pagecache.put("main/chekhovsgun", False, "<p>the gun on the wall</p>")
    with CaptureQueriesContext(connection) as overwrite:
        pagecache.put("main/chekhovsgun", False, "<p>the gun, fired</p>")
    with CaptureQueriesContext(connection) as get:
        assert pagecache.get("main/chekhovsgun", False) == "<p>the gun, fired</p>"
    assert len(put) == len(overwrite) == len(get) == 1
    assert "ON CONFLICT" in put[0]["sql"] and get[0]["sql"].startswith("SELECT")
    assert rows() == 1


def test_round_trip_both_kinds_of_reader_and_drop(pages):
    pages(MAX_ENTRIES=1000, CHECK_EVERY=NEVER)
    page = "<main>" + "a kettle whistles on the stove. " * 500 + "</main>"
    pagecache.put("main/kettle", False, page)
    pagecache.put("main/kettle", True, page + "<p>adult shown</p>")
    pagecache.put("main/teapot", False, "<p>teapot</p>")
    assert pagecache.get("main/kettle", False) == page
    assert pagecache.get("main/kettle", True) == page + "<p>adult shown</p>"
    with connection.cursor() as cursor:  # stored compressed
        cursor.execute("SELECT MAX(LENGTH(value)) FROM tropebase_pages")
        assert cursor.fetchone()[0] < len(page) / 5
    with CaptureQueriesContext(connection) as dropped:
        pagecache.drop(["main/kettle"])
    assert len(dropped) == 1
    assert pagecache.get("main/kettle", False) is None and pagecache.get("main/kettle", True) is None
    assert pagecache.get("main/teapot", False) == "<p>teapot</p>"


def test_the_size_bound_holds_and_the_oldest_pages_go_first(pages):
    cache = pages(MAX_ENTRIES=50, CHECK_EVERY=10)
    with CaptureQueriesContext(connection) as writes:
        for i in range(400):
            pagecache.put(f"main/page{i}", False, f"<p>page {i}</p>", timeout=3600 + i)
            assert rows() <= 50 + 10
    statements = [q for q in writes if not q["sql"].startswith("SELECT COUNT(*) FROM tropebase_pages")]
    puts = [q for q in statements if "ON CONFLICT" in q["sql"]]
    assert len(puts) == 400 and len(statements) - len(puts) <= 3 * (400 // 10 + 1)  # a check per 10 puts
    assert cache.check_size() == 50
    assert pagecache.get("main/page399", False) == "<p>page 399</p>"  # the newest stay
    assert pagecache.get("main/page0", False) is None


def test_expired_pages_are_not_served_and_the_check_deletes_them(pages):
    cache = pages(MAX_ENTRIES=1000, CHECK_EVERY=NEVER)
    pagecache.put("main/kettle", False, "<p>old</p>", timeout=0)  # expired at once, as Django's 0 means
    pagecache.put("main/teapot", False, "<p>fresh</p>")
    assert pagecache.get("main/kettle", False) is None
    assert rows() == 2
    assert cache.check_size() == 1
    assert pagecache.get("main/teapot", False) == "<p>fresh</p>"


def test_add_and_touch_keep_django_semantics_in_one_statement(pages):
    cache = pages(MAX_ENTRIES=1000, CHECK_EVERY=NEVER)
    with CaptureQueriesContext(connection) as added:
        assert cache.add("token", "first", 60) is True
    assert len(added) == 1
    assert cache.add("token", "second", 60) is False and cache.get("token") == "first"
    cache.set("stale", "old", 0)
    assert cache.touch("stale", 60) is False  # an expired entry is gone for touch
    assert cache.add("stale", "new", 60) is True and cache.get("stale") == "new"
    assert cache.touch("token", None) is True and cache.get("token") == "first"
    assert cache.add("forever", "kept", None) is True and cache.get("forever") == "kept"


def test_a_key_longer_than_the_column_is_kept_under_a_digest(pages):
    cache = pages(MAX_ENTRIES=1000, CHECK_EVERY=NEVER)
    long_a, long_b = "main/" + "a" * 295, "main/" + "a" * 294 + "b"
    pagecache.put(long_a, False, "<p>a</p>")
    pagecache.put(long_b, False, "<p>b</p>")
    assert len(cache.make_key(pagecache.cache_key(long_a, False))) <= KEY_MAX
    assert pagecache.get(long_a, False) == "<p>a</p>" and pagecache.get(long_b, False) == "<p>b</p>"
    pagecache.drop([long_a])
    assert pagecache.get(long_a, False) is None and pagecache.get(long_b, False) == "<p>b</p>"


def test_counters_count_atomically_and_keep_their_window():
    limits = caches["limits"]
    limits.clear()
    assert limits.add("login:user:editor", 0, 900)
    assert [limits.incr("login:user:editor") for _ in range(3)] == [1, 2, 3]
    with connection.cursor() as cursor:
        cursor.execute("SELECT expires FROM tropebase_limits")
        (first,) = cursor.fetchone()
        limits.incr("login:user:editor")
        cursor.execute("SELECT expires FROM tropebase_limits")
        assert cursor.fetchone()[0] == first  # counting does not restart the window
    with pytest.raises(ValueError):
        limits.incr("login:user:nobody")


def test_a_save_drops_exactly_the_pages_it_changes(client, pages, django_capture_on_commit_callbacks):
    pages(MAX_ENTRIES=1000, CHECK_EVERY=NEVER)
    save_page("Main/ChekhovsGun", "A thing shown early matters later.")
    save_page("Main/RedHerring", "A clue that leads nowhere.")
    save_page("Film/TheKettle", "A film about a kettle.\n----\n* ChekhovsGun: the kettle on the stove.")
    save_page("Film/TheTeapot", "A film about a teapot.\n----\n* RedHerring: the teapot was empty.")
    keys = ["main/chekhovsgun", "main/redherring", "film/thekettle", "film/theteapot"]
    for path in ("/Main/ChekhovsGun", "/Main/RedHerring", "/Film/TheKettle", "/Film/TheTeapot"):
        assert client.get(path).status_code == 200
    assert all(pagecache.get(k, False) for k in keys)
    with django_capture_on_commit_callbacks(execute=True):
        save_page(
            "Film/TheKettle", "A film about a kettle.\n----\n* ChekhovsGun: the kettle whistles at the end."
        )
    cached = {k for k in keys if pagecache.get(k, False) is not None}
    assert cached == {"main/redherring", "film/theteapot"}  # the film and the trope it lists, no more
    assert "whistles at the end" in client.get("/Main/ChekhovsGun").content.decode()
