"""Django settings, read from the environment so one code base serves a laptop and a cluster.

TROPEBASE_DATA   folder for the SQLite file, the secret key and collected static files
                 (default ./tropebase-data)
DATABASE_URL     postgres://… to use PostgreSQL instead of SQLite
REDIS_URL        redis://… for the cache shared by several app servers (default: database tables)
TROPEBASE_CACHE_ENTRIES  reader pages the page cache keeps in the database (default 500000)
TROPEBASE_ALLOWED_HOSTS  comma-separated host names (default: local addresses)
TROPEBASE_DEBUG  1 to turn Django's debug pages on (never in production)
TROPEBASE_HTTPS  1 when readers reach the site over HTTPS, through a proxy that terminates TLS and sets
                 X-Forwarded-Proto (overwriting any the client sent): cookies are then sent over HTTPS
                 only, plain HTTP is redirected, and browsers are told to use HTTPS for a year (HSTS,
                 subdomains included, preload allowed). `python -m django check --deploy` is clean with
                 it on and debug off.

Everything the wiki writes to disk (the data folder, the SQLite files, the secret key) is created
readable by its owner only: the secret key signs sessions, and the database holds password hashes.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("TROPEBASE_DATA", "tropebase-data")).resolve()


def _data_dir() -> Path:
    """The data folder, made owner-only when this creates it (its parents get the usual mode). Made here,
    before anything else writes into it, so that nothing creates it with the usual mode first."""
    DATA_DIR.parent.mkdir(parents=True, exist_ok=True)
    DATA_DIR.mkdir(mode=0o700, exist_ok=True)
    return DATA_DIR


def _private_file(path: Path) -> Path:
    """Create `path` empty and owner-only when missing. SQLite opens an existing file as it is and gives
    its -wal and -shm files the database file's mode, so creating it first keeps all three private."""
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    return path


def _secret_key() -> str:
    """Made once per data folder and kept there, readable by its owner only."""
    path = _data_dir() / "secret_key"
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(secrets.token_urlsafe(50))
    return path.read_text().strip()


_data_dir()
SECRET_KEY = os.environ.get("TROPEBASE_SECRET_KEY") or _secret_key()
DEBUG = os.environ.get("TROPEBASE_DEBUG") == "1"
ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get("TROPEBASE_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1],testserver").split(",")
]

if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": dj_database_url.parse(os.environ["DATABASE_URL"], conn_max_age=60)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": _private_file(_data_dir() / "tropebase.sqlite3"),
            "OPTIONS": {
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000;",
                "transaction_mode": "IMMEDIATE",
            },
            # keep the connection: opening the file and setting the pragmas per request is most of a
            # cached page's cost
            "CONN_MAX_AGE": None,
        }
    }

#: reader pages the page cache keeps (each kind of reader's copy of a page counts once). The default
#: holds every page of a 500,000-page wiki for readers who have not opted in to adult pages; a cached
#: page takes ~40% of its HTML on disk (zlib, then base64): ~2 GB for pages of 9 KB. Set less on a
#: small disk: a page not cached is rendered again.
CACHE_ENTRIES = int(os.environ.get("TROPEBASE_CACHE_ENTRIES", "500000"))

# Three caches: "pages" (wiki.pagecache: whole reader pages), "limits" (the attempt counters of
# tropebase.web.access and the hierarchy's version: never culled by pages filling up) and "default"
# (small things). Each is a table of its own (wiki.dbcache: one statement per read or write), or, with
# REDIS_URL, a key prefix in Redis, whose own `maxmemory` and eviction policy bound it.
if os.environ.get("REDIS_URL"):
    _redis = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": os.environ["REDIS_URL"]}
    CACHES = {
        "default": _redis,
        "pages": {**_redis, "KEY_PREFIX": "pages"},
        "limits": {**_redis, "KEY_PREFIX": "limits"},
    }
else:
    _table = {"BACKEND": "tropebase.wiki.dbcache.DatabaseCache"}
    CACHES = {
        "default": {**_table, "LOCATION": "tropebase_cache"},
        "pages": {**_table, "LOCATION": "tropebase_pages", "OPTIONS": {"MAX_ENTRIES": CACHE_ENTRIES}},
        "limits": {**_table, "LOCATION": "tropebase_limits", "OPTIONS": {"MAX_ENTRIES": 1_000_000}},
    }

INSTALLED_APPS = [
    "tropebase.web.apps.AdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "tropebase.wiki",
    "tropebase.web",
    "ninja",  # the API docs page's scripts and styles, served from this site (the CSP allows no CDN)
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "tropebase.api.middleware.ApiErrorsMiddleware",  # every error under /api/ as JSON with a message
    "tropebase.web.middleware.BadInputMiddleware",  # before anything reads the session, form or database
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "tropebase.web.urls"
WSGI_APPLICATION = "tropebase.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {"environment": "tropebase.web.jinja.environment"},
    },
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    },
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "/_/login"
LOGIN_REDIRECT_URL = "/"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp): scripts, styles and everything else from this site only — no
# inline script, no inline event handler, no <style> element. Style *attributes* stay allowed: the
# markup renderer sizes page images with style="width:Npx" (a number it formats itself), and a style
# attribute cannot select or read anything. Page images are hot-linked from anywhere, as on TV Tropes.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "style-src-attr": [UNSAFE_INLINE],
        "img-src": [SELF, "https:", "http:", "data:"],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

if os.environ.get("TROPEBASE_HTTPS") == "1":
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = 365 * 24 * 3600
    SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_PRELOAD = True

LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = False
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
WHITENOISE_USE_FINDERS = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

#: failed logins allowed per address and per user name within LOGIN_WINDOW seconds
LOGIN_ATTEMPTS = int(os.environ.get("TROPEBASE_LOGIN_ATTEMPTS", "5"))
LOGIN_WINDOW = 15 * 60
#: sign-up attempts (form posts) allowed per address within SIGNUP_WINDOW seconds
SIGNUP_ATTEMPTS = int(os.environ.get("TROPEBASE_SIGNUP_ATTEMPTS", "10"))
SIGNUP_WINDOW = 60 * 60

#: the largest page text, in UTF-8 bytes: saves stay bounded in time because every step is linear in it
PAGE_MAX_BYTES = int(os.environ.get("TROPEBASE_PAGE_MAX_BYTES", str(2_000_000)))
#: a form posting a page of PAGE_MAX_BYTES, URL-encoded (each byte at most 3 characters), must still be
#: read, so the editor gets the limit named with the text kept instead of a bare "Bad Request"
DATA_UPLOAD_MAX_MEMORY_SIZE = 3 * PAGE_MAX_BYTES + 100_000

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"stderr": {"class": "logging.StreamHandler"}},
    "loggers": {"django.request": {"handlers": ["stderr"], "level": "ERROR"}},
}

#: JSON API requests allowed per minute per personal token, and per address for requests without one
API_TOKEN_RATE = int(os.environ.get("TROPEBASE_API_TOKEN_RATE", "600"))
API_ADDRESS_RATE = int(os.environ.get("TROPEBASE_API_ADDRESS_RATE", "120"))
API_RATE_WINDOW = 60
