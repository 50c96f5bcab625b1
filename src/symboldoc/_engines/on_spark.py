"""The facts table on Spark: the rows of pages read by Spark's workers, and the schema they take.

The recipe (``docs/spark.md``): Spark's ``binaryFile`` source gives one row a
file (its ``path`` and its ``content``, the file's bytes);
``rdd.mapPartitions(fact_rows_of_files)`` reads each page from its bytes on
the workers and gives its facts as rows of :data:`FACT_COLUMNS`; and
``createDataFrame(rows, facts_spark_schema())`` makes them the facts table,
with the columns, types and nullability of :func:`facts_arrow_schema`, so the
Parquet files Spark writes read as one dataset with those ``export`` writes.

Nothing here imports pyspark until a schema is asked for: the row functions
run on the workers, which need symboldoc and nothing more of it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from symboldoc._api import load
from symboldoc._optional import optional_module
from symboldoc._problems import SymbolDocError
from symboldoc._snapshots.arrow import NUMBER_PRECISION, NUMBER_SCALE, held_number
from symboldoc._snapshots.facts import FACT_COLUMNS, FactRow, page_facts

from .errors import ERROR_COLUMNS, ErrorRow, error_row

if TYPE_CHECKING:
    from pyspark.sql.types import StructType

__all__ = [
    "ERROR_COLUMNS",
    "ErrorRow",
    "error_rows_of_files",
    "fact_rows_of_files",
    "facts_spark_schema",
    "spark_errors_schema",
]

#: The columns that are never null (as in the Arrow schema).
_REQUIRED = frozenset({"fingerprint", "path", "value"})


def _types() -> Any:
    """``pyspark.sql.types``, or an ``ImportError`` naming the extra that installs it."""
    return optional_module("pyspark.sql.types", "spark")


def facts_spark_schema() -> StructType:
    """The Spark schema of the facts table (a ``pyspark.sql.types.StructType``): :func:`facts_arrow_schema`'s
    columns in its order, with its nullability.

    Texts are ``StringType``, ``datetime`` a ``TimestampType`` (an instant,
    shown in the session's time zone), ``number`` a ``DecimalType(38, 12)``
    and the rank's numbers ``LongType``.  Needs the ``spark`` extra.
    """
    types = _types()
    kinds = {
        "datetime": types.TimestampType(),
        "number": types.DecimalType(NUMBER_PRECISION, NUMBER_SCALE),
        "rank_position": types.LongType(),
        "rank_total": types.LongType(),
    }
    fields = [
        types.StructField(name, kinds.get(name, types.StringType()), nullable=name not in _REQUIRED)
        for name in FACT_COLUMNS
    ]
    schema: StructType = types.StructType(fields)
    return schema


def spark_errors_schema() -> StructType:
    """The Spark schema of :func:`error_rows_of_files`' rows (a ``StructType``): ``path`` and ``message``
    (never null), ``line`` and ``column`` (longs, null when the reason has no position).  Needs the ``spark`` extra.
    """
    types = _types()
    schema: StructType = types.StructType(
        [
            types.StructField("path", types.StringType(), nullable=False),
            types.StructField("line", types.LongType(), nullable=True),
            types.StructField("column", types.LongType(), nullable=True),
            types.StructField("message", types.StringType(), nullable=False),
        ]
    )
    return schema


def fact_rows_of_files(files: Iterable[Any], *, strict: bool = False) -> Iterator[FactRow]:
    """The facts of the pages in ``files`` as rows of :data:`FACT_COLUMNS`, for ``rdd.mapPartitions``.

    ``files`` are rows of Spark's ``binaryFile`` source, or any objects with
    a ``path`` and a ``content`` (the file's bytes).  Each page is read from
    its bytes (``load(bytes(content), strict=strict)``); its rows are
    :func:`fact_rows`' with ``number`` as the Parquet column holds it
    (:func:`held_number`: null when it does not fit, ``value`` keeping it).
    A page that cannot be read gives no row (:func:`error_rows_of_files` says
    why), and a page's rows are made whole before the first is given.
    """
    for file in files:
        rows, _ = _read(file, strict)
        if rows is not None:
            yield from rows


def error_rows_of_files(files: Iterable[Any], *, strict: bool = False) -> Iterator[ErrorRow]:
    """The pages of ``files`` that cannot be read, one row each: ``(path, line, column, message)``.

    The counterpart of :func:`fact_rows_of_files` (give both the same
    ``strict``): no file is in both, and one that reads but has no fact (an
    empty file) is in neither.  A file that is not
    UTF-8, or that fails in strict mode, has the position of its problem; an
    ``OSError`` has none.
    """
    for file in files:
        _, error = _read(file, strict)
        if error is not None:
            yield error


def _read(file: Any, strict: bool) -> tuple[list[FactRow] | None, ErrorRow | None]:
    """A file's rows (:func:`fact_rows`' with ``number`` held as the column holds it), or why it cannot be read."""
    try:
        head, facts = page_facts(load(bytes(file.content), strict=strict))
    except (SymbolDocError, OSError) as error:
        return None, error_row(str(file.path), error)
    rows = [
        (*head, path, value, None if number is None else held_number(number), unit, grade, position, total)
        for path, value, number, unit, grade, position, total in facts
    ]
    return rows, None
