"""Where the time of ``loads`` goes: each stage timed in place, as shares of the whole.

Run: ``python benchmarks/stages.py`` (``--cprofile`` to add the functions
that take the most time of their own, from cProfile).  Reads the same page as
``benchmarks/run.py`` and makes what its typed ``loads`` makes: every typed
section and the generic views.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import time
from collections import Counter
from collections.abc import Callable
from importlib import resources
from typing import Any

from run import SEED, typed_loads

import symboldoc
from symboldoc import _read_text
from symboldoc._kinds.quote.unread import UnreadSections

STAGES = (
    "cutting lines",
    "scanning blocks",
    "reading the head and foot",
    "reading the sections",
    "the rest of loads",
    "doc.sections, doc.tables",
    "doc.charts",
)

#: What of a document the typed loads of ``run.py`` reads: every section, the warnings.
READ = ("title", "overview", "key_drivers", "score", "valuation", "peers", "analysts", "target_price", "references")


def timed_stages(text: str, runs: int) -> tuple[Counter[str], float]:
    """Seconds spent in each stage over ``runs`` typed loads of ``text``, and the total."""
    spent: Counter[str] = Counter()

    def timing(function: Callable[..., Any], stage: str) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                spent[stage] += time.perf_counter() - start

        return timed

    # The stages are the functions one reading of a text calls (``_read_text``), each timed where it is
    # called, and the reading of each section on first use (its bindings' original views included).
    stages = [
        (_read_text, "split_lines", "cutting lines"),
        (_read_text, "scan", "scanning blocks"),
        (_read_text, "read_page", "reading the head and foot"),
        (UnreadSections, "_read", "reading the sections"),
    ]
    originals = [getattr(owner, name) for owner, name, _ in stages]
    for (owner, name, stage), original in zip(stages, originals, strict=True):
        setattr(owner, name, timing(original, stage))
    loads = timing(symboldoc.loads, "loads")
    generic = timing(lambda doc: (doc.sections, doc.tables), "doc.sections, doc.tables")
    charts = timing(lambda doc: doc.charts, "doc.charts")
    try:
        for _ in range(runs // 10):
            typed_loads(text)  # warm up
        spent.clear()
        start = time.perf_counter()
        for _ in range(runs):
            doc = loads(text)
            for name in READ:
                getattr(doc, name)
            doc.warnings  # noqa: B018 - complete on first access
            generic(doc)
            charts(doc)
        total = time.perf_counter() - start
    finally:
        for (owner, name, _), original in zip(stages, originals, strict=True):
            setattr(owner, name, original)
    inside = sum(spent[stage] for stage in STAGES[:3])
    spent["the rest of loads"] = spent.pop("loads") - inside
    return spent, total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3000, help="typed loads to time (default 3000)")
    parser.add_argument("--cprofile", action="store_true", help="also list the functions with the most own time")
    args = parser.parse_args()
    text = (
        SEED.read_text(encoding="utf-8")
        if SEED.is_file()
        else (resources.files("symboldoc") / "data" / "example.md").read_text(encoding="utf-8")
    )
    spent, total = timed_stages(text, args.runs)
    print(f"typed loads of {len(text.encode())} bytes, {args.runs} runs: {total / args.runs * 1e6:.0f} us each\n")
    for stage in STAGES:
        print(f"  {stage:28} {spent[stage] / args.runs * 1e6:7.1f} us  {spent[stage] / total:6.1%}")
    if args.cprofile:
        profile = cProfile.Profile()
        profile.runcall(lambda: [typed_loads(text) for _ in range(args.runs // 10)])
        print()
        pstats.Stats(profile).sort_stats("tottime").print_stats(20)


if __name__ == "__main__":
    main()
