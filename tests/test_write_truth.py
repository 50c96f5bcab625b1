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
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import symboldoc as sd
from symboldoc._symbols import TITLE_SYMBOL

from .pages import own_pages
from .strategies import documents, markdown_texts, nonempty_texts, plain_texts

EXAMPLES = int(os.environ.get("WRITE_TRUTH_EXAMPLES", "150"))


def reads_back(doc: sd.Document, preserve: bool) -> sd.Document:
    """``doc`` written and read again; fails the test unless it holds what ``doc`` holds."""
    text = sd.dumps(doc, preserve=preserve)
    again = sd.loads(text)
    assert again.front_matter == doc.front_matter
    assert again.page == doc.page
    before = Counter(re.sub("[0-9]+", "#", problem.message) for problem in doc.warnings)
    after = Counter(re.sub("[0-9]+", "#", problem.message) for problem in again.warnings)
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
    )


def _item_edit(collection: Callable[[sd.Document], list[Any]], name: str, index: int, value: Any) -> Edit:
    def apply(doc: sd.Document) -> None:
        items = collection(doc)
        if items:
            setattr(items[index % len(items)], name, value)

    apply.__qualname__ = f"set item {index}.{name} = {value!r}"
    return apply


PAGES = own_pages()


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
