"""Reading the typed model of a quote page from its blocks.

The page is cut into *parts*: the blocks before the title, those between
the title and the first section, and one part per level-2 heading (its
level-3 and level-4 headings included).  Each known section has a reader
that walks its part's blocks in order; labels come from ``labels``, never
from the readers.  What a reader cannot place is reported and left alone:
the text stays in the document, and the model simply lacks that value.

Both layouts are read: the current one (``type: "Symbol"``) and the older
one (``type: "quote"``: the overview table under the title, Company
Profile, Score Analysis with bold category lines).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

from symboldoc._block_store import blocks_other_than
from symboldoc._blocks import BlankLines, Block, BlockQuote, FrontMatterBlock, Heading, Table
from symboldoc._charts import RadarOutline
from symboldoc._edit import Binder
from symboldoc._escape import labelled, plain
from symboldoc._frontmatter import FrontMatter
from symboldoc._inline import iter_links
from symboldoc._locate import TITLE_MARK, after_prefix
from symboldoc._problems import Reporter
from symboldoc._reading import set_read
from symboldoc._symbols import TITLE_SYMBOL

from .labels import Labels
from .labels import labels_for as quote_labels
from .model import (
    SymbolPage,
)
from .read_score import ScoreSection
from .read_sections import OtherSections
from .reader import Part
from .render import OLDER_TYPE
from .views import (
    UNPLACED,
    groups_view,
    languages_lines,
    languages_view,
    shape_view,
    title_texts,
    title_view,
    unplaced_view,
)

if TYPE_CHECKING:
    pass


def read_quote_page(
    blocks: Sequence[Block],
    front_matter: FrontMatter | None,
    charts: Mapping[int, RadarOutline],
    reporter: Reporter,
    binder: Binder,
) -> SymbolPage:
    """The typed quote page of ``blocks`` (the registry has decided that they are one)."""
    # Blank lines hold no fact and no section reads them: they are left unmade (a third of a page's blocks).
    shown = blocks_other_than(blocks, BlankLines)
    title_index = next((i for i, block in enumerate(shown) if isinstance(block, Heading) and block.level == 1), None)
    title_block = shown[title_index] if title_index is not None else None
    assert title_block is None or isinstance(title_block, Heading)
    title = title_block.text if title_block is not None else None
    title_symbols = TITLE_SYMBOL.findall(title) if title else []
    older = front_matter is not None and front_matter.type == OLDER_TYPE
    labels = quote_labels(front_matter.locale if front_matter else None)
    reader = QuoteReader(labels, charts, reporter, binder, older)
    anchor = title_block or (shown[0] if shown else blocks[0])  # the block the page's structure is bound to
    return reader.read(shown, title_index, title_block, title_symbols, front_matter, anchor)


class QuoteReader(ScoreSection, OtherSections):
    """One reading of one quote page: the section readers, and the walk over the page's parts."""

    def __init__(
        self, labels: Labels, charts: Mapping[int, RadarOutline], reporter: Reporter, binder: Binder, older: bool
    ) -> None:
        super().__init__(labels, charts, reporter, binder, older)
        # The reader of each section, by its heading (the score's heading varies: see read_part).
        # Plain functions, not bound methods, so the reader makes no reference cycle.
        reader = type(self)
        self.readers: dict[str, Callable[[QuoteReader, Part], None]] = {
            labels.overview: reader.read_overview,
            labels.profile: reader.read_overview,
            labels.key_drivers: reader.read_key_drivers,
            labels.valuation: reader.read_valuation,
            labels.peers: reader.read_peers,
            labels.institutional: reader.read_institutional,
            labels.references: reader.read_references,
        }

    def read(
        self,
        blocks: list[Block],
        title_index: int | None,
        title_block: Heading | None,
        title_symbols: list[str],
        front_matter: FrontMatter | None,
        anchor: Block,
    ) -> SymbolPage:
        """The page ``blocks`` (those that are not blank lines) show; its structure is bound to ``anchor``."""
        page = self.page
        if title_block is not None:
            set_read(page, "title", plain(title_block.text))
            self.check_symbol(front_matter, title_block, title_symbols)
            self.bind.places(title_block, after_prefix, (TITLE_MARK,), title_view, "doc.title", title_texts)
            self.places.add("title")
        start = title_index + 1 if title_index is not None else 0
        for block in blocks[:start]:
            self.read_languages(block)
        body = self.read_disclaimer(blocks[start:])
        head, parts = self.parts(body)
        self.read_head(head)
        for part in parts:
            self.read_part(part)
        self.check_score()
        self.check_charts(blocks)
        self.check_complete(blocks)
        places = frozenset(self.places)
        self.bind.structure(anchor, functools.partial(shape_view, places), "the sections of the page")
        self.bind.structure(anchor, groups_view, "the indicator groups", identity=True)
        unplaced = tuple(name for name in UNPLACED if name not in self.placed)
        self.bind.structure(anchor, functools.partial(unplaced_view, unplaced), "facts the page has no line for")
        return page

    def read_languages(self, block: Block) -> bool:
        """The ``> Supported Languages:`` line (before the title; at the top of a page without one)."""
        labels = self.labels
        if "supported_languages" in self.places or not isinstance(block, BlockQuote):
            return False
        if labelled(block.text)[0] != labels.supported_languages:
            return False
        self.page.supported_languages = list(iter_links(block.inline))
        self.places.add("supported_languages")
        lines = functools.partial(languages_lines, labels.supported_languages)
        self.bind.whole(block, languages_view, lines, "doc.supported_languages")
        return True

    def check_symbol(self, front_matter: FrontMatter | None, title: Heading, title_symbols: list[str]) -> None:
        """The symbol the title ends in is the front matter's."""
        written = front_matter.symbol if front_matter else None
        if written is not None and title_symbols and title_symbols[-1] != written:
            self.report(title.start, "title", f"the symbol {written} of the front matter", f"found {title_symbols[-1]}")

    def parts(self, blocks: list[Block]) -> tuple[list[Block], list[Part]]:
        head: list[Block] = []
        parts: list[Part] = []
        for block in blocks:
            if isinstance(block, Heading) and block.level <= 2:
                parts.append(Part(block, []))
            elif parts:
                parts[-1].blocks.append(block)
            else:
                head.append(block)
        return head, parts

    def read_head(self, head: list[Block]) -> None:
        """Between the title and the first section: the older layout's overview table."""
        for block in head:
            if isinstance(block, Table):
                self.read_overview_table(block)
            elif isinstance(block, FrontMatterBlock) or (self.page.title is None and self.read_languages(block)):
                continue  # a page without a title: its head starts at the top
            else:
                self.unexpected(block, "page head")

    def read_part(self, part: Part) -> None:
        labels = self.labels
        heading = part.heading
        assert heading is not None
        title = heading.text
        readers = self.readers
        is_score = title.startswith(labels.score_headings)
        key = "score" if is_score else title
        if heading.level == 1:
            self.report(heading.start, "section", "one level-1 heading, the title", f"found {title!r}")
        elif key in self.sections_read and (is_score or title in readers):
            self.report(heading.start, "section", "each section once", f"found {title!r} again")
        elif title in readers:
            self.sections_read.add(key)
            readers[title](self, part)
        elif is_score:
            self.sections_read.add(key)
            self.read_score(part)
        else:
            self.report(heading.start, "section", "a section of a symbol page", f"found {title!r}")

    def check_complete(self, blocks: list[Block]) -> None:
        """A whole page ends with its disclaimer; one that does not was cut off."""
        if self.page.disclaimer is not None:
            return
        last = next((block for block in reversed(blocks) if not isinstance(block, BlankLines)), None)
        if last is None:
            return
        self.report(last.end, "page", "the disclaimer at the end of the page", "the page looks cut off here")
