"""Acceptance: every trope and work page saved from TV Tropes imports with all its examples, each under
its folder's label, and with exactly the wiki links the article had.

The expected figures are read from the HTML here, independently of the importer: example bullets are
the `<li>` in a folder or after the article's first rule (all of them when it has neither), and wiki
links are the `a.twikilink` / `a.createlink` (red links) addresses.
"""

from __future__ import annotations

import re

import pytest
from selectolax.lexbor import LexborHTMLParser

from tropebase.catalog import compile_page
from tropebase.catalog.media import medium_for_label
from tropebase.ingest.tvt_html import decode_html, read_tvt_html
from tropebase.markup import links, parse
from tropebase.markup.names import normalise_target
from tropebase.sources import InputError

from ..conftest import CORPUS

HTML = sorted((CORPUS / "html").glob("*/*.html"))
_HREF = re.compile(r"(?:https?://tvtropes\.org)?/pmwiki/pmwiki\.php/([^/?#]+)/([^/?#]+)")
NOT_ARTICLES = {"Search-hellblade.html", "Search-multiple-endings.html", "crawler__changes.html",
                "crawler__film_index_page1.html", "crawler__oldboy_history.html",
                "scraper__oldboy_videoexamples.html"}  # fmt: skip


def _classes(node) -> set[str]:
    return set((node.attributes.get("class") or "").split())


def _subpage_list(ul, page_name: str) -> bool:
    """A list whose every link goes to one of this page's split pages and which says nothing else."""
    anchors = ul.css("a")
    prefix = f"/pmwiki/pmwiki.php/{page_name}/".lower()
    if not anchors or any(not (a.attributes.get("href") or "").lower().startswith(prefix) for a in anchors):
        return False
    return re.sub(r"[\s\xa0'*:,.-]+", "", ul.text()) == re.sub(
        r"[\s\xa0'*:,.-]+", "", "".join(a.text() for a in anchors)
    )


def read_article(path):
    """(example bullets as [folder label or None], wiki link targets) counted straight from the HTML.

    Bullets count in a folder or after the first rule that has bullets after it (all of them when there
    is no such rule) — except a "Subtropes:" list and a list of the page's own split pages."""
    tree = LexborHTMLParser(decode_html(path.read_bytes(), str(path)))
    article = tree.css_first("#main-article")
    name = tree.css_first("#title-hidden")
    page_name = name.attributes.get("value") if name else ""
    order = list(article.traverse())
    last_li = max((i for i, n in enumerate(order) if n.tag == "li"), default=-1)
    opening = [i for i, n in enumerate(order) if n.tag == "hr" and i < last_li]
    after_rule = not opening and article.css_first("div.folder") is None
    skipped_li: set[str] = set()
    for ul in article.css("ul"):
        header = ul.prev
        while header is not None and header.tag in ("-text", "-comment"):
            header = header.prev
        relation = header is not None and header.tag in ("h2", "h3") and "subtrope" in header.text().lower()
        if relation or (page_name and _subpage_list(ul, page_name)):
            skipped_li.update(li.html for li in ul.css("li"))
    bullets: list[str | None] = []
    targets: set[str] = set()
    for i, node in enumerate(order):
        if node.tag == "hr" and opening and i == opening[0]:
            after_rule = True
        elif node.tag == "li":
            if node.html in skipped_li:
                continue
            folder = node.parent
            while (
                folder is not None
                and folder is not article
                and not (folder.tag == "div" and "folder" in _classes(folder))
            ):
                folder = folder.parent
            in_folder = folder is not None and folder is not article
            if in_folder or after_rule:
                label = None
                if in_folder:
                    label_node = folder.prev
                    while label_node is not None and "folderlabel" not in _classes(label_node):
                        label_node = label_node.prev
                    label = re.sub(r"[\s\xa0]+", " ", label_node.text()).strip()
                bullets.append(label)
        elif node.tag == "a" and _classes(node) & {"twikilink", "createlink"}:
            m = _HREF.match(node.attributes.get("href") or "")
            if m:
                targets.add(normalise_target(f"{m.group(1)}/{m.group(2)}")[0].lower())
    return bullets, targets


@pytest.mark.parametrize("path", HTML, ids=[p.name for p in HTML])
def test_saved_page(path):
    if path.name in NOT_ARTICLES:
        with pytest.raises(InputError, match=re.escape(str(path))):
            read_tvt_html(path)
        return
    converted = read_tvt_html(path)
    doc = parse(converted.markup)
    facts = compile_page(doc, converted.report.page, title=converted.report.title)
    if facts.kind not in ("trope", "work"):
        assert facts.kind == "other" and converted.report.page.split("/")[0] in {
            "YMMV",
            "Trivia",
            "Awesome",
            "Fridge",
            "Laconic",
        }
        return
    bullets, targets = read_article(path)
    assert len(facts.examples) == len(bullets)
    assert [
        facts.sections[e.section].label if e.section is not None else None for e in facts.examples
    ] == bullets
    if facts.kind == "trope":
        for example in facts.examples:
            if example.section is not None and facts.sections[example.section].medium:
                assert example.medium == medium_for_label(facts.sections[example.section].label)
    assert {t.lower() for t in links(doc)} == targets


def test_page_identity_and_split_pages():
    oldboy = read_tvt_html(CORPUS / "html/tropestogo/scraper__oldboy2003.html")
    assert (oldboy.report.page, oldboy.report.title) == ("Film/Oldboy2003", "Oldboy (2003)")
    split = read_tvt_html(CORPUS / "html/tropestogo/scraper__theavengers_tropesAtoD.html")
    assert split.report.page == "TheAvengers/TropesAToD"
    assert split.report.part_of == "Film/TheAvengers2012"
    facts = compile_page(parse(split.markup), split.report.page, title=split.report.title)
    assert facts.kind == "work" and {e.work for e in facts.examples} == {"The Avengers"}
    by_medium = read_tvt_html(CORPUS / "html/playnite/MultipleEndings-VisualNovels.html")
    facts = compile_page(parse(by_medium.markup), by_medium.report.page, title=by_medium.report.title)
    assert facts.kind == "trope" and {e.trope for e in facts.examples} == {"Main/MultipleEndings"}
    assert {e.medium for e in facts.examples} == {"visual_novels"}


def test_quote_image_spoilers_and_notes_survive():
    converted = read_tvt_html(CORPUS / "html/playnite/KillTheGod.html")
    doc = parse(converted.markup)
    facts = compile_page(doc, converted.report.page, title=converted.report.title)
    assert converted.markup.startswith("[[quoteright:350:[[TabletopGame/MagicTheGathering https://")
    assert facts.quotes[0].source.startswith("Loki to Thor")
    assert sum(len(e.spoilers) for e in facts.examples) > 100
    assert len(facts.footnotes) == 4
    assert converted.report.titles["Film/TheAvengers2012"] == "The Avengers (2012)"
