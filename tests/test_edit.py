"""Editing and authoring: an edit rewrites exactly the lines that hold the fact; pages render from the model."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timezone
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import symboldoc
from symboldoc import (
    AnalystRating,
    Document,
    EditError,
    Indicator,
    Number,
    Peer,
    Rank,
    ValuationRow,
)

from .pages import FIXTURES, corpus_pages, own_pages, read_exact


def diff(before: str, after: str) -> tuple[list[str], list[str]]:
    """The lines removed and the lines added, in order: what a longest common subsequence of lines leaves out."""
    old, new = before.splitlines(), after.splitlines()
    # Skip the common head and tail, then a plain LCS table over what is left.
    head = 0
    while head < min(len(old), len(new)) and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < min(len(old), len(new)) - head and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    a, b = old[head : len(old) - tail], new[head : len(new) - tail]
    table = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) - 1, -1, -1):
        for j in range(len(b) - 1, -1, -1):
            table[i][j] = table[i + 1][j + 1] + 1 if a[i] == b[j] else max(table[i + 1][j], table[i][j + 1])
    removed, added, i, j = [], [], 0, 0
    while i < len(a) and j < len(b):
        if a[i] == b[j]:
            i, j = i + 1, j + 1
        elif table[i + 1][j] >= table[i][j + 1]:
            removed.append(a[i])
            i += 1
        else:
            added.append(b[j])
            j += 1
    return removed + a[i:], added + b[j:]


def edited(text: str, edit: Callable[[Document], Any]) -> str:
    doc = symboldoc.loads(text)
    edit(doc)
    out = symboldoc.dumps(doc)
    again = symboldoc.loads(out)
    assert again.page == doc.page, "the text written reads back as the edited model"
    assert again.front_matter == doc.front_matter
    return out


# -- each edit, its exact diff against the seed ---------------------------------------------------


def test_target_price(seed: str) -> None:
    def edit(doc: Document) -> None:
        assert doc.target_price is not None
        doc.target_price.highest = Decimal("24.50")

    assert diff(seed, edited(seed, edit)) == (["| Highest Target | 23.00 |"], ["| Highest Target | 24.50 |"])


def test_overall_grade_changes_in_both_places(seed: str) -> None:
    def edit(doc: Document) -> None:
        assert doc.score is not None
        doc.score.grade = "B"

    assert diff(seed, edited(seed, edit)) == (
        ["## Longbridge Financial Score™: C", "**Overall: C (0.55)**"],
        ["## Longbridge Financial Score™: B", "**Overall: B (0.55)**"],
    )


def test_analyst_total(seed: str) -> None:
    def edit(doc: Document) -> None:
        assert doc.analysts is not None
        doc.analysts.total = 14

    assert diff(seed, edited(seed, edit)) == (["Total Analysts: **13**"], ["Total Analysts: **14**"])


def test_valuation_cell_from_dash(seed: str) -> None:
    def edit(doc: Document) -> None:
        assert doc.valuation is not None
        doc.valuation[0].high = Decimal("-20.00")

    assert diff(seed, edited(seed, edit)) == (
        ["| PE (TTM) | -39.44 | 23/32 | - | - | - |"],
        ["| PE (TTM) | -39.44 | 23/32 | -20.00 | - | - |"],
    )


def test_indicator_changes_in_its_row_and_in_the_chart(seed: str) -> None:
    def edit(doc: Document) -> None:
        assert doc.score is not None
        roe = doc.score.groups[2]["ROE"]
        roe.value = Decimal("-11.5")  # a plain Decimal takes the field's form: a percentage, two decimals
        roe.rating = "C"

    assert diff(seed, edited(seed, edit)) == (
        ["| ROE | -12.93% | D |", '          "value": "-12.93%",', '          "rating": "D"'],
        ["| ROE | -11.50% | C |", '          "value": "-11.50%",', '          "rating": "C"'],
    )


def test_empty_rating_cell_filled_keeps_the_row_style(seed: str) -> None:
    def edit(doc: Document) -> None:
        assert doc.score is not None
        doc.score.groups[0]["P/B Ratio"].rating = "A"

    removed, added = diff(seed, edited(seed, edit))
    assert removed == ["| P/B Ratio | 3.89 |  |", '          "rating": ""']
    assert added == ["| P/B Ratio | 3.89 | A |", '          "rating": "A"']


def test_multi_score_has_one_home_and_three_places(seed: str) -> None:
    def edit(doc: Document) -> None:
        assert doc.score is not None
        doc.score.multi_score = "B"

    assert diff(seed, edited(seed, edit)) == (
        ["**Multi Score**: C", "#### Multi Score Score: C", '      "grade": "C",'],
        ["**Multi Score**: B", "#### Multi Score Score: B", '      "grade": "B",'],
    )


def test_front_matter_key(seed: str) -> None:
    def edit(doc: Document) -> None:
        assert doc.front_matter is not None
        doc.front_matter.datetime = datetime(2026, 5, 1, 8, 0, tzinfo=timezone.utc)

    assert diff(seed, edited(seed, edit)) == (
        ['datetime: "2026-04-15T13:34:21.428Z"'],
        ['datetime: "2026-05-01T08:00:00.000Z"'],
    )


def test_rank_keeps_its_spacing_style(seed: str) -> None:
    def edit(doc: Document) -> None:
        assert doc.score is not None and doc.valuation is not None
        doc.score.industry_rank = Rank(3, 32)
        doc.valuation["PB"].industry_rank = "9/32"

    assert diff(seed, edited(seed, edit)) == (
        ["| Industry Ranking | 20 / 32 |", "| PB | 3.89 | 13/32 | 4.89 | 4.30 | 3.77 |"],
        ["| Industry Ranking | 3 / 32 |", "| PB | 3.89 | 9/32 | 4.89 | 4.30 | 3.77 |"],
    )


# -- rows added and removed ------------------------------------------------------------------------------


def test_add_and_remove_a_peer(seed: str) -> None:
    def edit(doc: Document) -> None:
        doc.peers.pop(1)
        doc.peers.append(Peer(6, "Nimbus Data", "NMBS.US", "B", "C", "C", "B", "A", "B"))

    assert diff(seed, edited(seed, edit)) == (
        ["| 02 | Shopify  (SHOP.US) | B | B | B | A | B | B |"],
        ["| 06 | Nimbus Data (NMBS.US) | B | C | C | B | A | B |"],
    )


def test_add_an_analyst_rating_in_the_tables_style(seed: str) -> None:
    def edit(doc: Document) -> None:
        assert doc.analysts is not None
        doc.analysts.ratings.append(AnalystRating("Hold", 1, Decimal(8)))

    assert diff(seed, edited(seed, edit)) == ([], ["| Hold | 1 | 8% |"])


def test_add_and_remove_a_valuation_metric(seed: str) -> None:
    def edit(doc: Document) -> None:
        assert doc.valuation is not None
        doc.valuation.rows.insert(1, ValuationRow("EV/EBITDA", Decimal("12.30"), "5/32"))
        doc.valuation.rows.remove(doc.valuation["Dividend Yield"])

    out = edited(seed, edit)
    assert diff(seed, out) == (
        ["| Dividend Yield | 0.00% | - | - | - | - |"],
        ["| EV/EBITDA | 12.30 | 5/32 | - | - | - |"],
    )
    lines = out.splitlines()
    assert lines[lines.index("| PE (TTM) | -39.44 | 23/32 | - | - | - |") + 1].startswith("| EV/EBITDA |")


def test_add_an_indicator_with_its_chart_entry(seed: str) -> None:
    def edit(doc: Document) -> None:
        assert doc.score is not None
        doc.score.groups[1].indicators.append(Indicator("Employees", Decimal(11200)))

    removed, added = diff(seed, edited(seed, edit))
    assert removed == []
    # The JSON object may be aligned one way or another by the diff; the lines are these.
    assert sorted(added) == sorted(
        [
            "| Employees | 11200 |  |",
            "        },",
            "        {",
            '          "name": "Employees",',
            '          "value": "11200",',
            '          "rating": ""',
        ]
    )


def test_remove_an_indicator_with_its_chart_entry(seed: str) -> None:
    def edit(doc: Document) -> None:
        assert doc.score is not None
        doc.score.groups[2].indicators.pop()

    removed, added = diff(seed, edited(seed, edit))
    assert removed[0] == "| Gearing Ratio | 65.16% | D |"
    assert '          "name": "Gearing Ratio",' in removed
    assert added == []


# -- values and their form --------------------------------------------------------------------------------------


def test_plain_decimal_in_a_percentage_field(example: str) -> None:
    doc = symboldoc.loads(example)
    assert doc.analysts is not None
    rating = doc.analysts.ratings[0]
    rating.percentage = Decimal(70)
    assert rating.percentage == 70 and rating.percentage.text == "70%"
    fresh = AnalystRating("Sell", 1, Decimal(5))
    assert fresh.percentage is not None and fresh.percentage.text == "5%"


def test_written_form_is_kept_unless_the_value_says_otherwise() -> None:
    doc = symboldoc.loads(read_exact(FIXTURES / "older_full.md"))
    assert doc.score is not None
    cap = doc.score.groups[2]["Market Cap"]
    cap.value = Decimal("1300000000000")
    assert cap.value is not None and cap.value.text == "1.30T"  # suffix and decimals kept
    cap.value = Decimal("1234567000000")
    assert cap.value is not None and cap.value.text == "1.234567T"  # no digit rounded away
    cap.value = Number.parse("990.5B")
    assert cap.value is not None and cap.value.text == "990.5B"  # a Number says how it is written
    cap.value = "-"
    assert cap.value is None


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda doc: setattr(doc.score, "grade", "Z"), "Score.grade: expected a grade A to E or None, got 'Z'"),
        (lambda doc: setattr(doc.analysts, "total", -1), "Analysts.total: expected a whole number, zero or more"),
        (lambda doc: setattr(doc.target_price, "highest", 24.5), "TargetPrice.highest: expected a Decimal"),
        (lambda doc: setattr(doc.peers[0], "rating", "AA"), "Peer.rating: expected a grade"),
        (lambda doc: setattr(doc.score, "industry_rank", "first"), "Score.industry_rank: expected a rank"),
        (lambda doc: setattr(doc.front_matter, "datetime", datetime(2026, 1, 1)), "FrontMatter.datetime"),
    ],
)
def test_invalid_values_are_refused_at_assignment(example: str, edit: Callable[[Document], None], message: str) -> None:
    doc = symboldoc.loads(example)
    with pytest.raises(ValueError, match="^" + message.replace("(", r"\(").replace(".", r"\.")):
        edit(doc)
    assert symboldoc.dumps(doc) == example  # nothing changed


def test_structural_edit_without_a_place_in_the_text_is_an_edit_error(example: str) -> None:
    doc = symboldoc.loads(example)
    doc.page.valuation = None  # type: ignore[union-attr]
    with pytest.raises(EditError) as raised:
        symboldoc.dumps(doc)
    assert raised.value.line == example.splitlines().index("## Valuation Analysis") + 3
    assert "preserve=False" in str(raised.value)
    assert "## Valuation Analysis" not in symboldoc.dumps(doc, preserve=False)


@pytest.mark.parametrize(
    ("old", "new", "edit"),
    [
        # A setext title has no "# " line for a new title to follow.
        (
            "# Harborlight Robotics Inc. (HLRB.US)\n",
            "Harborlight Robotics Inc. (HLRB.US)\n===\n",
            lambda doc: setattr(doc.page, "title", "Harborlight Robotics Holdings (HLRB.US)"),
        ),
    ],
)
def test_a_fact_shown_where_no_edit_can_be_written_raises_an_edit_error(
    example: str, old: str, new: str, edit: Callable[[Document], None]
) -> None:
    text = example.replace(old, new, 1)
    assert text != example
    doc = symboldoc.loads(text)
    assert symboldoc.dumps(doc) == text
    edit(doc)
    with pytest.raises(EditError, match="no place"):
        symboldoc.dumps(doc)
    assert symboldoc.loads(symboldoc.dumps(doc, preserve=False)).page == doc.page


def test_a_score_note_of_two_lines_takes_a_new_datetime(example: str) -> None:
    text = example.replace("> Updated:", "> *A second line of the note.*\n> Updated:", 1)
    doc = symboldoc.loads(text)
    assert doc.score is not None and doc.score.description is not None
    assert doc.score.description.endswith("\nA second line of the note.")
    doc.score.updated = "2027-01-01T00:00:00Z"  # type: ignore[assignment]
    written = symboldoc.dumps(doc)
    assert written == text.replace("Updated: 2026-04-16T04:30:12.000Z", "Updated: 2027-01-01T00:00:00.000Z")
    assert symboldoc.loads(written).score == doc.score


def test_edit_keeps_crlf_line_endings(example: str) -> None:
    text = example.replace("\n", "\r\n")
    doc = symboldoc.loads(text)
    assert doc.target_price is not None
    doc.target_price.lowest = Decimal("4.00")
    doc.peers.append(Peer(6, "Quill Works", "QWK.US", "A", "A", "A", "A", "A", "A"))
    out = symboldoc.dumps(doc)
    assert "\n" not in out.replace("\r\n", "")
    assert out.count("\r\n") == text.count("\r\n") + 1


# -- pages written from the model alone ----------------------------------------------------------------------------


def test_seed_renders_from_the_model_alone(seed: str) -> None:
    assert symboldoc.dumps(symboldoc.loads(seed), preserve=False) == seed


@pytest.mark.parametrize("name", ["example.md", "current_full.md", "older_full.md"])
def test_own_full_pages_render_from_the_model_alone(name: str) -> None:
    text = own_pages()[name]
    assert symboldoc.dumps(symboldoc.loads(text), preserve=False) == text


def built_page() -> Document:
    fm = symboldoc.FrontMatter(
        title="Orchid Lane Labs Inc. (OLL.US)",
        type="Symbol",
        locale="en",
        url="https://longbridge.com/en/quote/OLL.US.md",
        symbol="OLL.US",
        name="Orchid Lane Labs Inc.",
        industry="Biotechnology",
        datetime=datetime(2026, 6, 1, 9, 30, tzinfo=timezone.utc),
        locales=[symboldoc.LocaleLink("en", "https://longbridge.com/en/quote/OLL.US.md")],
    )
    link = symboldoc.Link("https://orchid.example", (symboldoc.Text("orchid.example"),))
    page = symboldoc.SymbolPage(
        title="Orchid Lane Labs Inc. (OLL.US)",
        overview=symboldoc.Overview("Orchid Lane Labs makes enzyme assays.", "Biotechnology", "US Market", link),
        score=symboldoc.Score(
            grade="B",
            value=Decimal("0.31"),
            description="An illustrative score.",
            updated="2026-06-01T04:30:00.000Z",
            industry="Biotechnology",
            industry_rank="4 / 20",
            industry_median="C",
            industry_average="C",
            style=symboldoc.Classification("Growth", "Growing fast."),
            scale=symboldoc.Classification("Small", "Small and volatile."),
            groups=[
                symboldoc.IndicatorGroup("Style Score", None, "Style Score", [Indicator("Revenue YoY", "12.00%")]),
                symboldoc.IndicatorGroup("Multi Score", "B", "Multi Score", [Indicator("ROE", "8.10%", "B")]),
            ],
            chart_title="Longbridge Financial Score - Orchid Lane Labs Inc.",
        ),
        valuation=symboldoc.Valuation([ValuationRow("PE (TTM)", Decimal("21.4"), "3/20")]),
        peers=[Peer(1, "Fern Bio", "FERN.US", "A", "B", "B", "A", "C", "B")],
        analysts=symboldoc.Analysts("2026-05-30T04:00:00.000Z", 3, [AnalystRating("Buy", 3, Decimal(100))]),
        target_price=symboldoc.TargetPrice(Decimal("10.00"), Decimal("14.00"), Decimal("9.00")),
        references=[symboldoc.Link("https://longbridge.com/en/quote/OLL.US/news.md", (symboldoc.Text("News"),))],
        disclaimer="Disclaimer: Illustrative only.",
    )
    return Document(front_matter=fm, page=page)


def test_page_built_in_code_renders_in_the_layout_and_reads_back_equal(seed: str) -> None:
    built = built_page()
    text = symboldoc.dumps(built)
    again = symboldoc.loads(text, strict=True)
    assert again.page == built.page
    assert again.front_matter == built.front_matter
    assert again.score is not None and again.score.multi_score == "B"
    # The same layout as the seed: the same lines where the seed's are not about the company.
    layout = {line for line in seed.splitlines() if line.startswith(("|--", "| ---", "## ", "### ", "> *AI"))}
    assert layout - set(text.splitlines()) == {
        "## Longbridge Financial Score™: C",  # the built page is graded B
    }


# -- random edits of random fields --------------------------------------------------------------------------------

PAGES = sorted({**own_pages(), **corpus_pages()}.items())
GRADES = st.sampled_from(["A", "B", "C", "D", "E"])
AMOUNTS = st.decimals(min_value=-1000, max_value=1000, places=2, allow_nan=False, allow_infinity=False)


def number_text(value: Any) -> str:
    return "-" if value is None else value.text


@st.composite
def edits(draw: st.DrawFn, doc: Document) -> list[tuple[str, Callable[[], None], list[str]]]:
    """Edits that apply to ``doc``: a name, the edit, and the texts that mark the lines holding the fact."""
    options: list[tuple[str, Callable[[], None], list[str]]] = []
    score, valuation, analysts, targets = doc.score, doc.valuation, doc.analysts, doc.target_price
    if score is not None and score.grade is not None:
        grade = draw(GRADES)
        options.append(("grade", lambda: setattr(score, "grade", grade), [f"{score.grade} ("]))
        options[-1][2].append(f": {score.grade}")
    if score is not None and score.value is not None:
        value = draw(AMOUNTS)
        options.append(("value", lambda: setattr(score, "value", value), [f"({score.value.text})"]))
    if score is not None:
        for number, group in enumerate(score.groups):
            for indicator in group.indicators:
                amount, rating = draw(AMOUNTS), draw(st.one_of(st.none(), GRADES))
                marks = [f"| {indicator.name} |", f'"{number_text(indicator.value)}"', f'"{indicator.rating or ""}"']

                def change(indicator: Indicator = indicator, amount: Decimal = amount, rating: Any = rating) -> None:
                    indicator.value, indicator.rating = amount, rating

                options.append((f"indicator {number} {indicator.name}", change, marks))
    if valuation is not None:
        for row in valuation.rows:
            amount = draw(st.one_of(st.none(), AMOUNTS))
            change = lambda row=row, a=amount: setattr(row, "median", a)  # noqa: E731
            options.append((f"valuation {row.metric}", change, [f"| {row.metric} |"]))
    for peer in doc.peers:
        grade = draw(GRADES)
        change = lambda peer=peer, g=grade: setattr(peer, "cash", g)  # noqa: E731
        options.append((f"peer {peer.name}", change, [f"| {peer.rank:02d} |"]))
    if doc.peers:
        options.append(("peer removed", doc.peers.pop, [f"| {doc.peers[-1].rank:02d} |"]))
        new = Peer(9, "Added Co", "ADD.US", "A", "B", "C", "D", "E", "A")
        options.append(("peer added", lambda: doc.peers.append(new), []))
    if analysts is not None and analysts.total is not None:
        total = draw(st.integers(0, 500))
        options.append(("total", lambda: setattr(analysts, "total", total), [f"**{analysts.total}**"]))
    if targets is not None and targets.highest is not None:
        price = draw(AMOUNTS)
        options.append(("highest", lambda: setattr(targets, "highest", price), [f"| {targets.highest.text} |"]))
    fm = doc.front_matter
    if fm is not None and fm.industry is not None:
        industry = draw(st.text(st.characters(categories=["L", "N"]), min_size=1, max_size=12))
        options.append(("fm industry", lambda: setattr(fm, "industry", industry), ["industry:"]))
    if not options:
        return []
    return draw(st.lists(st.sampled_from(options), min_size=1, max_size=4, unique_by=lambda option: option[0]))


@settings(max_examples=150)
@given(st.data())
def test_random_edits_read_back_and_touch_only_their_lines(data: st.DataObject) -> None:
    name, text = data.draw(st.sampled_from(PAGES))
    doc = symboldoc.loads(text)
    chosen = data.draw(edits(doc))
    for _, change, _ in chosen:
        change()
    out = symboldoc.dumps(doc)
    again = symboldoc.loads(out)
    assert again.page == doc.page
    assert again.front_matter == doc.front_matter
    removed, _ = diff(text, out)
    marks = [mark for _, _, fact_marks in chosen for mark in fact_marks]
    for line in removed:
        assert any(mark in line for mark in marks), f"{name}: {line!r} changed, but holds none of {marks}"
    assert len(removed) <= 6 * len(chosen)
