"""The ``symboldoc`` command."""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import TextIO

from ._api import decode, dumps, loads
from ._batch import _Progress, _terminal_stderr
from ._blocks import Heading
from ._charts import RadarChart
from ._cli_archive import add_archive_commands, run_diff, run_export
from ._document import Document
from ._json import json_schema, to_dict
from ._kinds import kind_of_page
from ._problems import SymbolDocError
from ._sections import Section
from ._version import __version__

__all__ = ["main"]

EXAMPLE = "example.md"
#: The name that stands for standard input, as a file to parse or a page to check.
STDIN = "-"
#: How many pages a check must have before it draws a progress bar (on a terminal).
PROGRESS_FROM = 20


def example_text() -> str:
    """The bundled example page (a fictional company, in the pages' exact layout)."""
    return (resources.files("symboldoc") / "data" / EXAMPLE).read_bytes().decode("utf-8")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="symboldoc", description="Read Longbridge symbol documents (markdown quote pages)."
    )
    parser.add_argument("-V", "--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    parse = commands.add_parser(
        "parse", help="read pages and print what was read", description="Read pages and print what was read."
    )
    parse.add_argument(
        "files", nargs="*", metavar="FILE", help="pages to read; '-' reads standard input; none: the bundled example"
    )
    parse.add_argument("--strict", action="store_true", help="fail on the first problem instead of warning")
    parse.add_argument(
        "--format",
        choices=("summary", "json"),
        default="summary",
        help="a summary for people (the default), or the JSON of symboldoc.to_dict (a list for several files)",
    )
    check = commands.add_parser(
        "check",
        help="check that pages read and come back byte for byte",
        description="Check pages: each must come back byte for byte; with --strict, it must also have no problem. "
        "Directories are searched for *.md files. Exits 1 when any page fails.",
    )
    check.add_argument(
        "paths", nargs="+", metavar="PATH", help="pages, or directories of pages; '-' reads standard input"
    )
    check.add_argument("--strict", action="store_true", help="a page with any problem fails too")
    commands.add_parser(
        "schema", help="print the JSON Schema of parse --format json", description="Print the JSON Schema."
    )
    add_archive_commands(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = _parser().parse_args(argv)
    out = sys.stdout
    try:
        if args.command == "check":
            return _check(args.paths, args.strict, out)
        if args.command == "diff":
            return run_diff(args, out)
        if args.command == "export":
            pages, problems = _pages(args.paths)
            return run_export(args, pages, problems, out)
        if args.command == "schema":
            print(json.dumps(json_schema(), indent=2, ensure_ascii=False), file=out)
            return 0
        return _parse(args.files, args.strict, args.format, out)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 1
    except Exception as exc:  # the last resort: one line, never a traceback
        print(f"symboldoc: unexpected error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 70


def _parse(files: Sequence[str], strict: bool, form: str, out: TextIO) -> int:
    status = 0
    sources: list[str | None] = list(files) if files else [None]
    documents: list[dict[str, object]] = []
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
        if form == "json":
            documents.append(to_dict(doc))
            continue
        if number:
            print(file=out)
        _summarise(label, doc, text, out)
    if form == "json" and documents:
        data: object = documents[0] if len(sources) == 1 else documents
        print(json.dumps(data, indent=2, ensure_ascii=False), file=out)
    return status


def _read(name: str | None) -> str:
    if name is None:
        return example_text()
    if name == STDIN:
        return decode(sys.stdin.buffer.read())
    with open(name, "rb") as handle:
        return decode(handle.read())


def _pages(paths: Sequence[str]) -> tuple[list[Path | str], list[str]]:
    """The pages the paths name (directories searched for ``*.md``; ``-`` is standard input), and what was wrong."""
    pages: list[Path | str] = []
    problems: list[str] = []
    for name in paths:
        path = Path(name)
        if name == STDIN:
            pages.append(STDIN)
        elif path.is_dir():
            # Every *.md entry but a directory: one that cannot be read (a broken link, a loop
            # of links, no permission) is checked like the rest, and fails with its reason.
            found = sorted(found for found in path.rglob("*.md") if not found.is_dir())
            if not found:
                problems.append(f"symboldoc: no pages (*.md files) under {name}")
            pages.extend(found)
        elif path.exists():
            pages.append(path)
        else:
            problems.append(f"symboldoc: cannot read {name}: No such file or directory")
    return pages, problems


def _check(paths: Sequence[str], strict: bool, out: TextIO) -> int:
    pages, problems = _pages(paths)
    for problem in problems:
        print(problem, file=sys.stderr)
    terminal = _terminal_stderr() if len(pages) >= PROGRESS_FROM else None
    bar = _Progress(len(pages), terminal) if terminal is not None else None
    failed = 0
    for page in pages:
        lines = _check_page(page, strict)
        if bar is not None and lines:
            sys.stderr.write("\r\033[K")  # the problems go above the bar
        for line in lines:
            print(line, file=out)
        failed += bool(lines)
        if bar is not None:
            bar.step(not lines)
    if bar is not None:
        bar.close()
    passed = len(pages) - failed
    mode = " (strict)" if strict else ""
    print(f"checked {_plural(len(pages), 'page')}{mode}: {passed} passed, {failed} failed", file=out)
    return 1 if failed or problems else 0


def _check_page(page: Path | str, strict: bool) -> list[str]:
    """What is wrong with one page, one ``path:line:column: message`` line each (nothing when it passes).

    ``page`` is a path, or :data:`STDIN` for standard input (named ``<stdin>`` in the lines).
    """
    label = "<stdin>" if page == STDIN else str(page)
    try:
        text = decode(sys.stdin.buffer.read() if page == STDIN else Path(page).read_bytes())
    except SymbolDocError as exc:
        return [f"{label}:{exc.line}:{exc.column}: {exc.problem.message}"]
    except OSError as exc:
        return [f"{label}:1:1: cannot read: {exc.strerror or exc}"]
    doc = loads(text)
    lines = []
    if dumps(doc) != text:  # pragma: no cover - a broken promise, reported if it ever happens
        lines.append(f"{label}:1:1: round trip: the text written back differs from the text read")
    if strict:
        lines.extend(f"{label}:{problem.line}:{problem.column}: {problem.message}" for problem in doc.warnings)
    return lines


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
    kind = kind_of_page(doc.page)
    if kind is not None:
        for line in kind.summarise(doc.page):
            say(f"  {line}")
    else:
        say("  page: no typed page (not a kind symboldoc knows)")
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
