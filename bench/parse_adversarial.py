"""Linear-time check: parse+render time per MB of adversarial inputs at 1, 2, 4 and 8 MB.

Run: python bench/parse_adversarial.py [--sizes 1,2,4,8]
For each input, prints seconds per MB at each size and max/min of those figures (goal <= 1.5: the time
grows in proportion to the size). Pass --sizes 0.25,0.5 for a quick look, and --keep-gc to parse with
Python's cyclic garbage collector running (parse() pauses it; this shows why).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from adversarial import ADVERSARIAL
from tropebase.markup import parse, to_html
from tropebase.markup.block import parse_blocks
from tropebase.markup.nodes import Document


def parse_keeping_gc(text: str) -> Document:
    """parse() without pausing the garbage collector."""
    return Document(parse_blocks(text))


def seconds(text: str, parser=parse, repeat: int = 2) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        to_html(parser(text))
        best = min(best, time.perf_counter() - t0)
    return best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sizes", default="1,2,4,8", help="sizes in MB, comma-separated")
    ap.add_argument("--keep-gc", action="store_true", help="leave the cyclic garbage collector running")
    args = ap.parse_args()
    parser = parse_keeping_gc if args.keep_gc else parse
    sizes = [float(s) for s in args.sizes.split(",")]
    header = "".join(f"{s:>9g} MB" for s in sizes)
    print(f"{'input':34} {header}   max/min  (seconds per MB)")
    worst = 0.0
    for name, make in ADVERSARIAL.items():
        per_mb = []
        for size in sizes:
            text = make(int(size * 1_000_000))
            per_mb.append(seconds(text, parser) / (len(text.encode()) / 1e6))
        ratio = max(per_mb) / min(per_mb)
        worst = max(worst, ratio)
        cells = "".join(f"{t:12.3f}" for t in per_mb)
        print(f"{name:34} {cells}   {ratio:6.2f}")
    print(f"worst max/min ratio: {worst:.2f}  (goal <= 1.5)")


if __name__ == "__main__":
    main()
