"""Reading Longbridge Financial Score.

The grade, the score table, Style and Scale, the indicator groups, the radar
chart; and the checks across them.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import TYPE_CHECKING

from symboldoc._block_store import classes_of
from symboldoc._blocks import Block, BlockQuote, ChartBlock, Heading, ListBlock, Paragraph, Table
from symboldoc._charts import RadarOutline, Spoke, spoke_value
from symboldoc._escape import labelled, unemphasised
from symboldoc._fields import lazily_read, stored, unchecked, written
from symboldoc._locate import after_prefix, bold_label, group_spans
from symboldoc._reading import Line, Piece, after_first, after_last, set_read
from symboldoc._tables import cell_text
from symboldoc._text import Position, line_content
from symboldoc._values import is_number_text, read_datetime, read_grade, read_number, read_rank

from .escape import (
    read_classification,
    read_group_name,
)
from .model import (
    Classification,
    Indicator,
    IndicatorGroup,
    Score,
)
from .reader import OVERALL, Part, QuoteReading
from .render import (
    indicator_cells,
)
from .views import (
    EDITS,
    chart_update,
    chart_view,
    classification_lines,
    classifications_view,
    grade_spans,
    group_grade_view,
    group_indicators,
    industry_lines,
    is_wrapped,
    multi_score_view,
    note_lines,
    overall_pattern,
    overall_view,
    score_average,
    score_grade_view,
    score_industry_view,
    score_median,
    score_note_view,
    score_rank_text,
)

if TYPE_CHECKING:
    pass


class ScoreSection(QuoteReading):
    """The score section's readers, mixed into ``read.QuoteReader``."""

    # -- Longbridge Financial Score ------------------------------------------------

    def read_score(self, part: Part) -> None:
        labels = self.labels
        heading = part.heading
        assert heading is not None
        score = self.page.score = Score()
        self.places.add("score")
        _, colon, after = heading.text.rpartition(":")
        heading_grade = None
        if colon:
            piece = Piece(heading, after, after_last(heading.source, ":"))
            heading_grade = self.value(piece, read_grade, "score heading", "a grade A to E")
            self.bind.places(heading, grade_spans, (), score_grade_view, "doc.score.grade")
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
                    set_read(score, "industry", rest)
                    write = functools.partial(industry_lines, labels)
                    self.bind.whole(block, score_industry_view, write, "doc.score.industry")
                    self.placed.add("score.industry")
                elif label in labels.score_categories or label == labels.multi_score:
                    category = label
                    if label == labels.multi_score:
                        if rest:
                            piece = Piece(block, rest, after_first(block.source, ":"))
                            score.multi_score = self.value(piece, read_grade, "score", "a grade A to E")
                        label_pattern = bold_label(labels.multi_score)
                        view = multi_score_view
                        self.bind.places(block, after_prefix, (label_pattern,), view, "doc.score.multi_score")
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
                indicators = functools.partial(group_indicators, number)
                self.bind.rows(
                    block,
                    indicators,
                    EDITS,
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
                    view = functools.partial(group_grade_view, number)
                    self.bind.places(block, grade_spans, (), view, f"doc.score.groups[{number}].grade")
            elif isinstance(block, ChartBlock):
                chart = self.charts.get(block.line)
                if chart is not None and score.chart_title is None:
                    set_read(score, "chart_title", chart.title)  # its figures are checked once the page is read
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
            label, rest = labelled(line) if not is_wrapped(line) else ("", line)  # the note's lines are wrapped
            if label == self.labels.updated:
                place = Line(Position(quote.line + number, 1, offset), line_content(source))
                piece = Piece(place, rest, after_first(place.source, ":"))
                set_read(score, "updated", self.value(piece, read_datetime, "score", "an ISO 8601 datetime"))
            else:
                description.append(unemphasised(line))
            offset += len(source)
        set_read(score, "description", "\n".join(description) if description else None)
        write = functools.partial(note_lines, self.labels)
        self.bind.whole(quote, score_note_view, write, "doc.score.description, .updated")
        self.placed.update(("score.description", "score.updated"))

    def read_classifications(self, block: ListBlock, score: Score) -> None:
        """The Style and Scale lines: ``- **Style**: Growth - <description>``."""
        labels = self.labels
        names: list[str] = []
        for item in block.items_cut_now():
            label, _ = labelled(item.text)
            name, description = read_classification(item.text.partition(":")[2])
            classification = unchecked(Classification, name=name, description=description)
            if label == labels.style:
                set_read(score, "style", classification)
            elif label == labels.scale:
                set_read(score, "scale", classification)
            else:
                self.report(item.start, "score section", "a Style or Scale line", f"found {label!r}")
                continue
            names.append(label)
        self.places.update(names)
        view = functools.partial(classifications_view, tuple(names), labels.style)
        write = functools.partial(classification_lines, tuple(names))
        self.bind.whole(block, view, write, "doc.score.style, .scale")

    def read_overall(self, block: Paragraph, rest: str, score: Score) -> None:
        match = OVERALL.fullmatch(rest)
        if match is None:
            self.report(block.start, "score", "'Overall: <grade> (<value>)'", f"found {rest!r}")
            return
        after = after_first(block.source, ":")
        grade = Piece(block, match.group("grade") or "", after)
        set_read(score, "grade", self.value(grade, read_grade, "score", "a grade"))
        value = Piece(block, match.group("value"), after_first(block.source, "(", after))
        set_read(score, "value", self.value(value, read_number, "score", "a number"))
        args = (overall_pattern(self.labels.overall), ("grade", "value"))
        self.bind.places(block, group_spans, args, overall_view, "doc.score.grade, .value")
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
                set_read(score, "industry_rank", self.value(cell, read_rank, "score table", "a rank like '20 / 32'"))
            elif name == labels.industry_median:
                set_read(score, "industry_median", self.value(cell, read_grade, "score table", "a grade A to E"))
            elif name == labels.industry_average:
                set_read(score, "industry_average", self.value(cell, read_grade, "score table", "a grade A to E"))
            else:
                expected = "Industry Ranking, Median or Average"
                self.report(reading.row_start(line), "score table", expected, f"found {name!r}")
                continue
            found[name] = (line, 1)

        fields = [
            (labels.industry_ranking, score_rank_text, found.get(labels.industry_ranking), None),
            (labels.industry_median, score_median, found.get(labels.industry_median), None),
            (labels.industry_average, score_average, found.get(labels.industry_average), None),
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
        piece = Piece(heading, after, after_last(heading.source, ":"))
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
        view = functools.partial(chart_view, frozenset(name for name, _, _ in chart.dimensions))
        self.bind.chart(block, view, chart_update, "the chart-data block")
        self.placed.add("score.chart_title")

    # -- Valuation Analysis -----------------------------------------------------------

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

    def check_charts(self, blocks: Sequence[Block]) -> None:
        """A radar chart repeats the indicator tables: each difference is reported."""
        score = self.page.score
        if score is None:
            return
        for index, cls in enumerate(classes_of(blocks)):
            if not issubclass(cls, ChartBlock):
                continue  # the charts the scanner checked are chart blocks: the others are not made
            block = blocks[index]
            chart = self.charts.get(block.line)
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


def _difference(wanted: Sequence[tuple[object, ...]], found: Sequence[tuple[object, ...]]) -> str:
    for index, (table_row, chart_row) in enumerate(zip(wanted, found, strict=False)):
        if table_row != chart_row:
            return f"indicator {index + 1}: table {table_row}, chart {chart_row}"
    return f"the table has {len(wanted)} indicators, the chart {len(found)}"
