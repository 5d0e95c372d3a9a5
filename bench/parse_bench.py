"""Parse+render speed of tropebase.markup against markdown-it-py on the same ~1 MB of pages.

Run: python bench/parse_bench.py [--size BYTES] [--repeat N]
Prints MB/s for each and their ratio (tropebase / markdown-it-py), all measured in this one run.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from markdown_it import MarkdownIt

from docgen import generate
from tropebase.markup import parse, to_html


def best_rate(fn, text: str, repeat: int) -> float:
    """Best MB/s over `repeat` runs (the least disturbed by other work on the machine)."""
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn(text)
        best = min(best, time.perf_counter() - t0)
    return len(text.encode()) / 1e6 / best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--size", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    tvt = generate(args.size, "tvt")
    cm = generate(args.size, "commonmark")
    md = MarkdownIt("commonmark")
    ours = best_rate(lambda t: to_html(parse(t)), tvt, args.repeat)
    theirs = best_rate(md.render, cm, args.repeat)
    print(f"input: tvt {len(tvt.encode()) / 1e6:.2f} MB, commonmark {len(cm.encode()) / 1e6:.2f} MB")
    print(f"tropebase.markup parse+render: {ours:6.2f} MB/s")
    print(f"markdown-it-py    parse+render: {theirs:6.2f} MB/s")
    print(f"ratio (tropebase / markdown-it-py): {ours / theirs:.2f}x  (goal >= 2.5x)")


if __name__ == "__main__":
    main()
