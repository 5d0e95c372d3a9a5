"""Inputs made to defeat a naive markup parser, each generated at any size.

Shared by bench/parse_adversarial.py (time per MB as the size doubles) and the test suite (the parser
survives them and keeps their text).
"""

from __future__ import annotations

from collections.abc import Callable


def _repeat(unit: str, size: int, head: str = "", tail: str = "") -> str:
    return head + unit * max(1, (size - len(head) - len(tail)) // len(unit)) + tail


def _nested_closed(size: int) -> str:
    half = max(1, size // 14)  # "[[spoiler:" + "]]" + "x": about 13 characters a level
    return "[[spoiler:" * half + "x" + "]]" * half


def _deep_bullets(size: int) -> str:
    depth = 10_000
    line = "*" * depth + " deep item\n"
    return _repeat(line, size)


_STAIRCASE = "".join("*" * depth + " step\n" for depth in range(1, 1001))


def _staircase(size: int) -> str:
    """Bullets one level deeper each line, up to 1,000 stars, then again: ~0.5 MB a cycle."""
    return _repeat(_STAIRCASE, size)


ADVERSARIAL: dict[str, Callable[[int], str]] = {
    "unclosed [[ (100k per MB)": lambda n: _repeat("[[a ", n),
    "unclosed [[spoiler: (nested)": lambda n: _repeat("[[spoiler:", n),
    "nested [[spoiler: closed": _nested_closed,
    "'' toggles (single line)": lambda n: _repeat("''a ", n),
    "''' unbalanced quotes": lambda n: _repeat("'''a''", n),
    "unclosed [= escapes": lambda n: _repeat("[=a ", n),
    "unclosed {{ curly": lambda n: _repeat("{{aa ", n),
    "10k-deep bullets": _deep_bullets,
    "bullet staircase to 1k, repeated": _staircase,
    "single line of words": lambda n: _repeat("Word and ChekhovsGun with text ", n),
    "unclosed folders": lambda n: _repeat("[[folder:x]]\n", n),
    "unclosed notes": lambda n: _repeat("[[note]]a ", n),
    "deep quotes": lambda n: _repeat("-" * 500 + ">q\n", n),
    "long WikiWord-like run": lambda n: _repeat("Aa", n),
}
