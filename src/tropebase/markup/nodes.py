"""The parse tree: plain dataclasses that every later stage (render, catalog, search) reads.

Block nodes carry the 1-based source line they start on, so importers and the catalog can name the
place of anything they report. Inline nodes live inside a block and carry no line of their own.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# ---------------------------------------------------------------------------------------------- inline


@dataclass(slots=True)
class Text:
    """Literal text, shown as typed (escaped on output)."""

    text: str


@dataclass(slots=True)
class LineBreak:
    """`\\\\` at the end of a line."""


@dataclass(slots=True)
class Styled:
    """A span with one presentational style.

    `style` is one of: italic, bold, mono, small, strike, AC, center, red, blue, green, subscript,
    superscript, rtl.
    """

    style: str
    children: list[Inline] = field(default_factory=list)


@dataclass(slots=True)
class Spoiler:
    """`[[spoiler:…]]`: hidden until the reader asks."""

    children: list[Inline] = field(default_factory=list)


@dataclass(slots=True)
class Note:
    """`[[note]]…[[/note]]` or `[[labelnote:Label]]…[[/labelnote]]`: an inline hidden aside."""

    label: str | None
    children: list[Inline] = field(default_factory=list)


@dataclass(slots=True)
class Link:
    """An internal link. `target` is normalised `Namespace/Name`; `children` is the display text.

    `form` says how it was written: wikiword, curly, pothole, ptitle or redirect. A WikiWord has no
    children: its display text is the page's title, which only the wiki knows (see render).
    """

    target: str
    form: str
    children: list[Inline] = field(default_factory=list)
    anchor: str | None = None


@dataclass(slots=True)
class ExternalLink:
    """`[[https://… text]]` or a bare URL (no children: the URL is its own text)."""

    url: str
    children: list[Inline] = field(default_factory=list)


@dataclass(slots=True)
class Image:
    """`[[quoteright:W:URL]]`: the page image."""

    width: int
    url: str


@dataclass(slots=True)
class Caption:
    """`[[caption-width-right:W:text]]`: the page image's caption."""

    width: int
    children: list[Inline] = field(default_factory=list)


@dataclass(slots=True)
class Anchor:
    """`[[#name]]`: a place other pages can link to."""

    name: str


@dataclass(slots=True)
class Comment:
    """`%% …`: visible only in the source."""

    text: str


Inline = Text | LineBreak | Styled | Spoiler | Note | Link | ExternalLink | Image | Caption | Anchor | Comment

# ----------------------------------------------------------------------------------------------- block


@dataclass(slots=True)
class Paragraph:
    line: int
    children: list[Inline] = field(default_factory=list)


@dataclass(slots=True)
class Header:
    line: int
    level: int
    children: list[Inline] = field(default_factory=list)


@dataclass(slots=True)
class Rule:
    """`----`: also the boundary between description, examples and stinger."""

    line: int


@dataclass(slots=True)
class Quote:
    """`->`, `-->`…: an indented quote. `level` is the number of dashes; a deeper quote nests in the
    item or quote one level up (an attribution under its quote, a quote under its bullet)."""

    line: int
    level: int
    children: list[Inline] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)


@dataclass(slots=True)
class ListItem:
    """One bullet. `depth` is the marker count as written (`**` is 2); `blocks` holds the nested lists
    and quotes that belong to it."""

    line: int
    depth: int
    children: list[Inline] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)


@dataclass(slots=True)
class List:
    line: int
    ordered: bool
    items: list[ListItem] = field(default_factory=list)


@dataclass(slots=True)
class Folder:
    """`[[folder:Label]]…[[/folder]]`: a collapsible section, on trope pages one per medium."""

    line: int
    label: str
    children: list[Block] = field(default_factory=list)
    end_line: int = 0


@dataclass(slots=True)
class FolderControl:
    """`[[foldercontrol]]`: the open/close-all control."""

    line: int


@dataclass(slots=True)
class Index:
    """`[[index]]…[[/index]]`: the list an index page navigates by."""

    line: int
    children: list[Block] = field(default_factory=list)
    end_line: int = 0


@dataclass(slots=True)
class CommentLine:
    """A whole line starting `%%`."""

    line: int
    text: str


Block = Paragraph | Header | Rule | Quote | List | Folder | FolderControl | Index | CommentLine


@dataclass(slots=True)
class Document:
    children: list[Block] = field(default_factory=list)

    @property
    def redirect(self) -> str | None:
        """The target of a `[[redirect:…]]` that makes this whole page a redirect, else None."""
        for block in self.children:
            if isinstance(block, CommentLine):
                continue
            if isinstance(block, Paragraph):
                for node in block.children:
                    if isinstance(node, Comment) or (isinstance(node, Text) and not node.text.strip()):
                        continue
                    if isinstance(node, Link) and node.form == "redirect":
                        return node.target
                    return None
            return None
        return None
