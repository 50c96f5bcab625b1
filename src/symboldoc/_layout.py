"""Values and rows as the pages write them: numbers, ranks, links, table rows, chart JSON, markdown lines."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

from ._charts import JsonObject
from ._escape import (
    escape_pipes,
    link_markdown,
    markdown_line,
)
from ._inline import Link
from ._values import (
    Number,
    Rank,
    read_grade,
    read_number,
)

# -- values as text -----------------------------------------------------------------------------


def number_text(value: Decimal | None) -> str:
    """A number as the page writes it; ``-`` for none."""
    if value is None:
        return "-"
    return value.text if isinstance(value, Number) else str(value)


def rank_text(rank: Rank | None, *, spaced: bool) -> str:
    """A rank as written, or ``20 / 32`` (``spaced``) or ``23/32``; ``-`` for none."""
    if rank is None:
        return "-"
    if rank.text:
        return rank.text
    return f"{rank.position} / {rank.total}" if spaced else f"{rank.position}/{rank.total}"


def link_text(link: Link) -> str:
    """A link as markdown that reads back as it: ``[text](url)``."""
    return link_markdown(link)


def row_line(cells: Sequence[str], empty: str = "  ") -> str:
    """A table row in the pages' style: ``| a | b |`` (cells as markdown), an empty cell written as ``empty``."""
    return "|" + "|".join(f" {escape_pipes(cell)} " if cell else empty for cell in cells) + "|"


def chart_json(data: Any) -> str:
    """JSON as the pages write chart data: two-space indent, non-ASCII kept, Decimals as numbers.

    Written with a stack of its own, not by recursion, so JSON nested as deep
    as the decoder took it is written back too.  A :class:`JsonObject` writes
    every member it was read with, a key given twice included.
    """
    parts: list[str] = []
    # Each open container: its members still to write (a prefix and a value each), the indent of
    # its members, its closing text, and whether a member was written yet.
    stack: list[list[Any]] = []
    _open(data, "", parts, stack)
    while stack:
        frame = stack[-1]
        member = next(frame[0], None)
        if member is None:
            parts.append("\n" + frame[2])
            stack.pop()
            continue
        if frame[3]:
            parts.append(",\n")
        frame[3] = True
        prefix, value = member
        parts.append(prefix)
        _open(value, frame[1], parts, stack)
    return "".join(parts)


def _open(value: Any, indent: str, parts: list[str], stack: list[list[Any]]) -> None:
    """Write ``value`` if it is a scalar (or empty); else open it: write its bracket and push its members."""
    inner = indent + "  "
    if isinstance(value, dict) and value:
        members = value.members if isinstance(value, JsonObject) else value.items()  # a key given twice, twice
        prefixed = ((f"{inner}{json.dumps(str(key), ensure_ascii=False)}: ", item) for key, item in members)
        parts.append("{\n")
        stack.append([prefixed, inner, indent + "}", False])
    elif isinstance(value, list) and value:
        parts.append("[\n")
        stack.append([((inner, item) for item in value), inner, indent + "]", False])
    elif isinstance(value, dict):
        parts.append("{}")
    elif isinstance(value, list):
        parts.append("[]")
    elif isinstance(value, Decimal) and not isinstance(value, bool):
        parts.append(str(value))
    else:
        parts.append(json.dumps(value, ensure_ascii=False))


def markdown_lines(text: str) -> list[str]:
    """A markdown field's lines as written (see ``_escape.markdown_line``)."""
    return [markdown_line(line) for line in text.split("\n")]


class NoValue(str):
    """A cell that shows no value (``-`` or nothing), and the reader of its column.

    An edit of another cell of the row leaves such a cell as the page wrote
    it when it reads as no value: empty, ``-``, or text the column's reader
    does not take (reported when the page was read, and kept).
    """

    reads: Callable[[str], Any]

    def __new__(cls, written: str, reads: Callable[[str], Any]) -> NoValue:
        made = super().__new__(cls, written)
        made.reads = reads
        return made

    def shown_by(self, text: str) -> bool:
        """Whether a cell's ``text`` shows no value to this column's reader."""
        if text in ("", "-"):
            return True
        try:
            return self.reads(text) is None
        except ValueError:
            return True


def number_cell(value: Decimal | None) -> str:
    return number_text(value) if value is not None else NoValue("-", read_number)


def grade_cell(grade: str | None) -> str:
    return grade if grade is not None else NoValue("", read_grade)
