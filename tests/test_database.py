"""The suite runs twice in CI: on SQLite, and on the real PostgreSQL server named by DATABASE_URL."""

from __future__ import annotations

import os

import pytest
from django.db import connection

from tropebase.wiki.store import save_page


@pytest.mark.django_db
def test_the_database_is_the_one_asked_for():
    expected = "postgresql" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"
    assert connection.vendor == expected
    page = save_page("Main/ForgottenUmbrella", "A trope with 寝取られ and ünïcode.").page
    page.refresh_from_db()
    assert "寝取られ" in page.current.text
