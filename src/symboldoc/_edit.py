"""Writing edits back into a page's own text.

While the typed page is read, every block that shows a fact gets a
:class:`Binding`: a *view* (the facts the block shows, as plain values,
taken from the document's current model) and a *render* (the block's new
text, written in the block's own style).  ``dumps`` compares each view with
the one taken when the page was read; an unchanged block is written from its
source, a changed one by its render, which rewrites only what changed: a
span of a line, a cell of a row (its padding kept), a row of a table (new
rows in the table's style), the chart JSON.  A fact shown in two places has
one home in the model and a binding at each place, so they change together.

What cannot be written into the text this way (a section added to a page
that has no place for it, an indicator group added) raises
:class:`EditError`; ``dumps(doc, preserve=False)`` writes the whole page
from the model instead.
"""

from __future__ import annotations

import contextlib
import copy
import functools
import itertools
import operator
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from ._block_store import Blocks
from ._blocks import Block, FencedBlock, FrontMatterBlock, ListBlock, Table
from ._charts import decode_members, scalar_spans
from ._escape import escape_pipes
from ._frontmatter_text import FRONT_MATTER_KEYS, front_matter_entry
from ._layout import NoValue, chart_json
from ._list_edits import items_view, render_emptied, render_list_items, render_span, render_unchanged
from ._pickling import compact
from ._problems import EditError, Problem
from ._tables import Row, cell_text
from ._text import line_content, line_ending, split_lines

if TYPE_CHECKING:
    from ._document import Document

__all__ = [
    "Binder",
    "Binding",
    "Gone",
    "View",
    "block_index",
    "changed",
    "original_view",
    "present",
    "write_back",
]

View = Callable[["Document"], Any]
#: Finds, in a block's source, the span of each text a binding writes (None where one is missing).
Locate = Callable[..., Sequence["tuple[int, int] | None"]]

_NO_PLACE = "this page's text has no place symboldoc can write it to"


class Gone(Exception):
    """A view's object is no longer in the model (a section set to None, say)."""


def present(value: Any, what: str) -> Any:
    """``value``, or :class:`Gone` when it is None: for views that walk the model."""
    if value is None:
        raise Gone(what)
    return value


@compact
@attrs.define
class Binding:
    """One block, the facts it shows, and how to write them back.

    ``render(params, block, original, now)`` is a module-level function (not a
    closure: a binding costs little memory) that writes the block anew.
    """

    block: Block
    view: View
    render: Callable[[tuple[Any, ...], Block, Any, Any], str]
    params: tuple[Any, ...]
    what: str
    #: The view is a pair: a tuple of tuples of model objects, compared by identity (the
    #: original holds them, as the length of each tuple and all of them in one, so none can
    #: be freed and its id taken by another), and a tuple of values, compared by equality.
    identity: bool = False
    original: Any = None


def changed(binding: Binding, now: Any) -> bool:
    """Whether ``now``, the binding's view of the document as it is, differs from the view taken when it was read."""
    if binding.identity:
        shape, objects, values = binding.original
        groups, now_values = now
        return (
            tuple(map(len, groups)) != shape
            or not all(map(operator.is_, itertools.chain.from_iterable(groups), objects))
            or now_values != values
        )
    return bool(now != binding.original)


def original_view(binding: Binding, doc: Document) -> Any:
    """The binding's view of ``doc`` as :attr:`Binding.original` holds it (Gone and lookup errors pass through)."""
    now = binding.view(doc)
    if binding.identity:
        groups, values = now
        return (tuple(map(len, groups)), tuple(itertools.chain.from_iterable(groups)), values)
    return now


def _refuse(block: Block, what: str, detail: str) -> EditError:
    return EditError(Problem(block.start.line, 1, what, "an edit this page's text has a place for", detail))


def write_back(doc: Document, bindings: Sequence[Binding]) -> tuple[str, bool]:
    """The text of ``doc``: each block from its source, or, when the facts it shows changed, rewritten.

    ``bindings`` are ``doc``'s.  Also whether any block was rewritten.
    """
    blocks = doc.blocks
    written: dict[int, str] = {}
    for binding in bindings:
        try:
            now = binding.view(doc)
        except (Gone, AttributeError, IndexError, KeyError) as gone:
            raise _refuse(
                binding.block,
                binding.what,
                f"it was removed from the model ({gone}); dumps(doc, preserve=False) writes the page from the model",
            ) from None
        except TypeError as wrong:  # a list set to None, say: the view cannot walk it
            detail = f"the model holds a value of another type there ({wrong})"
            raise _refuse(binding.block, binding.what, detail) from None
        if changed(binding, now):
            text = binding.render(binding.params, binding.block, binding.original, now)  # a guard raises
            if binding.render is render_unchanged:
                written.setdefault(id(binding.block), text)  # a derived fact: another binding may write the block
            else:
                written[id(binding.block)] = text
    if isinstance(blocks, Blocks):  # read from text: its sources, without making a block for each
        if not written:
            return "".join(blocks.sources), False
        pieces = list(blocks.sources)
        for binding in bindings:
            new = written.get(id(binding.block))
            if new is not None and isinstance(index := block_index(blocks, binding.block), int):
                pieces[index] = new
        return "".join(pieces), True
    if not written:
        return "".join([block.source for block in blocks]), False
    return "".join([written.get(id(block), block.source) for block in blocks]), True


def block_index(blocks: Sequence[Block], block: Block) -> int | Block:
    """Where ``block`` stands in ``blocks``: its index, or the block itself when it is not one of them."""
    with contextlib.suppress(IndexError):  # a Blocks finds it by its line; any other sequence is searched
        if isinstance(blocks, Blocks) and blocks[index := blocks.index_at_line(block.line)] is block:
            return index
    return next((index for index, candidate in enumerate(blocks) if candidate is block), block)


class Binder:
    """Collects the bindings while a page is read; see the module."""

    def __init__(self) -> None:
        self.bindings: list[Binding] = []

    def done(self, doc: Document) -> tuple[Binding, ...]:
        """Take the original views from ``doc``."""
        done = []
        for binding in self.bindings:
            try:
                binding.original = original_view(binding, doc)
            except (Gone, AttributeError, IndexError, KeyError):
                continue  # facts the model does not hold (a section read twice, say): nothing to write back
            done.append(binding)
        return tuple(done)

    def add(
        self,
        block: Block,
        view: View,
        render: Callable[[tuple[Any, ...], Block, Any, Any], str],
        params: tuple[Any, ...],
        what: str,
        *,
        identity: bool = False,
    ) -> None:
        self.bindings.append(Binding(block, view, render, params, what, identity=identity))

    # -- guards --------------------------------------------------------------------

    def guard(self, block: Block, view: View, what: str) -> None:
        """Facts ``block`` shows that cannot be written back: a change to them raises :class:`EditError`."""
        self.add(block, view, _refuse_edit, (_NO_PLACE, what), what)

    def structure(self, anchor: Block, view: View, what: str, *, identity: bool = False) -> None:
        """The shape of the model (which sections, which groups): a change raises :class:`EditError`.

        With ``identity``, ``view`` gives a pair as :attr:`Binding.identity` says.
        """
        detail = ("dumps(doc, preserve=False) writes the page from the model", what)
        self.add(anchor, view, _refuse_edit, detail, what, identity=identity)  # bound to the anchor to name a line

    def absent(self, anchor: Block, front_matter: bool, page: bool) -> None:
        """The document has no front matter (or no typed page): one given to it has no place in the text."""
        view = functools.partial(_absent_view, front_matter, page)
        self.structure(anchor, view, "a front matter or typed page the text does not have")

    # -- spans of text -----------------------------------------------------------------

    def places(
        self,
        block: Block,
        locate: Locate,
        args: tuple[Any, ...],
        view: View,
        what: str,
        texts: Callable[[Any], Sequence[str]] | None = None,
    ) -> None:
        """The texts ``view`` gives stand, in order, at the spans ``locate(block.source, *args)`` finds.

        With ``texts``, ``view`` gives the facts as values and ``texts`` writes
        them (so nothing is formatted until something changed).

        The spans are looked for only when an edit is written (the source
        does not change); where one is missing, that edit raises
        :class:`EditError`: the block shows the facts in a way symboldoc
        cannot write into.
        """
        self.add(block, view, _render_places, (locate, args, texts), what)

    def whole(self, block: Block, view: View, render_text: Callable[[Any], list[str]], what: str) -> None:
        """A block rewritten whole from its facts (``render_text`` gives its lines, without endings)."""
        self.add(block, view, _render_whole, (render_text,), what)

    # -- tables --------------------------------------------------------------------------

    def rows(
        self,
        table: Table,
        items: Callable[[Document], Sequence[Any]],
        fields: Callable[[Any], Any],
        cells: Callable[[Any], tuple[str, ...]],
        read: Sequence[Any],
        lines: Sequence[int],
        what: str,
    ) -> None:
        """The body rows of ``table`` show the objects of a model list: ``read``, each on line ``lines[i]``.

        ``fields`` gives what of an object changes when it is edited (for the
        pages' row classes, the count of assignments made to it: so nothing is
        read or formatted until something changed), compared by equality;
        ``cells`` its row's texts.  The objects themselves are compared by identity.
        A changed object rewrites the cells that changed; a new one gets a row in
        the table's style, where it stands in the list; a removed one loses its
        row; rows the reader did not take into the model stay where they are.
        """
        objects = tuple(read)
        lines_at = tuple(line - table.line for line in lines)
        view = functools.partial(_rows_view, items, fields)
        self.add(table, view, _render_rows, (objects, lines_at, cells), what, identity=True)

    def keyed(
        self,
        table: Table,
        fields: Sequence[tuple[str, View, tuple[int, int] | None, Callable[[Any], str] | None]],
        what: str,
    ) -> None:
        """A table of label, value rows: each field is shown in a cell (its line and column), or has no row yet.

        Each field's view gives its value; its writer gives the cell's text
        (the value is the text when there is no writer), only when something
        changed, so reading a page writes nothing.
        """
        labels = tuple(field[0] for field in fields)
        getters = tuple(field[1] for field in fields)
        places = tuple(None if field[2] is None else (field[2][0] - table.line, field[2][1]) for field in fields)
        writers = tuple(field[3] for field in fields)
        view = functools.partial(_keyed_view, getters)
        self.add(table, view, _render_keyed, (labels, places, writers), what)

    # -- lists ---------------------------------------------------------------------------------

    def items(self, block: Block, view: View, line: Callable[[Any], str], what: str) -> None:
        """A list whose items show the values ``view`` gives: unchanged items keep their lines."""
        self.add(block, view, _render_items, (line,), what)

    # -- the front matter -------------------------------------------------------------------

    def front_matter(self, block: FrontMatterBlock, owned: tuple[tuple[str, Callable[[Any], Any]], ...] = ()) -> None:
        """The front matter: a changed key rewrites its own lines; a new key goes last; a removed one goes.

        ``owned`` are the keys whose home is the typed page (a topic page's
        ``description`` and ``author``), each with a function of the page
        that gives the key's value as the front matter writes it (None: no
        such key).
        """
        view = functools.partial(_front_matter_view, owned) if owned else _front_matter_view
        self.add(block, view, _render_front_matter, (block.front_matter.entries,), "the front matter")

    def derived(self, block: Block, view: View, what: str) -> None:
        """A fact the text shows only through others (a page's id, in its url): it is not written here.

        A change of it leaves the block as it is but counts as a change, so
        ``dumps`` reads the text back: unless the facts it is made from were
        changed to match, that raises :class:`EditError` naming it.
        """
        self.add(block, view, render_unchanged, (), what)

    def span(self, blocks: Sequence[Block], view: View, write: Callable[[Any], str], what: str) -> None:
        """Blocks one after another that together show one text (an article's body).

        A change writes the new text (``write(now)``) in place of theirs, up
        to their last line ending, which stays: the first block takes the
        text, the others are left empty.
        """
        first, *rest = blocks
        ending = line_ending(split_lines(blocks[-1].source)[-1])
        self.add(first, view, render_span, (write, ending), what)
        for block in rest:
            self.add(block, view, render_emptied, (), what)

    def list_items(
        self,
        block: ListBlock,
        items: Callable[[Document], Sequence[Any]],
        shown: Callable[[Any], Any],
        write: Callable[[Any], list[str]],
        what: str,
        patch: Callable[[list[str], Any, Any], list[str]] | None = None,
    ) -> None:
        """A list whose items (of one line or several) show the objects of a model list, one object an item.

        The objects are compared by identity and what each shows (``shown``)
        by value, as table rows are.  An unchanged object keeps its item's
        text, blank lines included; a changed one is written again, by
        ``patch(lines, was, now)`` when given (which may keep the lines that
        show nothing that changed) or whole by ``write``; a new one is written
        by ``write``, with the list's marker; a removed one loses its item.
        ``write`` gives lines without endings, as a ``- `` item writes them.
        """
        cuts = tuple(item.offset - block.offset for item in block.items)
        markers = tuple(item.marker for item in block.items)
        view = functools.partial(items_view, items, shown)
        self.add(block, view, render_list_items, (cuts, markers, write, patch), what, identity=True)

    # -- the chart ------------------------------------------------------------------------------

    def chart(self, block: Block, view: View, update: Callable[[Any, Any, Any], Any], what: str) -> None:
        """A ``chart-data`` block whose JSON repeats facts of the model (``view`` gives a pair, as for :meth:`rows`).

        ``update(data, now, original)`` gives the decoded JSON with the facts
        that changed, and those facts as ``(path, value)`` pairs (None when
        the JSON's shape changed, an indicator added, say).  A changed fact is
        written into its own place in the JSON text, and nothing else
        changes; a changed shape writes the JSON again with the pages'
        two-space indent.
        """
        self.add(block, view, _render_chart, (update,), what, identity=True)


# -- what the bindings do: views and renders, module-level so a binding holds no closure -----


def _absent_view(front_matter: bool, page: bool, doc: Document) -> tuple[bool, bool]:
    return front_matter and doc.front_matter is not None, page and doc.page is not None


def _refuse_edit(params: tuple[Any, ...], block: Block, original: Any, now: Any) -> str:
    detail, what = params
    raise _refuse(block, f"an edit of {what}", detail)


def _render_places(params: tuple[Any, ...], block: Block, original: Any, now: Any) -> str:
    locate, args, texts = params
    if texts is not None:
        now = texts(now)
    spans = locate(block.source, *args)
    if not spans or None in spans or len(spans) != len(now):
        raise _refuse(block, "an edit", _NO_PLACE)
    text = block.source
    for (start, end), new in sorted(zip(spans, now, strict=True), reverse=True):
        if not _same_text(text[start:end], new):
            text = text[:start] + new + text[end:]
    return text


def _render_whole(params: tuple[Any, ...], block: Block, original: Any, now: Any) -> str:
    (render_text,) = params
    lines = split_lines(block.source)
    return (line_ending(lines[0]) or "\n").join(render_text(now)) + line_ending(lines[-1])


def _rows_view(
    items: Callable[[Document], Sequence[Any]], fields: Callable[[Any], Any], doc: Document
) -> tuple[tuple[tuple[Any, ...]], tuple[Any, ...]]:
    now = items(doc)
    return (tuple(now),), tuple(map(fields, now))


def _render_rows(params: tuple[Any, ...], table: Block, original: Any, now: Any) -> str:
    objects, lines_at, cells = params
    assert isinstance(table, Table)
    style = _RowStyle.of(table)
    lines = split_lines(table.source)
    rows = table.all_rows
    where = {id(obj): at for obj, at in zip(objects, lines_at, strict=True)}
    followers = _followers(len(lines), set(lines_at))
    out = lines[:2] + [lines[at] for at in followers.pop(-1, [])]
    for obj in now[0][0]:
        at = where.get(id(obj))
        if at is None:
            out.append(style.line(cells(obj)))
            continue
        out.append(_patch(lines[at], rows[at], cells(obj), style.empty))
        out.extend(lines[later] for later in followers.pop(at, []))
    for rest in followers.values():
        out.extend(lines[at] for at in rest)
    return _join(out, style.ending, lines[-1])


def _keyed_view(getters: tuple[View, ...], doc: Document) -> tuple[Any, ...]:
    return tuple(get(doc) for get in getters)


def _render_keyed(params: tuple[Any, ...], table: Block, original: Any, now: Any) -> str:
    labels, places, writers = params
    assert isinstance(table, Table)
    style = _RowStyle.of(table)
    lines = split_lines(table.source)
    rows = table.all_rows
    out = list(lines)
    for label, place, value, write in zip(labels, places, now, writers, strict=True):
        new = value if value is None or write is None else write(value)
        if place is None:
            if new is not None:
                out.append(style.line((label, new)))
            continue
        at, column = place
        texts = list(rows[at].texts)
        texts[column] = NoValue("-", _text_value) if new is None else new
        out[at] = _patch(out[at], rows[at], tuple(texts), style.empty)
    return _join(out, style.ending, lines[-1])


def _text_value(text: str) -> str:
    """A label, value table's reader of any value: every text but ``-`` and nothing is one."""
    return text


def _render_items(params: tuple[Any, ...], block: Block, original: Any, now: Any) -> str:
    (line,) = params
    lines = split_lines(block.source)
    ending = line_ending(lines[0]) or "\n"
    unused = list(zip(original, lines, strict=False))
    out: list[str] = []
    for value in now:
        match = next((pair for pair in unused if pair[0] == value), None)
        if match is not None:
            unused.remove(match)
            out.append(match[1])
        else:
            out.append(line(value) + ending)
    extra = lines[len(original) :]
    return _join(out + extra, ending, lines[-1])


def _front_matter_view(*args: Any) -> tuple[tuple[str, Any], ...]:
    """The front matter's keys and values; ``(owned, doc)`` adds the keys whose home is the typed page."""
    *owned_keys, doc = args
    fm = present(doc.front_matter, "doc.front_matter")
    # The typed keys hold immutable values; only the others can be changed in place, so only they are copied.
    values = zip(FRONT_MATTER_KEYS, _TYPED_KEYS(fm), strict=True)
    typed = tuple(item for item in values if item[1] is not None and item[1] != ())
    items = typed + tuple((key, _frozen(value)) for key, value in fm.extra.items()) if fm.extra else typed
    if owned_keys:
        owned = tuple((key, value_of(doc.page)) for key, value_of in owned_keys[0])
        items += tuple(item for item in owned if item[1] is not None)
    return items


_TYPED_KEYS = operator.attrgetter(*FRONT_MATTER_KEYS)


def _render_front_matter(params: tuple[Any, ...], block: Block, original: Any, now: Any) -> str:
    (entries,) = params
    seen: set[str] = set()
    twice = next((key for key, _ in now if key in seen or seen.add(key)), None)  # type: ignore[func-returns-value]
    if twice is not None:  # a key the typed page keeps, given to the front matter's extra too
        raise _refuse(block, f"doc.front_matter.extra[{twice!r}]", f"this page keeps {twice!r} as doc.page.{twice}")
    lines = split_lines(block.source)
    ending = line_ending(lines[0]) or "\n"
    before, after = dict(original), dict(now)
    out = [lines[0]]
    written: set[str] = set()
    for entry in entries:
        key = entry.key
        if key is None or (key not in before and key not in after) or key in written:
            out.append(entry.source)
        elif key in after and (key not in before or before[key] != after[key]):
            out.extend(line + ending for line in front_matter_entry(key, _plain_value(after[key])))
            written.add(key)
        elif key in after:
            out.append(entry.source)
            written.add(key)
    for key, value in now:
        if key not in written and not any(entry.key == key for entry in entries):
            out.extend(line + ending for line in front_matter_entry(key, _plain_value(value)))
    return "".join(out) + lines[-1]


def _plain_value(value: Any) -> Any:
    """A front matter view's value without its :class:`_Typed` wrapper."""
    return value.value if isinstance(value, _Typed) else value


def _render_chart(params: tuple[Any, ...], block: Block, original: Any, now: Any) -> str:
    (update,) = params
    assert isinstance(block, FencedBlock)
    lines = split_lines(block.source)
    ending = line_ending(lines[0]) or "\n"
    closing = lines[-1] if block.closed and len(lines) > 1 else ""
    body = block.body
    updated, changes = update(decode_members(body), now, original)
    if changes is not None:
        if not changes:
            return block.source
        spans = scalar_spans(body)
        if all(path in spans and not isinstance(value, (dict, list)) for path, value in changes):
            # Each changed fact written into its own span: the rest of the JSON stays as written.
            placed = sorted(((spans[path], value) for path, value in changes), key=lambda item: item[0], reverse=True)
            for (start, end), value in placed:
                body = body[:start] + chart_json(value) + body[end:]
            return lines[0] + body + closing
    return lines[0] + chart_json(updated).replace("\n", ending) + ending + closing


def _frozen(value: Any) -> Any:
    """``value`` as it is now: a copy of a list or dict (the user may change them in place), else itself,
    wrapped so that it compares by type too (``True == 1``, but a front matter writes them differently)."""
    return _Typed(copy.deepcopy(value) if isinstance(value, (list, dict, set)) else value)


@compact
@attrs.frozen(eq=False)
class _Typed:
    """A front matter value that compares equal only to an equal value of the same types, all the way down."""

    value: Any

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Typed) and _typed(self.value) == _typed(other.value)

    def __hash__(self) -> int:
        return hash(repr(_typed(self.value)))


def _typed(value: Any) -> Any:
    """``value`` with the type of each of its parts beside it."""
    if isinstance(value, dict):
        return ("dict", tuple((_typed(key), _typed(item)) for key, item in value.items()))
    if isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(map(repr, value)) if isinstance(value, (set, frozenset)) else value
        return (type(value).__name__, tuple(map(_typed, items)))
    return (type(value).__name__, value)


@compact
@attrs.frozen
class _RowStyle:
    """How a table writes its rows: what comes before the first cell and after the last, the padding."""

    lead: str
    trail: str
    pad: str
    empty: str
    ending: str

    @classmethod
    def of(cls, table: Table) -> _RowStyle:
        lines = split_lines(table.source)
        template = table.rows[0] if table.rows else table.header_row
        content = line_content(lines[template.start.line - table.start.line])
        start = template.first_cell_offset
        end = start + sum(len(raw) for raw in template.raw_cells) + len(template.raw_cells) - 1
        first = template.raw_cells[0] if template.raw_cells else " "
        pad = first[: len(first) - len(first.lstrip(" \t"))] or " " if first.strip() else " "
        empties = [raw for row in table.rows for raw in row.raw_cells if raw and not raw.strip(" \t")]
        endings = [line_ending(line) for line in lines if line_ending(line)]
        return cls(
            content[:start], content[end:], pad, empties[0] if empties else pad * 2, endings[0] if endings else "\n"
        )

    def line(self, texts: Sequence[str]) -> str:
        cells = [f"{self.pad}{escape_pipes(text)}{self.pad}" if text else self.empty for text in texts]
        return self.lead + "|".join(cells) + self.trail + self.ending


def _same_text(written: str, new: str) -> bool:
    """Whether ``new`` says what ``written`` says: the same text, or both saying "none" (``-`` or nothing)."""
    return written == new or (written in ("", "-") and new in ("", "-"))


def _patch(line: str, row: Row, new: Sequence[str], empty: str) -> str:
    """``line`` (a row's line) with the cells whose text changed rewritten, their padding kept."""
    content, ending = line_content(line), line_ending(line)
    raws = list(row.raw_cells)
    for index, after in enumerate(new[: len(raws)]):
        raw = raws[index]
        if cell_text(raw) == after or (isinstance(after, NoValue) and after.shown_by(cell_text(raw))):
            continue  # as written: the same text, or no value (empty, "-", or text its column does not read)
        if not after:
            raws[index] = empty
        elif raw.strip(" \t"):
            lead = raw[: len(raw) - len(raw.lstrip(" \t"))]
            trail = raw[len(raw.rstrip(" \t")) :]
            raws[index] = lead + escape_pipes(after) + trail
        else:
            raws[index] = f" {escape_pipes(after)} "
    start = row.first_cell_offset
    end = start + sum(len(raw) for raw in row.raw_cells) + len(row.raw_cells) - 1
    return content[:start] + "|".join(raws) + content[end:] + ending


def _followers(count: int, taken: set[int]) -> dict[int, list[int]]:
    """The body lines the model does not hold, by the held line they follow (-1: before every held line)."""
    followers: dict[int, list[int]] = {}
    anchor = -1
    for at in range(2, count):
        if at in taken:
            anchor = at
        else:
            followers.setdefault(anchor, []).append(at)
    return followers


def _join(lines: list[str], ending: str, last_line: str) -> str:
    """Lines joined so that every line but the last has an ending, and the last ends as the block did."""
    out = []
    for number, line in enumerate(lines):
        content = line_content(line)
        if number + 1 < len(lines):
            out.append(content + (line_ending(line) or ending))
        else:
            out.append(content + line_ending(last_line))
    return "".join(out)
