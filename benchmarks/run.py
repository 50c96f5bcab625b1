"""symboldoc's performance, as ratios measured in one run on one machine.

Run: ``python benchmarks/run.py`` (``--quick`` for fewer repeats).  Needs
mistune and python-frontmatter (symboldoc's own dependencies); reads the seed
page from ``../shared/corpus`` when it is beside the checkout, else the
bundled example.  Each line prints a ratio and the target it is held to.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import os
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any

import mistune
import yaml
from frontmatter.default_handlers import YAMLHandler

import symboldoc
from symboldoc._batch import _chunksize as chunksize_of  # the pool's own chunks, for the baseline

HERE = Path(__file__).parent
SEED = HERE.parent.parent / "shared" / "corpus" / "seed" / "KC.US.md"


def best(function: Callable[[], Any], number: int, repeat: int) -> float:
    """The best time of ``repeat`` runs of ``number`` calls, per call."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(number):
            function()
        times.append((time.perf_counter() - start) / number)
    return min(times)


def best_in_turn(*functions: Callable[[], Any], number: int, repeat: int) -> list[float]:
    """The best time per call of each of ``functions``, their runs taken in turn.

    Taking them in turn, not one after the other, keeps a machine that speeds
    up or slows down during the run from favouring either side of a ratio.
    """
    times: list[list[float]] = [[] for _ in functions]
    for _ in range(repeat):
        for function, kept in zip(functions, times, strict=True):
            start = time.perf_counter()
            for _ in range(number):
                function()
            kept.append((time.perf_counter() - start) / number)
    return [min(kept) for kept in times]


def held_by(make: Callable[[], Any]) -> tuple[int, Any]:
    """The bytes of memory that what ``make`` returns holds once made (traced by ``tracemalloc``), and it."""
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    made = make()
    gc.collect()
    held = tracemalloc.get_traced_memory()[0] - before
    tracemalloc.stop()
    return held, made


#: The table sizes of the cost-per-byte figure, and how many readings of each one round takes.
SIZES = {1_000: 5, 10_000: 2, 100_000: 1}


def growing(pages: dict[int, str], rounds: int) -> dict[int, float]:
    """The best time of ``typed_loads`` of each page, over ``rounds`` rounds that each read every page.

    Every size is read in every round, so a slow spell of the machine falls on
    all of them alike; each reading starts after a full collection, so none
    inherits the collector's backlog from the one before (the collector stays on).
    """
    best_seen = dict.fromkeys(pages, float("inf"))
    for _ in range(rounds):
        for rows, page in pages.items():
            for _ in range(SIZES[rows]):
                gc.collect()
                start = time.perf_counter()
                doc = typed_loads(page)
                best_seen[rows] = min(best_seen[rows], time.perf_counter() - start)
                del doc
    return best_seen


def typed_loads(text: str) -> symboldoc.Document:
    """``loads`` with every typed section read, the warnings complete, and every generic view made."""
    doc = symboldoc.loads(text)
    for part in (
        doc.title,
        doc.overview,
        doc.key_drivers,
        doc.score,
        doc.valuation,
        doc.peers,
        doc.analysts,
        doc.target_price,
        doc.references,
        doc.warnings,
    ):
        del part
    doc.sections, doc.tables, doc.charts  # noqa: B018 - made on first access
    return doc


def grade_only(text: str) -> str | None:
    """``loads``, then the one figure a screen of grades reads."""
    score = symboldoc.loads(text).score
    return score.grade if score is not None else None


def figures(doc: symboldoc.Document) -> tuple[Any, ...]:
    """A few key figures of a page: what a batch job typically keeps."""
    score = doc.score
    return (doc.symbol, score.grade if score else None, score.value if score else None)


#: Rounds of the throughput figures (each measures one core, then every core, for each job).
ROUNDS = 9

#: Loop turns of one unit of the baseline's work: about as long as reading one page of the batch.
SPIN = 30_000


def spin(turns: int) -> int:
    """Pure-Python work that shares nothing: what a page costs, without symboldoc."""
    total = 0
    for turn in range(turns):
        total += turn & 7
    return total


def spin_rate(units: int, workers: int) -> float:
    """Units of :func:`spin` a second on ``workers`` processes, with ``load_many``'s pool and chunks."""
    start = time.perf_counter()
    if workers <= 1:
        for _ in map(spin, [SPIN] * units):
            pass
    else:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            for _ in pool.map(spin, [SPIN] * units, chunksize=chunksize_of(units, workers)):
                pass
    return units / (time.perf_counter() - start)


class Report:
    def __init__(self) -> None:
        self.missed = 0

    def line(self, name: str, value: float, target: float | None, unit: str = "x", lower: bool = True) -> None:
        if target is None:
            verdict = ""
        else:
            met = value <= target if lower else value >= target
            self.missed += not met
            sign = "<=" if lower else ">="
            verdict = f"target {sign} {target:g}{unit}  {'met' if met else 'MISSED'}"
        print(f"  {name:58} {value:8.3f}{unit}   {verdict}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats")
    args = parser.parse_args()
    repeat = 3 if args.quick else 7
    text = (
        SEED.read_text(encoding="utf-8")
        if SEED.is_file()
        else (resources.files("symboldoc") / "data" / "example.md").read_text(encoding="utf-8")
    )
    print(f"page: {SEED if SEED.is_file() else 'bundled example'} ({len(text.encode())} bytes)")
    report = Report()

    # 1. Reading, against the markdown parser symboldoc builds on.
    markdown = mistune.create_markdown(renderer=None, plugins=["table"])
    handler = YAMLHandler()

    def generic() -> None:
        front, content = handler.split(text)
        with contextlib.suppress(yaml.YAMLError):  # it fails on every current page's locales, as frontmatter.loads
            yaml.safe_load(front)
        markdown(content)

    number = 200
    ours, only_grade, bare = best_in_turn(
        lambda: typed_loads(text), lambda: grade_only(text), lambda: markdown(text), number=number, repeat=repeat + 4
    )
    split = best(generic, number, repeat)
    print(f"\nloads, every typed section and the chart made: {ours * 1e3:.3f} ms")
    report.line("full typed loads / mistune's bare AST parse", ours / bare, 0.25)
    report.line("full typed loads / frontmatter split + YAML + mistune", ours / split, None)
    print(f"loads, then only doc.score.grade read: {only_grade * 1e3:.3f} ms")
    report.line("loads + doc.score.grade / mistune's bare AST parse", only_grade / bare, 0.15)

    # 2. Writing back: a page whose every section was read (each one's bindings to compare), and one just loaded.
    doc = typed_loads(text)
    unchanged = best(lambda: symboldoc.dumps(doc), number * 10, repeat)
    fresh = symboldoc.loads(text)
    unread = best(lambda: symboldoc.dumps(fresh), number * 10, repeat)
    edited = typed_loads(text)
    if edited.target_price is not None:
        edited.target_price.highest = Decimal("99.99")
    elif edited.front_matter is not None:
        edited.front_matter.industry = "Edited"
    one_edit = best(lambda: symboldoc.dumps(edited), number, repeat)
    print(f"\ndumps: {unchanged * 1e6:.1f} us unchanged, {one_edit * 1e6:.1f} us after one edit")
    print(f"  {unread * 1e6:.1f} us unchanged, no section read since loads")
    report.line("dumps of an unchanged page / full typed loads", unchanged / ours, 0.02)
    report.line("dumps of an unchanged page, no section read / full typed loads", unread / ours, None)
    report.line("dumps after one edit / full typed loads", one_edit / ours, None)

    # 3. Cost per byte as a table grows.
    print("\ncost per byte, valuation table of N rows:")
    head, _, tail = text.partition("| Dividend Yield |")
    row = "| Metric {n} | 1.23 | 4/32 | 2.34 | 1.50 | 0.90 |\n"
    pages = {rows: head + "".join(row.format(n=n) for n in range(rows)) + "| Dividend Yield |" + tail for rows in SIZES}
    seconds = growing(pages, rounds=5 if args.quick else 7)
    per_byte = {rows: seconds[rows] / len(page) for rows, page in pages.items()}
    for rows, page in pages.items():
        size, took, cost = len(page) / 1e6, seconds[rows], per_byte[rows] * 1e9
        print(f"  {rows:>7} rows: {size:6.2f} MB, {took:7.3f} s, {cost:6.1f} ns/byte")
    report.line("per-byte time, 100k rows / 1k rows", per_byte[100_000] / per_byte[1_000], 1.15)

    # 4. Memory held by a loaded document.
    size = len(text.encode("utf-8"))
    loaded, held = held_by(lambda: symboldoc.loads(text))
    viewed, _ = held_by(lambda: typed_loads(text))
    made = f"{viewed / 1024:.1f} KiB with every section and view made"
    print(f"\nmemory: {loaded / 1024:.1f} KiB held after loads, {made}")
    print(f"  (the text: {size / 1024:.1f} KiB as UTF-8, {sys.getsizeof(text) / 1024:.1f} KiB as a Python str)")
    report.line("memory held after loads / text size (UTF-8 bytes)", loaded / size, 5)
    report.line("memory held, everything made / text size (UTF-8)", viewed / size, None)
    report.line("memory held after loads / text size (the str)", loaded / sys.getsizeof(text), None)
    del held

    # 5. Memory held by pages of many tiny blocks: one object a line or a block is what they cost.
    print("\nmemory, pages of 1 MB of tiny blocks:")
    for name, tiny in (("'- a' list items", "- a\n" * 250_000), ("'a' paragraphs", "a\n\n" * 333_333)):
        tiny_held, tiny_doc = held_by(lambda tiny=tiny: symboldoc.loads(tiny))  # type: ignore[misc]
        print(f"  {name}: {len(tiny_doc.blocks)} blocks, {tiny_held / 1e6:.1f} MB held")
        report.line(f"memory held / text size, {name}", tiny_held / len(tiny.encode()), 30)
        del tiny_doc

    # 6. Throughput over a directory of pages.
    fixtures = sorted((HERE.parent / "tests" / "fixtures").glob("*.md"))
    pages = [text, *(path.read_text(encoding="utf-8") for path in fixtures)]
    cores = os.cpu_count() or 1
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for number_ in range(1200):
            path = Path(folder) / f"page-{number_:04d}.md"
            path.write_text(pages[number_ % len(pages)], encoding="utf-8")
            paths.append(path)

        def rate(workers: int, transform: Any, use: Any = None) -> float:
            start = time.perf_counter()
            for loaded_ in symboldoc.load_many(paths, workers=workers, transform=transform):
                assert loaded_.ok
                if use is not None:
                    use(loaded_.result)
            return len(paths) / (time.perf_counter() - start)

        # Each round measures one core and then every core, for each job in turn, and takes their ratio: a slow
        # spell of the machine (timings here move by a third) then falls on both sides of a ratio.  The median
        # of the rounds' ratios is the figure; the spread shows how far the rounds went.
        jobs: dict[str, Callable[[int], float]] = {
            "transform": lambda workers: rate(workers, figures),
            "spin": lambda workers: spin_rate(len(paths), workers),
            "whole": lambda workers: rate(workers, None),
            "used": lambda workers: rate(workers, None, figures),
        }
        rounds: dict[str, list[tuple[float, float]]] = {name: [] for name in jobs}
        for _ in range(ROUNDS):
            for name, job in jobs.items():
                rounds[name].append((job(1), job(cores)))

        def ratio(name: str) -> float:
            return statistics.median(both / one for one, both in rounds[name])

        def shown(name: str, what: str) -> None:
            one = statistics.median(one for one, _ in rounds[name])
            both = statistics.median(both for _, both in rounds[name])
            ratios = [both / one for one, both in rounds[name]]
            print(f"  {what:32} {one:7.0f} pages/s on one core, {both:7.0f} on {cores} (medians); the ratio of a")
            print(f"  {'':32} round {min(ratios):.2f}x to {max(ratios):.2f}x")

        print(f"\nthroughput over {len(paths)} pages ({cores} cores), {ROUNDS} rounds:")
        shown("transform", "with a transform in the workers:")
        report.line(f"{cores} cores / 1 core, transform in the workers", ratio("transform"), 1.8, lower=False)
        print("  the machine's own: pure-Python work of the same grain, the same pool and chunks")
        report.line(f"{cores} processes / 1, pure-Python work (the baseline)", ratio("spin"), None, lower=False)
        report.line("symboldoc's scaling / the baseline's", ratio("transform") / ratio("spin"), None, lower=False)
        shown("whole", "whole documents sent back:")
        report.line(f"{cores} cores / 1 core, whole documents sent back", ratio("whole"), 1.5, lower=False)
        # A document that crossed makes its model when first used: here, in the calling process, for each page.
        shown("used", "... and their figures read here:")
        report.line(f"{cores} cores / 1 core, whole documents, figures read here", ratio("used"), None, lower=False)

    print(f"\n{report.missed} target(s) missed")
    return 1 if report.missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
