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
from symboldoc import _api, _edit

STAGES = (
    "cutting lines",
    "scanning blocks",
    "reading the typed page",
    "taking the original views",
    "the rest of loads",
    "doc.sections, doc.tables",
    "doc.charts",
)


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

    # The stages are the functions _api.loads calls; each is timed where it is called.
    stages = [
        (_api, "split_lines", "cutting lines"),
        (_api, "scan", "scanning blocks"),
        (_api, "read_page", "reading the typed page"),
        (_edit.Binder, "done", "taking the original views"),
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
            for part in (doc.title, doc.overview, doc.score, doc.valuation, doc.peers, doc.analysts, doc.target_price):
                del part
            generic(doc)
            charts(doc)
        total = time.perf_counter() - start
    finally:
        for (owner, name, _), original in zip(stages, originals, strict=True):
            setattr(owner, name, original)
    inside = sum(spent[stage] for stage in STAGES[:4])
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
