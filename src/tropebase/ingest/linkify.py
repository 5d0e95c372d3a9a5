"""Finding known page names in plain text ("Sacred First Kiss", "Good Adultery, Bad Adultery") so an
import can turn them into links. Names are matched by their WikiWord, case-insensitively."""

from __future__ import annotations

import re
from collections.abc import Container

from ..markup.names import to_wikiword

_WORD = re.compile(r"[A-Z0-9][\w'’!?&.-]*|[a-z]+|,")
_SMALL = frozenset("a an the and of in on to for with or vs at by is are".split())
MAX_WORDS = 9


def _sentence_start(text: str, pos: int) -> bool:
    before = text[:pos].rstrip()
    return not before or before[-1] in '.!?:("“'


def known_names(text: str, known: Container[str], exclude: Container[str] = ()) -> list[tuple[int, int]]:
    """Spans of `text` that name a known page, longest match first, left to right, not overlapping.

    A single word is taken only away from the start of a sentence ("Hence" is not the trope Hence).
    """
    words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(words):
        start, _, word = words[i]
        if not word[0].isupper():
            i += 1
            continue
        found = None
        for j in range(min(len(words), i + MAX_WORDS) - 1, i - 1, -1):
            last = words[j][2]
            if not last[0].isupper() and not last[0].isdigit():
                continue
            end = words[j][1]
            candidate = text[start:end].rstrip(".,'’")
            if j == i and (len(candidate) < 3 or _sentence_start(text, start)):
                continue
            key = to_wikiword(candidate).lower()
            if key in known and key not in exclude:
                found = (start, start + len(candidate), j)
                break
        if found:
            spans.append(found[:2])
            i = found[2] + 1
        else:
            i += 1
    return spans
