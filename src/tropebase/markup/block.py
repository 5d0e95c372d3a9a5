"""Block phase: lines → block nodes (paragraphs, headers, rules, quotes, lists, folders, indexes).

Containers that span lines (`[[folder:…]]`, `[[index]]`) are paired in a first pass over the lines, so
an opener with no closer is known before the second pass and stays a literal line of text. Lists and
quotes nest by marker depth on a stack of open items; depth is capped so that a 10,000-star bullet
cannot make the tree (or any recursive reader of it) 10,000 levels deep.
"""

from __future__ import annotations

import re

from .inline import parse_inline
from .nodes import (
    Block,
    CommentLine,
    Folder,
    FolderControl,
    Header,
    Index,
    List,
    ListItem,
    Paragraph,
    Quote,
    Rule,
    Text,
)

MAX_LIST_DEPTH = 8
MAX_CONTAINER_DEPTH = 16

_FOLDER_OPEN = re.compile(r"\[\[folder:([^\]\n]*)\]\]\s*$", re.I)
_FOLDER_CLOSE = re.compile(r"\[\[/folder\]\]\s*$", re.I)
_INDEX_OPEN = re.compile(r"\[\[index\]\]\s*$", re.I)
_INDEX_CLOSE = re.compile(r"\[\[/index\]\]\s*$", re.I)
_FOLDER_CONTROL = re.compile(r"\[\[foldercontrol\]\]\s*$", re.I)
_BULLET = re.compile(r"([*#+]+)[ \t]*")
_QUOTE = re.compile(r"(-+)>[ \t]*")
_RULE = re.compile(r"-{4,}\s*$")
_HEADER = re.compile(r"(!{1,3})[ \t]*")
_ATTRIBUTION = re.compile(r"--(?!-)[ \t]*")


def _pair_containers(lines: list[str]) -> dict[int, str]:
    """Line index → 'folder' / '/folder' / 'index' / '/index' for container lines that really pair up.

    A closer ends the innermost open container of its kind; containers opened inside it and never
    closed are left out (they stay literal text), as are openers past MAX_CONTAINER_DEPTH.
    """
    paired: dict[int, str] = {}
    stack: list[tuple[int, str]] = []
    open_count = {"folder": 0, "index": 0}
    for i, raw in enumerate(lines):
        line = raw.strip()
        if not line.startswith("[["):
            continue
        if _FOLDER_OPEN.match(line):
            kind, closing = "folder", False
        elif _FOLDER_CLOSE.match(line):
            kind, closing = "folder", True
        elif _INDEX_OPEN.match(line):
            kind, closing = "index", False
        elif _INDEX_CLOSE.match(line):
            kind, closing = "index", True
        else:
            continue
        if not closing:
            if len(stack) < MAX_CONTAINER_DEPTH:
                stack.append((i, kind))
                open_count[kind] += 1
        elif open_count[kind]:
            while True:
                j, open_kind = stack.pop()
                open_count[open_kind] -= 1
                if open_kind == kind:
                    break
            paired[j] = kind
            paired[i] = "/" + kind
    return paired


class _BlockParser:
    """One pass over the lines; `pending` is the block whose text lines are still being gathered."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.paired = _pair_containers(lines)
        self.root: list[Block] = []
        self.out = self.root  # the container blocks go into (the document, a folder, an index)
        self.containers: list[tuple[Folder | Index, list[Block]]] = []
        self.indent: list[tuple[int, list[Block]]] = [(0, self.root)]
        self.pending = None  # node whose inline text is being gathered
        self.pending_lines: list[str] = []
        self.continues = False  # the last gathered line ended in "\\": the next plain line joins it
        self.after_blank = False  # a blank line ends a list: the next bullet starts a new one

    def flush(self) -> None:
        if self.pending is not None:
            self.pending.children = parse_inline("\n".join(self.pending_lines))
            if isinstance(self.pending, Quote):
                _mark_attribution(self.pending)
            self.pending = None
            self.pending_lines = []
        self.continues = False

    def reset_indent(self) -> None:
        self.indent = [(0, self.out)]

    def gather(self, node, text: str) -> None:
        self.pending = node
        self.pending_lines = [text]
        self.continues = text.endswith("\\\\")

    def parse(self) -> list[Block]:
        for i, raw in enumerate(self.lines):
            self.line(i, raw)
        self.flush()
        return self.root

    def line(self, i: int, raw: str) -> None:
        number = i + 1
        line = raw.strip()
        if not line:
            self.flush()
            self.reset_indent()
            self.after_blank = True
            return
        after_blank, self.after_blank = self.after_blank, False
        first = line[0]
        pair = self.paired.get(i)
        if pair is not None:
            self.flush()
            if pair[0] == "/":
                container, self.out = self.containers.pop()
                container.end_line = number
            else:
                container = (
                    Folder(number, _FOLDER_OPEN.match(line).group(1).strip())
                    if pair == "folder"
                    else Index(number)
                )
                self.out.append(container)
                self.containers.append((container, self.out))
                self.out = container.children
            self.reset_indent()
            return
        if first in "*#+":
            m = _BULLET.match(line)
            self.flush()
            marker = m.group(1)
            depth = len(marker)
            level = min(depth, MAX_LIST_DEPTH)
            while self.indent[-1][0] >= level:
                self.indent.pop()
            parent_level, parent_blocks = self.indent[-1]
            ordered = marker[-1] == "#"
            last = parent_blocks[-1] if parent_blocks else None
            if after_blank or not (isinstance(last, List) and last.ordered == ordered):
                last = List(number, ordered)
                parent_blocks.append(last)
            item = ListItem(number, depth)
            last.items.append(item)
            self.indent.append((parent_level + 1, item.blocks))
            self.gather(item, line[m.end() :])
            return
        if first == "-":
            if _RULE.match(line):
                self.flush()
                self.reset_indent()
                self.out.append(Rule(number))
                return
            m = _QUOTE.match(line)
            if m:
                self.flush()
                level = min(len(m.group(1)), MAX_LIST_DEPTH)
                while self.indent[-1][0] >= level:
                    self.indent.pop()
                parent_level, parent_blocks = self.indent[-1]
                quote = Quote(number, level)
                parent_blocks.append(quote)
                self.indent.append((parent_level + 1, quote.blocks))
                self.gather(quote, line[m.end() :])
                return
        elif first == "!":
            m = _HEADER.match(line)
            self.flush()
            self.reset_indent()
            header = Header(number, len(m.group(1)))
            self.out.append(header)
            self.gather(header, line[m.end() :])
            self.continues = False
            return
        elif first == "%" and line.startswith("%%"):
            self.flush()
            self.indent[-1][1].append(CommentLine(number, line[2:].strip()))
            return
        elif first == "[" and _FOLDER_CONTROL.match(line):
            self.flush()
            self.reset_indent()
            self.out.append(FolderControl(number))
            return
        # plain text
        if self.pending is not None and (isinstance(self.pending, Paragraph) or self.continues):
            self.pending_lines.append(line)
            self.continues = line.endswith("\\\\")
            return
        self.flush()
        self.reset_indent()
        paragraph = Paragraph(number)
        self.out.append(paragraph)
        self.gather(paragraph, line)


def _mark_attribution(quote: Quote) -> None:
    """`-->-- Name` is an attribution: its leading `--` is shown as an em dash."""
    first = quote.children[0] if quote.children else None
    if isinstance(first, Text):
        m = _ATTRIBUTION.match(first.text)
        if m:
            first.text = "— " + first.text[m.end() :]


def parse_blocks(text: str) -> list[Block]:
    """Parse a whole page's markup into blocks. Never raises."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _BlockParser(text.split("\n")).parse()
