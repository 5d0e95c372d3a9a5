"""The markup engine against TV Tropes itself: the 2024–25 saved pages carry, in each link's
`data-format`, the markup its author wrote. Parsing that markup must lead where the site's link led
and show the text the site showed. The agreement is printed (`pytest -s`) and must not fall below the
figures measured when this test was written (docs/importing.md)."""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser

from tropebase.ingest.tvt_html import _decode_format, decode_html, wiki_address
from tropebase.markup import links, parse
from tropebase.markup.names import normalise_target
from tropebase.markup.nodes import Link
from tropebase.markup.walk import inline_text, iter_nodes

from ..conftest import CORPUS

# measured on 2026-11-28: 7,460 of 7,466 link targets, 2,555 of 2,558 pothole texts (before issue 11:
# 7,433 and 2,553)
TARGETS_AGREEING = 0.9991
TEXTS_AGREEING = 0.9988
_SPACE = re.compile(r"[\s\xa0]+")


def _pairs():
    """(markup as written, address the site linked, text the site showed) for every link of every page."""
    for path in sorted((CORPUS / "html" / "playnite").glob("*.html")):
        tree = LexborHTMLParser(decode_html(path.read_bytes(), str(path)))
        for a in tree.css("#main-article a[data-format]"):
            markup, address = _decode_format(a.attributes.get("data-format")), wiki_address(a)
            if markup and address:
                yield markup, normalise_target("/".join(address))[0], _SPACE.sub(" ", a.text()).strip()


def test_markup_leads_where_the_site_linked_and_shows_its_text():
    targets = texts = targets_ok = texts_ok = 0
    differing = []
    for markup, target, shown in _pairs():
        doc = parse(markup)
        targets += 1
        if [t.lower() for t in links(doc)] == [target.lower()]:
            targets_ok += 1
        else:
            differing.append((markup, target))
        pothole = next((n for n in iter_nodes(doc.children[0].children) if isinstance(n, Link)), None)
        if markup.startswith("[[") and pothole is not None and pothole.form == "pothole" and shown:
            texts += 1  # a pothole with its own text (not a page image)
            texts_ok += _SPACE.sub(" ", inline_text(pothole.children)).strip() == shown
    print(f"\nagainst the site: {targets_ok}/{targets} link targets ({targets_ok / targets:.2%}), "
          f"{texts_ok}/{texts} pothole texts ({texts_ok / texts:.2%}); differing: {differing[:10]}")  # fmt: skip
    assert targets > 7000 and texts > 2000
    assert targets_ok / targets >= TARGETS_AGREEING
    assert texts_ok / texts >= TEXTS_AGREEING
