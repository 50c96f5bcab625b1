"""What went wrong while reading, and where.

Every reader reports what it could not read to a :class:`Reporter`.  In
lenient mode the reporter keeps the :class:`Problem` (it ends up in
``Document.warnings``) and the reader carries on, leaving the text as it
was; in strict mode the reporter raises the matching
:class:`SymbolDocError` subclass at once.
"""

from __future__ import annotations

from typing import Any

import attrs

from ._pickling import compact

__all__ = [
    "BlockError",
    "ChartError",
    "DecodeError",
    "EditError",
    "FrontMatterError",
    "LayoutError",
    "Problem",
    "Reporter",
    "SymbolDocError",
    "TableError",
]


@compact
@attrs.frozen
class Problem:
    """Something symboldoc could not read as expected.

    ``line`` and ``column`` are 1-based; ``construct`` names what was being
    read (``"front matter"``, ``"table"``, ``"chart-data block"``...),
    ``expected`` what it should have looked like, and ``detail`` what was
    found instead, when there is more to say.
    """

    line: int
    column: int
    construct: str
    expected: str
    detail: str = ""

    @property
    def message(self) -> str:
        """The problem as one sentence, without its position."""
        text = f"{self.construct}: expected {self.expected}"
        return f"{text} ({self.detail})" if self.detail else text

    def __str__(self) -> str:
        return f"line {self.line}, column {self.column}: {self.message}"


class SymbolDocError(ValueError):
    """symboldoc could not read a document.

    The one exception class that :func:`symboldoc.loads` and
    :func:`symboldoc.load` raise for their input; its subclasses say which
    construct failed.  ``line`` and ``column`` are 1-based.
    """

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem
        self.line = problem.line
        self.column = problem.column
        self.construct = problem.construct
        self.expected = problem.expected
        self.detail = problem.detail

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.problem,))


class FrontMatterError(SymbolDocError):
    """The front matter between the ``---`` lines could not be read."""


class TableError(SymbolDocError):
    """A table row does not match its table's header."""


class ChartError(SymbolDocError):
    """A ``chart-data`` block does not hold the JSON it should."""


class BlockError(SymbolDocError):
    """A block (a fenced block, for one) is not closed or not well formed."""


class LayoutError(SymbolDocError):
    """A symbol page does not have the layout of one: a section, row or value is not where or what it should be."""


class EditError(SymbolDocError):
    """An edit that :func:`symboldoc.dumps` cannot write into the page's own text.

    The position is that of the block that would hold the change (line 1
    when the whole page is refused).  Writing the page from the model alone
    (``preserve=False``) takes any change the layout can hold; a value it
    cannot hold so that it reads back is refused there too.
    """


class DecodeError(SymbolDocError):
    """The bytes given are not UTF-8; ``offset`` is the first bad byte's."""

    def __init__(self, problem: Problem, offset: int) -> None:
        super().__init__(problem)
        self.offset = offset

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.problem, self.offset))


_ERROR_FOR_CONSTRUCT: dict[str, type[SymbolDocError]] = {
    "front matter": FrontMatterError,
    "table": TableError,
    "chart-data block": ChartError,
    "fenced block": BlockError,
}


def error_for(problem: Problem) -> SymbolDocError:
    """The exception that reports ``problem``."""
    return _ERROR_FOR_CONSTRUCT.get(problem.construct, LayoutError)(problem)


@attrs.define
class Reporter:
    """Collects problems, or raises the first one when ``strict``.

    With ``keep=False`` it does neither: for reading again what was read (and
    reported) before, such as a chart that ``doc.charts`` reads in full.
    Readers may skip the work of placing a problem then (see :attr:`keeps`).
    """

    strict: bool = False
    problems: list[Problem] = attrs.field(factory=list)
    keep: bool = True

    @property
    def keeps(self) -> bool:
        """Whether a problem reported here is kept or raised (placing it is worth the work)."""
        return self.keep or self.strict

    def report(self, line: int, column: int, construct: str, expected: str, detail: str = "") -> None:
        if not self.keeps:
            return
        problem = Problem(line, column, construct, _short(expected), _short(detail))
        if self.strict:
            raise error_for(problem)
        self.problems.append(problem)


#: The longest ``expected`` or ``detail`` a problem keeps: what it quotes from the page
#: (a heading, a value, a fence) is cut, so a hostile page cannot make its warnings as long as itself.
LONGEST = 200


def _short(text: str) -> str:
    return text if len(text) <= LONGEST else text[: LONGEST - 1] + "…"
