"""Reading the typed model of a quote page from its blocks.

The page is cut into *parts*: the blocks before the title, those between
the title and the first section, and one part per level-2 heading (its
level-3 and level-4 headings included).  Each known section has a reader
that walks its part's blocks in order; labels come from ``_labels``, never
from the readers.  What a reader cannot place is reported and left alone:
the text stays in the document, and the model simply lacks that value.

Both layouts are read: the current one (``type: "Symbol"``) and the older
one (``type: "quote"``: the overview table under the title, Company
Profile, Score Analysis with bold category lines).
"""

from __future__ import annotations

import functools
import itertools
import operator
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

import attrs

from ._blocks import (
    BlankLines,
    Block,
    BlockQuote,
    ChartBlock,
    FrontMatterBlock,
    Heading,
    ListBlock,
    Paragraph,
    Table,
    ThematicBreak,
)
from ._charts import JsonPath, RadarOutline, Spoke, spoke_value
from ._edit import Binder, present
from ._escape import (
    cell_plain,
    classification_markdown,
    heading_markdown,
    keyed_cell_markdown,
    labelled,
    plain,
    read_classification,
    read_group_name,
    read_markdown_line,
    read_peer_name,
    unemphasised,
)
from ._fields import lazily_read, stored, unchecked, written
from ._frontmatter import FrontMatter
from ._inline import Link, iter_links, parse_inline
from ._labels import Labels, labels_for
from ._model import (
    AnalystRating,
    Analysts,
    Classification,
    Indicator,
    IndicatorGroup,
    Overview,
    Peer,
    Score,
    SymbolPage,
    TargetPrice,
    Valuation,
    ValuationRow,
)
from ._problems import Reporter
from ._render import (
    OLDER_TYPE,
    analyst_cells,
    disclaimer_line,
    indicator_cells,
    industry_line,
    key_driver_line,
    link_text,
    markdown_lines,
    number_text,
    peer_cells,
    radar_dimension,
    rank_text,
    score_note_lines,
    valuation_cells,
)
from ._symbols import TITLE_SYMBOL, is_symbol_text
from ._tables import Cell, cell_text, split_cells
from ._text import Position, line_content, position_within
from ._values import (
    format_datetime,
    is_number_text,
    is_rank_text,
    read_count,
    read_datetime,
    read_grade,
    read_number,
    read_rank,
)

if TYPE_CHECKING:
    from ._document import Document

__all__ = ["read_page"]

T = TypeVar("T")

PAGE_TYPES = ("Symbol", "quote")
_OVERALL = re.compile(r"(?P<grade>\S+)?\s*\((?P<value>[^()]*)\)")


@attrs.frozen
class _Part:
    """A level-2 heading and the blocks up to the next level-1 or level-2 heading."""

    heading: Heading | None
    blocks: list[Block]


def read_page(
    blocks: Sequence[Block],
    front_matter: FrontMatter | None,
    charts: Mapping[int, RadarOutline],
    reporter: Reporter,
    binder: Binder,
) -> SymbolPage | None:
    """The typed page, or None when the blocks are not a symbol page.

    A symbol page is one whose front matter says ``type: "Symbol"`` or
    ``"quote"``, or, without front matter, whose first level-1 heading ends
    in a symbol (``# Name (KC.US)``).
    """
    title_index = next((i for i, block in enumerate(blocks) if isinstance(block, Heading) and block.level == 1), None)
    title_block = blocks[title_index] if title_index is not None else None
    assert title_block is None or isinstance(title_block, Heading)
    title = title_block.text if title_block is not None else None
    title_symbols = TITLE_SYMBOL.findall(title) if title else []
    if not (front_matter is not None and front_matter.type in PAGE_TYPES) and not title_symbols:
        return None
    older = front_matter is not None and front_matter.type == OLDER_TYPE
    reader = _PageReader(labels_for(front_matter.locale if front_matter else None), charts, reporter, binder, older)
    return reader.read(list(blocks), title_index, title_block, title_symbols, front_matter)


class _PageReader:
    """One reading of one page: the labels, the reporter, and what was read."""

    def __init__(
        self, labels: Labels, charts: Mapping[int, RadarOutline], reporter: Reporter, binder: Binder, older: bool
    ) -> None:
        self.labels = labels
        self.older = older  # the older layout (``type: "quote"``), where group headings do not repeat "Score"
        self.charts = charts  # the radar charts the scanner checked, by id of their block
        self.reporter = reporter
        self.bind = binder
        # The reader of each section, by its heading (the score's heading varies: see read_part).
        # Plain functions, not bound methods, so the reader makes no reference cycle.
        reader = type(self)
        self.readers: dict[str, Callable[[_PageReader, _Part], None]] = {
            labels.overview: reader.read_overview,
            labels.profile: reader.read_overview,
            labels.key_drivers: reader.read_key_drivers,
            labels.valuation: reader.read_valuation,
            labels.peers: reader.read_peers,
            labels.institutional: reader.read_institutional,
            labels.references: reader.read_references,
        }
        # Which parts of the page have a place in the text, for the structure guard.
        self.places: set[str] = set()
        # Which of the page's optional facts have a place in the text (see _UNPLACED); the rest are guarded.
        self.placed: set[str] = set()
        self.sections_read: set[str] = set()
        self.page = SymbolPage()
        # Where each indicator group was read from, for the checks across sections.
        self.group_tables: dict[int, Table] = {}
        self.group_headings: dict[int, Heading] = {}
        self.score_heading_grade: tuple[Heading, str | None] | None = None

    # -- reporting ---------------------------------------------------------

    def report(self, where: Position, construct: str, expected: str, detail: str = "") -> None:
        self.reporter.report(where.line, where.column, construct, expected, detail)

    def value(self, cell: _Located | None, read: Callable[[str], T | None], construct: str, what: str) -> T | None:
        """``read`` applied to a cell's text; a text it refuses is reported and read as None."""
        if cell is None:
            return None
        try:
            return read(cell.text)
        except ValueError:
            self.report(cell.start, construct, what, f"found {cell.text.strip()!r}")
            return None

    def table(self, table: Table) -> _TableReading:
        return _TableReading(table, self.report)

    def unexpected(self, block: Block, construct: str) -> None:
        if not isinstance(block, BlankLines):
            kind = type(block).__name__
            self.report(block.start, construct, "only what this section holds", f"found a {kind}")

    # -- the page ------------------------------------------------------------

    def read(
        self,
        blocks: list[Block],
        title_index: int | None,
        title_block: Heading | None,
        title_symbols: list[str],
        front_matter: FrontMatter | None,
    ) -> SymbolPage:
        page = self.page
        if title_block is not None:
            _put(page, "title", plain(title_block.text))
            self.check_symbol(front_matter, title_block, title_symbols)
            self.bind.places(title_block, _after, (_TITLE_MARK,), _title_view, "doc.title", _title_texts)
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
        anchor = title_block or next(iter(blocks))
        places = frozenset(self.places)
        self.bind.structure(anchor, functools.partial(_shape, places), "the sections of the page")
        self.bind.structure(anchor, _groups_view, "the indicator groups", identity=True)
        unplaced = tuple(name for name in _UNPLACED if name not in self.placed)
        self.bind.structure(anchor, functools.partial(_unplaced_view, unplaced), "facts the page has no line for")
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
        lines = functools.partial(_languages_lines, labels.supported_languages)
        self.bind.whole(block, _languages_view, lines, "doc.supported_languages")
        return True

    def check_symbol(self, front_matter: FrontMatter | None, title: Heading, title_symbols: list[str]) -> None:
        """The symbol the title ends in is the front matter's."""
        written = front_matter.symbol if front_matter else None
        if written is not None and title_symbols and title_symbols[-1] != written:
            self.report(title.start, "title", f"the symbol {written} of the front matter", f"found {title_symbols[-1]}")

    def parts(self, blocks: list[Block]) -> tuple[list[Block], list[_Part]]:
        head: list[Block] = []
        parts: list[_Part] = []
        for block in blocks:
            if isinstance(block, Heading) and block.level <= 2:
                parts.append(_Part(block, []))
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

    def read_part(self, part: _Part) -> None:
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

    # -- Company Overview / Company Profile ------------------------------------

    def overview(self) -> Overview:
        if self.page.overview is None:
            self.page.overview = Overview()
            self.places.add("overview")
        return self.page.overview

    def read_overview(self, part: _Part) -> None:
        overview = self.overview()
        paragraphs = [block for block in part.blocks if isinstance(block, Paragraph)]
        if paragraphs:
            _put(overview, "description", "\n\n".join(_markdown_text(block.text) for block in paragraphs))
            self.places.add("description")
            if len(paragraphs) == 1:
                self.bind.whole(paragraphs[0], _description_view, _description_lines, "doc.overview.description")
                self.placed.add("overview.description")
            else:
                self.bind.guard(paragraphs[0], _description_view, "doc.overview.description")
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
                _put(overview, "industry", plain(value))
            elif text == labels.website:
                links = list(iter_links(parse_inline(value)))
                overview.website = links[0] if links else Link(value, parse_inline(value))
            else:
                _put(overview, "exchange", plain(value))
                exchange_label = text
            found[labels.exchange[0] if text in labels.exchange else text] = (line, column)
        self.places.add("overview_table")
        fields: list[tuple[str, Callable[[Document], Any], tuple[int, int] | None, Callable[[Any], str] | None]] = [
            (labels.industry, _overview_industry, found.get(labels.industry), keyed_cell_markdown),
            (exchange_label, _overview_exchange, found.get(labels.exchange[0]), keyed_cell_markdown),
            (labels.website, _website, found.get(labels.website), link_text),
        ]
        self.bind.keyed(table, fields, "the overview table")
        self.placed.update(("overview.industry", "overview.exchange", "overview.website"))

    # -- Key Drivers -----------------------------------------------------------

    def read_key_drivers(self, part: _Part) -> None:
        quotes = 0
        for block in part.blocks:
            if isinstance(block, BlockQuote) and quotes == 0:
                quotes += 1  # the section's subtitle
            elif isinstance(block, ListBlock) and not self.page.key_drivers:
                self.page.key_drivers.extend(_markdown_text(item.text) for item in block.items)
                self.places.add("key_drivers")
                self.bind.items(block, _key_drivers_view, _bullet, "doc.key_drivers")
            elif isinstance(block, (Paragraph, BlockQuote)):
                self.page.key_drivers.append(_markdown_text(block.text))
                self.bind.guard(block, _key_drivers_view, "doc.key_drivers")
            else:
                self.unexpected(block, "Key Drivers")

    # -- Longbridge Financial Score ------------------------------------------------

    def read_score(self, part: _Part) -> None:
        labels = self.labels
        heading = part.heading
        assert heading is not None
        score = self.page.score = Score()
        self.places.add("score")
        _, colon, after = heading.text.rpartition(":")
        heading_grade = None
        if colon:
            piece = _Piece(heading, after, _after_last(heading.source, ":"))
            heading_grade = self.value(piece, read_grade, "score heading", "a grade A to E")
            self.bind.places(heading, _grade_spans, (), _score_grade_view, "doc.score.grade")
            self.placed.add("score.grade")
        self.score_heading_grade = (heading, heading_grade) if colon else None
        category: str | None = None
        group: IndicatorGroup | None = None
        for block in part.blocks:
            if isinstance(block, BlockQuote):
                self.read_score_quote(block, score)
            elif isinstance(block, Paragraph):
                label, rest = labelled(block.text)
                if label == labels.overall:
                    self.read_overall(block, rest, score)
                elif label == labels.industry:
                    _put(score, "industry", rest)
                    write = functools.partial(_industry_lines, labels)
                    self.bind.whole(block, _score_industry_view, write, "doc.score.industry")
                    self.placed.add("score.industry")
                elif label in labels.score_categories or label == labels.multi_score:
                    category = label
                    if label == labels.multi_score:
                        if rest:
                            piece = _Piece(block, rest, _after_first(block.source, ":"))
                            score.multi_score = self.value(piece, read_grade, "score", "a grade A to E")
                        label_pattern = _bold_label(labels.multi_score)
                        view = _multi_score_view
                        self.bind.places(block, _after, (label_pattern,), view, "doc.score.multi_score")
                        self.placed.add("score._multi_score")
                else:
                    self.unexpected(block, "score section")
            elif isinstance(block, ListBlock):
                self.read_classifications(block, score)
            elif isinstance(block, Table) and block.header[:1] == (labels.metric,):
                self.read_score_table(block, score)
            elif isinstance(block, Table) and block.header[:1] == (labels.indicator,):
                if group is None or id(group) in self.group_tables:
                    self.report(block.start, "score section", "an indicator group heading before its table")
                    continue
                self.group_tables[id(group)] = block
                self.places.add(f"indicators {len(score.groups) - 1}")
                read, lines = self.read_indicators(block)
                group.indicators.extend(read)
                number = len(score.groups) - 1
                indicators = functools.partial(_group_indicators, number)
                self.bind.rows(
                    block,
                    indicators,
                    _EDITS,
                    indicator_cells,
                    read,
                    lines,
                    f"doc.score.groups[{number}].indicators",
                )
            elif isinstance(block, Heading) and block.level == 4:
                group = self.read_group_heading(block, category)
                if group is not None:
                    self.group_headings[id(group)] = block
                    score.groups.append(group)
                    number = len(score.groups) - 1
                    view = functools.partial(_group_grade_view, number)
                    self.bind.places(block, _grade_spans, (), view, f"doc.score.groups[{number}].grade")
            elif isinstance(block, ChartBlock):
                chart = self.charts.get(id(block))
                if chart is not None and score.chart_title is None:
                    _put(score, "chart_title", chart.title)  # its figures are checked once the page is read
                    self.bind_chart(block, chart)
                else:
                    self.unexpected(block, "score section")
            elif isinstance(block, Heading) and block.text == labels.score_analysis:
                self.older = True  # the older layout's score, on a page whose front matter does not say so
                continue
            else:
                self.unexpected(block, "score section")

    def read_score_quote(self, quote: BlockQuote, score: Score) -> None:
        description: list[str] = []
        offset = quote.offset
        for number, (line, source) in enumerate(zip(quote.text_lines, quote.lines, strict=True)):
            label, rest = labelled(line) if not _wrapped(line) else ("", line)  # the note's lines are wrapped
            if label == self.labels.updated:
                place = _Line(Position(quote.line + number, 1, offset), line_content(source))
                piece = _Piece(place, rest, _after_first(place.source, ":"))
                _put(score, "updated", self.value(piece, read_datetime, "score", "an ISO 8601 datetime"))
            else:
                description.append(unemphasised(line))
            offset += len(source)
        _put(score, "description", "\n".join(description) if description else None)
        write = functools.partial(_note_lines, self.labels)
        self.bind.whole(quote, _score_note_view, write, "doc.score.description, .updated")
        self.placed.update(("score.description", "score.updated"))

    def read_classifications(self, block: ListBlock, score: Score) -> None:
        """The Style and Scale lines: ``- **Style**: Growth - <description>``."""
        labels = self.labels
        names: list[str] = []
        for item in block.items:
            label, _ = labelled(item.text)
            name, description = read_classification(item.text.partition(":")[2])
            classification = unchecked(Classification, name=name, description=description)
            if label == labels.style:
                _put(score, "style", classification)
            elif label == labels.scale:
                _put(score, "scale", classification)
            else:
                self.report(item.start, "score section", "a Style or Scale line", f"found {label!r}")
                continue
            names.append(label)
        self.places.update(names)
        view = functools.partial(_classifications_view, tuple(names), labels.style)
        write = functools.partial(_classification_lines, tuple(names))
        self.bind.whole(block, view, write, "doc.score.style, .scale")

    def read_overall(self, block: Paragraph, rest: str, score: Score) -> None:
        match = _OVERALL.fullmatch(rest)
        if match is None:
            self.report(block.start, "score", "'Overall: <grade> (<value>)'", f"found {rest!r}")
            return
        after = _after_first(block.source, ":")
        grade = _Piece(block, match.group("grade") or "", after)
        _put(score, "grade", self.value(grade, read_grade, "score", "a grade"))
        value = _Piece(block, match.group("value"), _after_first(block.source, "(", after))
        _put(score, "value", self.value(value, read_number, "score", "a number"))
        args = (_overall(self.labels.overall), ("grade", "value"))
        self.bind.places(block, _group_spans, args, _overall_view, "doc.score.grade, .value")
        self.placed.update(("score.grade", "score.value"))

    def read_score_table(self, table: Table, score: Score) -> None:
        labels = self.labels
        reading = self.table(table)
        found: dict[str, tuple[int, int]] = {}
        for line, cells in reading.rows:
            name, cell = cell_text(cells[0]), reading.cell(line, cells, 1)
            if cell is None:
                self.report(reading.row_start(line), "score table", "a value after the metric", "found none")
                continue
            if name == labels.industry_ranking:
                _put(score, "industry_rank", self.value(cell, read_rank, "score table", "a rank like '20 / 32'"))
            elif name == labels.industry_median:
                _put(score, "industry_median", self.value(cell, read_grade, "score table", "a grade A to E"))
            elif name == labels.industry_average:
                _put(score, "industry_average", self.value(cell, read_grade, "score table", "a grade A to E"))
            else:
                expected = "Industry Ranking, Median or Average"
                self.report(reading.row_start(line), "score table", expected, f"found {name!r}")
                continue
            found[name] = (line, 1)

        fields = [
            (labels.industry_ranking, _score_rank_text, found.get(labels.industry_ranking), None),
            (labels.industry_median, _score_median, found.get(labels.industry_median), None),
            (labels.industry_average, _score_average, found.get(labels.industry_average), None),
        ]
        self.bind.keyed(table, fields, "the score table")
        self.placed.update(("score.industry_rank", "score.industry_median", "score.industry_average"))

    def read_group_heading(self, heading: Heading, category: str | None) -> IndicatorGroup | None:
        """``#### Style Score Score: `` (current) or ``#### Profit Score: A`` (older)."""
        found = read_group_name(heading.text, self.labels.group_word, self.older)
        if found is None:
            self.report(heading.start, "score section", "an indicator group heading '<name>: <grade>'")
            return None
        name, after = found
        piece = _Piece(heading, after, _after_last(heading.source, ":"))
        grade = self.value(piece, read_grade, "score section", "a grade A to E")
        if name in self.labels.score_categories:
            category = name  # the current layout: each group is a category of its own
        elif not self.older:
            category = None  # only the older layout writes a group's category (its bold line)
        return unchecked(IndicatorGroup, name=name, grade=grade, category=category)

    def read_indicators(self, table: Table) -> tuple[list[Indicator], list[int]]:
        """The indicators of a group's table, and the line of each one's row."""
        labels = self.labels
        reading = self.table(table)
        name, value, rating = map(reading.column, (labels.indicator, labels.value, labels.rating))
        indicators, lines = [], []
        for line, cells in reading.rows:
            texts = {}
            if (text := reading.checked(line, cells, value, is_number_text, "indicator table", "a number")) is not None:
                texts["value"] = text
            indicator = lazily_read(
                Indicator,
                texts,
                name=reading.plain(cells, name),
                rating=reading.value(line, cells, rating, read_grade, "indicator table", "a grade A to E"),
            )
            indicators.append(indicator)
            lines.append(line)
        return indicators, lines

    def bind_chart(self, block: ChartBlock, chart: RadarOutline) -> None:
        """The radar chart repeats the groups: its title and each dimension named like a group."""
        view = functools.partial(_chart_view, frozenset(name for name, _, _ in chart.dimensions))
        self.bind.chart(block, view, _chart_update, "the chart-data block")
        self.placed.add("score.chart_title")

    # -- Valuation Analysis -----------------------------------------------------------

    def read_valuation(self, part: _Part) -> None:
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
            self.bind.rows(block, _valuation_rows, _EDITS, valuation_cells, read, lines, "doc.valuation")

    # -- Peer Comparison ----------------------------------------------------------------

    def read_peers(self, part: _Part) -> None:
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
                        place = _Piece(name_cell, symbol, _after_last(name_cell.raw, "(")).start
                        self.report(place, "peer table", "a symbol", f"found {symbol!r}")

                grades = [reading.value(line, cells, at, read_grade, "peer table", grade) for at in grades_at]
                peer = lazily_read(
                    Peer,
                    texts,
                    rank=rank if rank is not None else 0,
                    name=name,
                    **dict(zip(_PEER_GRADES, grades, strict=True)),
                )
                _put(peer, "_written_name", name_cell.text)
                self.page.peers.append(peer)
                read.append(peer)
                lines.append(line)
            self.bind.rows(block, _peers, _EDITS, peer_cells, read, lines, "doc.peers")

    # -- Institutional View ----------------------------------------------------------------

    def read_institutional(self, part: _Part) -> None:
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
                piece = _Piece(block, rest, _after_first(block.source, labels.as_of))
                _put(analysts, "as_of", self.value(piece, read_datetime, "analysts", "a datetime"))
                write = functools.partial(_as_of_lines, labels.as_of)
                self.bind.whole(block, _as_of_view, write, "doc.analysts.as_of")
                self.placed.add("analysts.as_of")
                return
        elif isinstance(block, Paragraph):
            label, rest = labelled(block.text)
            if label == labels.total_analysts:
                piece = _Piece(block, rest, _after_first(block.source, ":"))
                _put(analysts, "total", self.value(piece, read_count, "analysts", "a whole number"))
                args = (_bold_value(labels.total_analysts), ("v",))
                self.bind.places(block, _group_spans, args, _total_view, "doc.analysts.total")
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
            self.bind.rows(block, _analyst_ratings, _EDITS, analyst_cells, read, lines, what)
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
            _put(targets, field, reading.value(line, cells, price_at, read_number, "target price table", "a price"))
            found[field] = (line, 1)

        bound = [
            (label, functools.partial(_target_price_text, field), found.get(field), None)
            for label, field in fields.items()
        ]
        self.bind.keyed(table, bound, "doc.target_price")
        self.placed.update(("target_price.current", "target_price.highest", "target_price.lowest"))

    # -- References and the disclaimer -----------------------------------------------------------

    def read_references(self, part: _Part) -> None:
        self.page.references = []  # the section is there, with a list or not
        for block in part.blocks:
            if isinstance(block, ListBlock) and "references" not in self.places:
                for item in block.items:
                    self.page.references.extend(iter_links(item.inline))
                self.places.add("references")
                self.bind.items(block, _references_view, _reference_line, "doc.references")
            else:
                self.unexpected(block, "References")

    def read_disclaimer(self, blocks: list[Block]) -> list[Block]:
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
        _put(self.page, "disclaimer", plain(quote.text))
        self.bind.whole(quote, _disclaimer_view, _disclaimer_lines, "doc.disclaimer")
        return blocks[: shown[0]]

    # -- checks across sections ---------------------------------------------------------------------

    def check_score(self) -> None:
        score = self.page.score
        if score is None:
            return
        if self.score_heading_grade is not None:
            heading, grade = self.score_heading_grade
            if grade != score.grade:
                self.report(heading.start, "score heading", f"the overall grade {score.grade}", f"found {grade}")
        conflict = score._settle()
        multi = score.group(self.labels.multi_score)
        if conflict is not None and multi is not None:
            self.report(
                self.group_headings[id(multi)].start,
                "score section",
                f"the Multi Score grade {conflict[0]} on its group heading",
                f"found {conflict[1]}",
            )

    def check_charts(self, blocks: list[Block]) -> None:
        """A radar chart repeats the indicator tables: each difference is reported."""
        score = self.page.score
        if score is None:
            return
        for block in blocks:
            chart = self.charts.get(id(block))
            if chart is None:
                continue
            for name, grade, spokes in chart.dimensions:
                group = score.group(name)
                if group is None:
                    continue
                if grade != group.grade:
                    expected = f"grade {group.grade} for {group.name!r}"
                    self.report(block.start, "chart-data block", expected, f"found {grade}")
                if not _same_indicators(group.indicators, spokes):
                    table = self.group_tables.get(id(group))
                    where = f"the table on line {table.start.line}" if table else "its table"
                    wanted = [(i.name, i.value, i.rating) for i in group.indicators]
                    found = [(spoke[0], spoke_value(spoke), spoke[2]) for spoke in spokes]
                    self.report(
                        block.start,
                        "chart-data block",
                        f"the indicators of {group.name!r} as in {where}",
                        _difference(wanted, found),
                    )

    def check_complete(self, blocks: list[Block]) -> None:
        """A whole page ends with its disclaimer; one that does not was cut off."""
        if self.page.disclaimer is not None:
            return
        last = next((block for block in reversed(blocks) if not isinstance(block, BlankLines)), None)
        if last is None:
            return
        self.report(last.end, "page", "the disclaimer at the end of the page", "the page looks cut off here")


def _same_indicators(indicators: Sequence[Indicator], spokes: Sequence[Spoke]) -> bool:
    """Whether a chart's spokes say what an indicator table says (numbers compared as amounts)."""
    if len(indicators) != len(spokes):
        return False
    for indicator, (name, value, rating) in zip(indicators, spokes, strict=True):
        if indicator.name != name or indicator.rating != rating:
            return False
        shown = written(stored(indicator, "value"))  # the table's text, read or not
        if isinstance(value, str) and shown is not None and value.strip() == shown:
            continue  # written alike: the same amount, without reading either number
        if spoke_value((name, value, rating)) != indicator.value:
            return False
    return True


def _put(obj: object, name: str, value: object) -> None:
    """Set a field of a model object to a value the reader has already read into the field's type.

    An assignment would run the field's conversion and checks, which give
    such a value back unchanged; they are most of what an assignment costs.
    """
    object.__setattr__(obj, name, value)


def _difference(wanted: Sequence[tuple[object, ...]], found: Sequence[tuple[object, ...]]) -> str:
    for index, (table_row, chart_row) in enumerate(zip(wanted, found, strict=False)):
        if table_row != chart_row:
            return f"indicator {index + 1}: table {table_row}, chart {chart_row}"
    return f"the table has {len(wanted)} indicators, the chart {len(found)}"


class _TableReading:
    """One table being read: its body rows cut once, its columns found by name, its cells read as values.

    Only rows holding a cell for every column are read: a shorter row (a page
    cut mid-row) is left as it is.  A cell a reader refuses is reported
    where it stands, and read as None.
    """

    def __init__(self, table: Table, report: Callable[[Position, str, str, str], None]) -> None:
        self.table = table
        self.report = report
        width = len(table.header)
        self.lines = table.lines
        #: Each line's raw cells (tuples of strings only, which the garbage collector soon stops watching).
        self.cells = [split_cells(text.rstrip("\r\n"))[0] for text in self.lines]  # line_content, inlined
        #: The line numbers of the body rows read (a plain list of numbers: no object for each row).
        self.body = [
            table.line + number for number, cells in enumerate(self.cells) if number >= 2 and len(cells) >= width
        ]
        self._line_offsets: list[int] | None = None

    @property
    def rows(self) -> Iterator[tuple[int, tuple[str, ...]]]:
        """The body rows read: the line number of each and its raw cells."""
        first, cells = self.table.line, self.cells
        for line in self.body:
            yield line, cells[line - first]

    def column(self, name: str) -> int | None:
        """Where the first column headed ``name`` stands, or None when the table has none."""
        try:
            return self.table.header.index(name)
        except ValueError:
            return None

    def plain(self, cells: tuple[str, ...], index: int | None) -> str:
        """The plain text of the cell at ``index`` (a :meth:`column`); ``""`` for no column."""
        return "" if index is None else cell_plain(cells[index])

    def value(
        self,
        line: int,
        cells: tuple[str, ...],
        index: int | None,
        read: Callable[[str], T | None],
        construct: str,
        what: str,
    ) -> T | None:
        """``read`` applied to the text of the cell at ``index``; a text it refuses is reported and read as None."""
        if index is None:
            return None
        text = cell_text(cells[index])
        try:
            return read(text)
        except ValueError:
            self.report(self.cell_start(line, index), construct, what, f"found {text[:80]!r}")
            return None

    def checked(
        self,
        line: int,
        cells: tuple[str, ...],
        index: int | None,
        check: Callable[[str], bool],
        construct: str,
        what: str,
    ) -> str | None:
        """The text of the cell at ``index``, to be read later, when ``check`` takes it.

        None for no column, and for ``-`` or nothing (no value); a text
        ``check`` refuses is reported where it stands, and None.
        """
        if index is None:
            return None
        text = cell_text(cells[index])
        if text == "" or text == "-":
            return None
        if check(text):
            return text
        self.report(self.cell_start(line, index), construct, what, f"found {text[:80]!r}")
        return None

    def cell(self, line: int, cells: tuple[str, ...], index: int | None) -> _CellAt | None:
        """The cell at ``index`` of a row, as a located text; None where the row has none."""
        if index is None or index >= len(cells):
            return None
        return _CellAt(self, line, index, cells[index])

    def row_start(self, line: int) -> Position:
        """Where the row on ``line`` starts (the offsets of the table's lines are worked out once, when needed)."""
        if self._line_offsets is None:
            offsets, at = [], self.table.offset
            for text in self.lines:
                offsets.append(at)
                at += len(text)
            self._line_offsets = offsets
        return Position(line, 1, self._line_offsets[line - self.table.line])

    def cell_start(self, line: int, index: int) -> Position:
        """Where the raw text of cell ``index`` of the row on ``line`` starts."""
        row = self.row_start(line)
        cells, first = split_cells(line_content(self.lines[line - self.table.line]))
        before = first + sum(len(raw) + 1 for raw in cells[:index])
        return Position(line, 1 + before, row.offset + before)


@attrs.frozen
class _CellAt:
    """A cell of a table being read: its raw text, and its place, made only when asked."""

    reading: _TableReading
    line: int
    index: int
    raw: str

    @property
    def text(self) -> str:
        return cell_text(self.raw)

    @property
    def start(self) -> Position:
        return self.reading.cell_start(self.line, self.index)


class _Located(Protocol):
    """Text with a place: a cell, or a :class:`_Piece`."""

    @property
    def text(self) -> str: ...
    @property
    def start(self) -> Position: ...


@attrs.frozen
class _Line:
    """One line of a block (without its ending), and where it starts."""

    start: Position
    source: str


@attrs.frozen
class _Piece:
    """A piece of a block's (or a line's, or a cell's) text, read like a cell.

    It is placed where its text first stands at or after ``after`` (an index
    into the block's source: past the label before it); a piece whose text
    the block does not hold as it stands (its markup was taken away) is
    placed at ``after``.  Nothing is looked for until a problem is reported.
    """

    block: Block | Cell | _CellAt | _Line
    text: str
    after: int = 0

    @property
    def start(self) -> Position:
        where = self.block
        source = where.raw if isinstance(where, (Cell, _CellAt)) else where.source
        text = self.text.strip()
        index = source.find(text, self.after) if text else -1
        return position_within(where.start, source, index if index >= 0 else self.after)


def _after_first(source: str, mark: str, start: int = 0) -> int:
    """Just after the first ``mark`` in ``source`` from ``start`` (``start`` when there is none)."""
    found = source.find(mark, start)
    return found + len(mark) if found >= 0 else start


def _after_last(source: str, mark: str) -> int:
    """Just after the last ``mark`` in ``source`` (0 when there is none)."""
    return source.rfind(mark) + 1 if mark in source else 0


# -- what the bindings read from a document, and where they find it in the text -------------------------

# How many assignments a row's object has had (see ReadLazily): a row shows what it showed when it was
# read while its object is the same and the count too.  A group's fields are compared by value.
_EDITS = operator.attrgetter("_edits")
_GROUP_FIELDS = operator.attrgetter("name", "grade")
_PEER_GRADES = ("profit", "growth", "operation", "security", "cash", "rating")

# The patterns below only find where a label starts, and never backtrack over
# more than a run of blanks; where a value ends is found with str methods, so
# no line, however long or strange, costs more than one pass.
_TITLE_MARK = re.compile(r"[ ]{0,3}#[ \t]+")


@functools.cache  # one pattern per label, made once
def _bold_label(label: str) -> re.Pattern[str]:
    """``**Label**:`` and the blanks after it."""
    return re.compile(r"\*\*" + re.escape(label) + r"\*\*:[ \t]*")


@functools.cache  # one pattern per label, made once
def _bold_value(label: str) -> re.Pattern[str]:
    """``Label: **<v>**``."""
    return re.compile(re.escape(label) + r":[ \t]*\*\*(?P<v>[^*\r\n]*)\*\*")


def _line_end(source: str, start: int) -> int:
    """Where the line holding ``start`` ends (before its line ending)."""
    ends = [end for end in (source.find("\n", start), source.find("\r", start)) if end >= 0]
    return min(ends) if ends else len(source)


def _rest_of_line(source: str, prefix: re.Pattern[str]) -> tuple[int, int] | None:
    """The span after ``prefix`` to the end of its line, trailing blanks left out; None when there is no prefix."""
    found = prefix.search(source)
    if found is None:
        return None
    start = found.end()
    end = _line_end(source, start)
    return start, max(start, start + len(source[start:end].rstrip(" \t")))


# Where the facts stand in a block's source: each locator gives the span of every text a
# binding writes (None where one is missing); see Binder.places.

Span = tuple[int, int]


def _after(source: str, prefix: re.Pattern[str]) -> list[Span | None]:
    """What follows ``prefix`` to the end of its line."""
    return [_rest_of_line(source, prefix)]


def _group_spans(source: str, pattern: re.Pattern[str], names: tuple[str, ...]) -> list[Span | None]:
    """The groups ``names`` of the first match of ``pattern``."""
    match = pattern.search(source)
    return [match.span(name) for name in names] if match is not None else [None]


def _grade_spans(source: str) -> list[Span | None]:
    """A heading's grade."""
    return [_grade_place(source)]


@functools.cache  # one pattern per label, made once
def _overall(label: str) -> re.Pattern[str]:
    """``**Overall: <grade> (<value>)**``."""
    return re.compile(r"\*\*" + re.escape(label) + r":[ \t]*(?P<grade>[^ \t(*]*)[ \t]*\((?P<value>[^()\r\n]*)\)")


def _grade_place(source: str) -> tuple[int, int]:
    """Where a heading's grade stands: after its last colon (an empty span when it shows none)."""
    content = line_content(source)
    colon = content.rfind(":")
    start = colon + 1
    while start < len(content) and content[start] in " \t":
        start += 1
    end = max(start, len(content.rstrip(" \t")))
    return start, end


# The views below walk the model with plain attribute access: a part set to None
# raises AttributeError there, which dumps reports as an edit it cannot write.


def _present_page(doc: Document) -> SymbolPage:
    return doc.page  # type: ignore[return-value]


def _part(doc: Document, name: str) -> Any:
    return getattr(doc.page, name)


def _score(doc: Document) -> Score:
    return doc.page.score  # type: ignore[union-attr,return-value]


def _overview(doc: Document) -> Overview:
    return doc.page.overview  # type: ignore[union-attr,return-value]


# Each view is a module-level function (its parameters bound with functools.partial),
# so a binding holds no function object of its own.


def _title_view(doc: Document) -> tuple[str]:
    return (_present_page(doc).title or "",)


def _title_texts(now: tuple[str]) -> tuple[str]:
    return (heading_markdown(now[0]),)


def _languages_view(doc: Document) -> tuple[Link, ...]:
    return tuple(_present_page(doc).supported_languages)


def _languages_lines(label: str, now: tuple[Link, ...]) -> list[str]:
    return [f"> {label}: " + " | ".join(map(link_text, now))]


def _description_view(doc: Document) -> tuple[str | None]:
    return (_overview(doc).description,)


def _description_lines(now: tuple[str | None]) -> list[str]:
    return markdown_lines(now[0]) if now[0] is not None else []


def _markdown_text(text: str) -> str:
    """A markdown field's text as the model holds it: each line without the backslash a writer adds (see _escape)."""
    if "\\" not in text:
        return text
    return "\n".join(map(read_markdown_line, text.split("\n")))


def _overview_industry(doc: Document) -> str | None:
    return _overview(doc).industry


def _overview_exchange(doc: Document) -> str | None:
    return _overview(doc).exchange


def _key_drivers_view(doc: Document) -> tuple[str, ...]:
    return tuple(_present_page(doc).key_drivers)


def _bullet(text: str) -> str:
    return key_driver_line(0, text)


def _score_grade_view(doc: Document) -> tuple[str]:
    return (_score(doc).grade or "",)


def _score_industry_view(doc: Document) -> str | None:
    return _score(doc).industry


def _industry_lines(labels: Labels, now: str | None) -> list[str]:
    return [industry_line(labels, now)] if now is not None else []


def _multi_score_view(doc: Document) -> tuple[str]:
    return (_score(doc).multi_score or "",)


def _score_note_view(doc: Document) -> tuple[str | None, Any]:
    score = _score(doc)
    return score.description, score.updated


def _classifications_view(names: tuple[str, ...], style: str, doc: Document) -> tuple[tuple[str, str | None], ...]:
    """The name and description of the Style and Scale lines, in the order of ``names``."""
    score = _score(doc)
    return tuple(
        (found.name, found.description)
        for name in names
        for found in [present(score.style if name == style else score.scale, f"doc.score.{name.lower()}")]
    )


def _classification_lines(names: tuple[str, ...], now: tuple[tuple[str, str | None], ...]) -> list[str]:
    """The Style and Scale lines (labelled ``names``, in the page's order), written anew."""
    return [f"- **{name}**: {classification_markdown(*found)}" for name, found in zip(names, now, strict=True)]


def _overall_view(doc: Document) -> tuple[str, str]:
    score = _score(doc)
    return score.grade or "-", number_text(score.value)


def _score_rank_text(doc: Document) -> str | None:
    value = _score(doc).industry_rank
    return rank_text(value, spaced=True) if value is not None else None


def _score_median(doc: Document) -> str | None:
    return _score(doc).industry_median


def _score_average(doc: Document) -> str | None:
    return _score(doc).industry_average


def _group_grade_view(number: int, doc: Document) -> tuple[str]:
    return (_score(doc).groups[number].grade or "",)


def _group_indicators(number: int, doc: Document) -> list[Indicator]:
    return _score(doc).groups[number].indicators


def _chart_view(names: frozenset[str], doc: Document) -> tuple[tuple[tuple[Any, ...], ...], tuple[Any, ...]]:
    """The groups a radar chart repeats: the model objects (compared by identity) and what they show, as written."""
    score = _score(doc)
    groups = tuple(group for group in score.groups if group.name in names)
    indicators = tuple(itertools.chain.from_iterable(group.indicators for group in groups))
    shown = (
        score.chart_title,
        *itertools.chain.from_iterable(map(_GROUP_FIELDS, groups)),
        *map(_indicator_shown, indicators),
    )
    return (groups, indicators), shown


def _indicator_shown(indicator: Indicator) -> tuple[Any, ...]:
    """An indicator's facts as written (a value still waiting is not read): what the chart repeats of it."""
    return indicator.name, written(stored(indicator, "value")), indicator.rating


def _chart_update(data: Any, now: Any, original: Any) -> tuple[Any, list[tuple[JsonPath, Any]] | None]:
    """The chart JSON ``data`` with what changed in the title and the groups since the page was read.

    ``now`` is a :func:`_chart_view`; ``original`` the one taken when the page
    was read (``Binder.done``: the shape, the objects, the values).  Only a
    fact that changed is set: the title, a group's grade, the keys of an
    indicator that was assigned to (or replaced); an odd value elsewhere in
    the chart stays as written.  Also the changes as ``(path, value)`` pairs,
    or None when a group's indicators were added, removed or reordered (the
    list is then written anew).
    """
    groups, title = now[0][0], now[1][0]
    shape, objects, shown = original
    read_groups, read_indicators = objects[: shape[0]], objects[shape[0] :]
    grades = {id(group): shown[2 + 2 * number] for number, group in enumerate(read_groups)}
    first = 1 + 2 * len(read_groups)  # where the indicators' facts start in what was shown
    facts = {id(indicator): shown[first + number] for number, indicator in enumerate(read_indicators)}
    order = {id(indicator): number for number, indicator in enumerate(read_indicators)}
    changes: list[tuple[JsonPath, Any]] | None = []
    if title != shown[0]:
        data["title"] = title
        changes = _noted(changes, ("title",), title)
    by_name = {group.name: group for group in groups}
    dimensions = data.get("dimensions") if isinstance(data, dict) else None
    for place, dimension in enumerate(dimensions if isinstance(dimensions, list) else ()):
        name = dimension.get("name") if isinstance(dimension, dict) else None
        if not isinstance(name, str) or name not in by_name:
            continue
        group = by_name[name]
        new = radar_dimension(group)
        if grades.get(id(group), _NOT_READ) != group.grade:
            dimension["grade"] = new["grade"]
            changes = _noted(changes, ("dimensions", place, "grade"), new["grade"])
        written = dimension.get("indicators")
        known = [order.get(id(indicator)) for indicator in group.indicators]
        in_place = (
            isinstance(written, list)
            and len(written) == len(new["indicators"])
            and all(isinstance(item, dict) for item in written)
            and all(earlier < later for earlier, later in itertools.pairwise(n for n in known if n is not None))
        )
        if not in_place or not isinstance(written, list):
            dimension["indicators"] = new["indicators"]
            changes = None
            continue
        pairs = zip(group.indicators, written, new["indicators"], strict=True)
        for number, (indicator, item, fresh) in enumerate(pairs):
            before = facts.get(id(indicator))
            now = _indicator_shown(indicator)
            for key, was, fact in zip(("name", "value", "rating"), before or (_NOT_READ,) * 3, now, strict=True):
                value = fresh[key]
                if fact == was or (item.get(key) == value and type(item.get(key)) is type(value)):
                    continue  # not changed since the page was read (the chart keeps what it says), or shown already
                item[key] = value
                changes = _noted(changes, ("dimensions", place, "indicators", number, key), value)
    return data, changes


#: Stands for "no such object when the page was read": compares unequal to any value.
_NOT_READ = object()


def _noted(changes: list[tuple[JsonPath, Any]] | None, path: JsonPath, value: Any) -> list[tuple[JsonPath, Any]] | None:
    if changes is not None:
        changes.append((path, value))
    return changes


def _valuation_rows(doc: Document) -> list[ValuationRow]:
    return _part(doc, "valuation").rows  # type: ignore[no-any-return]


def _peers(doc: Document) -> list[Peer]:
    return present(_present_page(doc).peers, "doc.page.peers")  # type: ignore[no-any-return]


def _as_of_view(doc: Document) -> Any:
    return _part(doc, "analysts").as_of


def _as_of_lines(label: str, now: Any) -> list[str]:
    return [f"> {label} {format_datetime(now)}"] if now is not None else []


def _total_view(doc: Document) -> tuple[str]:
    return (_count_text(_part(doc, "analysts").total),)


def _analyst_ratings(doc: Document) -> list[AnalystRating]:
    return _part(doc, "analysts").ratings  # type: ignore[no-any-return]


def _target_price_text(field: str, doc: Document) -> str:
    return number_text(getattr(_part(doc, "target_price"), field))


def _references_view(doc: Document) -> tuple[Link, ...]:
    return tuple(present(_present_page(doc).references, "doc.page.references"))


def _reference_line(link: Link) -> str:
    return f"- {link_text(link)}"


def _disclaimer_view(doc: Document) -> str | None:
    return _present_page(doc).disclaimer


def _disclaimer_lines(now: str | None) -> list[str]:
    return [disclaimer_line(now)] if now is not None else []


def _website(doc: Document) -> Link | None:
    return _overview(doc).website


def _note_lines(labels: Labels, now: tuple[str | None, Any]) -> list[str]:
    """A score quote's lines: the note's and the Updated datetime's."""
    return score_note_lines(labels, *now)


def _wrapped(line: str) -> bool:
    """Whether a line of a quote is all inside ``*...*`` (or ``_..._``)."""
    stripped = line.strip()
    return len(stripped) >= 2 and stripped[0] == stripped[-1] and stripped[0] in "*_"


def _count_text(value: int | None) -> str:
    return "-" if value is None else str(value)


def _groups_view(doc: Document) -> tuple[tuple[tuple[IndicatorGroup, ...]], tuple[()]]:
    """The indicator group objects (compared by identity: a group replaced by another needs the page written anew)."""
    score = _present_page(doc).score
    return (tuple(score.groups) if score is not None else (),), ()


#: The page's optional facts that have a line or a cell of their own, when the page shows them at all.  A
#: fact the page read has no place for is guarded: a value given to it needs the page written from the model.
_UNPLACED = (
    "overview.description",
    "overview.industry",
    "overview.exchange",
    "overview.website",
    "score.grade",
    "score.value",
    "score.description",
    "score.updated",
    "score.industry",
    "score.industry_rank",
    "score.industry_median",
    "score.industry_average",
    "score._multi_score",  # the grade kept by the score itself; a Multi Score group's grade is bound by its heading
    "score.chart_title",
    "analysts.as_of",
    "analysts.total",
    "target_price.current",
    "target_price.highest",
    "target_price.lowest",
)


def _unplaced_view(names: tuple[str, ...], doc: Document) -> tuple[Any, ...]:
    """The values of the facts the page has no place for (a section the page lacks is the shape's to guard)."""
    page = _present_page(doc)
    values = []
    for name in names:
        section, _, field = name.partition(".")
        part = getattr(page, section)
        values.append(None if part is None else getattr(part, field))
    return tuple(values)


def _shape(places: frozenset[str], doc: Document) -> tuple[Any, ...]:
    """What of the page has a place in the text: a change here needs the page written from the model."""
    page = _present_page(doc)
    score = page.score
    return (
        page.title is not None or "title" not in places,
        page.overview is not None or "overview" not in places,
        bool(page.supported_languages) if "supported_languages" not in places else True,
        bool(page.key_drivers) if "key_drivers" not in places else True,
        page.score is not None if "score" in places else page.score is None,
        tuple((group.name, group.category) for group in score.groups) if score is not None else (),
        score is not None and score.style is not None,
        score is not None and score.scale is not None,
        page.valuation is not None if "valuation" in places else page.valuation is None,
        page.peers is not None,
        "peers" in places or not page.peers,  # rows have a table to go to
        page.analysts is not None if "analysts" in places else page.analysts is None,
        page.target_price is not None if "target_price" in places else page.target_price is None,
        "ratings" in places or page.analysts is None or not page.analysts.ratings,  # rows have a table to go to
        tuple(  # an indicator group's rows have a table to go to
            f"indicators {number}" in places or not group.indicators
            for number, group in enumerate(score.groups if score is not None else ())
        ),
        page.references is not None,
        "references" in places or not page.references,  # links have a list to go to
        page.disclaimer is not None,
    )
