"""Django settings, read from the environment so one code base serves a laptop and a cluster.

TROPEBASE_DATA   folder for the SQLite file, the secret key and collected static files
                 (default ./tropebase-data)
DATABASE_URL     postgres://… to use PostgreSQL instead of SQLite
REDIS_URL        redis://… for the cache shared by several app servers (default: a database table)
TROPEBASE_ALLOWED_HOSTS  comma-separated host names (default: local addresses)
TROPEBASE_DEBUG  1 to turn Django's debug pages on (never in production)
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("TROPEBASE_DATA", "tropebase-data")).resolve()


def _secret_key() -> str:
    """Made once per data folder and kept there, readable by its owner only."""
    path = DATA_DIR / "secret_key"
    if not path.exists():
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(secrets.token_urlsafe(50))
    return path.read_text().strip()


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
            "NAME": DATA_DIR / "tropebase.sqlite3",
            "OPTIONS": {
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000;",
                "transaction_mode": "IMMEDIATE",
            },
            # keep the connection: opening the file and setting the pragmas per request is most of a
            # cached page's cost
            "CONN_MAX_AGE": None,
        }
    }

if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        }
    }
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "tropebase_cache"}
    }

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "tropebase.wiki",
    "tropebase.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
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
