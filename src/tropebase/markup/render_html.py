"""Node tree → HTML. The only place in tropebase where HTML is made from user text.

Safety rests on three rules kept here: every text is escaped; only the tags and attributes written in
this file are ever emitted; URLs come from the parser's patterns, which admit http, https and mailto
external links, and internal paths built from page names.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping
from html import escape
from urllib.parse import quote

from .names import split_target, title_from_name
from .nodes import (
    Anchor,
    Caption,
    Comment,
    CommentLine,
    Document,
    ExternalLink,
    Folder,
    FolderControl,
    Header,
    Image,
    Index,
    LineBreak,
    Link,
    List,
    Note,
    Paragraph,
    Quote,
    Rule,
    Spoiler,
    Styled,
    Text,
)

_STYLE_TAGS: dict[str, tuple[str, str]] = {
    "italic": ("<em>", "</em>"),
    "bold": ("<strong>", "</strong>"),
    "mono": ("<code>", "</code>"),
    "small": ("<small>", "</small>"),
    "strike": ("<s>", "</s>"),
    "subscript": ("<sub>", "</sub>"),
    "superscript": ("<sup>", "</sup>"),
    "AC": ('<span class="asscaps">', "</span>"),
    "center": ('<span class="center">', "</span>"),
    "red": ('<span class="red">', "</span>"),
    "blue": ('<span class="blue">', "</span>"),
    "green": ('<span class="green">', "</span>"),
    "rtl": ('<span dir="rtl">', "</span>"),
}


def page_href(target: str, anchor: str | None = None) -> str:
    """The reader's address of a page: `/Namespace/Name`, plus `#anchor`."""
    ns, name = split_target(target)
    href = f"/{quote(ns, safe='')}/{quote(name, safe='')}"
    return f"{href}#{quote(anchor, safe='-_')}" if anchor else href


def link_title(target: str, titles: Mapping[str, str] | None) -> str:
    """The text a bare WikiWord shows: the page's stored title when known, else the split name."""
    if titles is not None:
        title = titles.get(target)
        if title:
            return title
    return title_from_name(split_target(target)[1])


#: the stems an example's own words use for each play type ("Subverted", "an aversion", "Zig-zagged")
_PLAY_STEMS = {"averted": "aver", "zigzagged": "zig", "parodied": "parod", "possible": "possibl",
               "alluded": "allu", "inverted": "inver", "defied": "defi"}  # fmt: skip
#: how far into an example its own play word still reads as the badge's twin
_LEAD_CHARS = 120


def says_play(play: str, text: str) -> bool:
    """Does the example's text already name how it plays its trope, near its start? Then a badge
    would only repeat it ("SUBVERTED Subverted in …")."""
    stem = _PLAY_STEMS.get(play, play[:6])
    return re.search(rf"\b{re.escape(stem)}", text[:_LEAD_CHARS], re.I) is not None


def _lead_text(nodes: list) -> str:
    """The plain text an item begins with, as far as `_LEAD_CHARS`."""
    out: list[str] = []
    size = 0
    stack = list(reversed(nodes))
    while stack and size < _LEAD_CHARS:
        node = stack.pop()
        if type(node) is Text:
            out.append(node.text)
            size += len(node.text)
        elif type(node) is Link and not node.children:  # `{{Subverted}}` reads as its name
            out.append(title_from_name(split_target(node.target)[1]))
            size += len(out[-1])
        elif getattr(node, "children", None):
            stack.extend(reversed(node.children))
    return "".join(out)


#: what a folder whose label was lost is called
UNLABELLED_FOLDER = "Other examples"


def _first_caption(doc: Document) -> str:
    """The plain text of the page image's caption: the image's alt text and link name."""
    for block in doc.children:
        for node in getattr(block, "children", ()):
            if type(node) is Caption:
                return " ".join(_lead_text(node.children).replace("\\\\", " ").split())
    return ""


class HtmlRenderer:
    """Renders one document. `titles` maps known targets to their titles: when given, links to targets
    missing from it are red links (class `createlink`). `badges` maps a bullet's source line to a word
    shown before it (the wiki marks how each example plays its trope). The bullets of `lines` carry
    their source line (`<li data-line="7">`), so `mark_items` and `drop_items` can find them in the
    HTML later (the wiki tags the examples naming a work, for readers' avoid lists)."""

    def __init__(
        self,
        titles: Mapping[str, str] | None = None,
        badges: Mapping[int, str] | None = None,
        lines: Collection[int] | None = None,
    ) -> None:
        self.titles = titles
        self.badges = badges or {}
        self.lines = lines or ()
        self.out: list[str] = []
        self.in_link = 0
        self.caption = ""
        self._block: dict[type, Callable] = {
            Paragraph: self._paragraph,
            Header: self._header,
            Rule: self._rule,
            Quote: self._quote,
            List: self._list,
            Folder: self._folder,
            FolderControl: self._folder_control,
            Index: self._index,
            CommentLine: self._nothing,
        }
        self._inline: dict[type, Callable] = {
            Styled: self._styled,
            Spoiler: self._spoiler,
            Note: self._note,
            Link: self._link,
            ExternalLink: self._external,
            Image: self._image,
            Caption: self._caption,
            Anchor: self._anchor,
            LineBreak: self._br,
            Comment: self._nothing,
        }

    def render(self, doc: Document) -> str:
        self.caption = _first_caption(doc)
        self.blocks(doc.children)
        return "".join(self.out)

    # -- blocks
    def blocks(self, blocks: list) -> None:
        table = self._block
        for block in blocks:
            table[type(block)](block)

    def _paragraph(self, node: Paragraph) -> None:
        self.out.append("<p>")
        self.inline(node.children)
        self.out.append("</p>\n")

    def _header(self, node: Header) -> None:
        self.out.append(f"<h{node.level}>")
        self.inline(node.children)
        self.out.append(f"</h{node.level}>\n")

    def _rule(self, node: Rule) -> None:
        self.out.append("<hr>\n")

    def _quote(self, node: Quote) -> None:
        self.out.append('<div class="indent">')
        self.inline(node.children)
        self.blocks(node.blocks)
        self.out.append("</div>\n")

    def _list(self, node: List) -> None:
        tag = "ol" if node.ordered else "ul"
        out = self.out
        out.append(f"<{tag}>\n")
        badges, lines = self.badges, self.lines
        for item in node.items:
            out.append(f'<li data-line="{item.line}">' if item.line in lines else "<li>")
            badge = badges.get(item.line) if badges else None
            if badge and not says_play(badge, _lead_text(item.children)):
                out.append(f'<span class="play play-{escape(badge)}">{escape(badge)}</span> ')
            self.inline(item.children)
            if item.blocks:
                self.blocks(item.blocks)
            out.append("</li>\n")
        out.append(f"</{tag}>\n")

    def _folder(self, node: Folder) -> None:
        label = escape(node.label.strip()) or UNLABELLED_FOLDER
        self.out.append(f'<details class="folder"><summary class="folderlabel">{label}</summary>\n')
        self.blocks(node.children)
        self.out.append("</details>\n")

    def _folder_control(self, node: FolderControl) -> None:
        self.out.append(
            '<div class="foldercontrol"><button type="button" class="folder-toggle-all">'
            "Open/Close All Folders</button></div>\n"
        )

    def _index(self, node: Index) -> None:
        self.out.append('<div class="index">\n')
        self.blocks(node.children)
        self.out.append("</div>\n")

    def _nothing(self, node: object) -> None:
        """Comments are for editors: they are never sent to readers."""

    # -- inline
    def inline(self, nodes: list) -> None:
        out = self.out
        table = self._inline
        for node in nodes:
            if type(node) is Text:
                out.append(escape(node.text, False))
            else:
                table[type(node)](node)

    def _styled(self, node: Styled) -> None:
        open_tag, close_tag = _STYLE_TAGS[node.style]
        self.out.append(open_tag)
        self.inline(node.children)
        self.out.append(close_tag)

    def _spoiler(self, node: Spoiler) -> None:
        self.out.append('<span class="spoiler" tabindex="0">')
        self.inline(node.children)
        self.out.append("</span>")

    def _note(self, node: Note) -> None:
        label = escape(node.label) if node.label else "note"
        self.out.append(f'<span class="note"><span class="notelabel" tabindex="0">{label}</span>')
        self.out.append('<span class="notetext">')
        self.inline(node.children)
        self.out.append("</span></span>")

    def _link(self, node: Link) -> None:
        if self.in_link:  # a link inside a link's text shows as its text only
            self._link_text(node)
            return
        css = "twikilink"
        if self.titles is not None and node.target not in self.titles:
            css = "twikilink createlink"
        href = escape(page_href(node.target, node.anchor))
        if node.form == "redirect":
            self.out.append('<span class="redirect">Redirect to: ')
        self.out.append(f'<a class="{css}" href="{href}">')
        self.in_link += 1
        self._link_text(node)
        self.in_link -= 1
        self.out.append("</a>")
        if node.form == "redirect":
            self.out.append("</span>")

    def _link_text(self, node: Link) -> None:
        if node.children:
            self.inline(node.children)
        else:
            self.out.append(escape(link_title(node.target, self.titles), False))

    def _external(self, node: ExternalLink) -> None:
        if self.in_link:  # a link inside a link's text shows as its text only
            self._external_text(node)
            return
        self.out.append(f'<a class="urllink" href="{escape(node.url)}" rel="nofollow noopener">')
        self.in_link += 1
        self._external_text(node)
        self.in_link -= 1
        self.out.append("</a>")

    def _external_text(self, node: ExternalLink) -> None:
        if node.children:
            self.inline(node.children)
        else:
            self.out.append(escape(node.url, False))

    def _image(self, node: Image) -> None:
        # never hot-linked from the site it came from: a link, described by its caption (shown below it)
        title = f' title="{escape(self.caption)}"' if self.caption else ""
        if self.in_link:  # inside a link's text: no link in a link
            self.out.append(f'<span class="quoteright"{title}>Page image</span>')
            return
        self.out.append(
            f'<span class="quoteright"><a class="urllink pageimage" href="{escape(node.url)}" '
            f'rel="nofollow noopener"{title}>Page image</a></span>'
        )

    def _caption(self, node: Caption) -> None:
        self.out.append(f'<span class="acaptionright" style="width:{node.width}px">')
        for child in node.children:  # `\\` breaks a caption's line anywhere in it
            if type(child) is Text and "\\\\" in child.text:
                self.out.append("<br>".join(escape(part, False) for part in child.text.split("\\\\")))
            else:
                self.inline([child])
        self.out.append("</span>")

    def _anchor(self, node: Anchor) -> None:
        self.out.append(f'<a id="{escape(node.name)}"></a>')

    def _br(self, node: LineBreak) -> None:
        self.out.append("<br>")


def to_html(
    doc: Document,
    titles: Mapping[str, str] | None = None,
    badges: Mapping[int, str] | None = None,
    lines: Collection[int] | None = None,
) -> str:
    """Render a parsed document to safe HTML (see HtmlRenderer for `titles`, `badges` and `lines`)."""
    return HtmlRenderer(titles, badges, lines).render(doc)


# -- list items found again by their line, in HTML this renderer made. Every "<" in it begins a tag
# written here (text and attribute values are escaped), so the items are found by searching, in one
# pass, without parsing the HTML or the text again.
_TAGGED_ITEM = re.compile(r'<li data-line="(\d+)">')
_ITEM_TAG = re.compile(r"<(/?)li\b")


def mark_items(html: str, notes: Mapping[int, str], css: str) -> tuple[str, set[int]]:
    """The HTML with each item tagged with one of these lines given the class `css` and its note (HTML,
    made safe by the caller) at its start; and the lines found."""
    found: set[int] = set()

    def marked(match: re.Match) -> str:
        line = int(match.group(1))
        if line not in notes:
            return match.group(0)
        found.add(line)
        return f'<li data-line="{line}" class="{escape(css)}">{notes[line]} '

    return _TAGGED_ITEM.sub(marked, html), found


def drop_items(html: str, lines: Collection[int]) -> tuple[str, set[int]]:
    """The HTML without the items tagged with these lines, each left out whole — the lists nested in
    it too; and the lines of the items left out (one nested in another left out counts as well)."""
    lines = set(lines)
    out: list[str] = []
    found: set[int] = set()
    pos = 0
    while (match := _TAGGED_ITEM.search(html, pos)) is not None:
        if int(match.group(1)) not in lines:
            out.append(html[pos : match.end()])
            pos = match.end()
            continue
        end = _item_end(html, match.end())
        found |= {int(n) for n in _TAGGED_ITEM.findall(html, match.start(), end)} & lines
        out.append(html[pos : match.start()])
        pos = end
    out.append(html[pos:])
    return "".join(out), found


def _item_end(html: str, start: int) -> int:
    """Where the item whose opening tag ends at `start` ends, with the line break after it."""
    depth = 1
    for tag in _ITEM_TAG.finditer(html, start):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            end = tag.end() + 1  # "</li>"
            return end + 1 if html.startswith("\n", end) else end
    return len(html)
