"""One entry to every importer: detect a file's format (or take the one given) and convert it into
markup pages, each with its import report."""

from __future__ import annotations

import json
from collections.abc import Container
from pathlib import Path

from ..markup.names import canonical_namespace, normalise_target, to_wikiword
from ..sources import InputError
from . import indexes, plaintext, records, tropelists, tvt_html
from .plaintext import Converted
from .report import ImportReport
from .sources import read_bytes_maybe_compressed, read_maybe_compressed
from .titlebook import TitleBook

FORMATS = ("markup", "plaintext", "tvt-html", "tropelist", "index", "records")


def detect_format(path: Path, head: str) -> str:
    """The format of a file, from its name and its first characters."""
    name = _uncompressed_name(path)
    if records.looks_like_records(head):  # before indexes: a record may open with its descriptions
        return "records"
    if indexes.HEAD.match(head):
        return "index"
    if name.endswith((".json", ".jsonl")) or _looks_like_json(head):
        return "tropelist"
    if name.endswith((".html", ".htm")) or tvt_html.looks_like_tvt_html(head):
        return "tvt-html"
    if plaintext.looks_like_plaintext(head):
        return "plaintext"
    return "markup"


def _uncompressed_name(path: Path) -> str:
    name = path.name.lower()
    for suffix in (".gz", ".bz2"):
        name = name.removesuffix(suffix)
    return name


def _looks_like_json(head: str) -> bool:
    """A JSON object or array — not markup that opens with `[[quoteright:…]]`, `[[redirect:…]]`,
    `{{Trope}}` or `[=escaped=]`."""
    text = head.lstrip()
    if text.startswith(("[[", "{{", "[=")):
        return False
    return text[:1] == "{" or (text[:1] == "[" and text[1:].lstrip()[:1] in ("{", '"', "[", "]"))


def load(
    path: str | Path,
    fmt: str | None = None,
    *,
    namespace: str | None = None,
    known: Container[str] = (),
    problems: list[str] | None = None,
    titles: TitleBook | None = None,
) -> list[Converted]:
    """Convert the file at `path` into markup pages. Raises InputError naming the file (and line).

    With a `problems` list, a trope list's bad lines are added to it (`file:line: what was wrong`) and
    the rest of the file is converted; without one, the first bad line refuses the whole file."""
    path = Path(path)
    if fmt is not None and fmt not in FORMATS:
        raise InputError(f"{path}: unknown format {fmt!r} (one of {', '.join(FORMATS)})")
    if fmt == "tvt-html" or (fmt is None and _uncompressed_name(path).endswith((".html", ".htm"))):
        return [tvt_html.convert(read_bytes_maybe_compressed(path), str(path))]
    text = read_maybe_compressed(path)
    fmt = fmt or detect_format(path, text[:4096])
    if fmt == "tvt-html":
        return [tvt_html.convert(text, str(path))]
    if fmt == "index":
        return list(indexes.convert_indexes(indexes.parse_indexes(text, str(path)), str(path)))
    if fmt == "records":
        return list(records.convert_records(records.parse_records(text, str(path), problems), str(path)))
    if fmt == "tropelist":
        if not namespace:
            raise InputError(f"{path}: a trope list needs the namespace of its works (for example Film)")
        lists = tropelists.parse_lists(text, str(path), problems)
        return list(tropelists.convert_lists(lists, namespace, str(path), titles))
    if fmt == "plaintext":
        return [plaintext.convert(text, str(path), known)]
    page = _page_from_file_name(path)
    return [Converted(text, ImportReport(source=str(path), format="markup", page=page))]


def _page_from_file_name(path: Path) -> str:
    """A markup file names its page: `Film.Oldboy2003.txt` or `Film/Oldboy2003` → Film/Oldboy2003,
    `chekhovs gun.txt` → Main/ChekhovsGun."""
    stem = path.name
    for extension in (".gz", ".bz2", ".txt", ".markup", ".wiki"):
        stem = stem.removesuffix(extension)
    if "." not in stem and canonical_namespace(path.parent.name):  # a folder per namespace: Film/Oldboy2003
        stem = f"{path.parent.name}.{stem}"
    target, _ = normalise_target(stem if "." in stem else to_wikiword(stem))
    return target


def read_known_names(path: str | Path) -> frozenset[str]:
    """Lower-case WikiWords of known page names: one name a line, or JSON Lines with a `trope_key`."""
    names: set[str] = set()
    for number, line in enumerate(read_maybe_compressed(path).split("\n"), 1):
        line = line.strip()
        if not line:
            continue
        if line.startswith("{"):
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                raise InputError(f"{path}:{number}: not a JSON line") from None
            value = record.get("trope_key") or record.get("name") or record.get("title")
            if not isinstance(value, str):
                raise InputError(f"{path}:{number}: field 'trope_key': expected a name")
            line = value
        names.add(to_wikiword(line).lower())
    return frozenset(names)
