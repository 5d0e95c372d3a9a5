"""The catalog: tropes, works, examples (by stable id; by trope, work, medium, play type),
appearances, and recent changes. Lists of works apply the caller's avoid list (`cursor.listed`)."""

from __future__ import annotations

from ninja import Query, Router

from ..wiki import avoid, read
from .auth import ApiRefused
from .cursor import DEFAULT_LIMIT, MAX_LIMIT, listed
from .schemas import AppearanceList, ChangeList, ExampleList, ExampleOut, PageList, responses
from .shape import appearance_out, example_out, page_key, page_ref, revision_info, work_key

router = Router(tags=["catalog"])

TROPE_HELP = "A trope page's name (`Main/ChekhovsGun`, any spelling or alias it is known by)"
WORK_HELP = "A work page's name (`Film/TheMapMakers`)"


def _listing(kind: str):
    def listing(
        request,
        namespace: str | None = None,
        cursor: str | None = None,
        limit: int = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT),
    ):
        who = request.auth.reader
        pages = read.pages(who, namespace=namespace, kind=kind).filter(redirect_to="")
        return listed(pages, ["key"], cursor, limit, page_ref, reader=who, work=page_key)

    listing.__name__ = f"list_{kind}s"
    return listing


router.get("/tropes", response=responses(PageList), summary="Trope pages, by key")(_listing("trope"))
router.get("/works", response=responses(PageList), summary="Work pages, by key")(_listing("work"))


@router.get("/examples", response=responses(ExampleList), summary="Examples, by stable id")
def list_examples(
    request,
    trope: str | None = Query(None, description=TROPE_HELP),
    work: str | None = Query(None, description=WORK_HELP),
    medium: str | None = Query(None, description="A medium key (film, literature, …)"),
    play: str | None = Query(None, description="A play type (straight, subverted, averted, …)"),
    cursor: str | None = None,
    limit: int = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT),
):
    who = request.auth.reader
    rows = read.examples(who, trope=trope, work=work, medium=medium, play=play)
    return listed(rows, ["id"], cursor, limit, example_out, reader=who, work=work_key)


@router.get("/examples/{example_id}", response=responses(ExampleOut), summary="One example by its stable id")
def get_example(request, example_id: int):
    who = request.auth.reader
    found = read.example(who, example_id) if 0 < example_id < 2**63 else None
    if found is None:
        raise ApiRefused(404, f"There is no example {example_id} (or it is on a page you may not read).")
    return {**example_out(found), "avoided": avoid.warning(who, found.work_key)}


@router.get(
    "/appearances", response=responses(AppearanceList), summary="Works playing tropes, one row per pair"
)
def list_appearances(
    request,
    trope: str | None = Query(None, description=TROPE_HELP),
    work: str | None = Query(None, description=WORK_HELP),
    medium: str | None = None,
    play: str | None = None,
    cursor: str | None = None,
    limit: int = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT),
):
    who = request.auth.reader
    rows = read.appearances(who, trope=trope, work=work, medium=medium, play=play)
    return listed(rows, ["id"], cursor, limit, appearance_out, reader=who, work=work_key)


@router.get("/changes", response=responses(ChangeList), summary="Recent changes, newest first")
def recent_changes(request, cursor: str | None = None, limit: int = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)):
    rows = read.recent_changes(request.auth.reader, None)
    return listed(rows, ["-created", "-id"], cursor, limit,
                  lambda r: {**revision_info(r), "page": r.page.target, "title": r.page.title})  # fmt: skip
