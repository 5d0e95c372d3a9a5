"""PageFacts: what one page says, as plain data. The wiki stores these; the API and exports serve them.

Examples refer to their parent and section by index into the page's own lists, so a PageFacts is
self-contained and can be compared, serialised and replaced as a whole.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass(slots=True)
class Quote:
    text: str
    source: str | None
    section: int | None  # index into PageFacts.sections; None for the page quote or a stinger
    line: int


@dataclass(slots=True)
class Relation:
    """A typed trope→trope relation. `kind`: see_also, inverse, supertrope, subtrope, compare, contrast;
    `indexes` on an index page: the target is listed in this index."""

    kind: str
    target: str  # Namespace/Name
    line: int


@dataclass(slots=True)
class Section:
    """A group of examples: a folder, an examples header, or a group whose header was lost."""

    label: str | None  # as written; None when the header was lost
    medium: str | None  # key of catalog.media.MEDIA, or None when unknown
    line: int
    inferred: bool = False  # medium guessed from the examples, not read from a label


@dataclass(slots=True)
class Example:
    work: str | None  # the work's title as shown
    work_page: str | None  # Namespace/Name when the page links it (or it is this page)
    trope: str | None  # Namespace/Name
    medium: str | None
    section: int | None
    depth: int
    parent: int | None  # index into PageFacts.examples
    play: str  # a key of catalog.play.PLAY_TYPES
    text: str
    line: int
    spoilers: list[str] = field(default_factory=list)
    footnotes: list[int] = field(default_factory=list)  # footnote numbers
    uncertain: bool = False  # "may be a subversion", "possible interpretation"


@dataclass(slots=True)
class Footnote:
    number: int
    label: str | None
    text: str
    line: int  # line of the block holding its marker
    example: int | None  # index of the example holding it, if any


@dataclass(slots=True)
class PageFacts:
    page: str  # Namespace/Name
    title: str
    kind: str  # trope, work, index, other
    redirect: str | None = None
    aliases: list[str] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    examples: list[Example] = field(default_factory=list)
    footnotes: list[Footnote] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    subpages: list[str] = field(default_factory=list)  # this page's split pages, listed on it
    notices: list[str] = field(default_factory=list)  # what could not be recognised, with its line

    def to_dict(self) -> dict:
        return asdict(self)
