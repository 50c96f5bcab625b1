"""Copies, pickles and load_many results: each a document of its own, edited with the same minimal diffs."""

from __future__ import annotations

import copy
import pickle
import random
import subprocess
import sys
import threading
from collections.abc import Callable
from datetime import datetime, timezone
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import symboldoc
from symboldoc import AnalystRating, Document, EditError, Peer, ValuationRow
from symboldoc._document import edit_bindings, read_whole
from symboldoc._kinds import kind_named
from symboldoc._travel import BindingsToMake, light

from .pages import FIXTURES, corpus_pages, own_pages
from .strategies import documents
from .test_snapshots import _reorder as reorder
from .test_snapshots import any_documents, quote_edits


def edit_figures(doc: Document) -> None:
    """Edits across every kind of binding: spans of text, keyed tables, rows, lists, the chart, the front matter."""
    if doc.kind != "quote":
        edit_other_kind(doc)
        return
    assert doc.front_matter is not None and doc.score is not None and doc.target_price is not None
    doc.front_matter.industry = "Edited industry"
    doc.front_matter.extra = {**doc.front_matter.extra, "note": "added"}
    doc.score.grade = "A"
    doc.score.updated = datetime(2026, 6, 1, 8, 0, tzinfo=timezone.utc)
    doc.score.groups[-1].indicators[0].value = Decimal("1.25")
    doc.target_price.highest = Decimal("99.50")
    if doc.valuation is not None and doc.valuation.rows:
        doc.valuation.rows[0].current = Decimal("7.7")
        doc.valuation.rows.append(ValuationRow("Added Metric", Decimal("1.00")))
    if doc.peers:
        doc.peers[0].rating = "E"
        del doc.peers[-1]
        doc.peers.append(Peer(9, "Added Peer", "ADD.US", rating="B"))
    if doc.analysts is not None and doc.analysts.ratings:
        doc.analysts.ratings[0].count = 42
        doc.analysts.ratings.append(AnalystRating("Added", 1, Decimal("5")))
    doc.references.pop()


def edit_other_kind(doc: Document) -> None:
    """Edits of a news or topic page: its title, a front matter key it keeps, its lists, an article's body."""
    page = doc.page
    assert doc.front_matter is not None and page is not None
    doc.front_matter.extra = {**doc.front_matter.extra, "note": "added"}
    page.title = "Edited title"
    if isinstance(page, symboldoc.TopicPage):
        page.description = "Edited question?"
        page.related.append(symboldoc.Symbol("ADD.US"))
        page.comments[0].text = "Edited *comment*"
        del page.comments[-1]
        page.comments_count = 7
    elif isinstance(page, symboldoc.NewsIndex):
        page.items[0].summary = "Edited, see [ADD.US](https://longbridge.com/en/quote/ADD.US.md)"
        page.items.append(symboldoc.NewsItem("Added item", "https://longbridge.com/en/news/1.md"))
    elif isinstance(page, symboldoc.NewsArticle):
        page.description = "Edited description"
        page.body = "Edited body with [ADD.US](https://longbridge.com/en/quote/ADD.US.md).\n\nA second paragraph."


def copies() -> dict[str, Callable[[Document], Document]]:
    return {
        "copy.copy": copy.copy,
        "copy.deepcopy": copy.deepcopy,
        "pickle": lambda doc: pickle.loads(pickle.dumps(doc)),
        "pickle, protocol 2": lambda doc: pickle.loads(pickle.dumps(doc, protocol=2)),
    }


def graded_a(text: str) -> str:
    """What ``dumps`` gives for ``text`` read and its score's grade set to A."""
    expected = symboldoc.loads(text)
    assert expected.score is not None
    expected.score.grade = "A"
    return symboldoc.dumps(expected)


EDITABLE = {name: text for name, text in own_pages().items() if "cut" not in name}


@pytest.mark.parametrize("page", sorted(EDITABLE))
@pytest.mark.parametrize("how", sorted(copies()))
def test_a_copy_is_edited_as_the_original_is(page: str, how: str) -> None:
    text = EDITABLE[page]
    original = symboldoc.loads(text)
    twin = copies()[how](original)
    assert twin is not original and twin.page is not original.page and twin.front_matter is not original.front_matter
    assert symboldoc.dumps(twin) == text

    edit_figures(twin)
    expected = symboldoc.loads(text)
    edit_figures(expected)
    assert symboldoc.dumps(twin) == symboldoc.dumps(expected)
    assert symboldoc.dumps(original) == text, "the original is untouched by edits to its copy"
    assert symboldoc.loads(symboldoc.dumps(twin)).page == twin.page


@pytest.mark.parametrize("how", sorted(copies()))
def test_a_copy_of_an_edited_document_keeps_the_edit_and_can_take_more(how: str, example: str) -> None:
    original = symboldoc.loads(example)
    assert original.score is not None
    original.score.grade = "E"
    twin = copies()[how](original)
    assert symboldoc.dumps(twin) == symboldoc.dumps(original)
    assert twin.target_price is not None
    twin.target_price.lowest = Decimal("1.11")
    assert "| Lowest Target | 1.11 |" in symboldoc.dumps(twin)
    assert "| Lowest Target | 1.11 |" not in symboldoc.dumps(original)


@pytest.mark.parametrize("page", sorted(EDITABLE))
@pytest.mark.parametrize("how", sorted(copies()))
def test_a_copy_made_after_edits_writes_them_as_the_original_does(page: str, how: str) -> None:
    # A copy makes most of its bindings again from the text, and takes again each view of the
    # others the document still shows: edits made before the copy must survive it.
    original = symboldoc.loads(EDITABLE[page])
    edit_figures(original)
    twin = copies()[how](original)
    assert twin.page == original.page and twin.front_matter == original.front_matter
    assert symboldoc.dumps(twin) == symboldoc.dumps(original)
    assert symboldoc.dumps(copies()[how](twin)) == symboldoc.dumps(original)


@attrs.define
class FetchedDocument(Document):
    """A user's document that remembers where it came from."""

    source: str = ""


@pytest.mark.parametrize("how", sorted(copies()))
def test_a_subclass_of_document_keeps_its_class_and_fields(how: str, example: str) -> None:
    read = symboldoc.loads(example)
    fields = {field.alias: getattr(read, field.name) for field in attrs.fields(Document)}
    fetched = FetchedDocument(**fields, source="archive/HLRB.US.md")
    twin = copies()[how](fetched)
    assert type(twin) is FetchedDocument and twin.source == "archive/HLRB.US.md"
    assert twin.score is not None
    twin.score.grade = "A"
    assert symboldoc.dumps(twin) == graded_a(example)


@pytest.mark.parametrize("how", sorted(copies()))
def test_a_model_no_view_can_look_at_still_copies(how: str, example: str) -> None:
    doc = symboldoc.loads(example)
    assert doc.valuation is not None
    doc.valuation.rows = None  # type: ignore[assignment]  # not a list: no view of the rows can be taken
    twin = copies()[how](doc)
    assert twin.valuation is not None and twin.valuation.rows is None

    assert _written(twin) == _written(doc) == EditError
    with pytest.raises(EditError, match=r"doc\.valuation.*another type"):
        symboldoc.dumps(twin)


def _written(document: Document) -> object:
    """What ``dumps`` gives for ``document``: its text, or the kind of error it raises."""
    try:
        return symboldoc.dumps(document)
    except Exception as error:  # whatever the original raises, the copy must raise
        return type(error)


@given(documents(), st.data(), st.sampled_from(sorted(copies())), st.randoms(use_true_random=False))
def test_a_copy_of_a_page_edited_anyhow_writes_what_the_original_writes(
    doc: Document, data: st.DataObject, how: str, rng: random.Random
) -> None:
    # Pages full of markdown syntax, read from their text (so they have edit bindings), then one to three
    # edits (leaves set, items added and removed, front matter extra) and half the time their lists
    # reordered: a copy holds and writes what the original does, and takes edits of its own alike.
    edited = symboldoc.loads(symboldoc.dumps(doc))
    data.draw(quote_edits(edited))
    if rng.random() < 0.5:
        reorder(edited, rng)
    twin = copies()[how](edited)
    assert twin.page == edited.page and twin.front_matter == edited.front_matter
    assert _written(twin) == _written(edited)
    if edited.score is not None:
        assert twin.score is not None
        twin.score.grade = edited.score.grade = "E" if edited.score.grade != "E" else "A"
        assert _written(twin) == _written(edited)


@given(any_documents, st.randoms(use_true_random=False), st.sampled_from(sorted(copies())))
def test_a_copy_of_a_page_of_any_kind_reordered_writes_what_the_original_writes(
    doc: Document, rng: random.Random, how: str
) -> None:
    edited = symboldoc.loads(symboldoc.dumps(doc))
    reorder(edited, rng)
    if edited.front_matter is not None:
        edited.front_matter.extra = {**edited.front_matter.extra, "note": "[a](b) *c* | d"}
    twin = copies()[how](edited)
    assert twin.page == edited.page and twin.front_matter == edited.front_matter
    assert _written(twin) == _written(edited)


def test_a_copy_refuses_what_the_original_refuses(example: str) -> None:
    twin = copy.deepcopy(symboldoc.loads(example))
    assert twin.score is not None
    twin.score.groups.append(symboldoc.IndicatorGroup("New Group"))
    with pytest.raises(EditError):
        symboldoc.dumps(twin)


@pytest.mark.parametrize("name", sorted(corpus_pages()))
def test_every_corpus_page_copies_and_pickles_exactly(name: str) -> None:
    text = corpus_pages()[name]
    doc = symboldoc.loads(text)
    for how in copies().values():
        twin = how(doc)
        assert symboldoc.dumps(twin) == text
        assert twin.page == doc.page and twin.warnings == doc.warnings


PICKLE_ELSEWHERE = """
import pickle, sys
import symboldoc
sys.stdout.buffer.write(pickle.dumps(symboldoc.load(sys.argv[1])))
"""


@pytest.mark.parametrize("seed", ["0", "12345"])
def test_a_document_pickled_by_another_process_with_other_hashes_edits_exactly(seed: str) -> None:
    """String hashes differ between processes; what a document keeps to find its edits must not depend on them."""
    path = FIXTURES / "current_full.md"
    env = {"PYTHONHASHSEED": seed, "PATH": ""}
    done = subprocess.run([sys.executable, "-c", PICKLE_ELSEWHERE, str(path)], capture_output=True, check=True, env=env)
    text = path.read_bytes().decode()
    twin = pickle.loads(done.stdout)
    assert symboldoc.dumps(twin) == text
    edit_figures(twin)
    expected = symboldoc.loads(text)
    edit_figures(expected)
    assert symboldoc.dumps(twin) == symboldoc.dumps(expected)


def test_load_many_results_are_edited_as_documents_loaded_here(tmp_path: Path) -> None:
    paths = []
    for name, text in sorted(EDITABLE.items()):
        path = tmp_path / name
        path.write_bytes(text.encode())
        paths.append(path)
    for workers in (1, 2):
        for loaded in symboldoc.load_many(paths, workers=workers):
            assert loaded.ok and isinstance(loaded.result, Document)
            text = Path(loaded.path).read_bytes().decode()
            edit_figures(loaded.result)
            expected = symboldoc.loads(text)
            edit_figures(expected)
            assert symboldoc.dumps(loaded.result) == symboldoc.dumps(expected)


@pytest.mark.parametrize("page", sorted(EDITABLE))
def test_a_copy_makes_its_bindings_from_its_text_when_first_written(page: str) -> None:
    text = EDITABLE[page]
    original = symboldoc.loads(text)
    read_whole(original)  # every section read (a pickle reads them): the bindings of the whole page
    read = edit_bindings(original)
    twin = pickle.loads(pickle.dumps(original))
    waiting = twin._bindings
    assert isinstance(waiting, BindingsToMake), "nothing is made until the bindings are needed"
    assert [binding.what for binding in read] == list(waiting.whats)
    assert [read[place].what for place, _, _ in waiting.kept] == [b.what for b in read if b.identity]
    if twin.score is not None:  # the views kept hold the copy's own objects, not the original's
        kept_objects = {id(obj) for _, _, (_, objects, _) in waiting.kept for obj in objects}
        assert id(twin.score.groups[0]) in kept_objects and id(original.score.groups[0]) not in kept_objects
    edit_figures(twin)  # edits before the bindings are made, objects of the lists replaced among them
    again = copy.deepcopy(twin)  # a copy of a copy whose bindings are still to be made
    made = edit_bindings(twin)
    assert [binding.what for binding in made] == [binding.what for binding in read]
    assert all(binding.block is twin.blocks[twin.blocks.index_at_line(binding.block.line)] for binding in made)
    expected = symboldoc.loads(text)
    edit_figures(expected)
    assert symboldoc.dumps(twin) == symboldoc.dumps(again) == symboldoc.dumps(expected)


def is_set(obj: object, name: str) -> bool:
    """Whether ``obj``'s attribute ``name`` is set (made, read), without making or reading it."""
    try:
        object.__getattribute__(obj, name)
    except AttributeError:
        return False
    return True


def sent_light(doc: Document) -> Document:
    """``doc`` as a ``load_many`` worker sends it back."""
    arrived = pickle.loads(pickle.dumps(light(doc)))
    assert isinstance(arrived, Document)
    return arrived


FIELDS = tuple(field.name for field in attrs.fields(Document))


@pytest.mark.parametrize("page", sorted(EDITABLE))
def test_a_document_sent_back_by_load_many_is_made_when_first_used(page: str) -> None:
    text = EDITABLE[page]
    original = symboldoc.loads(text)
    twin = sent_light(original)
    assert not any(is_set(twin, name) for name in FIELDS), "nothing is made before it is asked for"
    assert twin.warnings == original.warnings
    assert all(is_set(twin, name) for name in FIELDS), "asking for one field makes them all"
    assert twin.front_matter == original.front_matter and twin.blocks == original.blocks
    assert repr(twin) == repr(original) and twin.kind == original.kind
    assert twin.page == original.page and twin == original
    assert symboldoc.dumps(twin) == text
    assert not hasattr(twin, "no_such_field")
    edit_figures(twin)
    expected = symboldoc.loads(text)
    edit_figures(expected)
    assert symboldoc.dumps(twin) == symboldoc.dumps(expected)


@pytest.mark.parametrize("name", ["blocks", "sections", "tables", "score", "kind", "symbol", "page"])
def test_anything_asked_of_a_document_sent_back_makes_it(name: str, example: str) -> None:
    original = symboldoc.loads(example)
    twin = sent_light(original)
    assert getattr(twin, name) == getattr(original, name)
    assert all(is_set(twin, field) for field in FIELDS)


def test_a_field_set_before_a_document_sent_back_is_made_stays_set(example: str) -> None:
    twin = sent_light(symboldoc.loads(example))
    twin.warnings = ()
    assert all(is_set(twin, name) for name in FIELDS), "assigning makes the document first, then sets the value"
    twin.final_newline = not symboldoc.loads(example).final_newline
    assert twin.warnings == () and twin.front_matter == symboldoc.loads(example).front_matter
    assert twin.final_newline is not symboldoc.loads(example).final_newline, "kept, not replaced by the one sent"


def test_a_field_deleted_before_a_document_sent_back_is_made_stays_deleted(example: str) -> None:
    twin = sent_light(symboldoc.loads(example))
    del twin.warnings
    with pytest.raises(AttributeError):
        twin.warnings  # noqa: B018 - as on a document loaded here
    assert twin.front_matter == symboldoc.loads(example).front_matter


def test_bindings_set_before_a_document_sent_back_is_made_stay_set(example: str) -> None:
    twin = sent_light(symboldoc.loads(example))
    expected = symboldoc.loads(example)
    twin._bindings = expected._bindings = ()  # a document that binds nothing: dumps writes it from its model
    edit_figures(twin)
    edit_figures(expected)
    assert twin._bindings == () and symboldoc.dumps(twin) == symboldoc.dumps(expected)


@pytest.mark.parametrize("how", sorted(copies()))
def test_a_copy_of_a_document_sent_back_unopened_is_a_whole_document(how: str, example: str) -> None:
    twin = sent_light(symboldoc.loads(example))
    twin.front_matter.industry = "Edited before the model was made"  # type: ignore[union-attr]
    copied = copies()[how](twin)
    assert all(is_set(copied, name) for name in FIELDS) and copied == twin
    expected = symboldoc.loads(example)
    expected.front_matter.industry = "Edited before the model was made"  # type: ignore[union-attr]
    assert symboldoc.dumps(copied) == symboldoc.dumps(twin) == symboldoc.dumps(expected)


def test_a_page_given_before_the_model_is_made_stays_the_page(example: str) -> None:
    twin = sent_light(symboldoc.loads(example))
    given = symboldoc.loads(example).page
    assert isinstance(given, symboldoc.SymbolPage) and given.score is not None
    given.score.grade = "A"
    twin.page = given  # before anything made the page that was sent
    copied = copy.copy(twin)
    assert copied.page == given, "a copy takes the page given, not the one sent"
    expected = symboldoc.loads(example)
    expected.page = given
    assert twin.page is given and _written(twin) == _written(expected)  # (here, a refusal: new groups)
    twin.page = symboldoc.loads(example).page  # a page equal to the one read: nothing to write
    expected.page = symboldoc.loads(example).page
    assert _written(twin) == _written(expected)


def test_threads_asking_for_a_model_sent_back_get_one_model(example: str) -> None:
    twin = sent_light(symboldoc.loads(example))
    barrier = threading.Barrier(8)
    seen: list[object] = []

    def ask() -> None:
        barrier.wait()
        seen.append(twin.page if len(seen) % 2 else twin.blocks)

    threads = [threading.Thread(target=ask) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(seen) == 8
    assert all(found is twin.page or found is twin.blocks for found in seen), "one document, whoever asked first"
    assert twin.score is not None
    twin.score.grade = "A"
    assert symboldoc.dumps(twin) == graded_a(example)


@pytest.mark.parametrize("how", sorted(set(copies()) - {"copy.copy"}))  # a shallow copy of a tuple copies nothing
def test_objects_that_refer_into_a_model_still_do_in_a_copy(how: str, example: str) -> None:
    doc = symboldoc.loads(example)
    twin, score = copies()[how]((doc, doc.score))
    assert score is twin.score
    score.grade = "A"
    assert symboldoc.dumps(twin) == graded_a(example)


@pytest.mark.parametrize("how", sorted(copies()))
def test_a_copy_whose_blocks_were_made_a_tuple_still_writes_its_edits(how: str, example: str) -> None:
    twin = copies()[how](symboldoc.loads(example))
    twin.blocks = tuple(twin.blocks)
    twin.score.grade = "A"  # type: ignore[union-attr]
    again = copies()[how](twin)
    assert symboldoc.dumps(twin) == symboldoc.dumps(again) == graded_a(example)


@attrs.define
class WatchingDocument(Document):
    """A user's document that keeps an object of its own model at hand."""

    watched: object = None


def watching(doc: Document) -> WatchingDocument:
    """A transform that sends back a subclass of Document whose field refers into its model."""
    fields = {field.alias: getattr(doc, field.name) for field in attrs.fields(Document)}
    return WatchingDocument(**fields, watched=doc.score)


def test_load_many_sends_a_subclass_whose_fields_refer_into_its_model_whole(tmp_path: Path, example: str) -> None:
    path = tmp_path / "page.md"
    path.write_bytes(example.encode())
    for loaded in symboldoc.load_many([path, path], workers=2, transform=watching):
        doc = loaded.result
        assert isinstance(doc, WatchingDocument) and doc.watched is doc.score
        doc.watched.grade = "A"  # type: ignore[attr-defined]
        assert "Score™: A" in symboldoc.dumps(doc)


def pair_with_score(doc: Document) -> tuple[Document, object]:
    """A transform that sends a document back with an object of its model."""
    return doc, doc.score


def test_load_many_keeps_what_a_transform_sends_of_a_document_together(tmp_path: Path, example: str) -> None:
    path = tmp_path / "page.md"
    path.write_bytes(example.encode())
    for workers in (1, 2):
        for loaded in symboldoc.load_many([path, path], workers=workers, transform=pair_with_score):
            assert loaded.result is not None
            doc, score = loaded.result
            assert score is doc.score
            score.grade = "A"  # type: ignore[attr-defined]
            assert "Score™: A" in symboldoc.dumps(doc)


def test_a_process_that_registered_labels_sends_every_binding_and_reads_others_pages_with_care() -> None:
    topic = own_pages()["topic_full.md"]
    text = topic.replace('locale: "en"', 'locale: "xx-TRAVEL"').replace("## Comments (", "## Stimmen (")
    assert text != topic and symboldoc.loads(text).warnings, "a page in words this process does not know"
    sent_before = pickle.dumps(symboldoc.loads(text))
    labels = kind_named("topic").labels
    symboldoc.register_labels("topic", "xx-TRAVEL", symboldoc.TopicLabels(comments="Stimmen"))
    try:
        read_here = symboldoc.loads(text)
        assert read_here.warnings == ()
        twin = pickle.loads(pickle.dumps(read_here))
        assert isinstance(twin._bindings, tuple), "every binding travels: a reading elsewhere may not know the labels"
        assert symboldoc.dumps(twin) == text
        sent = pickle.loads(pickle.dumps(light(read_here)))
        assert sent.front_matter is not None
        sent.front_matter.extra = {**sent.front_matter.extra, "note": "edited"}  # before anything else is asked
        read_here.front_matter.extra = {**read_here.front_matter.extra, "note": "edited"}  # type: ignore[union-attr]
        assert symboldoc.dumps(sent) == symboldoc.dumps(read_here) != text
        # A document read before the labels were registered reads otherwise now: refused, saying why.
        arrived = pickle.loads(sent_before)
        with pytest.raises(EditError, match="register_labels"):
            symboldoc.dumps(arrived)
    finally:
        del labels["xx-TRAVEL"]
    assert symboldoc.dumps(twin) == text


def test_copies_share_nothing_that_can_change(example: str) -> None:
    doc = symboldoc.loads(example)
    twin = copy.copy(doc)
    assert doc.score is not None and twin.score is not None
    assert twin.score is not doc.score and twin.score.groups[0] is not doc.score.groups[0]
    twin.score.groups[0].indicators.clear()
    assert doc.score.groups[0].indicators
