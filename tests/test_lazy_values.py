"""Table values wait as their text until first read: nothing a user sees changes; the collector has less to do."""

from __future__ import annotations

import copy
import gc
import importlib
import json
import pickle
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from pathlib import Path

import attrs
import pytest

import symboldoc
from symboldoc import AnalystRating, Indicator, Number, Peer, Rank, Symbol, ValuationRow
from symboldoc._pickling import rebuilt

from .pages import own_pages

EXAMPLE = own_pages()["example.md"]


def test_values_read_later_are_the_values_read_at_once() -> None:
    doc = symboldoc.loads(EXAMPLE)
    assert doc.valuation is not None and doc.analysts is not None and doc.score is not None
    assert doc.valuation["PE (TTM)"] == ValuationRow("PE (TTM)", Number("33.75", "33.75"), Rank(18, 41))
    assert doc.valuation["PB"] == ValuationRow(
        "PB",
        Number("4.81", "4.81"),
        Rank(27, 41),
        Number("5.62", "5.62"),
        Number("4.37", "4.37"),
        Number("3.4", "3.40"),
    )
    assert doc.peers[0] == Peer(1, "Cobaltline Automation", Symbol("CBLA.US"), "A", "B", "A", "B", "B", "A")
    assert doc.analysts.ratings[0] == AnalystRating("Buy", 7, Number("64", "64%", "%"))
    assert doc.score.group("Multi Score")["ROE"] == Indicator("ROE", Number("14.26", "14.26%", "%"), "B")  # type: ignore[index]


@pytest.mark.parametrize("name", ["example.md", "older_full.md"])
def test_a_quote_page_leaves_its_blank_lines_unmade_and_its_list_items_uncut(name: str) -> None:
    text = own_pages()[name]
    doc = symboldoc.loads(text)
    blocks = doc.blocks
    made = [block for chunk in blocks._made.values() for block in chunk if block is not None]  # type: ignore[attr-defined]
    assert made and not any(isinstance(block, symboldoc.BlankLines) for block in made)
    lists = list(blocks.of_class(symboldoc.ListBlock))  # type: ignore[attr-defined]
    kept_items = symboldoc.ListBlock.__dict__["items"]  # the slot attrs makes for the cached property
    for block in lists:
        with pytest.raises(AttributeError):
            kept_items.__get__(block)
    eager = symboldoc.loads(text)
    tuple(eager.blocks)  # every block made first: the same document, and the same text back
    assert doc == eager and symboldoc.dumps(doc) == text
    assert any(isinstance(block, symboldoc.BlankLines) for block in blocks)  # asked for: made as ever


def test_a_value_is_made_once_and_kept() -> None:
    row = symboldoc.loads(EXAMPLE).valuation["PB"]  # type: ignore[index]
    assert row.current is row.current
    assert isinstance(row.industry_rank, Rank) and row.industry_rank is row.industry_rank


WAITING = [
    ("valuation", "current", Decimal("7.77"), "7.77"),
    ("valuation", "industry_rank", "3/41", "3/41"),
    ("valuation", "low", None, "| - |"),
    ("indicator", "value", Decimal("15.5"), "15.50%"),
    ("peer", "symbol", "NEWS.US", "(NEWS.US)"),
    ("rating", "percentage", Decimal("20"), "20%"),
]


def _object(doc: symboldoc.Document, kind: str) -> object:
    assert doc.valuation is not None and doc.analysts is not None and doc.score is not None
    return {
        "valuation": doc.valuation["PB"],
        "indicator": doc.score.group("Multi Score")["ROE"],  # type: ignore[index]
        "peer": doc.peers[1],
        "rating": doc.analysts.ratings[0],
    }[kind]


@pytest.mark.parametrize(("kind", "field", "value", "shown"), WAITING)
@pytest.mark.parametrize("read_first", [False, True])
def test_a_value_set_before_or_after_it_is_read_is_written(
    kind: str, field: str, value: object, shown: str, read_first: bool
) -> None:
    doc = symboldoc.loads(EXAMPLE)
    target = _object(doc, kind)
    if read_first:
        getattr(target, field)
    setattr(target, field, value)
    written = symboldoc.dumps(doc)
    assert written != EXAMPLE and shown in written
    again = symboldoc.loads(written)
    assert again.page == doc.page
    assert getattr(_object(again, kind), field) == getattr(target, field)


def test_reading_is_no_edit_and_assigning_is() -> None:
    doc = symboldoc.loads(EXAMPLE)
    symboldoc.to_dict(doc)  # reads every value
    assert symboldoc.dumps(doc) == EXAMPLE
    rows = [*doc.valuation, *doc.peers]  # type: ignore[misc]
    assert all(row._edits == 0 for row in rows)
    row = doc.valuation["PB"]  # type: ignore[index]
    row.high = row.high  # the same value: an assignment all the same, and nothing changes in the text
    assert row._edits == 1 and symboldoc.dumps(doc) == EXAMPLE


@pytest.mark.parametrize("read", ["nothing", "some", "all"])
def test_copies_of_values_half_read_are_whole(read: str) -> None:
    doc = symboldoc.loads(EXAMPLE)
    if read == "some":
        doc.valuation["PB"].current  # type: ignore[index]  # noqa: B018
    elif read == "all":
        symboldoc.to_dict(doc)
    for twin in (copy.deepcopy(doc), pickle.loads(pickle.dumps(doc))):
        assert twin.page == symboldoc.loads(EXAMPLE).page
        twin.valuation["PB"].low = Decimal("1.01")  # type: ignore[index]
        assert "| PB | 4.81 | 27/41 | 5.62 | 4.37 | 1.01 |" in symboldoc.dumps(twin)
    assert symboldoc.dumps(doc) == EXAMPLE


@pytest.mark.parametrize("how", [copy.copy, copy.deepcopy, lambda row: pickle.loads(pickle.dumps(row))])
def test_a_copy_of_a_row_still_waiting_shares_nothing_with_it(how: object) -> None:
    # A shallow copy must not share the texts still waiting: reading a value on one side lets go of
    # its text there only.
    doc = symboldoc.loads(EXAMPLE)
    rows = [doc.peers[0], doc.valuation.rows[0], doc.analysts.ratings[0], doc.score.groups[0].indicators[0]]  # type: ignore[union-attr]
    for row in rows:
        first = next(name for name in type(row)._read_lazily if name in (row._texts or {}))
        twin = how(row)  # type: ignore[operator]
        getattr(twin, first)
        assert getattr(row, first) == getattr(twin, first)
        assert twin == row
    assert len(symboldoc.facts([doc])) == len(symboldoc.fact_rows(symboldoc.loads(EXAMPLE)))


def test_a_table_row_costs_the_collector_one_object() -> None:
    """A value waiting as text is a string, which the garbage collector never looks at; a row is one object."""
    head, _, tail = EXAMPLE.partition("| Dividend Yield |")
    rows = 3000
    page = head + "".join(f"| Metric {n} | 1.{n % 97:02d} | {n % 41}/41 | 2.34 | 1.50 | 0.90 |\n" for n in range(rows))
    page += "| Dividend Yield |" + tail
    gc.collect()
    before = len(gc.get_objects())
    doc = symboldoc.loads(page)
    gc.collect()
    tracked = len(gc.get_objects()) - before
    assert doc.valuation is not None and len(doc.valuation) == rows + 4
    assert tracked < rows + 600, f"{tracked} objects for the collector to follow, for {rows} rows"


def test_a_value_its_reader_would_refuse_is_reported_while_the_page_is_read() -> None:
    """The check made while reading and the reader used later agree: a rank of 4,301 digits is no rank."""
    text = EXAMPLE.replace("| PE (TTM) | 33.75 | 18/41 |", "| PE (TTM) | 33.75 | 1/" + "1" * 4301 + " |")
    doc = symboldoc.loads(text)
    (problem,) = doc.warnings
    assert (problem.line, problem.column, problem.expected) == (199, 21, "a rank or '-'")
    assert doc.valuation is not None and doc.valuation.rows[0].industry_rank is None
    json.dumps(symboldoc.to_dict(doc))
    assert symboldoc.dumps(copy.deepcopy(doc)) == text
    with pytest.raises(symboldoc.LayoutError):
        symboldoc.loads(text, strict=True)


def test_rows_read_and_rows_built_agree_everywhere() -> None:
    read = symboldoc.loads(EXAMPLE).valuation["PB"]  # type: ignore[index]
    built = ValuationRow("PB", "4.81", "27/41", "5.62", "4.37", "3.40")
    assert attrs.asdict(read) == attrs.asdict(built)
    assert attrs.astuple(read) == attrs.astuple(built)
    assert repr(read) == repr(built) and read == built
    assert attrs.evolve(read, metric="PX") == attrs.evolve(built, metric="PX")


def test_many_threads_reading_one_document_see_every_value() -> None:
    """A value is set before its text is let go: a reader in another thread finds one or the other."""
    head = EXAMPLE.partition("| Dividend Yield |")[0]
    page = head + "".join(f"| M{n} | 1.{n % 97:02d} | {n % 41}/41 | 2.34 | 1.50 | 0.90 |\n" for n in range(400))

    def values(doc: symboldoc.Document) -> list[tuple[object, object]]:
        assert doc.valuation is not None
        return [(row.current, row.industry_rank) for row in doc.valuation]

    expected = values(symboldoc.loads(page))
    switch = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # the test's own setting, restored below: threads switch as often as they can
    try:
        for _ in range(5):
            shared = symboldoc.loads(page)
            with ThreadPoolExecutor(max_workers=4) as pool:
                seen = list(pool.map(values, [shared] * 4))
            assert all(found == expected for found in seen)
    finally:
        sys.setswitchinterval(switch)


@attrs.define
class NotedPeer(symboldoc.Peer):
    """A user's subclass of a model class, at the top of a module: its pickle names it."""

    note: str = ""


def test_a_pickle_names_the_library_s_classes_and_a_user_s_subclass_by_a_string() -> None:
    doc = symboldoc.loads(EXAMPLE)
    data = pickle.dumps(doc.page)
    assert b"symboldoc._kinds.quote.model:Peer" in data and pickle.loads(data) == doc.page
    noted = NotedPeer(rank=1, name="Example", note="kept")
    again = pickle.loads(pickle.dumps(noted))
    assert type(again) is NotedPeer and again == noted and again.note == "kept"
    assert f"{__name__}:NotedPeer".encode() in pickle.dumps(noted)


def test_a_class_no_name_finds_is_sent_as_itself() -> None:
    @attrs.define
    class LocalPeer(symboldoc.Peer):
        note: str = ""

    local = LocalPeer(rank=2, name="Local", note="here")
    twin = copy.deepcopy(local)
    assert type(twin) is LocalPeer and twin == local and twin is not local
    with pytest.raises((pickle.PicklingError, AttributeError)):
        pickle.dumps(local)  # as pickle refuses any class defined in a function


def test_a_pickle_naming_what_is_no_attrs_class_is_refused() -> None:
    with pytest.raises(TypeError, match="no attrs class"):
        rebuilt("decimal:Decimal", ())
    with pytest.raises(AttributeError):
        rebuilt("symboldoc:NoSuchClass", ())


_NOTED_PEERS = "import attrs\nimport symboldoc\n\n@attrs.define\nclass Noted(symboldoc.Peer):\n    note: str = ''\n"


@pytest.fixture
def peers_module(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[str], None]]:
    """Writes the user's module ``user_peers`` (a subclass of Peer, plus the lines given); drops it afterwards."""

    def write(more: str) -> None:
        (tmp_path / "user_peers.py").write_text(_NOTED_PEERS + more)

    write("")
    monkeypatch.syspath_prepend(str(tmp_path))
    yield write
    sys.modules.pop("user_peers", None)


def test_a_class_of_a_module_reloaded_copies_and_pickles_as_the_class_it_is(
    peers_module: Callable[[str], None],
) -> None:
    module = importlib.import_module("user_peers")
    old = module.Noted(rank=1, name="Before", note="a")
    assert pickle.loads(pickle.dumps(old)) == old
    peers_module("    weight: int = 0\n")
    importlib.reload(module)
    new = module.Noted(rank=2, name="After", note="b", weight=5)
    for twin in (pickle.loads(pickle.dumps(new)), copy.deepcopy(new)):
        assert type(twin) is module.Noted and twin == new and twin.weight == 5
    assert type(copy.deepcopy(old)) is type(old) and copy.deepcopy(old) == old
    with pytest.raises(pickle.PicklingError):
        pickle.dumps(old)  # as pickle refuses a class its name no longer finds


def test_a_module_imported_again_pickles_each_class_as_pickle_would(peers_module: Callable[[str], None]) -> None:
    first = importlib.import_module("user_peers").Noted(rank=1, name="First", note="a")
    assert pickle.loads(pickle.dumps(first)) == first
    del sys.modules["user_peers"]
    peers_module("    weight: int = 0\n")
    module = importlib.import_module("user_peers")
    again = module.Noted(rank=2, name="Again", note="b", weight=5)
    for twin in (pickle.loads(pickle.dumps(again)), copy.deepcopy(again)):
        assert type(twin) is module.Noted and twin == again
    assert type(copy.deepcopy(first)) is type(first) and copy.deepcopy(first) == first
    with pytest.raises(pickle.PicklingError):
        pickle.dumps(first)  # its module is no longer the one imported under its name
    with pytest.raises(TypeError, match="another version of the class"):
        rebuilt("user_peers:Noted", (3, "Short"))
