"""Pages: read (markup, HTML, facts; history, revisions, diffs, relations both ways) and edit."""

from __future__ import annotations

import hashlib
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from ninja import Query, Router, Status

from ..textmerge import has_conflict_markers
from ..wiki import avoid, read
from ..wiki.edits import save_edit
from ..wiki.limits import PageTooLarge
from ..wiki.models import Page, Revision
from ..wiki.store import ProtectedPage
from .auth import ApiRefused, Token
from .cursor import DEFAULT_LIMIT, MAX_LIMIT, listed
from .schemas import (
    ConflictOut,
    DiffOut,
    EditIn,
    EditOut,
    ExampleList,
    HistoryList,
    PageList,
    PageOut,
    Relations,
    RevisionOut,
    responses,
)
from .shape import example_out, page_key, page_ref, revision_info, work_key

router = Router(tags=["pages"])


def found_page(request: HttpRequest, namespace: str, name: str) -> Page:
    """The page an address names (following aliases, plurals and spellings as the web does) that the
    caller may read; ApiRefused (404, 403) otherwise."""
    target, page = read.lookup(namespace, name)
    if page is None or page.current is None:
        page = read.resolve(target)
        if page is None or page.current is None:
            raise ApiRefused(404, f"There is no page {target}.")
    if not read.may_read(request.auth.reader, page):
        raise ApiRefused(403, f"{page.target} is rated adult: only a token whose account opted in to "
                         "adult pages may read it.")  # fmt: skip
    return page


@router.get("/pages", response=responses(PageList), summary="Pages, by key")
def list_pages(
    request,
    namespace: str | None = None,
    kind: str | None = Query(None, description="trope, work, other, …"),
    cursor: str | None = None,
    limit: int = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT),
):
    who = request.auth.reader
    return listed(read.pages(who, namespace=namespace, kind=kind), ["key"], cursor, limit, page_ref,
                  reader=who, work=page_key)  # fmt: skip


@router.get(
    "/pages/{namespace}/{name}",
    response={**responses(PageOut), 304: None},
    summary="A page: markup, HTML and stored facts of its current revision",
    description="Answers with an ETag; send it back as If-None-Match to get 304 while the page is unchanged.",
)
def get_page(request, namespace: str, name: str):
    page = found_page(request, namespace, name)
    who = request.auth.reader
    revision = page.current
    body = {
        **page_ref(page),
        "avoided": avoid.warning(who, page.key) if page.kind == "work" else [],
        "namespace": page.namespace,
        "name": page.name,
        "protected": page.protected,
        "aliases": read.described_aliases(page),
        "revision": revision_info(revision),
        "markup": revision.text,
        "html": revision.html,
        "facts": revision.facts,
    }
    raw = json.dumps(body, cls=DjangoJSONEncoder, ensure_ascii=False, sort_keys=True)
    etag = '"' + hashlib.sha256(raw.encode()).hexdigest()[:32] + '"'
    if etag in [t.strip() for t in request.headers.get("If-None-Match", "").split(",")]:
        response = HttpResponse(status=304)
    else:
        response = HttpResponse(raw, content_type="application/json; charset=utf-8")
    response["ETag"] = etag
    response["Cache-Control"] = "private, no-cache" if who.show_adult or who.avoid else "no-cache"
    return response


@router.put(
    "/pages/{namespace}/{name}",
    auth=Token(),
    response={**responses(EditOut), 201: EditOut, 409: ConflictOut},
    summary="Create or edit a page",
    description="`base` is the revision the edit began from (0 for a new page). When others saved since, "
    "the edit is merged with their changes (status `merged`); when both changed the same lines, 409 gives "
    "the conflict and your text back — an edit is never lost nor silently overwritten.",
)
def put_page(request, namespace: str, name: str, edit: EditIn):
    caller = request.auth
    target, page = read.edit_target(namespace, name)
    if page is not None and not read.may_read(caller.reader, page):
        raise ApiRefused(403, f"{page.target} is rated adult: only an account that opted in may edit it.")
    if has_conflict_markers(edit.text):
        raise ApiRefused(400, "The text still holds conflict markers (<<<<<<< … ======= … >>>>>>>); "
                         "resolve the conflict before saving.")  # fmt: skip
    try:
        outcome = save_edit(target, edit.text, base=edit.base, author=caller.user, summary=edit.summary,
                            moderator=caller.reader.moderator)  # fmt: skip
    except ProtectedPage:
        raise ApiRefused(403, f"{target} is protected: only moderators may edit it.") from None
    except PageTooLarge as exc:
        raise ApiRefused(413, str(exc)) from None
    if outcome.status == "conflict":
        theirs = outcome.theirs
        return Status(
            409,
            {
                "message": f"{theirs.page.target} was changed since revision {edit.base} on the same lines "
                f"(now revision {theirs.number}); resolve the conflict and send it with base {theirs.number}.",
                "current_revision": theirs.number,
                "conflicts": outcome.conflicts,
                "conflict_text": outcome.conflict_text,
                "your_text": edit.text,
            },
        )
    result = outcome.result
    body = {"status": outcome.status, "target": result.page.target, "revision": result.revision.number,
            "created": result.created, "merged_with": outcome.merged_with}  # fmt: skip
    return Status(201 if result.created else 200, body)


@router.get(
    "/pages/{namespace}/{name}/history", response=responses(HistoryList), summary="Revisions, newest first"
)
def page_history(
    request,
    namespace: str,
    name: str,
    cursor: str | None = None,
    limit: int = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT),
):
    page = found_page(request, namespace, name)
    revisions = listed(read.history(request.auth.reader, page), ["-number"], cursor, limit, revision_info)
    return {"target": page.target, **revisions}


def _revision(request, page: Page, number: int) -> Revision:
    found = read.revision(request.auth.reader, page, number)
    if found is None:
        raise ApiRefused(404, f"{page.target} has no revision {number} (or it is hidden).")
    return found


@router.get(
    "/pages/{namespace}/{name}/revisions/{number}", response=responses(RevisionOut), summary="One revision"
)
def page_revision(request, namespace: str, name: str, number: int):
    if not 1 <= number <= read.MAX_REVISION:
        raise ApiRefused(404, f"There is no revision {number}: revisions are numbered from 1.")
    page = found_page(request, namespace, name)
    revision = _revision(request, page, number)
    return {**revision_info(revision), "page": page.target, "markup": revision.text, "html": revision.html}


@router.get(
    "/pages/{namespace}/{name}/diff", response=responses(DiffOut), summary="Lines changed between revisions"
)
def page_diff(
    request,
    namespace: str,
    name: str,
    from_: int = Query(..., alias="from", ge=1, le=read.MAX_REVISION),
    to: int = Query(..., ge=1, le=read.MAX_REVISION),
):
    page = found_page(request, namespace, name)
    old, new = _revision(request, page, from_), _revision(request, page, to)
    lines = [{"kind": k, "line": line} for k, line in read.diff_rows(old.text, new.text)]
    return {"target": page.target, "from_revision": old.number, "to_revision": new.number, "lines": lines}


@router.get(
    "/pages/{namespace}/{name}/relations",
    response=responses(Relations),
    summary="Typed relations both ways (the trope hierarchy: supertropes and subtropes)",
)
def page_relations(request, namespace: str, name: str):
    page = found_page(request, namespace, name)
    return {"target": page.target, "relations": read.relation_targets(request.auth.reader, page)}


@router.get(
    "/pages/{namespace}/{name}/examples", response=responses(ExampleList), summary="Examples the page states"
)
def page_examples(
    request,
    namespace: str,
    name: str,
    cursor: str | None = None,
    limit: int = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT),
):
    page, who = found_page(request, namespace, name), request.auth.reader
    return listed(
        read.examples(who, page=page), ["id"], cursor, limit, example_out, reader=who, work=work_key
    )
