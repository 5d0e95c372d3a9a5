"""Trope records as trope-mining projects publish them — one trope a record,
`{name, short_name, categories, descriptions: {<Work>: example text, …, general: description}}`,
as a JSON array (or object) or as JSON Lines, plain, .gz or .bz2 — → one trope page per record.

The record's `general` text is the page's description; every other entry of `descriptions` is one
example of the trope in that work: `* ''Work'': text`. A work written as a page name (`Film/WetSocks`)
stays a link; a title ("Wet Socks") is written in italics, as TV Tropes writes titles. A text that
repeats its work's name first ("Wet Socks: …") does not repeat it again, and a text of several lines
keeps its further lines as sub-bullets. Texts are plain text: markup syntax in them is escaped, so the
page reads back as the record's words. Categories are kept in a comment (they name TV Tropes' indexes,
which are pages of their own) and listed in the report.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..markup.names import canonical_namespace, normalise_target, split_target, to_wikiword
from .escape import escape_inline, escape_line_start, italic
from .jsondata import BadLines, json_values
from .plaintext import Converted
from .report import ImportReport

#: a record file, told from a trope list by its first record's `descriptions` object
HEAD = re.compile(r'^\s*(?:\[\s*)?\{\s*(?=")[\s\S]*?"descriptions"\s*:\s*\{')
_NAMED_WORK = re.compile(r"^([A-Za-z]+)/([A-Za-z0-9]+)$")


def looks_like_records(head: str) -> bool:
    return bool(HEAD.match(head))


def parse_records(text: str, source: str, problems: list[str] | None = None) -> list[tuple[int, dict]]:
    """(line, record) pairs of a JSON array or object, or of JSON Lines. A bad line raises InputError
    naming it — or, with `problems`, is added to it and skipped; a file with nothing readable raises."""
    bad = BadLines(problems)
    out = json_values(text, source, bad, arrays=True)
    records: list[tuple[int, dict]] = []
    for index, (number, record) in enumerate(out, 1):
        where = f"{source}:{number}" + (f" (record {index})" if len(out) > 1 and number == 1 else "")
        if not isinstance(record, dict) or not isinstance(record.get("descriptions"), dict):
            bad(f"{where}: expected a record with a 'descriptions' object")
        elif not isinstance(record.get("name") or record.get("short_name"), str):
            bad(f"{where}: a record needs a 'name' or a 'short_name'")
        else:
            records.append((number, record))
    bad.finish(bool(records))
    return records


def convert_records(records: list[tuple[int, dict]], source: str) -> Iterator[Converted]:
    """One trope page per record, in the order given."""
    for number, record in records:
        yield convert_record(record, f"{source}:{number}")


def convert_record(record: dict, source: str) -> Converted:
    title = record.get("name") if isinstance(record.get("name"), str) else None
    short = record.get("short_name") if isinstance(record.get("short_name"), str) else None
    target, _ = normalise_target(short or to_wikiword(title or ""))
    if split_target(target)[0] not in ("Main",) and not canonical_namespace(split_target(target)[0]):
        target = "Main/" + to_wikiword(short or title or "")
    report = ImportReport(source=source, format="records", page=target, title=(title or "").strip() or None)
    descriptions: dict = record["descriptions"]
    lines: list[str] = [f"%% Imported from the trope records {source}."]
    general = descriptions.get("general")
    if isinstance(general, str) and general.strip():
        for paragraph in _lines(general):
            lines += [escape_line_start(escape_inline(paragraph)), ""]
    categories = [c for c in record.get("categories") or () if isinstance(c, str) and c.strip()]
    if categories:
        lines.append("%% Categories: " + "; ".join(" ".join(c.split()) for c in categories))
        report.notes.append(f"categories: {', '.join(categories)}")
    examples = [(work, text) for work, text in descriptions.items() if work != "general"]
    if examples:
        lines += ["----", "!!Examples:"]
    for work, text in examples:
        texts = text if isinstance(text, list) else [text]
        for one in texts:
            if not isinstance(one, str) or not one.strip():
                report.notes.append(f"{work}: no example text; left out")
                continue
            lines += _bullet(str(work), one)
            report.bullets += 1
    report.sections.append(f"Examples ({report.bullets})")
    return Converted("\n".join(lines).rstrip("\n") + "\n", report)


def _lines(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.replace("\r", "\n").split("\n") if line.strip()]


def _bullet(work: str, text: str) -> list[str]:
    first, *more = _lines(text)
    work = " ".join(work.split())
    for lead in (work + ":", work + " -", work + " –"):  # the text names its work already
        if first.lower().startswith(lead.lower()):
            first = first[len(lead) :].lstrip()
            break
    named = _NAMED_WORK.match(work)
    if named and canonical_namespace(named.group(1)):
        label = f"''{canonical_namespace(named.group(1))}/{named.group(2)}''"
    else:
        label = italic(work)
    out = [f"* {label}: {escape_inline(first)}".rstrip()]
    out += [f"** {escape_inline(line)}" for line in more]
    return out
