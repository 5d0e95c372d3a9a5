"""An independent reading of rendered HTML: it must hold only the tags and attributes the renderer is
allowed to emit, no script-capable element, event handler or dangerous URL, and balanced tags."""

from __future__ import annotations

import re
from html.parser import HTMLParser

ALLOWED: dict[str, set[str]] = {
    "p": set(), "h1": set(), "h2": set(), "h3": set(), "hr": set(), "br": set(),
    "div": {"class"}, "ul": set(), "ol": set(), "li": {"data-line", "class"},
    "details": {"class"}, "summary": {"class"}, "button": {"type", "class"},
    "em": set(), "strong": set(), "code": set(), "small": set(), "s": set(), "sub": set(), "sup": set(),
    "span": {"class", "tabindex", "dir", "style"},
    "a": {"class", "href", "rel", "id"},
    "img": {"class", "src", "alt", "loading"},
}  # fmt: skip
FORBIDDEN = {"script", "iframe", "object", "embed", "style", "frame", "frameset", "base", "meta", "link", "svg",
             "math", "form", "input", "textarea", "template", "xmp", "noscript", "title", "body"}  # fmt: skip
VOID = {"hr", "br", "img"}
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):")
_STRIP = re.compile(r"[\x00-\x20\x7f]+")


class UnsafeHtml(AssertionError):
    pass


class _Checker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in FORBIDDEN or tag not in ALLOWED:
            raise UnsafeHtml(f"element <{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                raise UnsafeHtml(f"event handler {name} on <{tag}>")
            if name not in ALLOWED[tag]:
                raise UnsafeHtml(f"attribute {name} on <{tag}>")
            value = value or ""
            if name in ("href", "src"):
                url = _STRIP.sub("", value).lower()  # entities were decoded by the parser
                scheme = _SCHEME.match(url)
                if scheme and scheme.group(1) not in ("http", "https", "mailto"):
                    raise UnsafeHtml(f"{name}={value!r}")
                if not scheme and not url.startswith(("/", "#")):
                    raise UnsafeHtml(f"relative {name}={value!r}")
            if name == "style" and not re.fullmatch(r"width:\d+px", value):
                raise UnsafeHtml(f"style={value!r}")
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        raise UnsafeHtml(f"self-closing <{tag}/>")

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            raise UnsafeHtml(f"unbalanced </{tag}> (open: {self.stack[-3:]})")
        self.stack.pop()

    def handle_comment(self, data: str) -> None:
        raise UnsafeHtml("HTML comment")

    def handle_decl(self, decl: str) -> None:
        raise UnsafeHtml(f"declaration {decl!r}")

    def handle_pi(self, data: str) -> None:
        raise UnsafeHtml(f"processing instruction {data!r}")

    def unknown_decl(self, data: str) -> None:
        raise UnsafeHtml(f"declaration {data!r}")


def assert_safe(html: str) -> None:
    """Raise UnsafeHtml (an AssertionError) naming the first problem found."""
    checker = _Checker()
    checker.feed(html)
    checker.close()
    if checker.stack:
        raise UnsafeHtml(f"unclosed tags {checker.stack}")
    if "<" in checker.rawdata:
        raise UnsafeHtml("unparsed markup left over")
