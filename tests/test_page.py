"""The typed quote page: every section of the seed, both layouts, cut-off pages, and what is reported."""

from __future__ import annotations

import re
from datetime import datetime, timezone
from decimal import Decimal

import pytest

import symboldoc
from symboldoc import LayoutError, Market, Rank, Symbol

from .pages import FIXTURES, read_exact


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=timezone.utc)  # type: ignore[misc]


# -- the seed, section by section ------------------------------------------------------------


def test_seed_reads_without_a_warning(seed: str) -> None:
    doc = symboldoc.loads(seed, strict=True)
    assert doc.warnings == ()
    assert doc.title == "Kingsoft Cloud Holdings Limited (KC.US)"
    assert doc.symbol == "KC.US"
    assert (doc.symbol.code, doc.symbol.market) == ("KC", Market.US)


def test_seed_overview(seed: str) -> None:
    overview = symboldoc.loads(seed).overview
    assert overview is not None
    assert overview.description is not None
    assert overview.description.startswith("Kingsoft Cloud Holdings Limited provides cloud services")
    assert "’s product portfolio" in overview.description
    assert overview.industry == "Internet Services and Infrastructure"
    assert overview.exchange == "US Market"
    assert overview.website is not None
    assert (overview.website.text, overview.website.url) == ("www.ksyun.com", "https://www.ksyun.com")


def test_seed_key_drivers_are_empty(seed: str) -> None:
    assert symboldoc.loads(seed).key_drivers == []


def test_seed_score(seed: str) -> None:
    score = symboldoc.loads(seed).score
    assert score is not None
    assert score.grade == "C"
    assert score.value == Decimal("0.55")
    assert score.value is not None and str(score.value) == "0.55"
    assert score.updated == utc(2026, 4, 15, 4, 30, 17)
    assert score.industry == "Internet Services and Infrastructure"
    assert score.industry_rank == Rank(20, 32)
    assert (score.industry_median, score.industry_average) == ("C", "C")
    assert score.style is not None and score.style.name == "Growth"
    assert score.style.description == "Stocks whose main business is in the growth stage."
    assert score.scale is not None and score.scale.name == "Mid"
    assert score.multi_score == "C"
    assert [(g.name, g.grade, g.category, len(g.indicators)) for g in score.groups] == [
        ("Style Score", None, "Style Score", 4),
        ("Size Score", None, "Size Score", 2),
        ("Multi Score", "C", "Multi Score", 11),
    ]
    multi = score.groups[2]
    roe = multi["ROE"]
    assert (roe.value, roe.rating) == (Decimal("-12.93"), "D")
    assert roe.value is not None and roe.value.is_percentage
    assert multi["Turnover"].value == Decimal("0.43")
    assert multi["Cash Flow Margin"].rating == "E"
    style = score.groups[0]
    assert style["Revenue YoY"].rating is None
    assert score.groups[1]["Market Cap"].value == Decimal("5175298230.18")


def test_seed_valuation(seed: str) -> None:
    valuation = symboldoc.loads(seed).valuation
    assert valuation is not None
    assert valuation.metrics == ["PE (TTM)", "PB", "PS (TTM)", "Dividend Yield"]
    pe = valuation["PE (TTM)"]
    assert pe.current == Decimal("-39.44")
    assert pe.industry_rank == Rank(23, 32)
    assert pe.industry_rank is not None and pe.industry_rank.text == "23/32"
    assert (pe.high, pe.median, pe.low) == (None, None, None)
    pb = valuation[1]
    assert (pb.current, pb.high, pb.median, pb.low) == tuple(map(Decimal, ["3.89", "4.89", "4.30", "3.77"]))
    dividend = valuation["Dividend Yield"]
    assert dividend.current == 0 and dividend.current is not None and dividend.current.is_percentage
    assert dividend.industry_rank is None
    with pytest.raises(KeyError):
        valuation["EV/EBITDA"]


def test_seed_peers(seed: str) -> None:
    peers = symboldoc.loads(seed).peers
    assert [p.symbol for p in peers] == ["MGRT.US", "SHOP.US", "TWLO.US", "MDB.US", "OKTA.US"]
    assert [p.rank for p in peers] == [1, 2, 3, 4, 5]
    shopify = peers[1]
    assert shopify.name == "Shopify"
    assert isinstance(shopify.symbol, Symbol) and shopify.symbol.market is Market.US
    assert (shopify.profit, shopify.growth, shopify.operation, shopify.security, shopify.cash) == tuple("BBBAB")
    assert shopify.rating == "B"
    assert peers[4].operation == "D"


def test_seed_analysts_and_targets(seed: str) -> None:
    doc = symboldoc.loads(seed)
    analysts = doc.analysts
    assert analysts is not None
    assert analysts.as_of == utc(2026, 4, 9, 4)
    assert analysts.total == 13
    assert [(r.rating, r.count, r.percentage) for r in analysts.ratings] == [
        ("Buy", 9, Decimal(69)),
        ("Overweight", 3, Decimal(23)),
    ]
    buy = analysts.get("Buy")
    assert buy is not None and buy.percentage is not None and buy.percentage.text == "69%"
    targets = doc.target_price
    assert targets is not None
    assert (targets.current, targets.highest, targets.lowest) == tuple(map(Decimal, ["16.44", "23.00", "17.45"]))
    assert targets.highest is not None and targets.highest.text == "23.00"


def test_seed_references_and_disclaimer(seed: str) -> None:
    doc = symboldoc.loads(seed)
    assert [link.url.rsplit("/", 1)[1] for link in doc.references] == [
        "overview.md", "norm.md", "news.md", "filings.md",
    ]  # fmt: skip
    assert doc.references[2].text == "Related News"
    assert doc.disclaimer == (
        "Disclaimer: This article is for reference only and does not constitute any investment advice."
    )


def test_seed_chart_and_tables_agree(seed: str) -> None:
    doc = symboldoc.loads(seed)
    radar = doc.charts[0]
    assert isinstance(radar, symboldoc.RadarChart)
    assert doc.score is not None
    for dimension, group in zip(radar.dimensions, doc.score.groups, strict=True):
        assert (dimension.name, dimension.grade) == (group.name, group.grade)
        assert [(i.name, i.value, i.rating) for i in dimension.indicators] == [
            (i.name, i.value, i.rating) for i in group.indicators
        ]


# -- every real page yields what its text states ----------------------------------------------------

from .pages import corpus_pages  # noqa: E402

REAL = {name: text for name, text in corpus_pages().items() if name.startswith("real/") and "collapsed" not in name}


def stated(text: str) -> dict[str, object]:
    """What a page's text states, read with plain regular expressions (an oracle independent of symboldoc)."""
    front = dict(re.findall(r'^(\w+): "(.*)"$', text.split("\n---", 1)[0], re.MULTILINE))
    overall = re.search(r"^\*\*Overall: ([A-E]) \(([\d.]+)\)\*\*$", text, re.MULTILINE)
    rank = re.search(r"^\| Industry Ranking \| (\d+) / (\d+) \|$", text, re.MULTILINE)
    industry = re.search(r"^\*\*Industry\*\*: (.+)$", text, re.MULTILINE)
    market = re.search(r"(?:Exchange|Location) \|\n?\s*([^|\n]+?)\s*\|", text)
    style = re.search(r"^- \*\*Style\*\*: (\w+) - ", text, re.MULTILINE)
    indicators = []
    for table in re.findall(r"^\| Indicator \| Value \| Rating \|\n\|-+\|-+\|-+\|\n((?:\|.*\n?)*)", text, re.MULTILINE):
        for line in table.splitlines():
            cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
            if len(cells) == 3 and line.rstrip().endswith("|"):
                indicators.append((cells[0], cells[1], cells[2] or None))
    return {
        "front": front,
        "overall": overall and (overall.group(1), Decimal(overall.group(2))),
        "rank": rank and Rank(int(rank.group(1)), int(rank.group(2))),
        "industry": industry and industry.group(1),
        "market": market and market.group(1),
        "style": style and style.group(1),
        "indicators": indicators,
    }


@pytest.mark.skipif(not REAL, reason="no shared corpus beside the checkout")
@pytest.mark.parametrize("name", sorted(REAL))
def test_real_page_yields_what_its_text_states(name: str) -> None:
    text = REAL[name]
    doc = symboldoc.loads(text)
    assert symboldoc.dumps(doc) == text
    want = stated(text)
    fm = doc.front_matter
    assert fm is not None
    front = want["front"]
    assert isinstance(front, dict)
    for key in ("title", "type", "locale", "url", "symbol", "name", "industry"):
        assert getattr(fm, key) == front.get(key)
    if "datetime" in front:
        assert fm.datetime is not None and fm.datetime.isoformat().startswith(front["datetime"][:19])
    assert (doc.overview.exchange if doc.overview else None) == want["market"]
    score = doc.score
    if want["overall"] is None:  # cut off before the score
        assert score is None
        assert want["indicators"] == []
    else:
        assert score is not None
        assert (score.grade, score.value) == want["overall"]
        assert score.industry_rank == want["rank"]
        assert score.industry == want["industry"]
        assert (score.style.name if score.style else None) == want["style"]
        read = [
            (i.name, i.value.text if i.value is not None else None, i.rating)
            for group in score.groups
            for i in group.indicators
        ]
        assert read == want["indicators"]
    assert doc.symbol == fm.symbol
    # Every real page here is cut off, and says so.
    assert doc.warnings[-1].construct == "page"
    with pytest.raises(symboldoc.SymbolDocError):
        symboldoc.loads(text, strict=True)


# -- the project's own pages: the older layout, a cut page, missing rows, '-' values -----------------


def test_older_layout() -> None:
    doc = symboldoc.loads(read_exact(FIXTURES / "older_full.md"), strict=True)
    fm = doc.front_matter
    assert fm is not None and fm.type == "quote" and fm.datetime is None and fm.locales == ()
    assert doc.overview is not None
    assert doc.overview.exchange == "HK Market"  # the Location row
    assert doc.overview.description is not None and doc.overview.description.endswith("...")
    score = doc.score
    assert score is not None
    assert (score.grade, score.value, score.multi_score) == ("B", Decimal("0.27"), "B")
    assert [(g.name, g.category, g.grade) for g in score.groups] == [
        ("Growth Score", "Style Score", None),
        ("Value Score", "Style Score", None),
        ("Market Cap Score", "Size Score", None),
        ("Revenue Score", "Size Score", None),
        ("Profit Score", "Multi Score", "A"),
        ("Growth Score", "Multi Score", "B"),
        ("Cash Score", "Multi Score", "B"),
        ("Operation Score", "Multi Score", "C"),
        ("Security Score", "Multi Score", "A"),
    ]
    cap = score.groups[2]["Market Cap"].value
    assert cap == Decimal("1240000000000") and cap is not None and (cap.text, cap.unit) == ("1.24T", "T")
    assert all(i.rating is not None for g in score.groups[4:] for i in g.indicators)
    assert doc.charts == ()
    assert doc.disclaimer is not None and len(doc.peers) == 5


def test_current_page_with_missing_rows_dashes_and_other_languages() -> None:
    doc = symboldoc.loads(read_exact(FIXTURES / "current_full.md"), strict=True)
    assert [link.text for link in doc.supported_languages] == ["简体中文", "繁體中文"]
    assert doc.overview is not None
    assert doc.overview.website is None  # the page has no Website row
    assert doc.overview.industry == "食品加工"
    assert doc.score is not None and doc.score.industry_rank == Rank(0, 4)
    valuation = doc.valuation
    assert valuation is not None
    ps = valuation["PS (TTM)"]
    assert ps.current is not None and (ps.high, ps.median, ps.low) == (None, None, None)
    assert doc.analysts is not None and len(doc.analysts.ratings) == 4
    assert sum(r.count or 0 for r in doc.analysts.ratings) == doc.analysts.total
    assert any("  (" in row["Name"].raw for row in doc.tables[6].rows)  # two spaces before the symbol...
    assert all("  " not in peer.name for peer in doc.peers)  # ...are not part of the name


def test_cut_page_gives_what_is_complete_and_says_where_it_stops() -> None:
    text = read_exact(FIXTURES / "current_cut.md")
    doc = symboldoc.loads(text)
    assert symboldoc.dumps(doc) == text
    score = doc.score
    assert score is not None
    assert [len(g.indicators) for g in score.groups] == [4, 1]  # the cut row is not read
    assert doc.valuation is None and doc.peers == [] and doc.disclaimer is None
    table_warning, cut_warning = doc.warnings
    assert table_warning.construct == "table"
    assert cut_warning.construct == "page" and cut_warning.line == text.count("\n") + 1
    with pytest.raises(symboldoc.TableError):
        symboldoc.loads(text, strict=True)


def test_missing_industry_ranking_row(example: str) -> None:
    text = re.sub(r"^\| Industry Ranking \|.*\n", "", example, flags=re.MULTILINE)
    doc = symboldoc.loads(text, strict=True)
    assert doc.score is not None
    assert doc.score.industry_rank is None
    assert doc.score.industry_median is not None


# -- what is reported -------------------------------------------------------------------------------


def test_unknown_section_is_kept_with_a_warning(example: str) -> None:
    text = example.replace("## Peer Comparison", "## Insider Trades\n\nSome text.\n\n## Peer Comparison")
    doc = symboldoc.loads(text)
    (warning,) = doc.warnings
    assert (warning.construct, warning.detail) == ("section", "found 'Insider Trades'")
    section = doc.section("Insider Trades")
    assert section is not None and section.blocks[1].source == "Some text.\n"
    assert len(doc.peers) == 5
    with pytest.raises(LayoutError) as raised:
        symboldoc.loads(text, strict=True)
    assert raised.value.line == text.splitlines().index("## Insider Trades") + 1


def test_chart_that_disagrees_with_its_table_is_reported(example: str) -> None:
    doc = symboldoc.loads(example)
    assert doc.score is not None
    roe = doc.score.groups[2].indicators[0]
    assert roe.value is not None
    changed = example.replace(f'"value": "{roe.value.text}"', '"value": "99.99%"', 1)
    warnings = symboldoc.loads(changed).warnings
    assert [w.construct for w in warnings] == ["chart-data block"]
    assert "99.99%" in warnings[0].detail and roe.value.text in warnings[0].detail


def test_heading_grade_that_disagrees_with_overall_is_reported(example: str) -> None:
    score = symboldoc.loads(example).score
    assert score is not None and score.grade == "B"
    changed = example.replace("## Longbridge Financial Score™: B", "## Longbridge Financial Score™: D")
    (warning,) = symboldoc.loads(changed).warnings
    assert warning.construct == "score heading" and "found D" in warning.detail


def test_text_that_is_no_symbol_page_has_no_typed_parts() -> None:
    doc = symboldoc.loads("# Meeting notes\n\n## Peer Comparison\n\n| a | b |\n|---|---|\n")
    assert doc.page is None
    assert (doc.score, doc.valuation, doc.overview, doc.title) == (None, None, None, None)
    assert doc.peers == [] and doc.references == []
    assert doc.warnings == ()


def test_a_page_known_by_its_title_alone() -> None:
    text = "# Harbor Co (HRBR.US)\n\n## Peer Comparison\n\n| Rank | Name |\n|---|---|\n| 01 | X (X.US) |\n"
    doc = symboldoc.loads(text)
    assert doc.symbol == "HRBR.US"
    assert [(p.rank, p.name, p.symbol) for p in doc.peers] == [(1, "X", "X.US")]


def test_bad_values_are_reported_where_they_stand() -> None:
    text = (
        '---\ntype: "Symbol"\n---\n# A (A.US)\n\n## Valuation Analysis\n\n'
        "| Metric | Current | Industry Ranking | High | Median | Low |\n"
        "|---|---|---|---|---|---|\n| PE | 1.5x | 3/9 | - | - | - |\n"
    )
    doc = symboldoc.loads(text)
    assert doc.valuation is not None and doc.valuation["PE"].current is None
    problem = doc.warnings[0]
    assert (problem.line, problem.column, problem.construct) == (10, 7, "valuation table")
    assert problem.detail == "found '1.5x'"


def test_a_section_given_twice_is_read_once_and_reported(example: str) -> None:
    start = example.index("## Valuation Analysis")
    end = example.index("## Peer Comparison")
    text = example[:end] + example[start:end] + example[end:]
    doc = symboldoc.loads(text)
    (warning,) = doc.warnings
    assert (warning.construct, warning.expected) == ("section", "each section once")
    assert doc.valuation is not None and len(doc.valuation) == 4
    doc.valuation[0].low = Decimal("1.00")  # the first section holds the model, and takes the edit
    out = symboldoc.dumps(doc)
    assert out.count("| 1.00 |") == 1
    assert out[: out.index("| 1.00 |")].count("## Valuation Analysis") == 1


HEAD = '---\ntype: "Symbol"\n---\n# A (KC.US)\n\n'


@pytest.mark.parametrize(
    ("body", "field", "line", "column"),
    [
        (
            "## Longbridge Financial Score™: C\n> *Note*\n> Updated: 9999-12-31T23:59:59-05:00\n",
            "score.updated",
            8,
            12,
        ),
        (
            "## Institutional View\n\n### Analyst Rating Distribution\n\n> As of 0001-01-01T00:00:00+01:00\n",
            "analysts.as_of",
            10,
            9,
        ),
    ],
)
def test_a_datetime_utc_cannot_hold_is_reported_where_it_stands(body: str, field: str, line: int, column: int) -> None:
    doc = symboldoc.loads(HEAD + body)
    part, name = field.split(".")
    assert getattr(getattr(doc, part), name) is None
    problem = next(problem for problem in doc.warnings if "datetime" in problem.expected)
    assert (problem.line, problem.column) == (line, column)
    with pytest.raises(LayoutError) as raised:
        symboldoc.loads(HEAD + body, strict=True)
    assert (raised.value.line, raised.value.column) == (line, column)


def test_a_value_is_reported_where_it_stands_after_its_label() -> None:
    text = HEAD + (
        "## Longbridge Financial Score™: Longbridge\n> *Note*\n> Updated: x\n> Updated: Up\n\n"
        "#### Multi Score Score: Multi\n"
    )
    found = [(p.line, p.column, p.detail) for p in symboldoc.loads(text).warnings if "found" in p.detail]
    assert found[:4] == [
        (6, 33, "found 'Longbridge'"),
        (8, 12, "found 'x'"),
        (9, 12, "found 'Up'"),
        (11, 25, "found 'Multi'"),
    ]
