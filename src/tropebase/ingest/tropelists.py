"""Research scrapers' trope lists — `{work: [TropeId, …]}` as JSON or JSON Lines, plain, .gz or .bz2 —
→ one work page per work, listing its tropes.

Duplicates inside a list are real in such data (a trope listed twice on a page); they are collapsed and
counted. Trope ids come in mixed case (`ancestralweapon`, `AncestralWeapon`): ids are compared without
case, and the form with capitals seen anywhere in the file is the one written.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from ..markup.names import WIKIWORD, canonical_namespace, title_from_name, to_wikiword
from ..sources import InputError
from .jsondata import BadLines, json_values
from .plaintext import Converted
from .report import ImportReport
from .sources import read_maybe_compressed
from .titlebook import TitleBook

_WIKIWORD = re.compile(WIKIWORD)


def parse_lists(text: str, source: str, problems: list[str] | None = None) -> dict[str, list[str]]:
    """The `{work: [trope, …]}` mapping of a JSON object or of JSON Lines (one small object a line).

    Anything that is not such data raises InputError naming the source and line — unless `problems` is
    given: then each bad line (or entry) is added to it as `source:line: what was wrong` and the rest is
    read. A file in which nothing can be read raises all the same."""
    stripped = text.lstrip()
    if not stripped:
        raise InputError(f"{source}:1: empty file")
    bad = BadLines(problems)
    objects = json_values(text, source, bad)
    lists: dict[str, list[str]] = {}
    for number, obj in objects:
        if not isinstance(obj, dict):
            bad(f"{source}:{number}: expected an object {{work: [trope, …]}}")
            continue
        for work, tropes in obj.items():
            if not isinstance(tropes, list) or not all(isinstance(t, str) for t in tropes):
                bad(f"{source}:{number}: field {work!r}: expected a list of trope ids")
                continue
            lists.setdefault(str(work), []).extend(tropes)
    bad.finish(bool(lists))
    return lists


def _trope_markup(trope_id: str) -> str:
    return trope_id if _WIKIWORD.fullmatch(trope_id) else "{{" + trope_id + "}}"


def convert_lists(
    lists: dict[str, list[str]], namespace: str, source: str, titles: TitleBook | None = None
) -> Iterator[Converted]:
    """One work page per work. Each page's report counts the duplicates collapsed in its list.

    With a title book, each work gets the title it knows ("A Dog's Purpose", not "A Dogs Purpose"), and
    the titles it knows for the tropes go in the report (`titles`: a wiki keeps them for link text)."""
    ns = canonical_namespace(namespace) or to_wikiword(namespace)
    spelling: dict[str, str] = {}
    for tropes in lists.values():
        for trope in tropes:
            key = trope.lower()
            if key not in spelling or (spelling[key].islower() and not trope.islower()):
                spelling[key] = trope
    written = {to_wikiword(w): w.strip() for w in lists if not _is_name(w)}  # "A Dog's Purpose" kept as given
    merged: dict[str, tuple[str, list[str]]] = {}  # page names compare without case: one page per name
    for work, tropes in lists.items():
        name = to_wikiword(work) if not _is_name(work) else work
        _, all_tropes = merged.setdefault(name.lower(), (name, []))
        all_tropes.extend(tropes)
    if titles is not None:
        titles.learn(
            [name for name, _ in merged.values()] + [t for t in spelling.values() if _WIKIWORD.fullmatch(t)]
        )
    for name, tropes in merged.values():
        page = f"{ns}/{name}"
        title = (
            (titles.title(page) if titles else None) or written.get(name) or title_from_name(name, work=True)
        )
        report = ImportReport(source=source, format="tropelist", page=page, title=title)
        seen: dict[str, None] = {}
        for trope in tropes:
            seen.setdefault(trope.lower(), None)
        report.duplicates = len(tropes) - len(seen)
        report.bullets = len(seen)
        if titles is not None:
            for key in seen:
                known = titles.title(spelling[key]) if _WIKIWORD.fullmatch(spelling[key]) else None
                if known:
                    report.titles[f"Main/{spelling[key]}"] = known
        lines = [f"%% Imported from the trope list {Path(source).name}.", "----", "!!Tropes:"]
        lines += [f"* {_trope_markup(spelling[key])}" for key in seen]
        yield Converted("\n".join(lines) + "\n", report)


def _is_name(work: str) -> bool:
    return bool(re.fullmatch(r"[A-Za-z0-9]+", work))


def read_tropelists(path: str | Path, namespace: str) -> Iterator[Converted]:
    """Read a trope-list file and yield one converted work page per work."""
    return convert_lists(parse_lists(read_maybe_compressed(path), str(path)), namespace, str(path))
