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
import re
from typing import Any

import attrs

from ._charts import Chart, read_chart
from ._frontmatter import FrontMatter
from ._inline import Inline, parse_inline, plain_text
from ._list_items import cut_items
from ._pandas import cells_frame
from ._pickling import compact
from ._problems import Reporter
from ._tables import Alignment, Cell, Row, read_alignment, split_cells
from ._text import Position, line_content, split_lines

#: A text's first line, its ending included.
_FIRST_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)?")

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


@compact
@attrs.frozen
class Block:
    """What every block has: its exact ``source`` and where it stands.

    ``line`` is the 1-based number of its first line, ``offset`` the
    character offset of its first character in the whole text; ``start``
    and ``end`` give them as :class:`Position` objects, made on request.
    """

    source: str = attrs.field(repr=False)
    line: int = attrs.field(repr=False)
    offset: int = attrs.field(repr=False)

    @property
    def start(self) -> Position:
        """The first character of the block's first line."""
        return Position(self.line, 1, self.offset)

    @property
    def end(self) -> Position:
        """Just after the last character of the block's last line, before that line's ending."""
        return last_line_end(self.start, self.source)

    @property
    def lines(self) -> list[str]:
        """The block's lines, each with its line ending."""
        return split_lines(self.source)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(line={self.line}, source={self.source[:40]!r})"


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

    @property
    def text(self) -> str:
        """Made from ``source``: the line after its ``#`` marks, or a setext heading's lines over the underline."""
        content = line_content(self.source)
        if "\n" in content or "\r" in content:
            lines = split_lines(self.source)
            return "\n".join(line_content(line).strip(" \t") for line in lines[:-1])
        text = content.lstrip(" ")[self.level :].strip(" \t")
        trimmed = text.rstrip("#")
        if trimmed != text and (not trimmed or trimmed[-1] in " \t"):
            text = trimmed.rstrip(" \t")
        return text

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

    @property
    def text(self) -> str:
        """The paragraph's lines without their indentation, joined with ``\\n`` (made from ``source``)."""
        content = line_content(self.source)
        if "\n" not in content and "\r" not in content:
            return content.strip(" \t")  # one line
        return "\n".join(line_content(line).lstrip(" \t") for line in split_lines(self.source)).rstrip(" \t")

    @functools.cached_property
    def inline(self) -> tuple[Inline, ...]:
        return parse_inline(self.text)


@attrs.frozen
class BlockQuote(Block):
    """Lines marked with ``>``; ``text`` is their content without the markers."""

    @property
    def text(self) -> str:
        """The quoted lines without their ``>`` markers (made from ``source``); lazy lines lose their indentation."""
        return "\n".join(unquote(line_content(line)) for line in split_lines(self.source))

    @functools.cached_property
    def inline(self) -> tuple[Inline, ...]:
        return parse_inline(self.text)

    @property
    def text_lines(self) -> list[str]:
        """The quoted lines' content, one string a line."""
        return self.text.split("\n")


@compact
@attrs.frozen
class ListItem:
    """One item of a list: its ``marker`` (``-``, ``1.``...) and its ``text``.

    ``line``, ``column`` and ``offset`` are where the item's marker stands,
    ``end_line``, ``end_column`` and ``end_offset`` just after its last
    character (``start`` and ``end`` give them as :class:`Position` objects).
    """

    marker: str
    text: str
    line: int
    column: int
    offset: int = attrs.field(repr=False)
    end_line: int = attrs.field(repr=False)
    end_column: int = attrs.field(repr=False)
    end_offset: int = attrs.field(repr=False)

    @property
    def start(self) -> Position:
        return Position(self.line, self.column, self.offset)

    @property
    def end(self) -> Position:
        return Position(self.end_line, self.end_column, self.end_offset)

    @functools.cached_property
    def inline(self) -> tuple[Inline, ...]:
        return parse_inline(self.text)


@attrs.frozen
class ListBlock(Block):
    """A bullet or ordered list.

    ``items`` are made from the list's source the first time they are asked
    for, and kept; until then the block holds its text and the line each
    item starts on (four bytes an item).
    """

    _item_starts: bytes = attrs.field(alias="item_starts", repr=False, validator=attrs.validators.instance_of(bytes))

    @functools.cached_property
    def items(self) -> tuple[ListItem, ...]:
        """The list's items, in order (cut on first use)."""
        return self.items_cut_now()

    def items_cut_now(self) -> tuple[ListItem, ...]:
        """The list's items cut from its source now and not kept (:attr:`items` keeps those it cuts).

        For a reader that reads each item once: the block then holds no more than its text.
        """
        return tuple(ListItem(*cut) for cut in cut_items(self.source, self.line, self.offset, self._item_starts))

    @property
    def ordered(self) -> bool:
        return self.source.lstrip(" ")[:1].isdigit()


@attrs.frozen
class FencedBlock(Block):
    """A fenced block: ``info`` is the text after the opening fence, ``body`` its content.

    ``closed`` is False when the document ended before the closing fence.
    """

    fence: str
    info: str
    closed: bool = True

    @property
    def body(self) -> str:
        """The lines between the fences (made from ``source``)."""
        source = self.source
        start = _FIRST_LINE.match(source).end()  # type: ignore[union-attr]  # it matches every text
        if start == len(source) or not self.closed:
            return source[start:]
        # The last line (the closing fence), without its own ending.
        end = len(source) - (2 if source.endswith("\r\n") else 1 if source.endswith(("\r", "\n")) else 0)
        return source[start : max(source.rfind("\n", 0, end), source.rfind("\r", 0, end)) + 1]

    @property
    def body_start_line(self) -> int:
        """The line number of the body's first line."""
        return self.line + 1


@attrs.frozen
class ChartBlock(FencedBlock):
    """A ``chart-data:<type>`` fenced block; ``chart`` is read from its JSON on request.

    (The JSON was read once when the page was, to report what is wrong with
    it; the block keeps only its text.)
    """

    chart_type: str = attrs.field(kw_only=True)

    @property
    def chart(self) -> Chart:
        return read_chart(self.chart_type, self.body, self.line + 1, Reporter(keep=False))  # reported when read


@attrs.frozen
class IndentedCode(Block):
    """Lines indented by four or more spaces (or a tab) after a paragraph break."""


@attrs.frozen
class Table(Block):
    """A table: a header row, a delimiter row and body rows.

    ``header`` is the header cells' text; ``alignments`` what the delimiter
    row asks of each column (``"left"``, ``"center"``, ``"right"`` or None);
    ``rows`` the body rows.  The rows are cut from the table's source the
    first time they are asked for, and kept.
    """

    header: tuple[str, ...]

    @functools.cached_property
    def all_rows(self) -> tuple[Row, ...]:
        """Every row of the table: the header row, the delimiter row, the body rows (cut on first use)."""
        rows = []
        line, offset = self.line, self.offset
        for text in split_lines(self.source):
            rows.append(Row(line_content(text), line, offset, self.header))  # cells cut on request
            line += 1
            offset += len(text)
        return tuple(rows)

    def row_cells(self) -> list[tuple[str, ...]]:
        """The raw cells of each line of the table, as :attr:`all_rows` holds them, without building rows.

        Line ``n`` of the list is line ``table.line + n`` of the document.
        """
        return [split_cells(text.rstrip("\r\n"))[0] for text in split_lines(self.source)]  # line_content, inlined

    @property
    def header_row(self) -> Row:
        return self.all_rows[0]

    @property
    def delimiter_row(self) -> Row:
        return self.all_rows[1]

    @property
    def rows(self) -> tuple[Row, ...]:
        return self.all_rows[2:]

    @property
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

    def to_dataframe(self) -> Any:
        """The table as a pandas DataFrame of its cells' text (needs ``python-symboldoc[pandas]``)."""
        return cells_frame(self.header, [row.texts for row in self.rows])  # pandas imported only now


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


def unquote(content: str) -> str:
    """A quote's line without its indentation, ``>`` and one following blank; a lazy line without its indentation."""
    stripped = content.lstrip(" ")
    if stripped[:1] != ">" or len(content) - len(stripped) > 3:
        return content.lstrip(" \t")
    inner = stripped[1:]
    return inner[1:] if inner[:1] in (" ", "\t") else inner
