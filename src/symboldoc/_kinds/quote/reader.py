"""The state of one reading of a quote page, and what every section reader asks of it."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import attrs

from symboldoc._blocks import Block, Heading, Table
from symboldoc._charts import RadarOutline
from symboldoc._edit import Binder
from symboldoc._problems import Reporter
from symboldoc._reading import PageReading

from .labels import Labels
from .model import (
    Overview,
    SymbolPage,
)

if TYPE_CHECKING:
    pass


PAGE_TYPES = ("Symbol", "quote")
OVERALL = re.compile(r"(?P<grade>\S+)?\s*\((?P<value>[^()]*)\)")


@attrs.frozen
class Part:
    """A level-2 heading and the blocks up to the next level-1 or level-2 heading."""

    heading: Heading | None
    #: The blocks after the heading (each made when first asked for: see ``_block_store.SomeBlocks``).
    blocks: Sequence[Block]


class QuoteReading(PageReading):
    """One reading of one quote page: its labels, its layout, and what was read so far.

    The section readers (``read_sections``, ``read_score``) are mixed into
    ``read.QuoteReader``; they share this state.
    """

    def __init__(self, labels: Labels, reporter: Reporter, binder: Binder, older: bool) -> None:
        super().__init__(reporter, binder)
        self.labels = labels
        self.older = older  # the older layout (``type: "quote"``), where group headings do not repeat "Score"
        # The outline of each radar chart, by the line its block starts on: set while the score section is read.
        self.charts: Mapping[int, RadarOutline] = {}
        # Which parts of the page have a place in the text, for the structure guard.
        self.places: set[str] = set()
        # Which of the page's optional facts have a place in the text (see UNPLACED); the rest are guarded.
        self.placed: set[str] = set()
        self.sections_read: set[str] = set()
        self.page = SymbolPage()
        # Where each indicator group was read from, for the checks across sections.
        self.group_tables: dict[int, Table] = {}
        self.group_headings: dict[int, Heading] = {}
        self.score_heading_grade: tuple[Heading, str | None] | None = None

    def overview(self) -> Overview:
        if self.page.overview is None:
            self.page.overview = Overview()
            self.places.add("overview")
        return self.page.overview
