"""How the time of every view grows on hostile input: each shape at 1 MB and at 4 MB.

Run: ``python benchmarks/hostile.py`` (``--quick`` for 256 KB and 1 MB;
``--shape NAME`` for one shape).

For each shape it reads the text and then opens every view of the document
it got, timing each: ``loads`` and strict ``loads``, ``warnings`` (which
reads a quote page's sections, left by ``loads`` for first use), ``sections``,
``tables``, rows, cells (with their positions), inline content of every
block, item and cell, ``charts``, ``to_dict`` (and ``json.dumps``),
``dumps`` of the text and of the model alone, a deep copy and a pickle round
trip.  Each time is the best of five rounds, each round reading both sizes
in turn (a slow spell of the machine falls on both alike), with the garbage
collector on (as a user has it), and a full collection before each step so
that none inherits the collector's backlog from the step before.  It prints, for each shape, how much
longer 4x the input took in each view, and the worst of them ("-" for a
view that takes under 10 ms even at 4x: too quick to time).  Linear is 4x;
the bound held is 6x.  It first prints the machine's own growth on work
that is linear by construction but makes many small objects, which grows
faster than 4x once they outgrow the processor's caches.  The exit status
is 1 when a view grows worse than 6x or a text does not come back byte for
byte.
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import gc
import json
import pickle
import time
from collections.abc import Callable

import symboldoc
from symboldoc import Document, SymbolDocError

BOUND = 6.0
#: A view faster than this at 4x the input (4 MB in 10 ms: 400 MB a second, more than Python's own loops
#: manage) does too little per byte for its growth to be timed: it is shown as "-".
QUIET = 10e-3

PAGE_HEAD = (
    '---\ntitle: "Hostile Co (HST.US)"\ntype: "Symbol"\nlocale: "en"\nsymbol: "HST.US"\n---\n\n'
    "# Hostile Co (HST.US)\n\n"
)
TOPIC_HEAD = '---\ntype: "Topics"\nurl: "https://longbridge.com/en/topics/1.md"\n---\n\n# Q\n\n'
NEWS_HEAD = '---\ntype: "News"\nurl: "https://longbridge.com/en/news.md"\n---\n\n# Longbridge News\n\n'
ARTICLE_HEAD = '---\ntype: "News"\nurl: "https://longbridge.com/en/news/1.md"\n---\n\n# Headline\n\n'
SCORE_HEAD = "## Longbridge Financial Score™: C\n\n**Overall: C (0.50)**\n\n#### Multi Score Score: C\n\n"


def repeat(unit: str, size: int) -> str:
    return unit * max(1, size // len(unit))


def in_page(section: str, body: Callable[[int], str]) -> Callable[[int], str]:
    return lambda size: PAGE_HEAD + f"## {section}\n\n" + body(size)


def radar(size: int) -> str:
    unit = '        {"name": "Indicator", "value": "12.50%", "rating": "C"},\n'
    indicators = repeat(unit, size).rstrip(",\n")
    return (
        '```chart-data:radar\n{\n  "title": "T",\n  "dimensions": [\n    {\n      "name": "Multi Score",\n'
        f'      "grade": "C",\n      "indicators": [\n{indicators}\n      ]\n    }}\n  ]\n}}\n```\n'
    )


SHAPES: dict[str, Callable[[int], str]] = {
    "only pipes, one line": lambda n: repeat("|", n),
    "only pipes, many lines": lambda n: repeat("|||\n", n),
    "only backticks, one line": lambda n: repeat("`", n),
    "only backticks, fence lines": lambda n: repeat("```\n", n),
    "only '>'": lambda n: repeat(">", n),
    "only '>' lines": lambda n: repeat(">\n", n),
    "unclosed fences": lambda n: "````\n" + repeat("```\n~~~\n", n),
    "table rows": lambda n: "| a | b |\n|---|---|\n" + repeat("| 1 | 2 |\n", n),
    "one row, many columns": lambda n: "|" + repeat(" a |", n // 2) + "\n|" + repeat("---|", n // 2) + "\n",
    "rows of the wrong width": lambda n: "| a | b |\n|---|---|\n" + repeat("| 1 | 2 | 3 |\n", n),
    "front matter keys": lambda n: "---\n" + "".join(f"k{i}: v\n" for i in range(n // 8)) + "---\n",
    "front matter tags": lambda n: "---\n" + "".join(f"k{i}: !!set {{a, b}}\n" for i in range(n // 20)) + "---\n",
    "'**_[' repeated": lambda n: repeat("**_[", n),
    "one long line": lambda n: repeat("a", n),
    "only newlines": lambda n: repeat("\n", n),
    "blanks in a line": lambda n: "Updated:" + repeat(" ", n) + "x",
    "list items": lambda n: repeat("- a\n", n),
    "tiny paragraphs": lambda n: repeat("a\n\n", n),
    "nested brackets": lambda n: repeat("[", n // 2) + repeat("]", n // 2),
    "links, one a line": lambda n: repeat("- [a](h\ud800 't') [b](&amp;\\))\n", n),
    "headings at every level": lambda n: "".join(f"{'#' * (1 + i % 6)} H\n" for i in range(n // 5)),
    "chart keys given twice": lambda n: (
        SCORE_HEAD + "```chart-data:radar\n{" + repeat('"a": 1, ', n) + '"b": 2}\n```\n'
    ),
    "page: peer names": in_page(
        "Peer Comparison",
        lambda n: "| Rank | Name |\n| --- | --- |\n" + repeat("| 01 | Name" + " " * 50 + "(X.US |\n", n),
    ),
    "page: peers": in_page(
        "Peer Comparison",
        lambda n: (
            "| Rank | Name | Profit | Growth | Operation | Security | Cash | Rating |\n"
            + "| --- | --- | --- | --- | --- | --- | --- | --- |\n"
            + repeat("| 01 | Peer Co (PER.US) | A | B | C | D | E | A |\n", n)
        ),
    ),
    "page: valuation values that do not read": in_page(
        "Valuation Analysis",
        lambda n: (
            "| Metric | Current | Industry Ranking | High | Median | Low |\n|---|---|---|---|---|---|\n"
            + repeat("| PE | x | y | z | w | v |\n", n)
        ),
    ),
    "page: score paragraph": in_page("Longbridge Financial Score™: C", lambda n: "**Overall: " + repeat("**_[", n)),
    "page: a score note of bad Updated lines": in_page(
        "Longbridge Financial Score™: C", lambda n: repeat("> Updated: not a datetime\n", n)
    ),
    "page: indicator rows": in_page(
        "Longbridge Financial Score™: C",
        lambda n: (
            "#### Style Score Score: \n\n| Indicator | Value | Rating |\n|---|---|---|\n"
            + repeat("| Revenue YoY | 23.90% |  |\n", n)
        ),
    ),
    "topic: comments": lambda n: TOPIC_HEAD + "## Comments (1)\n\n" + repeat("- **A · 2026-01-01T00:00:00Z**: t\n", n),
    "topic: related stocks": lambda n: (
        TOPIC_HEAD + "### Related Stocks\n\n" + repeat("- [KC.US](https://longbridge.com/en/quote/KC.US.md)\n", n)
    ),
    "news index: items": lambda n: (
        NEWS_HEAD + repeat("- [T](https://longbridge.com/en/news/1.md)\n  - Datetime: 2026-01-01T00:00:00Z\n", n)
    ),
    "news article: paragraphs of links": lambda n: (
        ARTICLE_HEAD + repeat("A [KC](https://longbridge.com/en/quote/KC.US.md) b.\n\n", n)
    ),
    "page: indicators and their chart": lambda n: (
        PAGE_HEAD
        + SCORE_HEAD
        + "| Indicator | Value | Rating |\n|---|---|---|\n"
        + repeat("| Indicator | 12.50% | C |\n", n // 2)
        + "\n"
        + radar(n // 2)
    ),
}


def _inline(doc: Document) -> None:
    for block in doc.blocks:
        getattr(block, "inline", None)
        for item in getattr(block, "items", ()):
            item.inline  # noqa: B018 - made on first access
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                cell.inline  # noqa: B018


def _strict(text: str) -> None:
    with contextlib.suppress(SymbolDocError):
        symboldoc.loads(text, strict=True)


# Each view, in the order they are opened on one document (a view made once is kept: each
# time is what that view adds); the first two read the text themselves.
VIEWS: dict[str, Callable[[str, Document], object]] = {
    "strict": lambda text, doc: _strict(text),
    "warnings": lambda text, doc: doc.warnings,  # a quote page's sections are read here
    "sections": lambda text, doc: [list(root.walk()) for root in doc.sections],
    "tables": lambda text, doc: doc.tables,
    "rows": lambda text, doc: [table.all_rows for table in doc.tables],
    "cells": lambda text, doc: [[cell.start for cell in row.cells] for table in doc.tables for row in table.rows],
    "inline": lambda text, doc: _inline(doc),
    "charts": lambda text, doc: doc.charts,
    "to_dict": lambda text, doc: json.dumps(symboldoc.to_dict(doc)),
    "dumps": lambda text, doc: symboldoc.dumps(doc),
    "model": lambda text, doc: symboldoc.dumps(doc, preserve=False),
    "copy": lambda text, doc: copy.deepcopy(doc),
    "pickle": lambda text, doc: pickle.loads(pickle.dumps(doc)),
    "fingerprint": lambda text, doc: symboldoc.fingerprint(doc),
    "facts": lambda text, doc: symboldoc.fact_rows(doc),
    "diff": lambda text, doc: symboldoc.diff(doc, doc).to_json_patch(),
}
COLUMNS = ("loads", *VIEWS)


def measure(texts: tuple[str, ...], rounds: int = 5) -> list[dict[str, float]]:
    """The best times of ``loads`` and of each view, for each text, over ``rounds`` rounds.

    Each round reads every text in turn, so that a slow spell of the machine
    falls on every size alike rather than on one side of a ratio.
    """
    best = [dict.fromkeys(COLUMNS, float("inf")) for _ in texts]
    for _ in range(rounds):
        for text, kept in zip(texts, best, strict=True):
            gc.collect()  # each step starts from the same state of the collector (which stays on)
            start = time.perf_counter()
            doc = symboldoc.loads(text)
            kept["loads"] = min(kept["loads"], time.perf_counter() - start)
            if symboldoc.dumps(doc) != text:
                raise AssertionError("not given back byte for byte")
            for name, view in VIEWS.items():
                gc.collect()
                start = time.perf_counter()
                view(text, doc)
                kept[name] = min(kept[name], time.perf_counter() - start)
            del doc  # each reading starts with nothing of the one before alive
    return best


def machine_growth(small: int) -> float:
    """How much longer the machine takes, for 4x as many, to make small objects and pickle them: the baseline.

    Plain Python work that is linear by construction (a list of tuples of
    short strings, about one object for every 16 bytes of input, made and
    sent through a pickle round trip) still grows faster than 4x once its
    objects outgrow the processor's caches; a view that makes as many
    objects grows with it.
    """

    best = {small: float("inf"), 4 * small: float("inf")}
    for _ in range(5):
        for size in best:  # in turn, as the shapes are measured
            gc.collect()
            start = time.perf_counter()
            objects = [(str(number), "cell") for number in range(size // 16)]
            pickle.loads(pickle.dumps(objects))
            best[size] = min(best[size], time.perf_counter() - start)
            del objects
    return best[4 * small] / best[small]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="256 KB and 1 MB instead of 1 MB and 4 MB")
    parser.add_argument("--shape", action="append", choices=sorted(SHAPES), help="only this shape (may be repeated)")
    args = parser.parse_args()
    small = 256 * 1024 if args.quick else 1024 * 1024
    print(f"growth of each view for 4x the input ({small // 1024} KB and {4 * small // 1024} KB); linear is 4x")
    print(f"the machine's own growth (small objects made and pickled, 4x as many): {machine_growth(small):.1f}x")
    print(f"{'shape':40} {'loads at 4x':>11} {'worst':>6}  " + " ".join(f"{name:>8}" for name in COLUMNS))
    failed = False
    for name, make in SHAPES.items():
        if args.shape and name not in args.shape:
            continue
        try:
            first, second = measure((make(small), make(4 * small)))
        except AssertionError as exc:
            print(f"{name:40} FAILED: {exc}")
            failed = True
            continue
        # A view that takes under 10 ms even at 4x does too little to time: its ratio would be noise.
        growth = {view: second[view] / first[view] if second[view] > QUIET else 0.0 for view in COLUMNS}
        worst = max(growth.values())
        failed |= worst > BOUND
        flag = "  <-- worse than 6x" if worst > BOUND else ""
        cells = " ".join(f"{growth[view]:7.1f}x" if growth[view] else f"{'-':>8}" for view in COLUMNS)
        print(f"{name:40} {second['loads']:10.3f}s {worst:5.1f}x  {cells}{flag}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
