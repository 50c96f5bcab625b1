"""The blocks of a read text, kept as their sources and where they stand until each is asked for.

The scanner (``_scan``) records each block it finds as its source, one byte
for its class, and its first line and offset in two arrays of four bytes
(eight for a text of over four billion characters), plus the fields of its
own that a few classes have (a heading's level, a table's header...).
:class:`Blocks` makes a block object the first time it is asked for and
keeps it, so ``blocks[i] is blocks[i]``.  A page of many tiny blocks thus
costs its sources and some ten bytes a block until its blocks are used;
the readers of the page kinds ask for the blocks they read.
"""

from __future__ import annotations

import functools
import threading
from array import array
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, TypeVar, cast, overload

from ._blocks import (
    BlankLines,
    Block,
    BlockQuote,
    ChartBlock,
    FencedBlock,
    FrontMatterBlock,
    Heading,
    IndentedCode,
    ListBlock,
    Paragraph,
    Table,
    ThematicBreak,
)

__all__ = [
    "BLOCK_CLASSES",
    "Blocks",
    "BlocksBuilder",
    "SomeBlocks",
    "blocks_of_class",
    "classes_of",
    "some_blocks_other_than",
]

#: The block classes, by the byte that stands for each in :attr:`Blocks._kinds`.
BLOCK_CLASSES: tuple[type[Block], ...] = (
    BlankLines,
    Paragraph,
    Heading,
    Table,
    ListBlock,
    BlockQuote,
    ThematicBreak,
    FencedBlock,
    ChartBlock,
    IndentedCode,
    FrontMatterBlock,
)
AnyBlock = TypeVar("AnyBlock", bound=Block)

_CODES = {cls: code for code, cls in enumerate(BLOCK_CLASSES)}


#: Blocks made are kept in chunks of this many (a power of two).
_CHUNK_BITS = 6
_CHUNK = 1 << _CHUNK_BITS
_CHUNK_MASK = _CHUNK - 1


@functools.cache  # one answer a class
def _codes_of(cls: type[Block]) -> bytes:
    """The codes of the classes in :data:`BLOCK_CLASSES` that are ``cls`` or its subclasses."""
    return bytes(code for code, known in enumerate(BLOCK_CLASSES) if issubclass(known, cls))


def _positions_type(size: int) -> str:
    """The array type that holds every line number and offset of a text of ``size`` characters."""
    return "I" if size < 2**32 - 1 and array("I").itemsize == 4 else "Q"


class BlocksBuilder:
    """What the scanner fills, block by block; :meth:`done` gives the :class:`Blocks`."""

    __slots__ = ("extras", "kinds", "lines", "offsets", "sources")

    def __init__(self, size: int) -> None:
        positions = _positions_type(size + 1)
        self.sources: list[str] = []
        self.kinds = bytearray()
        self.lines = array(positions)
        self.offsets = array(positions)
        self.extras: dict[int, tuple[Any, ...]] = {}

    def add(self, cls: type[Block], source: str, line: int, offset: int, fields: tuple[Any, ...]) -> None:
        """Record a block of class ``cls``; ``fields`` are its own, after the source, line and offset."""
        if fields:
            self.extras[len(self.sources)] = fields
        self.sources.append(source)
        self.kinds.append(_CODES[cls])
        self.lines.append(line)
        self.offsets.append(offset)

    def __len__(self) -> int:
        return len(self.sources)

    def done(self) -> Blocks:
        return Blocks(self.sources, bytes(self.kinds), self.lines, self.offsets, self.extras)


class Blocks(Sequence[Block]):
    """The blocks of a document read from text, in order: a read-only sequence.

    Each block is made the first time it is asked for, then kept.  Two
    :class:`Blocks` are equal when they hold the same blocks; a
    :class:`Blocks` and another sequence, when their blocks are equal one by
    one.
    """

    __slots__ = ("_every", "_extras", "_kinds", "_lines", "_made", "_making", "_offsets", "_sources")

    def __init__(
        self,
        sources: list[str],
        kinds: bytes,
        lines: array[int],
        offsets: array[int],
        extras: dict[int, tuple[Any, ...]],
    ) -> None:
        self._sources = sources
        self._kinds = kinds
        self._lines = lines
        self._offsets = offsets
        self._extras = extras
        # The blocks made so far, by chunks of _CHUNK (a page whose first block is asked for holds one
        # chunk, not a slot for each of its blocks); every block in order once all were asked for.
        self._made: dict[int, list[Block | None]] = {}
        self._every: list[Block] | None = None
        self._making = threading.Lock()

    def __len__(self) -> int:
        return len(self._sources)

    @overload
    def __getitem__(self, index: int) -> Block: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[Block, ...]: ...

    def __getitem__(self, index: int | slice) -> Block | tuple[Block, ...]:
        if isinstance(index, slice):
            return tuple(self._block(at) for at in range(*index.indices(len(self._sources))))
        count = len(self._sources)
        if index < 0:
            index += count
        if not 0 <= index < count:
            raise IndexError("block index out of range")
        return self._block(index)

    def __iter__(self) -> Iterator[Block]:
        every = self._every
        if every is None:
            with self._making:  # every block made at once, under one lock
                every = self._every = [self._make(index) for index in range(len(self._sources))]
        return iter(every)

    def __reversed__(self) -> Iterator[Block]:
        for index in range(len(self._sources) - 1, -1, -1):
            yield self._block(index)

    def _block(self, index: int) -> Block:
        chunk = self._made.get(index >> _CHUNK_BITS)
        block = chunk[index & _CHUNK_MASK] if chunk is not None else None
        if block is not None:
            return block
        with self._making:  # threads asking for the same block get the same object
            return self._make(index)

    def _make(self, index: int) -> Block:
        """Block ``index``, made now unless it was before (the caller holds ``_making``)."""
        chunk = self._made.get(index >> _CHUNK_BITS)
        if chunk is None:
            chunk = self._made[index >> _CHUNK_BITS] = [None] * _CHUNK
        block = chunk[index & _CHUNK_MASK]
        if block is None:
            cls = BLOCK_CLASSES[self._kinds[index]]
            fields = self._extras.get(index, ()) if self._extras else ()
            source, line, offset = self._sources[index], self._lines[index], self._offsets[index]
            if cls is ChartBlock:
                *own, chart_type = fields
                block = ChartBlock(source, line, offset, *own, chart_type=chart_type)
            else:
                block = cls(source, line, offset, *fields)
            chunk[index & _CHUNK_MASK] = block
        return block

    def made(self, indices: Iterable[int]) -> list[Block]:
        """Blocks ``indices``, made now under one lock where they were not before."""
        make = self._make
        with self._making:
            return [make(index) for index in indices]

    # -- without making blocks ------------------------------------------------------------

    @property
    def sources(self) -> tuple[str, ...]:
        """Each block's source, in order."""
        return tuple(self._sources)

    def index_at_line(self, line: int) -> int:
        """The index of the block whose lines include line ``line`` (1-based); IndexError for a line no block has."""
        index = bisect_right(self._lines, line) - 1
        if index < 0 or line > self._lines[index] + _line_count(self._sources[index]) - 1:
            raise IndexError(f"no block holds line {line}")
        return index

    def of_class(self, cls: type[AnyBlock]) -> Iterator[AnyBlock]:
        """The blocks that are instances of ``cls``, in order; the others are not made."""
        codes = _codes_of(cls)  # type: ignore[arg-type]  # a class is hashable
        kinds = self._kinds
        if len(codes) == 1:  # one class: each found with bytes.find, in C
            at = kinds.find(codes)
            while at != -1:
                yield cast(AnyBlock, self._block(at))
                at = kinds.find(codes, at + 1)
            return
        for index, kind in enumerate(kinds):
            if kind in codes:
                yield cast(AnyBlock, self._block(index))

    def other_than(self, cls: type[Block]) -> list[Block]:
        """The blocks that are not instances of ``cls``, in order; those that are are not made."""
        return list(some_blocks_other_than(self, cls))  # the blocks made at once, under one lock

    # -- comparing, copying, pickling -------------------------------------------------------

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Blocks):
            return (
                self._sources == other._sources
                and self._kinds == other._kinds
                and self._lines == other._lines
                and self._offsets == other._offsets
                and self._extras == other._extras
            )
        if isinstance(other, Sequence) and not isinstance(other, (str, bytes, bytearray)):
            return len(self) == len(other) and all(mine == theirs for mine, theirs in zip(self, other, strict=True))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Blocks({len(self._sources)} blocks)"

    def __reduce__(self) -> tuple[Any, ...]:
        # What the scanner recorded (blocks are frozen: a block made holds the fields recorded for it);
        # blocks already made are made again on the other side, on use.
        return (Blocks, (self._sources, self._kinds, self._lines, self._offsets, self._extras))


def _line_count(source: str) -> int:
    """How many lines ``source`` (a block's, so never empty) spans."""
    return source.count("\n") + source.count("\r") - source.count("\r\n") + (source[-1:] not in ("\n", "\r"))


def blocks_of_class(blocks: Iterable[Block], cls: type[AnyBlock]) -> Iterator[AnyBlock]:
    """The blocks of ``blocks`` that are instances of ``cls``; a :class:`Blocks` makes no other block."""
    if isinstance(blocks, Blocks):
        return blocks.of_class(cls)
    return (block for block in blocks if isinstance(block, cls))


def classes_of(blocks: Sequence[Block]) -> Sequence[type[Block]]:
    """The class of each block of ``blocks``; a :class:`Blocks` or :class:`SomeBlocks` makes none of them."""
    if isinstance(blocks, SomeBlocks):
        return blocks.classes
    if isinstance(blocks, Blocks):
        return [BLOCK_CLASSES[kind] for kind in blocks._kinds]
    return [type(block) for block in blocks]


class SomeBlocks(Sequence[Block]):
    """Some of the blocks of ``blocks``, by their indices (and ``classes``): each made when first asked for.

    A slice is another :class:`SomeBlocks`.  For a reader that looks at the
    classes of many blocks (:func:`classes_of`) and reads few of them; going
    through them makes them all, under one lock.
    """

    __slots__ = ("blocks", "classes", "indices")

    def __init__(self, blocks: Sequence[Block], indices: Sequence[int], classes: Sequence[type[Block]]) -> None:
        self.blocks = blocks
        self.indices = indices
        self.classes = classes

    def __len__(self) -> int:
        return len(self.indices)

    @overload
    def __getitem__(self, index: int) -> Block: ...

    @overload
    def __getitem__(self, index: slice) -> SomeBlocks: ...

    def __getitem__(self, index: int | slice) -> Block | SomeBlocks:
        if isinstance(index, slice):
            return SomeBlocks(self.blocks, self.indices[index], self.classes[index])
        blocks = self.blocks
        if isinstance(blocks, Blocks):
            return blocks._block(self.indices[index])  # an index of its own: one that exists
        return blocks[self.indices[index]]

    def __iter__(self) -> Iterator[Block]:
        return iter(self.at(range(len(self.indices))))

    def at(self, positions: Iterable[int]) -> list[Block]:
        """The blocks at ``positions`` (of this sequence), made now where they were not, under one lock."""
        blocks, indices = self.blocks, self.indices
        if isinstance(blocks, Blocks):
            return blocks.made(indices[position] for position in positions)
        return [blocks[indices[position]] for position in positions]


def some_blocks_other_than(blocks: Sequence[Block], cls: type[Block]) -> SomeBlocks:
    """The blocks of ``blocks`` that are not instances of ``cls``, none made yet (see :class:`SomeBlocks`)."""
    if isinstance(blocks, Blocks):
        codes = _codes_of(cls)  # type: ignore[arg-type]  # a class is hashable
        indices = [index for index, kind in enumerate(blocks._kinds) if kind not in codes]
        kinds = blocks._kinds
        return SomeBlocks(blocks, indices, [BLOCK_CLASSES[kinds[index]] for index in indices])
    indices = [index for index, block in enumerate(blocks) if not isinstance(block, cls)]
    return SomeBlocks(blocks, indices, [type(blocks[index]) for index in indices])
