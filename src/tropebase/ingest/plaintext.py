"""Plain-text copies of trope pages (like the seed) → tropebase markup, with a report.

The shape read: quote and attribution lines, description paragraphs, a "See also" list, "Examples of X
include:", section titles, `•` bullets indented two spaces per level, sections whose title was lost
(set apart by two blank lines), and numbered footnotes at the end with `[n]` markers in the text.
What cannot be recognised is kept as a plain paragraph and listed in the report: nothing is dropped.
"""

from __future__ import annotations

import re
from collections.abc import Container
from dataclasses import dataclass

from ..catalog.media import medium_for_label
from ..catalog.titles import find_work
from ..markup.names import to_wikiword
from .escape import escape_inline, escape_line_start, italic, join_markup
from .linkify import known_names
from .report import ImportReport

_BULLET = re.compile(r"^(\s*)[•●◦▪‣]\s*(.*)$")
_EXAMPLES = re.compile(r"^\s*Examples(?: of (?P<title>.+?))?(?: include)?:?\s*$", re.I)
_FOOTNOTE = re.compile(r"^\s*(\d{1,3})\.\s+(.+)$")
_MARKER = re.compile(r"\[(\d{1,3})\]")
_SEE_ALSO = re.compile(r"\bSee also\s+")
_ABBREVIATIONS = ("Mrs.", "Mr.", "Ms.", "Dr.", "St.", "vs.", "Jr.", "Sr.")
_INVERSE = re.compile(r"\b(?:the\s+)?(?:reverse|opposite|inverse) of [^,.;]+? is (?P<name>[^,.;]+)", re.I)
_QUOTE_CHARS = "\"“'‘"


@dataclass(slots=True)
class Converted:
    markup: str
    report: ImportReport


def looks_like_plaintext(text: str) -> bool:
    """True for text in the seed's shape: `•` bullets or an "Examples of … include:" line."""
    head = text[:20000]
    return "•" in head or bool(re.search(r"^\s*Examples of .+ include:?\s*$", head, re.M))


class _Writer:
    """Turns lines of plain text into markup lines: escapes syntax, marks titles and known names,
    and puts footnotes where their markers stand."""

    def __init__(
        self, known: Container[str], exclude: set[str], footnotes: dict[int, str], report: ImportReport
    ):
        self.known = known
        self.exclude = exclude
        self.footnotes = footnotes
        self.used: set[int] = set()
        self.report = report
        self.works: dict[str, str] = {}  # titles written so far, by WikiWord: later mentions spell them alike

    def text(
        self, text: str, line: int, marks: list[tuple[int, int, str]] | None = None, names: str = "all"
    ) -> str:
        """Escape `text`, replacing the spans in `marks` (start, end, markup) and footnote markers.

        Known names become links: `names` is "all", "multiword" (one word alone is too often an
        ordinary word in example prose) or "none" (quotations are kept as said).
        """
        spans = list(marks or [])
        taken = [(s, e) for s, e, _ in spans]
        if names != "none":
            for s, e in known_names(text, self.known, self.exclude):
                single = " " not in text[s:e]
                if not any(s < te and ts < e for ts, te in taken) and not (single and names == "multiword"):
                    spans.append((s, e, "{{" + text[s:e] + "}}"))
        for m in _MARKER.finditer(text):
            n = int(m.group(1))
            if n in self.footnotes and not any(m.start() < te and ts < m.end() for ts, te in taken):
                spans.append(
                    (m.start(), m.end(), "[[note]]" + escape_inline(self.footnotes[n]) + "[[/note]]")
                )
                self.used.add(n)
                self.report.guesses.append(f"line {line}: footnote [{n}] placed at its marker")
        spans.sort()
        out: list[str] = []
        pos = 0
        for s, e, markup in spans:
            out.append(escape_inline(text[pos:s]))
            out.append(markup)
            pos = e
        out.append(escape_inline(text[pos:]))
        return _mark(line) + escape_line_start(join_markup(out))


def convert(text: str, source: str = "<text>", known: Container[str] = ()) -> Converted:
    """Convert a plain-text copy of a trope page. `known` holds lower-case WikiWords of existing page
    names: known names in the prose become links, and names in "See also" lists are split by them."""
    text = text.replace("\x00", "")  # the line marks below use it; a NUL is no text anyway
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    report = ImportReport(source=source, format="plaintext")
    footnotes, body_end = _footnotes(lines)
    header_at = next((i for i in range(body_end) if _EXAMPLES.match(lines[i])), None)
    title = None
    if header_at is not None and _EXAMPLES.match(lines[header_at]).group("title"):
        title = _EXAMPLES.match(lines[header_at]).group("title").strip()
    report.title = title
    report.page = f"Main/{to_wikiword(title)}" if title else None
    exclude = {to_wikiword(title).lower()} if title else set()
    if title:
        exclude |= {to_wikiword(w).lower() for w in title.split()}
    writer = _Writer(known, exclude, footnotes, report)
    out: list[str] = []
    head_end = header_at if header_at is not None else body_end
    out += _head(lines[:head_end], writer, known, report)
    if header_at is not None:
        header = _mark(header_at + 1) + "!!" + escape_inline(lines[header_at].strip())
        out += ["", "----", header, "[[foldercontrol]]"]
        out += _body(lines, header_at + 1, body_end, writer, exclude, report)
    unused = sorted(set(footnotes) - writer.used)
    if unused:  # a note without its marker: shown as a plain note at the end, not a number pointing nowhere
        out += ["", "----", "!!Notes"]
    for n in unused:
        out += ["", f"%% Footnote {n} of the plain-text copy had no marker left in the text.",
                escape_inline(footnotes[n])]  # fmt: skip
        report.guesses.append(f"footnote {n}: no [{n}] marker in the text; kept at the end of the page")
    markup, report.source_lines = _unmark("\n".join(out).strip("\n"))
    return Converted(markup + "\n", report)


#: a source line's number, put before the markup written for it and taken out at the end
_MARK = re.compile("\x00(\\d+)\x00")


def _mark(line: int) -> str:
    return f"\x00{line}\x00"


def _unmark(markup: str) -> tuple[str, list[int]]:
    """The markup without its line marks, and the source line of each markup line: a line without a
    mark (a blank, a folder's end) gets the source line of the next marked line, or the last one."""
    out: list[str] = []
    numbers: list[int] = []
    for line in markup.split("\n"):
        m = _MARK.search(line)
        numbers.append(int(m.group(1)) if m else 0)
        out.append(_MARK.sub("", line) if m else line)
    following = 0
    for i in range(len(numbers) - 1, -1, -1):
        following = numbers[i] = numbers[i] or following
    last = 0
    for i, number in enumerate(numbers):
        last = numbers[i] = number or last
    return "\n".join(out), numbers


def _footnotes(lines: list[str]) -> tuple[dict[int, str], int]:
    """Numbered notes at the end of the text (1., 2., … in order) and where the body ends."""
    end = len(lines)
    while end and not lines[end - 1].strip():
        end -= 1
    notes: list[tuple[int, str]] = []
    i = end
    while i and _FOOTNOTE.match(lines[i - 1]) and not _BULLET.match(lines[i - 1]):
        m = _FOOTNOTE.match(lines[i - 1])
        notes.append((int(m.group(1)), m.group(2).strip()))
        i -= 1
    notes.reverse()
    if not notes or [n for n, _ in notes] != list(range(1, len(notes) + 1)):
        return {}, end
    return dict(notes), i


def _paragraphs(lines: list[str], offset: int) -> list[list[tuple[int, str]]]:
    paragraphs: list[list[tuple[int, str]]] = []
    current: list[tuple[int, str]] = []
    for i, raw in enumerate(lines):
        if raw.strip():
            current.append((offset + i + 1, raw.strip()))
        elif current:
            paragraphs.append(current)
            current = []
    if current:
        paragraphs.append(current)
    return paragraphs


def _is_attribution(line: str) -> bool:
    return (len(line) <= 150 and not line.endswith((".", "!", "?", ":"))) or line.lstrip().startswith(
        ("—", "--")
    )


def _quote(paragraph: list[tuple[int, str]], writer: _Writer) -> list[str] | None:
    """A two-line paragraph whose second line reads as an attribution is a quote."""
    if len(paragraph) != 2 or not _is_attribution(paragraph[1][1]):
        return None
    (n1, text), (n2, source) = paragraph
    if not (text[:1] in _QUOTE_CHARS or len(text) > len(source)):
        return None
    writer.report.guesses.append(f"line {n1}: quote, attributed to {source!r} (line {n2})")
    return [
        "->" + writer.text(text, n1, names="none"),
        "-->-- " + writer.text(source.lstrip("—- "), n2, names="none"),
    ]


def _head(lines: list[str], writer: _Writer, known: Container[str], report: ImportReport) -> list[str]:
    out: list[str] = []
    for k, paragraph in enumerate(_paragraphs(lines, 0)):
        quote = _quote(paragraph, writer) if k == 0 else None
        if quote:
            out += [*quote, ""]
            continue
        for n, line in paragraph:
            out.append(_description_line(line, n, writer, known, report))
        out.append("")
    return out


def _description_line(line: str, n: int, writer: _Writer, known: Container[str], report: ImportReport) -> str:
    marks: list[tuple[int, int, str]] = []
    m = _SEE_ALSO.search(line)
    if m:
        items = _see_also_items(line, m.end(), known)
        for s, e in items:
            marks.append((s, e, "{{" + line[s:e] + "}}"))
        report.guesses.append(f"line {n}: 'See also' list of {len(items)} tropes made into links")
    inv = _INVERSE.search(line)
    if inv and not any(s <= inv.start("name") < e for s, e, _ in marks):
        name = inv.group("name").strip()
        s = inv.start("name") + (len(inv.group("name")) - len(inv.group("name").lstrip()))
        marks.append((s, s + len(name), "{{" + name + "}}"))
        report.guesses.append(f"line {n}: {name!r} read as the inverse trope and made a link")
    return writer.text(line, n, marks)


def _see_also_items(line: str, start: int, known: Container[str]) -> list[tuple[int, int]]:
    """Spans of the names in a "See also A, B, and C." list. Pieces split at commas are joined back
    when together they make a known name ("Please, I Will Do Anything!")."""
    end = start
    while True:
        dot = line.find(". ", end)
        if dot < 0:
            end = len(line.rstrip(". "))
            break
        if line[: dot + 1].endswith(_ABBREVIATIONS):
            end = dot + 1
            continue
        end = dot
        break
    pieces: list[tuple[int, int]] = []
    for m in re.finditer(r"[^,]+", line[start:end]):
        s, e = start + m.start(), start + m.end()
        piece = line[s:e]
        lead = len(piece) - len(piece.lstrip())
        piece = piece.strip()
        if piece.startswith("and "):
            lead += 4
            piece = piece[4:]
        elif piece.startswith("or "):
            lead += 3
            piece = piece[3:]
        if piece:
            pieces.append((s + lead, s + lead + len(piece)))
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(pieces):
        j = i
        for k in range(min(len(pieces), i + 4) - 1, i, -1):
            if to_wikiword(line[pieces[i][0] : pieces[k][1]]).lower() in known:
                j = k
                break
        spans.append((pieces[i][0], pieces[j][1]))
        i = j + 1
    return spans


def _body(lines, start, end, writer: _Writer, exclude: set[str], report: ImportReport) -> list[str]:
    out: list[str] = []
    open_folder = False
    blank_run = 0
    section_bullets = 0
    i = start

    def close() -> None:
        nonlocal open_folder
        if open_folder:
            out.append("[[/folder]]")
            open_folder = False

    def open_section(label: str | None, line: int) -> None:
        nonlocal open_folder, section_bullets
        close()
        out.append("")
        if label is None:
            out.append("%% The header of this section was lost in the plain-text copy.")
            report.guesses.append(f"line {line}: bullets set apart by blank lines kept as their own section")
        out.append(_mark(line) + f"[[folder:{escape_inline(label) if label else ''}]]")
        open_folder = True
        section_bullets = 0
        report.sections.append(f"line {line}: {label if label else '(header lost)'}")

    while i < end:
        raw = lines[i]
        number = i + 1
        if not raw.strip():
            blank_run += 1
            i += 1
            continue
        bullet = _BULLET.match(raw)
        if bullet:
            if not open_folder or blank_run >= 2:
                open_section(None, number)
            depth = max(1, len(bullet.group(1).expandtabs(2)) // 2)
            out.append("*" * depth + " " + _example(bullet.group(2).strip(), number, writer, exclude))
            section_bullets += 1
            report.bullets += 1
        else:
            stripped = raw.strip()
            following_blank = i + 1 >= end or not lines[i + 1].strip()
            is_title = following_blank and len(stripped) <= 60 and not stripped.endswith((".", ",", ";"))
            if is_title or medium_for_label(stripped):
                open_section(stripped, number)
            else:
                paragraph = [(number, stripped)]
                while i + 1 < end and lines[i + 1].strip() and not _BULLET.match(lines[i + 1]):
                    i += 1
                    paragraph.append((i + 1, lines[i].strip()))
                quote = _quote(paragraph, writer)
                if quote:
                    out += quote
                else:
                    for n, text in paragraph:
                        out.append(writer.text(text, n))
                        report.kept_plain.append(f"line {n}: {text[:60]}")
                out.append("")
        blank_run = 0
        i += 1
    close()
    return out


def _example(text: str, line: int, writer: _Writer, exclude: set[str]) -> str:
    found = find_work(text, _Union(writer.known, exclude))
    if found is None:
        writer.report.guesses.append(f"line {line}: no work title found")
        return writer.text(text, line, names="multiword")
    title = writer.works.setdefault(to_wikiword(found.title).lower(), found.title)
    rule = found.rule if title == found.title else f"{found.rule}; spelled as on line before"
    writer.report.guesses.append(f"line {line}: work {title!r} ({rule})")
    return writer.text(text, line, [(found.start, found.end, italic(title))], names="multiword")


class _Union:
    """Membership in either of two containers, without copying the large one."""

    def __init__(self, a: Container[str], b: Container[str]) -> None:
        self.a, self.b = a, b

    def __contains__(self, key: object) -> bool:
        return key in self.a or key in self.b
