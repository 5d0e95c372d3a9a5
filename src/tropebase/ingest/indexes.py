"""Index data — `{top index: {sub-index: [PageName, …]}}` as JSON — → one index page per index.

An index page is ordinary markup: a line saying what it is, then an `[[index]]` block listing its
sub-indexes and then its tropes, one link a bullet. The compiler reads that block as "this index lists
these pages" (relations of kind `indexes`), from which the wiki builds the trope hierarchy. The data
repeats names inside a list, lists a sub-index under several top indexes and even lists an index in
itself; repeats are collapsed (and counted), self-listing and cycles are kept as written — the
hierarchy walk stops at pages it has seen.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

from ..markup.names import WIKIWORD, title_from_name
from ..sources import InputError
from .plaintext import Converted
from .report import ImportReport
from .sources import read_maybe_compressed

_WIKIWORD = re.compile(WIKIWORD)
#: how index data starts: an object whose first value is an object
HEAD = re.compile(r'^\s*\{\s*"[^"]*"\s*:\s*\{')


def parse_indexes(text: str, source: str) -> dict[str, list[str]]:
    """Every index named in the data → the names it lists, in order, repeats removed. A top index lists
    its sub-indexes; a sub-index under several top indexes lists the union of its lists."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"{source}:{exc.lineno}: not JSON: {exc.msg}") from None
    if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
        raise InputError(f"{source}:1: expected {{top index: {{sub-index: [page name, …]}}}}")
    lists: dict[str, list[str]] = {}
    for top, subs in data.items():
        lists.setdefault(top, [])
        for sub, names in subs.items():
            if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
                raise InputError(f"{source}:1: {top} → {sub}: expected a list of page names")
            lists[top].append(sub)
            lists.setdefault(sub, []).extend(names)
    return {index: list(dict.fromkeys(n for n in names if n.strip())) for index, names in lists.items()}


def _link(name: str) -> str:
    return name if _WIKIWORD.fullmatch(name) else "{{" + name + "}}"


def convert_indexes(lists: dict[str, list[str]], source: str) -> Iterator[Converted]:
    """One index page per index: its sub-indexes first, then the rest, in the data's order."""
    for index, names in lists.items():
        report = ImportReport(
            source=source, format="index", page=f"Main/{index}", title=title_from_name(index)
        )
        report.bullets = len(names)
        subs = [n for n in names if n in lists]
        rest = [n for n in names if n not in lists]
        lines = [f"%% Imported from the index data {Path(source).name}.",
                 f"An index of {'indexes and ' if subs else ''}tropes.", "", "[[index]]"]  # fmt: skip
        if subs:
            lines += ["!!Indexes", *[f"* {_link(n)}" for n in subs]]
        if rest:
            lines += ["!!Tropes", *[f"* {_link(n)}" for n in rest]]
        lines.append("[[/index]]")
        yield Converted("\n".join(lines) + "\n", report)


def read_indexes(path: str | Path) -> Iterator[Converted]:
    return convert_indexes(parse_indexes(read_maybe_compressed(path), str(path)), str(path))
