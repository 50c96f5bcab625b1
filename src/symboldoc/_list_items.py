"""A list's lines cut into items: the markers, the widths, the items' text and where each stands.

The scanner (``_scan``) finds where a list ends and the line each item
starts on; it keeps just those line numbers, packed in four bytes each.  The
items themselves (:class:`~symboldoc._blocks.ListItem`) are made from the
list's source on first use, by :func:`cut_items`, so that a list of many
short items costs its text and four bytes an item until they are asked for.
"""

from __future__ import annotations

import re
import sys
from array import array
from collections.abc import Iterator
from itertools import accumulate

from ._text import split_lines

__all__ = ["ORDERED_MARK", "ItemCut", "cut_items", "dedent", "indent_width", "list_marker", "pack_starts", "same_list"]

ORDERED_MARK = re.compile(r"(\d{1,9})[.)](?=[ \t]|$)")

#: One item, as :func:`cut_items` gives it: marker, text, line, column, offset, end line, end column, end offset.
ItemCut = tuple[str, str, int, int, int, int, int, int]


def indent_width(content: str) -> int:
    """Columns of leading white space, a tab reaching the next multiple of four."""
    width = 0
    for char in content:
        if char == " ":
            width += 1
        elif char == "\t":
            width += 4 - width % 4
        else:
            break
    return width


def list_marker(content: str) -> tuple[str, int]:
    """A list item line's marker and the column its content starts at (0-based)."""
    indent = indent_width(content)
    stripped = content.lstrip(" ")
    match = ORDERED_MARK.match(stripped)
    marker = stripped[: match.end()] if match else stripped[0]
    rest = stripped[len(marker) :]
    spaces = len(rest) - len(rest.lstrip(" "))
    if not rest.strip(" \t") or spaces > 4 or spaces == 0:
        spaces = 1
    return marker, indent + len(marker) + spaces


def same_list(first: str, marker: str) -> bool:
    """Whether ``marker`` continues the list that ``first`` opened (same bullet, or same delimiter)."""
    if len(first) == 1 and first in "-*+":
        return marker == first
    return marker[-1] == first[-1] and marker[:1].isdigit()


def dedent(content: str, width: int) -> str:
    """``content`` with up to ``width`` columns of indentation removed."""
    removed = 0
    index = 0
    while index < len(content) and removed < width and content[index] in " \t":
        removed += 1 if content[index] == " " else 4 - removed % 4
        index += 1
    return content[index:]


def pack_starts(starts: list[int]) -> bytes:
    """The first line of each item, counted from the list's first line, packed four bytes each (little-endian)."""
    packed = array("I", starts)
    if sys.byteorder == "big":  # little-endian on every machine, so a pickle reads the same anywhere
        packed.byteswap()
    return packed.tobytes()


def cut_items(source: str, line: int, offset: int, packed: bytes) -> Iterator[ItemCut]:
    """The items of the list whose ``source`` starts at ``line`` and ``offset``; ``packed`` from :func:`pack_starts`."""
    starts = array("I")
    starts.frombytes(packed)
    if sys.byteorder == "big":
        starts.byteswap()
    lines = split_lines(source)
    offsets = list(accumulate(map(len, lines), initial=offset))  # where each line starts
    count = len(starts)
    for number, begin in enumerate(starts):
        end = starts[number + 1] if number + 1 < count else len(lines)
        while end - 1 > begin and not lines[end - 1].strip(" \t\r\n"):
            end -= 1
        first = lines[begin].rstrip("\r\n")
        marker, width = list_marker(first)
        texts = [first.lstrip(" ")[len(marker) :].strip(" \t")]
        texts.extend(dedent(lines[index].rstrip("\r\n"), width) for index in range(begin + 1, end))
        last = lines[end - 1].rstrip("\r\n")
        yield (
            marker,
            "\n".join(texts),
            line + begin,
            1 + indent_width(first),
            offsets[begin],
            line + end - 1,
            1 + len(last),
            offsets[end - 1] + len(last),
        )
