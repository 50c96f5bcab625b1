"""Every view grows linearly with its input: counted in lines of Python run, not in seconds.

For each hostile shape and each view (``loads`` and strict ``loads``, ``sections``,
``tables``, rows, cells, inline content, ``charts``, ``to_dict``, ``dumps`` both ways,
copies and pickles, ``fingerprint``, the facts, ``diff`` and its patch), the lines of
symboldoc's and mistune's own code that run are counted at one size and at four times
that size. Linear work counts about four times as many; work that grows with the square
of the input counts sixteen. A count does not depend on the machine or on what else
runs, so this can be a test; ``benchmarks/hostile.py`` measures the same shapes in
seconds.
"""

from __future__ import annotations

import contextlib
import copy
import json
import pickle
import sys
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import Any

import mistune
import pytest

import symboldoc
from symboldoc import Document, SymbolDocError

WATCHED = (str(Path(symboldoc.__file__).parent), str(Path(mistune.__file__).parent))
#: The most a view may grow for four times the input (linear is 4; a square would be 16).
BOUND = 5.0

HEAD = '---\ntitle: "Wide Co (WID.US)"\ntype: "Symbol"\nsymbol: "WID.US"\n---\n\n# Wide Co (WID.US)\n\n'
SCORE = (
    "## Longbridge Financial Score™: C\n\n**Overall: C (0.50)**\n\n**Multi Score**: C\n\n#### Multi Score Score: C\n\n"
)


def chart(n: int) -> str:
    indicators = ",\n".join(f'        {{"name": "I{i}", "value": "{i}.5%", "rating": "C"}}' for i in range(n))
    return (
        '```chart-data:radar\n{\n  "title": "T",\n  "dimensions": [\n    {\n      "name": "Multi Score",\n'
        f'      "grade": "C",\n      "indicators": [\n{indicators}\n      ]\n    }}\n  ]\n}}\n```\n'
    )


SHAPES: dict[str, Callable[[int], str]] = {
    "one row of many cells": lambda n: "|" + " a |" * n + "\n|" + "---|" * n + "\n|" + " [b](c) |" * n + "\n",
    "many rows": lambda n: "| a | b |\n|---|---|\n" + "| *1* | [2](x) |\n" * n,
    "rows of the wrong width": lambda n: "| a | b |\n|---|---|\n" + "| 1 | 2 | 3 |\n" * n,
    "paragraphs": lambda n: "a **b** [c](d)\n\n" * n,
    "list items": lambda n: "- [a](b) *c*\n" * n,
    "headings at every level": lambda n: "".join(f"{'#' * (1 + i % 6)} H{i}\n\ntext\n\n" for i in range(n)),
    "one line of many links": lambda n: "see " + "[a](b&amp;c) " * n + "\n",
    "emphasis and brackets": lambda n: "**_[" * n + "\n",
    "front matter keys": lambda n: "---\n" + "".join(f"k{i}: !!set {{a, b}}\n" for i in range(n)) + "---\n",
    "page: peers": lambda n: (
        HEAD
        + "## Peer Comparison\n\n| Rank | Name | Profit | Growth | Operation | Security | Cash | Rating |\n"
        + "| --- | --- | --- | --- | --- | --- | --- | --- |\n"
        + "".join(f"| {i % 100:02d} | Peer {i} (P{i}.US) | A | B | C | D | E | A |\n" for i in range(n))
    ),
    "page: peers of one symbol": lambda n: (
        HEAD
        + "## Peer Comparison\n\n| Rank | Name | Profit | Growth | Operation | Security | Cash | Rating |\n"
        + "| --- | --- | --- | --- | --- | --- | --- | --- |\n"
        + "".join(f"| {i % 100:02d} | Peer [{i}] (P.US) | A | B | C | D | E | A |\n" for i in range(n))
    ),
    "page: valuation rows": lambda n: (
        HEAD
        + "## Valuation Analysis\n\n| Metric | Current | Industry Ranking | High | Median | Low |\n"
        + "|---|---|---|---|---|---|\n"
        + "".join(f"| M{i} | {i}.5 | {i}/{n} | 1.5 | 1.0 | 0.5 |\n" for i in range(n))
    ),
    "page: valuation rows that do not read": lambda n: (
        HEAD
        + "## Valuation Analysis\n\n| Metric | Current | Industry Ranking | High | Median | Low |\n"
        + "|---|---|---|---|---|---|\n"
        + "| PE | x | y | z | w | v |\n" * n
    ),
    "page: indicators and their chart": lambda n: (
        HEAD
        + SCORE
        + "| Indicator | Value | Rating |\n|---|---|---|\n"
        + "".join(f"| I{i} | {i}.5% | C |\n" for i in range(n))
        + "\n"
        + chart(n)
    ),
    "page: a score note of many bad Updated lines": lambda n: (
        HEAD + "## Longbridge Financial Score™: B\n" + "".join(f"> Updated: bad{i}\n" for i in range(n))
    ),
    "page: keys given twice in a chart": lambda n: (
        HEAD + SCORE + "```chart-data:radar\n{" + '"a": 1, ' * n + '"b": 2}\n```\n'
    ),
}


def _every_inline(doc: Document) -> None:
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


VIEWS: dict[str, Callable[[str, Document], Any]] = {
    "loads": lambda text, doc: symboldoc.loads(text),
    "loads, strict": lambda text, doc: _strict(text),
    "warnings (a quote page's sections read)": lambda text, doc: doc.warnings,
    "sections": lambda text, doc: [list(root.walk()) for root in doc.sections],
    "tables": lambda text, doc: doc.tables,
    "rows": lambda text, doc: [table.all_rows for table in doc.tables],
    "cells": lambda text, doc: [[cell.start for cell in row.cells] for table in doc.tables for row in table.rows],
    "cells by index": lambda text, doc: [
        [row[index] for index in range(len(row))] for table in doc.tables for row in table.rows
    ],
    "inline": lambda text, doc: _every_inline(doc),
    "charts": lambda text, doc: doc.charts,
    "to_dict": lambda text, doc: json.dumps(symboldoc.to_dict(doc)),
    "dumps": lambda text, doc: symboldoc.dumps(doc),
    "dumps, model alone": lambda text, doc: symboldoc.dumps(doc, preserve=False),
    "deepcopy": lambda text, doc: copy.deepcopy(doc),
    "pickle": lambda text, doc: pickle.loads(pickle.dumps(doc)),
    "fingerprint": lambda text, doc: symboldoc.fingerprint(doc),
    "facts": lambda text, doc: symboldoc.fact_rows(doc),
    "diff, and its patch, with a reordered copy": lambda text, doc: _diff_reordered(doc),
}


def _diff_reordered(doc: Document) -> object:
    """The diff of a page and a copy whose peers and valuation rows are in the opposite order, and its patch."""
    other = copy.deepcopy(doc)
    if other.peers:
        other.peers.reverse()
    if other.valuation is not None:
        other.valuation.rows.reverse()
    return symboldoc.diff(doc, other).to_json_patch()


def steps(function: Callable[[], object]) -> int:
    """How many lines of symboldoc's and mistune's code run while ``function`` runs."""
    count = 0

    def line(frame: FrameType, event: str, arg: object) -> Any:
        nonlocal count
        if event == "line":
            count += 1
        return line

    def call(frame: FrameType, event: str, arg: object) -> Any:
        return line if frame.f_code.co_filename.startswith(WATCHED) else None

    previous = sys.gettrace()
    sys.settrace(call)
    try:
        function()
    finally:
        sys.settrace(previous)
    return count


SIZE = 60


@pytest.mark.parametrize("view", sorted(VIEWS))
@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_every_view_grows_linearly(shape: str, view: str) -> None:
    counts = []
    for size in (SIZE, 4 * SIZE):
        text = SHAPES[shape](size)
        doc = symboldoc.loads(text)
        VIEWS[view](text, symboldoc.loads(text))  # once first: what is made once per process is not counted
        counts.append(steps(lambda text=text, doc=doc: VIEWS[view](text, doc)))
    small, large = counts
    assert large <= BOUND * max(small, 1) + 200, f"{small} lines run at {SIZE} units, {large} at {4 * SIZE}"
