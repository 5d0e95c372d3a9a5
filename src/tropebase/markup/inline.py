"""Inline phase: the text of one block → a list of inline nodes.

One left-to-right scan with a single token regex and a stack of open constructs. Every token is pushed
and popped at most once, and an opener that is never closed is put back as the literal text it was
(its children move up to its parent in one pass), so the work is linear in the input whatever its shape.
Nesting deeper than MAX_DEPTH is kept as literal text, which bounds every recursive reader of the tree.
"""

from __future__ import annotations

import re

from .names import NAMESPACES, WIKIWORD, WIKIWORD_TAIL, normalise_target, to_wikiword
from .nodes import (
    Anchor,
    Caption,
    Comment,
    ExternalLink,
    Image,
    Inline,
    LineBreak,
    Link,
    Note,
    Spoiler,
    Styled,
    Text,
)

MAX_DEPTH = 32

_NS_ALT = "|".join(sorted(NAMESPACES, key=len, reverse=True))

# The token pattern starts with one character class so that the regex engine can skip plain text in C
# (its "charset prefix" scan); each branch then checks, by lookbehind, which character that was.
# `(?<![\w/.].)` after the first character means "the token starts a word".
_TOKEN = re.compile(
    r"""
    [\[\]'@\-{\\%A-Zhm]
    (?:(?<=\[)(?:(?P<esc>=)|(?P<open>\[))
      |(?<=-)(?P<smallclose>-\]\])
      |(?<=\])(?P<close>\])
      |(?<=')(?P<quotes>'+)
      |(?<=@)(?P<mono>@)
      |(?<=\{)(?P<curly>\{[^{}\n]{1,200}\}\}[a-z]*)
      |(?<=[A-Z])(?<![\w/.].)(?P<nscurly>[A-Za-z0-9]*[/.]\{\{[^{}\n]{1,200}\}\}[a-z]*)
      |(?<=[hm])(?<![\w/].)(?P<url>(?:(?<=h)ttps?://|(?<=m)ailto:)[^\s<>\[\]"'{}|\\^`]+)
      |(?<=[A-Z])(?<![\w.\#].)(?P<ww>(?:(?<=[A-Z])[A-Za-z0-9]*[/.][A-Za-z0-9]+
                                  |(?<=[A-Z])WWTAIL)
                                  (?:\#[\w-]+)?)
      |(?<=\\)(?P<br>\\(?=\n|$))
      |(?<=%)(?P<comment>%[^\n]*)
    )
    """.replace("WWTAIL", WIKIWORD_TAIL),
    re.X,
)
# Details of the tokens above, read only when one is found.
# `Group/Name` with a capitalised group is one link on TV Tropes (HoYay/Naruto, MultipleEndings/Undertale,
# Naruto/TropesAToC), when the group or the name is a WikiWord.
_SPLIT_PAGE = re.compile(r"/([A-Z][A-Za-z0-9]*)(?:#([\w-]+))?")
_GROUP_PAGE = re.compile(r"([A-Z][A-Za-z0-9]*)/(" + WIKIWORD + r")(?:#([\w-]+))?")
_CURLY = re.compile(r"(?:([A-Z][A-Za-z0-9]*)[/.])?\{\{([^{}\n]{1,200})\}\}([a-z]*)")
_WIKIWORD = re.compile(
    r"(?:((?i:NSALT))[/.]([A-Za-z0-9]+)|(WIKIWORD))"
    r"(?:\#([\w-]+))?".replace("NSALT", _NS_ALT).replace("WIKIWORD", WIKIWORD)
)

_DIRECTIVE = re.compile(
    r"""
     (?P<spoiler>spoiler:)
    |(?P<note>note\]\])
    |(?P<endnote>/note\]\])
    |(?P<labelnote>labelnote:(?P<nlabel>[^\]\n]{1,200})\]\])
    |(?P<endlabelnote>/labelnote\]\])
    |(?P<style>(?:strike|AC|center|red|blue|green|subscript|superscript|rtl):)
    |(?P<small>--)
    |(?P<img>quoteright:(?P<iw>\d{1,4}):(?P<iurl>https?://[^\s\[\]"'<>]{1,2000})\]\])
    |(?P<linkedimg>quoteright:(?P<lw>\d{1,4}):\[\[(?P<ltarget>[^\s\[\]{}|'"<>]{1,300})[ \t]+
                   (?P<lurl>https?://[^\s\[\]"'<>]{1,2000})\]\]\]\])
    |(?P<cap>caption-width-right:(?P<cw>\d{1,4}):)
    |(?P<redirect>redirect:(?P<rtarget>[^\s\[\]{}|:'"<>]{1,300})\]\])
    |(?P<anchor>\#(?P<aname>[\w-]{1,100})\]\])
    |(?P<ext>(?P<eurl>(?:https?://|mailto:)[^\s\[\]"'<>]{1,2000})(?:[ \t]+|(?=\]\])))
    |(?P<pot>(?P<ptarget>(?:[A-Za-z0-9]+[/.])?\{\{[^{}\n]{1,200}\}\}|[A-Za-z0-9][^\s\[\]{}|:'"<>]{0,300})
             (?:[ \t]+|(?=\]\])))
    """,
    re.X | re.I,
)

_STYLES = {
    s.lower(): s
    for s in ("strike", "AC", "center", "red", "blue", "green", "subscript", "superscript", "rtl")
}
_RESERVED = frozenset({"index", "foldercontrol", "note", "labelnote", "folder", "quoteblock", "spoiler"})
_URL_TRAILING = ".,;:!?)'\""
_URL_OK = re.compile(r"(?:https?://|mailto:)\S+")

# Closer keys: what ends each open construct.
_BRACKET, _ITALIC, _BOLD, _MONO, _SMALL, _NOTE, _LABELNOTE = "]]", "i", "b", "@@", "--]]", "/note", "/ln"


class _Frame:
    __slots__ = ("children", "closer", "link", "literal", "node")

    def __init__(self, node: Inline, closer: str, literal: str) -> None:
        self.node = node
        self.children: list = node.children  # type: ignore[union-attr]
        self.closer = closer
        self.literal = literal
        self.link = type(node) is Link or type(node) is ExternalLink


def curly_link(ns: str | None, body: str, tail: str) -> Link:
    """`{{wiki word|more}}tail` → a link to WikiWordMore shown as "wiki word" + tail."""
    parts = body.split("|")
    if not ns:  # {{VideoGame/Runescape}}, {{TheAtoner/Webcomics}}: a namespace inside the braces
        head, sep, rest = parts[0].partition("/")
        if sep and head.strip() and rest.strip():
            ns, parts = head.strip(), [rest, *parts[1:]]
    # what follows `|` is appended as written: {{Happy End|ing}} → HappyEnding, {{Downplayed|trope}} → Downplayedtrope
    name = to_wikiword(parts[0]) + "".join(_as_written(p) for p in parts[1:])
    target, anchor = normalise_target(f"{ns}/{name}" if ns else name)
    return Link(target, "curly", [Text(parts[0] + tail)], anchor)


def _as_written(part: str) -> str:
    word = to_wikiword(part)
    first = next((ch for ch in part if ch.isalnum()), "")
    return first + word[1:] if word else ""


def parse_inline(text: str) -> list[Inline]:
    """Parse the inline markup of one block. Never raises; unknown or unclosed markup stays as text."""
    root: list = []
    children = root
    stack: list[_Frame] = []
    open_count: dict[str, int] = dict.fromkeys(
        (_BRACKET, _ITALIC, _BOLD, _MONO, _SMALL, _NOTE, _LABELNOTE), 0
    )
    esc_end = -2  # cache of the next "=]" so repeated unclosed "[=" stay linear
    pos = 0
    n = len(text)
    search = _TOKEN.search
    directive = _DIRECTIVE.match

    def push(node: Inline, closer: str, literal: str) -> None:
        nonlocal children
        frame = _Frame(node, closer, literal)
        stack.append(frame)
        open_count[closer] += 1
        children = frame.children

    def close(closer: str) -> None:
        """Close the innermost construct ended by `closer`; constructs opened inside it and never
        closed go back to being text."""
        nonlocal children
        unclosed = []
        while True:
            frame = stack.pop()
            open_count[frame.closer] -= 1
            if frame.closer == closer:
                break
            unclosed.append(frame)
        body = frame.children
        for u in reversed(unclosed):
            body.append(u.literal)
            body.extend(u.children)
        _merge_text(body)
        children = stack[-1].children if stack else root
        children.append(frame.node)

    def toggle(style: str, closer: str, literal: str) -> None:
        if open_count[closer]:
            close(closer)
        elif len(stack) < MAX_DEPTH:
            push(Styled(style), closer, literal)
        else:
            children.append(literal)

    while pos < n:
        m = search(text, pos)
        if m is None:
            children.append(text[pos:])
            break
        start, end = m.span()
        if start > pos:
            children.append(text[pos:start])
        kind = m.lastgroup
        pos = end

        if kind in ("ww", "curly", "nscurly", "url") and any(f.link for f in stack):
            # inside a link's display text, names and addresses are just text, as on TV Tropes
            children.append(text[start:end])
            continue
        if kind == "ww":
            w = _WIKIWORD.match(text, start, end)
            if w is None:
                g = _GROUP_PAGE.match(text, start, end)
                if g:  # Naruto/TropesAToC: a group that is not a WikiWord, a name that is
                    pos = g.end()
                    children.append(Link(f"{g.group(1)}/{g.group(2)}", "wikiword", [], g.group(3)))
                    continue
                # `Word/Name` whose Word is neither a namespace nor a WikiWord: look on
                children.append(text[start])
                pos = start + 1
                continue
            pos = w.end()
            ns, name, word, anchor = w.groups()
            split = _SPLIT_PAGE.match(text, pos) if word and not anchor else None
            if split:  # TheAvengers/TropesAToD, StalkerWithACrush/VideoGames: one page, split off
                word, anchor, pos = f"{word}/{split.group(1)}", split.group(2), split.end()
            target, _ = normalise_target(f"{ns}/{name}" if ns else word)
            children.append(Link(target, "wikiword", [], anchor))
        elif kind == "quotes":
            run = end - start
            if run == 2:
                toggle("italic", _ITALIC, "''")
            elif run == 3:
                toggle("bold", _BOLD, "'''")
            elif run == 4:
                children.append("'")
                toggle("bold", _BOLD, "'''")
            else:
                if run > 5:
                    children.append("'" * (run - 5))
                italic, bold = open_count[_ITALIC], open_count[_BOLD]
                if italic and bold:
                    inner = next(f.closer for f in reversed(stack) if f.closer in (_ITALIC, _BOLD))
                    close(inner)
                    close(_BOLD if inner == _ITALIC else _ITALIC)
                elif italic:
                    close(_ITALIC)
                    toggle("bold", _BOLD, "'''")
                elif bold:
                    close(_BOLD)
                    toggle("italic", _ITALIC, "''")
                elif _next_run(text, end) == 3:  # '''''x''' y'': bold is the inner one
                    toggle("italic", _ITALIC, "''")
                    toggle("bold", _BOLD, "'''")
                else:
                    toggle("bold", _BOLD, "'''")
                    toggle("italic", _ITALIC, "''")
        elif kind == "close":
            if open_count[_BRACKET]:
                close(_BRACKET)
            else:
                children.append("]]")
        elif kind == "open":
            d = directive(text, end)
            if d is None or (len(stack) >= MAX_DEPTH and d.lastgroup not in ("endnote", "endlabelnote")):
                children.append("[[")
                continue
            dkind = d.lastgroup
            literal = text[start : d.end()]
            pos = d.end()
            if dkind == "pot":
                raw = d.group("ptarget")
                if raw.lower() in _RESERVED:  # a block directive out of place is not a link
                    children.append("[[")
                    pos = end
                    continue
                if "{{" in raw:
                    ns, _, rest = raw.partition("{{")
                    link = curly_link(ns.rstrip("/.") or None, rest[:-2], "")
                    link.form, link.children = "pothole", []
                else:
                    target, anchor = normalise_target(raw)
                    link = Link(target, "pothole", [], anchor)
                push(link, _BRACKET, literal)
            elif dkind == "spoiler":
                push(Spoiler(), _BRACKET, literal)
            elif dkind == "style":
                push(Styled(_STYLES[d.group("style")[:-1].lower()]), _BRACKET, literal)
            elif dkind == "ext":
                push(ExternalLink(d.group("eurl")), _BRACKET, literal)
            elif dkind == "note":
                push(Note(None), _NOTE, literal)
            elif dkind == "labelnote":
                push(Note(d.group("nlabel")), _LABELNOTE, literal)
            elif dkind == "endnote" or dkind == "endlabelnote":
                closer = _NOTE if dkind == "endnote" else _LABELNOTE
                if open_count[closer]:
                    close(closer)
                else:
                    children.append(literal)
            elif dkind == "small":
                push(Styled("small"), _SMALL, literal)
            elif dkind == "cap":
                push(Caption(int(d.group("cw"))), _BRACKET, literal)
            elif dkind == "img":
                children.append(Image(int(d.group("iw")), d.group("iurl")))
            elif dkind == "linkedimg":  # [[quoteright:W:[[Target URL]]]]: the image links somewhere
                image = Image(int(d.group("lw")), d.group("lurl"))
                raw = d.group("ltarget")
                if _URL_OK.fullmatch(raw):
                    children.append(ExternalLink(raw, [image]))
                else:
                    target, anchor = normalise_target(raw)
                    children.append(Link(target, "pothole", [image], anchor))
            elif dkind == "redirect":
                target, anchor = normalise_target(d.group("rtarget"))
                children.append(Link(target, "redirect", [], anchor))
            else:  # anchor
                children.append(Anchor(d.group("aname")))
        elif kind == "esc":
            if esc_end != -1 and esc_end < end:
                esc_end = text.find("=]", end)
            if esc_end == -1:
                children.append("[=")
                continue
            body = text[end:esc_end]
            pos = esc_end + 2
            if len(body) > 2 and body[0] == "~" and body[-1] == "~":
                title = body[1:-1]
                children.append(Link(f"Ptitle/{to_wikiword(title)}", "ptitle", [Text(title)]))
            else:
                children.append(body)
        elif kind == "curly" or kind == "nscurly":
            c = _CURLY.fullmatch(text, start, end)
            children.append(curly_link(c.group(1), c.group(2), c.group(3)))
        elif kind == "url":
            url = text[start:end]
            trimmed = url.rstrip(_URL_TRAILING)
            if len(trimmed) < len(url):
                pos = start + len(trimmed)
            if _URL_OK.fullmatch(trimmed):
                children.append(ExternalLink(trimmed))
            else:
                children.append(trimmed)
        elif kind == "mono":
            toggle("mono", _MONO, "@@")
        elif kind == "smallclose":
            if open_count[_SMALL]:
                close(_SMALL)
            else:
                children.append("--")
                pos = start + 2
        elif kind == "br":
            children.append(LineBreak())
        else:  # comment
            children.append(Comment(text[start + 2 : end].strip()))

    for frame in stack:  # still open at the end of the block: never a construct. Outermost first.
        root.append(frame.literal)
        root.extend(frame.children)
    _merge_text(root)
    return root


def _next_run(text: str, pos: int) -> int:
    """Length of the next run of two or more apostrophes after `pos` (0 if none). Each call scans only
    up to the next run, and runs are visited in order, so the scans add up to one pass."""
    i = text.find("''", pos)
    if i < 0:
        return 0
    j = i + 2
    while j < len(text) and text[j] == "'":
        j += 1
    return j - i


def _merge_text(items: list) -> None:
    """Turn runs of raw strings into single Text nodes, in place."""
    out: list = []
    run: list[str] = []
    for item in items:
        if type(item) is str:
            run.append(item)
        else:
            if run:
                out.append(Text("".join(run)))
                run = []
            out.append(item)
    if run:
        out.append(Text("".join(run)))
    items[:] = out
