"""The figures of many quote pages as one pandas frame (the optional ``python-symboldoc[pandas]`` extra).

pandas is imported only when one of these functions is called.  Values stay
exact: numbers are ``Decimal`` objects (``.astype(float)`` when a float is
wanted), datetimes timezone-aware UTC.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from symboldoc._document import Document
from symboldoc._pandas import pandas_module

if TYPE_CHECKING:
    import pandas

__all__ = ["FRAME_COLUMNS", "frame"]

#: The columns of :func:`frame`, in order.
FRAME_COLUMNS = (
    "symbol",
    "datetime",
    "grade",
    "score",
    "rank",
    "rank_total",
    "pe",
    "pb",
    "ps",
    "analysts",
    "target_current",
    "target_high",
    "target_low",
)


def _figures(doc: Document) -> tuple[Any, ...]:
    fm, score, valuation, analysts, targets = doc.front_matter, doc.score, doc.valuation, doc.analysts, doc.target_price

    def metric(name: str) -> Any:
        row = valuation.get(name) if valuation is not None else None
        return row.current if row is not None else None

    rank = score.industry_rank if score is not None else None
    return (
        doc.symbol,
        fm.datetime if fm is not None else None,
        score.grade if score is not None else None,
        score.value if score is not None else None,
        rank.position if rank is not None else None,
        rank.total if rank is not None else None,
        metric("PE (TTM)"),
        metric("PB"),
        metric("PS (TTM)"),
        analysts.total if analysts is not None else None,
        targets.current if targets is not None else None,
        targets.highest if targets is not None else None,
        targets.lowest if targets is not None else None,
    )


def frame(documents: Iterable[Document]) -> pandas.DataFrame:
    """One row per page with its key figures (:data:`FRAME_COLUMNS`): an archive of snapshots as a time series.

    A page that lacks a figure has None there.  ``datetime`` is the page's
    front matter datetime, as pandas' timezone-aware UTC datetime.
    """
    pandas = pandas_module()
    result = pandas.DataFrame([_figures(doc) for doc in documents], columns=list(FRAME_COLUMNS))
    result["datetime"] = pandas.to_datetime(result["datetime"], utc=True)
    return result
