"""Charts: the JSON in ```` ```chart-data:<type> ```` fenced blocks.

Every chart block gives a :class:`Chart` with its ``type`` and decoded
``data`` (numbers as Decimals, never floats).  A radar chart, the one type
the pages carry, is read further into a :class:`RadarChart`: its title and
its dimensions, each a group of indicators with a grade.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any, TypeVar

import attrs

from ._pickling import compact
from ._problems import Reporter
from ._values import _NONE, GRADES, Number, is_number_text, read_grade, read_number

__all__ = [
    "CHART_INFO_PREFIX",
    "Chart",
    "JsonObject",
    "RadarChart",
    "RadarDimension",
    "RadarIndicator",
    "RadarOutline",
    "check_chart",
    "decode_members",
    "nesting",
    "read_chart",
    "spoke_value",
]

CHART_INFO_PREFIX = "chart-data:"


@compact
@attrs.frozen
class Chart:
    """A chart block's content: ``type`` (``"radar"``) and the decoded JSON ``data``.

    ``data`` is None when the block's JSON could not be decoded.
    """

    type: str
    data: Any = attrs.field(repr=False)


@compact
@attrs.frozen
class RadarIndicator:
    """One spoke of a radar chart: ``value`` as a Number (None for ``""``/``-``), ``rating`` a grade or None."""

    name: str
    value: Number | None
    rating: str | None


@compact
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


class JsonObject(dict[str, Any]):
    """A JSON object that keeps every member as written, a key given twice included.

    As a dict it holds what a JSON reader takes (the last value of a key
    given twice); ``members`` holds every key, value pair in order, and an
    assignment changes the last member of that key (or adds one).  Chart JSON
    decoded for an edit is made of these, so writing it again keeps what the
    edit did not touch, duplicates included.
    """

    def __init__(self, members: list[tuple[str, Any]]) -> None:
        super().__init__(members)
        self.members = members

    def __setitem__(self, key: str, value: Any) -> None:
        super().__setitem__(key, value)
        for index in range(len(self.members) - 1, -1, -1):
            if self.members[index][0] == key:
                self.members[index] = (key, value)
                return
        self.members.append((key, value))


def decode_members(body: str) -> Any:
    """Chart JSON as :class:`JsonObject` objects (numbers as Decimals), for an edit to write back."""
    return json.loads(
        body, parse_float=Decimal, parse_int=_integer, parse_constant=_refuse_constant, object_pairs_hook=JsonObject
    )


JsonPath = tuple["str | int", ...]


def scalar_spans(body: str) -> dict[JsonPath, tuple[int, int]]:
    """Where each scalar of the JSON ``body`` stands: its path (keys and indices) and its span in ``body``.

    ``body`` is JSON that decodes.  Of a key given twice in one object, the
    last stands (as :class:`JsonObject` assignment changes the last).  Read
    with a stack of its own, not by recursion, so JSON as deep as the decoder
    took is placed too.  An edit writes a changed scalar into its span, so
    the rest of the text (its blank lines, its spacing) stays as written.
    """
    spans: dict[JsonPath, tuple[int, int]] = {}
    # Each open container: whether it is an object, its path, and where its next value goes
    # (an object's key once read, None while a key is awaited; an array's next index).
    stack: list[list[Any]] = []
    index, length = 0, len(body)
    while index < length:
        char = body[index]
        if char in " \t\r\n,:":
            index += 1
            continue
        if char in "]}":
            stack.pop()
            _advance(stack)
            index += 1
            continue
        if stack and stack[-1][0] and stack[-1][2] is None:  # an object's key
            end = _string_end(body, index)
            stack[-1][2] = json.loads(body[index:end])
            index = end
            continue
        path: JsonPath = (*stack[-1][1], stack[-1][2]) if stack else ()
        if char in "{[":
            stack.append([char == "{", path, None if char == "{" else 0])
            index += 1
            continue
        end = _string_end(body, index) if char == '"' else _scalar_end(body, index)
        spans[path] = (index, end)
        _advance(stack)
        index = end
    return spans


def _advance(stack: list[list[Any]]) -> None:
    """The value of the innermost open container is done: it now awaits its next key, or its next index."""
    if stack:
        frame = stack[-1]
        frame[2] = None if frame[0] else frame[2] + 1


def _string_end(body: str, start: int) -> int:
    index = start + 1
    while True:
        char = body[index]
        if char == "\\":
            index += 2
        elif char == '"':
            return index + 1
        else:
            index += 1


def _scalar_end(body: str, start: int) -> int:
    index = start
    while index < len(body) and body[index] not in " \t\r\n,]}":
        index += 1
    return index


def _decode(body: str) -> tuple[Any, list[str]]:
    """The decoded JSON of ``body``, and the keys given twice in one object (in the order found)."""
    duplicates: list[str] = []

    def members(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        made = dict(pairs)
        if len(made) != len(pairs):
            seen: set[str] = set()
            for key, _ in pairs:
                if key in seen:
                    duplicates.append(key)
                seen.add(key)
        return made

    data = json.loads(
        body, parse_float=Decimal, parse_int=_integer, parse_constant=_refuse_constant, object_pairs_hook=members
    )
    return data, duplicates


def _integer(text: str) -> int | Decimal:
    # int() refuses very long digit strings (CPython's limit on int
    # conversion); a Decimal takes them at the same exact value.
    return int(text) if len(text) < 4000 else Decimal(text)


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def read_chart(chart_type: str, body: str, body_line: int, reporter: Reporter) -> Chart:
    """Read a chart block's ``body``, whose first line is line ``body_line`` of the document."""
    data, radar = _decode_chart(chart_type, body, body_line, reporter)
    if not radar:
        return Chart(chart_type, data)
    title, dimensions = _walk_radar(data, body_line, reporter, _indicator, RadarDimension)
    return RadarChart("radar", data, title, dimensions)


_JSON_STRING_OR_RUN = re.compile(r'"(?:[^"\\]|\\.)*"?', re.DOTALL)  # a string, or what is left of an unclosed one
_BRACKET = re.compile(r"[\[\]{}]")
_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}


def nesting(body: str) -> int:
    """How deep the brackets of ``body`` nest, strings skipped (no recursion, no Python step a bracket)."""
    brackets = _BRACKET.findall(_JSON_STRING_OR_RUN.sub("", body))
    return max(itertools.accumulate(map(_STEP.__getitem__, brackets)), default=0)


_JSON_MARK = re.compile(r'["{}\[\],]')
_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)


def _duplicate_keys(body: str, body_line: int) -> list[tuple[int, int, str]]:
    """Where each key given again in its object stands in ``body`` (valid JSON): its line and column, and the key.

    One pass over the text, called only when the decoder saw a duplicate.
    """
    found: list[tuple[int, int, str]] = []
    objects: list[set[str] | None] = []  # for each open bracket: the keys of an object, None for an array
    key_next = False
    line, line_start, counted = body_line, 0, 0  # the line of offset ``counted``, and where that line starts
    index = 0
    while (mark := _JSON_MARK.search(body, index)) is not None:
        at, char = mark.start(), mark.group()
        if char == '"':
            string = _JSON_STRING.match(body, at)
            end = string.end() if string is not None else len(body)
            if key_next and objects and objects[-1] is not None:
                key = json.loads(body[at:end])
                if key in objects[-1]:
                    between = body[counted:at]
                    breaks = between.count("\n") + between.count("\r") - between.count("\r\n")
                    if breaks:
                        line += breaks
                        line_start = counted + max(between.rfind("\n"), between.rfind("\r")) + 1
                    counted = at
                    found.append((line, at - line_start + 1, key))
                objects[-1].add(key)
            key_next = False
            index = end
            continue
        if char == "{":
            objects.append(set())
            key_next = True
        elif char == "[":
            objects.append(None)
        elif char in "]}":
            if objects:
                objects.pop()
        else:  # a comma
            key_next = bool(objects) and objects[-1] is not None
        index = at + 1
    return found


def check_chart(chart_type: str, body: str, body_line: int, reporter: Reporter) -> RadarOutline | None:
    """Report what is wrong with a chart block's ``body`` (as :func:`read_chart` would), building no chart.

    For a radar chart, its outline: what the page reader compares with the
    indicator tables.  None for other charts and for JSON that is not a radar chart.
    """
    data, radar = _decode_chart(chart_type, body, body_line, reporter)
    return RadarOutline(*_walk_radar(data, body_line, reporter, _spoke, _outline_dimension)) if radar else None


#: How deep a chart's JSON may nest (arrays and objects in one another).  Real charts nest four
#: levels; json's decoder recurses once a level, so how deep it can go depends on the caller's stack
#: (and, from Python 3.12, on a limit of its own).  A deeper chart is reported "nested too deeply",
#: wherever and whenever it is read, and left as written, as a front matter value nested too deep is.
MAX_DEPTH = 64


def _decode_chart(chart_type: str, body: str, body_line: int, reporter: Reporter) -> tuple[Any, bool]:
    """The decoded JSON of a chart block's ``body`` (None when it is not JSON), and whether it is
    a radar chart's object, to be walked; what is wrong so far is reported.

    A ``RecursionError`` passes through: a chart within :data:`MAX_DEPTH` raises one only where the
    caller's own stack is nearly used up, which says nothing of the chart.
    """
    if body.count("[") + body.count("{") > MAX_DEPTH and nesting(body) > MAX_DEPTH:  # the count: a quick bound
        reporter.report(body_line, 1, "chart-data block", f"JSON nested at most {MAX_DEPTH} deep", "nested too deeply")
        return None, False
    try:
        data, duplicates = _decode(body)
    except json.JSONDecodeError as exc:
        reporter.report(body_line + exc.lineno - 1, exc.colno, "chart-data block", "valid JSON", exc.msg)
        return None, False
    except ValueError as exc:
        reporter.report(body_line, 1, "chart-data block", "valid JSON", str(exc))
        return None, False
    if duplicates and reporter.keeps:
        for line, column, key in _duplicate_keys(body, body_line):
            expected = "each key once in a JSON object"
            reporter.report(line, column, "chart-data block", expected, f"found {key!r} again")
    if chart_type != "radar":
        return data, False
    if not isinstance(data, dict):
        reporter.report(body_line, 1, "chart-data block", "a JSON object for a radar chart")
        return data, False
    return data, True


#: One indicator of a radar chart as written: its name, its value as the JSON holds it (a
#: number's text, or an int or Decimal; None where there is none) and its rating (a grade or None).
Spoke = tuple[str, "str | int | Decimal | None", "str | None"]
#: A dimension of a radar chart as written: its name, its grade (or None) and its spokes.
OutlineDimension = tuple[str, "str | None", tuple[Spoke, ...]]


@compact
@attrs.frozen
class RadarOutline:
    """A radar chart's JSON, checked: its title, and each dimension's name, grade and spokes.

    What the page reader needs of a chart, without the typed objects of a
    :class:`RadarChart` (numbers stay as the JSON writes them).
    """

    title: str | None
    dimensions: tuple[OutlineDimension, ...]


S = TypeVar("S")
D = TypeVar("D")


def _walk_radar(
    data: dict[str, Any],
    line: int,
    reporter: Reporter,
    spoke: Callable[[str, Any, str | None], S],
    dimension: Callable[[str, str | None, tuple[S, ...]], D],
) -> tuple[str | None, tuple[D, ...]]:
    """A radar chart's title and dimensions, what is wrong with them reported.

    Each indicator is made by ``spoke(name, value, rating)``, which refuses
    (``ValueError``) a value that is not a number; each dimension by
    ``dimension(name, grade, spokes)``.
    """

    def problem(expected: str, detail: str = "") -> None:
        reporter.report(line, 1, "chart-data block", expected, detail)

    title = data.get("title")
    if title is not None and not isinstance(title, str):
        problem("a string 'title'")
        title = None
    raw_dimensions = data.get("dimensions", [])
    if not isinstance(raw_dimensions, list):
        problem("a list of 'dimensions'")
        raw_dimensions = []
    dimensions = []
    for index, raw in enumerate(raw_dimensions):
        where = f"dimension {index + 1}"
        if not isinstance(raw, dict):
            problem(f"an object for {where}")
            continue
        raw_indicators = raw.get("indicators", [])
        if not isinstance(raw_indicators, list):
            problem(f"a list of indicators in {where}")
            raw_indicators = []
        spokes: list[S] = []
        for number, item in enumerate(raw_indicators, 1):
            if not isinstance(item, dict):
                problem(f"an object for indicator {number} of {where}")
                continue
            name, value, rating = item.get("name"), item.get("value"), item.get("rating")
            if type(name) is str and type(value) is str and type(rating) is str and rating in _GRADE_TEXTS:
                try:
                    spokes.append(spoke(name, value, None if rating in _NONE else rating))
                    continue  # the usual indicator: nothing to report
                except ValueError:
                    pass
            # What is wrong is described only when something is.
            what = (number, where)
            name = _string(name, "name", what, problem)
            value = _number(value, "value", what, problem)
            rating = _grade(rating, "rating", what, problem)
            spokes.append(spoke(name or "", value, rating))
        name = _string(raw.get("name"), "name", (0, where), problem) or ""
        dimensions.append(dimension(name, _grade(raw.get("grade"), "grade", (0, where), problem), tuple(spokes)))
    return title, tuple(dimensions)


def _spoke(name: str, value: str | int | Decimal | None, rating: str | None) -> Spoke:
    if isinstance(value, str) and not is_number_text(value):
        raise ValueError(value)
    return name, value, rating


def _outline_dimension(name: str, grade: str | None, spokes: tuple[Spoke, ...]) -> OutlineDimension:
    return name, grade, spokes


def _indicator(name: str, value: str | int | Decimal | None, rating: str | None) -> RadarIndicator:
    return RadarIndicator(name, _value(value), rating)


#: The ratings a chart writes: a grade, or nothing.
_GRADE_TEXTS = frozenset(("", "-", *GRADES))


def spoke_value(spoke: Spoke) -> Number | None:
    """The value of a checked spoke as a :class:`Number` (None where it has none)."""
    return _value(spoke[1])


def _value(value: str | int | Decimal | None) -> Number | None:
    if value is None:
        return None
    if isinstance(value, str):
        return read_number(value)
    return Number(value, str(value))


def _what(field: str, where: tuple[int, str]) -> str:
    number, dimension = where
    return f"indicator {number} {field} of {dimension}" if number else f"the {field} of {dimension}"


def _string(value: Any, field: str, where: tuple[int, str], problem: Any) -> str | None:
    if value is None or isinstance(value, str):
        return value
    problem(f"a string for {_what(field, where)}", f"found {str(value)[:80]}")
    return None


def _number(value: Any, field: str, where: tuple[int, str], problem: Any) -> str | int | Decimal | None:
    """``value`` when it is a number (the text of one, or a JSON number), else None (reported)."""
    if value is None:
        return None
    if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and is_number_text(value):
        return value
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
