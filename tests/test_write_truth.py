"""Writing never lies: every model built or edited reads back the same, or is refused with a clear error.

The invariant, for ``preserve=True`` and ``preserve=False``: ``loads(dumps(doc))``
gives back an equal front matter and an equal page, with no warning the
document did not already have; or the value is refused when it is assigned
(``ValueError`` naming the field) or at ``dumps`` (``EditError``).  The values
the strategies draw are all ones the model accepts and the layout can hold,
so for them nothing may be refused.
"""

from __future__ import annotations

import datetime
import os
import re
from collections import Counter
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import symboldoc as sd
from symboldoc._frontmatter_text import FRONT_MATTER_KEYS
from symboldoc._symbols import TITLE_SYMBOL

from .pages import own_pages, own_quote_pages
from .strategies import (
    any_texts,
    documents,
    links,
    markdown_texts,
    nonempty_texts,
    plain_texts,
    ranks,
    symbols,
    urls,
)
from .strategies import (
    datetimes as times,
)

EXAMPLES = int(os.environ.get("WRITE_TRUTH_EXAMPLES", "150"))


def reads_back(doc: sd.Document, preserve: bool) -> sd.Document:
    """``doc`` written and read again; fails the test unless it holds what ``doc`` holds."""
    text = sd.dumps(doc, preserve=preserve)
    again = sd.loads(text)
    assert again.front_matter == doc.front_matter
    assert again.page == doc.page
    before = Counter(re.sub("[0-9]+", "#", f"{problem.construct}: {problem.expected}") for problem in doc.warnings)
    after = Counter(re.sub("[0-9]+", "#", f"{problem.construct}: {problem.expected}") for problem in again.warnings)
    assert not after - before, [str(problem) for problem in again.warnings]
    return again


# -- whole pages built in code ------------------------------------------------------------------


@settings(max_examples=EXAMPLES)
@given(documents())
def test_a_page_built_in_code_reads_back(doc: sd.Document) -> None:
    reads_back(doc, preserve=False)
    reads_back(doc, preserve=True)  # without blocks, preserve writes from the model too


@settings(max_examples=EXAMPLES)
@given(documents())
def test_a_page_in_the_pages_layout_is_written_again_exactly(doc: sd.Document) -> None:
    """A page as the layout writes it (as Longbridge serves it) comes back from its model alone, byte for byte:
    its final newline, an empty section and an absent one included."""
    served = sd.dumps(doc, preserve=False)
    again = sd.loads(served)
    assert again.final_newline is doc.final_newline
    assert sd.dumps(again, preserve=False) == served


def test_an_empty_section_and_an_absent_one_are_told_apart() -> None:
    text = own_pages()["example.md"]
    start, end = text.index("| 01 | Cobaltline"), text.index("## Institutional View")
    empty = sd.loads(text[:start] + "\n" + text[end:])
    assert empty.page is not None and empty.page.peers == [] and empty.peers == []
    absent = sd.loads(text[: text.index("## Peer Comparison")] + text[end:])
    assert absent.page is not None and absent.page.peers is None and absent.peers == []
    for doc in (empty, absent):
        assert sd.dumps(doc, preserve=False) == sd.dumps(doc)
        assert sd.to_dict(sd.loads(sd.dumps(doc, preserve=False)))["page"]["peers"] == sd.to_dict(doc)["page"]["peers"]
    assert sd.to_dict(empty)["page"]["peers"] == [] and sd.to_dict(absent)["page"]["peers"] is None


@pytest.mark.parametrize("ending", ["", "\n"])
def test_the_final_newline_is_kept_when_the_page_is_written_from_its_model(ending: str) -> None:
    text = own_pages()["example.md"].rstrip("\n") + ending
    doc = sd.loads(text)
    assert doc.final_newline is bool(ending)
    assert sd.dumps(doc, preserve=False) == text


# -- edits of the fixture pages -------------------------------------------------------------------

Edit = Callable[[sd.Document], None]


def _edits() -> st.SearchStrategy[Edit]:
    """One assignment to a field of a page's front matter or typed page, with a value drawn for it."""

    def field(path: Callable[[sd.Document], Any], name: str, values: st.SearchStrategy[Any]) -> st.SearchStrategy[Edit]:
        def edit(value: Any) -> Edit:
            def apply(doc: sd.Document) -> None:
                target = path(doc)
                if target is not None:
                    setattr(target, name, value)

            apply.__qualname__ = f"set {name} = {value!r}"
            return apply

        return values.map(edit)

    def item(collection: Callable[[sd.Document], list[Any]], name: str, values: st.SearchStrategy[Any]) -> Any:
        return st.tuples(st.integers(0, 20), values).map(lambda pair: _item_edit(collection, name, pair[0], pair[1]))

    decimals = st.none() | st.decimals(
        allow_nan=False, allow_infinity=False, places=2, min_value=-(10**9), max_value=10**9
    )
    grades = st.sampled_from(["A", "B", "C", "D", "E", None])
    return st.one_of(
        # A title naming another symbol than the front matter's reads with a warning: refused, so not drawn.
        field(lambda doc: doc.page, "title", st.none() | plain_texts.filter(lambda t: not TITLE_SYMBOL.search(t))),
        field(lambda doc: doc.overview, "description", st.none() | markdown_texts()),
        field(lambda doc: doc.overview, "industry", st.none() | nonempty_texts),
        field(lambda doc: doc.overview, "exchange", st.none() | nonempty_texts),
        field(lambda doc: doc.score, "description", st.none() | markdown_texts(blank_lines=False)),
        field(lambda doc: doc.score, "industry", st.none() | plain_texts),
        field(lambda doc: doc.score, "grade", grades),
        field(lambda doc: doc.score, "value", decimals),
        field(lambda doc: doc.score, "multi_score", grades),
        field(lambda doc: doc.score and doc.score.style, "name", nonempty_texts),
        field(lambda doc: doc.score and doc.score.style, "description", st.none() | nonempty_texts),
        field(lambda doc: doc.analysts, "as_of", st.none() | st.datetimes(timezones=st.just(datetime.timezone.utc))),
        field(lambda doc: doc.analysts, "total", st.none() | st.integers(0, 999)),
        field(lambda doc: doc.target_price, "highest", decimals),
        field(lambda doc: doc.page, "disclaimer", nonempty_texts),
        item(lambda doc: doc.peers, "name", plain_texts),
        item(lambda doc: doc.peers, "rating", grades),
        item(lambda doc: doc.valuation.rows if doc.valuation else [], "metric", plain_texts),
        item(lambda doc: doc.valuation.rows if doc.valuation else [], "median", decimals),
        item(lambda doc: doc.analysts.ratings if doc.analysts else [], "rating", plain_texts),
        item(
            lambda doc: [i for g in (doc.score.groups if doc.score else []) for i in g.indicators], "name", plain_texts
        ),
        item(lambda doc: [i for g in (doc.score.groups if doc.score else []) for i in g.indicators], "value", decimals),
        # The front matter: any text YAML holds (its type and symbol change what the page is: see change_symbol).
        field(lambda doc: doc.front_matter, "title", st.none() | any_texts),
        field(lambda doc: doc.front_matter, "name", st.none() | any_texts),
        field(lambda doc: doc.front_matter, "industry", st.none() | any_texts),
        field(lambda doc: doc.front_matter, "url", st.none() | urls),
        field(lambda doc: doc.front_matter, "locale", st.none() | st.sampled_from(["en", "zh-CN", "zh-HK"])),
        field(lambda doc: doc.front_matter, "datetime", times),
        field(lambda doc: doc.front_matter, "locales", st.lists(st.builds(sd.LocaleLink, any_texts, urls), max_size=3)),
        st.tuples(any_texts.filter(_extra_key), st.one_of(any_texts, st.integers(), decimals, st.booleans())).map(
            _extra_edit
        ),
        symbols.map(_symbol_edit),
        # More of the page.
        field(lambda doc: doc.page, "supported_languages", st.lists(links, max_size=3)),
        field(lambda doc: doc.page, "references", st.lists(links, max_size=3)),
        field(lambda doc: doc.page, "key_drivers", st.lists(nonempty_texts, max_size=3)),
        field(lambda doc: doc.overview, "website", st.none() | links),
        field(lambda doc: doc.score, "updated", times),
        field(lambda doc: doc.score, "industry_rank", ranks),
        field(lambda doc: doc.score, "industry_median", grades),
        field(lambda doc: doc.score, "industry_average", grades),
        field(_current_score, "chart_title", plain_texts),  # the older layout has no chart
        field(lambda doc: doc.score and doc.score.scale, "name", nonempty_texts),
        field(lambda doc: doc.target_price, "current", decimals),
        field(lambda doc: doc.target_price, "lowest", decimals),
        item(lambda doc: doc.score.groups if doc.score else [], "grade", grades),
        item(lambda doc: doc.peers, "rank", st.integers(0, 120)),
        item(lambda doc: doc.peers, "symbol", st.none() | symbols),
        item(lambda doc: doc.peers, "profit", grades),
        item(lambda doc: doc.valuation.rows if doc.valuation else [], "current", decimals),
        item(lambda doc: doc.valuation.rows if doc.valuation else [], "industry_rank", ranks),
        item(lambda doc: doc.analysts.ratings if doc.analysts else [], "count", st.none() | st.integers(0, 99)),
        item(lambda doc: doc.analysts.ratings if doc.analysts else [], "percentage", decimals),
    )


def _current_score(doc: sd.Document) -> sd.Score | None:
    return doc.score if doc.front_matter is not None and doc.front_matter.type != "quote" else None


def _extra_key(key: str) -> bool:
    return key not in FRONT_MATTER_KEYS


def _extra_edit(pair: tuple[str, Any]) -> Edit:
    def apply(doc: sd.Document) -> None:
        if doc.front_matter is not None:
            doc.front_matter.extra[pair[0]] = pair[1]

    apply.__qualname__ = f"set extra[{pair[0]!r}] = {pair[1]!r}"
    return apply


def _symbol_edit(symbol: sd.Symbol) -> Edit:
    def apply(doc: sd.Document) -> None:
        if doc.symbol is not None:
            doc.change_symbol(symbol)

    apply.__qualname__ = f"change_symbol({symbol!r})"
    return apply


def _item_edit(collection: Callable[[sd.Document], list[Any]], name: str, index: int, value: Any) -> Edit:
    def apply(doc: sd.Document) -> None:
        items = collection(doc)
        if items:
            setattr(items[index % len(items)], name, value)

    apply.__qualname__ = f"set item {index}.{name} = {value!r}"
    return apply


PAGES = own_quote_pages()  # news and topic pages: test_kinds_write_truth


@settings(max_examples=EXAMPLES)
@given(st.sampled_from(sorted(PAGES)), st.lists(_edits(), min_size=1, max_size=4), st.booleans())
def test_an_edited_page_reads_back(name: str, edits: list[Edit], preserve: bool) -> None:
    doc = sd.loads(PAGES[name])
    for edit in edits:
        edit(doc)
    try:
        reads_back(doc, preserve)
    except sd.EditError as error:
        # preserve=True may refuse a change of the page's shape (a section added or taken away):
        # that is written with preserve=False, which must take it.
        assert preserve, error
        assert "preserve=False" in str(error), error
        reads_back(doc, preserve=False)


def test_change_symbol_moves_the_page_everywhere_it_names_itself() -> None:
    text = own_pages()["example.md"]
    doc = sd.loads(text)
    doc.change_symbol("hlrx.us")  # read as a symbol: upper case
    written = sd.dumps(doc)
    changed = [line for line in written.splitlines() if line not in text.splitlines()]
    assert len(changed) == 11 and all("HLRX.US" in line for line in changed)
    assert "HLRB.US" not in written
    again = reads_back(doc, preserve=True)
    assert again.symbol == "HLRX.US" and [peer.symbol for peer in again.peers] == [peer.symbol for peer in doc.peers]
    reads_back(doc, preserve=False)


def test_change_symbol_needs_a_symbol_and_a_page_that_names_one() -> None:
    doc = sd.loads(own_pages()["example.md"])
    with pytest.raises(ValueError, match=r"not a symbol CODE\.MARKET"):
        doc.change_symbol("not a symbol")
    assert doc.symbol == "HLRB.US"
    with pytest.raises(ValueError, match="names no symbol of its own"):
        sd.loads("# A page\n").change_symbol("HLRX.US")


def test_front_matter_symbol_alone_is_refused_at_dumps() -> None:
    doc = sd.loads(own_pages()["example.md"])
    assert doc.front_matter is not None
    doc.front_matter.symbol = "HLRX.US"
    with pytest.raises(sd.EditError, match=r"new warning: .*title: expected the symbol HLRX\.US"):
        sd.dumps(doc)


# -- the defects issue 12 found from outside, one regression test each ---------------------------------


def _example() -> sd.Document:
    return sd.loads(own_pages()["example.md"])


@pytest.mark.parametrize("field", ["peer name", "indicator name", "valuation metric", "analyst rating"])
def test_a_line_break_in_a_row_text_is_refused_and_the_row_kept(field: str) -> None:
    doc = _example()
    assert doc.score is not None and doc.valuation is not None and doc.analysts is not None
    target, name = {
        "peer name": (doc.peers[0], "name"),
        "indicator name": (doc.score.groups[2].indicators[0], "name"),
        "valuation metric": (doc.valuation[0], "metric"),
        "analyst rating": (doc.analysts.ratings[0], "rating"),
    }[field]
    before = getattr(target, name)
    with pytest.raises(ValueError, match="line break at index 1, which a one-line field cannot hold"):
        setattr(target, name, "X\n## Peer Comparison")
    assert getattr(target, name) == before
    assert sd.dumps(doc) == own_pages()["example.md"]


@pytest.mark.parametrize(
    ("place", "value"),
    [
        ("overview.description", "## Peer Comparison"),
        ("overview.description", "```\ncode\n```"),
        ("overview.description", "- a list\n> a quote\n| a | b |\n|---|---|"),
        ("score.description", "**Note**: new"),
        ("score.description", ""),
        ("score.description", "Updated: 2020-01-01T00:00:00Z"),
        ("score.style.name", "Val - ue"),
        ("score.industry", "**Machinery** & [tools](x)"),
        ("page.disclaimer", "Not advice, *really*"),
        ("page.title", "# C# #"),
    ],
)
@pytest.mark.parametrize("preserve", [True, False])
def test_markdown_in_a_field_reads_back_as_given(place: str, value: str, preserve: bool) -> None:
    doc = _example()
    owner_path, name = place.rsplit(".", 1)
    owner: Any = doc
    for part in owner_path.split("."):
        owner = getattr(owner, part)
    setattr(owner, name, value)
    again = reads_back(doc, preserve)
    owner = again
    for part in owner_path.split("."):
        owner = getattr(owner, part)
    assert getattr(owner, name) == value


def test_four_spaces_of_code_are_refused_as_blanks_the_page_does_not_keep() -> None:
    doc = _example()
    assert doc.overview is not None
    with pytest.raises(ValueError, match=r"Overview\.description: '    code' has blanks at the start or the end"):
        doc.overview.description = "    code"


@pytest.mark.parametrize("preserve", [True, False])
def test_links_with_brackets_and_parentheses_read_back(preserve: bool) -> None:
    doc = _example()
    assert doc.page is not None and doc.page.references is not None and doc.front_matter is not None
    doc.page.references[0] = sd.Link("https://x.example/a_(b))", (sd.Text("A]B [c]"),))
    doc.front_matter.locales = (sd.LocaleLink("en", "https://x.example/q (1).md"), sd.LocaleLink("de", "a)b"))
    again = reads_back(doc, preserve)
    assert again.references[0].text == "A]B [c]" and again.references[0].url == "https://x.example/a_(b))"


@pytest.mark.parametrize("preserve", [True, False])
def test_front_matter_extra_keys_and_values_read_back_or_are_refused(preserve: bool) -> None:
    import datetime as dt

    doc = _example()
    assert doc.front_matter is not None
    doc.front_matter.extra["a: b"] = "x: y # z"
    doc.front_matter.extra["day"] = dt.date(2026, 4, 16)
    doc.front_matter.extra["tags"] = ["a", "b: c", 3]
    doc.front_matter.extra["odd"] = "\x85\u2028\x7f"
    reads_back(doc, preserve)
    doc.front_matter.extra["object"] = object()
    with pytest.raises(sd.EditError, match=r"FrontMatter\.extra\['object'\]: <object object at .*> cannot be written"):
        sd.dumps(doc, preserve=preserve)


@pytest.mark.parametrize(
    ("edit", "gone"),
    [
        (lambda doc: setattr(doc.score, "industry", None), "**Industry**:"),
        (lambda doc: setattr(doc.analysts, "as_of", None), "> As of"),
    ],
)
def test_none_takes_the_fact_away_rather_than_writing_it_empty(edit: Edit, gone: str) -> None:
    doc = _example()
    edit(doc)
    written = sd.dumps(doc)
    assert gone not in written
    reads_back(doc, preserve=True)


def test_none_in_a_table_cell_is_written_as_the_tables_dash() -> None:
    doc = _example()
    assert doc.overview is not None
    doc.overview.industry = None
    assert "| Industry | - |" in sd.dumps(doc)
    assert reads_back(doc, preserve=True).overview.industry is None  # type: ignore[union-attr]


def test_a_peer_without_a_symbol_is_written_and_read_without_a_warning() -> None:
    doc = _example()
    doc.peers[0].symbol = None
    doc.peers[1].symbol = None
    doc.peers[1].name = "Tidewater (Marine)"
    again = reads_back(doc, preserve=True)
    assert again.peers[0].symbol is None and again.peers[1].name == "Tidewater (Marine)"
    reads_back(doc, preserve=False)


def test_a_page_built_without_references_keeps_its_disclaimer() -> None:
    doc = sd.Document(
        front_matter=sd.FrontMatter(type="Symbol", symbol="OLL.US"),
        page=sd.SymbolPage(title="Orchid Lane Labs (OLL.US)", target_price=sd.TargetPrice(), disclaimer="Not advice."),
    )
    again = reads_back(doc, preserve=False)
    assert again.disclaimer == "Not advice." and again.warnings == ()


def test_multi_score_on_an_older_page_without_its_line_is_written_or_refused() -> None:
    text = own_pages()["older_full.md"]
    lines = [line for line in text.splitlines(keepends=True) if not line.startswith("**Multi Score**")]
    doc = sd.loads("".join(lines))
    assert doc.score is not None
    doc.score.multi_score = "A"
    with pytest.raises(sd.EditError):
        sd.dumps(doc)  # preserve: no line to write it on, and never silently dropped
    assert reads_back(doc, preserve=False).score.multi_score == "A"  # type: ignore[union-attr]


def test_an_indicator_edit_changes_only_its_own_text_in_the_chart() -> None:
    text = own_pages()["example.md"]
    odd = text.replace('"title": "Longbridge Financial Score - Harborlight Robotics Inc."', '"title": 5', 1)
    odd = odd.replace(
        '"rating": "C"\n        },\n        {\n          "name": "OCF YoY"',
        '"rating": "Z"\n        },\n\n        {\n          "name": "OCF YoY"',
        1,
    )
    doc = sd.loads(odd)
    assert doc.score is not None
    doc.score.group("Multi Score")["ROE"].value = Decimal("15.00")  # type: ignore[union-attr]
    written = sd.dumps(doc)
    changed = [(a, b) for a, b in zip(odd.splitlines(), written.splitlines(), strict=True) if a != b]
    assert changed == [
        ("| ROE | 14.26% | B |", "| ROE | 15.00% | B |"),
        ('          "value": "14.26%",', '          "value": "15.00%",'),
    ]


def test_a_row_appended_to_a_cut_off_table_reads_back() -> None:
    text = own_pages()["example.md"]
    for cut in (text[: text.index("| Hold | 2 | 18% |")] + "| Hold | 2 | 18%", text[: text.index("| Hold |") + 18]):
        doc = sd.loads(cut)
        assert doc.analysts is not None
        doc.analysts.ratings.append(sd.AnalystRating("Sell", 1, Decimal(9)))
        again = reads_back(doc, preserve=True)
        assert again.analysts is not None and [r.rating for r in again.analysts.ratings][-1] == "Sell"


# -- what an adversarial review found in the first version, one regression test each -----------------

EXAMPLE = own_pages()["example.md"]
OLDER = own_pages()["older_full.md"]


def test_ratings_added_where_the_page_has_no_table_for_them_are_refused_not_dropped() -> None:
    table = "| Rating | Count | Percentage |\n|--------|-------|-----------| \n| Buy | 7 | 64% |\n"
    table += "| Overweight | 2 | 18% |\n| Hold | 2 | 18% |\n"
    doc = sd.loads(EXAMPLE.replace(table, ""))
    assert doc.analysts is not None
    doc.analysts.ratings.append(sd.AnalystRating("Buy", 3, Decimal(50)))
    with pytest.raises(sd.EditError, match="preserve=False"):
        sd.dumps(doc)
    reads_back(doc, preserve=False)


def test_indicators_added_to_a_group_without_a_table_are_refused_not_dropped() -> None:
    table = "#### Revenue Score:\n\n| Indicator | Value | Rating |\n|-----------|-------|--------|\n"
    start = OLDER.index(table)
    end = OLDER.index("\n\n", start + len(table)) + 1
    doc = sd.loads(OLDER[:start] + "#### Revenue Score:\n" + OLDER[end:])
    group = doc.score.group("Revenue Score")  # type: ignore[union-attr]
    assert group is not None and group.indicators == []
    group.indicators.append(sd.Indicator("Revenue", Decimal(5)))
    with pytest.raises(sd.EditError, match="preserve=False"):
        sd.dumps(doc)


def test_no_digit_is_rounded_away_past_the_decimal_context() -> None:
    doc = sd.loads(EXAMPLE.replace("| Current Price | 42.18 |", "| Current Price | 1.00T |"))
    assert doc.target_price is not None
    exact = Decimal("1000000000000.000000000000000001")
    doc.target_price.current = exact
    assert doc.target_price.current.text == "1.000000000000000000000000000001T"  # type: ignore[union-attr]
    again = reads_back(doc, preserve=True)
    assert Decimal(again.target_price.current) == exact  # type: ignore[union-attr, arg-type]


def test_a_number_or_rank_whose_text_says_otherwise_is_refused() -> None:
    doc = _example()
    assert doc.target_price is not None and doc.score is not None
    with pytest.raises(ValueError, match=r"TargetPrice\.highest: expected a Number whose text '58\.00' reads as"):
        doc.target_price.highest = sd.Number(Decimal("99"), "58.00")
    with pytest.raises(ValueError, match=r"Score\.industry_rank: expected a Rank whose text '7 / 41' reads as"):
        doc.score.industry_rank = sd.Rank(1, 41, "7 / 41")
    doc.target_price.highest = sd.Number(Decimal("58.0"), "58.00")  # the same amount: taken
    assert sd.dumps(doc) == EXAMPLE


def test_a_front_matter_value_of_another_type_is_written_even_when_equal() -> None:
    text = EXAMPLE.replace('datetime: "', 'flag: 1\ndatetime: "', 1)
    doc = sd.loads(text)
    assert doc.front_matter is not None
    doc.front_matter.extra["flag"] = True
    written = sd.dumps(doc)
    assert "flag: true\n" in written and sd.loads(written).front_matter.extra["flag"] is True  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "row",
    [
        "| Industry | [](https://x.example) |\n",
        "| Exchange | ![](logo.png) |\n",
        "| Industry | \xa0 |\n",
        "| Website | [site](<https://a.example/&#10;b>) |\n",
        "| Website | \x00 |\n",
    ],
)
def test_reading_writes_nothing_so_it_cannot_fail_on_what_cannot_be_written(row: str) -> None:
    text = "# A (A.US)\n\n## Company Overview\n\n| Item | Detail |\n|---|---|\n" + row
    doc = sd.loads(text)
    assert sd.dumps(doc) == text
    with pytest.raises(sd.SymbolDocError):  # cut off: no disclaimer
        sd.loads(text, strict=True)


def test_a_nan_in_the_front_matter_does_not_stop_edits() -> None:
    for value in (".nan", "!!float sNaN"):
        doc = sd.loads(EXAMPLE.replace('datetime: "', f'x: {value}\ndatetime: "', 1))
        assert doc.score is not None
        doc.score.grade = "A"
        assert "Overall: A" in sd.dumps(doc)
        sd.dumps(doc, preserve=False)


def test_key_drivers_are_checked_where_they_are_written() -> None:
    doc = _example()
    assert doc.page is not None
    doc.page.key_drivers.append(None)  # type: ignore[arg-type]
    with pytest.raises(sd.EditError, match=r"SymbolPage\.key_drivers\[0\]: expected a str, got None"):
        sd.dumps(doc, preserve=False)
    doc.page.key_drivers[0] = " margins"
    with pytest.raises(sd.EditError, match=r"SymbolPage\.key_drivers\[0\]: ' margins' has blanks"):
        sd.dumps(doc, preserve=False)


def test_an_empty_text_and_a_dash_are_different_texts() -> None:
    doc = sd.loads(EXAMPLE.replace("| PE (TTM) | 33.75", "| - | 33.75"))
    assert doc.valuation is not None and doc.valuation[0].metric == "-"
    doc.valuation[0].metric = ""
    assert reads_back(doc, preserve=True).valuation[0].metric == ""  # type: ignore[union-attr]


def test_a_title_with_a_symbol_inside_it_is_plain_text() -> None:
    doc = _example()
    assert doc.page is not None
    doc.page.title = "Harborlight (HLRX.US) Robotics"
    assert reads_back(doc, preserve=True).symbol == "HLRB.US"


def test_a_description_line_that_would_make_a_table_is_escaped() -> None:
    doc = _example()
    assert doc.overview is not None
    doc.overview.description = "a | b\n--- | ---"
    assert reads_back(doc, preserve=True).overview.description == "a | b\n--- | ---"  # type: ignore[union-attr]


def test_an_edit_keeps_the_unread_cells_of_its_row() -> None:
    text = EXAMPLE.replace("| ROE | 14.26% | B |", "| ROE | 14.26 pct | B |")
    doc = sd.loads(text)
    assert doc.score is not None
    doc.score.group("Multi Score")["ROE"].rating = "A"  # type: ignore[union-attr]
    written = sd.dumps(doc)
    assert "| ROE | 14.26 pct | A |" in written
    changed = [(a, b) for a, b in zip(text.splitlines(), written.splitlines(), strict=True) if a != b]
    assert len(changed) == 2 and '"rating": "A"' in changed[1][1]  # the chart's value "14.26%" stays
    reads_back(doc, preserve=True)


def test_an_extra_key_that_yaml_would_join_to_the_entry_before_is_quoted() -> None:
    doc = _example()
    assert doc.front_matter is not None
    doc.front_matter.extra["-"] = "x"
    doc.front_matter.extra["? a"] = "y"
    assert reads_back(doc, preserve=True).front_matter.extra == {"-": "x", "? a": "y"}  # type: ignore[union-attr]


@pytest.mark.parametrize("preserve", [True, False])
def test_an_overview_value_that_is_one_of_its_labels_reads_back(preserve: bool) -> None:
    doc = _example()
    assert doc.overview is not None
    doc.overview.industry = "Website"
    doc.overview.exchange = "Location"
    again = reads_back(doc, preserve)
    assert again.overview is not None and (again.overview.industry, again.overview.exchange) == ("Website", "Location")
