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

A check may be made later, and deeper in the caller's stack, than the scan
would have made it; what it finds does not depend on where it runs (charts
nested deeper than ``_charts.MAX_DEPTH`` are reported wherever they are
read).  A check that fails all the same (a ``RecursionError`` where the
caller's stack is nearly used up) leaves every chart waiting.
"""

from __future__ import annotations

from collections.abc import Sequence

from ._blocks import Block, ChartBlock
from ._charts import RadarOutline, check_chart
from ._problems import Problem, Reporter

__all__ = ["ChartChecks"]


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

        All or nothing: a check that fails (a ``RecursionError`` where the caller's stack is nearly used up)
        leaves every chart waiting.
        """
        if self.waiting:
            blocks = self.blocks
            outlines = dict(self.outlines)
            found = []
            for reported, index in self.waiting:
                block = blocks[index]
                assert isinstance(block, ChartBlock)
                reporter = Reporter()
                outline = check_chart(block.chart_type, block.body, block.line + 1, reporter)
                if outline is not None:
                    outlines[block.line] = outline
                if reporter.problems:
                    found.append((reported, reporter.problems))
            self.outlines, self.found, self.waiting, self.blocks = outlines, [*self.found, *found], [], ()
        return self.outlines

    def forget_outlines(self) -> None:
        """Let the outlines go: the page's reader has read what it needed of them (a page holds no JSON)."""
        self.outlines = {}

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
