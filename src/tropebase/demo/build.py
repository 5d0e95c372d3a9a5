"""The demo catalog as markup pages, ready for save_page()."""

from __future__ import annotations

from dataclasses import dataclass

from ..markup.names import title_from_name
from .catalog import ADULT_PAGES, REDIRECTS, TROPES, WORK_PAGE_EXAMPLES, WORKS


@dataclass(frozen=True, slots=True)
class DemoPage:
    target: str
    markup: str
    title: str
    rating: str = "general"


def demo_pages() -> list[DemoPage]:
    """Work pages first, then trope pages, then redirects."""
    pages = []
    for name, (ns, title, synopsis) in WORKS.items():
        lines = [f"''{title}'' — {synopsis}"]
        own = WORK_PAGE_EXAMPLES.get(name)
        if own:
            lines += ["----", "!!This work provides examples of:"]
            lines += [f"* {trope}: {text}" for trope, text in own]
        rating = "adult" if name in ADULT_PAGES else "general"
        pages.append(DemoPage(f"{ns}/{name}", "\n".join(lines) + "\n", title, rating))
    for name, (title, description, media) in TROPES.items():
        lines = [description, "----", "!!Examples:", "[[foldercontrol]]"]
        for medium, examples in media.items():
            lines.append(f"[[folder:{medium}]]")
            for work, text in examples:
                ns = WORKS[work][0]
                lines.append(f"* ''{ns}/{work}'': {text}")
            lines.append("[[/folder]]")
        pages.append(DemoPage(f"Main/{name}", "\n".join(lines) + "\n", title))
    for alias, target in REDIRECTS.items():
        pages.append(DemoPage(f"Main/{alias}", f"[[redirect:{target}]]\n", title_from_name(alias)))
    return pages
