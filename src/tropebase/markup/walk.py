"""Reading the tree without rendering it: every node in document order, plain text, link targets."""

from __future__ import annotations

from collections.abc import Iterator

from .names import split_target, title_from_name
from .nodes import (
    Caption,
    Comment,
    CommentLine,
    Document,
    ExternalLink,
    Folder,
    Header,
    Image,
    Index,
    LineBreak,
    Link,
    List,
    ListItem,
    Note,
    Paragraph,
    Quote,
    Spoiler,
    Styled,
    Text,
)

_WITH_INLINE = (Paragraph, Header, Quote, ListItem)
_CONTAINERS = (Folder, Index, Styled, Spoiler, Note, Link, ExternalLink, Caption)


def iter_nodes(nodes: list) -> Iterator[object]:
    """Every node under `nodes`, depth first, in document order (a parent before its children)."""
    for node in nodes:
        yield node
        if isinstance(node, List):
            yield from iter_nodes(node.items)
            continue
        if isinstance(node, _WITH_INLINE):
            yield from iter_nodes(node.children)
            if isinstance(node, Quote | ListItem):
                yield from iter_nodes(node.blocks)
        elif isinstance(node, _CONTAINERS):
            yield from iter_nodes(node.children)


def links(doc: Document) -> list[str]:
    """Every internal link target in the document, normalised `Namespace/Name`, first-seen order."""
    seen: dict[str, None] = {}
    for node in iter_nodes(doc.children):
        if type(node) is Link:
            seen.setdefault(node.target, None)
    return list(seen)


def inline_text(nodes: list, *, spoilers: bool = True) -> str:
    """The visible text of inline nodes: notes included, comments and images left out; spoilers too
    unless `spoilers` is False (then each is "…", so search never shows what a reader has not asked for)."""
    parts: list[str] = []
    _inline_text(nodes, parts, spoilers)
    return "".join(parts)


def _inline_text(nodes: list, parts: list[str], spoilers: bool = True) -> None:
    for node in nodes:
        kind = type(node)
        if kind is Spoiler and not spoilers:
            parts.append("…")
        elif kind is Text:
            parts.append(node.text)
        elif kind is Link:
            if node.children:
                _inline_text(node.children, parts, spoilers)
            else:
                parts.append(title_from_name(split_target(node.target)[1]))
        elif kind is ExternalLink:
            if node.children:
                _inline_text(node.children, parts, spoilers)
            else:
                parts.append(node.url)
        elif kind is Note:
            parts.append(f" ({node.label}: " if node.label else " (")
            _inline_text(node.children, parts, spoilers)
            parts.append(") ")
        elif kind is LineBreak:
            parts.append("\n")
        elif kind in (Comment, Image):
            continue
        elif hasattr(node, "children"):
            _inline_text(node.children, parts, spoilers)


def to_text(doc: Document, *, spoilers: bool = True) -> str:
    """The document as plain text, one block a line: what a reader can see, for search and checks
    (without spoiler passages when `spoilers` is False)."""
    lines: list[str] = []
    _block_text(doc.children, lines, spoilers)
    return "\n".join(lines)


def _block_text(blocks: list, lines: list[str], spoilers: bool = True) -> None:
    for block in blocks:
        if isinstance(block, Paragraph | Header):
            lines.append(inline_text(block.children, spoilers=spoilers))
        elif isinstance(block, Quote):
            lines.append(inline_text(block.children, spoilers=spoilers))
            _block_text(block.blocks, lines, spoilers)
        elif isinstance(block, List):
            for item in block.items:
                lines.append(inline_text(item.children, spoilers=spoilers))
                _block_text(item.blocks, lines, spoilers)
        elif isinstance(block, Folder):
            lines.append(block.label)
            _block_text(block.children, lines, spoilers)
        elif isinstance(block, Index):
            _block_text(block.children, lines, spoilers)
        elif isinstance(block, CommentLine):
            continue
