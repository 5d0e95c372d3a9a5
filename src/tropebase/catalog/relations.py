"""Relations and aliases read from a trope's description prose.

Relations live only in prose on TV Tropes ("See also …", "Compare …", "Subtrope of …", "The reverse
of X is Y"), so they are read from the text around links: a phrase opens a relation kind, the links
after it are its targets, and the end of the sentence closes it.

Kinds are read from this page's side: `supertrope` means the target is this trope's supertrope,
`subtrope` that the target is one of its subtropes.
"""

from __future__ import annotations

import re

from ..markup.nodes import Link, Note, Spoiler, Styled, Text
from .facts import Relation

_EVENTS = re.compile(
    r"(?P<see_also>\bsee also\b|\bsee\b(?=\s*$)|\bsister tropes?\b|\brelated to\b)"
    r"|(?P<compare>\bcompare(?:d)?(?: with| to)?\b)"
    r"|(?P<contrast>\bcontrast(?:ed)?(?: with| to)?\b)"
    r"|(?P<supertrope>\b(?:a\s+)?sub-?trope (?:of|to)\b|\bis a (?:type|form|kind|variant|subtrope) of\b)"
    r"|(?P<subtrope>\bsuper-?trope (?:of|to)\b|\bsub-?tropes?(?: include)?:|\bsub-?tropes include\b)"
    r"|(?P<inverse>\b(?:the\s+)?(?:inverse|reverse|opposite|inversion)(?: trope)? (?:of|to)\b(?:[^.;]*?\bis\b)?"
    r"|\binverted trope\b)"
    r"|(?P<end>[.;!?](?=\s|$))",
    re.I,
)
_ABBREVIATION_END = re.compile(r"\b(?:Mrs|Mr|Ms|Dr|St|vs|Jr|Sr)$")


def relations_in(nodes: list, line: int, found: list[Relation], mode: str | None = None) -> str | None:
    """Append the relations in these inline nodes to `found`; returns the kind still open at the end
    (a list item after "Subtropes:" continues it)."""
    for node in nodes:
        kind = type(node)
        if kind is Text:
            for m in _EVENTS.finditer(node.text):
                event = m.lastgroup
                if event == "end":
                    if not _ABBREVIATION_END.search(node.text[: m.start()]):
                        mode = None
                else:
                    mode = event
        elif kind is Link:
            wanted = mode and node.target.startswith("Main/") and node.form != "redirect"
            if wanted and not any(r.kind == mode and r.target == node.target for r in found):
                found.append(Relation(mode, node.target, line))
        elif kind in (Styled, Spoiler):
            mode = relations_in(node.children, line, found, mode)
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
    out: list[str] = []
    plain_title = _ARTICLE.sub("", title).lower()
    for name in found:
        if _ARTICLE.sub("", name).lower() != plain_title and name not in out:
            out.append(name)
    return out


_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.I)
