"""The typed model of a quote page: one attrs class per section.

These classes hold values only (``Number``, ``Rank``, grades as ``"A"``..
``"E"``, aware datetimes); ``_page`` reads them from a document's blocks.
They are mutable, so a page can be built or changed in code, and they
compare by value.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterator
from decimal import Decimal
from typing import overload

import attrs

from ._inline import Link
from ._symbols import Symbol
from ._values import Number, Rank

__all__ = [
    "AnalystRating",
    "Analysts",
    "Classification",
    "Indicator",
    "IndicatorGroup",
    "Overview",
    "Peer",
    "Score",
    "SymbolPage",
    "TargetPrice",
    "Valuation",
    "ValuationRow",
]


@attrs.define
class Overview:
    """Company Overview (older pages: Company Profile and the table under the title)."""

    description: str | None = None
    industry: str | None = None
    #: The ``Exchange`` row (``"US Market"``); older pages call it ``Location``.
    exchange: str | None = None
    website: Link | None = None


@attrs.define
class Classification:
    """The style or scale of a company: ``name`` (``"Growth"``, ``"Mid"``) and its ``description``."""

    name: str
    description: str | None = None


@attrs.define
class Indicator:
    """One indicator row: ``name``, ``value`` (None for ``-``), ``rating`` (None when empty)."""

    name: str
    value: Number | Decimal | None = None
    rating: str | None = None


@attrs.define
class IndicatorGroup:
    """An indicator table and its heading.

    ``name`` is the group (``"Style Score"``; older pages ``"Growth Score"``,
    ``"Market Cap Score"``...), ``grade`` its grade (None where the page shows
    none), ``category`` the score it belongs to: ``"Style Score"``,
    ``"Size Score"`` or ``"Multi Score"``.
    """

    name: str
    grade: str | None = None
    category: str | None = None
    indicators: list[Indicator] = attrs.field(factory=list)

    def __getitem__(self, name: str) -> Indicator:
        for indicator in self.indicators:
            if indicator.name == name:
                return indicator
        raise KeyError(name)


@attrs.define
class Score:
    """Longbridge Financial Score: the overall grade and value and what stands behind them."""

    grade: str | None = None
    value: Number | Decimal | None = None
    description: str | None = None
    updated: _dt.datetime | None = None
    industry: str | None = None
    industry_rank: Rank | None = None
    industry_median: str | None = None
    industry_average: str | None = None
    style: Classification | None = None
    scale: Classification | None = None
    multi_score: str | None = None
    groups: list[IndicatorGroup] = attrs.field(factory=list)

    def group(self, name: str) -> IndicatorGroup | None:
        """The indicator group called ``name``, or None."""
        return next((group for group in self.groups if group.name == name), None)


@attrs.define
class ValuationRow:
    """One row of Valuation Analysis."""

    metric: str
    current: Number | Decimal | None = None
    industry_rank: Rank | None = None
    high: Number | Decimal | None = None
    median: Number | Decimal | None = None
    low: Number | Decimal | None = None


@attrs.define
class Valuation:
    """Valuation Analysis: its rows, by position or by metric name (``valuation["PE (TTM)"]``)."""

    rows: list[ValuationRow] = attrs.field(factory=list)

    @overload
    def __getitem__(self, key: int) -> ValuationRow: ...
    @overload
    def __getitem__(self, key: str) -> ValuationRow: ...
    def __getitem__(self, key: int | str) -> ValuationRow:
        if isinstance(key, str):
            row = self.get(key)
            if row is None:
                raise KeyError(key)
            return row
        return self.rows[key]

    def get(self, metric: str) -> ValuationRow | None:
        """The row of ``metric``, or None."""
        return next((row for row in self.rows if row.metric == metric), None)

    def __iter__(self) -> Iterator[ValuationRow]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    @property
    def metrics(self) -> list[str]:
        return [row.metric for row in self.rows]


@attrs.define
class Peer:
    """One row of Peer Comparison: a company, its grades on five factors, and its rating."""

    rank: int
    name: str
    symbol: Symbol | None = None
    profit: str | None = None
    growth: str | None = None
    operation: str | None = None
    security: str | None = None
    cash: str | None = None
    rating: str | None = None


@attrs.define
class AnalystRating:
    """One row of the analyst rating distribution: ``Buy``, 9, 69%."""

    rating: str
    count: int | None = None
    percentage: Number | Decimal | None = None


@attrs.define
class Analysts:
    """Analyst Rating Distribution."""

    as_of: _dt.datetime | None = None
    total: int | None = None
    ratings: list[AnalystRating] = attrs.field(factory=list)

    def get(self, rating: str) -> AnalystRating | None:
        """The row of ``rating`` (``"Buy"``), or None."""
        return next((row for row in self.ratings if row.rating == rating), None)


@attrs.define
class TargetPrice:
    """Target Price Forecast: the current price and the highest and lowest analyst targets."""

    current: Number | Decimal | None = None
    highest: Number | Decimal | None = None
    lowest: Number | Decimal | None = None


@attrs.define
class SymbolPage:
    """Everything the typed readers found in a page; ``Document`` exposes each part."""

    title: str | None = None
    symbol: Symbol | None = None
    supported_languages: list[Link] = attrs.field(factory=list)
    overview: Overview | None = None
    key_drivers: list[str] = attrs.field(factory=list)
    score: Score | None = None
    valuation: Valuation | None = None
    peers: list[Peer] = attrs.field(factory=list)
    analysts: Analysts | None = None
    target_price: TargetPrice | None = None
    references: list[Link] = attrs.field(factory=list)
    disclaimer: str | None = None
