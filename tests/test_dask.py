"""``symboldoc.dask`` on a real cluster, and the Parquet dataset that ``export`` and Dask both append to.

The cluster is ``dask.distributed``'s ``LocalCluster`` with two worker
processes, started here; its results must equal what one process reads.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import dask
import pandas
import pyarrow.dataset as pads
import pyarrow.parquet as pq
import pytest
from distributed import Client, LocalCluster
from hypothesis import given, settings
from hypothesis import strategies as st

import symboldoc as sd
import symboldoc.dask as sdd
from symboldoc._snapshots.dataset import AppendFilter

from .pages import own_pages

UTC = dt.timezone.utc
SYMBOLS = ("HLRX.US", "MGRT.US", "QNTA.HK", "ZBRA.SH")
GRADES = ("A", "B", "C", "D")


def _quote(symbol: str, grade: str, when: dt.datetime, name: str = "current_full.md") -> str:
    doc = sd.loads(own_pages()[name])
    assert doc.front_matter is not None and doc.score is not None
    doc.change_symbol(symbol)
    doc.front_matter.datetime = when
    doc.score.grade = grade
    return sd.dumps(doc)


def _write_archive(folder: Path, days: int, start: int = 0) -> list[Path]:
    """Fetches of four symbols, four a day: a grade that changes now and then, so most fetches repeat."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for day in range(start, start + days):
        for hour in (0, 6, 12, 18):
            when = dt.datetime(2026, 3, 1, hour, tzinfo=UTC) + dt.timedelta(days=day)
            for number, symbol in enumerate(SYMBOLS):
                grade = GRADES[(day * 4 + hour // 6 + number) // 7 % len(GRADES)]
                name = "older_full.md" if number == 3 else "current_full.md"
                path = folder / f"{symbol}-{when:%Y%m%dT%H}.md"
                path.write_text(_quote(symbol, grade, when, name), encoding="utf-8", newline="")
                paths.append(path)
    for name in ("news_index.md", "news_article.md", "topic_full.md"):
        path = folder / name
        path.write_text(own_pages()[name], encoding="utf-8", newline="")
        paths.append(path)
    return sorted(paths)


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """A few hundred pages: 16 days of four fetches a day of four symbols, and a page of each other kind."""
    return _write_archive(tmp_path_factory.mktemp("archive"), days=16)


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    """Two worker processes of one thread each, on this machine; made the scheduler only where a test says."""
    with (
        LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
        Client(cluster, set_as_default=False) as made,
    ):
        yield made


def _one_process(paths: list[Path]) -> pandas.DataFrame:
    return sd.facts(sd.load(path) for path in paths)


def test_the_cluster_reads_the_facts_one_process_reads(archive: list[Path], client: Client) -> None:
    assert len(archive) > 250
    facts = sdd.read_facts([str(path) for path in archive], pages_per_partition=40)
    assert facts.npartitions == -(-len(archive) // 40)
    assert dict(facts.dtypes) == dict(_one_process(archive[:1]).dtypes)  # the dtypes before anything is read
    with dask.config.set(scheduler=client):
        got = facts.compute()
    assert {worker["nthreads"] for worker in client.scheduler_info()["workers"].values()} == {1}
    pandas.testing.assert_frame_equal(got.reset_index(drop=True), _one_process(archive))
    numbers = got["number"].dropna().tolist()
    assert numbers and all(type(number) is Decimal for number in numbers)


def test_failures_come_back_as_rows_not_as_a_failed_job(archive: list[Path], client: Client, tmp_path: Path) -> None:
    broken = tmp_path / "broken.md"
    broken.write_bytes(b"---\ntitle: [unclosed\n---\n")
    not_utf8 = tmp_path / "latin1.md"
    not_utf8.write_bytes("caf\xe9\n".encode("latin-1"))
    missing = tmp_path / "missing.md"
    paths = [str(archive[0]), str(broken), str(not_utf8), str(missing), str(archive[1])]
    read = sdd.read_archive(paths, pages_per_partition=2, strict=True)
    with dask.config.set(scheduler=client):
        facts, errors = dask.compute(read.facts, read.errors)
    pandas.testing.assert_frame_equal(facts.reset_index(drop=True), _one_process([archive[0], archive[1]]))
    assert tuple(errors.columns) == sdd.ERROR_COLUMNS
    by_path = {row.path: row for row in errors.itertuples()}
    assert set(by_path) == {str(broken), str(not_utf8), str(missing)}
    with pytest.raises(sd.SymbolDocError) as raised:
        sd.load(broken, strict=True)
    row = by_path[str(broken)]
    assert (row.line, row.column, row.message) == (raised.value.line, raised.value.column, raised.value.problem.message)
    assert "UTF-8" in by_path[str(not_utf8)].message
    assert pandas.isna(by_path[str(missing)].line) and "cannot read" in by_path[str(missing)].message


def test_documents_travel_to_the_workers_and_back(archive: list[Path], client: Client) -> None:
    bag = sdd.read_documents([str(path) for path in archive[:30]], pages_per_partition=7)
    assert bag.npartitions == 5
    with dask.config.set(scheduler=client):
        fingerprints = bag.map(sd.fingerprint).compute()
        documents = bag.compute()
    assert fingerprints == [sd.fingerprint(sd.load(path)) for path in archive[:30]]
    assert [sd.dumps(doc) for doc in documents] == [path.read_text(encoding="utf-8") for path in archive[:30]]


def test_globs_directories_and_the_local_scheduler(archive: list[Path]) -> None:
    folder = archive[0].parent
    by_glob = sdd.read_facts(str(folder / "*.md"), pages_per_partition=100).compute(scheduler="threads")
    by_folder = sdd.read_facts(folder, pages_per_partition=100).compute(scheduler="sync")
    expected = _one_process(archive)
    pandas.testing.assert_frame_equal(by_glob.reset_index(drop=True), expected)
    pandas.testing.assert_frame_equal(by_folder.reset_index(drop=True), expected)
    assert sdd.read_facts([]).compute().empty and sdd.read_documents([]).compute() == []
    with pytest.raises(ValueError, match="pages_per_partition"):
        sdd.read_facts(folder, pages_per_partition=0)


def test_paths_that_look_like_globs_are_themselves(archive: list[Path], tmp_path: Path) -> None:
    folder = tmp_path / "fetches [2026]" / "sub dir"
    folder.mkdir(parents=True)
    for path in archive[:3]:
        (folder / path.name.replace("-", "[x]-", 1)).write_bytes(path.read_bytes())
    pages = sorted(folder.iterdir())
    expected = _one_process(pages)
    for named in (tmp_path / "fetches [2026]", folder, [str(page) for page in pages]):
        got = sdd.read_facts(named).compute(scheduler="sync")  # type: ignore[arg-type]
        pandas.testing.assert_frame_equal(got.reset_index(drop=True), expected)
    with pytest.raises(FileNotFoundError, match="no pages match"):
        sdd.read_facts(str(tmp_path / "nothing" / "*.md"))


def test_no_pages_give_the_same_dtypes(tmp_path: Path) -> None:
    read = sdd.read_archive([])
    facts, errors = dask.compute(read.facts, read.errors, scheduler="sync")
    assert facts.empty and errors.empty
    assert dict(read.facts.dtypes) == dict(facts.dtypes) == dict(sd.facts([]).dtypes)
    assert dict(errors.dtypes) == {"path": "string", "line": "Int64", "column": "Int64", "message": "string"}


# -- the dataset ------------------------------------------------------------------------------------------


def _dataset_rows(folder: Path) -> pandas.DataFrame:
    table = pads.dataset(folder, format="parquet", partitioning="hive").to_table().to_pandas()
    return table.sort_values(["datetime", "symbol", "fingerprint", "path"], na_position="first").reset_index(drop=True)


def test_dask_writes_the_dataset_export_writes_and_a_rerun_adds_nothing(
    archive: list[Path], client: Client, tmp_path: Path
) -> None:
    by_export = tmp_path / "by-export"
    exported = sd.export(archive, f"{by_export}/", workers=2)
    by_dask = tmp_path / "by-dask"
    with dask.config.set(scheduler=client):
        first = sdd.write_dataset([str(path) for path in archive], by_dask, pages_per_partition=25)
        files = sorted(path.relative_to(by_dask) for path in by_dask.rglob("*.parquet"))
        again = sdd.write_dataset([str(path) for path in archive], by_dask, pages_per_partition=60)
    assert (first.written, first.duplicates, first.facts) == (exported.written, exported.duplicates, exported.facts)
    assert 0 < first.written < len(archive) and first.written + first.duplicates == len(archive)
    assert (again.written, again.facts, again.duplicates) == (0, 0, first.written + first.duplicates)
    assert sorted(path.relative_to(by_dask) for path in by_dask.rglob("*.parquet")) == files
    assert not [path for path in by_dask.rglob("*") if path.name.startswith(".")], "no hidden file is left"
    pandas.testing.assert_frame_equal(_dataset_rows(by_dask), _dataset_rows(by_export))
    for path in by_dask.rglob("*.parquet"):
        assert pq.read_schema(path).equals(sd.facts_arrow_schema(), check_metadata=True)
        assert path.parent.name.startswith("date=")
    assert sd.export(archive, by_export).written == 0, "export appends nothing either"


def test_new_fetches_are_appended_and_only_they(archive: list[Path], client: Client, tmp_path: Path) -> None:
    folder = tmp_path / "dataset"
    first_days = [path for path in archive if "T" not in path.name or path.name.split("-")[-1] < "20260309"]
    with dask.config.set(scheduler=client):
        sdd.write_dataset([str(path) for path in first_days], folder)
        later = sdd.write_dataset([str(path) for path in archive], folder)
    whole = tmp_path / "whole"
    at_once = sd.export(archive, f"{whole}/")
    assert later.written > 0
    pandas.testing.assert_frame_equal(_dataset_rows(folder), _dataset_rows(whole))
    assert at_once.written == len(
        set(_dataset_rows(folder)["fingerprint"] + _dataset_rows(folder)["datetime"].astype(str))
    )


def test_a_failed_run_leaves_nothing_behind(
    archive: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from symboldoc._engines import on_dask

    written = []

    class FailingOnThird(on_dask.DatasetWriter):  # type: ignore[misc, name-defined]
        def finish(self) -> list[tuple[Path, Path]]:
            written.append(self.name)
            if len(written) == 3:
                raise OSError(28, "No space left on device")
            return super().finish()  # type: ignore[no-any-return]

    monkeypatch.setattr(on_dask, "DatasetWriter", FailingOnThird)
    folder = tmp_path / "dataset"
    with dask.config.set(scheduler="sync"), pytest.raises(OSError, match="No space"):
        sdd.write_dataset([str(path) for path in archive[:60]], folder, pages_per_partition=10)
    assert len(written) == 3
    assert not [path for path in folder.rglob("*") if path.is_file()], "no file of the run is left"


def test_a_dataset_folder_with_other_files_and_urls(archive: list[Path], tmp_path: Path) -> None:
    folder = tmp_path / "dataset"
    sd.export(archive[:20], f"{folder}/", workers=1)
    (folder / "README.txt").write_text("notes about this dataset\n", encoding="utf-8")
    (folder / "_SUCCESS").write_bytes(b"")
    (folder / "date=2026-03-01" / ".part-old.parquet.partial").write_bytes(b"half a file")
    assert sd.export(archive[:20], folder, workers=1).written == 0
    with pytest.raises(ValueError, match="URL"):
        sdd.write_dataset([str(archive[0])], "s3://bucket/facts/")
    with pytest.raises(ValueError, match="URL"):
        sd.export([archive[0]], "file:///tmp/facts/", workers=1)
    with pytest.raises(ValueError, match="a directory, not a csv file"):
        sd.export([archive[0]], f"{tmp_path}/out.parquet/", format="csv", workers=1)


def test_the_dataset_reads_in_pandas_with_its_date_partitions(archive: list[Path], tmp_path: Path) -> None:
    folder = tmp_path / "dataset"
    sd.export(archive[:40], f"{folder}/", workers=1)
    table = pandas.read_parquet(folder)
    assert set(table.columns) == {*sd.FACT_COLUMNS, "date"}
    dated = table.dropna(subset=["datetime"])
    assert (dated["datetime"].dt.strftime("%Y-%m-%d") == dated["date"].astype(str)).all()
    undated = table[table["datetime"].isna()]
    assert set(undated["date"].astype(str)) <= {"undated"}


def test_without_dask_the_error_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delitem(sys.modules, "symboldoc.dask", raising=False)
    monkeypatch.setitem(sys.modules, "dask", None)
    monkeypatch.setitem(sys.modules, "dask.dataframe", None)
    with pytest.raises(ImportError, match=r"python-symboldoc\[dask\]"):
        import symboldoc.dask  # noqa: F401


def test_importing_symboldoc_imports_no_dask() -> None:
    import subprocess

    code = "import sys, symboldoc; print(sorted(m for m in ('dask', 'distributed', 'fsspec') if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=os.environ)
    assert done.stdout.strip() == "[]"


# -- which pages are appended: the rule, against a model of it ------------------------------------------------


@st.composite
def histories(draw: st.DrawFn) -> list[tuple[tuple[str, None], dt.datetime, str]]:
    """Fetches of a few subjects at distinct times, each in one of a few states."""
    count = draw(st.integers(1, 30))
    times = draw(st.lists(st.integers(0, 200), min_size=count, max_size=count, unique=True))
    return [
        (
            (draw(st.sampled_from(("A.US", "B.US"))), None),
            dt.datetime(2026, 1, 1, tzinfo=UTC) + dt.timedelta(hours=hour),
            draw(st.sampled_from(("sd1-x", "sd1-y", "sd1-z"))),
        )
        for hour in times
    ]


def _runs(history: list[tuple[tuple[str, None], dt.datetime, str]]) -> set[tuple[dt.datetime, str]]:
    """The model: in time order, each subject's fetches that differ from that subject's fetch before."""
    kept = set()
    last: dict[tuple[str, None], str] = {}
    for subject, when, said in sorted(history, key=lambda page: page[1]):
        if last.get(subject) != said:
            kept.add((when, said))
        last[subject] = said
    return kept


@given(histories(), st.integers(0, 30), st.sampled_from(("runs", "all")))
@settings(max_examples=200)
def test_appending_in_time_order_keeps_what_one_run_keeps(
    history: list[tuple[tuple[str, None], dt.datetime, str]], cut: int, dedupe: str
) -> None:
    ordered = sorted(history, key=lambda page: page[1])

    def run(pages: list[tuple[tuple[str, None], dt.datetime, str]], existing: list[object]) -> list[object]:
        rule = AppendFilter(existing, dedupe=dedupe)  # type: ignore[arg-type]
        return [page for page in pages if rule.keep(*page)]

    at_once = run(ordered, [])
    first = run(ordered[:cut], [])
    then = run(ordered[cut:], first)
    assert first + then == at_once
    assert run(ordered, at_once) == [], "a re-run adds nothing"
    assert run(list(reversed(ordered)), at_once) == []
    if dedupe == "runs":
        assert {(when, said) for _, when, said in at_once} == _runs(history)
    else:
        assert len({(subject, said) for subject, _, said in at_once}) == len(at_once)
