"""chart-data blocks: decoded JSON, typed radar charts, and what happens when the JSON is wrong."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import symboldoc
from symboldoc import Chart, ChartError, RadarChart
from symboldoc._charts import MAX_DEPTH, check_chart, nesting, read_chart, spoke_value
from symboldoc._problems import Reporter


def chart_block(chart_type: str, body: str) -> str:
    return f"## Score\n\n```chart-data:{chart_type}\n{body}\n```\n"


RADAR = {
    "title": "Score - Example Co",
    "chart_type": "radar",
    "dimensions": [
        {"name": "Style Score", "grade": "", "indicators": [{"name": "Revenue YoY", "value": "8.50%", "rating": ""}]},
        {
            "name": "Multi Score",
            "grade": "B",
            "indicators": [
                {"name": "Market Cap", "value": "94.83B", "rating": "A"},
                {"name": "Turnover", "value": "0.40", "rating": "C"},
                {"name": "PE", "value": "-", "rating": ""},
            ],
        },
    ],
}


def test_radar_chart_is_typed() -> None:
    doc = symboldoc.loads(chart_block("radar", json.dumps(RADAR, indent=2)))
    (radar,) = doc.charts
    assert isinstance(radar, RadarChart)
    assert radar.title == "Score - Example Co"
    style, multi = radar.dimensions
    assert (style.name, style.grade) == ("Style Score", None)
    assert (multi.name, multi.grade) == ("Multi Score", "B")
    cap, turnover, pe = multi.indicators
    assert cap.value == Decimal("94830000000") and cap.value is not None and cap.value.unit == "B"
    assert turnover.value is not None and turnover.value.text == "0.40" and turnover.rating == "C"
    assert pe.value is None and pe.rating is None
    assert len(radar.indicators) == 4
    assert radar.data["chart_type"] == "radar"


def test_numbers_in_chart_json_are_decimals() -> None:
    (chart,) = symboldoc.loads(chart_block("line", '{"points": [0.1, 2, 1e999999]}')).charts
    assert type(chart) is Chart
    assert chart.type == "line"
    assert chart.data["points"] == [Decimal("0.1"), 2, Decimal("1e999999")]
    assert not any(isinstance(point, float) for point in chart.data["points"])


def test_json_error_names_the_line_and_column_in_the_page() -> None:
    text = chart_block("radar", '{\n  "title": "x",\n  "dimensions": [}\n}')
    doc = symboldoc.loads(text)
    assert doc.charts[0].data is None
    (warning,) = doc.warnings
    assert warning.construct == "chart-data block"
    assert (warning.line, warning.column) == (6, 18)
    assert text.splitlines()[warning.line - 1][warning.column - 1] == "}"
    with pytest.raises(ChartError) as raised:
        symboldoc.loads(text, strict=True)
    assert (raised.value.line, raised.value.column) == (6, 18)
    assert "valid JSON" in str(raised.value)


def test_deep_nesting_is_an_error_not_a_crash() -> None:
    text = chart_block("radar", "[" * 100_000)
    doc = symboldoc.loads(text)
    assert doc.warnings[0].construct == "chart-data block"
    assert symboldoc.dumps(doc) == text


def test_wrong_shapes_are_reported_and_the_rest_is_read() -> None:
    body = {"title": 3, "dimensions": [{"name": "G", "grade": "Z", "indicators": [{"name": "X", "value": "n/a"}, 4]}]}
    doc = symboldoc.loads(chart_block("radar", json.dumps(body)))
    (radar,) = doc.charts
    assert isinstance(radar, RadarChart)
    assert radar.title is None
    (dimension,) = radar.dimensions
    assert dimension.grade is None
    assert [(i.name, i.value) for i in dimension.indicators] == [("X", None)]
    assert len(doc.warnings) == 4
    assert all(w.construct == "chart-data block" and w.line == 4 for w in doc.warnings)


def test_nan_is_not_json() -> None:
    doc = symboldoc.loads(chart_block("radar", '{"title": NaN}'))
    assert doc.charts[0].data is None and "NaN" in doc.warnings[0].detail


# While a page is read, a radar chart is only checked (its outline is what the page reader compares
# with the indicator tables); ``doc.charts`` reads it in full.  Both must see the same problems.

_ANY_JSON_VALUE = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.sampled_from(["", "-", "A", "B", " C ", "Z", "8.50%", "94.83B", " 0.40 ", "+1.5", "x1", "1e5", "NaN"]),
    st.lists(st.integers(), max_size=2),
)
_INDICATOR = st.fixed_dictionaries(
    {},
    optional={
        "name": st.one_of(st.text(max_size=8), _ANY_JSON_VALUE),
        "value": _ANY_JSON_VALUE,
        "rating": _ANY_JSON_VALUE,
    },
)
_DIMENSION = st.one_of(
    st.fixed_dictionaries(
        {"indicators": st.one_of(st.lists(st.one_of(_INDICATOR, _ANY_JSON_VALUE), max_size=4), _ANY_JSON_VALUE)},
        optional={"name": _ANY_JSON_VALUE, "grade": _ANY_JSON_VALUE},
    ),
    _ANY_JSON_VALUE,
)


@settings(max_examples=300)
@given(st.fixed_dictionaries({"dimensions": st.lists(_DIMENSION, max_size=3)}, optional={"title": _ANY_JSON_VALUE}))
def test_checking_a_radar_chart_sees_what_reading_it_sees(data: dict[str, object]) -> None:
    body = json.dumps(data)
    checked, read = Reporter(), Reporter()
    outline = check_chart("radar", body, 1, checked)
    chart = read_chart("radar", body, 1, read)
    assert checked.problems == read.problems
    assert isinstance(chart, RadarChart) and outline is not None
    assert outline.title == chart.title
    assert [(name, grade) for name, grade, _ in outline.dimensions] == [(d.name, d.grade) for d in chart.dimensions]
    spokes = [(spoke[0], spoke_value(spoke), spoke[2]) for _, _, spokes in outline.dimensions for spoke in spokes]
    assert spokes == [(i.name, i.value, i.rating) for i in chart.indicators]


def _with_duplicates(page: str) -> str:
    """The example page, its chart's title given twice and its first Multi Score indicator's rating too."""
    title = '  "title": "Longbridge Financial Score - Harborlight Robotics Inc.",\n'
    page = page.replace(title, '  "title": "An older title",\n' + title, 1)
    roe = '          "name": "ROE",\n          "value": "14.26%",\n          "rating": "B"\n'
    assert roe in page
    return page.replace(roe, roe.replace('"rating": "B"', '"rating": "E",\n          "rating": "B"'), 1)


def test_a_key_given_twice_in_chart_json_is_reported_where_it_stands(example: str) -> None:
    text = _with_duplicates(example)
    doc = symboldoc.loads(text)
    duplicates = [problem for problem in doc.warnings if problem.expected == "each key once in a JSON object"]
    second_rating = text.split("\n").index('          "rating": "E",') + 2  # the line after it, counted from 1
    assert [(p.line, p.column, p.detail) for p in duplicates] == [
        (86, 3, "found 'title' again"),
        (second_rating, 11, "found 'rating' again"),
    ]
    assert doc.warnings == tuple(duplicates)  # the last value of each is the one read, and agrees with the tables
    assert symboldoc.dumps(doc) == text
    with pytest.raises(ChartError) as raised:
        symboldoc.loads(text, strict=True)
    assert (raised.value.line, raised.value.column) == (86, 3)


def test_an_edit_keeps_the_keys_given_twice(example: str) -> None:
    text = _with_duplicates(example)
    doc = symboldoc.loads(text)
    assert doc.score is not None
    group = doc.score.group("Multi Score")
    assert group is not None
    group["ROE"].value = Decimal("15.01")
    written = symboldoc.dumps(doc)
    changed = [(old, new) for old, new in zip(text.split("\n"), written.split("\n"), strict=True) if old != new]
    assert changed == [
        ("| ROE | 14.26% | B |", "| ROE | 15.01% | B |"),
        ('          "value": "14.26%",', '          "value": "15.01%",'),
    ]
    again = symboldoc.loads(written)
    assert again.page == doc.page
    assert [p.detail for p in again.warnings] == [p.detail for p in symboldoc.loads(text).warnings]


def test_an_edit_writes_back_members_nested_deep(example: str) -> None:
    deep = "[" * (MAX_DEPTH - 5) + "]" * (MAX_DEPTH - 5)  # in an indicator, five levels down: as deep as a chart goes
    text = example.replace('"value": "14.26%"', f'"value": "14.26%", "x": {deep}', 1)
    doc = symboldoc.loads(text)
    assert doc.score is not None and not doc.warnings
    doc.score.chart_title = "A new title"
    written = symboldoc.dumps(doc)
    assert '"title": "A new title"' in written
    again = symboldoc.loads(written)
    assert again.page == doc.page
    (chart,) = [block for block in again.blocks if isinstance(block, symboldoc.ChartBlock)]
    member = chart.chart.data["dimensions"][2]["indicators"][0]["x"]
    for _ in range(MAX_DEPTH - 6):
        (member,) = member
    assert member == []


def test_a_chart_nested_deeper_than_a_chart_goes_is_reported_and_left_as_written(example: str) -> None:
    deep = "[" * (MAX_DEPTH - 4) + "]" * (MAX_DEPTH - 4)  # one level more than the test above
    text = example.replace('"value": "14.26%"', f'"value": "14.26%", "x": {deep}', 1)
    for doc in (symboldoc.loads(text), symboldoc.loads(text.replace("```chart-data:radar", "```chart-data:bar"))):
        warning = next(warning for warning in doc.warnings if warning.construct == "chart-data block")
        assert (warning.detail, warning.expected) == ("nested too deeply", f"JSON nested at most {MAX_DEPTH} deep")
        (chart,) = doc.charts
        assert chart.data is None and symboldoc.dumps(doc) == text.replace(*_the_type_of(doc))
    with pytest.raises(ChartError, match="nested too deeply"):
        symboldoc.loads(text, strict=True)


def _the_type_of(doc: symboldoc.Document) -> tuple[str, str]:
    (chart,) = doc.charts
    return "```chart-data:radar", f"```chart-data:{chart.type}"


def test_an_edit_leaves_a_dimension_it_cannot_name_alone(example: str) -> None:
    text = example.replace('"name": "Style Score"', '"name": ["Style Score"]', 1)
    doc = symboldoc.loads(text)
    assert any("a string for the name of dimension 1" in problem.expected for problem in doc.warnings)
    assert doc.score is not None
    doc.score.chart_title = "Retitled"
    written = symboldoc.dumps(doc)
    assert '"name": ["Style Score"]' in written and '"title": "Retitled"' in written  # the rest as written


def _depth(value: object) -> int:
    if isinstance(value, list):
        return 1 + max(map(_depth, value), default=0)
    if isinstance(value, dict):
        return 1 + max(map(_depth, value.values()), default=0)
    return 0


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(alphabet='[]{}"\\ab'),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(alphabet='[]{}"\\a'), inner, max_size=3),
)


@given(_JSON)
def test_the_nesting_of_a_chart_is_counted_as_json_nests_it(value: object) -> None:
    assert nesting(json.dumps(value)) == _depth(value)
