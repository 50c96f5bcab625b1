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

import copy
import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from ._blocks import Block, FrontMatterBlock, Table
from ._problems import EditError, Problem
from ._render import chart_json, escape_cell, front_matter_entry, front_matter_items
from ._tables import Row
from ._text import line_content, line_ending, split_lines

if TYPE_CHECKING:
    from ._document import Document

__all__ = ["Binder", "Binding", "Gone", "write_back"]

View = Callable[["Document"], Any]


class Gone(Exception):
    """A view's object is no longer in the model (a section set to None, say)."""


def present(value: Any, what: str) -> Any:
    """``value``, or :class:`Gone` when it is None: for views that walk the model."""
    if value is None:
        raise Gone(what)
    return value


@attrs.define
class Binding:
    """One block, the facts it shows, and how to write them back."""

    block: Block
    view: View
    render: Callable[[Block, Any, Any], str]
    what: str
    #: A guard over the page's structure, bound to no block of its own.
    structural: bool = False
    original: Any = None
    index: int = -1


def _refuse(block: Block, what: str, detail: str) -> EditError:
    return EditError(Problem(block.start.line, 1, what, "an edit this page's text has a place for", detail))


def write_back(doc: Document) -> str:
    """The text of ``doc``: each block from its source, or, when the facts it shows changed, rewritten."""
    blocks = doc.blocks
    written: dict[int, str] = {}
    for binding in doc._bindings:
        try:
            now = binding.view(doc)
        except (Gone, AttributeError, IndexError, KeyError) as gone:
            raise _refuse(
                binding.block,
                binding.what,
                f"it was removed from the model ({gone}); dumps(doc, preserve=False) writes the page from the model",
            ) from None
        if now != binding.original:
            if binding.structural:
                binding.render(binding.block, binding.original, now)  # raises
            else:
                written[binding.index] = binding.render(blocks[binding.index], binding.original, now)
    if not written:
        return "".join(block.source for block in blocks)
    return "".join(written.get(index, block.source) for index, block in enumerate(blocks))


class Binder:
    """Collects the bindings while a page is read; see the module."""

    def __init__(self) -> None:
        self.bindings: list[Binding] = []

    def done(self, doc: Document) -> tuple[Binding, ...]:
        """Resolve each binding's block to its index and take the original views from ``doc``."""
        index = {id(block): number for number, block in enumerate(doc.blocks)}
        done = []
        for binding in self.bindings:
            if not binding.structural:
                binding.index = index[id(binding.block)]
            try:
                binding.original = binding.view(doc)
            except (Gone, AttributeError, IndexError, KeyError):
                continue  # facts the model does not hold (a section read twice, say): nothing to write back
            done.append(binding)
        return tuple(done)

    def add(self, block: Block, view: View, render: Callable[[Block, Any, Any], str], what: str) -> None:
        self.bindings.append(Binding(block, view, render, what))

    # -- guards --------------------------------------------------------------------

    def guard(self, block: Block, view: View, what: str) -> None:
        """Facts ``block`` shows that cannot be written back: a change to them raises :class:`EditError`."""

        def refuse(_block: Block, original: Any, now: Any) -> str:
            raise _refuse(block, what, "this page's text has no place symboldoc can write it to")

        self.add(block, view, refuse, what)

    def structure(self, anchor: Block, view: View, what: str) -> None:
        """The shape of the model (which sections, which groups): a change raises :class:`EditError`."""

        def refuse(_block: Block, original: Any, now: Any) -> str:
            raise _refuse(anchor, what, "dumps(doc, preserve=False) writes the page from the model")

        self.bindings.append(Binding(anchor, view, refuse, what, structural=True))

    # -- spans of text -----------------------------------------------------------------

    def spans(self, block: Block, pattern: re.Pattern[str], names: Sequence[str], view: View, what: str) -> None:
        """The groups ``names`` of ``pattern`` in the block's source hold the texts ``view`` gives, in order.

        When the pattern is not found, the facts are guarded instead.
        """
        match = pattern.search(block.source)
        if match is None:
            self.guard(block, view, what)
            return
        self.places(block, [match.span(name) for name in names], view, what)

    def at(self, block: Block, places: Sequence[tuple[int, int] | None], view: View, what: str) -> None:
        """Like :meth:`places`; when a place could not be found (None), the facts are guarded instead."""
        found = [place for place in places if place is not None]
        if len(found) == len(places) and found:
            self.places(block, found, view, what)
        else:
            self.guard(block, view, what)

    def places(self, block: Block, places: Sequence[tuple[int, int]], view: View, what: str) -> None:
        """The spans ``places`` of the block's source hold the texts ``view`` gives, in order."""

        def render(block: Block, original: Any, now: Any) -> str:
            text = block.source
            for (start, end), old, new in sorted(zip(places, original, now, strict=True), reverse=True):
                if old != new:
                    text = text[:start] + new + text[end:]
            return text

        self.add(block, view, render, what)

    def whole(self, block: Block, view: View, render_text: Callable[[Any], list[str]], what: str) -> None:
        """A block rewritten whole from its facts (``render_text`` gives its lines, without endings)."""
        ending = line_ending(split_lines(block.source)[0]) or "\n"
        last = line_ending(split_lines(block.source)[-1])

        def render(block: Block, original: Any, now: Any) -> str:
            lines = render_text(now)
            return ending.join(lines) + last

        self.add(block, view, render, what)

    # -- tables --------------------------------------------------------------------------

    def rows(
        self,
        table: Table,
        items: Callable[[Document], Sequence[Any]],
        cells: Callable[[Any], tuple[str, ...]],
        read: Sequence[tuple[Any, Row]],
        what: str,
    ) -> None:
        """The body rows of ``table`` show the objects of a model list; ``read`` pairs each with its row.

        A changed object rewrites the cells that changed; a new one gets a row in
        the table's style, where it stands in the list; a removed one loses its
        row; rows the reader did not take into the model stay where they are.
        """
        row_of = {id(obj): row for obj, row in read}

        def view(doc: Document) -> tuple[tuple[int, tuple[str, ...]], ...]:
            return tuple((id(obj), cells(obj)) for obj in items(doc))

        def render(table: Block, original: Any, now: Any) -> str:
            assert isinstance(table, Table)
            style = _RowStyle.of(table)
            lines = split_lines(table.source)
            was = dict(original)
            taken = {id(row) for row in row_of.values()}
            followers = _followers(table, taken)
            out = lines[:2] + followers.pop(-1, [])
            for key, texts in now:
                row = row_of.get(key)
                if row is None:
                    out.append(style.line(texts))
                    continue
                line = lines[row.start.line - table.start.line]
                if texts != was[key]:
                    line = _patch(line, row, was[key], texts, style.empty)
                out.append(line)
                out.extend(followers.pop(id(row), []))
            for rest in followers.values():
                out.extend(rest)
            return _join(out, style.ending, lines[-1])

        self.add(table, view, render, what)

    def keyed(
        self,
        table: Table,
        fields: Sequence[tuple[str, View, tuple[Row, int] | None]],
        what: str,
    ) -> None:
        """A table of label, value rows: each field is shown in a cell (or has no row yet)."""

        def view(doc: Document) -> tuple[str | None, ...]:
            return tuple(get(doc) for _, get, _ in fields)

        def render(table: Block, original: Any, now: Any) -> str:
            assert isinstance(table, Table)
            style = _RowStyle.of(table)
            lines = split_lines(table.source)
            out = list(lines)
            for (label, _, place), old, new in zip(fields, original, now, strict=True):
                if old == new:
                    continue
                if place is None:
                    if new is not None:
                        out.append(style.line((label, new)))
                    continue
                row, column = place
                at = row.start.line - table.start.line
                texts = list(row.texts)
                was = list(texts)
                texts[column] = "-" if new is None else new
                out[at] = _patch(out[at], row, tuple(was), tuple(texts), style.empty)
            return _join(out, style.ending, lines[-1])

        self.add(table, view, render, what)

    # -- lists ---------------------------------------------------------------------------------

    def items(self, block: Block, view: View, line: Callable[[Any], str], what: str) -> None:
        """A list whose items show the values ``view`` gives: unchanged items keep their lines."""
        lines = split_lines(block.source)
        ending = line_ending(lines[0]) or "\n"

        def render(block: Block, original: Any, now: Any) -> str:
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

        self.add(block, view, render, what)

    # -- the front matter -------------------------------------------------------------------

    def front_matter(self, block: FrontMatterBlock) -> None:
        """The front matter: a changed key rewrites its own lines; a new key goes last; a removed one goes."""
        entries = block.front_matter.entries
        lines = split_lines(block.source)
        ending = line_ending(lines[0]) or "\n"

        def view(doc: Document) -> tuple[tuple[str, Any], ...]:
            fm = present(doc.front_matter, "doc.front_matter")
            return tuple(copy.deepcopy(front_matter_items(fm)))

        def render(block: Block, original: Any, now: Any) -> str:
            before, after = dict(original), dict(now)
            out = [lines[0]]
            written: set[str] = set()
            for entry in entries:
                key = entry.key
                if key is None or (key not in before and key not in after) or key in written:
                    out.append(entry.source)
                elif key in after and (key not in before or before[key] != after[key]):
                    out.extend(line + ending for line in front_matter_entry(key, after[key]))
                    written.add(key)
                elif key in after:
                    out.append(entry.source)
                    written.add(key)
            for key, value in now:
                if key not in written and not any(entry.key == key for entry in entries):
                    out.extend(line + ending for line in front_matter_entry(key, value))
            return "".join(out) + lines[-1]

        self.add(block, view, render, "the front matter")

    # -- the chart ------------------------------------------------------------------------------

    def chart(self, block: Block, data: Any, view: View, update: Callable[[Any, Any], Any], what: str) -> None:
        """A ``chart-data`` block whose JSON repeats facts of the model.

        The JSON is written again with the pages' two-space indent; a chart
        written that way to begin with (every chart seen) changes only on the
        lines of the changed facts.
        """
        lines = split_lines(block.source)
        ending = line_ending(lines[0]) or "\n"
        closing = lines[-1] if len(lines) > 1 else ""

        def render(block: Block, original: Any, now: Any) -> str:
            updated = update(copy.deepcopy(data), now)
            body = chart_json(updated).replace("\n", ending) + ending
            return lines[0] + body + closing

        self.add(block, view, render, what)


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
        cells = [f"{self.pad}{escape_cell(text)}{self.pad}" if text else self.empty for text in texts]
        return self.lead + "|".join(cells) + self.trail + self.ending


def _patch(line: str, row: Row, old: Sequence[str], new: Sequence[str], empty: str) -> str:
    """``line`` (a row's line) with the cells whose text changed rewritten, their padding kept."""
    content, ending = line_content(line), line_ending(line)
    raws = list(row.raw_cells)
    for index, (before, after) in enumerate(zip(old, new, strict=False)):
        if before == after or index >= len(raws):
            continue
        raw = raws[index]
        if not after:
            raws[index] = empty
        elif raw.strip(" \t"):
            lead = raw[: len(raw) - len(raw.lstrip(" \t"))]
            trail = raw[len(raw.rstrip(" \t")) :]
            raws[index] = lead + escape_cell(after) + trail
        else:
            raws[index] = f" {escape_cell(after)} "
    start = row.first_cell_offset
    end = start + sum(len(raw) for raw in row.raw_cells) + len(row.raw_cells) - 1
    return content[:start] + "|".join(raws) + content[end:] + ending


def _followers(table: Table, taken: set[int]) -> dict[int, list[str]]:
    """Rows the model does not hold, by the row they follow (-1: before every row the model holds)."""
    lines = split_lines(table.source)
    followers: dict[int, list[str]] = {}
    anchor = -1
    for row in table.rows:
        if id(row) in taken:
            anchor = id(row)
        else:
            followers.setdefault(anchor, []).append(lines[row.start.line - table.start.line])
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
