"""schemathesis against the API's own OpenAPI description: whatever it sends, no 5xx and no answer
the description does not allow (status, content type, body shape). Bounded examples per operation."""

from __future__ import annotations

import pytest
import schemathesis
from django.contrib.auth.models import User
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tropebase.wiki.avoid import save_list
from tropebase.wiki.models import Profile
from tropebase.wiki.store import save_page
from tropebase.wiki.tokens import create_token

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


@pytest.fixture
def same_connection():
    """Requests through the WSGI app keep the test's database connection, as Django's test client
    does: its end-of-request hook would close it (PostgreSQL's CONN_MAX_AGE) mid-transaction."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def catalog(db, same_connection) -> str:
    """A few pages (a trope, a work, an adult work, a redirect) and a token that may read them all,
    whose account avoids the trope."""
    save_page(
        "Main/ChekhovsGun", "A thing shown early matters later.\n\n* ''Film/TheLampKeeper'': the lamp.\n"
    )
    save_page("Film/TheLampKeeper", "''The Lamp Keeper''\n\n* ChekhovsGun: the lamp, again.\n")
    save_page("Film/VelvetNight", "Adult.\n\n* ChekhovsGun: a key.\n", rating="adult")
    save_page("Main/PlantedObject", "[[redirect:Main/ChekhovsGun]]\n")
    user = User.objects.create_user("fuzzer", password="a long enough password")
    Profile.objects.create(user=user, show_adult=True)
    save_list(user, ["ChekhovsGun"], hide=False)  # lists mark the works playing it: `avoided` is filled
    return create_token(user, "schemathesis")[1]


@schema.parametrize()
@settings(max_examples=12, deadline=None, derandomize=True,
          suppress_health_check=list(HealthCheck))  # fmt: skip
def test_the_api_keeps_to_its_description(case, catalog):
    case.call_and_validate(headers={"Authorization": f"Bearer {catalog}"}, checks=CHECKS)
