"""What the settings make of the environment, each in a fresh process (settings are read once): the
files the wiki creates are its owner's only, and the production settings pass Django's deploy check."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys

from .conftest import ROOT


def django(tmp_path, *args: str, **env: str) -> subprocess.CompletedProcess:
    environ = {**os.environ, "TROPEBASE_DATA": str(tmp_path / "data"), **env}
    environ["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), environ.get("PYTHONPATH", "")])
    environ.pop("TROPEBASE_DEBUG", None)
    environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set for the browser tests' process, not production
    environ.setdefault("DJANGO_SETTINGS_MODULE", "tropebase.settings")
    return subprocess.run([sys.executable, *args], env=environ, capture_output=True, text=True, timeout=300)


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_data_folder_secret_key_and_database_are_owner_only(tmp_path):
    """On SQLite whatever the run's database (PostgreSQL keeps its files itself); the modes are read
    while the connection is open, so the -wal and -shm files are there too."""
    code = (
        "import json, os, stat; from tropebase.wiki.setup import *; setup_django(); prepare_database()\n"
        "from django.conf import settings; from tropebase.wiki.models import Page; Page.objects.count()\n"
        "print(json.dumps({p.name: oct(stat.S_IMODE(p.stat().st_mode)) for p in settings.DATA_DIR.iterdir()}))"
    )
    result = django(tmp_path, "-c", code, DATABASE_URL="")
    assert result.returncode == 0, result.stderr
    modes = json.loads(result.stdout.splitlines()[-1])
    assert oct(mode(tmp_path / "data")) == "0o700"
    files = {"secret_key", "tropebase.sqlite3", "tropebase.sqlite3-wal", "tropebase.sqlite3-shm"}
    assert {name: modes[name] for name in files} == dict.fromkeys(files, "0o600")


def test_https_setting(tmp_path):
    code = (
        "import json, django; django.setup(); from django.conf import settings as s; print(json.dumps(["
        "s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS]))"
    )
    assert json.loads(django(tmp_path, "-c", code, TROPEBASE_HTTPS="1").stdout) == [
        True,
        True,
        True,
        31536000,
    ]
    assert json.loads(django(tmp_path, "-c", code).stdout) == [False, False, False, 0]


def test_production_settings_pass_the_deploy_check(tmp_path):
    result = django(
        tmp_path, "-m", "django", "check", "--deploy", "--fail-level", "WARNING", TROPEBASE_HTTPS="1"
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_page_cache_size_from_the_environment_and_redis_prefixes(tmp_path):
    code = (
        "import json, django; django.setup(); from django.core.cache import caches\n"
        "print(json.dumps({a: [type(caches[a]).__name__, caches[a]._max_entries, caches[a].key_prefix]"
        " for a in ('default', 'pages', 'limits')}))"
    )
    result = django(tmp_path, "-c", code, TROPEBASE_CACHE_ENTRIES="1234", REDIS_URL="", DATABASE_URL="")
    assert result.returncode == 0, result.stderr
    caches = json.loads(result.stdout)
    assert caches["pages"] == ["DatabaseCache", 1234, ""]
    assert caches["limits"][1] == 1_000_000  # the counters are never culled by pages
    on_redis = django(tmp_path, "-c", code, REDIS_URL="redis://127.0.0.1:6379/15", DATABASE_URL="")
    assert on_redis.returncode == 0, on_redis.stderr
    redis = json.loads(on_redis.stdout)
    assert {alias: kind for alias, (kind, _, _) in redis.items()} == dict.fromkeys(redis, "RedisCache")
    assert [redis[a][2] for a in ("default", "pages", "limits")] == ["", "pages", "limits"]


def test_a_worker_keeps_what_it_loaded_out_of_the_collectors_sight(tmp_path):
    """The WSGI module loads the application (its URLs, views and API too) and freezes it, so the
    garbage collector's full passes during requests do not walk it (see `tropebase.wsgi`)."""
    code = "import gc, tropebase.wsgi, sys; print(gc.get_freeze_count(), 'tropebase.api.app' in sys.modules)"
    result = django(tmp_path, "-c", code, DATABASE_URL="")
    assert result.returncode == 0, result.stderr
    frozen, api_loaded = result.stdout.split()
    assert int(frozen) > 10_000 and api_loaded == "True"
