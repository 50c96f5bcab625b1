"""Snapshots over time: ``fingerprint``, ``diff`` (with its JSON patch) and ``facts``, proved by properties.

The properties run over whole pages built by the strategies (every kind,
full of markdown syntax), over the same pages read back from their text,
and over edits of them:

* ``diff(a, a)`` is empty, and so is the diff of a page and its text read again;
* the JSON patch, applied with the ``jsonpatch`` library, turns ``to_dict(a)`` into ``to_dict(b)``;
* the fingerprint is equal exactly when the diff is empty, and a change of only volatile fields keeps it;
* reordering the items of any list is no change;
* every change an edit makes to the model is reported once, at the path the documented grammar gives
  (``snapshot_oracle`` reads the grammar on its own), and nothing else is.
"""

from __future__ import annotations

import copy
import datetime as dt
import random
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import jsonpatch
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import symboldoc as sd

from . import snapshot_oracle as oracle
from .kind_strategies import kind_documents, news_index_documents, topic_documents
from .pages import own_pages
from .strategies import any_texts, documents, grades, nonempty_texts, plain_texts, ranks, symbols

any_documents = st.one_of(documents(), kind_documents)


def _read(doc: sd.Document) -> sd.Document:
    """The page as it would be fetched: its text, read (with the bindings an edit uses)."""
    return sd.loads(sd.dumps(doc))


def _without_noise(data: dict[str, Any], like: dict[str, Any], volatile: bool) -> dict[str, Any]:
    """``data`` with ``like``'s warnings, and (unless ``volatile``) ``like``'s front matter datetime."""
    data = copy.deepcopy(data)
    data["warnings"] = like["warnings"]
    if not volatile and data.get("front_matter") is not None and like.get("front_matter") is not None:
        data["front_matter"]["datetime"] = like["front_matter"]["datetime"]
    return data


def _check_patch(a: sd.Document, b: sd.Document, volatile: bool = False) -> None:
    before, after = sd.to_dict(a), sd.to_dict(b)
    patched = jsonpatch.apply_patch(before, sd.diff(a, b, volatile=volatile).to_json_patch())
    assert _without_noise(patched, after, volatile) == _without_noise(after, after, volatile)


def _check_changes_named(a: sd.Document, b: sd.Document, changes: sd.Changes) -> None:
    """Each change is reported once, at a path naming values that differ as it says (by the oracle's reading)."""
    paths = [change.path for change in changes]
    assert len(paths) == len(set(paths)), paths
    before, after = sd.to_dict(a), sd.to_dict(b)
    for change, data in zip(changes, changes.to_list(), strict=True):
        old, new = oracle.resolve(before, change.path), oracle.resolve(after, change.path)
        expected_old = None if old is oracle.MISSING else old
        expected_new = None if new is oracle.MISSING else new
        assert (data["old"], data["new"]) == (expected_old, expected_new), change.path
        assert expected_old != expected_new or type(expected_old) is not type(expected_new), change.path
        assert change.kind == ("added" if expected_old is None else "removed" if expected_new is None else "changed")


# -- the same page -------------------------------------------------------------------------------


@given(any_documents)
def test_a_page_has_no_changes_from_itself(doc: sd.Document) -> None:
    read = _read(doc)
    for a, b in ((doc, doc), (doc, read), (read, copy.deepcopy(read))):
        changes = sd.diff(a, b)
        assert not changes and len(changes) == 0 and str(changes) == "" and changes.to_json_patch() == []
        assert sd.fingerprint(a) == sd.fingerprint(b)


@pytest.mark.parametrize("name", sorted(own_pages()))
def test_own_pages_are_their_own_snapshot(name: str) -> None:
    doc = sd.loads(own_pages()[name])
    assert not sd.diff(doc, sd.loads(own_pages()[name]), volatile=True)
    assert sd.fingerprint(doc) == sd.fingerprint(sd.from_dict(sd.to_dict(doc)))


# -- two pages -------------------------------------------------------------------------------------


@given(any_documents, any_documents, st.booleans())
def test_the_patch_turns_one_page_into_another(a: sd.Document, b: sd.Document, volatile: bool) -> None:
    _check_patch(a, b, volatile)
    _check_changes_named(a, b, sd.diff(a, b))


@given(any_documents, any_documents)
def test_the_fingerprint_is_equal_exactly_when_nothing_changed(a: sd.Document, b: sd.Document) -> None:
    assert (sd.fingerprint(a) == sd.fingerprint(b)) == (not sd.diff(a, b))


@given(documents(), st.randoms(use_true_random=False), st.datetimes(timezones=st.just(dt.timezone.utc)), st.data())
def test_the_fingerprint_of_a_page_fetched_again_changes_exactly_with_its_facts(
    doc: sd.Document, rng: random.Random, when: dt.datetime, data: st.DataObject
) -> None:
    """A later fetch of a page: its lists in another order, another fetch time, written anew; and, half the
    time, one to three edits.  Same fingerprint exactly when no fact changed, and then no change at all."""
    before = _read(doc)
    later = _read(doc)
    _reorder(later, rng, derived=False)
    assert later.front_matter is not None
    later.front_matter.datetime = when
    touched = data.draw(quote_edits(later)) if data.draw(st.booleans()) else []
    try:
        later = _read(later)
    except sd.EditError:
        return  # an edit the page cannot show is refused (the write-truth tests hold it)
    changes = sd.diff(before, later)
    assert (sd.fingerprint(before) == sd.fingerprint(later)) == (not changes)
    assert {change.path for change in changes} <= set(touched)
    _check_patch(before, later)


@given(any_documents, st.datetimes(timezones=st.just(dt.timezone.utc)))
def test_a_new_fetch_time_is_no_change(doc: sd.Document, when: dt.datetime) -> None:
    assume(doc.front_matter is not None)
    fetched = _read(doc)
    assert fetched.front_matter is not None
    fetched.front_matter.datetime = when
    again = _read(fetched)
    for later in (fetched, again):
        assert not sd.diff(doc, later)
        assert sd.fingerprint(doc) == sd.fingerprint(later)
        moved = sd.diff(doc, later, volatile=True)
        assert [change.path for change in moved] == (
            [] if sd.to_dict(doc)["front_matter"]["datetime"] == sd.to_dict(later)["front_matter"]["datetime"]
            else ["front_matter.datetime"]
        )  # fmt: skip
        _check_patch(doc, later, volatile=True)


# -- reordering ------------------------------------------------------------------------------------


def _lists(doc: sd.Document, derived: bool = True) -> list[tuple[list[Any], Callable[[Any], Any]]]:
    """Every list of a document's model whose order may change, each with its oracle key (with ``derived``,
    the symbols made from a news text too: reordered, a page cannot show them)."""
    found: list[tuple[list[Any], Callable[[Any], Any]]] = []
    page = doc.page
    if isinstance(page, sd.SymbolPage):
        found += [(page.supported_languages, lambda link: link.url), (page.key_drivers, str)]
        if page.score is not None:
            found.append((page.score.groups, lambda group: group.name))
            found += [(group.indicators, lambda indicator: indicator.name) for group in page.score.groups]
        if page.valuation is not None:
            found.append((page.valuation.rows, lambda row: row.metric))
        if page.peers is not None:
            found.append((page.peers, lambda peer: str(peer.symbol) if peer.symbol is not None else peer.name))
        if page.analysts is not None:
            found.append((page.analysts.ratings, lambda rating: rating.rating))
        if page.references is not None:
            found.append((page.references, lambda link: link.url))
    elif isinstance(page, sd.TopicPage):
        found += [(page.related, str), (page.comments, lambda comment: (comment.author, comment.datetime))]
    elif isinstance(page, sd.NewsIndex):
        found.append((page.items, lambda item: item.id if item.id is not None else item.url))
        found += [(item.symbols, str) for item in page.items if derived]
    elif isinstance(page, sd.NewsArticle) and derived:
        found.append((page.symbols, str))
    return found


def _reorder(doc: sd.Document, rng: random.Random, derived: bool = True) -> bool:
    """Put every list of ``doc`` (the front matter's locales too) in a new order; whether any order changed."""
    changed = False
    for items, key in _lists(doc, derived):
        before = list(items)
        _shuffled(items, key, rng)
        changed |= any(a is not b for a, b in zip(before, items, strict=True))
    fm = doc.front_matter
    if fm is not None and fm.locales:
        locales = list(fm.locales)
        _shuffled(locales, lambda link: link.locale, rng)
        changed |= locales != list(fm.locales)
        fm.locales = tuple(locales)
    return changed


def _shuffled(items: list[Any], key: Callable[[Any], Any], rng: random.Random) -> None:
    """``items`` in a new order; items of the same key keep theirs among themselves (their ``#n`` names)."""
    places: dict[Any, float] = {}
    for item in items:
        places.setdefault(key(item), rng.random())
    items.sort(key=lambda item: places[key(item)])


@given(any_documents, st.randoms(use_true_random=False))
def test_reordered_lists_are_no_change(doc: sd.Document, rng: random.Random) -> None:
    reordered = copy.deepcopy(doc)
    _reorder(reordered, rng)
    assert not sd.diff(doc, reordered)
    assert sd.fingerprint(doc) == sd.fingerprint(reordered)
    _check_patch(doc, reordered)  # the patch moves the items into the new order


@pytest.mark.parametrize("name", sorted(own_pages()))
@given(rng=st.randoms(use_true_random=False), when=st.datetimes(timezones=st.just(dt.timezone.utc)))
def test_own_pages_reordered_and_fetched_again_say_the_same(name: str, rng: random.Random, when: dt.datetime) -> None:
    """Every list of the project's own pages, in a new order, at another fetch time, written and read again."""
    doc = sd.loads(own_pages()[name])
    fetched = copy.deepcopy(doc)
    changed = _reorder(fetched, rng, derived=False)
    if fetched.front_matter is not None:
        fetched.front_matter.datetime = when
    for later in (fetched, sd.loads(sd.dumps(fetched, preserve=False))):
        assert not sd.diff(doc, later)
        assert sd.fingerprint(doc) == sd.fingerprint(later)
        patch = sd.diff(doc, later).to_json_patch()
        assert changed == any(op["op"] == "move" for op in patch) or later is not fetched
        _check_patch(doc, later)


def test_a_reordered_table_is_no_change_but_the_patch_moves_it() -> None:
    doc = sd.loads(own_pages()["current_full.md"])
    assert doc.valuation is not None and len(doc.valuation.rows) > 2
    reordered = copy.deepcopy(doc)
    reordered.valuation.rows.reverse()  # type: ignore[union-attr]
    reordered = _read(reordered)
    assert not sd.diff(doc, reordered)
    patch = sd.diff(doc, reordered).to_json_patch()
    assert patch and {op["op"] for op in patch} == {"move"}
    _check_patch(doc, reordered)


# -- edits -----------------------------------------------------------------------------------------

#: One edit: it changes the document, and gives the paths it may change (a leaf's, or an item's).
Edit = Callable[[sd.Document], list[str]]


def _key(list_name: str, items: list[Any], index: int, data: list[Any]) -> str:
    return oracle.keyed(list_name, data, index)


def _page_data(doc: sd.Document) -> dict[str, Any]:
    return sd.to_dict(doc)["page"]


def _leaf_targets(doc: sd.Document) -> list[tuple[str, Any, str, st.SearchStrategy[Any]]]:
    """The leaves of a quote page that an edit may set: (path, object, field, values)."""
    page = doc.page
    assert isinstance(page, sd.SymbolPage)
    data = _page_data(doc)
    numbers = st.none() | st.decimals(
        allow_nan=False, allow_infinity=False, places=3, min_value=-(10**9), max_value=10**9
    )
    targets: list[tuple[str, Any, str, st.SearchStrategy[Any]]] = [("disclaimer", page, "disclaimer", nonempty_texts)]
    fm = doc.front_matter
    if fm is not None:
        targets += [(f"front_matter.{name}", fm, name, st.none() | any_texts) for name in ("name", "industry")]
    if page.score is not None:
        score = page.score
        targets += [
            ("score.grade", score, "grade", grades),
            ("score.value", score, "value", numbers),
            ("score.industry_rank", score, "industry_rank", ranks),
            ("score.industry_median", score, "industry_median", grades),
        ]
        for g, group in enumerate(score.groups):
            group_path = f"score.groups[{oracle.keyed('groups', data['score']['groups'], g)}]"
            targets.append((f"{group_path}.grade", group, "grade", grades))
            for i, indicator in enumerate(group.indicators):
                indicators = data["score"]["groups"][g]["indicators"]
                path = f"{group_path}.indicators[{oracle.keyed('indicators', indicators, i)}]"
                targets += [
                    (f"{path}.value", indicator, "value", numbers),
                    (f"{path}.rating", indicator, "rating", grades),
                ]
    if page.valuation is not None:
        for r, row in enumerate(page.valuation.rows):
            path = f"valuation[{oracle.keyed('valuation', data['valuation'], r)}]"
            targets += [(f"{path}.{name}", row, name, numbers) for name in ("current", "high", "low")]
            targets.append((f"{path}.industry_rank", row, "industry_rank", ranks))
    for p, peer in enumerate(page.peers or []):
        path = f"peers[{oracle.keyed('peers', data['peers'], p)}]"
        targets += [(f"{path}.{name}", peer, name, grades) for name in ("profit", "cash", "rating")]
    if page.analysts is not None:
        targets.append(("analysts.total", page.analysts, "total", st.none() | st.integers(0, 999)))
        for r, rating in enumerate(page.analysts.ratings):
            path = f"analysts.ratings[{oracle.keyed('ratings', data['analysts']['ratings'], r)}]"
            targets.append((f"{path}.count", rating, "count", st.none() | st.integers(0, 999)))
    if page.target_price is not None:
        targets += [(f"target_price.{name}", page.target_price, name, numbers) for name in ("current", "lowest")]
    return targets


def _quote_lists(doc: sd.Document) -> list[tuple[str, str, list[Any], Callable[[], Any]]]:
    """The keyed lists of a quote page an edit may add to or remove from: (path, list name, list, new item)."""
    page = doc.page
    assert isinstance(page, sd.SymbolPage)
    found: list[tuple[str, str, list[Any], Callable[[], Any]]] = []
    if page.peers is not None:
        found.append(("peers", "peers", page.peers, lambda: sd.Peer(9, "Newco", sd.Symbol("NEWCO.US"), rating="B")))
    if page.valuation is not None:
        found.append(
            (
                "valuation",
                "valuation",
                page.valuation.rows,
                lambda: sd.ValuationRow("EV [new] #1", sd.Number.parse("1.5")),
            )
        )
    if page.analysts is not None:
        found.append(("analysts.ratings", "ratings", page.analysts.ratings, lambda: sd.AnalystRating("Hold|Sell", 2)))
    if page.score is not None:
        found.append(("score.groups", "groups", page.score.groups, lambda: sd.IndicatorGroup("Fresh Score", "A")))
    return found


def _within(path: str, touched: list[str]) -> bool:
    """Whether ``path`` is one of ``touched``, or inside one of them."""
    return any(path == seen or path.startswith(seen + ".") for seen in touched)


@st.composite
def quote_edits(draw: Any, doc: sd.Document) -> list[str]:
    """Apply one to three edits to ``doc`` (a quote page); return the paths they may change."""
    touched: list[str] = []
    for _ in range(draw(st.integers(1, 3))):
        choice = draw(st.sampled_from(["set", "set", "remove", "add", "extra"]))
        if choice == "extra" and doc.front_matter is not None:
            key = draw(st.sampled_from(["region", "x]y[#|\\", "lot"]))
            path = f"front_matter.extra[{oracle.escape(key)}]"
            if not _within(path, touched):
                doc.front_matter.extra = {**doc.front_matter.extra, key: draw(any_texts)}
                touched.append(path)
            continue
        if choice in ("set", "extra"):
            targets = [target for target in _leaf_targets(doc) if not _within(target[0], touched)]
            if not targets:
                continue
            path, owner, name, values = draw(st.sampled_from(targets))
            try:
                setattr(owner, name, draw(values))
            except ValueError:
                continue
            touched.append(path)
            continue
        lists = _quote_lists(doc)
        if not lists:
            continue
        path, list_name, items, new_item = draw(st.sampled_from(lists))
        data = oracle.resolve(sd.to_dict(doc), path)
        if choice == "add":
            item = new_item()
            if any(type(other) is type(item) and other == item for other in items):
                continue  # a new item of a key the list has would take another's name
            place = draw(st.integers(0, len(items)))
            items.insert(place, item)
            index = place
        else:
            texts = [oracle.key_text(oracle.json_key(list_name, item)) for item in data]
            unique = [i for i, text in enumerate(texts) if texts.count(text) == 1]
            if not unique:
                continue
            index = draw(st.sampled_from(unique))
        data_now = oracle.resolve(sd.to_dict(doc), path) if choice == "add" else data
        key = oracle.keyed(list_name, data_now, index)
        if choice == "remove":
            del items[index]
        item_path = f"{path}[{key}]"
        # Edits inside an item that is now added or gone are part of that one change.
        touched = [seen for seen in touched if not _within(seen, [item_path])]
        touched.append(item_path)
    return touched


def _check_edit(before: sd.Document, after: sd.Document, touched: list[str]) -> None:
    changes = sd.diff(before, after)
    _check_changes_named(before, after, changes)
    reported = {change.path for change in changes}
    a, b = sd.to_dict(before), sd.to_dict(after)
    for path in touched:
        differs = oracle.resolve(a, path) != oracle.resolve(b, path)
        assert (path in reported) == differs, (path, reported)
    assert reported <= set(touched), reported - set(touched)
    _check_patch(before, after)
    assert (sd.fingerprint(before) == sd.fingerprint(after)) == (not changes)


@given(documents(), st.data())
def test_every_change_an_edit_makes_is_reported_once(doc: sd.Document, data: st.DataObject) -> None:
    before = _read(doc)
    edited = _read(doc)
    touched = data.draw(quote_edits(edited))
    _check_edit(before, edited, touched)
    try:
        saved = _read(edited)  # the edited page, saved and fetched again
    except sd.EditError:
        return  # a value the page cannot show is refused (the write-truth tests hold it)
    _check_edit(before, saved, touched)


@given(topic_documents(), st.data())
def test_topic_edits_are_reported_at_their_comment(doc: sd.Document, data: st.DataObject) -> None:
    before, edited = _read(doc), _read(doc)
    page = edited.page
    assert isinstance(page, sd.TopicPage)
    touched = []
    if page.comments and data.draw(st.booleans()):
        index = data.draw(st.integers(0, len(page.comments) - 1))
        comments = sd.to_dict(edited)["page"]["comments"]
        key = oracle.keyed("comments", comments, index)
        page.comments[index].text = data.draw(plain_texts)
        touched.append(f"comments[{key}].text")
    else:
        symbol = data.draw(symbols)
        assume(symbol not in page.related)
        page.related.append(symbol)
        touched.append(f"related[{oracle.escape(str(symbol))}]")
    _check_edit(before, edited, touched)
    try:
        saved = _read(edited)
    except sd.EditError:
        return  # a related symbol for a page without the heading they stand under: refused, with preserve=False named
    _check_edit(before, saved, touched)


@given(news_index_documents(), st.datetimes(timezones=st.just(dt.timezone.utc)), st.data())
def test_news_edits_are_reported_at_their_item(doc: sd.Document, when: dt.datetime, data: st.DataObject) -> None:
    before, edited = _read(doc), _read(doc)
    page = edited.page
    assert isinstance(page, sd.NewsIndex)
    assume(page.items)
    index = data.draw(st.integers(0, len(page.items) - 1))
    key = oracle.keyed("items", sd.to_dict(edited)["page"]["items"], index)
    page.items[index].datetime = when.replace(microsecond=0)
    touched = [f"items[{key}].datetime"]
    _check_edit(before, edited, touched)
    _check_edit(before, _read(edited), touched)


# -- the values of a change ----------------------------------------------------------------------------


def _seed_like() -> sd.Document:
    return sd.loads(own_pages()["current_full.md"])


def test_a_change_holds_model_values_a_delta_and_a_direction() -> None:
    old, new = _seed_like(), _seed_like()
    assert old.score is not None and new.score is not None and old.score.industry_rank is not None
    grade = old.score.grade
    assert grade is not None and grade != "A"
    new.score.grade = "A"
    old.score.industry_rank = sd.Rank(20, 32)
    new.score.industry_rank = sd.Rank(18, 32)
    assert new.valuation is not None
    row = new.valuation.rows[0]
    assert row.current is not None
    row.current = sd.Number.like(row.current + Decimal("0.5"), row.current)
    changes = {change.path: change for change in sd.diff(old, new)}
    grade_change = changes["score.grade"]
    assert (grade_change.kind, grade_change.old, grade_change.new, grade_change.direction) == (
        "changed", grade, "A", "better",
    )  # fmt: skip
    assert grade_change.delta is None
    assert changes["score.industry_rank"].direction == "better"
    assert changes["score.industry_rank"].new == sd.Rank(18, 32)
    current = changes[f"valuation[{oracle.escape(row.metric)}].current"]
    assert current.delta == Decimal("0.5") and isinstance(current.new, sd.Number) and current.direction is None


def test_ranks_of_other_totals_have_no_direction_and_grades_going_down_are_worse() -> None:
    old, new = _seed_like(), _seed_like()
    assert old.score is not None and new.score is not None
    new.score.industry_rank = sd.Rank(1, 999)
    new.score.grade = "E"
    changes = {change.path: change for change in sd.diff(old, new)}
    assert changes["score.industry_rank"].direction is None
    assert changes["score.grade"].direction == "worse"


def test_a_number_written_otherwise_is_a_change_of_no_amount() -> None:
    old, new = _seed_like(), _seed_like()
    assert new.score is not None and new.score.value is not None
    new.score.value = sd.Number.parse(new.score.value.text + "0")
    (change,) = sd.diff(old, new)
    assert change.path == "score.value" and change.delta == 0
    assert "same amount" in str(change)


def test_deltas_are_exact_whatever_the_digits() -> None:
    old, new = _seed_like(), _seed_like()
    assert new.score is not None
    new.score.value = sd.Number.parse("12345678901234567890123456789012345.000000000000000001")
    old.score.value = sd.Number.parse("0.000000000000000002")  # type: ignore[union-attr]
    (change,) = sd.diff(old, new)
    assert change.delta == Decimal("12345678901234567890123456789012344.999999999999999999")


def test_items_added_and_removed_are_one_change_each_holding_the_item() -> None:
    old, new = _seed_like(), _seed_like()
    assert new.peers
    gone = new.peers.pop(0)
    newcomer = sd.Peer(7, "Newco", sd.Symbol("NEWCO.US"), rating="B")
    new.peers.append(newcomer)
    changes = sd.diff(old, new)
    by_path = {change.path: change for change in changes}
    assert by_path[f"peers[{gone.symbol}]"].kind == "removed" and by_path[f"peers[{gone.symbol}]"].old == gone
    assert by_path["peers[NEWCO.US]"].kind == "added" and by_path["peers[NEWCO.US]"].new == newcomer
    assert len(changes) == 2
    text = str(changes)
    assert f"- peers[{gone.symbol}]" in text and "+ peers[NEWCO.US]" in text


def test_keys_with_brackets_are_escaped_and_repeated_keys_numbered() -> None:
    old, new = _seed_like(), _seed_like()
    for doc in (old, new):
        assert doc.valuation is not None
        doc.valuation.rows += [sd.ValuationRow("EV [x] #1|y"), sd.ValuationRow("EV [x] #1|y")]
    new.valuation.rows[-1].current = sd.Number.parse("2")  # type: ignore[union-attr]
    (change,) = sd.diff(old, new)
    assert change.path == r"valuation[EV \[x\] \#1\|y#2].current"
    assert oracle.resolve(sd.to_dict(new), change.path) == "2"


def test_a_page_of_another_kind_is_one_change() -> None:
    quote, topic = _seed_like(), sd.loads(own_pages()["topic_full.md"])
    changes = sd.diff(quote, topic)
    assert changes[0].path == "page" and changes[0].kind == "changed"
    assert isinstance(changes[0].old, sd.SymbolPage) and isinstance(changes[0].new, sd.TopicPage)
    _check_patch(quote, topic)


def test_changes_as_json() -> None:
    old, new = _seed_like(), _seed_like()
    assert new.score is not None
    new.score.grade = "A"
    (data,) = sd.diff(old, new).to_list()
    assert data == {
        "path": "score.grade", "kind": "changed", "old": old.score.grade, "new": "A", "delta": None,  # type: ignore[union-attr]
        "direction": "better",
    }  # fmt: skip


# -- the fingerprint -------------------------------------------------------------------------------

#: The fingerprints of the project's own pages, pinned: a change of the rules must change the prefix.
PINNED = {
    "current_full.md": "sd1-b437e6c6d0f0651f51f560d25ceba87aa32fcd655eeef65d15103d993f8dbb19",
    "topic_full.md": "sd1-3038b62e0ba89e10ea52506a5fd676b6b0754b2dd95b23f5fe7ad47569195bdd",
    "news_index.md": "sd1-f7e9712346736295e3f5acf124b61cde92813bf1252f6cf58ed0b668f385886c",
}


@pytest.mark.parametrize("name", sorted(PINNED))
def test_fingerprints_are_pinned(name: str) -> None:
    assert sd.fingerprint(sd.loads(own_pages()[name])) == PINNED[name]


def test_the_fingerprint_is_versioned_hex() -> None:
    value = sd.fingerprint(_seed_like())
    prefix, digest = value.split("-")
    assert prefix == f"sd{sd.FINGERPRINT_VERSION}" and len(digest) == 64 and int(digest, 16) >= 0


def test_the_fingerprint_is_the_same_in_another_process() -> None:
    import subprocess
    import sys

    from .pages import FIXTURES

    code = "import symboldoc, sys; print(symboldoc.fingerprint(symboldoc.load(sys.argv[1])))"
    path = str(FIXTURES / "current_full.md")
    outputs = {
        subprocess.run(
            [sys.executable, "-c", code, path], capture_output=True, text=True, check=True, env={"PYTHONHASHSEED": seed}
        ).stdout.strip()
        for seed in ("1", "2")
    }
    assert outputs == {sd.fingerprint(sd.load(path))}


def test_a_page_read_from_a_str_with_a_lone_surrogate_has_a_fingerprint() -> None:
    text = own_pages()["current_full.md"].replace("Qingshan", "Qing\ud800shan")
    doc = sd.loads(text)
    assert sd.fingerprint(doc).startswith("sd1-") and sd.fingerprint(doc) != sd.fingerprint(_seed_like())
    assert not sd.diff(doc, sd.loads(text))


# -- found by an adversarial review, each held here ------------------------------------------------------


def _with_front_matter(line: str) -> sd.Document:
    return sd.loads(own_pages()["current_full.md"].replace("---\n", f"---\n{line}\n", 1))


def test_values_of_huge_exponents_have_no_delta_and_cost_nothing() -> None:
    old, new = _with_front_matter("big: 1.0e+999999999"), _with_front_matter("big: 1.0e-999999999")
    (change,) = sd.diff(old, new)
    assert change.path == "front_matter.extra[big]" and change.delta is None


def test_infinities_written_otherwise_are_a_change_without_delta() -> None:
    (change,) = sd.diff(_with_front_matter("a: .inf"), _with_front_matter("a: .Inf"))
    assert change.kind == "changed" and change.delta is None


def test_a_percentage_and_a_plain_number_have_no_delta() -> None:
    old, new = _seed_like(), _seed_like()
    assert old.score is not None and new.score is not None
    old.score.value, new.score.value = sd.Number.parse("5%"), sd.Number.parse("7")
    (change,) = sd.diff(old, new)
    assert change.delta is None


@pytest.mark.parametrize(
    ("first", "second"), [("a: [1]", "a: [true]"), ("a: {x: 0}", "a: {x: false}"), ("a: 1", "a: 1.0")]
)
def test_json_values_of_other_types_are_a_change(first: str, second: str) -> None:
    a, b = _with_front_matter(first), _with_front_matter(second)
    changes = sd.diff(a, b)
    assert [change.path for change in changes] == ["front_matter.extra[a]"]
    assert sd.fingerprint(a) != sd.fingerprint(b)
    _check_patch(a, b)


def test_a_mapping_of_another_class_with_the_same_entries_is_no_change() -> None:
    from collections import OrderedDict

    a = _with_front_matter("a: 1")
    b = copy.deepcopy(a)
    assert b.front_matter is not None and a.front_matter is not None
    b.front_matter.extra = OrderedDict(a.front_matter.extra)
    assert not sd.diff(a, b) and sd.fingerprint(a) == sd.fingerprint(b)


def test_keys_of_the_front_matter_are_escaped_in_paths() -> None:
    a, b = _with_front_matter("'a]b[c|#': 1"), _with_front_matter("'a]b[c|#': 2")
    (change,) = sd.diff(a, b)
    assert change.path == r"front_matter.extra[a\]b\[c\|\#]"
    assert oracle.resolve(sd.to_dict(b), change.path) == 2
    assert r"front_matter.extra[a\]b\[c\|\#]" in [row[4] for row in sd.fact_rows(b)]


def test_each_change_is_one_line_whatever_its_text() -> None:
    a = sd.loads(own_pages()["news_article.md"])
    b = copy.deepcopy(a)
    assert isinstance(b.page, sd.NewsArticle)
    b.page.body = "Short.\n\n## Heading\n\n- item"
    changes = sd.diff(a, b)
    assert len(str(changes).splitlines()) == len(changes)
    assert "Short.\\n\\n## Heading" in str(changes)


def test_a_negative_zero_from_code_is_another_value_for_diff_and_fingerprint_alike() -> None:
    a = sd.loads(own_pages()["current_full.md"])
    b = copy.deepcopy(a)
    assert a.front_matter is not None and b.front_matter is not None
    a.front_matter.extra = {"a": 0.0}
    b.front_matter.extra = {"a": -0.0}
    assert bool(sd.diff(a, b)) == (sd.fingerprint(a) != sd.fingerprint(b)) == True  # noqa: E712


def test_every_line_break_of_a_text_is_escaped_in_str() -> None:
    a = sd.loads(own_pages()["topic_full.md"])
    b = copy.deepcopy(a)
    assert isinstance(b.page, sd.TopicPage)
    b.page.comments[0].text = "up\u2028down\x85x\u2029y"
    assert len(str(sd.diff(a, b)).splitlines()) == 1


def test_texts_that_begin_alike_are_shown_where_they_differ() -> None:
    text = own_pages()["news_article.md"]
    (change,) = sd.diff(sd.loads(text), sd.loads(text.replace("\n", "\r\n")))
    old, new = str(change).split(" -> ")
    assert "\\r\\n" in new and "\\r\\n" not in old
