"""Reading helpers every page kind uses: located pieces of text, tables read by column, ``set_read``."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Protocol, TypeVar

import attrs

from ._blocks import (
    BlankLines,
    Block,
    Table,
)
from ._edit import Binder
from ._escape import (
    cell_plain,
)
from ._problems import Reporter
from ._tables import Cell, cell_text, split_cells
from ._text import Position, line_content, position_within

T = TypeVar("T")


def set_read(obj: object, name: str, value: object) -> None:
    """Set a field of a model object to a value the reader has already read into the field's type.

    An assignment would run the field's conversion and checks, which give
    such a value back unchanged; they are most of what an assignment costs.
    """
    object.__setattr__(obj, name, value)


class TableReading:
    """One table being read: its body rows cut once, its columns found by name, its cells read as values.

    Only rows holding a cell for every column are read: a shorter row (a page
    cut mid-row) is left as it is.  A cell a reader refuses is reported
    where it stands, and read as None.
    """

    def __init__(self, table: Table, report: Callable[[Position, str, str, str], None]) -> None:
        self.table = table
        self.report = report
        width = len(table.header)
        self.lines = table.lines
        #: Each body line's raw cells (tuples of strings only, which the garbage collector soon stops watching);
        #: the header and delimiter lines, which no reader asks for, are not cut.
        self.cells: list[tuple[str, ...]] = [(), ()]
        self.cells += [split_cells(text.rstrip("\r\n"))[0] for text in self.lines[2:]]  # line_content, inlined
        #: The line numbers of the body rows read (a plain list of numbers: no object for each row).
        first = table.line
        self.body = [first + number for number, cells in enumerate(self.cells) if number >= 2 and len(cells) >= width]
        self._line_offsets: list[int] | None = None

    @property
    def rows(self) -> Iterator[tuple[int, tuple[str, ...]]]:
        """The body rows read: the line number of each and its raw cells."""
        first, cells = self.table.line, self.cells
        for line in self.body:
            yield line, cells[line - first]

    def column(self, name: str) -> int | None:
        """Where the first column headed ``name`` stands, or None when the table has none."""
        try:
            return self.table.header.index(name)
        except ValueError:
            return None

    def plain(self, cells: tuple[str, ...], index: int | None) -> str:
        """The plain text of the cell at ``index`` (a :meth:`column`); ``""`` for no column."""
        return "" if index is None else cell_plain(cells[index])

    def value(
        self,
        line: int,
        cells: tuple[str, ...],
        index: int | None,
        read: Callable[[str], T | None],
        construct: str,
        what: str,
    ) -> T | None:
        """``read`` applied to the text of the cell at ``index``; a text it refuses is reported and read as None."""
        if index is None:
            return None
        text = cell_text(cells[index])
        try:
            return read(text)
        except ValueError:
            self.report(self.cell_start(line, index), construct, what, f"found {text[:80]!r}")
            return None

    def checked(
        self,
        line: int,
        cells: tuple[str, ...],
        index: int | None,
        check: Callable[[str], bool],
        construct: str,
        what: str,
    ) -> str | None:
        """The text of the cell at ``index``, to be read later, when ``check`` takes it.

        None for no column, and for ``-`` or nothing (no value); a text
        ``check`` refuses is reported where it stands, and None.
        """
        if index is None:
            return None
        text = cell_text(cells[index])
        if text == "" or text == "-":
            return None
        if check(text):
            return text
        self.report(self.cell_start(line, index), construct, what, f"found {text[:80]!r}")
        return None

    def cell(self, line: int, cells: tuple[str, ...], index: int | None) -> CellAt | None:
        """The cell at ``index`` of a row, as a located text; None where the row has none."""
        if index is None or index >= len(cells):
            return None
        return CellAt(self, line, index, cells[index])

    def row_start(self, line: int) -> Position:
        """Where the row on ``line`` starts (the offsets of the table's lines are worked out once, when needed)."""
        if self._line_offsets is None:
            offsets, at = [], self.table.offset
            for text in self.lines:
                offsets.append(at)
                at += len(text)
            self._line_offsets = offsets
        return Position(line, 1, self._line_offsets[line - self.table.line])

    def cell_start(self, line: int, index: int) -> Position:
        """Where the raw text of cell ``index`` of the row on ``line`` starts."""
        row = self.row_start(line)
        cells, first = split_cells(line_content(self.lines[line - self.table.line]))
        before = first + sum(len(raw) + 1 for raw in cells[:index])
        return Position(line, 1 + before, row.offset + before)


@attrs.frozen
class CellAt:
    """A cell of a table being read: its raw text, and its place, made only when asked."""

    reading: TableReading
    line: int
    index: int
    raw: str

    @property
    def text(self) -> str:
        return cell_text(self.raw)

    @property
    def start(self) -> Position:
        return self.reading.cell_start(self.line, self.index)


class Located(Protocol):
    """Text with a place: a cell, or a :class:`Piece`."""

    @property
    def text(self) -> str: ...
    @property
    def start(self) -> Position: ...


@attrs.frozen
class Line:
    """One line of a block (without its ending), and where it starts."""

    start: Position
    source: str


@attrs.frozen
class Piece:
    """A piece of a block's (or a line's, or a cell's) text, read like a cell.

    It is placed where its text first stands at or after ``after`` (an index
    into the block's source: past the label before it); a piece whose text
    the block does not hold as it stands (its markup was taken away) is
    placed at ``after``.  Nothing is looked for until a problem is reported.
    """

    block: Block | Cell | CellAt | Line
    text: str
    after: int = 0

    @property
    def start(self) -> Position:
        where = self.block
        source = where.raw if isinstance(where, (Cell, CellAt)) else where.source
        text = self.text.strip()
        index = source.find(text, self.after) if text else -1
        return position_within(where.start, source, index if index >= 0 else self.after)


def after_first(source: str, mark: str, start: int = 0) -> int:
    """Just after the first ``mark`` in ``source`` from ``start`` (``start`` when there is none)."""
    found = source.find(mark, start)
    return found + len(mark) if found >= 0 else start


def after_last(source: str, mark: str) -> int:
    """Just after the last ``mark`` in ``source`` (0 when there is none)."""
    return source.rfind(mark) + 1 if mark in source else 0


# -- what the bindings read from a document, and where they find it in the text -------------------------


class PageReading:
    """What every page kind's reader does: report a problem where it stands, read a located text as a value.

    Readers never raise on their own: a problem goes to the ``Reporter``
    (kept in lenient mode, raised in strict mode), and the reader carries on.
    """

    def __init__(self, reporter: Reporter, binder: Binder) -> None:
        self.reporter = reporter
        self.bind = binder

    def report(self, where: Position, construct: str, expected: str, detail: str = "") -> None:
        self.reporter.report(where.line, where.column, construct, expected, detail)

    def value(self, cell: Located | None, read: Callable[[str], T | None], construct: str, what: str) -> T | None:
        """``read`` applied to a cell's text; a text it refuses is reported and read as None."""
        if cell is None:
            return None
        try:
            return read(cell.text)
        except ValueError:
            self.report(cell.start, construct, what, f"found {cell.text.strip()!r}")
            return None

    def table(self, table: Table) -> TableReading:
        return TableReading(table, self.report)

    def unexpected(self, block: Block, construct: str) -> None:
        """Report a block a section does not hold (blank lines are never unexpected)."""
        if not isinstance(block, BlankLines):
            kind = type(block).__name__
            self.report(block.start, construct, "only what this section holds", f"found a {kind}")
