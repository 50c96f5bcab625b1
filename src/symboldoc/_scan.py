"""The block scanner: lines into blocks.

One pass over the lines, no backtracking: each line is classified by its
first characters (:func:`_classify`), and each block kind decides from
that which following lines are its own.  The rules are CommonMark's and
GitHub's (tables), cut to what symbol documents use: ATX and setext
headings, paragraphs, block quotes with lazy continuation, bullet and
ordered lists, GFM tables, fenced and indented code, thematic breaks, and
front matter.  HTML blocks and link reference definitions are read as
paragraphs; the content of block quotes and list items is kept as text
(with its inline content), not scanned into nested blocks.

Every line ends up in exactly one block, so the blocks tile the text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, ClassVar

from ._block_store import Blocks, BlocksBuilder
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
    unquote,
)
from ._chart_checks import ChartChecks
from ._charts import CHART_INFO_PREFIX
from ._frontmatter import read_front_matter
from ._list_items import ORDERED_MARK, indent_width, list_marker, pack_starts, same_list
from ._problems import Reporter
from ._tables import cell_text, count_cells, is_delimiter_row, split_cells

__all__ = ["scan"]

_BLANK, _CODE, _HEADING, _FENCE, _QUOTE, _BREAK, _BULLET, _ORDERED, _TEXT = range(9)

_ATX_MARK = re.compile(r"#{1,6}(?=[ \t]|$)")
_FENCE_MARK = re.compile(r"`{3,}|~{3,}")
_SETEXT = re.compile(r" {0,3}(?:=+|-+)[ \t]*")
_INTERRUPTING = (_HEADING, _FENCE, _QUOTE, _BREAK)


# The first characters that can start something other than a paragraph (or a blank or code line).
_MARKS = frozenset("#`~>-*_+0123456789")


def _classify(content: str) -> int:
    """What block a line would start, judged by its first characters."""
    first = content[:1]
    if first and first not in _MARKS and first != " " and first != "\t":
        return _TEXT  # the usual line: text from its first column
    stripped = content.lstrip(" ")
    if not stripped.strip(" \t"):
        return _BLANK
    if len(content) - len(stripped) >= 4 or stripped[0] == "\t":
        return _CODE
    first = stripped[0]
    if first == "#":
        return _HEADING if _ATX_MARK.match(stripped) else _TEXT
    if first == "`" or first == "~":
        match = _FENCE_MARK.match(stripped)
        if match and not (first == "`" and "`" in stripped[match.end() :]):
            return _FENCE
        return _TEXT
    if first == ">":
        return _QUOTE
    if first in "-*_" and _is_break(stripped):
        return _BREAK
    if first in "-*+":
        return _BULLET if stripped[1:2] in ("", " ", "\t") else _TEXT
    if "0" <= first <= "9" and ORDERED_MARK.match(stripped):
        return _ORDERED
    return _TEXT


def _is_break(stripped: str) -> bool:
    marks = stripped.replace(" ", "").replace("\t", "")
    return len(marks) >= 3 and marks == marks[0] * len(marks)


class _Scanner:
    """One scan of one text: holds the lines and where the next block starts."""

    def __init__(self, lines: list[str], base_offset: int, reporter: Reporter) -> None:
        self.lines = lines
        self.count = len(lines)
        self.contents = [line.rstrip("\r\n") for line in lines]  # line_content, inlined: this is every line
        self.reporter = reporter
        self.offset = base_offset  # character offset of the next block's first line
        self.blocks = BlocksBuilder(base_offset + sum(map(len, lines)))
        # The chart blocks: a strict scan checks each as it meets it, a lenient one leaves them for later.
        self.charts = ChartChecks()

    # -- recording blocks -------------------------------------------------

    def _emit(self, cls: type[Block], begin: int, end: int, *fields: Any) -> None:
        """Record the block of lines ``begin:end``; ``fields`` are its own, after the source, line and offset."""
        source = "".join(self.lines[begin:end]) if end - begin > 1 else self.lines[begin]
        self.blocks.add(cls, source, begin + 1, self.offset, fields)
        self.offset += len(source)

    # -- the scan ----------------------------------------------------------

    def run(self) -> Blocks:
        index = 0
        front = read_front_matter(self.lines, self.reporter)
        if front is not None:
            taken, front_matter = front
            self._emit(FrontMatterBlock, 0, taken, front_matter)
            index = taken
        count = self.count
        while index < count:
            kind = _classify(self.contents[index])
            if kind == _TEXT and self._table_at(index):
                index = self._table(index)
            else:
                index = self._STEPS[kind](self, index)
        return self.blocks.done()

    def _blank(self, begin: int) -> int:
        end = begin + 1
        while end < self.count and not self.contents[end].strip(" \t"):
            end += 1
        self._emit(BlankLines, begin, end)
        return end

    def _code(self, begin: int) -> int:
        end = begin + 1
        last_code = begin
        while end < self.count:
            kind = _classify(self.contents[end])
            if kind == _CODE:
                last_code = end
            elif kind != _BLANK:
                break
            end += 1
        self._emit(IndentedCode, begin, last_code + 1)
        return last_code + 1

    def _heading(self, begin: int) -> int:
        marks = _ATX_MARK.match(self.contents[begin].lstrip(" "))
        assert marks is not None
        self._emit(Heading, begin, begin + 1, marks.end())
        return begin + 1

    def _fence(self, begin: int) -> int:
        stripped = self.contents[begin].lstrip(" ")
        match = _FENCE_MARK.match(stripped)
        assert match is not None
        fence = match.group()
        info = stripped[match.end() :].strip(" \t")
        contents, mark = self.contents, fence[0]
        end = begin + 1
        closed = False
        while end < len(contents):
            content = contents[end]
            if mark in content:  # else it cannot close the block (most lines of a body do not)
                candidate = content.lstrip(" ")
                if (
                    len(content) - len(candidate) < 4
                    and candidate.startswith(fence)
                    and not candidate.rstrip(" \t").strip(mark)
                ):
                    closed = True
                    break
            end += 1
        if not closed:
            self.reporter.report(
                begin + 1, 1, "fenced block", f"a closing {fence!r} line", "the page ends inside the block"
            )
        stop = end + 1 if closed else end
        if info.startswith(CHART_INFO_PREFIX):
            chart_type = info[len(CHART_INFO_PREFIX) :].strip(" \t")
            if self.reporter.strict:  # its problems raise where it stands
                self.charts.check_now(chart_type, "".join(self.lines[begin + 1 : end]), begin + 2, self.reporter)
            else:
                self.charts.note(len(self.reporter.problems), len(self.blocks))
            self._emit(ChartBlock, begin, stop, fence, info, closed, chart_type)
        else:
            self._emit(FencedBlock, begin, stop, fence, info, closed)
        return stop

    def _quote(self, begin: int) -> int:
        texts = [unquote(self.contents[begin])]
        end = begin + 1
        while end < self.count:
            content = self.contents[end]
            kind = _classify(content)
            if kind == _QUOTE:
                texts.append(unquote(content))
            elif kind in (_TEXT, _CODE) and texts[-1].strip(" \t"):
                texts.append(content.lstrip(" \t"))
            else:
                break
            end += 1
        self._emit(BlockQuote, begin, end)
        return end

    def _break(self, begin: int) -> int:
        self._emit(ThematicBreak, begin, begin + 1)
        return begin + 1

    def _list(self, begin: int) -> int:
        contents = self.contents
        count = len(contents)
        kind = _classify(contents[begin])
        first_marker, width = list_marker(contents[begin])
        starts = [0]  # each item's first line, from the list's (the items are cut from the source on use)
        end = begin + 1
        blank_from: int | None = None
        while end < count:
            content = contents[end]
            line_kind = _classify(content)
            if line_kind == _BLANK:
                if blank_from is None:
                    blank_from = end
                end += 1
                continue
            indent = indent_width(content)
            if line_kind == kind and indent < width:
                marker, new_width = list_marker(content)
                if same_list(first_marker, marker):
                    starts.append(end - begin)
                    width = new_width
                    blank_from = None
                    end += 1
                    continue
                break
            if indent >= width:
                blank_from = None
                end += 1
                continue
            if blank_from is None and line_kind in (_TEXT, _CODE):
                end += 1  # lazy continuation of the item's paragraph
                continue
            break
        if blank_from is not None:
            end = blank_from
        self._emit(ListBlock, begin, end, pack_starts(starts))
        return end

    def _paragraph(self, begin: int) -> int:
        contents = self.contents
        end = begin + 1
        while end < self.count:
            content = contents[end]
            if _SETEXT.fullmatch(content):
                level = 1 if content.lstrip(" ")[0] == "=" else 2
                self._emit(Heading, begin, end + 1, level)
                return end + 1
            kind = _classify(content)
            if kind == _BLANK or kind in _INTERRUPTING or self._table_at(end):
                break
            if kind == _BULLET and content.lstrip(" ")[1:].strip(" \t"):
                break
            if kind == _ORDERED:
                match = ORDERED_MARK.match(content.lstrip(" "))
                if match and match.group(1) == "1" and content.lstrip(" ")[match.end() :].strip(" \t"):
                    break
            end += 1
        self._emit(Paragraph, begin, end)
        return end

    def _table_at(self, index: int) -> bool:
        """Whether a table (header line, then delimiter row) starts at line ``index``."""
        if index + 1 >= self.count:
            return False
        delimiter = self.contents[index + 1]
        if "|" not in delimiter or not is_delimiter_row(delimiter):
            return False
        return count_cells(self.contents[index]) == count_cells(delimiter)

    def _table(self, begin: int) -> int:
        contents = self.contents
        header_cells, _ = split_cells(contents[begin])
        header = tuple(cell_text(cell) for cell in header_cells)
        end = begin + 2
        while end < self.count:
            content = contents[end]
            if content[:1] != "|":  # a line opening with a pipe is a row (the usual case)
                kind = _classify(content)
                if kind == _BLANK or kind in _INTERRUPTING or kind in (_BULLET, _ORDERED):
                    break
            found = count_cells(content)
            if found != len(header):
                self.reporter.report(
                    end + 1,
                    1,
                    "table",
                    f"{_cells(len(header))}, as in the header on line {begin + 1}",
                    f"found {found}",
                )
            end += 1
        self._emit(Table, begin, end, header)
        return end

    _STEPS: ClassVar[dict[int, Callable[[_Scanner, int], int]]] = {
        _BLANK: _blank,
        _CODE: _code,
        _HEADING: _heading,
        _FENCE: _fence,
        _QUOTE: _quote,
        _BREAK: _break,
        _BULLET: _list,
        _ORDERED: _list,
        _TEXT: _paragraph,
    }


def scan(lines: list[str], base_offset: int, reporter: Reporter) -> tuple[Blocks, ChartChecks]:
    """The blocks of ``lines`` (a text without its byte order mark, split into lines), and their chart blocks.

    ``base_offset`` is the character offset of the first line in the whole
    text: 1 when a byte order mark was removed, else 0.  A strict scan has
    checked the chart blocks; a lenient one leaves them to the page's reading
    (see ``_chart_checks``).
    """
    scanner = _Scanner(lines, base_offset, reporter)
    blocks = scanner.run()
    scanner.charts.done(blocks)
    return blocks, scanner.charts


def _cells(count: int) -> str:
    return "1 cell" if count == 1 else f"{count} cells"
