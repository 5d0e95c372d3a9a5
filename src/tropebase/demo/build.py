"""The demo catalog: markup files in `pages/`, loaded through the import path like any user's pages.

Each file names its page (`Film.TheLighthouseKeeper.txt` → Film/TheLighthouseKeeper). `pages.json`
gives what a markup file cannot say of itself: each page's display title, and its rating when it is not
general. Every sentence in these files was written for tropebase; the works are invented.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..ingest.load import load
from ..ingest.plaintext import Converted

PAGES = Path(__file__).resolve().parent / "pages"


def demo_pages() -> list[tuple[Converted, str]]:
    """Each demo page converted by the markup importer, with its rating: works, then tropes, then
    redirects (so links and examples find their pages as they are saved)."""
    meta = json.loads((PAGES / "pages.json").read_text(encoding="utf-8"))
    out = []
    for path in sorted(PAGES.glob("*.txt")):
        for converted in load(path, "markup"):
            about = meta.get(converted.report.page, {})
            converted.report.title = about.get("title")
            converted.report.source = f"the demo catalog ({path.name})"
            out.append((converted, about.get("rating", "general")))

    def order(item: tuple[Converted, str]) -> tuple[int, str]:
        converted, _ = item
        markup = converted.markup
        return (2 if markup.startswith("[[redirect:") else 1 if converted.report.page.startswith("Main/") else 0,
                converted.report.page)  # fmt: skip

    return sorted(out, key=order)
