"""The facts table on Spark: ``symboldoc.spark``'s schemas and row functions, and the recipe of ``docs/spark.md``.

The tests without the ``spark`` mark need no Spark (the schema test needs
pyspark installed, and skips without it).  Those marked ``spark`` start
Spark itself, on Java: they run only when asked for (``pytest -m spark``),
and skip, saying why, without pyspark or a Java that Spark can use.
"""

from __future__ import annotations

import collections
import datetime as dt
import functools
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pandas
import pyarrow
import pyarrow.dataset
import pyarrow.parquet as pq
import pytest

import symboldoc as sd
import symboldoc.spark
from symboldoc._snapshots.arrow import arrow_batch, held_number
from symboldoc._snapshots.facts import page_facts

from .pages import HERE, own_pages

UTC = dt.timezone.utc
#: The recipe's page, whose first python block the recipe test runs.
SPARK_PAGE = HERE.parent / "docs" / "spark.md"
#: A page that is not UTF-8: its first bad byte on line 2, column 8.
NOT_UTF8 = b"---\ntitle: \xff\n---\n"


class File:
    """A row of Spark's ``binaryFile`` source, as the row functions use it: a path and the file's bytes."""

    def __init__(self, path: str, content: Any) -> None:
        self.path = path
        self.content = content


class Unreadable:
    """Bytes that cannot be read (as a file on a failing disk)."""

    def __bytes__(self) -> bytes:
        raise OSError(5, "Input/output error")


@functools.cache
def _archive() -> dict[str, bytes]:
    """About sixty fetches of the project's own pages: each page nine times, over several days, grades moving.

    The page of the older layout has no datetime (its fetches are undated);
    one more page has a number that ``decimal(38, 12)`` cannot hold.
    """
    pages = {}
    for name, text in own_pages().items():
        for fetch in range(9):
            doc = sd.loads(text)
            assert doc.front_matter is not None
            if doc.front_matter.datetime is not None:
                doc.front_matter.datetime += dt.timedelta(hours=7 * fetch)
            if getattr(doc, "score", None) is not None:
                doc.score.grade = "ABC"[fetch % 3]
            pages[f"{name.removesuffix('.md')}-{fetch}.md"] = sd.dumps(doc).encode("utf-8")
    doc = sd.loads(own_pages()["current_full.md"])
    assert doc.score is not None
    doc.score.value = sd.Number.parse("0.12345678901234567")
    pages["too-fine.md"] = sd.dumps(doc).encode("utf-8")
    return pages


def _held(rows: Iterable[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """Rows with ``number`` as the Parquet column holds it."""
    return [(*row[:6], None if row[6] is None else held_number(row[6]), *row[7:]) for row in rows]


def _write(pages: dict[str, bytes], folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in pages.items():
        (folder / name).write_bytes(data)
    return [folder / name for name in pages]


# -- the schemas ---------------------------------------------------------------------------------------


def _spark_type(arrow: pyarrow.DataType) -> Any:
    """The Spark type that holds what an Arrow type of the facts table holds."""
    types = pytest.importorskip("pyspark.sql.types")
    if pyarrow.types.is_string(arrow):
        return types.StringType()
    if pyarrow.types.is_timestamp(arrow) and arrow.tz == "UTC":
        return types.TimestampType()  # an instant; TimestampNTZType would be a wall clock time
    if pyarrow.types.is_decimal(arrow):
        return types.DecimalType(arrow.precision, arrow.scale)
    if pyarrow.types.is_int64(arrow):
        return types.LongType()
    raise AssertionError(f"no Spark type known for {arrow}")


def test_the_spark_schema_is_the_arrow_schema_field_by_field() -> None:
    types = pytest.importorskip("pyspark.sql.types", reason="pyspark is not installed")
    spark, arrow = symboldoc.spark.facts_schema(), sd.facts_arrow_schema()
    assert isinstance(spark, types.StructType)
    assert spark.names == arrow.names == list(sd.FACT_COLUMNS)
    for ours, theirs in zip(spark.fields, arrow, strict=True):
        assert (ours.name, ours.dataType, ours.nullable) == (theirs.name, _spark_type(theirs.type), theirs.nullable)
    assert [field.name for field in spark.fields if not field.nullable] == ["fingerprint", "path", "value"]
    assert spark["number"].dataType == types.DecimalType(38, 12)


def test_the_errors_schema() -> None:
    types = pytest.importorskip("pyspark.sql.types", reason="pyspark is not installed")
    assert symboldoc.spark.errors_schema() == types.StructType(
        [
            types.StructField("path", types.StringType(), nullable=False),
            types.StructField("line", types.LongType(), nullable=True),
            types.StructField("column", types.LongType(), nullable=True),
            types.StructField("message", types.StringType(), nullable=False),
        ]
    )


# -- the row functions, without Spark ----------------------------------------------------------------------


def test_numbers_are_held_as_the_parquet_column_holds_them() -> None:
    assert held_number(Decimal("23.90")) == Decimal("23.90") and str(held_number(Decimal("23.90"))) == "23.90"
    held = held_number(Decimal("1.0000000000000000"))
    assert held == 1 and held is not None and held.as_tuple().exponent == -12  # zeros past the scale dropped
    assert held_number(Decimal("-0.0")) == 0
    assert held_number(Decimal("99999999999999999999999999.999999999999")) is not None
    for beyond in ("1E+26", "0.1234567890123", "NaN", "Infinity", "-Infinity"):
        assert held_number(Decimal(beyond)) is None


def test_fact_rows_are_the_pages_facts_with_numbers_held_as_in_arrow(tmp_path: Path) -> None:
    pages = {name: text.encode("utf-8") for name, text in own_pages().items()}
    pages["too-fine.md"] = _archive()["too-fine.md"]
    paths = _write(pages, tmp_path)
    # as Spark gives them: a URI for the path, a bytearray for the content
    files = [File(path.as_uri(), bytearray(path.read_bytes())) for path in paths]
    rows = list(symboldoc.spark.fact_rows(iter(files)))

    expected = [row for path in paths for row in _held(sd.fact_rows(sd.load(path)))]
    assert rows == expected
    assert [tuple(map(str, row)) for row in rows] == [tuple(map(str, row)) for row in expected]  # decimals as written

    batch, inexact = arrow_batch([page_facts(sd.load(path)) for path in paths], sd.facts_arrow_schema())
    assert rows == [tuple(row.values()) for row in batch.to_pylist()]
    (fine,) = [row for row in rows if row[4] == "score.value" and row[5] == "0.12345678901234567"]
    assert fine[6] is None and inexact == 1
    assert list(symboldoc.spark.error_rows(files)) == []


def test_error_rows_say_where_each_page_failed() -> None:
    cut, full = own_pages()["current_cut.md"].encode("utf-8"), _archive()["current_full-0.md"]
    files = [
        File("file:/archive/bad.md", NOT_UTF8),
        File("file:/archive/cut.md", cut),
        File("file:/archive/gone.md", Unreadable()),
        File("file:/archive/full.md", full),
    ]
    assert list(symboldoc.spark.error_rows(files)) == [
        ("file:/archive/bad.md", 2, 8, "UTF-8 text: expected valid UTF-8 (byte 0xff at byte offset 11)"),
        ("file:/archive/gone.md", None, None, "cannot read: Input/output error"),
    ]
    fingerprints = {name: sd.fingerprint(sd.load(data)) for name, data in (("cut", cut), ("full", full))}
    # lenient, the cut page reads (with its warnings); strict, it fails where its first warning is
    assert {row[3] for row in symboldoc.spark.fact_rows(files)} == set(fingerprints.values())
    assert list(symboldoc.spark.error_rows(files, strict=True)) == [
        ("file:/archive/bad.md", 2, 8, "UTF-8 text: expected valid UTF-8 (byte 0xff at byte offset 11)"),
        ("file:/archive/cut.md", 65, 1, "table: expected 3 cells, as in the header on line 62 (found 1)"),
        ("file:/archive/gone.md", None, None, "cannot read: Input/output error"),
    ]
    assert {row[3] for row in symboldoc.spark.fact_rows(files, strict=True)} == {fingerprints["full"]}


def test_without_pyspark_the_schemas_name_the_extra_and_the_rows_still_come(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("pyspark", "pyspark.sql", "pyspark.sql.types"):
        monkeypatch.setitem(sys.modules, name, None)
    with pytest.raises(ImportError, match=r"pip install 'python-symboldoc\[spark\]'"):
        symboldoc.spark.facts_schema()
    with pytest.raises(ImportError, match=r"python-symboldoc\[spark\]"):
        symboldoc.spark.errors_schema()
    files = [File("a.md", _archive()["topic_full-0.md"]), File("b.md", NOT_UTF8)]
    assert len(list(symboldoc.spark.fact_rows(files))) == len(sd.fact_rows(sd.load(files[0].content)))
    assert [row[0] for row in symboldoc.spark.error_rows(files)] == ["b.md"]


def test_import_symboldoc_spark_imports_no_pyspark() -> None:
    code = "import sys, symboldoc.spark; print(sorted(m for m in ('pyspark', 'py4j') if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


# -- on Spark (pytest -m spark) ----------------------------------------------------------------------------


def _java_problem() -> str | None:
    """Why Spark cannot start here (no Java, or one too old), or None."""
    home = os.environ.get("JAVA_HOME")
    java = str(Path(home, "bin", "java")) if home else shutil.which("java")
    if java is None:
        return "Spark needs Java: no java on the PATH, and no JAVA_HOME"
    if not os.access(java, os.X_OK):
        return f"Spark needs Java: JAVA_HOME={home} holds no bin/java to run"
    try:
        shown = subprocess.run([java, "-version"], capture_output=True, text=True, timeout=120)
    except (OSError, subprocess.TimeoutExpired) as error:
        return f"Spark needs Java: {java} -version failed ({error})"
    found = re.search(r'version "(\d+)(?:\.(\d+))?', shown.stderr + shown.stdout)
    if shown.returncode != 0 or found is None:
        return f"Spark needs Java: {java} -version did not say its version"
    major = int(found[2] or 0) if found[1] == "1" else int(found[1])  # 1.8 is Java 8
    pyspark = pytest.importorskip("pyspark")
    if int(pyspark.__version__.split(".")[0]) >= 4 and major < 17:
        return f"Spark {pyspark.__version__} needs Java 17 or newer; {java} is Java {major}"
    return None


def _spark_or_skip() -> None:
    pytest.importorskip("pyspark", reason="pyspark is not installed: pip install 'python-symboldoc[spark]'")
    problem = _java_problem()
    if problem is not None:
        pytest.skip(problem)


@pytest.fixture
def spark() -> Iterator[Any]:
    """A Spark session of two local cores, stopped at the end."""
    _spark_or_skip()
    from pyspark.sql import SparkSession

    session = (
        SparkSession.builder.master("local[2]")
        .appName("symboldoc tests")
        .config("spark.driver.memory", "512m")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.pyspark.python", sys.executable)  # the workers' Python: this one, with symboldoc
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    try:
        yield session
    finally:
        session.stop()


def _instant(value: Any) -> Any:
    """A datetime as an aware UTC instant (Spark gives a naive one in this process's local time)."""
    if isinstance(value, dt.datetime):
        return value.astimezone(UTC)  # a naive datetime is taken as local time, as Spark made it
    return value


def _ordered(rows: Iterable[Iterable[Any]]) -> list[tuple[Any, ...]]:
    """Rows as a sorted multiset: datetimes as UTC instants, nulls first in each column."""
    plain = [tuple(_instant(value) for value in row) for row in rows]
    return sorted(plain, key=lambda row: tuple((value is not None, value) for value in row))


def _local_facts(paths: Iterable[Path]) -> list[tuple[Any, ...]]:
    """``symboldoc.facts`` of the pages, read in this process, as rows with ``number`` held as in Parquet."""
    frame = sd.facts(sd.load(path) for path in paths)
    rows = []
    for record in frame.astype(object).itertuples(index=False):
        values = [None if value is pandas.NA or value is pandas.NaT else value for value in record]
        rows.append(tuple(value.to_pydatetime() if isinstance(value, pandas.Timestamp) else value for value in values))
    return _held(rows)


@pytest.mark.spark
# pyspark 4.3 warns about pandas 3 when it sends any value to Java (a check in pyspark.testing); no pandas is used here
@pytest.mark.filterwarnings("ignore:PySpark does not yet fully support pandas:FutureWarning")
def test_spark_makes_the_facts_table_of_an_archive(spark: Any, tmp_path: Path) -> None:
    paths = _write(_archive(), tmp_path / "archive")
    (tmp_path / "archive" / "broken.md").write_bytes(NOT_UTF8)
    (tmp_path / "archive" / "notes.txt").write_text("not a page")

    files = spark.read.format("binaryFile").option("pathGlobFilter", "*.md").load(str(tmp_path / "archive"))
    rows = files.rdd.mapPartitions(symboldoc.spark.fact_rows)
    facts = spark.createDataFrame(rows, symboldoc.spark.facts_schema())
    assert facts.schema == symboldoc.spark.facts_schema()
    collected = facts.collect()

    expected = _local_facts(paths)
    assert len(collected) == len(expected) > 5000
    assert _ordered(collected) == _ordered(expected)
    numbers = [row.number for row in collected if row.number is not None]
    assert all(number.as_tuple().exponent == -12 for number in numbers)  # decimal(38, 12), compared exactly above
    assert {row.path for row in collected if row.value == "0.12345678901234567" and row.number is None} == {
        "score.value"
    }

    errors = spark.createDataFrame(files.rdd.mapPartitions(symboldoc.spark.error_rows), symboldoc.spark.errors_schema())
    ((path, line, column, message),) = errors.collect()
    assert path.endswith("/broken.md") and (line, column) == (2, 8) and "byte 0xff" in message

    strict = files.rdd.mapPartitions(functools.partial(symboldoc.spark.error_rows, strict=True)).collect()
    assert sorted(Path(path).name for path, *_ in strict) == ["broken.md"] + [f"current_cut-{n}.md" for n in range(9)]


def _recipe() -> str:
    """The recipe's code, as ``docs/spark.md`` shows it (the first python block, which the docs' run skips)."""
    blocks = re.findall(r"(<!-- skip: next -->\n)?```python\n(.*?)```", SPARK_PAGE.read_text(encoding="utf-8"), re.S)
    assert blocks and all(skip for skip, _ in blocks), "every python block of docs/spark.md needs Spark: skip them"
    return blocks[0][1]


@pytest.mark.spark
def test_the_recipe_of_the_docs_writes_the_dataset(tmp_path: Path) -> None:
    """The recipe, run as a reader runs it: a script in a folder holding ``archive/``."""
    _spark_or_skip()
    pages = _archive()
    paths = [
        *_write({name: data for name, data in pages.items() if not name.startswith("older")}, tmp_path / "archive"),
        *_write({name: data for name, data in pages.items() if name.startswith("older")}, tmp_path / "archive" / "old"),
    ]
    (tmp_path / "archive" / "bad.md").write_bytes(NOT_UTF8)
    (tmp_path / "recipe.py").write_text(_recipe(), encoding="utf-8")
    submit = ["--master", "local[2]", "--driver-memory", "512m", "--conf", "spark.ui.enabled=false"]
    submit += ["--conf", "spark.ui.showConsoleProgress=false", "pyspark-shell"]
    environment = {**os.environ, "PYSPARK_PYTHON": sys.executable, "PYSPARK_SUBMIT_ARGS": " ".join(submit)}
    ran = subprocess.run(
        [sys.executable, "recipe.py"], cwd=tmp_path, env=environment, capture_output=True, text=True, timeout=600
    )
    assert ran.returncode == 0, ran.stderr[-3000:]

    schema = sd.facts_arrow_schema()
    written = sorted((tmp_path / "facts").glob("date=*/*.parquet"))
    assert written and all(not path.name.startswith((".", "_")) for path in written)
    for path in written:  # names, types (timestamp[us, tz=UTC], decimal128(38, 12)...) and nullability
        assert pq.read_schema(path).equals(schema, check_metadata=False)

    heads = [page_facts(sd.load(path))[0] for path in paths]
    dates = {"undated" if when is None else when.date().isoformat() for _, _, when, _ in heads}  # UTC datetimes
    assert {path.parent.name for path in written} == {f"date={date}" for date in dates}

    dataset = pyarrow.dataset.dataset(tmp_path / "facts", format="parquet", schema=schema)
    assert _ordered(tuple(row.values()) for row in dataset.to_table().to_pylist()) == _ordered(_local_facts(paths))
    # a page's rows are in one file: in each file, the rows of a fingerprint and a datetime come in whole pages
    # (pages that say the same at the same time, as the undated fetches of one state, are alike to the last row)
    per_page = {said: len(sd.fact_rows(sd.load(path))) for path, (*_, said) in zip(paths, heads, strict=True)}
    for path in written:
        counts = collections.Counter(
            (row["fingerprint"], row["datetime"])
            for row in pq.read_table(path, columns=["fingerprint", "datetime"]).to_pylist()
        )
        assert all(count % per_page[said] == 0 for (said, _), count in counts.items()), path

    errors = [json.loads(line) for path in (tmp_path / "facts-errors").glob("*.json") for line in path.open()]
    assert [(Path(error["path"]).name, error["line"], error["column"]) for error in errors] == [("bad.md", 2, 8)]

    # symboldoc export reads the dataset Spark wrote as its own: every page is in it already
    report = sd.export(paths, f"{tmp_path / 'facts'}/", workers=1)
    assert (report.written, report.duplicates, report.failed) == (0, len(paths), ())
