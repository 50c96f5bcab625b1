"""The document: its blocks, and the views derived from them."""

from __future__ import annotations

import functools

import attrs

from ._blocks import Block, ChartBlock, FrontMatterBlock, Table
from ._charts import Chart
from ._frontmatter import FrontMatter
from ._problems import Problem
from ._sections import Section, build_sections

__all__ = ["Document"]


@attrs.frozen
class Document:
    """A symbol document as read.

    ``blocks`` tile the text (``bom`` says whether a byte order mark came
    before them); ``warnings`` lists what could not be read as expected.
    The other attributes are views of the blocks, made on first use.
    """

    blocks: tuple[Block, ...] = attrs.field(repr=False)
    warnings: tuple[Problem, ...] = ()
    bom: bool = False

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
