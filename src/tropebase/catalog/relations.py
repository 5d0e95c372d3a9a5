"""Relations and aliases read from a trope's description prose.

Relations live only in prose on TV Tropes ("See also …", "Compare …", "Subtrope of …", "The reverse
of X is Y"), so they are read from the text around links: a phrase opens a relation kind, the links
after it are its targets, and the end of the sentence closes it.

Kinds are read from this page's side: `supertrope` means the target is this trope's supertrope,
`subtrope` that the target is one of its subtropes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..markup.nodes import Link, Note, Spoiler, Styled, Text
from .facts import Relation

_EVENTS = re.compile(
    r"(?P<see_also>\bsee also\b|\bsee\b(?=\s*$)|\bsister tropes?\b|\brelated to\b)"
    r"|(?P<compare>\bcompare(?:d)?(?: with| to)?\b)"
    r"|(?P<contrast>\bcontrast(?:ed)?(?: with| to)?\b)"
    r"|(?P<supertrope>\b(?:a\s+)?sub-?trope (?:of|to)\b|\bis a (?:type|form|kind|variant|subtrope) of\b)"
    r"|(?P<subtrope>\bsuper-?trope (?:of|to)\b|\bsub-?tropes?(?: include)?:|\bsub-?tropes include\b)"
    r"|(?P<inverse_of>\b(?:the\s+)?(?:inverse|reverse|opposite|inversion)(?: trope)? (?:of|to)\b)"
    r"|(?P<inverse>\binverted trope\b)"
    r"|(?P<end>[.;!?](?=\s|$))",
    re.I,
)
_ABBREVIATION_END = re.compile(r"\b(?:Mrs|Mr|Ms|Dr|St|vs|Jr|Sr)$")
_IS = re.compile(r"\bis\b", re.I)
_STOP = re.compile(r"[.;]")


class _Ahead:
    """The first match of a pattern at or after a position, remembered: the positions asked for only
    grow, so each stretch of text is searched once (searching afresh after every "the inverse of" up to
    the next "is" or full stop would be quadratic)."""

    __slots__ = ("asked", "found", "pattern", "text")

    def __init__(self, pattern: re.Pattern[str], text: str) -> None:
        self.pattern, self.text = pattern, text
        self.asked = self.found = -1

    def __call__(self, pos: int) -> int:
        """Where the first match at or after `pos` starts, or -1."""
        if self.asked < 0 or pos < self.asked or 0 <= self.found < pos:
            m = self.pattern.search(self.text, pos)
            self.found = m.start() if m else -1
        self.asked = pos
        return self.found


def events(text: str) -> Iterator[tuple[str, int, int]]:
    """(event, start, end) of each relation phrase and sentence end in `text`, in order, in linear time.

    "The inverse of X is Y" reads as one phrase up to its "is" when the "is" comes before the next full
    stop or semicolon (so "Y" is the target, not a phrase inside it); a full stop after "Mr", "Dr"…
    does not end the sentence.
    """
    next_is, next_stop = _Ahead(_IS, text), _Ahead(_STOP, text)
    pos = 0
    while (m := _EVENTS.search(text, pos)) is not None:
        event, end = m.lastgroup, m.end()
        if event == "inverse_of":
            event = "inverse"
            is_at, stop_at = next_is(end), next_stop(end)
            if is_at >= 0 and (stop_at < 0 or is_at + 2 <= stop_at):
                end = is_at + 2
        elif event == "end" and _ABBREVIATION_END.search(text, max(0, m.start() - 8), m.start()):
            # only the few characters before the stop can hold "Mrs" (searching all the text before
            # every stop was quadratic: 37,000 "a. " took a minute)
            event = "abbreviation"
        yield event, m.start(), end
        pos = end


def relations_in(
    nodes: list,
    line: int,
    found: list[Relation],
    mode: str | None = None,
    seen: set[tuple[str, str]] | None = None,
) -> str | None:
    """Append the relations in these inline nodes to `found`; returns the kind still open at the end
    (a list item after "Subtropes:" continues it). `seen` holds the (kind, target) pairs already in
    `found`; pass the same set on every call for one page, else each call builds it from `found`."""
    if seen is None:
        seen = {(r.kind, r.target) for r in found}
    for node in nodes:
        kind = type(node)
        if kind is Text:
            for event, _start, _end in events(node.text):
                if event == "end":
                    mode = None
                elif event != "abbreviation":
                    mode = event
        elif kind is Link:
            wanted = mode and node.target.startswith("Main/") and node.form != "redirect"
            if wanted and (mode, node.target) not in seen:
                seen.add((mode, node.target))
                found.append(Relation(mode, node.target, line))
        elif kind in (Styled, Spoiler):
            mode = relations_in(node.children, line, found, mode, seen)
        elif kind is Note:
            continue
    return mode


_LEAD_NAME = re.compile(r"^\s*(?P<name>[^\s(][^(.:;]{0,60}?)\s*\((?P<inside>[^)]{1,200})\)")
_ABBREVIATED = re.compile(
    r"\b(?:abbreviated|shortened|contracted) (?:as|to) [\"“]?(?P<abbr>[\w.\-]{1,20}?)[\"”]?(?=[\s,;.)]|$)",
    re.I,
)
_CALLED = re.compile(
    r"\b(?:also|sometimes|often|commonly)\s+(?:called|known as|referred to as)\s+[\"“](?P<quoted>[^\"”]{1,60})[\"”]",
    re.I,
)


def _foreign_script(text: str) -> bool:
    return any(ord(ch) > 0x2E7F for ch in text)


def aliases_in(text: str, title: str) -> list[str]:
    """Other names the description gives the trope: the name it opens with, a name in another script in
    the parentheses after it, abbreviations ("abbreviated as NTR") and quoted "also called" names."""
    found: list[str] = []
    m = _LEAD_NAME.match(text)
    if m:
        name = m.group("name").strip()
        if 0 < len(name.split()) <= 6 and name[:1].isupper():
            found.append(name)
        for part in re.split(r"[,;]", m.group("inside")):
            part = part.strip()
            if part and _foreign_script(part):
                found.append(part)
                break
    found += [m.group("abbr").rstrip(".") for m in _ABBREVIATED.finditer(text)]
    found += [m.group("quoted").strip() for m in _CALLED.finditer(text)]
    plain_title = _ARTICLE.sub("", title).lower()
    out = dict.fromkeys(name for name in found if _ARTICLE.sub("", name).lower() != plain_title)
    return list(out)  # first-seen order, each name once (a dict, not a list scan: linear in the count)


_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.I)
