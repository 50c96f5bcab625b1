"""The document: its blocks, and the views derived from them."""

from __future__ import annotations

import functools

import attrs

from ._blocks import Block, ChartBlock, FrontMatterBlock, Table
from ._charts import Chart
from ._frontmatter import FrontMatter
from ._inline import Link
from ._model import Analysts, Overview, Peer, Score, SymbolPage, TargetPrice, Valuation
from ._problems import Problem
from ._sections import Section, build_sections
from ._symbols import Symbol

__all__ = ["Document"]


@attrs.frozen(hash=False)
class Document:
    """A symbol document as read.

    ``blocks`` tile the text (``bom`` says whether a byte order mark came
    before them); ``warnings`` lists what could not be read as expected.
    ``page`` is the typed quote page, None when the text is not a symbol
    page; its parts are also attributes of the document (``doc.score``...),
    None or empty when the page lacks them.  The generic views (``sections``,
    ``tables``, ``charts``) are made from the blocks on first use.
    """

    blocks: tuple[Block, ...] = attrs.field(repr=False)
    warnings: tuple[Problem, ...] = ()
    bom: bool = False
    page: SymbolPage | None = attrs.field(default=None, repr=False)

    @property
    def front_matter(self) -> FrontMatter | None:
        """The typed front matter, or None when the page has none."""
        if self.blocks and isinstance(self.blocks[0], FrontMatterBlock):
            return self.blocks[0].front_matter
        return None

    @functools.cached_property
    def sections(self) -> tuple[Section, ...]:
        """The heading tree: the top-level sections, each with its subsections."""
        return build_sections(self.blocks)

    @functools.cached_property
    def tables(self) -> tuple[Table, ...]:
        """Every table, in document order."""
        return tuple(block for block in self.blocks if isinstance(block, Table))

    @functools.cached_property
    def charts(self) -> tuple[Chart, ...]:
        """The chart of every ``chart-data`` block, in document order."""
        return tuple(block.chart for block in self.blocks if isinstance(block, ChartBlock))

    def section(self, title: str) -> Section | None:
        """The first section, at any depth, whose heading text is ``title``."""
        for root in self.sections:
            found = root.find(title)
            if found is not None:
                return found
        return None

    # -- the typed page ------------------------------------------------------

    @property
    def title(self) -> str | None:
        """The text of the page's ``# `` heading."""
        return self.page.title if self.page else None

    @property
    def symbol(self) -> Symbol | None:
        """The page's symbol: the front matter's, else the one in the title."""
        return self.page.symbol if self.page else None

    @property
    def supported_languages(self) -> list[Link]:
        """The links of a ``> Supported Languages:`` line, when the page has one."""
        return self.page.supported_languages if self.page else []

    @property
    def overview(self) -> Overview | None:
        """Company Overview: description, industry, exchange, website."""
        return self.page.overview if self.page else None

    @property
    def key_drivers(self) -> list[str]:
        """The items of Key Drivers (empty in every page seen so far)."""
        return self.page.key_drivers if self.page else []

    @property
    def score(self) -> Score | None:
        """Longbridge Financial Score."""
        return self.page.score if self.page else None

    @property
    def valuation(self) -> Valuation | None:
        """Valuation Analysis."""
        return self.page.valuation if self.page else None

    @property
    def peers(self) -> list[Peer]:
        """Peer Comparison."""
        return self.page.peers if self.page else []

    @property
    def analysts(self) -> Analysts | None:
        """Analyst Rating Distribution."""
        return self.page.analysts if self.page else None

    @property
    def target_price(self) -> TargetPrice | None:
        """Target Price Forecast."""
        return self.page.target_price if self.page else None

    @property
    def references(self) -> list[Link]:
        """The links of References."""
        return self.page.references if self.page else []

    @property
    def disclaimer(self) -> str | None:
        """The disclaimer's text, without its markup."""
        return self.page.disclaimer if self.page else None
