"""Finding: full-text search, the query language, and the trope hierarchy around a page.

Search and queries are ranked, not keyed, so their cursors name the rank the next page begins at
(`cursor.offset_cursor`); they answer `{"items": [...], "next": ...}` like every other listing. The
caller's avoid list (a token's account's saved list) marks or hides works as on the web pages.
"""

from __future__ import annotations

from ninja import Query, Router

from ..catalog.querylang import QueryError
from ..wiki import avoid, hierarchy, query
from ..wiki import search as wiki_search
from .cursor import offset_cursor, offset_of
from .pages import found_page
from .schemas import HierarchyOut, QueryOut, QueryProblem, SearchOut, responses
from .shape import page_ref

router = Router(tags=["find"])

#: how deep into ranked results a cursor may go (as the web pages' page numbers)
MAX_SEARCH_OFFSET, MAX_QUERY_OFFSET = 200_000, 100_000
SEARCH_LIMIT, QUERY_LIMIT = 20, 50


class QueryRefused(Exception):
    """A malformed query, or a name in it that means no trope: 400 with where it is wrong."""

    def __init__(self, error: QueryError, text: str) -> None:
        super().__init__(error.message)
        self.error, self.text = error, text

    def body(self) -> dict:
        e = self.error
        return {"message": f"The query is not valid: {e.message} (at character {e.position + 1}).",
                "position": e.position, "length": e.length, "pointer": e.pointer(self.text)}  # fmt: skip


def _next(listing: str, offset: int, total: int, maximum: int) -> str | None:
    """The cursor of a ranked listing's next page, beginning at `offset`; None when there is none."""
    return offset_cursor(listing, offset) if offset < total and offset <= maximum else None


@router.get(
    "/search",
    response=responses(SearchOut),
    summary="Full-text search: exact names first, then titles, then text",
    description="Every term must match. Adult pages only for a token whose account opted in.",
)
def search(
    request,
    q: str = Query(..., min_length=1, max_length=200, description="Words to find"),
    cursor: str | None = None,
    limit: int = Query(SEARCH_LIMIT, ge=1, le=100),
):
    who = request.auth.reader
    text = " ".join(q.split())
    start = offset_of(cursor, "search", MAX_SEARCH_OFFSET)
    results = wiki_search.search(who, text, per_page=limit, start=start)
    hits, marks, hidden = avoid.apply(who, results.hits, key=lambda h: h.page.key)
    items = [{**page_ref(h.page), "exact": h.exact, "snippet": str(h.snippet), "avoided": marks.get(h.page.key, [])}
             for h in hits]  # fmt: skip
    after = _next("search", start + limit, results.total, MAX_SEARCH_OFFSET)
    return {"query": text, "total": results.total, "substring": results.substring, "hidden_by_avoid_list": hidden,
            "items": items, "next": after}  # fmt: skip


@router.get(
    "/query",
    response={**responses(QueryOut), 400: QueryProblem},
    summary="Works matching a query: +Trope -Trope medium:film play:subverted",
    description="The query language of /_/query (see docs/query.md). A malformed query, or a name that "
    "means no trope, answers 400 with the position (from 0) and length of the part that is wrong.",
)
def run_query(
    request,
    q: str = Query(
        ..., min_length=1, max_length=1000, description="A query, e.g. `+ChekhovsGun -RedHerring`"
    ),
    spoilers: bool = Query(False, description="Show spoiler passages (also `spoilers:show` in the query)"),
    cursor: str | None = None,
    limit: int = Query(QUERY_LIMIT, ge=1, le=200),
):
    start = offset_of(cursor, "query", MAX_QUERY_OFFSET)
    try:
        result = query.run(q, request.auth.reader, limit=limit, offset=start)
    except QueryError as exc:
        raise QueryRefused(exc, q) from None
    body = result.to_dict(show_spoilers=True if spoilers else None)
    after = _next("query", start + limit, result.total, MAX_QUERY_OFFSET)
    return {"query": body["query"], "total": body["total"], "hidden_by_avoid_list": body["hidden_by_avoid_list"],
            "names": body["names"], "items": body["works"], "next": after}  # fmt: skip


@router.get(
    "/pages/{namespace}/{name}/hierarchy",
    response=responses(HierarchyOut),
    summary="The trope hierarchy around a page: its supertropes and subtropes",
    description="Direct ones, or with `transitive=true` everything over and under it to any depth. Edges "
    'come from both sides ("Subtrope of X" on one page, "Supertrope of Y" or an index on the other).',
)
def page_hierarchy(request, namespace: str, name: str, transitive: bool = False):
    page, who = found_page(request, namespace, name), request.auth.reader
    up, down = hierarchy.around(who, page, transitive)
    up, up_marks, up_hidden = avoid.apply(who, up, key=lambda e: e.key)
    down, down_marks, down_hidden = avoid.apply(who, down, key=lambda e: e.key)
    return {"target": page.target, "transitive": transitive, "hidden_by_avoid_list": up_hidden + down_hidden,
            "supertropes": [_entry(e, up_marks) for e in up],
            "subtropes": [_entry(e, down_marks) for e in down]}  # fmt: skip


def _entry(e: hierarchy.Entry, marks: dict[str, list[str]]) -> dict:
    return {"key": e.key, "target": e.target, "title": e.title, "exists": e.exists, "kind": e.kind,
            "avoided": marks.get(e.key, [])}  # fmt: skip
