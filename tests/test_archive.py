"""The facts table and its files: ``facts``, ``export`` and the ``export`` and ``diff`` commands.

Real engines read what is written: pyarrow's Parquet reader, pandas, polars
and DuckDB, and ``jsonpatch`` applies the patches the command prints.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import subprocess
import sys
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import duckdb
import jsonpatch
import pandas
import polars
import pyarrow.parquet as pq
import pytest

import symboldoc as sd
from symboldoc._cli import main
from symboldoc._snapshots.arrow import fits_number

from .pages import own_pages

UTC = dt.timezone.utc


def _snapshot(grade: str, when: dt.datetime, name: str = "current_full.md") -> str:
    """The page of ``name`` fetched at ``when``, with its overall grade ``grade``."""
    doc = sd.loads(own_pages()[name])
    assert doc.front_matter is not None and doc.score is not None
    doc.front_matter.datetime = when
    doc.score.grade = grade
    return sd.dumps(doc)


@pytest.fixture
def archive(tmp_path: Path) -> list[Path]:
    """Five fetches of one page, named so that their names' order is not their time order.

    At 1:00 grade C, 2:00 C (a repeat), 3:00 B, 4:00 C (back again), 5:00 C (a repeat).
    """
    states = {"e": ("C", 1), "a": ("C", 2), "d": ("B", 3), "b": ("C", 4), "c": ("C", 5)}
    paths = []
    for name, (grade, hour) in sorted(states.items()):
        path = tmp_path / f"{name}.md"
        path.write_text(_snapshot(grade, dt.datetime(2026, 5, 1, hour, tzinfo=UTC)), encoding="utf-8", newline="")
        paths.append(path)
    return paths


# -- facts ---------------------------------------------------------------------------------------------


def test_facts_has_the_documented_columns_and_dtypes() -> None:
    doc = sd.loads(own_pages()["current_full.md"])
    table = sd.facts([doc])
    assert tuple(table.columns) == sd.FACT_COLUMNS
    assert str(table["datetime"].dtype) == "datetime64[us, UTC]"
    assert str(table["rank_position"].dtype) == "Int64" and str(table["number"].dtype) == "object"
    assert len(table) == len(sd.fact_rows(doc))
    assert table["fingerprint"].unique().tolist() == [sd.fingerprint(doc)]
    assert table["symbol"].unique().tolist() == [str(doc.symbol)]


def test_facts_are_exact_and_typed() -> None:
    doc = sd.loads(own_pages()["current_full.md"])
    rows = {row[4]: row for row in sd.fact_rows(doc)}
    grade = rows["score.grade"]
    assert grade[5] == doc.score.grade and grade[8] == doc.score.grade  # type: ignore[union-attr]
    rank = rows["score.industry_rank"]
    assert (rank[9], rank[10]) == (doc.score.industry_rank.position, doc.score.industry_rank.total)  # type: ignore[union-attr]
    percentages = [row for row in rows.values() if row[7] == "%"]
    assert percentages and all(isinstance(row[6], Decimal) and row[5].endswith("%") for row in percentages)
    assert all(Decimal(row[5][:-1]) == row[6] for row in percentages)
    assert "front_matter.datetime" not in rows  # volatile: the datetime column holds it
    assert all(row[2] == doc.front_matter.datetime for row in rows.values())  # type: ignore[union-attr]


def test_facts_of_every_kind() -> None:
    for name in ("topic_full.md", "news_index.md", "news_article.md"):
        doc = sd.loads(own_pages()[name])
        rows = sd.fact_rows(doc)
        assert rows and {row[1] for row in rows} == {doc.kind}
        assert all(row[0] is None for row in rows)  # no symbol on these pages
    topic = sd.loads(own_pages()["topic_full.md"])
    paths = [row[4] for row in sd.fact_rows(topic)]
    assert any(path.startswith("comments[") and path.endswith("].text") for path in paths)


def test_a_history_table_pivots_to_a_wide_one(archive: list[Path]) -> None:
    table = sd.facts(sd.load(path) for path in archive)
    wide = table[table["path"].isin(["score.grade", "score.value"])].pivot(
        index="datetime", columns="path", values="value"
    )
    assert wide["score.grade"].tolist() == ["C", "C", "B", "C", "C"]


# -- export ----------------------------------------------------------------------------------------------


def _fact_rows(paths: list[Path]) -> list[tuple[object, ...]]:
    return [row for path in paths for row in sd.fact_rows(sd.load(path))]


@pytest.mark.parametrize("workers", [1, 2])
def test_export_to_parquet_keeps_the_schema_and_the_earliest_of_each_run(
    archive: list[Path], tmp_path: Path, workers: int
) -> None:
    out = tmp_path / "facts.parquet"
    report = sd.export(archive, out, workers=workers)
    assert (report.pages, report.written, report.duplicates, report.failed) == (5, 3, 2, ())
    table = pq.read_table(out)
    assert table.schema.equals(sd.facts_arrow_schema(), check_metadata=True)
    hours = sorted({when.hour for when in table.column("datetime").to_pylist()})
    assert hours == [1, 3, 4]  # 2:00 and 5:00 repeat what came before them
    kept = [path for path in archive if path.name in ("e.md", "d.md", "b.md")]
    expected = sorted(_fact_rows(kept), key=lambda row: (row[2], row[4]))
    written = sorted(
        (tuple(row[name] for name in sd.FACT_COLUMNS) for row in table.to_pylist()), key=lambda row: (row[2], row[4])
    )
    assert len(written) == report.facts == len(expected)
    for got, want in zip(written, expected, strict=True):
        assert got == want  # Decimal(23.900000000000) == Decimal(23.90): the amount, exactly


def test_export_dedupe_all_and_keep_duplicates(archive: list[Path], tmp_path: Path) -> None:
    once = sd.export(archive, tmp_path / "once.jsonl", dedupe="all", workers=1)
    assert (once.written, once.duplicates) == (2, 3)
    every = sd.export(archive, tmp_path / "every.csv", keep_duplicates=True, workers=1)
    assert (every.written, every.duplicates) == (5, 0)


def test_csv_and_json_lines_hold_the_same_rows(archive: list[Path], tmp_path: Path) -> None:
    sd.export(archive, tmp_path / "facts.csv", workers=1)
    sd.export(archive, tmp_path / "facts.jsonl", workers=1)
    with open(tmp_path / "facts.csv", encoding="utf-8", newline="") as handle:
        from_csv = list(csv.DictReader(handle))
    from_json = [json.loads(line) for line in (tmp_path / "facts.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(from_csv) == len(from_json) > 0
    for text_row, json_row in zip(from_csv, from_json, strict=True):
        assert list(text_row) == list(sd.FACT_COLUMNS) == list(json_row)
        assert {key: value or None for key, value in text_row.items()} == {
            key: None if value is None else str(value) for key, value in json_row.items()
        }
    numbers = [row["number"] for row in from_json if row["number"] is not None]
    assert numbers and all(isinstance(number, str) and "E" not in number for number in numbers)


def test_texts_that_csv_and_json_must_quote_come_back(tmp_path: Path) -> None:
    text = 'a, "b"\nc\u2028d\x85e\r\n'
    doc = sd.loads(own_pages()["current_full.md"])
    assert doc.front_matter is not None
    doc.front_matter.extra = {**doc.front_matter.extra, "note": text}
    page = tmp_path / "page.md"
    page.write_text(sd.dumps(doc), encoding="utf-8", newline="")
    sd.export([page], tmp_path / "facts.csv", workers=1)
    sd.export([page], tmp_path / "facts.jsonl", workers=1)
    with open(tmp_path / "facts.csv", encoding="utf-8", newline="") as handle:
        from_csv = [row["value"] for row in csv.DictReader(handle) if row["path"] == "front_matter.extra[note]"]
    lines = (tmp_path / "facts.jsonl").read_text(encoding="utf-8").split("\n")
    from_json = [json.loads(line)["value"] for line in lines if "extra[note]" in line]
    assert from_csv == from_json == [text]


def test_pandas_polars_and_duckdb_read_the_parquet_file(archive: list[Path], tmp_path: Path) -> None:
    out = tmp_path / "facts.parquet"
    report = sd.export(archive, out, workers=1)
    assert len(pandas.read_parquet(out)) == report.facts
    assert polars.read_parquet(out).height == report.facts
    assert duckdb.sql(f"select count(*) from '{out}' where path = 'score.grade'").fetchall() == [(report.written,)]


def test_numbers_the_decimal_column_cannot_hold_are_counted_and_kept_as_text(tmp_path: Path) -> None:
    doc = sd.loads(own_pages()["current_full.md"])
    assert doc.score is not None
    doc.score.value = sd.Number.parse("0.12345678901234567")
    page = tmp_path / "page.md"
    page.write_text(sd.dumps(doc), encoding="utf-8", newline="")
    report = sd.export([page], tmp_path / "facts.parquet", workers=1)
    assert report.inexact == 1
    rows = [row for row in pq.read_table(tmp_path / "facts.parquet").to_pylist() if row["path"] == "score.value"]
    assert rows == [{**rows[0], "value": "0.12345678901234567", "number": None}]
    assert not fits_number(Decimal("1E+26")) and fits_number(Decimal("99999999999999999999999999.999999999999"))


def test_pages_that_cannot_be_read_are_named_and_the_rest_exported(archive: list[Path], tmp_path: Path) -> None:
    broken = tmp_path / "broken.md"
    broken.write_bytes(b"---\ntitle: \xff\n---\n")
    report = sd.export([*archive, broken, tmp_path / "missing.md"], tmp_path / "facts.csv", workers=1)
    assert [path for path, _ in report.failed] == [str(broken), str(tmp_path / "missing.md")]
    assert "UTF-8" in report.failed[0][1] and "cannot read" in report.failed[1][1]
    assert report.written == 3


def test_a_failed_export_leaves_no_file(tmp_path: Path) -> None:
    out = tmp_path / "facts.csv"

    def broken() -> Iterator[str]:
        yield str(tmp_path / "x.md")
        raise RuntimeError("the paths' source failed")

    with pytest.raises(RuntimeError):
        sd.export(broken(), out)
    assert not out.exists() and not list(tmp_path.iterdir())


def test_an_unknown_format_is_refused_before_anything_is_read(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="cannot tell the format"):
        sd.export([], tmp_path / "facts.txt")
    with pytest.raises(ValueError, match="unknown format"):
        sd.export([], tmp_path / "facts.parquet", format="xlsx")


def test_without_the_extra_the_error_names_it(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match=r"pip install 'python-symboldoc\[archive\]'"):
        sd.facts_arrow_schema()
    with pytest.raises(ImportError, match=r"python-symboldoc\[archive\]"):
        sd.facts([])
    with pytest.raises(ImportError, match=r"python-symboldoc\[archive\]"):
        sd.export([], tmp_path / "facts.parquet")
    assert not (tmp_path / "facts.parquet").exists()
    sd.export([], tmp_path / "facts.csv")  # CSV and JSON Lines need no extra


def test_import_symboldoc_imports_neither_pandas_nor_pyarrow() -> None:
    code = "import sys, symboldoc; print(sorted(m for m in ('pandas', 'pyarrow', 'numpy') if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


# -- the commands --------------------------------------------------------------------------------------


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    status = main(argv)
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_diff_exits_as_diff_does(archive: list[Path], capsys: pytest.CaptureFixture[str]) -> None:
    first, repeat, changed = (str(path) for path in sorted(archive, key=lambda path: "eadbc".index(path.stem))[:3])
    assert _run(["diff", first, repeat], capsys) == (0, "", "")
    status, out, err = _run(["diff", first, changed], capsys)
    assert status == 1 and out == "~ score.grade: C -> B (better)\n" and not err
    status, out, _ = _run(["diff", "--volatile", first, repeat], capsys)
    assert status == 1 and out.startswith("~ front_matter.datetime: 2026-05-01T01:00:00.000Z -> ")
    status, _, err = _run(["diff", first, str(Path(first).with_name("missing.md"))], capsys)
    assert status == 2 and "cannot read" in err


def test_diff_prints_json_and_a_patch_jsonpatch_applies(
    archive: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    first, changed = str(archive[4]), str(archive[3])  # e.md (1:00, C), d.md (3:00, B)
    status, out, _ = _run(["diff", "--format", "json", first, changed], capsys)
    assert status == 1 and json.loads(out) == [
        {"path": "score.grade", "kind": "changed", "old": "C", "new": "B", "delta": None, "direction": "better"}
    ]
    status, out, _ = _run(["diff", "--format", "patch", first, changed], capsys)
    old, new = sd.to_dict(sd.load(first)), sd.to_dict(sd.load(changed))
    patched = jsonpatch.apply_patch(old, json.loads(out))
    patched["front_matter"]["datetime"] = new["front_matter"]["datetime"]
    assert status == 1 and patched == new


def test_diff_reads_standard_input(archive: list[Path], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(archive[0].read_bytes())))
    assert main(["diff", "-", str(archive[0])]) == 0


def test_export_command(archive: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out" / "facts.parquet"
    out.parent.mkdir()
    status, printed, err = _run(["export", str(tmp_path), "-o", str(out), "--workers", "1"], capsys)
    assert status == 0 and not err
    assert printed.startswith("exported 3 of 5 pages, 2 repeated pages left out: ") and str(out) in printed
    assert pq.read_table(out).num_rows > 0
    status, printed, _ = _run(
        ["export", *map(str, archive), "-o", str(tmp_path / "all.data"), "--format", "jsonl", "--keep-duplicates"],
        capsys,
    )
    assert status == 0 and printed.startswith("exported 5 of 5 pages: ")


def test_export_command_names_each_page_it_could_not_read(
    archive: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "broken.md"
    broken.write_bytes(b"\xff")
    status, printed, err = _run(["export", str(tmp_path), "-o", str(tmp_path / "x.csv"), "--workers", "1"], capsys)
    assert status == 1 and f"{broken}:1:1: " in err and "1 could not be read" in printed


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["-o", "x.txt"], "cannot tell the format"),
        (["-o", "x.csv", "--workers", "0"], "--workers"),
        (["-", "-o", "x.csv"], "not standard input"),
    ],
)
def test_export_command_troubles_exit_2(
    archive: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    status, _, err = _run(["export", str(archive[0]), *argv], capsys)
    assert status == 2 and message in err


def test_export_command_without_the_extra(
    archive: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    status, _, err = _run(["export", str(archive[0]), "-o", str(tmp_path / "x.parquet")], capsys)
    assert status == 2 and "pip install 'python-symboldoc[archive]'" in err


# -- found by an adversarial review, each held here ------------------------------------------------------


def test_diff_of_standard_input_twice_is_refused(archive: list[Path], capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = _run(["diff", "-", "-"], capsys)
    assert status == 2 and "once" in err


def test_an_amount_of_a_huge_exponent_is_written_with_its_exponent(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text(own_pages()["current_full.md"].replace("---\n", "---\nbig: 1.0e+100000000\n", 1), encoding="utf-8")
    sd.export([page], tmp_path / "facts.csv", workers=1)
    assert (tmp_path / "facts.csv").stat().st_size < 100_000
    with open(tmp_path / "facts.csv", encoding="utf-8") as handle:
        rows = [row for row in csv.DictReader(handle) if "big" in row["path"]]
    assert Decimal(rows[0]["number"]) == Decimal("1.0e+100000000")


def test_an_output_that_cannot_be_written_leaves_nothing_beside_it(archive: list[Path], tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    out.mkdir()
    with pytest.raises(OSError, match="directory"):
        sd.export(archive, out, workers=1)
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted([*(path.name for path in archive), "out.csv"])


def test_the_output_is_never_one_of_the_pages(archive: list[Path], capsys: pytest.CaptureFixture[str]) -> None:
    before = archive[0].read_bytes()
    status, _, err = _run(["export", *map(str, archive), "-o", str(archive[0]), "--format", "csv"], capsys)
    assert status == 2 and "is one of the pages" in err and archive[0].read_bytes() == before


def test_a_linked_output_keeps_its_link(archive: list[Path], tmp_path: Path) -> None:
    real = tmp_path / "real.csv"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    sd.export(archive, link, workers=1)
    assert link.is_symlink() and real.read_text(encoding="utf-8").startswith("symbol,kind,")


def test_a_pipe_is_written_straight_into(archive: list[Path], tmp_path: Path) -> None:
    import os
    import threading

    fifo = tmp_path / "pipe.jsonl"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    report = sd.export(archive, fifo, workers=1)
    reader.join(timeout=30)
    assert len(received[0].splitlines()) == report.facts and not (tmp_path / "pipe.jsonl.partial").exists()


def test_a_long_front_matter_is_read_whole_for_the_time_order(tmp_path: Path) -> None:
    from symboldoc._snapshots.export import in_time_order

    early, late = tmp_path / "early.md", tmp_path / "late.md"
    early.write_text(_snapshot("C", dt.datetime(2026, 5, 19, tzinfo=UTC)), encoding="utf-8")
    late.write_text(
        _snapshot("C", dt.datetime(2026, 5, 20, tzinfo=UTC)).replace("---\n", "---\nnote: " + "x" * 20_000 + "\n", 1),
        encoding="utf-8",
    )
    assert in_time_order([str(late), str(early)]) == [str(early), str(late)]


def test_each_locale_of_a_symbol_is_its_own_history(tmp_path: Path) -> None:
    paths = []
    for hour in range(4):
        doc = sd.loads(_snapshot("C", dt.datetime(2026, 5, 1, hour, tzinfo=UTC)))
        assert doc.front_matter is not None
        doc.front_matter.locale = "en" if hour % 2 else "zh-CN"
        paths.append(tmp_path / f"{hour}.md")
        paths[-1].write_text(sd.dumps(doc), encoding="utf-8")
    report = sd.export(paths, tmp_path / "facts.csv", workers=1)
    assert (report.written, report.duplicates) == (2, 2)


def test_decimals_with_zeros_past_the_scale_are_kept_exactly(tmp_path: Path) -> None:
    doc = sd.loads(own_pages()["current_full.md"])
    assert doc.score is not None
    doc.score.value = sd.Number.parse("1.0000000000000")
    page = tmp_path / "page.md"
    page.write_text(sd.dumps(doc), encoding="utf-8")
    report = sd.export([page], tmp_path / "facts.parquet", workers=1)
    (row,) = [row for row in pq.read_table(tmp_path / "facts.parquet").to_pylist() if row["path"] == "score.value"]
    assert report.inexact == 0 and row["number"] == 1 and row["value"] == "1.0000000000000"


def test_standard_output_is_written_through_its_descriptor(archive: list[Path], tmp_path: Path) -> None:
    """``-o -`` and ``-o /dev/stdout``: into a pipe, and into a file opened to append to (nothing before is lost)."""
    command = [sys.executable, "-m", "symboldoc", "export", str(archive[0]), "--format", "jsonl", "-o"]
    piped = subprocess.run([*command, "-"], capture_output=True, text=True, check=True)
    rows = [json.loads(line) for line in piped.stdout.splitlines()]
    assert rows and piped.stderr.startswith("exported 1 of 1 pages")
    kept = tmp_path / "kept.jsonl"
    kept.write_text('{"before": true}\n', encoding="utf-8")
    with open(kept, "a", encoding="utf-8") as appended:
        subprocess.run([*command, "/dev/stdout"], stdout=appended, stderr=subprocess.DEVNULL, check=True)
    lines = kept.read_text(encoding="utf-8").splitlines()
    assert lines[0] == '{"before": true}' and [json.loads(line) for line in lines[1:]] == rows


def test_a_replaced_output_keeps_its_permissions(archive: list[Path], tmp_path: Path) -> None:
    import os
    import stat

    out = tmp_path / "facts.csv"
    out.write_text("", encoding="utf-8")
    out.chmod(0o600)
    sd.export(archive, out, workers=1)
    assert stat.S_IMODE(out.stat().st_mode) == 0o600 and out.stat().st_size > 0 and os.access(out, os.R_OK)
