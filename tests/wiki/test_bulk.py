"""The batched write path (`wiki.bulk`) writes exactly the rows `save_page` writes, page by page."""

from __future__ import annotations

import importlib.util
import itertools
import json
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tropebase.demo.build import demo_pages
from tropebase.ingest.load import load
from tropebase.wiki import bulk, models, store
from tropebase.wiki.bulk import Incoming, render_pending, save_pages
from tropebase.wiki.models import Page
from tropebase.wiki.store import save_page

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT.parent / "shared" / "corpus" / "seed" / "000_c6e4ab0f9e8c430f.txt"


def _generated(folder: Path) -> list[Incoming]:
    spec = importlib.util.spec_from_file_location("gen_catalog", ROOT / "bench" / "gen_catalog.py")
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)
    gen.generate(folder, tropes=30, works=40, per_work=6, seed=3)
    return [_incoming(c) for path in sorted(folder.iterdir()) for c in load(path)]


def _incoming(converted, rating: str | None = None) -> Incoming:
    report = converted.report
    return Incoming(report.page, converted.markup, report.title, rating, f"Imported from {report.source}")


def _catalog(tmp_path: Path) -> list[Incoming]:
    """The demo, the seed page and a generated catalog, works and tropes interleaved so that pages link
    to, name and redirect to pages of later batches."""
    pages = [_incoming(c, rating) for c, rating in demo_pages()]
    pages += [_incoming(c, "adult") for c in load(SEED)]
    generated = _generated(tmp_path / "generated")
    return pages[::2] + generated + pages[1::2]


def snapshot() -> dict[str, list]:
    """Every row a save writes, with ids replaced by what they stand for."""
    keys = dict(Page.objects.values_list("id", "key"))
    positions = dict(models.Example.objects.values_list("id", "position"))

    def rows(model, *fields, page="page_id"):
        out = []
        for row in model.objects.values(*fields, *([page] if page else [])):
            if page:
                row["page"] = keys[row.pop(page)]
            for name in ("parent_id", "example_id"):
                if name in row:
                    row[name] = positions.get(row[name])
            out.append(json.dumps(row, sort_keys=True, default=str))
        return sorted(out)

    return {
        "pages": rows(
            Page,
            "key",
            "namespace",
            "name",
            "title",
            "kind",
            "content_rating",
            "redirect_to",
            "protected",
            "current__number",
            "initial",
            "counted",
            page=None,
        ),
        "revisions": rows(models.Revision, "number", "text", "html", "facts", "digest", "summary", "size"),
        "aliases": rows(models.Alias, "name", "key", "word", "source"),
        "relations": rows(models.Relation, "kind", "target_key", "target"),
        "links": rows(models.Link, "target_key"),
        "quotes": rows(models.Quote, "text", "source", "section", "line"),
        "examples": rows(models.Example, *(f.attname for f in models.Example._meta.fields if f.name != "id")),
        "footnotes": rows(models.Footnote, "number", "label", "text", "line", "example_id"),
        "appearances": rows(
            models.Appearance, *(f.name for f in models.Appearance._meta.fields if f.name != "id"), page=None
        ),
        "search": rows(models.SearchEntry, "title", "word", "names", "body", "grams"),
        "tallies": [
            row
            for row in rows(models.Tally, "wicks", "wicks_general", "listed")
            if '"wicks": 0' not in row or '"listed": {}' not in row
        ],
        "page counts": rows(models.PageCount, "namespace", "kind", "initial", "adult", "pages", page=None),
    }


def _wipe() -> None:
    models.Example.objects.update(parent=None)
    Page.objects.all().delete()
    models.Appearance.objects.all().delete()
    models.PageCount.objects.all().delete()


@pytest.mark.parametrize("workers", [0, 1], ids=["compiled here", "compiled in another process"])
def test_batches_write_exactly_the_rows_of_page_by_page_saves(tmp_path, monkeypatch, workers):
    monkeypatch.setattr(bulk, "POOL_FROM", 1)
    catalog = _catalog(tmp_path)
    assert len(catalog) > 100
    for item in catalog:
        save_page(item.target, item.text, title=item.title, rating=item.rating, summary=item.summary,
                  moderator=True)  # fmt: skip
    one_by_one = snapshot()
    _wipe()
    outcomes = list(save_pages(catalog, batch_size=16, workers=workers))
    assert {o.status for o in outcomes} == {"created"}, [o for o in outcomes if o.status != "created"]
    batched = snapshot()
    assert not models.PendingRender.objects.exists()
    for table in one_by_one:
        assert batched[table] == one_by_one[table], table
    assert len(batched["examples"]) > 500 and batched["appearances"] and batched["search"]


def test_an_unchanged_page_is_recognised_without_writing_anything(tmp_path):
    catalog = _generated(tmp_path)
    list(save_pages(catalog, batch_size=50))
    with CaptureQueriesContext(connection) as queries:
        outcomes = list(save_pages(catalog, batch_size=50))
    assert {o.status for o in outcomes} == {"unchanged"}
    writes = [
        q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]
    assert writes == []
    reads = [q for q in queries if not q["sql"].startswith("PRAGMA")]  # the import's page cache size
    assert len(reads) <= 2 * (len(catalog) // 50 + 1) + 2  # a lookup a batch, and the pending renders


def test_a_changed_page_in_a_batch_is_saved_as_an_edit(tmp_path):
    catalog = _generated(tmp_path)
    list(save_pages(catalog, batch_size=50))
    edited = Incoming(catalog[0].target, catalog[0].text + "\nOne more line.\n", catalog[0].title)
    outcomes = list(save_pages([edited, *catalog[1:]], batch_size=50))
    assert [o.status for o in outcomes].count("changed") == 1
    page = Page.objects.get(key=catalog[0].target.lower())
    assert page.current.number == 2 and page.current.text.endswith("One more line.\n")


def test_a_page_that_cannot_be_written_fails_alone_and_says_why(tmp_path, monkeypatch):
    catalog = _generated(tmp_path)[:30]
    bad = catalog[7]
    real = store.to_html

    def refusing(doc, *args, **kwargs):
        html = real(doc, *args, **kwargs)
        if "the faulty page" in html:
            raise ValueError("cannot render the faulty page")
        return html

    catalog[7] = Incoming(bad.target, bad.text + "\nThis is the faulty page.\n", bad.title)
    monkeypatch.setattr(store, "to_html", refusing)
    outcomes = list(save_pages(catalog, batch_size=10))
    assert [o.target for o in outcomes] == [Page(key="", namespace=c.target.split("/")[0],
                                                 name=c.target.split("/")[1]).target for c in catalog]  # fmt: skip
    failed = [o for o in outcomes if o.status == "failed"]
    assert [(o.target, o.error) for o in failed] == [(outcomes[7].target, "cannot render the faulty page")]
    assert Page.objects.count() == len(catalog) - 1
    assert not Page.objects.filter(key=bad.target.lower()).exists()


def test_a_page_linking_to_a_later_batch_is_rendered_once_the_import_is_done():
    linking = Incoming("Main/KettleWhistles", "A kettle whistles when TeaTime comes.\n")
    linked = Incoming("Main/TeaTime", "Tea is served at four.\n")
    importing = save_pages([linking, linked], batch_size=1)
    assert [o.status for o in itertools.islice(importing, 2)] == ["created", "created"]
    page = Page.objects.get(key="main/kettlewhistles")
    waiting = page.current.html
    assert list(models.PendingRender.objects.values_list("page_id", flat=True)) == [page.id]
    assert render_pending() == 1  # what the end of the import (or the next start) does
    rendered = Page.objects.get(key="main/kettlewhistles").current.html
    assert rendered != waiting and rendered == store.render_revision(page.current)
    assert not models.PendingRender.objects.exists()
