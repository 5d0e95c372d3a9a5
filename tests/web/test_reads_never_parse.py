"""Reads never parse: every page of an imported catalog is read without one call to the markup parser.
Rendering happens in the write path, also for pages whose links a newer page turned blue."""

from __future__ import annotations

import pytest

import tropebase.markup
from tropebase.cli import load_demo
from tropebase.ingest.load import load
from tropebase.wiki.imports import store_pages
from tropebase.wiki.models import Page

from ..conftest import SEED

pytestmark = pytest.mark.django_db


@pytest.fixture
def parse_calls(monkeypatch):
    calls = []
    real = tropebase.markup.parse_blocks
    monkeypatch.setattr(tropebase.markup, "parse_blocks", lambda text: calls.append(1) or real(text))
    return calls


def test_reading_every_page_parses_nothing(client, parse_calls, known_tropes):
    list(store_pages(load(SEED, known=known_tropes)))  # the seed first: its links are red until the demo
    load_demo()
    assert parse_calls  # saving parsed
    parse_calls.clear()
    client.post("/_/adult", {"next": "/"})
    urls = ["/", "/_/recent", "/_/ns/Main", "/_/ns/Film"]
    for page in Page.objects.all():
        urls += [page.url, f"{page.url}/history", f"{page.url}/related", f"{page.url}?rev=1"]
    for url in urls:
        assert client.get(url, follow=True).status_code == 200, url
    assert parse_calls == []
