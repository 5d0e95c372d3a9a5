"""Marking and hiding a trope page's own examples on read (`render_html.mark_items`, `drop_items`):
time against the size of the stored HTML, on a synthetic trope page whose every example names a work
and has one nested line; half the works are avoided. Best of 5 runs each.

    python bench/avoid_items_bench.py [--examples 1000 10000]
"""

from __future__ import annotations

import argparse
import time

from tropebase.markup import parse, to_html
from tropebase.markup.render_html import drop_items, mark_items

BADGE = '<span class="badge avoid">plays Rainy Day, which you avoid</span>'


def best(run, times: int = 5) -> float:
    out = []
    for _ in range(times):
        start = time.perf_counter()
        run()
        out.append(time.perf_counter() - start)
    return min(out)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--examples", type=int, nargs="+", default=[1000, 10000])
    args = parser.parse_args()
    print("| examples | HTML | marked | mark | hidden | hide |")
    print("|---:|---:|---:|---:|---:|---:|")
    for n in args.examples:
        text = "A trope.\n----\n" + "".join(
            f"* ''Film/Work{i}'': it happens [[spoiler:in the end, {i}]] to everyone.\n** Also in sequel {i}.\n"
            for i in range(n)
        )
        lines = {3 + 2 * i for i in range(n)}
        html = to_html(parse(text), lines=lines)
        avoided = {line for line in lines if line % 4 == 3}
        notes = dict.fromkeys(avoided, BADGE)
        marked = best(lambda: mark_items(html, notes, "avoided"))  # noqa: B023
        hidden = best(lambda: drop_items(html, avoided))  # noqa: B023
        print(f"| {n:,} | {len(html) / 1e6:.1f} MB | {len(avoided):,} | {marked * 1000:.1f} ms "
              f"| {len(avoided):,} | {hidden * 1000:.1f} ms |")  # fmt: skip


if __name__ == "__main__":
    main()
