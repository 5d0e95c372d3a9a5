"""A readable outline of a parsed page, for `tropebase check`: one line per block, with its source
line, bullets indented by depth, and the page's links at the end."""

from __future__ import annotations

from .nodes import (
    CommentLine,
    Document,
    Folder,
    FolderControl,
    Header,
    Index,
    List,
    Paragraph,
    Quote,
    Rule,
)
from .walk import inline_text, links

_WIDTH = 72


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _WIDTH else text[: _WIDTH - 1] + "…"


def outline(doc: Document) -> list[str]:
    """The outline as lines of text."""
    lines: list[str] = []
    _blocks(doc.children, 0, lines)
    found = links(doc)
    lines.append(f"links ({len(found)}): " + ", ".join(found) if found else "links (0)")
    return lines


def _blocks(blocks: list, indent: int, lines: list[str]) -> None:
    pad = "  " * indent
    for block in blocks:
        at = f"{getattr(block, 'line', 0):>5}  {pad}"
        if isinstance(block, Header):
            lines.append(f"{at}{'!' * block.level} {_short(inline_text(block.children))}")
        elif isinstance(block, Paragraph):
            lines.append(f"{at}¶ {_short(inline_text(block.children))}")
        elif isinstance(block, Rule):
            lines.append(f"{at}----")
        elif isinstance(block, Quote):
            lines.append(f"{at}{'-' * block.level}> {_short(inline_text(block.children))}")
            _blocks(block.blocks, indent + 1, lines)
        elif isinstance(block, List):
            marker = "#" if block.ordered else "*"
            for item in block.items:
                item_at = f"{item.line:>5}  {pad}"
                lines.append(f"{item_at}{marker * item.depth} {_short(inline_text(item.children))}")
                _blocks(item.blocks, indent + 1, lines)
        elif isinstance(block, Folder):
            lines.append(f'{at}[folder "{block.label}"] (to line {block.end_line})')
            _blocks(block.children, indent + 1, lines)
        elif isinstance(block, Index):
            lines.append(f"{at}[index] (to line {block.end_line})")
            _blocks(block.children, indent + 1, lines)
        elif isinstance(block, FolderControl):
            lines.append(f"{at}[foldercontrol]")
        elif isinstance(block, CommentLine):
            lines.append(f"{at}%% {_short(block.text)}")
