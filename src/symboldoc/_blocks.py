"""The blocks a document is made of.

A document is a sequence of blocks that tile its text: every character
(but a leading byte order mark) belongs to exactly one block, and a block's
``source`` is its text exactly as written, line endings included.  So the
blocks joined give the text back, and each block knows where it stands:
``start`` is the first character of its first line, ``end`` the place just
after the last character of its last line (before that line's ending).

The block classes hold what the scanner (``_scan``) found; finer readings
(cells, inline content) are made on first access.
"""

from __future__ import annotations

import functools

import attrs

from ._charts import Chart
from ._frontmatter import FrontMatter
from ._inline import Inline, parse_inline, plain_text
from ._tables import Alignment, Cell, Row, read_alignment
from ._text import Position, line_content, split_lines

__all__ = [
    "BlankLines",
    "Block",
    "BlockQuote",
    "ChartBlock",
    "FencedBlock",
    "FrontMatterBlock",
    "Heading",
    "IndentedCode",
    "ListBlock",
    "ListItem",
    "Paragraph",
    "Table",
    "ThematicBreak",
]


@attrs.frozen
class Block:
    """What every block has: its exact ``source`` and where it stands."""

    source: str = attrs.field(repr=False)
    start: Position
    end: Position

    @property
    def lines(self) -> list[str]:
        """The block's lines, each with its line ending."""
        return split_lines(self.source)


@attrs.frozen
class BlankLines(Block):
    """One or more lines holding nothing but spaces and tabs."""


@attrs.frozen
class ThematicBreak(Block):
    """A ``---``, ``***`` or ``___`` line."""


@attrs.frozen
class Heading(Block):
    """An ATX (``## Title``) or setext (``Title`` over ``---``) heading.

    ``text`` is the heading's content without the ``#`` marks and without
    the spaces around it (``"Style Score Score:"`` for ``#### Style Score Score: ``).
    """

    level: int
    text: str

    @functools.cached_property
    def inline(self) -> tuple[Inline, ...]:
        return parse_inline(self.text)

    @property
    def plain_text(self) -> str:
        """The heading without its inline markup."""
        return plain_text(self.inline)


@attrs.frozen
class Paragraph(Block):
    """Lines of running text; ``text`` is them joined with ``\\n``, indentation removed."""

    text: str

    @functools.cached_property
    def inline(self) -> tuple[Inline, ...]:
        return parse_inline(self.text)


@attrs.frozen
class BlockQuote(Block):
    """Lines marked with ``>``; ``text`` is their content without the markers."""

    text: str

    @functools.cached_property
    def inline(self) -> tuple[Inline, ...]:
        return parse_inline(self.text)

    @property
    def text_lines(self) -> list[str]:
        """The quoted lines' content, one string a line."""
        return self.text.split("\n")


@attrs.frozen
class ListItem:
    """One item of a list: its ``marker`` (``-``, ``1.``...) and its ``text``."""

    marker: str
    text: str
    start: Position
    end: Position

    @functools.cached_property
    def inline(self) -> tuple[Inline, ...]:
        return parse_inline(self.text)


@attrs.frozen
class ListBlock(Block):
    """A bullet or ordered list."""

    items: tuple[ListItem, ...]

    @property
    def ordered(self) -> bool:
        return self.items[0].marker[-1:] in ".)" if self.items else False


@attrs.frozen
class FencedBlock(Block):
    """A fenced block: ``info`` is the text after the opening fence, ``body`` its content.

    ``closed`` is False when the document ended before the closing fence.
    """

    fence: str
    info: str
    body: str = attrs.field(repr=False)
    closed: bool = True

    @property
    def body_start_line(self) -> int:
        """The line number of the body's first line."""
        return self.start.line + 1


@attrs.frozen
class ChartBlock(FencedBlock):
    """A ``chart-data:<type>`` fenced block and the chart read from its JSON."""

    chart: Chart = attrs.field(kw_only=True)


@attrs.frozen
class IndentedCode(Block):
    """Lines indented by four or more spaces (or a tab) after a paragraph break."""


@attrs.frozen
class Table(Block):
    """A table: a header row, a delimiter row and body rows.

    ``header`` is the header cells' text; ``alignments`` what the delimiter
    row asks of each column (``"left"``, ``"center"``, ``"right"`` or None);
    ``rows`` the body rows.
    """

    header_row: Row
    delimiter_row: Row = attrs.field(repr=False)
    rows: tuple[Row, ...] = attrs.field(repr=False)

    @property
    def header(self) -> tuple[str, ...]:
        return self.header_row.header

    @functools.cached_property
    def alignments(self) -> tuple[Alignment | None, ...]:
        return tuple(read_alignment(raw) for raw in self.delimiter_row.raw_cells)

    def column(self, name: str) -> tuple[Cell | None, ...]:
        """The cells under the header ``name``, one per row (None where a row is short)."""
        if name not in self.header:
            raise KeyError(name)
        return tuple(row.get(name) for row in self.rows)

    def records(self) -> list[dict[str, str]]:
        """The body rows as dicts of header text to cell text."""
        return [dict(zip(self.header, row.texts, strict=False)) for row in self.rows]


@attrs.frozen
class FrontMatterBlock(Block):
    """The front matter: the ``---`` lines and the YAML between them."""

    front_matter: FrontMatter


def last_line_end(start: Position, source: str) -> Position:
    """The position just after the last character of ``source`` (before its final line ending)."""
    lines = split_lines(source)
    if not lines:
        return start
    last = line_content(lines[-1])
    offset = start.offset + len(source) - (len(lines[-1]) - len(last))
    if len(lines) == 1:
        return Position(start.line, start.column + len(last), offset)
    return Position(start.line + len(lines) - 1, 1 + len(last), offset)
