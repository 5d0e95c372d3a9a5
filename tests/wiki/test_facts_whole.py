"""Facts stored whole: each revision keeps its compiled facts, the rows are derived from them, and both
equal a fresh compile — for every page of the demo, the seed and the saved TV Tropes pages."""

from __future__ import annotations

import pytest

from tropebase.catalog import compile_page
from tropebase.catalog.export import facts_json
from tropebase.cli import load_demo
from tropebase.ingest.load import load
from tropebase.markup import parse
from tropebase.sources import InputError
from tropebase.wiki.imports import store_pages
from tropebase.wiki.limits import fit_facts
from tropebase.wiki.models import Page

from ..conftest import CORPUS, SEED

pytestmark = pytest.mark.django_db


def import_everything() -> int:
    load_demo()
    pages = load(SEED)
    for path in sorted((CORPUS / "html").glob("*/*.html")):
        try:
            pages += load(path)
        except InputError:  # search, history and index pages are not articles
            continue
    failed = [target for target in store_pages(pages) if target is None]
    assert not failed
    return len(pages)


def test_stored_facts_equal_a_fresh_compile_for_every_page():
    imported = import_everything()
    pages = Page.objects.select_related("current").exclude(current=None)
    assert pages.count() >= imported > 40
    for page in pages:
        compiled = compile_page(parse(page.current.text), page.target, title=page.title)
        fit_facts(compiled)
        fresh = facts_json(compiled)
        assert page.current.facts == fresh, page.target
        rows = list(page.examples.order_by("position"))
        assert [r.text for r in rows] == [e["text"] for e in fresh["examples"]], page.target
        assert [r.play for r in rows] == [e["play"] for e in fresh["examples"]], page.target
        assert sorted((r.kind, r.target) for r in page.relations.all()) == sorted(
            (r["kind"], r["target"]) for r in fresh["relations"]
        ), page.target
        assert page.footnotes.count() == len(fresh["footnotes"]) and page.quotes.count() == len(
            fresh["quotes"]
        )
