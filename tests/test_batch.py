"""load_many: many pages on many processes, in order, failures reported with their paths; documents pickle."""

from __future__ import annotations

import io
import itertools
import pickle
from pathlib import Path

import pytest

import symboldoc
from symboldoc import DecodeError
from symboldoc._batch import _chunksize, _cuts

from .pages import own_pages


def symbol_of(doc: symboldoc.Document) -> str | None:
    """A transform: module-level, so it can be sent to worker processes."""
    return doc.symbol


@pytest.fixture
def folder(tmp_path: Path) -> list[Path]:
    paths = []
    for number, (name, text) in enumerate(sorted(own_pages().items())):
        path = tmp_path / f"{number}-{name}"
        path.write_bytes(text.encode())
        paths.append(path)
    bad = tmp_path / "bad.md"
    bad.write_bytes(b"# ok\n\xff")
    return [*paths, bad, tmp_path / "missing.md"]


@pytest.mark.parametrize("workers", [1, 2])
def test_results_come_in_order_and_failures_carry_their_path(folder: list[Path], workers: int) -> None:
    results = list(symboldoc.load_many(folder, workers=workers))
    assert [result.path for result in results] == [str(path) for path in folder]
    *good, bad, missing = results
    assert all(result.ok and isinstance(result.result, symboldoc.Document) for result in good)
    assert [symboldoc.dumps(result.result) for result in good] == [path.read_text() for path in folder[:-2]]
    assert isinstance(bad.error, DecodeError) and bad.error.offset == 5 and bad.result is None
    assert isinstance(missing.error, FileNotFoundError)


def test_a_transform_runs_in_the_workers(folder: list[Path]) -> None:
    results = list(symboldoc.load_many(folder[:-2], workers=2, transform=symbol_of))
    assert [result.result for result in results] == [symboldoc.load(path).symbol for path in folder[:-2]]


def test_strict_batches_report_problems_per_page(folder: list[Path]) -> None:
    results = list(symboldoc.load_many(folder[:-2], workers=2, strict=True))
    cut = next(result for result in results if result.path.endswith("current_cut.md"))
    assert isinstance(cut.error, symboldoc.TableError)
    assert all(result.ok for result in results if result is not cut)


def test_progress_bar(folder: list[Path]) -> None:
    stream = io.StringIO()
    list(symboldoc.load_many(folder, workers=1, progress=stream))
    shown = stream.getvalue()
    assert shown.endswith(f"] {len(folder)}/{len(folder)} pages, 2 failed\n")
    assert "[" + "#" * 30 + "]" in shown


def test_progress_true_draws_only_on_a_terminal(folder: list[Path], monkeypatch: pytest.MonkeyPatch) -> None:
    class Stderr(io.StringIO):
        def __init__(self, terminal: bool) -> None:
            super().__init__()
            self.terminal = terminal

        def isatty(self) -> bool:
            return self.terminal

    for terminal in (False, True):
        stderr = Stderr(terminal)
        monkeypatch.setattr("sys.stderr", stderr)
        assert len(list(symboldoc.load_many(folder, workers=1, progress=True))) == len(folder)
        assert (f"{len(folder)}/{len(folder)} pages" in stderr.getvalue()) is terminal
    monkeypatch.setattr("sys.stderr", None)  # pythonw, or a closed console: no bar, no error
    assert len(list(symboldoc.load_many(folder, workers=1, progress=True))) == len(folder)


def test_documents_pickle_with_everything_they_read(example: str) -> None:
    doc = symboldoc.loads(example)
    copy = pickle.loads(pickle.dumps(doc))
    assert copy.page == doc.page and copy.front_matter == doc.front_matter and copy.warnings == doc.warnings
    assert symboldoc.dumps(copy) == example
    assert symboldoc.dumps(copy, preserve=False) == symboldoc.dumps(doc, preserve=False)


def test_errors_pickle() -> None:
    problem = symboldoc.Problem(3, 1, "table", "2 cells", "found 1")
    for error in (symboldoc.TableError(problem), DecodeError(problem, 7)):
        again = pickle.loads(pickle.dumps(error))
        assert type(again) is type(error) and again.problem == problem and str(again) == str(error)
    assert pickle.loads(pickle.dumps(DecodeError(problem, 7))).offset == 7


@pytest.mark.parametrize("pages", [1, 2, 7, 40, 150, 1200, 100_000])
@pytest.mark.parametrize("workers", [2, 3, 8])
def test_pages_are_cut_into_a_few_chunks_for_each_worker(pages: int, workers: int) -> None:
    size = _chunksize(pages, workers)
    chunks = -(-pages // size)
    rounds = max(4, -(-pages // (workers * 64)))  # a chunk of at most 64 pages, at least four for each worker
    assert 1 <= size <= 64
    assert chunks <= workers * rounds  # no more round trips than that needs
    if pages >= workers * 4:
        assert chunks >= workers * 2  # every worker takes several, so none waits long on the last


def test_a_batch_in_many_chunks_comes_back_in_order(tmp_path: Path) -> None:
    texts = [text for _, text in sorted(own_pages().items())] * 40
    paths = []
    for number, text in enumerate(texts):
        path = tmp_path / f"{number:04d}.md"
        path.write_bytes(text.encode())
        paths.append(path)
    results = list(symboldoc.load_many(paths, workers=2, transform=symbol_of))
    assert [result.path for result in results] == [str(path) for path in paths]
    assert [result.result for result in results] == [symboldoc.loads(text).symbol for text in texts]


@pytest.mark.parametrize("pages", [1, 2, 7, 40, 150, 1200, 100_000])
@pytest.mark.parametrize("workers", [2, 3, 8])
def test_the_last_chunks_get_smaller_and_every_page_is_in_one(pages: int, workers: int) -> None:
    size = _chunksize(pages, workers)
    cuts = list(_cuts(pages, size, workers))
    assert cuts[0][0] == 0 and cuts[-1][1] == pages and all(start < end for start, end in cuts)
    assert all(end == following for (_, end), (following, _) in itertools.pairwise(cuts)), "each page in one chunk"
    sizes = [end - start for start, end in cuts]
    assert max(sizes) <= size and sizes == sorted(sizes, reverse=True), "never larger than before"
    assert all(piece >= max(1, size // 8) for piece in sizes[:-1]), "no chunk smaller than an eighth, but the last"
    if pages >= workers * 4 * 8:
        assert sizes[-workers - 1] <= size // 2, "each worker's last chunk is short"
    assert list(_cuts(pages, size, 0)) == [(start, min(pages, start + size)) for start in range(0, pages, size)]


def test_a_batch_in_chunks_of_a_size_given_comes_back_in_order(tmp_path: Path) -> None:
    paths = []
    for number, text in enumerate(sorted(own_pages().values()) * 6):
        path = tmp_path / f"{number:03d}.md"
        path.write_bytes(text.encode())
        paths.append(path)
    results = list(symboldoc.load_many(paths, workers=2, chunksize=5, transform=symbol_of))
    assert [result.path for result in results] == [str(path) for path in paths]
