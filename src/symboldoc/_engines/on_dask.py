"""Archives on Dask: the facts table as a Dask DataFrame, documents as a Bag, a Parquet dataset appended to.

Every collection is cut into partitions of pages (``pages_per_partition``
paths each, in the order the paths were given).  A partition's task opens
its pages on the worker that runs it, through fsspec (a local path, or
``s3://``... when the worker can reach it), reads each as bytes, and sends
back only what was asked: the facts' pandas frame, or documents.  Nothing
here sets Dask's configuration: the collections run on whatever scheduler
is current (the local one, or a ``dask.distributed`` client).

A page that cannot be read does not fail the job: it becomes a row of the
errors frame (``path``, ``line``, ``column``, ``message``), made by the same
tasks as the facts, so computing both reads each page once.
"""

from __future__ import annotations

import datetime as _dt
import os
import uuid
from collections.abc import Iterable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import attrs

from symboldoc._api import load
from symboldoc._document import Document
from symboldoc._optional import optional_module
from symboldoc._problems import SymbolDocError
from symboldoc._snapshots.dataset import (
    AppendFilter,
    DatasetWriter,
    Subject,
    existing_pages,
    hide,
    local_directory,
    show,
    subject_of,
    time_order,
)
from symboldoc._snapshots.export import ExportReport
from symboldoc._snapshots.facts import Fact, FactRow, PageHead, facts_frame, page_facts

from .errors import ERROR_COLUMNS, ErrorRow, error_row

if TYPE_CHECKING:
    import dask.bag
    import dask.dataframe
    import pandas

__all__ = [
    "ERROR_COLUMNS",
    "PAGES_PER_PARTITION",
    "Archive",
    "read_archive",
    "read_documents",
    "read_facts",
    "write_dataset",
]

#: Pages a partition reads by default: about 40 MB of facts for quote pages, a second or two of work.
PAGES_PER_PARTITION = 256
_ERROR_DTYPES = {"path": "string", "line": "Int64", "column": "Int64", "message": "string"}


def _dask(name: str) -> Any:
    return optional_module(name, "dask")


@attrs.frozen
class Archive:
    """The facts of an archive's pages (:func:`symboldoc.facts`' columns and dtypes) and the pages that failed.

    Both are made by the same tasks: ``dask.compute(archive.facts,
    archive.errors)`` reads each page once.
    """

    facts: dask.dataframe.DataFrame
    errors: dask.dataframe.DataFrame


def read_archive(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    *,
    pages_per_partition: int = PAGES_PER_PARTITION,
    strict: bool = False,
    storage_options: dict[str, Any] | None = None,
) -> Archive:
    """The facts and the errors of the pages ``paths`` names, as Dask DataFrames (see :class:`Archive`).

    ``paths`` is a glob (``"archive/**/*.md"``), a directory (its ``*.md``
    files, at any depth), one path, or a list of paths; each may be a URL
    fsspec opens (``storage_options`` go to it).
    """
    dataframe = _dask("dask.dataframe")
    delayed = _dask("dask").delayed
    fs, found = _resolve(paths, storage_options)
    chunks = _chunks(found, pages_per_partition) or [[]]  # no pages: one empty partition, of the same dtypes
    parts = [delayed(_facts_partition, nout=2, pure=True)(fs, chunk, strict) for chunk in chunks]
    facts_meta = facts_frame([], "dask")
    errors_meta = _errors_frame([])
    # Dask turns every object column of a frame made from delayed values into strings (its
    # "dataframe.convert-string" setting, on by default, which a library must not change): the
    # partitions carry the numbers as text, made Decimal again in the same task, after that step.
    carried = dataframe.from_delayed([part[0] for part in parts], meta=_numbers_as_text(facts_meta), verify_meta=False)
    facts = carried.map_partitions(_numbers_as_decimals, meta=facts_meta)
    errors = dataframe.from_delayed([part[1] for part in parts], meta=errors_meta, verify_meta=False)
    return Archive(facts, errors)


def read_facts(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    *,
    pages_per_partition: int = PAGES_PER_PARTITION,
    strict: bool = False,
    storage_options: dict[str, Any] | None = None,
) -> dask.dataframe.DataFrame:
    """The facts of the pages ``paths`` names: :func:`symboldoc.facts`' columns and dtypes, a partition a
    ``pages_per_partition`` pages; pages that fail are left out (:func:`read_archive` lists them)."""
    return read_archive(
        paths, pages_per_partition=pages_per_partition, strict=strict, storage_options=storage_options
    ).facts


def read_documents(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    *,
    pages_per_partition: int = 64,
    strict: bool = False,
    storage_options: dict[str, Any] | None = None,
) -> dask.bag.Bag:
    """The pages ``paths`` names as a Dask Bag of :class:`Document`, for work of your own
    (``.map(...)`` on the workers); pages that fail are left out (:func:`read_archive` lists them)."""
    bag = _dask("dask.bag")
    delayed = _dask("dask").delayed
    fs, found = _resolve(paths, storage_options)
    parts = [
        delayed(_documents_partition, pure=True)(fs, chunk, strict) for chunk in _chunks(found, pages_per_partition)
    ]
    made: dask.bag.Bag = bag.from_delayed(parts) if parts else bag.from_sequence([], npartitions=1)
    return made


def write_dataset(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    directory: str | os.PathLike[str],
    *,
    pages_per_partition: int = PAGES_PER_PARTITION,
    dedupe: Literal["runs", "all"] = "runs",
    keep_duplicates: bool = False,
    strict: bool = False,
    storage_options: dict[str, Any] | None = None,
) -> ExportReport:
    """Add the facts of the pages ``paths`` names to the Parquet dataset at ``directory`` (the layout
    ``symboldoc export DIR/`` writes), on the current Dask scheduler; what was done comes back.

    Pages the dataset holds already are not added, nor repeats (as
    :func:`symboldoc.export` leaves them out): running it again over the
    same archive adds nothing.  It goes in two passes: the workers read every
    page and send back its subject, datetime and fingerprint; the pages to
    add are chosen here, in time order; the workers read those again and
    write their files, which show only when every partition has written.
    ``directory`` must be reachable from the workers (a shared file system).
    One run at a time should write to a dataset.
    """
    dask = _dask("dask")
    AppendFilter((), dedupe=dedupe)  # an unknown dedupe: refused before anything is read
    local_directory(directory)
    fs, found = _resolve(paths, storage_options)
    chunks = _chunks(found, pages_per_partition)
    existing = existing_pages(directory)
    indexes = dask.compute(*(dask.delayed(_index_partition, pure=True)(fs, chunk, strict) for chunk in chunks))
    failed: list[tuple[str, str]] = []
    pages: list[tuple[tuple[Any, ...], Subject | None, _dt.datetime | None, str, int]] = []
    empty = 0
    for number, (index, errors) in enumerate(indexes):
        failed.extend((path, _reason(line, column, message)) for path, line, column, message in errors)
        for position, subject, when, said, rows in index:
            if rows == 0:
                empty += 1
                continue
            pages.append((time_order(when, number, position), subject, when, said, rows))
    pages.sort(key=lambda page: page[0])
    kept = AppendFilter(existing, dedupe=dedupe, keep_duplicates=keep_duplicates)
    chosen: dict[int, dict[int, str]] = {}
    duplicates = 0
    for (*_, number, position), subject, when, said, _ in pages:
        if kept.keep(subject, when, said):
            chosen.setdefault(number, {})[position] = said
        else:
            duplicates += 1
    run = uuid.uuid4().hex[:16]
    writes = [
        dask.delayed(_write_partition, pure=False)(
            fs, chunks[number], wanted, strict, os.fspath(directory), run, str(number)
        )
        for number, wanted in sorted(chosen.items())
    ]
    try:
        results = dask.compute(*writes)
    except BaseException:
        _remove_run(directory, run)  # the partitions that had written: nothing of this run is left
        raise
    files = [pair for result in results for pair in result.files]
    changed = [path for result in results for path in result.changed]
    if changed:
        hide(files)
        raise RuntimeError(f"pages changed while they were written to the dataset, nothing was added: {changed[:3]}")
    show(files)
    written = sum(result.pages for result in results)
    rows = sum(result.rows for result in results)
    inexact = sum(result.inexact for result in results)
    return ExportReport(len(found), written, duplicates, rows, tuple(failed), inexact, empty)


# -- the tasks (run on the workers) ------------------------------------------------------------------------


def _read(fs: Any, path: str, strict: bool) -> Document | ErrorRow:
    """The page at ``path`` read from its bytes, or the error row that says why it could not be."""
    try:
        with fs.open(path, "rb") as handle:
            data = handle.read()
    except OSError as error:
        return error_row(path, error)
    try:
        return load(data, strict=strict)
    except SymbolDocError as error:
        return error_row(path, error)


def _facts_partition(fs: Any, paths: Sequence[str], strict: bool) -> tuple[pandas.DataFrame, pandas.DataFrame]:
    rows: list[FactRow] = []
    errors: list[ErrorRow] = []
    for path in paths:
        read = _read(fs, path, strict)
        if isinstance(read, Document):
            head, facts = page_facts(read)
            rows.extend((*head, *fact) for fact in facts)
        else:
            errors.append(read)
    return _numbers_as_text(facts_frame(rows, "dask")), _errors_frame(errors)


def _numbers_as_text(frame: pandas.DataFrame) -> pandas.DataFrame:
    """``frame`` with its ``number`` column (Decimal objects) as exact text (``str`` of each)."""
    carried = frame.copy(deep=False)
    carried["number"] = frame["number"].map(_text_of, na_action="ignore").astype("string")
    return carried


def _numbers_as_decimals(frame: pandas.DataFrame) -> pandas.DataFrame:
    """The frame :func:`_numbers_as_text` made, with its numbers as Decimal objects again (exactly)."""
    pandas = optional_module("pandas", "dask")
    numbers = frame["number"]
    restored = frame.copy(deep=False)
    restored["number"] = pandas.Series(
        [None if pandas.isna(text) else Decimal(text) for text in numbers], index=frame.index, dtype="object"
    )
    return restored


def _text_of(amount: Decimal) -> str:
    return str(amount)


def _documents_partition(fs: Any, paths: Sequence[str], strict: bool) -> list[Document]:
    return [read for read in (_read(fs, path, strict) for path in paths) if isinstance(read, Document)]


def _index_partition(
    fs: Any, paths: Sequence[str], strict: bool
) -> tuple[list[tuple[int, Subject | None, _dt.datetime | None, str, int]], list[ErrorRow]]:
    """Each page's position, subject, datetime, fingerprint and count of facts; and the pages that failed."""
    index = []
    errors = []
    for position, path in enumerate(paths):
        read = _read(fs, path, strict)
        if isinstance(read, Document):
            head, facts = page_facts(read)
            index.append((position, subject_of(head, facts), head[2], head[3], len(facts)))
        else:
            errors.append(read)
    return index, errors


@attrs.frozen
class _Written:
    """What a partition wrote: its files (hidden, final), pages and rows, the paths of pages whose fingerprint
    is not the one the first pass saw, and the count of numbers left null."""

    files: list[tuple[Path, Path]]
    pages: int
    rows: int
    changed: list[str]
    inexact: int


def _write_partition(
    fs: Any, paths: Sequence[str], wanted: dict[int, str], strict: bool, directory: str, run: str, name: str
) -> _Written:
    """Write the pages at the ``wanted`` positions (each with the fingerprint it had) into the dataset, hidden."""
    writer = DatasetWriter(directory, run=run, name=name)
    written = rows = 0
    changed = []
    try:
        for position, said in sorted(wanted.items()):
            read = _read(fs, paths[position], strict)
            facts: list[Fact] = []
            if isinstance(read, Document):
                head: PageHead
                head, facts = page_facts(read)
                if head[3] == said:
                    writer.write(head, facts)
                    written += 1
                    rows += len(facts)
                    continue
            changed.append(paths[position])
        return _Written(writer.finish(), written, rows, changed, writer.inexact)
    except BaseException:
        writer.abort()
        raise


def _remove_run(directory: str | os.PathLike[str], run: str) -> None:
    """Remove the hidden files of the run ``run`` from the dataset."""
    for partial in Path(directory).glob(f"*/.part-{run}-*.partial"):
        partial.unlink(missing_ok=True)


def _errors_frame(errors: Sequence[ErrorRow]) -> pandas.DataFrame:
    pandas = optional_module("pandas", "dask")
    return pandas.DataFrame(list(errors), columns=list(ERROR_COLUMNS)).astype(_ERROR_DTYPES)


def _reason(line: int | None, column: int | None, message: str) -> str:
    return f"{line or 1}:{column or 1}: {message}"


# -- paths -----------------------------------------------------------------------------------------------------


def _resolve(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]], storage_options: dict[str, Any] | None
) -> tuple[Any, list[str]]:
    """The file system and the pages' paths, in order: a glob expanded (sorted), a directory's ``*.md``
    files at any depth (sorted), any other path as it is (a missing one fails as its page's error)."""
    core = optional_module("fsspec.core", "dask")
    names = [os.fspath(paths)] if isinstance(paths, (str, os.PathLike)) else [os.fspath(path) for path in paths]
    fs = None
    pages: list[str] = []
    for name in names:
        if fs is None:
            fs, _ = core.url_to_fs(name, **(storage_options or {}))
        path = fs._strip_protocol(name)
        if fs.isdir(path):
            below = f"{_glob_escaped(path.rstrip('/'))}/**/*.md"
            pages.extend(sorted(found for found in fs.glob(below) if not fs.isdir(found)))
        elif not fs.exists(path) and any(mark in name for mark in "*?["):  # an existing path is itself, "[" or not
            matched = sorted(found for found in fs.glob(path) if not fs.isdir(found))
            if not matched:
                raise FileNotFoundError(f"no pages match {name!r}")
            pages.extend(matched)
        else:
            pages.append(path)  # a missing page is reported as its error row
    if fs is None:
        fs = optional_module("fsspec", "dask").filesystem("file")
    return fs, pages


def _glob_escaped(path: str) -> str:
    """``path`` with the characters a glob gives a meaning to (``*?[``) matched as themselves."""
    return "".join(f"[{mark}]" if mark in "*?[" else mark for mark in path)


def _chunks(paths: Sequence[str], size: int) -> list[list[str]]:
    if size < 1:
        raise ValueError(f"pages_per_partition is 1 or more, not {size}")
    return [list(paths[start : start + size]) for start in range(0, len(paths), size)]
