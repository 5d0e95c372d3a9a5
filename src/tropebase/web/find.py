"""The query page (`/_/query`), the avoid-list page (`/_/avoid`), and what a page view adds for a reader
with an avoid list. The meaning is in `wiki.query` and `wiki.avoid`; here requests become calls."""

from __future__ import annotations

from django.core.exceptions import BadRequest
from django.http import HttpResponseRedirect
from markupsafe import Markup

from ..catalog.media import MEDIA
from ..catalog.querylang import PLAY_VALUES, QueryError
from ..markup.render_html import drop_items, mark_items
from ..wiki import avoid, hierarchy, query, read, similar
from ..wiki.models import Page, Revision
from ..wiki.visibility import Reader
from .access import keep_avoid_list, reader
from .render import show

PER_PAGE = 50
MAX_OFFSET = 100_000


def built_query(params) -> str:
    """The query a filter form's fields spell (`q` itself when given)."""
    if params.get("q", "").strip():
        return params["q"].strip()
    parts: list[str] = []
    for field, sign in (("include", "+"), ("exclude", "-")):
        for name in params.get(field, "").replace("\r", "").split("\n"):
            for item in name.split(",") if "\n" not in name and "," in name else [name]:
                item = " ".join(item.split())
                if item:
                    parts.append(f'{sign}"{item}"' if " " in item else sign + item)
    media = [m for m in params.getlist("medium") if m in MEDIA]
    if media:
        parts.append("medium:" + ",".join(media))
    play = params.get("play", "")
    if play and play != "present" and (play == "any" or play in PLAY_VALUES):
        parts.append(f"play:{play}")
    return " ".join(parts)


def query_view(request):
    """Works matching a query, a page at a time; a malformed query shows where it is wrong."""
    text = built_query(request.GET)
    try:
        offset = max(0, min(int(request.GET.get("offset", 0) or 0), MAX_OFFSET))
    except ValueError:
        raise BadRequest("offset must be a number") from None
    result = error = None
    if text:
        try:
            result = query.run(text, reader(request), limit=PER_PAGE, offset=offset)
        except QueryError as exc:
            error = exc
    spoilers = request.GET.get("spoilers") == "show" or (result is not None and result.query.show_spoilers)
    return show(
        request, "query.html", status=400 if error else 200, title=f"Query: {text}" if text else "Query",
        q=text, result=result, error=error, offset=offset, per_page=PER_PAGE, media=MEDIA,
        plays=["present", "any", *sorted(PLAY_VALUES)], spoilers=spoilers, who=reader(request),
    )  # fmt: skip


def avoid_view(request):
    """The reader's avoid list: shown, and replaced by a post (one trope name a line)."""
    who = reader(request)
    if request.method == "POST":
        names = request.POST.get("names", "").replace("\r", "").split("\n")
        hide = request.POST.get("hide") == "1"
        response = HttpResponseRedirect("/_/avoid")
        keep_avoid_list(request, response, names, hide)
        return response
    names = list(who.avoid)
    adding = request.GET.get("add", "").strip()
    if adding and adding not in names:
        names.append(adding)
    resolved = avoid.roots(who.avoid, who)
    return show(request, "avoid.html", title="Tropes you avoid", names=names, hide=who.avoid_hide,
                resolved=resolved, adding=adding)  # fmt: skip


def page_extras(
    who: Reader, page: Page, elsewhere: dict[str, tuple[list, int]], revision: Revision | None = None
) -> dict:
    """What a page view adds to its context: the HTML of the revision shown (the current one unless
    given); works like this and the tropes they play (work pages), tropes that go with this (trope
    pages); the avoid-list warning of a work page, marks (or hiding) in a trope page's own examples, in
    its cross listing and in suggestions; an index page's tree."""
    revision = revision or page.current
    extras: dict = {
        "html": revision.html,
        "avoid_warning": [],
        "avoided_here": {},
        "tree": None,
        "hidden_here": 0,
    }
    works_like, tropes_for = similar.for_work(page.key, who) if page.kind == "work" else ([], [])
    extras["works_like"], extras["tropes_for"] = works_like, tropes_for
    extras["tropes_with"] = similar.tropes_with(page.key, who) if page.kind == "trope" else []
    if page.kind == "index":
        extras["tree"] = hierarchy.tree(page, depth=2, visible=None if who.show_adult else set())
    if not who.avoid:
        return extras
    if extras["tree"]:
        extras["tree"] = _avoid_in_tree(who, extras["tree"])
    if page.kind == "work":
        extras["avoid_warning"] = avoid.warning(who, page.key)
        kept, marked, _ = avoid.apply(who, extras["works_like"], key=lambda w: w.key)
        for work in kept:
            work.avoided = marked.get(work.key, [])
        extras["works_like"] = kept
        extras["tropes_for"] = _avoid_in_tropes(who, extras["tropes_for"])
    elif page.kind == "trope":
        extras["tropes_with"] = _avoid_in_tropes(who, extras["tropes_with"])
        extras["html"], extras["avoided_here"], extras["hidden_here"] = _avoid_in_text(who, page, revision)
        for medium, (rows, count) in list(elsewhere.items()):
            kept, marked, hidden = avoid.apply(who, rows, key=lambda e: e.work_key)
            for row in kept:
                row.avoided = marked.get(row.work_key, [])
            extras["hidden_here"] += hidden
            elsewhere[medium] = (kept, count - hidden)
    return extras


def _avoid_in_text(who: Reader, page: Page, revision: Revision) -> tuple[Markup, dict[str, list[str]], int]:
    """A trope page's own examples as the reader wants them: each naming a work that plays an avoided
    trope is marked in place, or left out of the page whole (nested lines with it) for a reader who
    hides such works. The stored HTML's example items carry their source line (the write layer renders
    them so, `store.work_lines`), and the page's example rows say which work each line names, so this
    is a search in the HTML, never a parse. Returns the HTML, the works that could not be found in
    place — named above the content instead (title → avoided tropes): an older revision, whose lines
    are not the rows', or HTML rendered before items carried lines — and how many items were left out."""
    html = revision.html
    titles = read.works_named(page)
    marks = avoid.avoided_in(who, titles)
    if not marks:
        return Markup(html), {}, 0
    lines = {}
    if revision.id == page.current_id:
        lines = {line: work for line, work in read.works_by_line(page).items() if work in marks}
    if who.avoid_hide:
        html, done = drop_items(html, lines)
    else:
        html, done = mark_items(
            html, {n: _avoided_badge(marks[work]) for n, work in lines.items()}, "avoided"
        )
    in_place = {work for line, work in lines.items() if line in done}
    named = {titles[k] or k: v for k, v in marks.items() if k not in in_place}
    return Markup(html), named, len(done) if who.avoid_hide else 0


def _avoided_badge(tropes: list[str]) -> Markup:
    return Markup('<span class="badge avoid">plays {}, which you avoid</span>').format(", ".join(tropes))


def _avoid_in_tropes(who: Reader, tropes: list[similar.Related]) -> list[similar.Related]:
    """Tropes suggested beside a page, with the ones the reader avoids (or that sit under one) marked or
    left out."""
    kept, marked, _ = avoid.apply_to_tropes(who, tropes, key=lambda t: t.key)
    for trope in kept:
        trope.avoided = marked.get(trope.key, [])
    return kept


def _avoid_in_tree(who: Reader, nodes: list[hierarchy.Node]) -> list[hierarchy.Node]:
    """An index tree with the works it lists that play an avoided trope marked (or left out)."""
    every: list[hierarchy.Node] = []
    stack = list(nodes)
    while stack:
        node = stack.pop()
        every.append(node)
        stack.extend(node.children)
    marks = avoid.avoided_in(who, [n.key for n in every])
    if not marks:
        return nodes
    if not who.avoid_hide:
        for node in every:
            node.avoided = marks.get(node.key, [])
        return nodes

    def kept(level: list[hierarchy.Node]) -> list[hierarchy.Node]:
        out = [n for n in level if n.key not in marks]
        for n in out:
            n.children = kept(n.children)
        return out

    return kept(nodes)


def avoid_in_search(who: Reader, results) -> dict:
    """A page of search results as the reader wants it: works playing an avoided trope marked, or left
    out of the page (and counted)."""
    kept, marks, hidden = avoid.apply(who, results.hits, key=lambda hit: hit.page.key)
    results.hits = kept
    return {"avoided": marks, "hidden_here": hidden}
