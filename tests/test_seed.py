"""What the generic layer reads from a whole page: the seed, and the bundled example."""

from __future__ import annotations

from datetime import datetime, timezone
from decimal import Decimal

import symboldoc
from symboldoc import Heading, RadarChart, Table


def test_seed_front_matter(seed: str) -> None:
    fm = symboldoc.loads(seed).front_matter
    assert fm is not None
    assert fm.symbol == "KC.US"
    assert fm.type == "Symbol"
    assert fm.locale == "en"
    assert fm.title == "Kingsoft Cloud Holdings Limited (KC.US)"
    assert fm.industry == "Internet Services and Infrastructure"
    assert fm.datetime == datetime(2026, 4, 15, 13, 34, 21, 428000, tzinfo=timezone.utc)
    assert fm.datetime.utcoffset() is not None
    assert [link.locale for link in fm.locales] == ["en", "zh-CN", "zh-HK"]
    assert fm.locales[1].url == "https://longbridge.com/zh-CN/quote/KC.US.md"
    assert dict(fm.extra) == {}


def test_seed_tables(seed: str) -> None:
    doc = symboldoc.loads(seed)
    assert len(doc.tables) == 9
    assert [table.header[0] for table in doc.tables] == [
        "Item", "Metric", "Indicator", "Indicator", "Indicator", "Metric", "Rank", "Rating", "Metric",
    ]  # fmt: skip
    overview = doc.tables[0]
    website = overview.rows[2]
    assert website["Item"].text == "Website"
    assert [(link.text, link.url) for link in website["Detail"].links] == [("www.ksyun.com", "https://www.ksyun.com")]
    multi = doc.tables[4]
    assert len(multi.rows) == 11
    assert multi.rows[0].texts == ("ROE", "-12.93%", "D")
    style = doc.tables[2]
    assert style.rows[0]["Rating"].raw == "  "
    assert style.rows[0]["Rating"].text == ""
    peers = doc.tables[6]
    assert peers.rows[1]["Name"].text == "Shopify  (SHOP.US)"
    assert peers.delimiter_row.raw_cells[0] == " --- "


def test_seed_radar_chart(seed: str) -> None:
    doc = symboldoc.loads(seed)
    assert len(doc.charts) == 1
    radar = doc.charts[0]
    assert isinstance(radar, RadarChart)
    assert radar.type == "radar"
    assert radar.title == "Longbridge Financial Score - Kingsoft Cloud Holdings Limited"
    assert [d.name for d in radar.dimensions] == ["Style Score", "Size Score", "Multi Score"]
    assert [d.grade for d in radar.dimensions] == [None, None, "C"]
    assert sum(len(d.indicators) for d in radar.dimensions) == 17
    roe = radar.dimensions[2].indicators[0]
    assert (roe.name, roe.value, roe.rating) == ("ROE", Decimal("-12.93"), "D")
    assert roe.value is not None and roe.value.text == "-12.93%" and roe.value.is_percentage
    assert radar.dimensions[1].indicators[0].value == Decimal("5175298230.18")


def test_seed_chart_agrees_with_its_tables(seed: str) -> None:
    """The generic layer gives both copies of each indicator, so a reader can compare them."""
    doc = symboldoc.loads(seed)
    radar = doc.charts[0]
    assert isinstance(radar, RadarChart)
    for dimension, table in zip(radar.dimensions, doc.tables[2:5], strict=True):
        rows = [(row["Indicator"].text, row["Value"].text, row["Rating"].text) for row in table.rows]
        chart = [(i.name, i.value.text if i.value is not None else "", i.rating or "") for i in dimension.indicators]
        assert rows == chart


def test_seed_sections(seed: str) -> None:
    doc = symboldoc.loads(seed)
    (root,) = doc.sections
    assert root.title == "Kingsoft Cloud Holdings Limited (KC.US)"
    assert [s.title for s in root.subsections] == [
        "Company Overview", "Key Drivers", "Longbridge Financial Score™: C", "Valuation Analysis",
        "Peer Comparison", "Institutional View", "References",
    ]  # fmt: skip
    score = doc.section("Longbridge Financial Score™: C")
    assert score is not None
    assert [s.title for s in score.subsections] == ["Style Score Score:", "Size Score Score:", "Multi Score Score: C"]
    assert len(score.tables) == 4
    view = doc.section("Institutional View")
    assert view is not None
    assert [s.level for s in view.walk()] == [2, 3, 3]


def test_seed_positions(seed: str) -> None:
    doc = symboldoc.loads(seed)
    headings = [block for block in doc.blocks if isinstance(block, Heading)]
    assert (headings[0].start.line, headings[0].start.column) == (16, 1)
    last_table = doc.tables[-1]
    assert isinstance(last_table, Table)
    assert (last_table.start.line, last_table.end.line) == (229, 233)
    price = last_table.rows[0]["Price"]
    assert (price.start.line, price.start.column) == (231, 18)
    assert seed[price.start.offset : price.start.offset + len(price.raw)] == " 16.44 "
    disclaimer = doc.blocks[-1]
    assert disclaimer.end.offset == len(seed)


def test_bundled_example_reads_like_a_page(example: str) -> None:
    doc = symboldoc.loads(example, strict=True)
    fm = doc.front_matter
    assert fm is not None and fm.symbol is not None and fm.datetime is not None
    assert len(fm.locales) == 3
    assert len(doc.tables) == 9
    (radar,) = doc.charts
    assert isinstance(radar, RadarChart)
    assert [len(d.indicators) for d in radar.dimensions] == [4, 2, 11]
    assert symboldoc.dumps(doc) == example
