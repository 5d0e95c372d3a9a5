"""Pages saved from tvtropes.org (2023 and 2024–25 layouts) → tropebase markup, with a report.

Only the article is read (`#main-article`): navigation, indexes, video examples and footers lie outside
it. Links are restored to the markup their author wrote — the `data-format` attribute holds it, base64
encoded — or, where it is missing, rebuilt from the link's address as a pothole. The titles TV Tropes
showed for links are kept in the report, since the markup alone does not carry them.
"""

from __future__ import annotations

import base64
import binascii
import codecs
import html
import re
from pathlib import Path
from urllib.parse import unquote

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ..markup import links, parse
from ..markup.names import MEDIA_NAMESPACES, canonical_namespace, normalise_target, spells, split_target
from ..sources import InputError
from .escape import escape_inline, escape_line_start, join_markup
from .plaintext import Converted
from .report import ImportReport

_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([\w-]+)""", re.I)
_WIKI_HREF = re.compile(r"(?:https?://tvtropes\.org)?/pmwiki/pmwiki\.php/([^/?#]+)/([^/?#]+)")
# An offline copy (HTTrack and the like) rewrites each address to a relative file, `../Ns/Name.html`,
# or `Name-2.html` when it saved the same page twice; the original address stays in the `title`.
_SAVED_FILE = re.compile(
    r"^(?:\.\./)*(?:[^/?#]*/)*?([A-Za-z][A-Za-z0-9]*)/([A-Za-z0-9][A-Za-z0-9_%]*?)(?:-\d+)?\.html?(?:#.*)?$"
)
_WIDTH = re.compile(r"width:\s*(\d+)px")
_SPACE = re.compile(r"[ \t\r\n\f\xa0]+")
_SKIP = frozenset({"script", "style", "noscript", "iframe", "form", "input", "button", "select", "nav"})
_STYLE_SPANS = {"asscaps": "AC", "center": "center"}


def _latin1_fallback(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    return exc.object[exc.start : exc.end].decode("latin-1"), exc.end


codecs.register_error("latin1fallback", _latin1_fallback)


def decode_html(data: bytes, source: str) -> str:
    """Bytes of a saved page → text: the charset the page declares, else UTF-8, else Windows-1252
    (the 2023 pages carry no declaration and are not UTF-8)."""
    declared = _CHARSET.search(data[:4096])
    candidates = [declared.group(1).decode("ascii", "replace")] if declared else []
    for encoding in [*candidates, "utf-8"]:
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    # Windows-1252, with the five bytes it leaves undefined read as Latin-1 rather than refused
    return data.decode("cp1252", errors="latin1fallback")


def wiki_address(node: LexborNode | None) -> tuple[str, str] | None:
    """(namespace, name) of the wiki page a link goes to, as written in its `href`, or — in an offline
    copy — in its `title` or the relative file its `href` was rewritten to."""
    if node is None:
        return None
    href = node.attributes.get("href") or ""
    m = _WIKI_HREF.match(href) or _WIKI_HREF.match(node.attributes.get("title") or "")
    if (
        m is None
        and _classes(node) & {"twikilink", "createlink"}
        and not href.startswith(("http:", "https:", "/"))
    ):
        m = _SAVED_FILE.match(href)
    return (unquote(m.group(1)), unquote(m.group(2))) if m else None


def looks_like_tvt_html(text: str) -> bool:
    head = text[:200000]
    return "<html" in head.lower() and ("pmwiki.php" in head or "main-article" in head)


class _Writer:
    """Walks the article's DOM and writes markup lines."""

    def __init__(self, report: ImportReport) -> None:
        self.lines: list[str] = []
        self.report = report
        self.titles: dict[str, str] = {}
        self.pending_label: str | None = None

    # -- blocks
    def blocks(self, node: LexborNode, quote_level: int = 1) -> None:
        run: list[LexborNode] = []  # inline content met at block level, written as one paragraph

        def flush() -> None:
            text = _SPACE.sub(" ", self.inline_seq(run)).strip()
            if text:
                self.lines += ["", escape_line_start(text), ""]
            run.clear()

        for child in node.iter(include_text=True):
            tag = child.tag
            if tag == "-comment":
                flush()
                content = (child.comment_content or "").strip()
                if content:
                    self.lines += [f"%% {line}" for line in content.splitlines() if line.strip()]
            elif tag in _SKIP:
                continue
            elif tag in ("p", "center"):
                flush()
                self.blocks(child, quote_level)
            elif tag == "hr":
                flush()
                self.lines += ["", "----", ""]
            elif tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
                flush()
                level = min(3, int(tag[1]))
                self.lines += ["", "!" * level + self.inline(child).strip(), ""]
            elif tag in ("ul", "ol"):
                flush()
                self.list(child, 1, ordered=tag == "ol")
            elif tag == "dl":
                flush()
                self.dl(child, 1, quote_level)
            elif tag == "div" and not _classes(child) & {"notelabel", "inlinefolder"}:
                flush()
                self.div(child, quote_level)
            elif tag == "blockquote":
                flush()
                self.quote(child, quote_level)
            else:
                run.append(child)
        flush()

    def div(self, node: LexborNode, quote_level: int) -> None:
        classes = (node.attributes.get("class") or "").split()
        if "folderlabel" in classes:
            if "toggleAllFolders" in (node.attributes.get("onclick") or ""):
                self.lines += ["", "[[foldercontrol]]"]
            else:
                self.pending_label = _SPACE.sub(" ", node.text()).strip()
        elif "folder" in classes:
            label = self.pending_label or ""
            self.pending_label = None
            self.lines += ["", f"[[folder:{label.replace(']]', '] ]')}]]"]
            self.blocks(node, quote_level)
            self.lines += ["[[/folder]]", ""]
            self.report.sections.append(label)
        elif "quoteright" in classes:
            img = node.css_first("img")
            width = _WIDTH.search(node.attributes.get("style") or "")
            src = img.attributes.get("src") if img else None
            if src and src.startswith(("http://", "https://")):
                image = src
                a = node.css_first("a")
                address = wiki_address(a)
                if address:  # the image links to a page: [[quoteright:W:[[Target URL]]]]
                    target, _ = normalise_target("/".join(address))
                    image = f"[[{target} {src}]]"
                self.lines += ["", f"[[quoteright:{width.group(1) if width else 350}:{image}]]"]
        elif "acaptionright" in classes:
            width = _WIDTH.search(node.attributes.get("style") or "")
            self.lines.append(
                f"[[caption-width-right:{width.group(1) if width else 350}:{self.inline(node).strip()}]]"
            )
        elif "indent" in classes:
            self.quote(node, quote_level)
        elif {"video-examples", "section-links", "legal", "ad", "proper-ad-unit"} & set(classes):
            return
        else:
            self.blocks(node, quote_level)

    def dl(self, node: LexborNode, depth: int, quote_level: int) -> None:
        """`<dl><dd>`: how a bullet deeper than its parent (`***` under `*`) is rendered; each `dd` is
        one level of indent, so its list is one level deeper."""
        for dd in node.iter():
            if dd.tag not in ("dd", "dt"):
                continue
            for child in dd.iter(include_text=True):
                if child.tag in ("ul", "ol"):
                    self.list(child, depth + 1, child.tag == "ol")
                elif child.tag == "dl":
                    self.dl(child, depth + 1, quote_level)
                elif child.tag == "-text" and not (child.text_content or "").strip():
                    continue
                else:
                    text = _SPACE.sub(" ", self.inline(child) if child.tag != "-text" else self.text(child))
                    if text.strip():
                        self.lines += ["", escape_line_start(text.strip()), ""]

    def quote(self, node: LexborNode, level: int) -> None:
        """`div.indent` → `->` quote; a nested indent (the attribution) one dash deeper."""
        own: list[LexborNode] = []
        nested: list[LexborNode] = []
        for child in node.iter(include_text=True):
            if child.tag in ("ul", "ol") or (child.tag == "div" and "indent" in _classes(child)):
                nested.append(child)
            else:
                own.append(child)
        text = _SPACE.sub(" ", self.inline_seq(own)).strip()
        self.lines.append("-" * level + ">" + text)
        for child in nested:
            if child.tag == "div":
                self.quote(child, level + 1)
            else:
                self.list(child, level, child.tag == "ol")

    def list(self, node: LexborNode, depth: int, ordered: bool) -> None:
        marker = "#" if ordered else "*"
        for item in node.iter():
            if item.tag != "li":
                if item.tag in ("ul", "ol"):  # a list directly inside a list
                    self.list(item, depth + 1, item.tag == "ol")
                continue
            own: list[LexborNode] = []
            nested: list[LexborNode] = []
            for child in item.iter(include_text=True):
                if child.tag in ("ul", "ol", "dl") or (child.tag == "div" and "indent" in _classes(child)):
                    nested.append(child)
                else:
                    own.append(child)
            text = _SPACE.sub(" ", self.inline_seq(own)).strip().replace("\\\\ ", "\\\\\n")
            self.lines.append(f"{marker * depth} {text}")
            self.report.bullets += 1
            for child in nested:
                if child.tag in ("ul", "ol"):
                    self.list(child, depth + 1, child.tag == "ol")
                elif child.tag == "dl":
                    self.dl(child, depth + 1, 1)
                else:
                    self.quote(child, depth + 1)

    # -- inline
    def text(self, node: LexborNode) -> str:
        return escape_inline((node.text_content or "").replace("\xa0", " "))

    def inline(self, node: LexborNode) -> str:
        return self.inline_seq(node.iter(include_text=True))

    def inline_seq(self, nodes) -> str:
        """Inline markup for a run of sibling nodes; a note's label and its hidden text are siblings."""
        parts: list[str] = []
        label: str | None = None
        for child in nodes:
            if child.tag == "-text":
                parts.append(self.text(child))
                continue
            classes = _classes(child)
            if "notelabel" in classes:
                label = _SPACE.sub(" ", child.text()).strip()
            elif "inlinefolder" in classes:
                body = self.inline(child).strip()
                if label in (None, "", "note"):
                    parts.append(f"[[note]]{body}[[/note]]")
                else:
                    parts.append(f"[[labelnote:{escape_inline(label)}]]{body}[[/labelnote]]")
                label = None
            else:
                parts.append(self.inline_node(child))
        return join_markup(parts)

    def inline_node(self, node: LexborNode) -> str:
        tag = node.tag
        if tag in ("-comment",) or tag in _SKIP:
            return ""
        classes = (node.attributes.get("class") or "").split()
        if tag in ("em", "i"):
            inner = self.inline(node)
            return f"''{inner}''" if inner.strip() else inner
        if tag in ("strong", "b"):
            inner = self.inline(node)
            return f"'''{inner}'''" if inner.strip() else inner
        if tag == "a":
            return self.link(node)
        if tag == "br":
            return "\\\\ "
        if tag == "img":
            return ""
        if tag == "code":
            return f"@@{self.inline(node)}@@"
        if tag in ("s", "strike", "del"):
            return f"[[strike:{self.inline(node)}]]"
        if tag == "sub":
            return f"[[subscript:{self.inline(node)}]]"
        if tag == "sup":
            return f"[[superscript:{self.inline(node)}]]"
        if tag == "small":
            return f"[[--{self.inline(node)}--]]"
        if tag == "span":
            if "esc-seq" in classes:  # the author's [=…=]
                raw = (node.text() or "").replace("\xa0", " ")
                return f"[={raw}=]" if "=]" not in raw else escape_inline(raw)
            if "spoiler" in classes:
                return f"[[spoiler:{self.inline(node)}]]"
            for css, style in _STYLE_SPANS.items():
                if css in classes:
                    return f"[[{style}:{self.inline(node)}]]"
        if tag in ("ul", "ol", "div", "p", "blockquote"):
            return " " + self.inline(node) + " "
        return self.inline(node)

    def link(self, node: LexborNode) -> str:
        href = node.attributes.get("href") or ""
        display = self.inline(node).strip()
        plain = _SPACE.sub(" ", node.text()).strip()
        address = wiki_address(node)
        if address:
            target, _ = normalise_target("/".join(address))
            if plain and spells(plain, target):  # a title, not a pothole's own words
                self.titles.setdefault(target, plain)
            original = _decode_format(node.attributes.get("data-format"))
            # The author's markup, when it means the same link here; a pothole to the address otherwise
            # (TV Tropes knows which pseudo-namespaces exist: `KingdomHeartsII/TropesMToZ` is one page
            # there, but two WikiWords to a parser that does not).
            if original and "\n" not in original and _same_link(original, target):
                return original
            return f"[[{target} {display}]]" if display else f"[[{target}]]"
        if href.startswith(("http://", "https://", "mailto:")):
            return f"[[{href} {display}]]" if display else f"[[{href}]]"
        return display


def _same_link(markup: str, target: str) -> bool:
    return [t.lower() for t in links(parse(markup))] == [target.lower()]


def _classes(node: LexborNode) -> set[str]:
    if node.tag in ("-text", "-comment"):
        return set()
    return set((node.attributes.get("class") or "").split())


# TV Tropes keeps the author's `[=DiZ=]` inside a pothole as the HTML it renders it to
_ESC_SPAN = re.compile(r"<span class=['\"]esc-seq['\"][^>]*>([^<]*)</span>")


def _decode_format(value: str | None) -> str | None:
    if not value:
        return None
    try:
        text = base64.b64decode(value, validate=True).decode("utf-8")
    except (binascii.Error, ValueError, UnicodeDecodeError):
        return None
    return html.unescape(_ESC_SPAN.sub(lambda m: f"[={m.group(1)}=]", text))


def _identity(tree: LexborHTMLParser) -> tuple[str | None, str | None]:
    """(Namespace/Name, display title) of a saved page."""
    group = tree.css_first("#groupname-hidden")
    name = tree.css_first("#title-hidden")
    page = None
    if group and name and group.attributes.get("value") and name.attributes.get("value"):
        page = f"{group.attributes['value']}/{name.attributes['value']}"
    else:
        canonical = tree.css_first("link[rel=canonical]")
        m = _WIKI_HREF.search(canonical.attributes.get("href") or "") if canonical else None
        if m is None and canonical is not None:  # an offline copy rewrote it; the address survives here
            og = tree.css_first('meta[property="og:url"]')
            m = _WIKI_HREF.search(og.attributes.get("content") or "") if og else None
        if m:
            page = f"{m.group(1)}/{m.group(2)}"
    title = None
    h1 = tree.css_first("h1.entry-title")
    if h1:
        wrapped = h1.css_first("span.wrapped_title")
        if wrapped:
            title = _SPACE.sub(" ", wrapped.text()).strip()
            prefix = h1.css_first(".group_display")
            if prefix and page and canonical_namespace(split_target(page)[0]) is None:
                title = f"{_SPACE.sub(' ', prefix.text()).strip()} / {title}"
        elif h1.css_first(".ns_parts") is not None:  # 2024–25: "Group / Name" in a <strong>, then votes
            parts = h1.css_first(".ns_parts")
            strong = h1.css_first("strong")
            group = h1.css_first(".group_display")
            full = _SPACE.sub(" ", strong.text() if strong else "").strip()
            title = full[len(_SPACE.sub(" ", parts.text()).strip()) :].strip() or None
            if title and group and page and canonical_namespace(split_target(page)[0]) is None:
                title = f"{_SPACE.sub(' ', group.text()).strip()} / {title}"
        else:
            text = _SPACE.sub(" ", h1.text(deep=True)).strip()
            strong = h1.css_first("strong")
            if strong and page and canonical_namespace(split_target(page)[0]) is not None:
                text = text[len(_SPACE.sub(" ", strong.text()).strip()) :].strip()
            title = text or None
    if page:
        page, _ = normalise_target(page)
    return page, title


def convert(data: bytes | str, source: str = "<html>") -> Converted:
    """Convert one saved TV Tropes page. Raises InputError when it holds no article."""
    text = decode_html(data, source) if isinstance(data, bytes) else data
    tree = LexborHTMLParser(text)
    page_title = tree.css_first("title")
    if page_title and page_title.text().strip().startswith("History for"):
        raise InputError(f"{source}: an edit-history page, not an article")
    article = tree.css_first("#main-article")
    if article is None:
        raise InputError(f"{source}: no TV Tropes article (#main-article) in this page")
    page, title = _identity(tree)
    if page is None:
        raise InputError(f"{source}: cannot tell which page this is (no #groupname-hidden / canonical link)")
    report = ImportReport(source=source, format="tvt-html", page=page, title=title)
    writer = _Writer(report)
    writer.blocks(article)
    markup = "\n".join(writer.lines)
    markup = re.sub(r"\n{3,}", "\n\n", markup).strip("\n") + "\n"
    report.notes += _subpages(tree)
    if page and canonical_namespace(split_target(page)[0]) is None:
        parent = _part_of(article, split_target(page)[0])
        report.notes.append(f"part of {parent or split_target(page)[0]} (split page)")
        report.part_of = parent
    report.titles = writer.titles
    return Converted(markup, report)


def _subpages(tree: LexborHTMLParser) -> list[str]:
    tabs = []
    for a in tree.css("ul.subpage-links li a"):
        address = wiki_address(a)
        if address:
            tabs.append("/".join(address))
    return [f"subpages: {', '.join(tabs)}"] if tabs else []


def _part_of(article: LexborNode, pseudo: str) -> str | None:
    """The work page a split page belongs to: the first media link whose name starts with the split
    page's pseudo-namespace (TheAvengers/TropesAToD → Film/TheAvengers2012)."""
    for a in article.css("a.twikilink"):
        address = wiki_address(a)
        if address and canonical_namespace(address[0]) in MEDIA_NAMESPACES and address[1].startswith(pseudo):
            return f"{canonical_namespace(address[0])}/{address[1]}"
    return None


def read_tvt_html(path: str | Path) -> Converted:
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None
    return convert(data, str(path))
