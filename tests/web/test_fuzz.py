"""Generated junk sent to every URL pattern (the wiki's and the admin's), by GET and POST, as an
anonymous reader, an editor, a moderator and a superuser: no answer may be a 5xx.

Junk is what people and robots really send: NUL bytes, bytes that are not UTF-8, names longer than the
columns, numbers that are not whole or too big for any column. Each request runs in a savepoint that
is rolled back, so a failure on PostgreSQL does not poison the examples after it. Shrinking is off:
every request is a round trip, a failure would take minutes to shrink, and the assertion already shows
the path, query and body that failed.
"""

from __future__ import annotations

import os
import re
from urllib.parse import quote_from_bytes

import pytest
from django.contrib.admindocs.views import extract_views_from_urlpatterns, simplify_regex
from django.contrib.auth.models import User
from django.db import transaction
from django.test import Client
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from tropebase.web.urls import urlpatterns
from tropebase.wiki.models import Page
from tropebase.wiki.store import save_page

pytestmark = pytest.mark.django_db

#: examples per URL pattern: a few in the suite; bench/fuzz_bench.py runs many more
EXAMPLES = int(os.environ.get("TROPEBASE_FUZZ_EXAMPLES", "5"))
PATTERNS = sorted({simplify_regex(regex) for _, regex, _, _ in extract_views_from_urlpatterns(urlpatterns)})
PLACEHOLDER = re.compile(r"<[^>]+>")

#: values that lead somewhere, so the junk reaches deep into the views
REAL = ["Main", "Film", "ForgottenUmbrella", "Puddles", "BrollyBlindness", "1", "2", "auth", "wiki", "user",
        "page", "revision"]  # fmt: skip
NUMBERS = ["0", "-1", "1.5", "1e3", "99999999999999999999", "2147483648", "NaN", "0x10", "١٢", " 1", "²"]
FIELDS = ["text", "summary", "base", "preview", "number", "protected", "rating", "username", "password",
          "password1", "password2", "next", "rev", "from", "to", "q", "o", "p", "e", "name", "namespace",
          "key", "title", "content_rating", "page", "_changelist_filters", "action", "_selected_action"]  # fmt: skip

raw_bytes = st.binary(max_size=24).map(lambda b: b.decode("utf-8", "surrogateescape"))
junk = st.one_of(
    st.sampled_from(REAL),
    st.sampled_from(NUMBERS),
    st.integers().map(str),
    st.text(max_size=24),
    raw_bytes,
    st.text(alphabet="Aa1-_. \x00é", min_size=190, max_size=420),  # longer than the columns
)
segment = junk.filter(bool)
pairs = st.lists(st.tuples(st.one_of(st.sampled_from(FIELDS), junk), junk), max_size=5)


def encode(value: str) -> str:
    return quote_from_bytes(value.encode("utf-8", "surrogateescape"), safe="")


def urlencoded(items: list[tuple[str, str]]) -> str:
    return "&".join(f"{encode(k)}={encode(v)}" for k, v in items)


@pytest.fixture
def wiki(db):
    save_page(
        "Film/Puddles", "A film about rain.\n----\n* ForgottenUmbrella: left on the bus.", title="Puddles"
    )
    save_page("Main/ForgottenUmbrella", "The umbrella is forgotten.\n----\n* ''Film/Puddles'': on the bus.")
    save_page("Main/ForgottenUmbrella", "The umbrella is forgotten again.")
    save_page("Main/BrollyBlindness", "[[redirect:ForgottenUmbrella]]")
    Page.objects.filter(key="film/puddles").update(content_rating=Page.ADULT)


@pytest.fixture
def users(wiki, editor, moderator):
    admin = User.objects.create_superuser("admin", password="a long enough password")
    return [None, editor, moderator, admin]


@pytest.mark.parametrize("pattern", PATTERNS)
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_no_junk_makes_a_server_error(users, pattern, data):
    path = PLACEHOLDER.sub(lambda _: encode(data.draw(segment)), pattern)
    query = urlencoded(data.draw(pairs))
    body = urlencoded(data.draw(pairs))
    user = data.draw(st.sampled_from(users))
    client = Client(raise_request_exception=False)
    with transaction.atomic():
        if user is not None:
            client.force_login(user)
        got = client.get(f"{path}?{query}")
        posted = client.post(f"{path}?{query}", body, content_type="application/x-www-form-urlencoded")
        transaction.set_rollback(True)
    assert got.status_code < 500, (path, query, got.content[:500])
    assert posted.status_code < 500, (path, query, body, posted.content[:500])
