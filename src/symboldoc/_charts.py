"""Charts: the JSON in ```` ```chart-data:<type> ```` fenced blocks.

Every chart block gives a :class:`Chart` with its ``type`` and decoded
``data`` (numbers as Decimals, never floats).  A radar chart, the one type
the pages carry, is read further into a :class:`RadarChart`: its title and
its dimensions, each a group of indicators with a grade.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import attrs

from ._problems import Reporter
from ._values import Number, read_grade, read_number

__all__ = ["CHART_INFO_PREFIX", "Chart", "RadarChart", "RadarDimension", "RadarIndicator", "read_chart"]

CHART_INFO_PREFIX = "chart-data:"


@attrs.frozen
class Chart:
    """A chart block's content: ``type`` (``"radar"``) and the decoded JSON ``data``.

    ``data`` is None when the block's JSON could not be decoded.
    """

    type: str
    data: Any = attrs.field(repr=False)


@attrs.frozen
class RadarIndicator:
    """One spoke of a radar chart: ``value`` as a Number (None for ``""``/``-``), ``rating`` a grade or None."""

    name: str
    value: Number | None
    rating: str | None


@attrs.frozen
class RadarDimension:
    """A group of indicators (``"Multi Score"``) and its ``grade`` (None where the page shows none)."""

    name: str
    grade: str | None
    indicators: tuple[RadarIndicator, ...]


@attrs.frozen
class RadarChart(Chart):
    """A ``chart-data:radar`` block: its ``title`` and ``dimensions``."""

    title: str | None = None
    dimensions: tuple[RadarDimension, ...] = ()

    @property
    def indicators(self) -> tuple[RadarIndicator, ...]:
        """Every indicator of every dimension, in order."""
        return tuple(indicator for dimension in self.dimensions for indicator in dimension.indicators)


def _decode(body: str) -> Any:
    return json.loads(body, parse_float=Decimal, parse_int=_integer, parse_constant=_refuse_constant)


def _integer(text: str) -> int | Decimal:
    # int() refuses very long digit strings (CPython's limit on int
    # conversion); a Decimal takes them at the same exact value.
    return int(text) if len(text) < 4000 else Decimal(text)


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def read_chart(chart_type: str, body: str, body_line: int, reporter: Reporter) -> Chart:
    """Read a chart block's ``body``, whose first line is line ``body_line`` of the document."""
    try:
        data = _decode(body)
    except json.JSONDecodeError as exc:
        reporter.report(body_line + exc.lineno - 1, exc.colno, "chart-data block", "valid JSON", exc.msg)
        return Chart(chart_type, None)
    except (RecursionError, ValueError) as exc:
        detail = "nested too deeply" if isinstance(exc, RecursionError) else str(exc)
        reporter.report(body_line, 1, "chart-data block", "valid JSON", detail)
        return Chart(chart_type, None)
    if chart_type != "radar":
        return Chart(chart_type, data)
    return _read_radar(data, body_line, reporter)


def _read_radar(data: Any, line: int, reporter: Reporter) -> Chart:
    def problem(expected: str, detail: str = "") -> None:
        reporter.report(line, 1, "chart-data block", expected, detail)

    if not isinstance(data, dict):
        problem("a JSON object for a radar chart")
        return Chart("radar", data)
    title = data.get("title")
    if title is not None and not isinstance(title, str):
        problem("a string 'title'")
        title = None
    raw_dimensions = data.get("dimensions", [])
    if not isinstance(raw_dimensions, list):
        problem("a list of 'dimensions'")
        raw_dimensions = []
    dimensions: list[RadarDimension] = []
    for index, raw in enumerate(raw_dimensions):
        where = f"dimension {index + 1}"
        if not isinstance(raw, dict):
            problem(f"an object for {where}")
            continue
        raw_indicators = raw.get("indicators", [])
        if not isinstance(raw_indicators, list):
            problem(f"a list of indicators in {where}")
            raw_indicators = []
        indicators: list[RadarIndicator] = []
        for number, item in enumerate(raw_indicators, 1):
            if not isinstance(item, dict):
                problem(f"an object for indicator {number} of {where}")
                continue
            # What is wrong is described only when something is (most charts are right).
            what = (number, where)
            indicators.append(
                RadarIndicator(
                    _string(item.get("name"), "name", what, problem) or "",
                    _number(item.get("value"), "value", what, problem),
                    _grade(item.get("rating"), "rating", what, problem),
                )
            )
        dimensions.append(
            RadarDimension(
                _string(raw.get("name"), "name", (0, where), problem) or "",
                _grade(raw.get("grade"), "grade", (0, where), problem),
                tuple(indicators),
            )
        )
    return RadarChart("radar", data, title, tuple(dimensions))


def _what(field: str, where: tuple[int, str]) -> str:
    number, dimension = where
    return f"indicator {number} {field} of {dimension}" if number else f"the {field} of {dimension}"


def _string(value: Any, field: str, where: tuple[int, str], problem: Any) -> str | None:
    if value is None or isinstance(value, str):
        return value
    problem(f"a string for {_what(field, where)}", f"found {str(value)[:80]}")
    return None


def _number(value: Any, field: str, where: tuple[int, str], problem: Any) -> Number | None:
    if value is None:
        return None
    if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
        return Number(value, str(value))
    if isinstance(value, str):
        try:
            return read_number(value)
        except ValueError:
            pass
    problem(f"a number for {_what(field, where)}", f"found {str(value)[:80]}")
    return None


def _grade(value: Any, field: str, where: tuple[int, str], problem: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        try:
            return read_grade(value)
        except ValueError:
            pass
    problem(f"a grade A to E for {_what(field, where)}", f"found {str(value)[:80]}")
    return None
