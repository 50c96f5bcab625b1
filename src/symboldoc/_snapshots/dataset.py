"""A Parquet dataset of facts: a directory of files of one schema, partitioned by date, only ever appended to.

The layout, the one ``symboldoc export DIR/``, :func:`symboldoc.dask.write_dataset`
and the Spark recipe write::

    DIR/date=2026-11-27/part-<run>-<n>.parquet
    DIR/date=2026-11-28/part-<run>-<n>.parquet
    DIR/date=undated/...                         pages without a datetime

Every file holds :func:`facts_arrow_schema` exactly; ``date`` (the UTC date
of the page's ``datetime``) is in the directory names only, as Hive, Spark,
pyarrow, pandas, polars and DuckDB read it.  A page's rows are never split
between files.  Partitioned by date, not by symbol: an archive grows by
date, so a new fetch adds files under new dates and never touches old ones;
a query over a period reads only its dates; and a symbol partition would
make one small file per symbol per run (tens of thousands of them), which
every engine reads slowly.  A query for one symbol still skips most row
groups: the rows of each file are in the order of their subjects.

Appending (:class:`AppendFilter`): a page whose fingerprint and datetime
are in the dataset already is not written again, so running over the same
archive twice adds nothing; a page that repeats the state before it (of the
dataset's pages and the new ones, in time order) is left out as ``export``
leaves it out (``dedupe="runs"``, or ``"all"``).  Files are written under a
name starting with ``.`` (which readers skip) and renamed when the whole
run succeeded, so a failed run leaves nothing a reader sees.
"""

from __future__ import annotations

import bisect
import datetime as _dt
import os
import uuid
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, Literal

from symboldoc._optional import optional_module

from .arrow import arrow_batch, facts_arrow_schema, pyarrow_module
from .facts import Fact, PageHead

__all__ = [
    "NO_DATE",
    "PARTITION",
    "AppendFilter",
    "DatasetWriter",
    "Subject",
    "data_files",
    "existing_pages",
    "is_dataset",
    "local_directory",
    "partition_of",
    "subject_of",
    "time_order",
]

#: The partition column, in the directory names.
PARTITION = "date"
#: The partition of pages without a datetime (not Hive's null partition, which pandas cannot read back).
NO_DATE = "undated"
#: Rows a file holds at most (a page's rows are kept together, so a file can hold a few more).
FILE_ROWS = 1_048_576
#: Rows a row group holds.
GROUP_ROWS = 65_536

#: Whose states a page is: its symbol (else its url), and its locale.
Subject = tuple[str, "str | None"]

_URL = "front_matter.url"
_LOCALE = "front_matter.locale"
_EPOCH = _dt.datetime(1, 1, 1, tzinfo=_dt.timezone.utc)


def is_dataset(output: str | os.PathLike[str]) -> bool:
    """Whether ``output`` names a dataset: an existing directory, or a path that ends with a separator."""
    text = os.fspath(output)
    return os.path.isdir(text) or text.endswith(("/", os.sep))


def time_order(when: _dt.datetime | None, *then: int) -> tuple[Any, ...]:
    """The key that puts pages in time order: pages without a datetime first, ties by ``then`` (their place given)."""
    return (0, _EPOCH, *then) if when is None else (1, when, *then)


def partition_of(when: _dt.datetime | None) -> str:
    """The partition directory's value for a page fetched at ``when``: its UTC date, or :data:`NO_DATE`."""
    return NO_DATE if when is None else when.date().isoformat()


def subject_of(head: PageHead, facts: Sequence[Fact]) -> Subject | None:
    """Whose states a page is: its symbol, else its url (the ``front_matter.url`` fact), with its locale; or
    no one's (a page with neither).  The pages of one symbol in two locales are two histories."""
    found = {}
    for path, value, *_ in facts:
        if not path.startswith("front_matter."):
            break  # the front matter's facts come first
        if path in (_URL, _LOCALE):
            found[path] = value
    return _subject(head[0], found.get(_URL), found.get(_LOCALE))


def _subject(symbol: str | None, url: str | None, locale: str | None) -> Subject | None:
    who = symbol if symbol is not None else url
    return None if who is None else (who, locale)


#: A page of a dataset: whose it is, when it was fetched, its fingerprint.
PageKey = tuple["Subject | None", "_dt.datetime | None", str]


def existing_pages(directory: str | os.PathLike[str]) -> list[PageKey]:
    """The pages a dataset holds (none for a directory that does not exist or holds no data file).

    Reads three columns of every file, and the url and locale rows; Arrow
    groups the rows of each batch, so memory holds a batch and one key a page.
    """
    root = Path(directory)
    if not root.is_dir():
        return []
    files = data_files(root)
    if not files:
        return []
    dataset_module = optional_module("pyarrow.dataset", "archive")
    compute = optional_module("pyarrow.compute", "archive")
    dataset = dataset_module.dataset([os.fspath(path) for path in files], format="parquet", schema=facts_arrow_schema())
    heads: dict[tuple[_dt.datetime | None, str], str | None] = {}
    for batch in dataset.to_batches(columns=["symbol", "datetime", "fingerprint"]):
        pages = (
            pyarrow_module().Table.from_batches([batch]).group_by(["symbol", "datetime", "fingerprint"]).aggregate([])
        )
        for symbol, when, said in zip(
            *(pages.column(name).to_pylist() for name in ("symbol", "datetime", "fingerprint")), strict=True
        ):
            heads[(when, said)] = symbol
    named: dict[tuple[_dt.datetime | None, str], dict[str, str]] = {}
    wanted = compute.field("path").isin([_URL, _LOCALE])
    table = dataset.to_table(columns=["datetime", "fingerprint", "path", "value"], filter=wanted)
    for when, said, path, value in zip(*(column.to_pylist() for column in table.columns), strict=True):
        named.setdefault((when, said), {})[path] = value
    found = []
    for (when, said), symbol in heads.items():
        extra = named.get((when, said), {})
        found.append((_subject(symbol, extra.get(_URL), extra.get(_LOCALE)), when, said))
    return found


def data_files(root: Path) -> list[Path]:
    """The dataset's data files: every ``*.parquet`` below ``root`` whose name and folders start with neither
    ``.`` nor ``_`` (hidden files of a run under way, Spark's ``_SUCCESS``...), in sorted order."""
    return sorted(
        path
        for path in root.rglob("*.parquet")
        if path.is_file() and not any(part.startswith((".", "_")) for part in path.relative_to(root).parts)
    )


def local_directory(directory: str | os.PathLike[str]) -> Path:
    """``directory`` as a local path: a dataset is written with the file operations of this machine (and of
    each worker), so a URL is refused (``ValueError``) rather than taken for a folder named ``s3:``."""
    text = os.fspath(directory)
    if "://" in text:
        raise ValueError(
            f"a dataset is written to a file system every worker mounts, not to a URL: {text!r} "
            "(write it to a mounted path, or let Spark or your engine write object storage)"
        )
    return Path(text)


class AppendFilter:
    """Which pages to write, given the pages written before; ask :meth:`keep` of each page in time order.

    ``dedupe="runs"``: a page is left out when its subject's state just before
    it (among the pages already written and those kept in this run) has the
    same fingerprint.  ``"all"``: when its subject ever had that fingerprint.
    ``keep_duplicates``: only pages already written (same fingerprint, same
    datetime) are left out.  A page of no subject is kept unless it was
    written already.
    """

    def __init__(
        self,
        existing: Iterable[PageKey] = (),
        *,
        dedupe: Literal["runs", "all"] = "runs",
        keep_duplicates: bool = False,
    ) -> None:
        if dedupe not in ("runs", "all"):
            raise ValueError(f"dedupe is 'runs' or 'all', not {dedupe!r}")
        self.dedupe = dedupe
        self.keep_duplicates = keep_duplicates
        self.present: set[tuple[_dt.datetime | None, str]] = set()
        self.seen: set[tuple[Subject, str]] = set()
        history: dict[Subject, list[tuple[_dt.datetime, str]]] = {}
        for subject, when, said in existing:
            self.present.add((when, said))
            if subject is not None:
                self.seen.add((subject, said))
                history.setdefault(subject, []).append((_EPOCH if when is None else when, said))
        for states in history.values():
            states.sort()
        self.times = {subject: [when for when, _ in states] for subject, states in history.items()}
        self.states = {subject: [said for _, said in states] for subject, states in history.items()}
        self.last_kept: dict[Subject, tuple[_dt.datetime, str]] = {}

    def keep(self, subject: Subject | None, when: _dt.datetime | None, said: str) -> bool:
        """Whether to write the page (and, when it is, it becomes the subject's latest state)."""
        if (when, said) in self.present:
            return False  # this very page is in the dataset already
        if self.keep_duplicates or subject is None:
            return True
        if self.dedupe == "all":
            if (subject, said) in self.seen:
                return False
            self.seen.add((subject, said))
            return True
        at = _EPOCH if when is None else when
        before = self._written_before(subject, at)
        kept = self.last_kept.get(subject)
        if kept is not None and (before is None or kept[0] >= before[0]):
            before = kept
        if before is not None and before[1] == said:
            return False
        self.last_kept[subject] = (at, said)
        return True

    def _written_before(self, subject: Subject, at: _dt.datetime) -> tuple[_dt.datetime, str] | None:
        times = self.times.get(subject)
        if not times:
            return None
        index = bisect.bisect_right(times, at)
        return None if index == 0 else (times[index - 1], self.states[subject][index - 1])


class DatasetWriter:
    """Writes pages into a dataset's date partitions (see the module); nothing shows until :meth:`close`.

    Pages come in any order; each date's rows are buffered and written as a
    file when they reach :data:`FILE_ROWS`, and at the end.  ``run`` names
    this run's files (a random one by default); ``name`` tells writers of one
    run apart (a Dask partition's number).
    """

    def __init__(self, directory: str | os.PathLike[str], *, run: str | None = None, name: str = "0") -> None:
        self.parquet = optional_module("pyarrow.parquet", "archive")
        self.schema = facts_arrow_schema()
        self.root = Path(directory)
        self.run = run if run is not None else uuid.uuid4().hex[:16]
        self.name = name
        self.buffers: dict[str, list[tuple[PageHead, Sequence[Fact]]]] = {}
        self.counts: dict[str, int] = {}
        self.written: list[tuple[Path, Path]] = []  # (hidden, final)
        self.inexact = 0

    def write(self, head: PageHead, facts: Sequence[Fact]) -> None:
        if not facts:
            return  # a page without facts has no row to write
        date = partition_of(head[2])
        buffer = self.buffers.setdefault(date, [])
        buffer.append((head, facts))
        self.counts[date] = self.counts.get(date, 0) + len(facts)
        if self.counts[date] >= FILE_ROWS:
            self._flush(date)

    def _flush(self, date: str) -> None:
        pages = self.buffers.pop(date, [])
        self.counts.pop(date, None)
        if not pages:
            return
        pages.sort(key=_by_subject)  # a file's rows in the order of their subjects: row groups skip well
        folder = self.root / f"{PARTITION}={date}"
        folder.mkdir(parents=True, exist_ok=True)
        final = folder / f"part-{self.run}-{self.name}-{len(self.written)}.parquet"
        hidden = folder / f".{final.name}.partial"
        self.written.append((hidden, final))
        batch, inexact = arrow_batch(pages, self.schema)
        self.inexact += inexact
        table = pyarrow_module().Table.from_batches([batch], schema=self.schema)
        self.parquet.write_table(table, hidden, row_group_size=GROUP_ROWS, compression="zstd")

    def finish(self) -> list[tuple[Path, Path]]:
        """Write what is buffered, still hidden; the files to show, as (hidden, final) pairs."""
        for date in list(self.buffers):
            self._flush(date)
        return self.written

    def close(self) -> int:
        """Write what is buffered and show every file of this writer; the count of numbers left null."""
        show(self.finish())
        return self.inexact

    def abort(self) -> None:
        """Remove the files written so far; nothing of this writer shows."""
        hide(self.written)
        self.buffers.clear()


def show(files: Sequence[tuple[Path, Path]]) -> None:
    """Give written files their final names (readers see them from now on)."""
    for hidden, final in files:
        os.replace(hidden, final)


def hide(files: Sequence[tuple[Path, Path]]) -> None:
    """Remove written files that are not shown yet."""
    for hidden, _ in files:
        hidden.unlink(missing_ok=True)


def _by_subject(page: tuple[PageHead, Sequence[Fact]]) -> tuple[Any, ...]:
    head = page[0]
    return (head[0] or "", head[2] or _EPOCH, head[3])
