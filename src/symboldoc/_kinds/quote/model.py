"""The typed model of a quote page: one attrs class per section.

These classes hold values only (``Number``, ``Rank``, grades as ``"A"``..
``"E"``, aware datetimes); ``read`` reads them from a document's blocks.
They are mutable, so a page can be built or changed in code, and they
compare by value.  Every field checks what it is given (``_fields``): a
wrong value is refused when it is assigned, naming the field.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
from collections.abc import Callable, Iterator
from typing import Any, ClassVar, overload

import attrs

from symboldoc._fields import (
    ON_SETATTR,
    ReadLazily,
    check_count,
    count_field,
    datetime_field,
    grade_field,
    number_field,
    rank_field,
    symbol_field,
    text_field,
)
from symboldoc._inline import Link
from symboldoc._pickling import compact
from symboldoc._symbols import Symbol
from symboldoc._values import Number, Rank, read_number, read_rank

#: The name of the indicator group that, in the current layout, carries the Multi Score grade.
MULTI_SCORE = "Multi Score"

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


@compact
@attrs.define
class Overview:
    """Company Overview (older pages: Company Profile and the table under the title)."""

    description: str | None = text_field(lines=True, empty=False)
    industry: str | None = text_field(empty=False)
    #: The ``Exchange`` row (``"US Market"``); older pages call it ``Location``.
    exchange: str | None = text_field(empty=False)
    website: Link | None = None


@compact
@attrs.define
class Classification:
    """The style or scale of a company: ``name`` (``"Growth"``, ``"Mid"``) and its ``description``."""

    name: str = text_field(optional=False, default=attrs.NOTHING)
    description: str | None = text_field(empty=False)


@attrs.define(on_setattr=ON_SETATTR, getstate_setstate=False)
class Indicator(ReadLazily):
    """One indicator row: ``name``, ``value`` (None for ``-``), ``rating`` (None when empty)."""

    _read_lazily: ClassVar[dict[str, Callable[[str], Any]]] = {"value": read_number}

    name: str = text_field(optional=False, default=attrs.NOTHING)
    value: Number | None = number_field()
    rating: str | None = grade_field()


@compact
@attrs.define
class IndicatorGroup:
    """An indicator table and its heading.

    ``name`` is the group (``"Style Score"``; older pages ``"Growth Score"``,
    ``"Market Cap Score"``...), ``grade`` its grade (None where the page shows
    none), ``category`` the score it belongs to: ``"Style Score"``,
    ``"Size Score"`` or ``"Multi Score"``.
    """

    name: str = text_field(optional=False, default=attrs.NOTHING)
    grade: str | None = grade_field()
    category: str | None = text_field()
    indicators: list[Indicator] = attrs.field(factory=list)

    def __getitem__(self, name: str) -> Indicator:
        for indicator in self.indicators:
            if indicator.name == name:
                return indicator
        raise KeyError(name)


@compact
@attrs.define
class Score:
    """Longbridge Financial Score: the overall grade and value and what stands behind them.

    ``grade`` is the one home of the overall grade, which a current page
    shows twice (in the section heading and in ``**Overall: ...**``).
    ``multi_score`` is, on a current page, the grade of the ``Multi Score``
    group (its heading, the ``**Multi Score**:`` line and the chart show the
    same fact); on an older page, which has no such group, it is kept here.
    ``description`` is the note under the heading, as markdown (links kept).
    ``chart_title`` is the title of the radar chart that repeats the groups;
    None when the page has no chart.
    """

    grade: str | None = grade_field()
    value: Number | None = number_field()
    description: str | None = text_field(lines=True)
    updated: _dt.datetime | None = datetime_field()
    industry: str | None = text_field()
    industry_rank: Rank | None = rank_field()
    industry_median: str | None = grade_field()
    industry_average: str | None = grade_field()
    style: Classification | None = None
    scale: Classification | None = None
    _multi_score: str | None = attrs.field(default=None, alias="multi_score", repr=False)
    groups: list[IndicatorGroup] = attrs.field(factory=list)
    chart_title: str | None = None

    def __attrs_post_init__(self) -> None:
        self._multi_score = IndicatorGroup(MULTI_SCORE, self._multi_score).grade  # checked as a grade
        conflict = self._settle()
        if conflict is not None:
            raise ValueError(
                f"Score.multi_score: {conflict[0]!r} differs from the grade {conflict[1]!r} of the "
                f"{MULTI_SCORE!r} group, which is where a current page keeps it"
            )

    @property
    def multi_score(self) -> str | None:
        """The Multi Score grade (see the class)."""
        group = self.group(MULTI_SCORE)
        return group.grade if group is not None else self._multi_score

    @multi_score.setter
    def multi_score(self, grade: str | None) -> None:
        group = self.group(MULTI_SCORE)
        if group is not None:
            group.grade = grade
        else:
            self._multi_score = IndicatorGroup(MULTI_SCORE, grade).grade  # checked as a grade

    def _settle(self) -> tuple[str, str] | None:
        """Move a Multi Score grade kept here onto the ``Multi Score`` group, once there is one.

        Returns the two grades when the group already had another one.
        """
        group = self.group(MULTI_SCORE)
        if group is None or self._multi_score is None:
            return None
        kept, self._multi_score = self._multi_score, None
        if group.grade is None:
            group.grade = kept
            return None
        return None if group.grade == kept else (kept, group.grade)

    def group(self, name: str) -> IndicatorGroup | None:
        """The indicator group called ``name``, or None."""
        return next((group for group in self.groups if group.name == name), None)


@attrs.define(on_setattr=ON_SETATTR, getstate_setstate=False)
class ValuationRow(ReadLazily):
    """One row of Valuation Analysis."""

    _read_lazily: ClassVar[dict[str, Callable[[str], Any]]] = {
        "current": read_number,
        "industry_rank": read_rank,
        "high": read_number,
        "median": read_number,
        "low": read_number,
    }

    metric: str = text_field(optional=False, default=attrs.NOTHING)
    current: Number | None = number_field()
    industry_rank: Rank | None = rank_field()
    high: Number | None = number_field()
    median: Number | None = number_field()
    low: Number | None = number_field()


@compact
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


@attrs.define(on_setattr=ON_SETATTR, getstate_setstate=False)
class Peer(ReadLazily):
    """One row of Peer Comparison: a company, its grades on five factors, and its rating."""

    _read_lazily: ClassVar[dict[str, Callable[[str], Any]]] = {"symbol": Symbol}

    rank: int = attrs.field(validator=check_count)
    name: str = text_field(optional=False, default=attrs.NOTHING)
    symbol: Symbol | None = symbol_field()
    profit: str | None = grade_field()
    growth: str | None = grade_field()
    operation: str | None = grade_field()
    security: str | None = grade_field()
    cash: str | None = grade_field()
    rating: str | None = grade_field()
    # How the Name cell was written ("Shopify  (SHOP.US)"), so a page rendered
    # from the model alone gives it back; used only while name and symbol still match it.
    _written_name: str | None = attrs.field(default=None, init=False, eq=False, repr=False)


@attrs.define(on_setattr=ON_SETATTR, getstate_setstate=False)
class AnalystRating(ReadLazily):
    """One row of the analyst rating distribution: ``Buy``, 9, 69%."""

    _read_lazily: ClassVar[dict[str, Callable[[str], Any]]] = {"percentage": read_number}

    rating: str = text_field(optional=False, default=attrs.NOTHING)
    count: int | None = count_field()
    percentage: Number | None = number_field(unit="%")


@compact
@attrs.define
class Analysts:
    """Analyst Rating Distribution."""

    as_of: _dt.datetime | None = datetime_field()
    total: int | None = count_field()
    ratings: list[AnalystRating] = attrs.field(factory=list)

    def get(self, rating: str) -> AnalystRating | None:
        """The row of ``rating`` (``"Buy"``), or None."""
        return next((row for row in self.ratings if row.rating == rating), None)


@compact
@attrs.define
class TargetPrice:
    """Target Price Forecast: the current price and the highest and lowest analyst targets."""

    current: Number | None = number_field()
    highest: Number | None = number_field()
    lowest: Number | None = number_field()


class ReadOnFirstUse:
    """For :class:`SymbolPage`: fields whose section is read the first time one of them is asked for.

    ``loads`` leaves the fields of a section unset, with ``_unread`` holding
    what reads it.  Asking for such a field (or anything that asks: ``==``,
    ``repr``, copies, pickles, ``attrs.asdict``) reads its section first;
    assigning to one or deleting one does too, so an edit always has the
    section as read to compare with.  A page built in code has every field
    set and no ``_unread``.
    """

    __slots__ = ("_unread",)

    def __getattr__(self, name: str) -> Any:
        # Only ever called for a name normal lookup did not find: here, a field whose section waits, or one
        # another thread's reading set since that lookup (and cleared ``_unread``): looked up again either way.
        if name != "_unread":
            _read_section_of(self, name)
            with contextlib.suppress(AttributeError):
                return object.__getattribute__(self, name)
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    def __delattr__(self, name: str) -> None:
        _read_section_of(self, name)
        object.__delattr__(self, name)


def unread_of(page: object) -> Any:
    """What reads the sections of ``page`` still waiting (``unread.UnreadSections``); None when none wait."""
    if not isinstance(page, ReadOnFirstUse):
        return None
    try:
        return object.__getattribute__(page, "_unread")
    except AttributeError:
        return None


def _read_section_of(page: Any, name: str) -> None:
    """Read the section that sets field ``name`` of ``page``, if one waits."""
    try:
        unread = object.__getattribute__(page, "_unread")
    except AttributeError:
        return
    if unread is not None:
        unread.read_for(page, name)


def _read_first(page: Any, field: attrs.Attribute[Any], value: Any) -> Any:
    """On assignment to a field of a page: its section is read first (see :class:`ReadOnFirstUse`)."""
    _read_section_of(page, field.name)
    return value


@compact
@attrs.define(on_setattr=attrs.setters.pipe(_read_first, attrs.setters.convert, attrs.setters.validate))
class SymbolPage(ReadOnFirstUse):
    """Everything the typed readers found in a page; ``Document`` exposes each part.

    A page ``loads`` read leaves each section unread until one of its fields
    is first used (see :class:`ReadOnFirstUse`); nothing else changes.
    """

    title: str | None = text_field()
    supported_languages: list[Link] = attrs.field(factory=list)
    overview: Overview | None = None
    key_drivers: list[str] = attrs.field(factory=list)
    score: Score | None = None
    valuation: Valuation | None = None
    #: None when the page has no Peer Comparison section; ``[]`` when it has one without rows.
    peers: list[Peer] | None = None
    analysts: Analysts | None = None
    target_price: TargetPrice | None = None
    #: None when the page has no References section; ``[]`` when it has one without links.
    references: list[Link] | None = None
    disclaimer: str | None = text_field(empty=False)
