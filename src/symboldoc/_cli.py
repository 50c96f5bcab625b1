"""The ``symboldoc`` command."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Sequence
from importlib import resources
from typing import TextIO

from ._api import decode, dumps, loads
from ._blocks import Heading
from ._charts import RadarChart
from ._document import Document
from ._problems import SymbolDocError
from ._sections import Section

__all__ = ["main"]

EXAMPLE = "example.md"


def example_text() -> str:
    """The bundled example page (a fictional company, in the pages' exact layout)."""
    return (resources.files("symboldoc") / "data" / EXAMPLE).read_bytes().decode("utf-8")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="symboldoc", description="Read Longbridge symbol documents (markdown quote pages)."
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    parse = commands.add_parser(
        "parse", help="read pages and print what was read", description="Read pages and print what was read."
    )
    parse.add_argument(
        "files", nargs="*", metavar="FILE", help="pages to read; '-' reads standard input; none: the bundled example"
    )
    parse.add_argument("--strict", action="store_true", help="fail on the first problem instead of warning")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = _parser().parse_args(argv)
    out = sys.stdout
    try:
        return _parse(args.files, args.strict, out)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 1


def _parse(files: Sequence[str], strict: bool, out: TextIO) -> int:
    status = 0
    sources: list[str | None] = list(files) if files else [None]
    for number, name in enumerate(sources):
        label = name if name is not None else f"{EXAMPLE} (bundled example)"
        try:
            text = _read(name)
            doc = loads(text, strict=strict)
        except SymbolDocError as exc:
            print(f"{label}:{exc.line}:{exc.column}: {exc.problem.message}", file=sys.stderr)
            status = 1
            continue
        except OSError as exc:
            print(f"symboldoc: cannot read {label}: {exc.strerror or exc}", file=sys.stderr)
            status = 1
            continue
        if number:
            print(file=out)
        _summarise(label, doc, text, out)
    return status


def _read(name: str | None) -> str:
    if name is None:
        return example_text()
    if name == "-":
        return decode(sys.stdin.buffer.read())
    with open(name, "rb") as handle:
        return decode(handle.read())


def _summarise(label: str, doc: Document, text: str, out: TextIO) -> None:
    def say(line: str = "") -> None:
        print(line, file=out)

    fm = doc.front_matter
    say(f"{label}: {fm.title if fm and fm.title else _first_heading(doc) or 'no title'}")
    if fm is not None:
        say(f"  front matter: symbol {fm.symbol}, type {fm.type}, locale {fm.locale}")
        if fm.datetime is not None:
            say(f"    datetime {fm.datetime.isoformat()}")
        if fm.locales:
            say(f"    locales: {', '.join(link.locale for link in fm.locales)}")
        if fm.extra:
            say(f"    other keys: {', '.join(fm.extra)}")
    else:
        say("  front matter: none")
    kinds = Counter(type(block).__name__ for block in doc.blocks)
    say(f"  blocks: {len(doc.blocks)} ({', '.join(f'{n} {kind}' for kind, n in sorted(kinds.items()))})")
    if doc.sections:
        say("  sections:")
        for root in doc.sections:
            for section in root.walk():
                say(f"    {'  ' * (section.level - 1)}{'#' * section.level} {section.title}{_count(section)}")
    for table in doc.tables:
        say(f"  table at line {table.start.line}: {' | '.join(table.header)} ({_plural(len(table.rows), 'row')})")
    for block_chart in doc.charts:
        if isinstance(block_chart, RadarChart):
            say(
                f"  chart {block_chart.type}: {block_chart.title!r}, "
                f"{_plural(len(block_chart.dimensions), 'dimension')}, "
                f"{_plural(len(block_chart.indicators), 'indicator')}"
            )
            for dimension in block_chart.dimensions:
                grade = dimension.grade or "no grade"
                say(f"    {dimension.name} ({grade}): {_plural(len(dimension.indicators), 'indicator')}")
        else:
            say(f"  chart {block_chart.type}")
    say(f"  warnings: {len(doc.warnings) or 'none'}")
    for problem in doc.warnings:
        say(f"    {problem}")
    say(f"  round trip: {'exact' if dumps(doc) == text else 'DIFFERS'}")


def _first_heading(doc: Document) -> str | None:
    return next((block.text for block in doc.blocks if isinstance(block, Heading)), None)


def _count(section: Section) -> str:
    tables = sum(1 for block in section.blocks if type(block).__name__ == "Table")
    return f"  [{_plural(tables, 'table')}]" if tables else ""


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
