"""Reading many pages at once: ``load_many``, on every core.

The pages are read in worker processes and come back in the order they were
given; a page that cannot be read comes back with its error, and the batch
goes on.  A document that crossed from a worker keeps everything it read —
blocks, front matter, typed page, warnings, and the bindings that let an edit
rewrite only its own lines — so it edits as a document loaded here does.  Pass
``transform`` to run your own work in the workers, so only its result
crosses back.
"""

from __future__ import annotations

import itertools
import os
import pickle
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, Generic, TextIO, TypeVar

import attrs

from ._api import load
from ._document import Document, read_whole
from ._pickling import compact
from ._problems import SymbolDocError
from ._travel import light

__all__ = ["Loaded", "load_many"]

T = TypeVar("T")


@compact
@attrs.frozen
class Loaded(Generic[T]):
    """One page of a batch: its ``path``, and either its ``result`` or the ``error`` that stopped it."""

    path: str
    result: T | None = None
    error: Exception | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def _read(job: tuple[str, bool, Callable[[Document], Any] | None]) -> Loaded[Any]:
    path, strict, transform = job
    try:
        document = load(path, strict=strict)
        if transform is not None:
            return Loaded(path, transform(document))  # it reads what it uses of a quote page's sections
        read_whole(document)  # a document that comes back is read whole, in the worker
        return Loaded(path, document)
    except (OSError, SymbolDocError) as error:
        return Loaded(path, error=error)


def load_many(
    paths: Iterable[str | os.PathLike[str]],
    *,
    workers: int | None = None,
    strict: bool = False,
    transform: Callable[[Document], T] | None = None,
    progress: bool | TextIO = False,
    chunksize: int | None = None,
) -> Iterator[Loaded[Any]]:
    """Read many pages on ``workers`` processes (all cores by default), yielding a :class:`Loaded` per path, in order.

    A path that cannot be read (missing, not UTF-8, or with a problem in
    strict mode) gives a ``Loaded`` whose ``error`` says why; the batch goes
    on.  ``transform`` (a picklable function, such as a module-level one) runs
    on each document in its worker, and its result is what comes back
    (reading what it uses of a quote page's sections: see
    :func:`symboldoc.loads`); without one, the document comes back with every
    section read, its warnings complete.  ``workers=1`` reads in this process.  ``progress=True`` shows a progress
    bar on standard error when it is a terminal (and draws nothing into a
    log file or a pipe); ``progress=stream`` draws it on that text stream,
    whatever it is.
    ``chunksize`` is how many pages a worker takes at a time; by default
    the batch is cut into chunks of equal size, at most 64 pages each and at
    least four for each worker (few round trips between processes, and a
    small batch still spread over every worker), and the chunks of the last
    rounds get smaller, so that the workers finish together instead of one
    waiting on the other's last chunk.  A ``chunksize`` given is kept to the end.
    """
    jobs = [(os.fspath(path), strict, transform) for path in paths]
    stream = _terminal_stderr() if progress is True else progress or None
    bar = _Progress(len(jobs), stream) if stream else None
    count = workers if workers is not None else (os.cpu_count() or 1)
    if count <= 1 or len(jobs) <= 1:
        results: Iterator[Loaded[Any]] = map(_read, jobs)
        yield from _reported(results, bar)
        return
    count = min(count, len(jobs))
    taper = chunksize is None
    size = _chunksize(len(jobs), count) if chunksize is None else max(1, chunksize)
    chunks = (jobs[start:end] for start, end in _cuts(len(jobs), size, count if taper else 0))
    with ProcessPoolExecutor(max_workers=count) as pool:
        yield from _reported(_windowed(pool, chunks, count * _CHUNKS_A_WORKER), bar)


#: How many chunks each worker may have waiting or done ahead of the reader of the results.
_CHUNKS_A_WORKER = 3


def _read_chunk(jobs: list[tuple[str, bool, Callable[[Document], Any] | None]]) -> list[bytes]:
    """The pickles of the chunk's results, each made as soon as its page is read.

    So a worker holds one document at a time, not a chunk of them: the memory
    a document took is used again for the next, and the garbage collector
    does not go through the documents waiting to be sent.  The caller's
    process takes them back one at a time too (see :func:`_windowed`).  Both
    make whole documents come back cheaper (docs/performance.md has the figures).
    """
    return [pickle.dumps(_travelling(_read(job)), pickle.HIGHEST_PROTOCOL) for job in jobs]


def _travelling(loaded: Loaded[Any]) -> Loaded[Any]:
    """``loaded``, a whole document in it sent light: its model made when the caller first uses it (see _travel)."""
    if type(loaded.result) is Document:  # a subclass's own fields may refer into its model: sent whole
        read_whole(loaded.result)  # a transform's document too: its sections read here, not in the caller
        return attrs.evolve(loaded, result=light(loaded.result))
    return loaded


def _windowed(
    pool: ProcessPoolExecutor,
    chunks: Iterator[list[tuple[str, bool, Callable[[Document], Any] | None]]],
    window: int,
) -> Iterator[Loaded[Any]]:
    """The results of the jobs of ``chunks`` in order, with at most ``window`` chunks given to the pool and
    not yet taken.

    Unlike ``pool.map``, which gives the pool every chunk at once, this keeps
    what waits in memory bounded when the results are used more slowly than
    they are made (an export writing a file), however many pages there are.
    """
    pending: deque[Future[list[bytes]]] = deque()
    try:
        for chunk in itertools.islice(chunks, window):
            pending.append(pool.submit(_read_chunk, chunk))
        while pending:
            results = pending.popleft().result()
            following = next(chunks, None)
            if following is not None:
                pending.append(pool.submit(_read_chunk, following))
            for result in results:
                yield pickle.loads(result)  # one at a time: the reader may let each go before the next
    finally:
        for future in pending:  # a reader that stops early: the chunks not started are not read
            future.cancel()


def _terminal_stderr() -> TextIO | None:
    """Standard error when it is a terminal, else None (no bar drawn into logs and pipes)."""
    stream = sys.stderr
    try:
        return stream if stream is not None and stream.isatty() else None
    except (AttributeError, ValueError):  # replaced by an object without isatty, or closed
        return None


def _chunksize(pages: int, workers: int) -> int:
    """Pages a chunk: chunks of equal size, at most 64 pages each and at least four for each worker."""
    rounds = max(4, -(-pages // (workers * 64)))  # ceil(pages / (workers * 64))
    return max(1, -(-pages // (workers * rounds)))


def _cuts(count: int, size: int, workers: int) -> Iterator[tuple[int, int]]:
    """Where the chunks of ``count`` jobs start and end: ``size`` jobs each, or, when ``workers`` is not 0,
    fewer in the last rounds.

    Once fewer than two chunks for each worker are left, a chunk takes half
    of what is left for each worker (at least an eighth of ``size``), so the
    last chunks are short and no worker waits long for the other's last one:
    1,200 pages on two workers, in chunks of 60, end with chunks of 60, 45,
    34, 26, 19, 14, 11, 8, 7, 7, 7 and 2 pages (28 chunks, not 20).
    """
    least = max(1, size // 8)
    start = 0
    while start < count:
        left = count - start
        step = size if not workers else min(size, max(least, -(-left // (2 * workers))))
        yield start, min(count, start + step)
        start += step


def _reported(results: Iterator[Loaded[Any]], bar: _Progress | None) -> Iterator[Loaded[Any]]:
    for loaded in results:
        if bar is not None:
            bar.step(loaded.ok)
        yield loaded
    if bar is not None:
        bar.close()


class _Progress:
    """A one-line progress bar: ``[#######.......] 350/1000 pages, 2 failed``."""

    WIDTH = 30

    def __init__(self, total: int, stream: TextIO) -> None:
        self.total = total
        self.stream = stream
        self.done = 0
        self.failed = 0
        self.shown = -1

    def step(self, ok: bool) -> None:
        self.done += 1
        self.failed += not ok
        filled = self.WIDTH * self.done // max(1, self.total)
        if filled != self.shown or self.done == self.total:
            self.shown = filled
            failed = f", {self.failed} failed" if self.failed else ""
            bar = "#" * filled + "." * (self.WIDTH - filled)
            self.stream.write(f"\r[{bar}] {self.done}/{self.total} pages{failed}")
            self.stream.flush()

    def close(self) -> None:
        self.stream.write("\n")
        self.stream.flush()
