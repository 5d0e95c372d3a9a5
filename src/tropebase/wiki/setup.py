"""Getting Django ready from the command line: settings, migrations, the cache table."""

from __future__ import annotations

import os


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tropebase.settings")
    if os.environ.get("TROPEBASE_DATA"):
        os.environ["TROPEBASE_DATA"] = os.path.abspath(os.environ["TROPEBASE_DATA"])
    import django

    django.setup()


def prepare_database(verbosity: int = 0) -> None:
    """Bring the database up to date (migrations, cache table). Safe to run every start."""
    from django.conf import settings
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=verbosity)
    settings.STATIC_ROOT.mkdir(parents=True, exist_ok=True)
    call_command("createcachetable", verbosity=verbosity)  # the tables of the database caches, if any
    from .bulk import render_pending
    from .counts import count_missing
    from .search import index_missing
    from .store import upgrade_stored_facts

    upgrade_stored_facts()
    index_missing()
    count_missing()
    render_pending()  # what an interrupted import left waiting


def describe_database() -> str:
    """Which database the command works on, as a person would name it: the SQLite file's path, or the
    PostgreSQL database with its host (never the password)."""
    from django.db import connection

    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"SQLite {settings['NAME']}"
    where = f"{settings.get('HOST') or 'localhost'}:{settings.get('PORT') or 5432}"
    return f"{connection.display_name} {settings['NAME']} on {where}"
