"""Table rows: cutting a line into cells, and the cells themselves.

A row line is cut at every pipe that is not escaped with a backslash.  A
pipe that opens or closes the line (spaces aside) is the row's border, not a
cell boundary; so ``| a | b |`` and ``a | b`` both hold the cells ``" a "``
and ``" b "``.  Each :class:`Cell` keeps that raw text, exactly, and gives
its stripped text and inline content on request.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import Literal, overload

import attrs

from ._inline import Inline, Link, iter_links, parse_inline
from ._text import Position

__all__ = ["Alignment", "Cell", "Row", "is_delimiter_row", "read_alignment", "split_cells"]

Alignment = Literal["left", "center", "right"]


def _split_pipes(content: str) -> list[str]:
    """``content`` cut at each unescaped pipe."""
    if "\\" not in content:
        return content.split("|")
    pieces: list[str] = []
    start = 0
    index = 0
    length = len(content)
    while index < length:
        char = content[index]
        if char == "\\":
            index += 2
            continue
        if char == "|":
            pieces.append(content[start:index])
            start = index + 1
        index += 1
    pieces.append(content[start:])
    return pieces


def split_cells(content: str) -> tuple[tuple[str, ...], int]:
    """The raw cells of a row line (without its line ending), and the offset of the first.

    The offset is where the first cell's raw text starts within ``content``;
    each later cell starts one character (its pipe) after the one before ends.
    """
    pieces = content.split("|") if "\\" not in content else _split_pipes(content)
    if len(pieces) == 1:
        return (pieces[0],), 0
    first, last = 0, len(pieces)
    offset = 0
    if not pieces[0].strip(" \t"):
        first = 1
        offset = len(pieces[0]) + 1
    if not pieces[-1].strip(" \t"):
        last -= 1
    return tuple(pieces[first:last]), offset


def count_cells(content: str) -> int:
    """How many cells :func:`split_cells` would cut ``content`` into, without cutting it."""
    if "\\" in content:
        return len(split_cells(content)[0])
    if content[:1] == "|" and content[-1:] == "|" and len(content) > 1:
        return content.count("|") - 1  # the usual row: a pipe at each end, each a border
    count = content.count("|") + 1
    if count == 1:
        return 1
    if not content[: content.find("|")].strip(" \t"):
        count -= 1
    if not content[content.rfind("|") + 1 :].strip(" \t"):
        count -= 1
    return count


#: A delimiter row once only spaces, tabs, pipes, colons and hyphens are known to be in it: cells of
#: ``:?-+:?`` between pipes, a border pipe at either end optional.  Each repeat starts at a pipe, so
#: nothing can backtrack.
_DELIMITER_ROW = re.compile(r"(?:[ \t]*\|)?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*(?:\|[ \t]*)?")


def is_delimiter_row(content: str) -> bool:
    """Whether ``content`` is a table's delimiter row (``|---|:--:|``)."""
    if "|" not in content or "-" not in content:
        return False
    if content.strip(" \t|:-"):
        return False
    return _DELIMITER_ROW.fullmatch(content) is not None


def read_alignment(cell: str) -> Alignment | None:
    """The alignment a delimiter cell asks for, or None for the default."""
    core = cell.strip(" \t")
    left, right = core.startswith(":"), core.endswith(":")
    if left and right:
        return "center"
    if right:
        return "right"
    if left:
        return "left"
    return None


def cell_text(raw: str) -> str:
    """A cell's text: ``raw`` without surrounding spaces and tabs, an escaped pipe read as ``|``."""
    text = raw.strip(" \t")
    return text.replace("\\|", "|") if "\\" in text else text


@attrs.frozen
class Cell:
    """One table cell: ``raw`` exactly as written between its pipes.

    ``text`` is ``raw`` without its surrounding spaces and tabs, an escaped
    pipe ``\\|`` read as ``|``; ``inline`` its inline content (links,
    emphasis...) as read by mistune.  ``line``, ``column`` and ``offset``
    are where ``raw`` starts (``start`` gives them as a :class:`Position`).
    """

    raw: str
    line: int
    column: int
    offset: int = attrs.field(repr=False)

    @property
    def start(self) -> Position:
        return Position(self.line, self.column, self.offset)

    @property
    def text(self) -> str:
        return cell_text(self.raw)

    @functools.cached_property
    def inline(self) -> tuple[Inline, ...]:
        return parse_inline(self.text)

    @property
    def links(self) -> tuple[Link, ...]:
        """The links in the cell."""
        return tuple(iter_links(self.inline))

    def __str__(self) -> str:
        return self.text


@attrs.frozen
class Row:
    """One table row: the ``content`` of its line, cut into cells on request.

    ``raw_cells`` are the cells as written between their pipes, cut from
    ``content`` the first time they are asked for (a view of the rows that
    never looks at their cells makes none); ``cells`` makes them into
    :class:`Cell` objects with their positions.  A row can be indexed by
    position or by the header text of its column: ``row[0]``,
    ``row["Rating"]``.  ``line`` and ``offset`` are where the row's line
    begins (``start`` as a :class:`Position`); ``content`` is that line
    without its line ending.
    """

    content: str = attrs.field(repr=False)
    line: int
    offset: int = attrs.field(repr=False)
    header: tuple[str, ...] = attrs.field(repr=False)

    @property
    def start(self) -> Position:
        return Position(self.line, 1, self.offset)

    @functools.cached_property
    def _cut(self) -> tuple[tuple[str, ...], int]:
        return split_cells(self.content)

    @property
    def raw_cells(self) -> tuple[str, ...]:
        """Each cell's text exactly as written between its pipes."""
        return self._cut[0]

    @property
    def first_cell_offset(self) -> int:
        """Where the first cell's raw text starts in ``content`` (after a leading pipe and what precedes it)."""
        return self._cut[1]

    @functools.cached_property
    def _starts(self) -> tuple[int, ...]:
        """Where each cell's raw text starts in the row's line (0-based), worked out once."""
        raw_cells, at = self._cut
        starts = []
        for raw in raw_cells:
            starts.append(at)
            at += len(raw) + 1
        return tuple(starts)

    @property
    def cells(self) -> tuple[Cell, ...]:
        line, offset = self.line, self.offset
        return tuple(
            Cell(raw, line, 1 + before, offset + before)
            for raw, before in zip(self.raw_cells, self._starts, strict=True)
        )

    def cell(self, index: int) -> Cell:
        """The cell at ``index``, with its position."""
        before = self._starts[index]
        return Cell(self.raw_cells[index], self.line, 1 + before, self.offset + before)

    @property
    def texts(self) -> tuple[str, ...]:
        """The stripped text of each cell."""
        return tuple(cell_text(raw) for raw in self.raw_cells)

    def text(self, key: str) -> str | None:
        """The stripped text of the cell under the header ``key``; None when the row has no such cell."""
        index = self._index(key)
        return cell_text(self.raw_cells[index]) if index is not None else None

    def _index(self, key: str) -> int | None:
        try:
            index = self.header.index(key)
        except ValueError:
            return None
        return index if index < len(self.raw_cells) else None

    @overload
    def __getitem__(self, key: int) -> Cell: ...
    @overload
    def __getitem__(self, key: str) -> Cell: ...
    def __getitem__(self, key: int | str) -> Cell:
        if isinstance(key, str):
            index = self._index(key)
            if index is None:
                raise KeyError(key)
            return self.cell(index)
        if key < 0:
            key += len(self.raw_cells)
        if not 0 <= key < len(self.raw_cells):
            raise IndexError(key)
        return self.cell(key)

    def get(self, key: str) -> Cell | None:
        """The cell under the header ``key``, or None when the row has none."""
        try:
            return self[key]
        except KeyError:
            return None

    def __len__(self) -> int:
        return len(self.raw_cells)

    def __iter__(self) -> Iterator[Cell]:
        return iter(self.cells)
