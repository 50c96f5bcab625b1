"""Reading the quote page's other sections.

Company Overview, Key Drivers, Valuation Analysis, Peer Comparison,
Institutional View, References, and the disclaimer.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from symboldoc._block_store import SomeBlocks
from symboldoc._blocks import BlankLines, Block, BlockQuote, Heading, ListBlock, Paragraph, Table, ThematicBreak
from symboldoc._escape import keyed_cell_markdown, labelled, plain
from symboldoc._fields import lazily_read
from symboldoc._inline import Link, iter_links, parse_inline
from symboldoc._layout import link_text
from symboldoc._locate import bold_value, group_spans
from symboldoc._reading import Piece, after_first, after_last, set_read
from symboldoc._symbols import is_symbol_text
from symboldoc._tables import cell_text
from symboldoc._values import is_number_text, is_rank_text, read_count, read_datetime, read_grade, read_number

from .escape import (
    read_peer_name,
)
from .model import (
    AnalystRating,
    Analysts,
    Peer,
    TargetPrice,
    Valuation,
    ValuationRow,
)
from .reader import Part, QuoteReading
from .render import (
    analyst_cells,
    peer_cells,
    valuation_cells,
)
from .views import (
    EDITS,
    PEER_GRADES,
    analyst_ratings,
    as_of_lines,
    as_of_view,
    bullet,
    description_lines,
    description_view,
    disclaimer_lines,
    disclaimer_view,
    key_drivers_view,
    markdown_text,
    overview_exchange,
    overview_industry,
    peer_rows,
    reference_line,
    references_view,
    target_price_text,
    total_view,
    valuation_rows,
    website_view,
)

if TYPE_CHECKING:
    from symboldoc._document import Document


class OtherSections(QuoteReading):
    """The readers of the other sections, mixed into ``read.QuoteReader``."""

    # -- Company Overview / Company Profile ------------------------------------

    def read_overview(self, part: Part) -> None:
        overview = self.overview()
        paragraphs = [block for block in part.blocks if isinstance(block, Paragraph)]
        if paragraphs:
            set_read(overview, "description", "\n\n".join(markdown_text(block.text) for block in paragraphs))
            self.places.add("description")
            if len(paragraphs) == 1:
                self.bind.whole(paragraphs[0], description_view, description_lines, "doc.overview.description")
                self.placed.add("overview.description")
            else:
                self.bind.guard(paragraphs[0], description_view, "doc.overview.description")
        for block in part.blocks:
            if isinstance(block, Table):
                self.read_overview_table(block)
            elif not isinstance(block, Paragraph):
                self.unexpected(block, "Company Overview")

    def read_overview_table(self, table: Table) -> None:
        """The Item / Detail table, read as label, value pairs.

        Cells are taken in reading order, empty and delimiter-like ones
        skipped, and each known label takes the next cell as its value; so a
        table whose line breaks were lost and guessed again still reads.
        """
        labels = self.labels
        known = {labels.industry, labels.website, *labels.exchange}
        cells = [
            (text, line, column)
            for line, row in enumerate(table.row_cells(), table.line)
            if line != table.line + 1  # the delimiter row
            for column, text in enumerate(map(cell_text, row))
            if text.strip("-: ")
        ]
        overview = self.overview()
        found: dict[str, tuple[int, int]] = {}
        exchange_label = labels.exchange[0]
        for index, (text, label_line, label_column) in enumerate(cells[:-1]):
            if text not in known:
                continue
            value, line, column = cells[index + 1]
            if value in known and not (line == label_line and (label_column, column) == (0, 1)):
                continue  # another label: this one has no value (a row "| Industry | Website |" has one)
            if text == labels.industry:
                set_read(overview, "industry", plain(value))
            elif text == labels.website:
                links = list(iter_links(parse_inline(value)))
                overview.website = links[0] if links else Link(value, parse_inline(value))
            else:
                set_read(overview, "exchange", plain(value))
                exchange_label = text
            found[labels.exchange[0] if text in labels.exchange else text] = (line, column)
        self.places.add("overview_table")
        fields: list[tuple[str, Callable[[Document], Any], tuple[int, int] | None, Callable[[Any], str] | None]] = [
            (labels.industry, overview_industry, found.get(labels.industry), keyed_cell_markdown),
            (exchange_label, overview_exchange, found.get(labels.exchange[0]), keyed_cell_markdown),
            (labels.website, website_view, found.get(labels.website), link_text),
        ]
        self.bind.keyed(table, fields, "the overview table")
        self.placed.update(("overview.industry", "overview.exchange", "overview.website"))

    # -- Key Drivers -----------------------------------------------------------

    def read_key_drivers(self, part: Part) -> None:
        quotes = 0
        for block in part.blocks:
            if isinstance(block, BlockQuote) and quotes == 0:
                quotes += 1  # the section's subtitle
            elif isinstance(block, ListBlock) and not self.page.key_drivers:
                self.page.key_drivers.extend(markdown_text(item.text) for item in block.items_cut_now())
                self.places.add("key_drivers")
                self.bind.items(block, key_drivers_view, bullet, "doc.key_drivers")
            elif isinstance(block, (Paragraph, BlockQuote)):
                self.page.key_drivers.append(markdown_text(block.text))
                self.bind.guard(block, key_drivers_view, "doc.key_drivers")
            else:
                self.unexpected(block, "Key Drivers")

    # -- Longbridge Financial Score ------------------------------------------------
    # -- Valuation Analysis -----------------------------------------------------------

    def read_valuation(self, part: Part) -> None:
        labels = self.labels
        for block in part.blocks:
            if not isinstance(block, Table) or block.header[:1] != (labels.metric,) or "valuation" in self.places:
                self.unexpected(block, "Valuation Analysis")
                continue
            valuation = self.page.valuation = Valuation()
            self.places.add("valuation")
            reading = self.table(block)
            metric, rank = reading.column(labels.metric), reading.column(labels.industry_ranking)
            current, high, median, low = map(reading.column, (labels.current, labels.high, labels.median, labels.low))
            number = "a number or '-'"
            checks = (
                ("current", current, is_number_text, number),
                ("industry_rank", rank, is_rank_text, "a rank or '-'"),
                ("high", high, is_number_text, number),
                ("median", median, is_number_text, number),
                ("low", low, is_number_text, number),
            )
            read, lines = [], []
            for line, cells in reading.rows:
                texts = {}
                for field, at, check, expected in checks:
                    if (text := reading.checked(line, cells, at, check, "valuation table", expected)) is not None:
                        texts[field] = text
                item = lazily_read(ValuationRow, texts, metric=reading.plain(cells, metric))
                valuation.rows.append(item)
                read.append(item)
                lines.append(line)
            self.bind.rows(block, valuation_rows, EDITS, valuation_cells, read, lines, "doc.valuation")

    # -- Peer Comparison ----------------------------------------------------------------

    def read_peers(self, part: Part) -> None:
        labels = self.labels
        self.page.peers = []  # the section is there, with a table or not
        for block in part.blocks:
            if (
                not isinstance(block, Table)
                or block.header[:1] != (labels.rank,)
                or labels.name not in block.header
                or "peers" in self.places
            ):
                self.unexpected(block, "Peer Comparison")
                continue
            self.places.add("peers")
            reading = self.table(block)
            rank_at, name_at = reading.column(labels.rank), reading.column(labels.name)
            grade_names = (labels.profit, labels.growth, labels.operation, labels.security, labels.cash, labels.rating)
            grades_at = [reading.column(name) for name in grade_names]
            grade = "a grade A to E"
            read, lines = [], []
            for line, cells in reading.rows:
                rank = reading.value(line, cells, rank_at, read_count, "peer table", "a rank number")
                name_cell = reading.cell(line, cells, name_at)
                assert name_cell is not None  # the table has a Name column, and the row a cell in each
                name, symbol = read_peer_name(name_cell.text)
                texts = {}
                if symbol is not None:
                    if is_symbol_text(symbol):
                        texts["symbol"] = symbol
                    else:
                        place = Piece(name_cell, symbol, after_last(name_cell.raw, "(")).start
                        self.report(place, "peer table", "a symbol", f"found {symbol!r}")

                grades = [reading.value(line, cells, at, read_grade, "peer table", grade) for at in grades_at]
                peer = lazily_read(
                    Peer,
                    texts,
                    rank=rank if rank is not None else 0,
                    name=name,
                    **dict(zip(PEER_GRADES, grades, strict=True)),
                )
                set_read(peer, "_written_name", name_cell.text)
                self.page.peers.append(peer)
                read.append(peer)
                lines.append(line)
            self.bind.rows(block, peer_rows, EDITS, peer_cells, read, lines, "doc.peers")

    # -- Institutional View ----------------------------------------------------------------

    def read_institutional(self, part: Part) -> None:
        labels = self.labels
        current: str | None = None
        for block in part.blocks:
            if isinstance(block, Heading) and block.level == 3:
                current = block.text
                if current == labels.analysts and self.page.analysts is None:
                    self.page.analysts = Analysts()
                    self.places.add("analysts")
                elif current == labels.targets and self.page.target_price is None:
                    self.page.target_price = TargetPrice()
                    self.places.add("target_price")
                elif current not in (labels.analysts, labels.targets):
                    self.report(block.start, "Institutional View", "Analyst Rating Distribution or Target Price")
            elif current == labels.analysts and self.page.analysts is not None:
                self.read_analysts_block(block, self.page.analysts)
            elif current == labels.targets and self.page.target_price is not None and isinstance(block, Table):
                self.read_targets(block, self.page.target_price)
            else:
                self.unexpected(block, "Institutional View")

    def read_analysts_block(self, block: Block, analysts: Analysts) -> None:
        labels = self.labels
        if isinstance(block, BlockQuote):
            text = plain(block.text)
            if text.startswith(labels.as_of):
                rest = text[len(labels.as_of) :]
                piece = Piece(block, rest, after_first(block.source, labels.as_of))
                set_read(analysts, "as_of", self.value(piece, read_datetime, "analysts", "a datetime"))
                write = functools.partial(as_of_lines, labels.as_of)
                self.bind.whole(block, as_of_view, write, "doc.analysts.as_of")
                self.placed.add("analysts.as_of")
                return
        elif isinstance(block, Paragraph):
            label, rest = labelled(block.text)
            if label == labels.total_analysts:
                piece = Piece(block, rest, after_first(block.source, ":"))
                set_read(analysts, "total", self.value(piece, read_count, "analysts", "a whole number"))
                args = (bold_value(labels.total_analysts), ("v",))
                self.bind.places(block, group_spans, args, total_view, "doc.analysts.total")
                self.placed.add("analysts.total")
                return
        elif isinstance(block, Table) and block.header[:1] == (labels.rating,) and "ratings" not in self.places:
            self.places.add("ratings")
            reading = self.table(block)
            name, count, share = map(reading.column, (labels.rating, labels.count, labels.percentage))
            read, lines = [], []
            for line, cells in reading.rows:
                texts = {}
                share_text = reading.checked(line, cells, share, is_number_text, "analyst table", "a percentage")
                if share_text is not None:
                    texts["percentage"] = share_text
                rating = lazily_read(
                    AnalystRating,
                    texts,
                    rating=reading.plain(cells, name),
                    count=reading.value(line, cells, count, read_count, "analyst table", "a whole number"),
                )
                analysts.ratings.append(rating)
                read.append(rating)
                lines.append(line)
            what = "doc.analysts.ratings"
            self.bind.rows(block, analyst_ratings, EDITS, analyst_cells, read, lines, what)
            return
        self.unexpected(block, "Analyst Rating Distribution")

    def read_targets(self, table: Table, targets: TargetPrice) -> None:
        labels = self.labels
        fields = {labels.current_price: "current", labels.highest_target: "highest", labels.lowest_target: "lowest"}
        reading = self.table(table)
        price_at = reading.column(labels.price)
        found: dict[str, tuple[int, int]] = {}
        for line, cells in reading.rows:
            field = fields.get(cell_text(cells[0]))
            if field is None:
                self.report(reading.row_start(line), "target price table", "Current Price, Highest or Lowest Target")
                continue
            set_read(targets, field, reading.value(line, cells, price_at, read_number, "target price table", "a price"))
            found[field] = (line, 1)

        bound = [
            (label, functools.partial(target_price_text, field), found.get(field), None)
            for label, field in fields.items()
        ]
        self.bind.keyed(table, bound, "doc.target_price")
        self.placed.update(("target_price.current", "target_price.highest", "target_price.lowest"))

    # -- References and the disclaimer -----------------------------------------------------------

    def read_references(self, part: Part) -> None:
        self.page.references = []  # the section is there, with a list or not
        for block in part.blocks:
            if isinstance(block, ListBlock) and "references" not in self.places:
                for item in block.items_cut_now():
                    self.page.references.extend(iter_links(item.inline))
                self.places.add("references")
                self.bind.items(block, references_view, reference_line, "doc.references")
            else:
                self.unexpected(block, "References")

    def read_disclaimer(self, blocks: SomeBlocks) -> SomeBlocks:
        """The disclaimer: a quote after a thematic break, the last two blocks of the page (blank lines aside).

        Returns the blocks before the break, which the sections are read from.
        """
        shown: list[int] = []
        for index in range(len(blocks) - 1, -1, -1):  # from the end: the last two that are not blank lines
            if not isinstance(blocks[index], BlankLines):
                shown.insert(0, index)
                if len(shown) == 2:
                    break
        if len(shown) < 2:
            return blocks
        rule, quote = blocks[shown[0]], blocks[shown[1]]
        if not isinstance(rule, ThematicBreak) or not isinstance(quote, BlockQuote):
            return blocks
        set_read(self.page, "disclaimer", plain(quote.text))
        self.bind.whole(quote, disclaimer_view, disclaimer_lines, "doc.disclaimer")
        return blocks[: shown[0]]

    # -- checks across sections ---------------------------------------------------------------------
