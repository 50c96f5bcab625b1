"""The archive commands of ``symboldoc``: ``diff`` (two snapshots) and ``export`` (the facts of many)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from ._api import decode, loads
from ._document import Document
from ._problems import SymbolDocError
from ._snapshots import diff, export
from ._snapshots.export import descriptor_of, format_for

__all__ = ["add_archive_commands", "run_diff", "run_export"]

#: diff(1)'s exit statuses: nothing changed, something did, trouble.
SAME, CHANGED, TROUBLE = 0, 1, 2


def add_archive_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``diff`` and ``export`` to the command line's subcommands."""
    compare = commands.add_parser(
        "diff",
        help="what changed between two snapshots of a page",
        description="Print what changed between two snapshots of a page, one fact a line; items of lists are "
        "matched by key. Exits 0 when nothing changed, 1 when something did, 2 on trouble (as diff(1)).",
    )
    compare.add_argument("old", metavar="OLD", help="the earlier snapshot ('-' reads standard input)")
    compare.add_argument("new", metavar="NEW", help="the later snapshot ('-' reads standard input)")
    compare.add_argument(
        "--format",
        choices=("text", "json", "patch"),
        default="text",
        help="one line a change (the default); the changes as JSON; or an RFC 6902 JSON Patch between the "
        "two pages' JSON (symboldoc parse --format json)",
    )
    compare.add_argument("--volatile", action="store_true", help="compare the fields that change on every fetch too")
    compare.add_argument("--strict", action="store_true", help="fail on a page with any problem")
    out = commands.add_parser(
        "export",
        help="write the facts of many pages to Parquet, CSV or JSON Lines",
        description="Write the facts of many pages (one row per fact per page) to Parquet, CSV or JSON Lines, "
        "in time order; repeats of a page's last state are left out. Directories are searched for *.md files. "
        "Exits 1 when a page could not be read (each is named), 2 on trouble.",
    )
    out.add_argument("paths", nargs="+", metavar="PATH", help="pages, or directories of pages")
    out.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="OUT",
        help="the file to write (.parquet, .csv, .jsonl), or a dataset's directory (ending in /, or one that exists); "
        "'-' writes to standard output (give --format)",
    )
    out.add_argument(
        "--format",
        choices=("parquet", "csv", "jsonl", "dataset"),
        help="the format (by default, the output's suffix says)",
    )
    out.add_argument(
        "--keep-duplicates", action="store_true", help="write every page, repeats of the same facts included"
    )
    out.add_argument(
        "--dedupe",
        choices=("runs", "all"),
        default="runs",
        help="runs (the default): leave out a page that says what the last page of its symbol said; "
        "all: keep each state of a symbol once, the earliest",
    )
    out.add_argument("--workers", type=int, metavar="N", help="processes to read on (default: every core)")


def run_diff(args: argparse.Namespace, out: TextIO) -> int:
    """``symboldoc diff``: see :func:`add_archive_commands`."""
    if args.old == "-" and args.new == "-":
        print("symboldoc: standard input can be read once: give OLD or NEW as a file", file=sys.stderr)
        return TROUBLE
    pages: list[Document] = []
    for name in (args.old, args.new):
        label = "<stdin>" if name == "-" else name
        try:
            data = sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes()
            pages.append(loads(decode(data), strict=args.strict))
        except SymbolDocError as exc:
            print(f"{label}:{exc.line}:{exc.column}: {exc.problem.message}", file=sys.stderr)
            return TROUBLE
        except OSError as exc:
            print(f"symboldoc: cannot read {label}: {exc.strerror or exc}", file=sys.stderr)
            return TROUBLE
    changes = diff(pages[0], pages[1], volatile=args.volatile)
    if args.format == "text":
        if changes:
            print(changes, file=out)
    elif args.format == "json":
        print(json.dumps(changes.to_list(), indent=2, ensure_ascii=False), file=out)
    else:
        print(json.dumps(changes.to_json_patch(), indent=2, ensure_ascii=False), file=out)
    return CHANGED if changes else SAME


def run_export(args: argparse.Namespace, pages: Sequence[Path | str], problems: Sequence[str], out: TextIO) -> int:
    """``symboldoc export``, over the pages the paths named (and what was wrong with the paths)."""
    for problem in problems:
        print(problem, file=sys.stderr)
    if "-" in pages:
        print("symboldoc: export reads files and directories, not standard input", file=sys.stderr)
        return TROUBLE
    if not pages:
        print("symboldoc: no pages to export", file=sys.stderr)
        return TROUBLE
    try:
        format_for(args.output, args.format)
    except ValueError as exc:
        print(f"symboldoc: {exc}", file=sys.stderr)
        return TROUBLE
    if args.workers is not None and args.workers < 1:
        print("symboldoc: --workers takes a number of processes, 1 or more", file=sys.stderr)
        return TROUBLE
    try:
        report = export(
            pages,
            args.output,
            format=args.format,
            keep_duplicates=args.keep_duplicates,
            dedupe=args.dedupe,
            workers=args.workers,
            progress=True,
        )
    except (ImportError, ValueError) as exc:  # the extra missing; the output is one of the pages
        print(f"symboldoc: {exc}", file=sys.stderr)
        return TROUBLE
    except OSError as exc:
        print(f"symboldoc: cannot write {args.output}: {exc.strerror or exc}", file=sys.stderr)
        return TROUBLE
    for path, reason in report.failed:
        print(f"{path}:{reason}", file=sys.stderr)
    if descriptor_of(args.output) == 1:
        out = sys.stderr  # the facts went to standard output: the summary goes beside them, not into them
    repeats = f", {report.duplicates} repeated pages left out" if report.duplicates else ""
    failed = f", {len(report.failed)} could not be read" if report.failed else ""
    empty = f", {report.empty} without facts" if report.empty else ""
    print(
        f"exported {report.written} of {report.pages} pages{repeats}{empty}{failed}: "
        f"{report.facts} facts to {args.output}",
        file=out,
    )
    if report.inexact:
        print(
            f"symboldoc: {report.inexact} numbers have more digits than Parquet's decimal(38, 12) holds: "
            "their 'number' is null, their 'value' keeps them",
            file=sys.stderr,
        )
    return 1 if report.failed or problems else 0
