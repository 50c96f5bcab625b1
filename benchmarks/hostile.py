"""How parse time grows on hostile input: each shape at 1 MB and at 4 MB.

Run: ``python benchmarks/hostile.py`` (``--quick`` for 256 KB and 1 MB).

For each shape it reads the text (``loads``), writes it back (``dumps``)
and touches every lazy view (inline content of every block and cell, the
heading tree), best of three, and prints how much longer 4x the input took.
Linear is 4x; the issue's bound is 6x. The exit status is 1 when a shape
grows worse than that or does not come back byte for byte.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable

import symboldoc

PAGE_HEAD = (
    '---\ntitle: "Hostile Co (HST.US)"\ntype: "Symbol"\nlocale: "en"\nsymbol: "HST.US"\n---\n\n'
    "# Hostile Co (HST.US)\n\n"
)


def repeat(unit: str, size: int) -> str:
    return unit * (size // len(unit))


def in_page(section: str, body: Callable[[int], str]) -> Callable[[int], str]:
    return lambda size: PAGE_HEAD + f"## {section}\n\n" + body(size)


SHAPES: dict[str, Callable[[int], str]] = {
    "only pipes, one line": lambda n: repeat("|", n),
    "only pipes, many lines": lambda n: repeat("|||\n", n),
    "only backticks, one line": lambda n: repeat("`", n),
    "only backticks, fence lines": lambda n: repeat("```\n", n),
    "only '>'": lambda n: repeat(">", n),
    "only '>' lines": lambda n: repeat(">\n", n),
    "unclosed fences": lambda n: "````\n" + repeat("```\n~~~\n", n),
    "table rows": lambda n: "| a | b |\n|---|---|\n" + repeat("| 1 | 2 |\n", n),
    "front matter keys": lambda n: "---\n" + "".join(f"k{i}: v\n" for i in range(n // 8)) + "---\n",
    "'**_[' repeated": lambda n: repeat("**_[", n),
    "one long line": lambda n: repeat("a", n),
    "only newlines": lambda n: repeat("\n", n),
    "blanks in a line": lambda n: "Updated:" + repeat(" ", n) + "x",
    "list items": lambda n: repeat("- a\n", n),
    "nested brackets": lambda n: repeat("[", n // 2) + repeat("]", n // 2),
    "page: peer names": in_page(
        "Peer Comparison",
        lambda n: "| Rank | Name |\n| --- | --- |\n" + repeat("| 01 | Name" + " " * 50 + "(X.US |\n", n),
    ),
    "page: score paragraph": in_page("Longbridge Financial Score™: C", lambda n: "**Overall: " + repeat("**_[", n)),
    "page: indicator rows": in_page(
        "Longbridge Financial Score™: C",
        lambda n: (
            "#### Style Score Score: \n\n| Indicator | Value | Rating |\n|---|---|---|\n"
            + repeat("| Revenue YoY | 23.90% |  |\n", n)
        ),
    ),
}


def measure(text: str) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        doc = symboldoc.loads(text)
        touch_views(doc)
        if symboldoc.dumps(doc) != text:
            raise AssertionError("not given back byte for byte")
        best = min(best, time.perf_counter() - start)
    return best


def touch_views(doc: symboldoc.Document) -> None:
    for block in doc.blocks:
        if hasattr(block, "inline"):
            block.inline  # noqa: B018 - made on first access
        for item in getattr(block, "items", ()):
            item.inline  # noqa: B018
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                cell.inline  # noqa: B018
    doc.sections  # noqa: B018


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="256 KB and 1 MB instead of 1 MB and 4 MB")
    args = parser.parse_args()
    small = 256 * 1024 if args.quick else 1024 * 1024
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10_000))
    print(f"{'shape':32} {'small':>9} {'4x':>9} {'growth':>7}  (sizes {small // 1024} KB and {4 * small // 1024} KB)")
    failed = False
    for name, make in SHAPES.items():
        try:
            first, second = measure(make(small)), measure(make(4 * small))
        except AssertionError as exc:
            print(f"{name:32} FAILED: {exc}")
            failed = True
            continue
        growth = second / first
        flag = "" if growth <= 6 else "  <-- worse than 6x"
        failed |= growth > 6
        print(f"{name:32} {first:8.3f}s {second:8.3f}s {growth:6.1f}x{flag}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
