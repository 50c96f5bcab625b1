"""The chart blocks of one scan, checked where they stand or when first needed.

Checking a chart block means decoding its JSON and, for a radar chart,
walking it into a :class:`~symboldoc._charts.RadarOutline` (what the quote
page's reader compares with the indicator tables), reporting what is wrong.
That is about a tenth of a lenient ``loads`` of a quote page, and a page
whose score is never read never needs the outline; so:

- a strict scan checks each chart block as it meets it (:meth:`ChartChecks.check_now`),
  so that the page's first problem raises, in the page's order;
- a lenient scan only notes each one (:meth:`ChartChecks.note`): where it
  stands among the problems reported so far, and its block.  :meth:`ChartChecks.check`
  checks what waits, and :meth:`ChartChecks.among` puts the problems found
  back where a check during the scan would have reported them.

A check made on first use may run deep in the caller's stack, where json's
decoder runs out of room for a chart it can read from the top of a stack.
Such a chart raises ``RecursionError`` there and stays waiting (the reader
tries again on its next use); a chart nested deeper than the interpreter
lets any decoding go (``sys.getrecursionlimit()``, less a margin for the
reading's own frames) is reported "nested too deeply", as a check during
the scan reports it.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence

from ._blocks import Block, ChartBlock
from ._charts import RadarOutline, check_chart
from ._problems import Problem, Reporter

__all__ = ["ChartChecks"]

#: Frames a reading takes before it decodes a chart (``loads``, the scan, the check): a chart nested deeper than
#: the recursion limit less these cannot be decoded from the top of any stack.
_READING_FRAMES = 50

_NESTING = re.compile(r'"(?:[^"\\]|\\.)*"?|[\[\]{}]', re.DOTALL)


class ChartChecks:
    """The chart blocks of one scan: the outline of each radar chart checked, and those waiting (see the module)."""

    __slots__ = ("blocks", "found", "outlines", "taken", "waiting")

    def __init__(self) -> None:
        #: The scan's blocks, set when the scan is done; let go once no check waits.
        self.blocks: Sequence[Block] = ()
        #: Whether the page's reader checks what waits when it needs to, and puts the problems among its own.
        self.taken = False
        #: The outline of each radar chart checked, by the line its block starts on.
        self.outlines: dict[int, RadarOutline] = {}
        #: Each chart block not checked yet: how many problems the scan had reported before it, and its block's index.
        self.waiting: list[tuple[int, int]] = []
        #: The problems of each chart block checked after the scan, and how many the scan had reported before it.
        self.found: list[tuple[int, list[Problem]]] = []

    def check_now(self, chart_type: str, body: str, body_line: int, reporter: Reporter) -> None:
        """Check a chart block where the scan meets it (a strict scan): its problems go to ``reporter``."""
        outline = check_chart(chart_type, body, body_line, reporter)
        if outline is not None:
            self.outlines[body_line - 1] = outline

    def note(self, reported: int, index: int) -> None:
        """Leave block ``index`` (a chart block) to be checked later; the scan had reported ``reported`` problems."""
        self.waiting.append((reported, index))

    def done(self, blocks: Sequence[Block]) -> None:
        """The scan is done: ``blocks`` are its blocks."""
        if self.waiting:
            self.blocks = blocks

    def take(self) -> None:
        """The page's reader checks what waits when it needs the outlines, and puts the problems among its own."""
        self.taken = True

    def check(self) -> dict[int, RadarOutline]:
        """Check the chart blocks still waiting; the outline of each radar chart, by the line its block starts on.

        All or nothing: a chart that cannot be decoded this deep in a stack raises ``RecursionError`` and
        leaves every check waiting.
        """
        if self.waiting:
            blocks = self.blocks
            outlines = dict(self.outlines)
            found = []
            for reported, index in self.waiting:
                block = blocks[index]
                assert isinstance(block, ChartBlock)
                reporter = Reporter()
                body = block.body
                outline = check_chart(block.chart_type, body, block.line + 1, reporter)
                if _ran_out_of_stack(reporter, body):
                    raise RecursionError(f"the chart-data block on line {block.line} cannot be decoded this deep")
                if outline is not None:
                    outlines[block.line] = outline
                if reporter.problems:
                    found.append((reported, reporter.problems))
            self.outlines, self.found, self.waiting, self.blocks = outlines, [*self.found, *found], [], ()
        return self.outlines

    def among(self, problems: Sequence[Problem]) -> tuple[Problem, ...]:
        """``problems`` (the scan's, then what followed) with those of the charts checked since put where they stand."""
        if not self.found:
            return tuple(problems)
        merged: list[Problem] = []
        taken = 0
        for reported, found in self.found:
            merged.extend(problems[taken:reported])
            merged.extend(found)
            taken = reported
        merged.extend(problems[taken:])
        return tuple(merged)


def _ran_out_of_stack(reporter: Reporter, body: str) -> bool:
    """Whether a check reported "nested too deeply" of a chart that a reading from the top of a stack decodes."""
    if not any(problem.detail == "nested too deeply" for problem in reporter.problems):
        return False
    return _nesting(body) < sys.getrecursionlimit() - _READING_FRAMES


def _nesting(body: str) -> int:
    """How deep the brackets of ``body`` nest, strings skipped (without recursion)."""
    depth = deepest = 0
    for mark in _NESTING.finditer(body):
        char = mark.group()[0]
        if char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    return deepest
