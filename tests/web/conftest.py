from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, User

from tropebase.web.access import MODERATORS


@pytest.fixture
def editor(db) -> User:
    return User.objects.create_user("editor", password="a long enough password")


@pytest.fixture
def moderator(db) -> User:
    user = User.objects.create_user("mod", password="a long enough password")
    user.groups.add(Group.objects.get_or_create(name=MODERATORS)[0])
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def moderator_client(client, moderator):
    client.force_login(moderator)
    return client


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Tests create accounts often; the production hasher is slow by design."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
