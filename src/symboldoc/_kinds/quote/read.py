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
from collections.abc import Sequence
from typing import TYPE_CHECKING, cast

from symboldoc._block_store import SomeBlocks, some_blocks_other_than
from symboldoc._blocks import BlankLines, Block, BlockQuote, FrontMatterBlock, Heading, Table
from symboldoc._chart_checks import ChartChecks
from symboldoc._edit import Binder
from symboldoc._escape import labelled, plain
from symboldoc._frontmatter import FrontMatter
from symboldoc._inline import iter_links
from symboldoc._locate import TITLE_MARK, after_prefix
from symboldoc._problems import Reporter
from symboldoc._reading import set_read
from symboldoc._symbols import TITLE_SYMBOL
from symboldoc._text import Position

from .labels import Labels
from .labels import labels_for as quote_labels
from .model import (
    SymbolPage,
)
from .read_score import ScoreSection
from .read_sections import OtherSections
from .reader import Part
from .render import OLDER_TYPE
from .unread import SECTIONS, ReadPart, UnreadSections
from .views import (
    UNPLACED,
    groups_view,
    institutional_shape,
    key_drivers_shape,
    languages_lines,
    languages_view,
    overview_shape,
    page_shape,
    peers_shape,
    references_shape,
    score_shape,
    title_texts,
    title_view,
    unplaced_view,
    valuation_shape,
)

if TYPE_CHECKING:
    pass


def read_quote_page(
    blocks: Sequence[Block],
    front_matter: FrontMatter | None,
    charts: ChartChecks,
    reporter: Reporter,
    binder: Binder,
) -> SymbolPage:
    """The typed quote page of ``blocks`` (the registry has decided that they are one).

    Its sections are left to be read on first use (see ``unread``), and its
    chart blocks checked with its score; the document's reading reads them
    at once unless it reads leniently.
    """
    charts.take()
    # Blank lines hold no fact and no section reads them; the other blocks are made as they are read, so a
    # section left unread leaves its blocks unmade too (blank lines are a third of a page's blocks).
    shown = some_blocks_other_than(blocks, BlankLines)
    at = [i for i, cls in enumerate(shown.classes) if cls is Heading]
    headings = dict(zip(at, cast(list[Heading], shown.at(at)), strict=True))  # the headings, made at once
    title_index = next((i for i, heading in headings.items() if heading.level == 1), None)
    title_block = headings[title_index] if title_index is not None else None
    title = title_block.text if title_block is not None else None
    title_symbols = TITLE_SYMBOL.findall(title) if title else []
    older = front_matter is not None and front_matter.type == OLDER_TYPE
    labels = quote_labels(front_matter.locale if front_matter else None)
    reader = QuoteReader(labels, reporter, binder, older)
    anchor = title_block or (shown[0] if shown else blocks[0])  # the block the page's structure is bound to
    return reader.read(shown, title_index, title_block, title_symbols, front_matter, anchor, charts)


class QuoteReader(ScoreSection, OtherSections):
    """One reading of one quote page: the section readers, and the walk over the page's parts."""

    def __init__(self, labels: Labels, reporter: Reporter, binder: Binder, older: bool) -> None:
        super().__init__(labels, reporter, binder, older)
        self.readers = _readers(labels)

    def read(
        self,
        blocks: SomeBlocks,
        title_index: int | None,
        title_block: Heading | None,
        title_symbols: list[str],
        front_matter: FrontMatter | None,
        anchor: Block,
        charts: ChartChecks,
    ) -> SymbolPage:
        """The page ``blocks`` (those that are not blank lines) show, its sections left unread (see ``unread``).

        Its structure is bound to ``anchor``; ``charts`` are the page's chart blocks, checked when the score is read.
        """
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
        self.leave_unread(blocks, parts, anchor, charts)
        return page

    def leave_unread(self, blocks: SomeBlocks, parts: list[Part], anchor: Block, charts: ChartChecks) -> None:
        """Leave each section that has a part on the page unread, for :class:`UnreadSections` to read on first use.

        What a whole reading reports in between is reported here, each where
        it stands among the sections' problems; a section the page lacks is
        bound now, as read.
        """
        page = self.page
        steps: list[Reporter | None] = [None] * len(parts)  # each part's problems, made when it has one
        waiting: dict[str, list[tuple[int, Part, ReadPart]]] = {}
        for number, part in enumerate(parts):
            section, read, problem = self.plan(part)
            if problem is not None:
                step = steps[number] = Reporter()
                step.report(problem[0].line, problem[0].column, *problem[1:])
            elif section is not None and read is not None:
                waiting.setdefault(section, []).append((number, part, read))
        for section in SECTIONS:
            if section not in waiting:
                self.bind_section(section, anchor)
        self.bind_page(anchor)
        complete = self.reporter = Reporter()
        self.check_complete(blocks)
        # The older layout's overview table, read with the head, begins the overview: that section is read now.
        overview_begun = "overview" in waiting and page.overview is not None
        for section in waiting:
            if not (section == "overview" and overview_begun):
                for name in SECTIONS[section]:
                    object.__delattr__(page, name)
        unread = UnreadSections(self, waiting, steps, complete.problems, blocks, anchor, charts)
        object.__setattr__(page, "_unread", unread)
        if overview_begun:
            unread.read_for(page, "overview")

    def plan(self, part: Part) -> tuple[str | None, ReadPart | None, tuple[Position, str, str, str] | None]:
        """The section ``part`` belongs to and its reader, or the problem a whole reading reports there.

        Called once a part, in the page's order: a section's first part is read, another of the same heading reported.
        """
        labels = self.labels
        heading = part.heading
        assert heading is not None
        title = heading.text
        is_score = title.startswith(labels.score_headings)
        key = "score" if is_score else title
        known = self.readers.get(title)
        if heading.level == 1:
            return None, None, (heading.start, "section", "one level-1 heading, the title", f"found {title!r}")
        if key in self.sections_read and (is_score or known is not None):
            return None, None, (heading.start, "section", "each section once", f"found {title!r} again")
        if known is not None:
            self.sections_read.add(key)
            return known[0], known[1], None
        if is_score:
            self.sections_read.add(key)
            return "score", type(self).read_score, None
        return None, None, (heading.start, "section", "a section of a symbol page", f"found {title!r}")

    def bind_section(self, section: str, anchor: Block) -> None:
        """The structure of ``section`` as read: what has a place in the text, the groups, the facts without a line."""
        places = frozenset(self.places)
        shape = functools.partial(SHAPES[section], places)
        self.bind.structure(anchor, shape, f"the sections of the page: {section}")
        if section == "score":
            self.bind.structure(anchor, groups_view, "the indicator groups", identity=True)
        unplaced = tuple(name for name in _UNPLACED_OF[section] if name not in self.placed)
        if unplaced:
            view = functools.partial(unplaced_view, unplaced)
            self.bind.structure(anchor, view, f"facts the page has no line for: {section}")

    def bind_page(self, anchor: Block) -> None:
        """The structure of the page's head and foot: the title, the Supported Languages line, the disclaimer."""
        places = frozenset(self.places)
        self.bind.structure(anchor, functools.partial(page_shape, places), "the sections of the page")

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

    def parts(self, blocks: SomeBlocks) -> tuple[SomeBlocks, list[Part]]:
        """The blocks before the first section, and the sections' parts (only the headings are made here)."""
        starts = [
            at for at, cls in enumerate(blocks.classes) if cls is Heading and cast(Heading, blocks[at]).level <= 2
        ]
        ends = [*starts[1:], len(blocks)][: len(starts)]
        parts = [
            Part(cast(Heading, blocks[start]), blocks[start + 1 : end]) for start, end in zip(starts, ends, strict=True)
        ]
        return blocks[: starts[0] if starts else len(blocks)], parts

    def read_head(self, head: Sequence[Block]) -> None:
        """Between the title and the first section: the older layout's overview table."""
        for block in head:
            if isinstance(block, Table):
                self.read_overview_table(block)
            elif isinstance(block, FrontMatterBlock) or (self.page.title is None and self.read_languages(block)):
                continue  # a page without a title: its head starts at the top
            else:
                self.unexpected(block, "page head")

    def check_complete(self, blocks: Sequence[Block]) -> None:
        """A whole page ends with its disclaimer; one that does not was cut off."""
        if self.page.disclaimer is not None:
            return
        last = next((block for block in reversed(blocks) if not isinstance(block, BlankLines)), None)
        if last is None:
            return
        self.report(last.end, "page", "the disclaimer at the end of the page", "the page looks cut off here")


@functools.cache  # one dict for each set of labels: a page's reader keeps it while its sections wait
def _readers(labels: Labels) -> dict[str, tuple[str, ReadPart]]:
    """The reader of each section, and the section (see ``unread.SECTIONS``) it reads, by its heading.

    The score's heading varies: see :meth:`QuoteReader.plan`.  Plain functions, not bound methods.
    """
    return {
        labels.overview: ("overview", QuoteReader.read_overview),
        labels.profile: ("overview", QuoteReader.read_overview),
        labels.key_drivers: ("key_drivers", QuoteReader.read_key_drivers),
        labels.valuation: ("valuation", QuoteReader.read_valuation),
        labels.peers: ("peers", QuoteReader.read_peers),
        labels.institutional: ("institutional", QuoteReader.read_institutional),
        labels.references: ("references", QuoteReader.read_references),
    }


#: The facts of each section that have no line on some pages (see ``views.UNPLACED``).
_UNPLACED_OF = {
    section: tuple(name for name in UNPLACED if name.partition(".")[0] in fields)
    for section, fields in SECTIONS.items()
}

#: The structure of each section, as :meth:`QuoteReader.bind_section` binds it.
SHAPES = {
    "overview": overview_shape,
    "key_drivers": key_drivers_shape,
    "score": score_shape,
    "valuation": valuation_shape,
    "peers": peers_shape,
    "institutional": institutional_shape,
    "references": references_shape,
}
