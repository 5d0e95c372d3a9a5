from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.core.cache import caches

from tropebase.cli import load_demo
from tropebase.wiki.models import Profile
from tropebase.wiki.tokens import create_token


@pytest.fixture(autouse=True)
def fresh_limits(settings, db):
    """Counters start empty; the tests that are about limits set them low themselves."""
    settings.API_TOKEN_RATE = settings.API_ADDRESS_RATE = 100_000
    caches["limits"].clear()
    yield
    caches["limits"].clear()


@pytest.fixture
def demo(db) -> None:
    load_demo()


@pytest.fixture
def writer(db) -> tuple[User, str]:
    user = User.objects.create_user("writer", password="a long enough password")
    return user, create_token(user, "tests")[1]


@pytest.fixture
def adult_reader(db) -> tuple[User, str]:
    user = User.objects.create_user("grownup", password="a long enough password")
    Profile.objects.create(user=user, show_adult=True)
    return user, create_token(user, "tests")[1]


def bearer(token: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}
