"""Writing plain text into markup so that it reads back as the same plain text.

Only what the markup would take as syntax is escaped, with `[=…=]` around the sequence (a pair of
brackets, a WikiWord-like token; each apostrophe but the last of a run), so imported pages stay
readable to editors.
"""

from __future__ import annotations

import re

from ..markup.names import NAMESPACES, WIKIWORD

_NS = "|".join(sorted(NAMESPACES, key=len, reverse=True))
_RISKY = re.compile(
    r"(?P<quotes>'{2,})|(?P<pair>\[\[|\]\]|\{\{|\}\}|\[=|=\]|@@|%%|\\\\)"
    rf"|(?P<word>(?<![\w.])(?:{WIKIWORD}|(?i:{_NS})[/.][A-Za-z0-9]+))"
)
# `[[` opens a block only as a folder, index or folder control; elsewhere it is a link or a directive
_LINE_START = re.compile(r"^(?:[*#+!]|-+>|-{4}|%%|\[\[(?i:/?folder|/?index|foldercontrol)\b)")


def escape_inline(text: str) -> str:
    """Escape markup syntax inside a line of plain text."""

    def sub(m: re.Match[str]) -> str:
        if m.group("word"):
            return f"[={m.group()}=]"
        if m.group("quotes"):
            return "[='=]" * (len(m.group()) - 1) + "'"
        pair = m.group()
        if pair == "=]":  # cannot stand inside [=…=]: escape its "=" alone
            return "[===]]"
        return f"[={pair}=]"

    out = _RISKY.sub(sub, text)
    if out.endswith("]") and not out.endswith("=]"):  # would join a closing "]]" that follows
        out = out[:-1] + "[=]=]"
    return out


def escape_line_start(line: str) -> str:
    """Escape a first character that would start a block construct (bullet, header, quote…)."""
    if _LINE_START.match(line):
        return f"[={line[0]}=]{line[1:]}"
    return line


def italic(title: str) -> str:
    """A work title in italics, as TV Tropes writes them."""
    body = escape_inline(title)
    if body.startswith("'"):
        body = "[='=]" + body[1:]
    if body.endswith("'"):
        body = body[:-1] + "[='=]"
    return f"''{body}''"


def join_markup(parts: list[str]) -> str:
    """Join markup pieces so that no apostrophes meet across a boundary: `''Title''` then `'s` would
    read as a bold marker."""
    out: list[str] = []
    last = ""
    for part in parts:
        if not part:
            continue
        if last.endswith("'") and part.startswith("'"):
            part = "[='=]" + part[1:]
        out.append(part)
        last = part
    return "".join(out)
