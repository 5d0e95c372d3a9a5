"""Re-save a saved TV Tropes page the way an offline copier (HTTrack and the like) does: every wiki
address becomes a relative file (`../Ns/Name.html`), the original address kept in the link's `title`.
Run as a script to write copies of a folder of pages: `python tests/ingest/offline_copy.py IN OUT`."""

from __future__ import annotations

import re
import sys
from pathlib import Path

_TAG = re.compile(r"<(a|link)\b[^>]*>", re.I)
_HREF = re.compile(
    r"""\shref=(["'])(?:https?://tvtropes\.org)?(/pmwiki/pmwiki\.php/([^/?#"']+)/([^/?#"']+))\1"""
)
_TITLE = re.compile(r"""\stitle=(["'])[^"']*\1""")


def offline_copy(html: str, *, keep_title: bool = True, duplicate_suffix: bool = False) -> str:
    """The page as an offline copier saves it. Without `keep_title` only the file path is left; with
    `duplicate_suffix` every file is `Name-2.html`, as when the copier met the page twice."""

    def tag(m: re.Match[str]) -> str:
        text = m.group()
        href = _HREF.search(text)
        if not href:
            return text
        suffix = "-2" if duplicate_suffix else ""
        local = f' href="../{href.group(3)}/{href.group(4)}{suffix}.html"'
        if keep_title:
            local += f' title="{href.group(2)}"'
        text = _TITLE.sub("", text)
        return text.replace(_HREF.search(text).group(), local, 1)

    return _TAG.sub(tag, html)


if __name__ == "__main__":
    source, target = Path(sys.argv[1]), Path(sys.argv[2])
    target.mkdir(parents=True, exist_ok=True)
    for path in sorted(source.glob("*.html")):
        raw = path.read_bytes()
        encoding = "utf-8" if b"charset=utf-8" in raw[:4096].lower() else "cp1252"
        text = raw.decode(encoding, errors="replace")
        (target / path.name).write_text(offline_copy(text), encoding=encoding, errors="replace")
