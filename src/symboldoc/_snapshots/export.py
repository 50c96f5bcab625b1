"""``export``: the facts of many pages, streamed to Parquet, CSV or JSON Lines.

How it goes:

1. The pages are put in time order, by the front matter's ``datetime``
   (read from the top of each file only; pages without one come first, in
   the order given, then the rest, ties in the order given).
2. They are read on every core (``load_many``); each worker sends back the
   page's facts, not the page.
3. A page whose fingerprint is the one of the last page kept for the same
   subject (its symbol, else its url; and its locale) is a repeat and is left
   out, unless ``keep_duplicates``.  So a run of identical fetches is kept
   once, the earliest, and a return to an earlier state (A, B, A) is kept:
   that return is a fact the history must show.  ``dedupe="all"`` keeps
   each (subject, fingerprint) once over the whole archive instead.  (A page
   with no symbol and no url is kept: nothing says which page it repeats.)
4. Rows are written as they come: memory holds one batch of rows, the
   fingerprints of the subjects, and the list of paths.

The file is written under a temporary name next to ``output`` and moved
into place at the end, so a failed export leaves no half-written file (a
symbolic link is followed; a device or a pipe is written straight into; an
output that is one of the pages is refused with a ``ValueError``).
"""

from __future__ import annotations

import contextlib
import csv
import datetime as _dt
import json
import os
import re
import stat
from collections.abc import Iterable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import IO, Any, Literal, Protocol, TextIO, cast

import attrs

from symboldoc._batch import load_many
from symboldoc._frontmatter import is_boundary, read_front_matter
from symboldoc._optional import optional_module
from symboldoc._problems import Reporter, SymbolDocError
from symboldoc._text import line_content, split_lines
from symboldoc._values import format_datetime

from .arrow import arrow_batch, facts_arrow_schema
from .dataset import (
    AppendFilter,
    DatasetWriter,
    existing_pages,
    is_dataset,
    local_directory,
    subject_of,
    time_order,
)
from .facts import FACT_COLUMNS, Fact, PageHead, page_facts

__all__ = ["FORMATS", "ExportReport", "descriptor_of", "export", "format_for"]

#: The formats ``export`` writes, by the suffix of the output's name.
FORMATS = {".parquet": "parquet", ".pq": "parquet", ".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl"}

Format = Literal["parquet", "csv", "jsonl", "dataset"]

#: How many rows a Parquet row group (and the buffer in memory) holds.
BATCH_ROWS = 65_536
#: How much of a page's top is read to find its datetime before the pages are put in order.
_HEAD_BYTES = 16_384


@attrs.frozen
class ExportReport:
    """What an export did.

    ``pages`` were given; ``written`` had their facts written (``facts``
    rows in all); ``duplicates`` were left out as repeats; ``failed`` could
    not be read, each as (path, reason).  ``inexact`` counts numbers whose
    amount the Parquet ``number`` column cannot hold exactly: their
    ``number`` is null, and their ``value`` holds them as written.
    ``empty`` pages had no fact to write (a text of no known kind, without
    front matter).  For a dataset, ``duplicates`` counts the pages it held
    already too.
    """

    pages: int
    written: int
    duplicates: int
    facts: int
    failed: tuple[tuple[str, str], ...] = ()
    inexact: int = 0
    empty: int = 0


def format_for(output: str | os.PathLike[str], format: str | None = None) -> Format:
    """The format to write: ``format`` when given, else ``dataset`` for a directory (a path ending in a
    separator, or an existing directory not named like a file), else the one of the output's suffix;
    ``ValueError`` for none of them."""
    if (
        format is None
        and is_dataset(output)
        and (os.fspath(output).endswith(("/", os.sep)) or Path(output).suffix.lower() not in FORMATS)
    ):
        return "dataset"  # a directory named like a file (out.csv/) is one only when it ends with a separator
    if format not in (None, "dataset") and os.fspath(output).endswith(("/", os.sep)):
        raise ValueError(f"{os.fspath(output)!r} ends with a separator: a directory, not a {format} file")
    chosen = format if format is not None else FORMATS.get(Path(output).suffix.lower())
    if chosen not in ("parquet", "csv", "jsonl", "dataset"):
        known = ", ".join(sorted(FORMATS))
        if format is not None:
            raise ValueError(f"unknown format {format!r}: choose parquet, csv, jsonl or dataset")
        raise ValueError(
            f"cannot tell the format from {os.fspath(output)!r}: name it with {known}, end it with / for a "
            "dataset, or give a format"
        )
    return chosen  # type: ignore[return-value]  # one of the four, checked above


def export(
    paths: Iterable[str | os.PathLike[str]],
    output: str | os.PathLike[str],
    *,
    format: str | None = None,
    keep_duplicates: bool = False,
    dedupe: Literal["runs", "all"] = "runs",
    workers: int | None = None,
    progress: bool | TextIO = False,
) -> ExportReport:
    """Write the facts of the pages at ``paths`` to ``output`` (see the module); what was done comes back.

    ``output`` is a file's path, or ``"-"`` (or ``/dev/stdout``, ``/dev/fd/N``)
    for an open descriptor, written through without reopening it.
    ``format`` is ``"parquet"``, ``"csv"`` or ``"jsonl"`` (by default, the
    output's suffix says).  Parquet needs the ``archive`` extra (pyarrow).
    ``workers`` and ``progress`` are :func:`load_many`'s.  A page that
    cannot be read is reported in the result and the export goes on.
    """
    chosen = format_for(output, format)
    if chosen == "dataset":
        if descriptor_of(os.fspath(output)) is not None:
            raise ValueError("a dataset is a directory: it cannot be written to standard output or a descriptor")
        folder = local_directory(output)
        target: Path | int = folder
        partial = None
        existing = existing_pages(folder)
        writer: _Writer = DatasetWriter(folder)
        ordered = in_time_order([os.fspath(path) for path in paths])
    else:
        target, partial = _destination(os.fspath(output))
        existing = []
        ordered = in_time_order([os.fspath(path) for path in paths], avoid=_status(target))
        writer = _open_writer(chosen, partial or target)
    kept = AppendFilter(existing, dedupe=dedupe, keep_duplicates=keep_duplicates)
    written = duplicates = empty = rows = inexact = 0
    failed: list[tuple[str, str]] = []
    try:
        for loaded in load_many(ordered, workers=workers, transform=page_facts, progress=progress):
            if loaded.error is not None:
                failed.append((loaded.path, _reason(loaded.error)))
                continue
            head, facts = cast("tuple[PageHead, list[Fact]]", loaded.result)
            if not facts:  # nothing to write, nor to tell a repeat by (a page of no kind without front matter)
                empty += 1
                continue
            if not kept.keep(subject_of(head, facts), head[2], head[3]):
                duplicates += 1
                continue
            writer.write(head, facts)
            written += 1
            rows += len(facts)
        inexact = writer.close()
        if partial is not None and not isinstance(target, int):
            _replace(partial, target)
    except BaseException:
        writer.abort()
        if partial is not None:
            partial.unlink(missing_ok=True)
        raise
    return ExportReport(len(ordered), written, duplicates, rows, tuple(failed), inexact, empty)


#: Paths that name an open file descriptor of this process: written through the descriptor, never reopened
#: (``-o /dev/stdout`` into a pipe, or into a file the shell opened to append to, as ``>>`` did).
_DESCRIPTOR = re.compile(r"/dev/std(out|err)|/dev/fd/([0-9]+)|/proc/self/fd/([0-9]+)")


def descriptor_of(output: str) -> int | None:
    """The file descriptor ``output`` names (``-`` and ``/dev/stdout`` are 1), or None for a file's path."""
    if output == "-":
        return 1
    match = _DESCRIPTOR.fullmatch(output)
    if match is None:
        return None
    if match.group(1) is not None:
        return 1 if match.group(1) == "out" else 2
    return int(match.group(2) or match.group(3))


def _destination(output: str) -> tuple[Path | int, Path | None]:
    """Where to write: a file (and the temporary file beside it that is moved onto it at the end), or a descriptor.

    ``-`` and the paths of :data:`_DESCRIPTOR` are written through the
    descriptor.  A symbolic link is followed (the file it names is
    replaced, the link kept).  What exists and is no regular file (a device,
    a named pipe) is written straight into, without a temporary file.
    """
    descriptor = descriptor_of(output)
    if descriptor is not None:
        return descriptor, None
    real = Path(os.path.realpath(output))
    try:
        status = os.stat(output)
    except FileNotFoundError:
        return real, real.with_name(real.name + ".partial")
    if stat.S_ISREG(status.st_mode):
        return real, real.with_name(real.name + ".partial")
    return Path(output), None


def _status(target: Path | int) -> os.stat_result | None:
    """What the output is, to tell it from the pages (None when it does not exist yet)."""
    try:
        return os.fstat(target) if isinstance(target, int) else os.stat(target)
    except OSError:
        return None


def _replace(partial: Path, target: Path) -> None:
    """Move the written file onto the output, with the output's permissions when it had some."""
    with contextlib.suppress(FileNotFoundError):  # a new file: the permissions it was made with
        os.chmod(partial, stat.S_IMODE(os.stat(target).st_mode))
    os.replace(partial, target)


def in_time_order(paths: Sequence[str], *, avoid: os.stat_result | None = None) -> list[str]:
    """``paths`` ordered by their pages' front matter ``datetime``; pages without one first; ties as given.

    ``avoid`` is what the output is: a ``ValueError`` names the page that is it.
    """
    avoided = avoid
    keyed = []
    for index, path in enumerate(paths):
        when = _datetime_at_top(path, avoided)
        keyed.append((time_order(when, index), path))
    keyed.sort(key=lambda pair: pair[0])
    return [path for _, path in keyed]


def _datetime_at_top(path: str, avoided: os.stat_result | None) -> _dt.datetime | None:
    """The front matter ``datetime`` of the page at ``path``, read from its top (None for none)."""
    try:
        with open(path, "rb") as handle:
            if avoided is not None:
                status = os.fstat(handle.fileno())
                if (status.st_dev, status.st_ino) == (avoided.st_dev, avoided.st_ino):
                    raise ValueError(f"the output file {path} is one of the pages to export")
            head = handle.read(_HEAD_BYTES)
            text = head.decode("utf-8", errors="ignore").removeprefix("\ufeff")
            lines = split_lines(text)
            found = read_front_matter(lines, Reporter(keep=False))
            if found is None and len(head) == _HEAD_BYTES and lines and is_boundary(line_content(lines[0])):
                # A front matter longer than the first bytes: read on (it is read whole later anyway).
                text += handle.read().decode("utf-8", errors="ignore")
                found = read_front_matter(split_lines(text), Reporter(keep=False))
    except OSError:
        return None  # reported when the page is read
    if found is None:
        return None
    when = found[1].datetime
    return when.astimezone(_dt.timezone.utc) if when is not None and when.tzinfo is not None else when


def _reason(error: Exception) -> str:
    if isinstance(error, SymbolDocError):
        return f"{error.line}:{error.column}: {error.problem.message}"
    if isinstance(error, OSError):
        return f"1:1: cannot read: {error.strerror or error}"
    return f"{type(error).__name__}: {error}"


# -- the writers -----------------------------------------------------------------------------------------


class _Writer(Protocol):
    def write(self, head: PageHead, facts: Sequence[Fact]) -> None: ...
    def close(self) -> int: ...
    def abort(self) -> None: ...


def _opened(target: Path | int, mode: str, newline: str | None = None) -> IO[Any]:
    """The output opened to write: a file by its path, or a copy of a descriptor (closing it leaves the original)."""
    where: Path | int = os.dup(target) if isinstance(target, int) else target
    if "b" in mode:
        return open(where, mode)
    return open(where, mode, encoding="utf-8", newline=newline)


def _open_writer(chosen: Format, path: Path | int) -> _Writer:
    if chosen == "parquet":
        return _ParquetWriter(path)
    if chosen == "csv":
        return _CsvWriter(path)
    return _JsonLinesWriter(path)


#: The most characters an amount is written out in, in full; past that, with an exponent (``1E+100``).
_LONGEST_AMOUNT = 64


def _plain(value: Any) -> Any:
    """A cell as text formats write it: a datetime in ISO 8601 UTC, an amount in full (``1550000000000.00``, never
    ``1.55E+12``), unless that would take more than :data:`_LONGEST_AMOUNT` characters (a front matter value
    written with a huge exponent): then as ``str`` writes it (``1.0E+999999999``), exactly all the same."""
    if isinstance(value, _dt.datetime):
        return format_datetime(value)
    if isinstance(value, Decimal):
        if not value.is_finite():
            return str(value)
        digits, exponent = len(value.as_tuple().digits), int(value.as_tuple().exponent)
        if max(digits, digits + exponent, -exponent) > _LONGEST_AMOUNT:
            return str(value)
        return format(value, "f")
    return value


class _TextWriter:
    """A writer of a text format: its open handle, closed alike at the end or on a failure."""

    handle: IO[str]

    def close(self) -> int:
        self.handle.close()
        return 0  # text formats hold every number exactly

    def abort(self) -> None:
        self.handle.close()


class _CsvWriter(_TextWriter):
    """CSV with a header row; an empty cell for null; amounts written out in full (``1550000000000.00``)."""

    def __init__(self, path: Path | int) -> None:
        self.handle = _opened(path, "w", newline="")
        self.csv = csv.writer(self.handle)
        self.csv.writerow(FACT_COLUMNS)

    def write(self, head: PageHead, facts: Sequence[Fact]) -> None:
        start = [_plain(value) for value in head]
        self.csv.writerows([*start, *map(_plain, fact)] for fact in facts)


class _JsonLinesWriter(_TextWriter):
    """One JSON object per fact; ``number`` as a string (JSON numbers are floats to most readers)."""

    def __init__(self, path: Path | int) -> None:
        self.handle = _opened(path, "w", newline="\n")

    def write(self, head: PageHead, facts: Sequence[Fact]) -> None:
        start = dict(zip(FACT_COLUMNS, map(_plain, head)))  # noqa: B905 - the head is the first columns
        rest = FACT_COLUMNS[len(head) :]
        self.handle.writelines(
            json.dumps({**start, **dict(zip(rest, map(_plain, fact), strict=True))}, ensure_ascii=False) + "\n"
            for fact in facts
        )


class _ParquetWriter:
    """Parquet of :func:`facts_arrow_schema`, a row group per :data:`BATCH_ROWS` rows."""

    def __init__(self, path: Path | int) -> None:
        parquet = optional_module("pyarrow.parquet", "archive")
        self.schema = facts_arrow_schema()
        self.handle = _opened(path, "wb")
        try:
            self.writer = parquet.ParquetWriter(self.handle, self.schema, compression="zstd")
        except BaseException:
            self.handle.close()
            raise
        self.buffer: list[tuple[PageHead, Sequence[Fact]]] = []
        self.rows = 0
        self.inexact = 0

    def write(self, head: PageHead, facts: Sequence[Fact]) -> None:
        self.buffer.append((head, facts))
        self.rows += len(facts)
        if self.rows >= BATCH_ROWS:
            self._flush()

    def _flush(self) -> None:
        if self.buffer:
            batch, inexact = arrow_batch(self.buffer, self.schema)
            self.inexact += inexact
            self.writer.write_batch(batch)
            self.buffer = []
            self.rows = 0

    def close(self) -> int:
        self._flush()
        self.writer.close()
        self.handle.close()
        return self.inexact

    def abort(self) -> None:
        try:
            self.writer.close()
        finally:
            self.handle.close()
