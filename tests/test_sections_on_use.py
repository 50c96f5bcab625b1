"""A quote page's sections read on first use: whatever is asked, in whatever order, the page read at once.

The reference is the same text read with every section at once
(``read_document(..., lazy=False)``, as strict mode and the copies' new
readings read it).  A document read on use must give the same facts, the
same warnings in the same order, the same text from ``dumps`` after the
same edits (or the same error), and the same copies, whichever sections
were asked for first and whichever were never asked for.
"""

from __future__ import annotations

import copy
import pickle
import sys
import threading
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import symboldoc as sd
from symboldoc._document import edit_bindings, read_document
from symboldoc._kinds.quote.model import unread_of
from symboldoc._kinds.quote.unread import SECTIONS

from .pages import corpus_pages, own_pages
from .strategies import documents
from .test_copies import is_set
from .test_roundtrip import mutated_page

QUOTE_PAGES = sorted(
    text for text in {**own_pages(), **corpus_pages()}.values() if sd.loads(text, strict=False).kind == "quote"
)
#: Every field a section read on first use sets.
FIELDS = [name for names in SECTIONS.values() for name in names]


def _set(obj: Any, name: str, value: Any) -> None:
    setattr(obj, name, value)


#: Edits a user makes, each given the page (and the document, to replace the page); each is tried on both.
EDITS: dict[str, Callable[[sd.Document], None]] = {
    "score grade": lambda doc: _set(doc.score, "grade", "A"),
    "an indicator": lambda doc: _set(doc.score.groups[-1].indicators[0], "value", Decimal("1.25")),  # type: ignore[union-attr]
    "a group dropped": lambda doc: doc.score.groups.pop(),  # type: ignore[union-attr]
    "score removed": lambda doc: _set(doc.page, "score", None),
    "a valuation figure": lambda doc: _set(doc.valuation.rows[0], "current", Decimal("3.5")),  # type: ignore[union-attr]
    "a peer added": lambda doc: doc.peers.append(sd.Peer(rank=9, name="Added Co", symbol=sd.Symbol("ADD.US"))),
    "a peer removed": lambda doc: doc.peers.pop(),
    "analysts total": lambda doc: _set(doc.analysts, "total", 42),
    "target highest": lambda doc: _set(doc.target_price, "highest", Decimal("99.50")),
    "a reference": lambda doc: doc.references.append(sd.Link(text="More", url="https://example.com/more")),
    "a key driver": lambda doc: doc.key_drivers.append("Demand"),
    "description": lambda doc: _set(doc.overview, "description", "Written anew."),
    "title": lambda doc: _set(doc.page, "title", "Renamed Inc. (RN.US)"),
    "the page replaced": lambda doc: _set(doc, "page", attrs.evolve(doc.page, peers=[])),  # type: ignore[misc]
    "a page built anew": lambda doc: _set(doc, "page", sd.SymbolPage(title=doc.title)),
}


def _outcome(action: Callable[[], Any]) -> tuple[str, Any]:
    """What ``action`` gives, or the error it raises (its type and message), to compare two documents by."""
    try:
        return "value", action()
    except Exception as error:
        return type(error).__name__, str(error)


def assert_read_on_use_as_at_once(text: str, asked: list[str], edits: list[str], warnings_first: bool) -> None:
    on_use, at_once = sd.loads(text), read_document(text, strict=False, lazy=False)
    assert unread_of(at_once.page) is None
    if warnings_first:
        assert on_use.warnings == at_once.warnings
    for name in asked:
        assert _outcome(lambda name=name: getattr(on_use.page, name)) == _outcome(
            lambda name=name: getattr(at_once.page, name)
        )
    for name in edits:
        assert _outcome(lambda name=name: EDITS[name](on_use)) == _outcome(lambda name=name: EDITS[name](at_once))
    assert _outcome(lambda: sd.dumps(on_use)) == _outcome(lambda: sd.dumps(at_once))
    assert on_use.warnings == at_once.warnings
    assert on_use == at_once
    assert _outcome(lambda: sd.to_dict(on_use)) == _outcome(lambda: sd.to_dict(at_once))
    assert _outcome(lambda: sd.dumps(pickle.loads(pickle.dumps(on_use)))) == _outcome(lambda: sd.dumps(at_once))
    assert _outcome(lambda: sd.dumps(on_use, preserve=False)) == _outcome(lambda: sd.dumps(at_once, preserve=False))


@settings(max_examples=300)
@given(
    st.one_of(st.sampled_from(QUOTE_PAGES), mutated_page()),
    st.permutations(FIELDS).flatmap(lambda order: st.integers(0, len(order)).map(lambda n: list(order[:n]))),
    st.lists(st.sampled_from(sorted(EDITS)), max_size=3),
    st.booleans(),
)
def test_a_page_read_on_use_is_the_page_read_at_once(
    text: str, asked: list[str], edits: list[str], warnings_first: bool
) -> None:
    assert_read_on_use_as_at_once(text, asked, edits, warnings_first)


@settings(max_examples=100)
@given(
    documents(),
    st.permutations(FIELDS).flatmap(lambda order: st.integers(0, len(order)).map(lambda n: list(order[:n]))),
    st.lists(st.sampled_from(sorted(EDITS)), max_size=3),
)
def test_a_page_written_from_a_model_reads_on_use_as_at_once(
    doc: sd.Document, asked: list[str], edits: list[str]
) -> None:
    assert_read_on_use_as_at_once(sd.dumps(doc, preserve=False), asked, edits, warnings_first=False)


@pytest.mark.parametrize("text", QUOTE_PAGES[:6])
def test_loads_reads_no_section_and_a_field_reads_only_its_own(text: str) -> None:
    doc = sd.loads(text)
    unread = unread_of(doc.page)
    assert unread is not None and set(unread.waiting) <= set(SECTIONS)
    waiting = set(unread.waiting)
    unset = [name for name in FIELDS if not hasattr(type(doc.page), name) or not is_set(doc.page, name)]
    assert {section for section, names in SECTIONS.items() if set(names) & set(unset)} == waiting
    if "score" in waiting:
        doc.score  # noqa: B018 - read on first use
        assert "score" not in unread.waiting and unread.waiting.keys() == waiting - {"score"}
        assert sd.dumps(doc) == text  # the other sections not read: their blocks as they are
        assert unread.waiting.keys() == waiting - {"score"}
    assert doc.warnings == read_document(text, strict=False, lazy=False).warnings
    assert unread_of(doc.page) is None and not unread.waiting


def test_strict_mode_reads_every_section_in_loads() -> None:
    text = own_pages()["example.md"]
    doc = sd.loads(text, strict=True)
    assert unread_of(doc.page) is None and doc == read_document(text, strict=False, lazy=False)
    with pytest.raises(sd.SymbolDocError):  # the first problem of the page as a whole reading meets it
        sd.loads(text.replace("| ROE | 14.26% | B |", "| ROE | lots | B |"), strict=True)


@pytest.mark.parametrize("text", QUOTE_PAGES[:4])
def test_threads_asking_for_sections_at_once_see_the_page_read_at_once(text: str) -> None:
    expected = read_document(text, strict=False, lazy=False)
    switch = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # the test's own setting, restored below: threads switch as often as they can
    try:
        for _ in range(5):
            shared = sd.loads(text)
            seen: list[Any] = []
            barrier = threading.Barrier(len(FIELDS) + 1)

            def ask(
                name: str, shared: sd.Document = shared, barrier: threading.Barrier = barrier, seen: list[Any] = seen
            ) -> None:
                barrier.wait()
                seen.append((name, getattr(shared.page, name)))

            threads = [threading.Thread(target=ask, args=(name,)) for name in FIELDS]
            threads.append(threading.Thread(target=lambda shared=shared, b=barrier: (b.wait(), shared.warnings)))
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            assert sorted(seen, key=lambda pair: pair[0]) == sorted(
                ((name, getattr(expected.page, name)) for name in FIELDS), key=lambda pair: pair[0]
            )
            assert shared.warnings == expected.warnings and shared == expected
            assert sd.dumps(shared) == text
    finally:
        sys.setswitchinterval(switch)


def test_a_page_shared_with_another_document_reads_its_sections_for_both() -> None:
    text = own_pages()["example.md"]
    first = sd.loads(text)
    second = sd.Document(front_matter=first.front_matter, page=first.page)  # built in code around the same page
    assert second.score == read_document(text, strict=False, lazy=False).score
    assert first.warnings == read_document(text, strict=False, lazy=False).warnings
    first.score.grade = "A"  # type: ignore[union-attr]
    assert "**Overall: A (" in sd.dumps(first)  # the section's bindings are the first document's


def test_copies_read_every_section_first() -> None:
    text = own_pages()["example.md"]
    for make in (copy.copy, copy.deepcopy, lambda doc: pickle.loads(pickle.dumps(doc))):
        doc = sd.loads(text)
        twin = make(doc)
        assert unread_of(doc.page) is None and unread_of(twin.page) is None
        assert twin == doc and twin.warnings == doc.warnings
        assert [b.what for b in edit_bindings(twin)] == [b.what for b in edit_bindings(doc)]


@pytest.mark.parametrize("workers", [1, 2])
def test_load_many_gives_documents_read_whole(tmp_path: Any, workers: int) -> None:
    text = own_pages()["example.md"]
    paths = []
    for number in range(3):
        path = tmp_path / f"page-{number}.md"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    expected = read_document(text, strict=False, lazy=False)
    for loaded in sd.load_many(paths, workers=workers):
        doc = loaded.result
        assert unread_of(doc.page) is None and is_set(doc, "warnings")  # read in the worker
        assert doc == expected and sd.dumps(doc) == text


# -- what an adversarial review found in the first version, one regression test each -----------------


def test_a_document_made_from_the_fields_of_one_read_on_use_has_every_binding() -> None:
    text = own_pages()["example.md"]
    for doc in (sd.loads(text), read_document(text, strict=False, lazy=False)):
        made = attrs.evolve(doc, warnings=())  # its bindings taken from the first: every section's, read now
        made.score.grade = "A"  # type: ignore[union-attr]
        assert "**Overall: A (" in sd.dumps(made)


def test_a_field_asked_for_while_another_thread_reads_the_page_whole_is_found(monkeypatch: pytest.MonkeyPatch) -> None:
    from symboldoc import _document
    from symboldoc._kinds.quote import model

    text = own_pages()["example.md"]
    expected = read_document(text, strict=False, lazy=False)
    for module, name, ask in (
        (model, "_read_section_of", lambda doc: len(doc.page.peers)),
        (_document, "read_whole", lambda doc: doc.warnings),
    ):
        doc = sd.loads(text)
        started, whole = threading.Event(), threading.Event()
        original = getattr(module, name)

        def late(*args: Any, original: Any = original, whole: threading.Event = whole, started: Any = started) -> Any:
            if threading.current_thread().name == "late":  # its own lookup failed: the other thread reads now
                started.set()
                whole.wait(5)
            return original(*args)

        monkeypatch.setattr(module, name, late)
        seen: list[Any] = []

        def asking(doc: sd.Document = doc, ask: Any = ask, seen: list[Any] = seen) -> None:
            seen.append(_outcome(lambda: ask(doc)))

        thread = threading.Thread(target=asking, name="late")
        thread.start()
        started.wait(5)
        assert doc.warnings == expected.warnings  # every section read, the page's reading let go, meanwhile
        whole.set()
        thread.join()
        assert seen == [_outcome(lambda ask=ask: ask(expected))]
        monkeypatch.setattr(module, name, original)


def test_a_section_whose_reading_fails_is_read_again_next_time(monkeypatch: pytest.MonkeyPatch) -> None:
    from symboldoc._kinds.quote.read_score import ScoreSection

    text = own_pages()["example.md"].replace("**Overall: B", "**Overall: Z")  # a problem in the score section
    original = ScoreSection.read_score_table
    for failure in (RecursionError("deep"), AttributeError("a reader's own mistake")):
        doc, expected = sd.loads(text), read_document(text, strict=False, lazy=False)

        def failing(self: Any, *args: Any, failure: BaseException = failure) -> None:
            raise failure

        monkeypatch.setattr(ScoreSection, "read_score_table", failing)
        with pytest.raises(RecursionError if isinstance(failure, RecursionError) else RuntimeError):
            doc.score  # noqa: B018 - read on first use, and failing
        monkeypatch.setattr(ScoreSection, "read_score_table", original)
        assert doc.score == expected.score and doc.warnings == expected.warnings
        doc.score.grade = "A"  # type: ignore[union-attr]
        expected.score.grade = "A"  # type: ignore[union-attr]
        assert sd.dumps(doc) == sd.dumps(expected)


# -- what the second review found, one regression test each --------------------------------------------


def test_a_reading_that_fails_before_the_readers_run_leaves_the_section_waiting(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from symboldoc._kinds.quote import unread

    text = own_pages()["example.md"]
    doc, expected = sd.loads(text), read_document(text, strict=False, lazy=False)
    original = unread.default_of

    def once(*args: Any) -> Any:
        monkeypatch.setattr(unread, "default_of", original)
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(unread, "default_of", once)  # what a deep stack does while the section is set up
    with pytest.raises(RecursionError):
        doc.peers  # noqa: B018 - read on first use, and failing
    assert "peers" in unread_of(doc.page).waiting
    assert doc.peers == expected.peers and doc.warnings == expected.warnings


def _deep_in_a_stack(frames: int, ask: Callable[[], Any]) -> Any:
    return _deep_in_a_stack(frames - 1, ask) if frames else ask()


def _chart_nested(text: str, depth: int) -> str:
    """``text`` with a member nested ``depth`` deep in its radar chart (where no reader looks)."""
    deep = "[" * depth + "]" * depth
    return text.replace('"value": "14.26%"', f'"value": "14.26%", "x": {deep}', 1)


@pytest.mark.parametrize("depth", [59, 60, 64, 65, 970, 100_000])
def test_a_chart_reads_the_same_however_deep_in_a_stack_it_is_checked(depth: int) -> None:
    frames = sys.getrecursionlimit() - 300  # deeper than json could decode 970 levels from
    for text, nesting in (
        (_chart_nested(own_pages()["example.md"], depth), 5 + depth),  # in an indicator, five levels down
        (own_pages()["news_article.md"] + "\n```chart-data:radar\n" + "[" * depth + "]" * depth + "\n```\n", depth),
    ):
        expected = read_document(text, strict=False, lazy=False)
        too_deep = [warning for warning in expected.warnings if warning.detail == "nested too deeply"]
        assert len(too_deep) == (nesting > 64)
        doc = _deep_in_a_stack(frames, lambda text=text: sd.loads(text))  # type: ignore[misc]
        assert _deep_in_a_stack(frames, lambda doc=doc: doc.page) == expected.page  # type: ignore[misc]
        assert doc.warnings == expected.warnings


def test_a_chart_check_that_fails_leaves_the_charts_and_the_score_waiting(monkeypatch: pytest.MonkeyPatch) -> None:
    from symboldoc import _chart_checks

    text = own_pages()["example.md"].replace('"value": "14.26%"', '"value": "n/a"', 1)  # a problem of the chart's
    doc, expected = sd.loads(text), read_document(text, strict=False, lazy=False)
    assert any(warning.construct == "chart-data block" for warning in expected.warnings)
    original = _chart_checks.check_chart

    def out_of_stack(*args: Any) -> None:
        raise RecursionError("maximum recursion depth exceeded")  # what json does where the stack is nearly used up

    monkeypatch.setattr(_chart_checks, "check_chart", out_of_stack)
    with pytest.raises(RecursionError):
        doc.score  # noqa: B018 - read on first use, and failing
    unread = unread_of(doc.page)
    assert "score" in unread.waiting and unread.charts.waiting and not unread.charts.found
    monkeypatch.setattr(_chart_checks, "check_chart", original)
    assert doc.score == expected.score and doc.score.chart_title is not None  # type: ignore[union-attr]
    assert unread.charts.outlines == {}  # let go once the score is read
    assert doc.warnings == expected.warnings


def test_a_page_read_field_by_field_lets_its_blocks_go() -> None:
    text = own_pages()["example.md"]
    score = text.index("## Longbridge Financial Score")
    text = text[:score] + text[text.index("\n## ", score + 1) + 1 :]  # a page without its score, but with the chart
    text += "\n```chart-data:radar\n{}\n```\n"
    doc, expected = sd.loads(text), read_document(text, strict=False, lazy=False)
    unread = unread_of(doc.page)
    assert unread.charts.waiting
    for name in FIELDS:
        assert getattr(doc, name) == getattr(expected, name)
    assert not unread.charts.waiting and unread.charts.blocks == () and unread.blocks == ()
    assert doc.warnings == expected.warnings


def test_the_problems_of_chart_blocks_come_where_the_scan_finds_them() -> None:
    page = own_pages()["example.md"]
    broken = page.replace('"value": "14.26%"', '"value": "14.26%",,', 1)  # not JSON
    lines = broken.splitlines(keepends=True)
    fence = next(number for number, line in enumerate(lines) if line.startswith("```chart-data"))
    # a problem of the scan's before the chart and one after it, and one of the page's reading
    lines.insert(fence - 1, "| A | B |\n|---|---|\n| 1 | 2 | 3 |\n\n")
    text = "".join(lines).replace("**Overall: B", "**Overall: Z") + "\n\n| C |\n|---|\n| 1 | 2 |\n"
    expected = read_document(text, strict=False, lazy=False).warnings
    # the scan's problems first, in the page's order, the chart's among them; then the sections'
    assert [warning.construct for warning in expected[:4]] == ["table", "table", "chart-data block", "table"]
    for ask in (
        lambda doc: doc.warnings,
        lambda doc: (doc.score, doc.warnings)[1],
        lambda doc: (doc.peers, doc.warnings)[1],
    ):
        assert ask(sd.loads(text)) == expected
    with pytest.raises(sd.SymbolDocError) as raised:
        sd.loads(text, strict=True)
    assert raised.value.line == expected[0].line


def test_a_readers_attribute_error_is_no_missing_warnings(monkeypatch: pytest.MonkeyPatch) -> None:
    from symboldoc._kinds.quote.read_score import ScoreSection

    doc = sd.loads(own_pages()["example.md"])

    def mistaken(self: Any, *args: Any) -> None:
        raise AttributeError("'NoneType' object has no attribute 'grade'")

    monkeypatch.setattr(ScoreSection, "read_score_table", mistaken)
    with pytest.raises(RuntimeError, match="score section"):
        getattr(doc, "warnings", ())
    with pytest.raises(RuntimeError, match="score section"):
        pickle.dumps(doc)
