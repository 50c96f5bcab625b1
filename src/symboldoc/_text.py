"""Text into lines, and positions within the text.

Markdown knows three line endings: ``\\n``, ``\\r\\n`` and a lone ``\\r``.
:func:`split_lines` cuts a text after each of them and keeps the ending on
its line, so that ``"".join(split_lines(t)) == t`` for every string ``t``.
(``str.splitlines`` is not used as it stands: it also breaks on form feeds,
``\\x85``, ``\\u2028`` and others, which markdown treats as ordinary text.)
"""

from __future__ import annotations

import re

import attrs

__all__ = ["Position", "line_content", "position_within", "split_lines"]

# The characters str.splitlines treats as line boundaries but markdown does not are
# \x0b \x0c \x1c \x1d \x1e \x85 \u2028 \u2029; split_lines looks for each of them.
_MARKDOWN_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")


def split_lines(text: str) -> list[str]:
    """Split ``text`` into lines, each keeping its own line ending."""
    # A substring search per character is far quicker than a character-class regex.
    if not (
        "\x0b" in text
        or "\x0c" in text
        or "\x1c" in text
        or "\x1d" in text
        or "\x1e" in text
        or "\x85" in text
        or "\u2028" in text
        or "\u2029" in text
    ):
        return text.splitlines(keepends=True)
    return _MARKDOWN_LINE.findall(text)


def line_content(line: str) -> str:
    """``line`` (one line, as :func:`split_lines` gives it) without its line ending.

    A line holds no ``\\r`` or ``\\n`` but its ending, so stripping them off
    the end takes exactly the ending.
    """
    return line.rstrip("\r\n")


def line_ending(line: str) -> str:
    """The line ending ``line`` carries: ``"\\n"``, ``"\\r\\n"``, ``"\\r"`` or ``""``."""
    return line[len(line_content(line)) :]


@attrs.frozen(order=True)
class Position:
    """A place in a document: 1-based ``line`` and ``column``, and ``offset``.

    Columns count characters (code points), a tab being one column.
    ``offset`` is the 0-based character offset into the whole text, a leading
    byte order mark included, so ``text[pos.offset:]`` starts at ``pos``.
    """

    line: int
    column: int
    offset: int

    def __str__(self) -> str:
        return f"{self.line}:{self.column}"


def position_within(start: Position, source: str, index: int) -> Position:
    """The position of character ``index`` of ``source``, a text that begins at ``start``."""
    lines = split_lines(source[:index])
    if not lines:
        return start
    offset = start.offset + index
    last = lines[-1]
    if last[-1] in "\r\n" and not (last[-1] == "\r" and source[index : index + 1] == "\n"):
        return Position(start.line + len(lines), 1, offset)  # at the start of the next line
    if len(lines) == 1:
        return Position(start.line, start.column + index, offset)
    return Position(start.line + len(lines) - 1, 1 + len(last), offset)
