"""The shapes of the API's answers and requests (pydantic, via Ninja): what OpenAPI describes."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ninja import Field, Schema
from pydantic import field_validator


class Error(Schema):
    """Every error: a sentence saying what was wrong, and details where a field was at fault."""

    message: str
    detail: list[dict[str, Any]] | None = None


class RevisionInfo(Schema):
    number: int
    created: datetime
    author: str | None
    summary: str
    size: int


class PageRef(Schema):
    target: str
    title: str
    kind: str
    rating: str
    redirect_to: str | None


#: what the `avoided` field of an item says
AVOIDED = (
    "The avoided tropes this item's work plays (any trope under them counts), as the caller's avoid list "
    "names them: empty for anonymous calls and for works playing none"
)
HIDDEN = "Items of this page the caller's avoid list left out (the account chose to hide such works)"


class ListedPage(PageRef):
    avoided: list[str] = Field(description=AVOIDED)


class PageOut(PageRef):
    avoided: list[str] = Field(
        description="For a work page: the avoided tropes it plays (the web page warns before its content)"
    )
    namespace: str
    name: str
    protected: bool
    aliases: list[str]
    revision: RevisionInfo
    markup: str
    html: str
    facts: dict[str, Any] | None = Field(description="The compiled facts (`tropebase check --format json`)")


class PageList(Schema):
    items: list[ListedPage]
    next: str | None = Field(description="Cursor of the next page of results; null at the end")
    hidden_by_avoid_list: int = Field(description=HIDDEN)


class ExampleOut(Schema):
    id: int = Field(description="Stable while the example's text is unchanged")
    page: str = Field(description="The page stating the example")
    position: int
    trope: str = Field(description="The trope as the text names it")
    trope_key: str = Field(description="Key of the page that name leads to")
    work: str = Field(description="The work as the text names it")
    work_key: str
    work_title: str
    medium: str
    play: str
    uncertain: bool
    section: str
    depth: int
    parent: int | None
    spoiler: bool
    spoilers: list[str]
    text: str
    line: int
    avoided: list[str] = Field(description=AVOIDED)


class ExampleList(Schema):
    items: list[ExampleOut]
    next: str | None
    hidden_by_avoid_list: int = Field(description=HIDDEN)


class AppearanceOut(Schema):
    id: int
    work_key: str
    trope_key: str
    work_title: str
    trope: str
    play: str
    plays: list[str]
    medium: str
    spoiler: bool
    adult_only: bool
    statements: int
    avoided: list[str] = Field(description=AVOIDED)


class AppearanceList(Schema):
    items: list[AppearanceOut]
    next: str | None
    hidden_by_avoid_list: int = Field(description=HIDDEN)


class Relations(Schema):
    target: str
    relations: dict[str, list[str]] = Field(
        description="kind (see_also, compare, contrast, inverse, supertrope, subtrope) → targets, both ways"
    )


class ChangeOut(RevisionInfo):
    page: str
    title: str


class ChangeList(Schema):
    items: list[ChangeOut]
    next: str | None


class HistoryList(Schema):
    target: str
    items: list[RevisionInfo]
    next: str | None


class RevisionOut(RevisionInfo):
    page: str
    markup: str
    html: str


class DiffLine(Schema):
    kind: str = Field(description='" " unchanged, "-" removed, "+" added, "@" a gap')
    line: str


class DiffOut(Schema):
    target: str
    from_revision: int
    to_revision: int
    lines: list[DiffLine]


class EditIn(Schema):
    text: str = Field(description="The whole new text of the page")
    base: int = Field(ge=0, le=2**31 - 1, description="The revision the edit began from; 0 for a new page")
    summary: str = Field("", max_length=500)

    @field_validator("summary")
    @classmethod
    def storable(cls, value: str) -> str:
        """A summary is stored as given: no NUL, no lone surrogate (PostgreSQL refuses both)."""
        if "\x00" in value:
            raise ValueError("the summary holds a NUL byte")
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise ValueError("the summary is not Unicode text (a lone surrogate)") from None
        return value


class EditOut(Schema):
    status: str = Field(description="saved, unchanged or merged")
    target: str
    revision: int
    created: bool
    merged_with: int | None = None


class ConflictOut(Schema):
    message: str
    status: str = "conflict"
    current_revision: int = Field(description="Send this as `base` with the resolved text")
    conflicts: int
    conflict_text: str = Field(description="The merge, both sides between markers")
    your_text: str


#: the errors any operation may answer with
ERRORS = {400: Error, 401: Error, 403: Error, 404: Error, 405: Error, 413: Error, 422: Error, 429: Error}


def responses(ok: Any, **more: Any) -> dict[int, Any]:
    """An operation's responses: its success shape, the common errors, and any `more` (`_409=…`)."""
    out: dict[int, Any] = {200: ok, **ERRORS}
    for code, schema in more.items():
        out[int(code.strip("_"))] = schema
    return out


class SearchHit(PageRef):
    exact: bool = Field(description="The query names this page exactly (a title or another name)")
    snippet: str = Field(description="HTML: a passage with the matched words in <mark>")
    avoided: list[str] = Field(
        description="For a work: the avoided tropes it plays (the caller's avoid list)"
    )


class SearchOut(Schema):
    query: str
    total: int = Field(description="Pages found (before the avoid list hides any)")
    substring: bool = Field(description="No word matched, so the query was looked for as a substring")
    hidden_by_avoid_list: int = Field(description="Works on this page of results the avoid list hid")
    items: list[SearchHit]
    next: str | None


class QueryExample(Schema):
    trope: str
    trope_key: str
    play: str
    text: str = Field(description="Spoiler passages masked unless asked for")
    page: str = Field(description="URL of the page stating it")


class QueryWork(Schema):
    key: str
    title: str
    url: str
    medium: str
    avoided: list[str] = Field(description="Avoided tropes it plays (the caller's avoid list marks it)")
    examples: list[QueryExample]


class QueryOut(Schema):
    query: str = Field(description="The query as understood")
    total: int = Field(description="Works found (after the avoid list hid any)")
    hidden_by_avoid_list: int
    names: dict[str, str] = Field(description="Each name in the query → the title of the trope it means")
    items: list[QueryWork]
    next: str | None


class QueryProblem(Error):
    """A malformed query: where it is wrong, counted in characters from 0."""

    position: int | None = None
    length: int | None = None
    pointer: str | None = Field(None, description="The query and a caret line under the part that is wrong")


class HierarchyEntry(Schema):
    key: str
    target: str
    title: str
    exists: bool
    kind: str
    avoided: list[str] = Field(description=AVOIDED + " (an index page may list works)")


class HierarchyOut(Schema):
    target: str
    transitive: bool
    hidden_by_avoid_list: int = Field(description=HIDDEN)
    supertropes: list[HierarchyEntry]
    subtropes: list[HierarchyEntry]
