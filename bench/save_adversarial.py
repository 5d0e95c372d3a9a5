"""Linear-time check of the whole save path: parse, compile, render and store, per MB of adversarial text.

Run: python bench/save_adversarial.py [--sizes 0.25,0.5,1,2] [--quick] [--only WORD] [--stages] [--wall]
Each input is saved with tropebase.wiki.store.save_page as a new trope page of a throwaway SQLite wiki
(TROPEBASE_DATA points at a temporary folder). For each input it prints seconds per MB at each size and
max/min of those figures (goal <= 1.5: the time grows in proportion to the size). Times are the
process's CPU seconds (SQLite runs in the process, so the store is counted): on a shared machine they
vary far less than the wall clock; --wall measures the wall clock instead. Each figure is the best of
--repeat saves under 1 MB and one save from 1 MB (up to 10 while they take under 0.5 s in all), less the fixed cost of saving a one-line page (printed
first): without that, inputs that are cheap to compile would show a constant. The inputs are those
of bench/adversarial.py (made to defeat the parser) and those below, made to defeat the compiler: many
sentences and abbreviations, relation phrases, lists, links, aliases and folders. --stages splits each
figure into parse, compile, render (titles looked up and HTML) and the rest of save_page (the store).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from adversarial import ADVERSARIAL, _repeat


def _numbered(unit: Callable[[int], str], size: int, head: str = "") -> str:
    """`head` then unit(0), unit(1), … up to `size` characters (units that differ: distinct links)."""
    parts = [head]
    total = len(head)
    i = 0
    while total < size:
        part = unit(i)
        parts.append(part)
        total += len(part)
        i += 1
    return "".join(parts)


def _word(i: int) -> str:
    """A distinct capitalised word for each number: Ba, Be, …, BaBa … (WikiWords need no digits)."""
    letters = "aeiou"
    out = ""
    while True:
        out = "B" + letters[i % 5] + out
        i //= 5
        if not i:
            return out


COMPILER: dict[str, Callable[[int], str]] = {
    "sentences: a. a. a.": lambda n: _repeat("a. ", n),
    "abbreviations: Mr. Mr. Mr.": lambda n: _repeat("Mr. ", n),
    "See also Trope. (one paragraph)": lambda n: _repeat("See also ChekhovsGun. ", n),
    "See also + distinct links": lambda n: _numbered(lambda i: f"[[Main/Gun{_word(i)}]], ", n, "See also "),
    "the inverse of (no full stop)": lambda n: _repeat("the inverse of ", n),
    "the inverse of X is (no stop)": lambda n: _repeat("The inverse of ChekhovsGun is ", n),
    "Subtropes: list of links": lambda n: _numbered(
        lambda i: f"* [[Main/Gun{_word(i)}]]\n", n, "Subtropes:\n"
    ),
    "see also ... : (list lead)": lambda n: _repeat("see also ", n) + ":",
    "see also, no colon": lambda n: _repeat("see also ", n),
    "abbreviated as (aliases)": lambda n: _numbered(lambda i: f"abbreviated as ab{i} ", n),
    "aliases, one paragraph each": lambda n: _numbered(
        lambda i: f"Abbreviated as ab{i} or abbreviated as cd{i}.\n\n", n
    ),
    "distinct links, one line": lambda n: _numbered(lambda i: f"[[Main/Gun{_word(i)}]] ", n),
    "paragraphs of prose": lambda n: _repeat("A trope about umbrellas. See also ForgottenUmbrella.\n\n", n),
    "empty folders, one example": lambda n: _repeat(
        "[[folder: ]]\n* In Film Puddles it rains.\n[[/folder]]\n", n
    ),
    "examples of prose": lambda n: _numbered(
        lambda i: f"* In the film {_word(i)} Story the hero forgets it. Mr. Day sees it.\n", n, "----\n"
    ),
}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sizes", default="0.25,0.5,1,2", help="sizes in MB, comma-separated")
    ap.add_argument("--quick", action="store_true", help="sizes 0.125,0.25,0.5, one run each")
    ap.add_argument("--repeat", type=int, default=2, help="best of this many saves at sizes under 1 MB")
    ap.add_argument("--only", default="", help="only the inputs whose name contains this")
    ap.add_argument("--wall", action="store_true", help="time the wall clock, not CPU seconds")
    ap.add_argument("--stages", action="store_true", help="print parse/compile/render/store per MB")
    args = ap.parse_args()
    sizes = [0.125, 0.25, 0.5] if args.quick else [float(s) for s in args.sizes.split(",")]
    repeat = 1 if args.quick else args.repeat
    clock = time.perf_counter if args.wall else time.process_time

    data = tempfile.mkdtemp(prefix="tb-save-bench-")
    os.environ["TROPEBASE_DATA"] = data
    # the wiki refuses pages over 2 MB; this bench measures growth, so it lifts the limit past its sizes
    os.environ["TROPEBASE_PAGE_MAX_BYTES"] = str(int(max(sizes) * 1.2 * 1024 * 1024) + 100_000)
    try:
        run(args, sizes, repeat, clock)
    finally:
        shutil.rmtree(data, ignore_errors=True)


def run(args: argparse.Namespace, sizes: list[float], repeat: int, clock: Callable[[], float]) -> None:
    os.environ.pop("DATABASE_URL", None)
    from tropebase.wiki.setup import prepare_database, setup_django

    setup_django()
    prepare_database()
    from tropebase.catalog import compile_page
    from tropebase.markup import parse, to_html
    from tropebase.wiki.store import play_badges, save_page
    from tropebase.wiki.titles import titles_for

    counter = iter(range(1_000_000))

    def seconds(text: str, repeat: int = repeat) -> float:
        """Best time to save `text` as a new page; the page is deleted afterwards, so every save meets
        the same small database (else later, larger sizes would pay for a database grown by earlier ones)."""
        best, spent, runs = float("inf"), 0.0, 0
        while runs < repeat or (spent < 0.5 and runs < 10):  # cheap saves: more runs, as noise weighs more
            target = f"Main/BenchPage{_word(next(counter))}"
            t0 = clock()
            result = save_page(target, text)
            took = clock() - t0
            best, spent, runs = min(best, took), spent + took, runs + 1
            result.page.delete()
        return best

    def stages(text: str) -> list[float]:
        t0 = clock()
        doc = parse(text)
        t1 = clock()
        facts = compile_page(doc, "Main/BenchStages")
        t2 = clock()
        to_html(doc, titles_for(facts.links), play_badges(facts))
        t3 = clock()
        total = seconds(text)
        return [t1 - t0, t2 - t1, t3 - t2, max(0.0, total - fixed - (t3 - t0))]

    # What any save costs whatever its size (transaction, page row, cache drops): subtracted, so that
    # inputs that are cheap to compile show their time per MB rather than this constant.
    seconds("A trope about umbrellas.")
    fixed = min(seconds("A trope about umbrellas.") for _ in range(5))
    inputs = {**ADVERSARIAL, **COMPILER}
    header = "".join(f"{s:>9g} MB" for s in sizes)
    print(f"fixed cost of a save: {fixed * 1000:.1f} ms (subtracted below)")
    print(f"{'input':34} {header}   max/min  (seconds per MB)", flush=True)
    worst, worst_name = 0.0, ""
    for name, make in inputs.items():
        if args.only not in name:
            continue
        seconds(make(10_000))  # warm up: the first save of a shape pays for imports and query plans
        per_mb = []
        for size in sizes:
            text = make(int(size * 1_000_000))
            mb = len(text.encode()) / 1e6
            if args.stages:
                parts = [t / mb for t in stages(text)]
                print(f"  {name} @ {size:g} MB: " + ", ".join(
                    f"{stage} {t:.3f}" for stage, t in zip(("parse", "compile", "render", "store"), parts, strict=True)
                ), flush=True)  # fmt: skip
            per_mb.append(max(0.0, seconds(text, repeat if size < 1 else 1) - fixed) / mb)
        ratio = max(per_mb) / min(per_mb)
        if ratio > worst:
            worst, worst_name = ratio, name
        cells = "".join(f"{t:12.3f}" for t in per_mb)
        print(f"{name:34} {cells}   {ratio:6.2f}", flush=True)
    print(f"worst max/min ratio: {worst:.2f} ({worst_name})  (goal <= 1.5)")


if __name__ == "__main__":
    main()
