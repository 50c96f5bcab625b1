"""The Arrow schema of the facts table, and rows made into Arrow record batches (the ``archive`` extra).

One schema (:func:`facts_arrow_schema`) for every Parquet file ``export``
writes, so files written at different times, or by other engines from the
same rows, read as one dataset:

==================  ==========================  =========================================
column              Arrow type                  notes
==================  ==========================  =========================================
``symbol``          ``string``                  null for a page without a symbol
``kind``            ``string``                  null for a page of no known kind
``datetime``        ``timestamp[us, tz=UTC]``   null on pages without one
``fingerprint``     ``string`` (not null)
``path``            ``string`` (not null)
``value``           ``string`` (not null)       the fact as written, always exact
``number``          ``decimal128(38, 12)``      null when the fact is no number, or when
                                                its amount needs more than 12 decimals or
                                                26 digits before the point (``value``
                                                keeps it; :data:`NUMBER_TYPE`)
``unit``            ``string``
``grade``           ``string``
``rank_position``   ``int64``
``rank_total``      ``int64``
==================  ==========================  =========================================

A Decimal column, not a float one: ``23.90`` stays ``23.90``.  Twelve
decimals and 26 integer digits hold every number of every page seen (the
widest are market capitalisations in the trillions, with two decimals).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from symboldoc._optional import optional_module

from .facts import FACT_COLUMNS, HEAD_COLUMNS, Fact, PageHead

if TYPE_CHECKING:
    import pyarrow

__all__ = [
    "NUMBER_PRECISION",
    "NUMBER_SCALE",
    "arrow_batch",
    "facts_arrow_schema",
    "fits_number",
    "held_number",
    "pyarrow_module",
]

#: The ``number`` column's Decimal type: 38 digits, 12 of them after the point.
NUMBER_PRECISION = 38
NUMBER_SCALE = 12
_MOST_ADJUSTED = NUMBER_PRECISION - NUMBER_SCALE - 1  # the exponent of the leading digit of the largest amount


def pyarrow_module() -> Any:
    """pyarrow, or an ``ImportError`` naming the extra that installs it."""
    return optional_module("pyarrow", "archive")


def facts_arrow_schema() -> pyarrow.Schema:
    """The Arrow schema of the facts table (see the module); its metadata names it and its version."""
    pa = pyarrow_module()
    string = pa.string()
    types = {
        "symbol": string,
        "kind": string,
        "datetime": pa.timestamp("us", tz="UTC"),
        "fingerprint": string,
        "path": string,
        "value": string,
        "number": pa.decimal128(NUMBER_PRECISION, NUMBER_SCALE),
        "unit": string,
        "grade": string,
        "rank_position": pa.int64(),
        "rank_total": pa.int64(),
    }
    required = {"fingerprint", "path", "value"}
    fields = [pa.field(name, types[name], nullable=name not in required) for name in FACT_COLUMNS]
    return pa.schema(fields, metadata={"symboldoc.table": "facts", "symboldoc.version": "1"})


def fits_number(amount: Decimal) -> bool:
    """Whether ``amount`` is held exactly by the ``number`` column's type (zeros at the end of its decimals aside)."""
    if not amount.is_finite():
        return False
    _, digits, exponent = amount.as_tuple()
    if not any(digits):
        return True  # a zero, with however many decimals
    exponent = int(exponent)
    while len(digits) > 1 and digits[-1] == 0 and exponent < -NUMBER_SCALE:
        digits, exponent = digits[:-1], exponent + 1
    if exponent < -NUMBER_SCALE:
        return False
    return len(digits) + exponent <= NUMBER_PRECISION - NUMBER_SCALE


def _in_scale(amount: Decimal) -> Decimal:
    """``amount`` (which :func:`fits_number`) with at most the column's decimals: trailing zeros dropped, exactly."""
    sign, digits, exponent = amount.as_tuple()
    exponent = int(exponent)
    if exponent >= -NUMBER_SCALE:
        return amount
    cut = -NUMBER_SCALE - exponent
    return Decimal((sign, digits[:-cut] or (0,), -NUMBER_SCALE))


def held_number(amount: Decimal) -> Decimal | None:
    """``amount`` as the ``number`` column holds it: None when it does not :func:`fits_number`, else with at most
    the column's decimals (trailing zeros past them dropped, exactly).  Pure Python, so every engine that writes the
    column (Arrow here, Spark in :mod:`symboldoc.spark`) holds the same amounts."""
    return _in_scale(amount) if fits_number(amount) else None


def arrow_batch(
    pages: Sequence[tuple[PageHead, Sequence[Fact]]], schema: pyarrow.Schema
) -> tuple[pyarrow.RecordBatch, int]:
    """The facts of ``pages`` as one record batch of ``schema``, and how many numbers it could not hold (left null).

    A page's head (its symbol, kind, datetime and fingerprint) is converted
    once and repeated for each of its facts by Arrow (``take``), not once a row.
    """
    pa = pyarrow_module()
    compute = optional_module("pyarrow.compute", "archive")
    owners = pa.array([page for page, (_, facts) in enumerate(pages) for _ in facts], pa.int32())
    facts = [fact for _, page_facts in pages for fact in page_facts]
    inexact = 0
    arrays = []
    for position, field in enumerate(schema):
        if position < HEAD_COLUMNS:
            heads = pa.array([head[position] for head, _ in pages], field.type)
            arrays.append(compute.take(heads, owners))
            continue
        column: list[Any] = [fact[position - HEAD_COLUMNS] for fact in facts]
        if field.name == "number":
            for index, amount in enumerate(column):
                if isinstance(amount, Decimal):
                    held = held_number(amount)
                    if held is None:
                        inexact += 1
                    column[index] = held
        arrays.append(pa.array(column, field.type))
    return pa.RecordBatch.from_arrays(arrays, schema=schema), inexact
