"""Writing a page from the typed model alone, in the pages' own layout.

``dumps(doc, preserve=False)`` lands here: the front matter and the typed
page are written the way Longbridge writes them (the layout of the seed
page: its blank lines, its delimiter rows, its trailing spaces, chart JSON
with a two-space indent, no final newline); the older layout for a page
whose front matter says ``type: "quote"``.  The pieces (a table row, a
value's text, the chart JSON) are also what ``views`` uses to write a
changed fact into a page that keeps its own text.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from symboldoc._escape import (
    cell_markdown,
    heading_markdown,
    keyed_cell_markdown,
    labelled_markdown,
    markdown_line,
    strong_markdown,
    unwritable,
)
from symboldoc._frontmatter import FrontMatter
from symboldoc._layout import (
    NoValue,
    chart_json,
    grade_cell,
    link_text,
    markdown_lines,
    number_cell,
    number_text,
    rank_text,
    row_line,
)
from symboldoc._values import format_datetime, read_count, read_rank

from .escape import (
    classification_markdown,
    group_heading_markdown,
    peer_name_markdown,
    read_peer_name,
)
from .labels import Labels, labels_for
from .model import (
    AnalystRating,
    Analysts,
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

if TYPE_CHECKING:
    pass

OLDER_TYPE = "quote"

# The delimiter rows exactly as Longbridge writes them (not all of them follow the header widths).
DELIMITERS = {
    "overview": "|------|--------|",
    "score": "|--------|-------|",
    "indicators": "|-----------|-------|--------|",
    "valuation": "|--------|---------|-----------------|------|--------|-----|",
    "peers": "| --- | --- | --- | --- | --- | --- | --- | --- |",
    "analysts": "|--------|-------|-----------| ",
    "targets": "|--------|-------|",
}

#: What an empty cell holds: two spaces in the current layout, one in the older.
EMPTY_CELL = {False: "  ", True: " "}


def peer_name_text(peer: Peer) -> str:
    """The Name cell's markdown: as it was written while it still reads as the peer's name and symbol."""
    symbol = None if peer.symbol is None else str(peer.symbol)
    written = peer._written_name
    if written is not None and read_peer_name(written) == (peer.name, symbol):
        return written
    return peer_name_markdown(peer.name, symbol)


class _Writer:
    """Writes one page; ``older`` picks the older layout."""

    def __init__(self, labels: Labels, older: bool) -> None:
        self.labels = labels
        self.older = older
        self.empty = EMPTY_CELL[older]
        self.lines: list[str] = []

    def add(self, *lines: str) -> None:
        self.lines.extend(lines)

    def table(self, header: Sequence[str], delimiter: str, rows: Sequence[Sequence[str]]) -> None:
        self.add(row_line(header), delimiter, *(row_line(row, self.empty) for row in rows), "")

    def page(self, page: SymbolPage) -> None:
        labels = self.labels
        if page.supported_languages:
            links = " | ".join(link_text(link) for link in page.supported_languages)
            self.add(f"> {labels.supported_languages}: {links}", "")
        if page.title is not None:
            self.add(f"# {heading_markdown(page.title)}", "")
        if self.older:
            if page.overview is not None:
                self.overview_table(page.overview)
                if page.overview.description is not None:
                    self.add(f"## {labels.profile}", "", *markdown_lines(page.overview.description), "")
        elif page.overview is not None:
            self.add(f"## {labels.overview}", "")
            if page.overview.description is not None:
                self.add(*markdown_lines(page.overview.description), "")
            self.overview_table(page.overview)
        if not self.older or page.key_drivers:
            self.key_drivers(page.key_drivers)
        if page.score is not None:
            self.score(page.score)
        if page.valuation is not None:
            self.valuation(page.valuation)
        if page.peers is not None:
            self.peers(page.peers)
        if page.analysts is not None or page.target_price is not None:
            self.add(f"## {labels.institutional}", "")
            if page.analysts is not None:
                self.analysts(page.analysts)
            if page.target_price is not None:
                self.targets(page.target_price)
        if page.references is not None:
            self.add(f"## {labels.references}", "", *(f"- {link_text(link)}" for link in page.references), "")
        if page.disclaimer is not None:
            self.add("---", "", disclaimer_line(page.disclaimer))

    def overview_table(self, overview: Overview) -> None:
        labels = self.labels
        rows = [
            (labels.industry, _cell(overview.industry)),
            (labels.exchange[1] if self.older else labels.exchange[0], _cell(overview.exchange)),
            (labels.website, link_text(overview.website) if overview.website else None),
        ]
        self.table((labels.item, labels.detail), DELIMITERS["overview"], _present(rows))

    def key_drivers(self, items: list[str]) -> None:
        self.add(f"## {self.labels.key_drivers}", f"> *{self.labels.key_drivers_note}*")
        if items:
            self.add("", *(key_driver_line(number, item) for number, item in enumerate(items)))
        self.add("", "")

    def score(self, score: Score) -> None:
        labels = self.labels
        if self.older:
            self.add(f"## {labels.score_title_older}")
        else:
            self.add(f"## {labels.score_title}: {score.grade or ''}")
        self.add(*score_note_lines(labels, score.description, score.updated), "")
        self.add(f"**{labels.overall}: {score.grade or '-'} ({number_text(score.value)})**", "")
        if score.industry is not None:
            self.add(industry_line(labels, score.industry), "")
        rows = [
            (labels.industry_ranking, rank_text(score.industry_rank, spaced=True) if score.industry_rank else None),
            (labels.industry_median, score.industry_median),
            (labels.industry_average, score.industry_average),
        ]
        if _present(rows):
            self.table((labels.metric, labels.value), DELIMITERS["score"], _present(rows))
        styles = [(labels.style, score.style), (labels.scale, score.scale)]
        items = [
            f"- **{label}**: {classification_markdown(c.name, c.description)}" for label, c in styles if c is not None
        ]
        if items:
            self.add(*items, "")
        if self.older:
            self.older_groups(score)
        else:
            if score.multi_score is not None:
                self.add(f"**{labels.multi_score}**: {score.multi_score}", "")
            for group in score.groups:
                self.add(f"#### {group_heading_markdown(group.name, group.grade, labels.group_word, False)}", "")
                self.indicators(group.indicators)
            if score.chart_title is not None:
                self.add("```chart-data:radar", *radar_json(score, score.chart_title).split("\n"), "```", "")

    def older_groups(self, score: Score) -> None:
        labels = self.labels
        self.add(f"### {labels.score_analysis}", "")
        category: str | None = None
        multi_written = False
        for group in score.groups:
            if group.category != category and group.category is not None:
                category = group.category
                grade = f" {score.multi_score}" if category == labels.multi_score and score.multi_score else ""
                multi_written = multi_written or bool(grade)
                self.add(f"**{category}**:{grade}", "")
            self.add(f"#### {group_heading_markdown(group.name, group.grade, labels.group_word, True)}", "")
            self.indicators(group.indicators)
        if score.multi_score is not None and not multi_written:
            self.add(f"**{labels.multi_score}**: {score.multi_score}", "")  # after the groups: none takes it as theirs

    def indicators(self, indicators: list[Indicator]) -> None:
        labels = self.labels
        rows = [indicator_cells(indicator) for indicator in indicators]
        self.table((labels.indicator, labels.value, labels.rating), DELIMITERS["indicators"], rows)

    def valuation(self, valuation: Valuation) -> None:
        labels = self.labels
        header = (labels.metric, labels.current, labels.industry_ranking, labels.high, labels.median, labels.low)
        self.add(f"## {labels.valuation}", "")
        self.table(header, DELIMITERS["valuation"], [valuation_cells(row) for row in valuation.rows])

    def peers(self, peers: list[Peer]) -> None:
        labels = self.labels
        header = (
            labels.rank, labels.name, labels.profit, labels.growth, labels.operation, labels.security, labels.cash,
            labels.rating,
        )  # fmt: skip
        self.add(f"## {labels.peers}", "")
        self.table(header, DELIMITERS["peers"], [peer_cells(peer) for peer in peers])

    def analysts(self, analysts: Analysts) -> None:
        labels = self.labels
        self.add(f"### {labels.analysts}", "")
        if analysts.as_of is not None:
            self.add(f"> {labels.as_of} {format_datetime(analysts.as_of)}", "")
        if analysts.total is not None:
            self.add(f"{labels.total_analysts}: **{analysts.total}**", "")
        header = (labels.rating, labels.count, labels.percentage)
        self.table(header, DELIMITERS["analysts"], [analyst_cells(row) for row in analysts.ratings])

    def targets(self, targets: TargetPrice) -> None:
        labels = self.labels
        self.add(f"### {labels.targets}", "")
        rows = [
            (labels.current_price, number_text(targets.current)),
            (labels.highest_target, number_text(targets.highest)),
            (labels.lowest_target, number_text(targets.lowest)),
        ]
        self.table((labels.metric, labels.price), DELIMITERS["targets"], rows)


def _present(rows: Sequence[tuple[str, str | None]]) -> list[tuple[str, str]]:
    """The label, value rows that have a value."""
    return [(label, value) for label, value in rows if value is not None]


def key_driver_line(number: int, item: object) -> str:
    """A Key Drivers item: ``- <markdown>``; an item the page cannot hold is refused, naming it."""
    if not isinstance(item, str):
        raise ValueError(f"SymbolPage.key_drivers[{number}]: expected a str, got {item!r}")
    problem = unwritable(item)
    if problem is not None:
        raise ValueError(f"SymbolPage.key_drivers[{number}]: {item[:80]!r} has {problem}")
    return f"- {markdown_line(item)}"


def _cell(text: str | None) -> str | None:
    return None if text is None else keyed_cell_markdown(text)


def score_note_lines(labels: Labels, description: str | None, updated: _dt.datetime | None) -> list[str]:
    """The quote under the score heading: the note's lines, each in ``*...*``, and the Updated line."""
    quote = [f"> *{line}*" for line in description.split("\n")] if description is not None else []
    if updated is not None:
        quote.append(f"> {labels.updated}: {format_datetime(updated)}")
    return quote


def industry_line(labels: Labels, industry: str) -> str:
    return f"**{labels.industry}**: {labelled_markdown(labels.industry, industry)}"


def disclaimer_line(disclaimer: str) -> str:
    return f"> **{strong_markdown(disclaimer)}**"


def indicator_cells(indicator: Indicator) -> tuple[str, str, str]:
    return cell_markdown(indicator.name), number_cell(indicator.value), grade_cell(indicator.rating)


def valuation_cells(row: ValuationRow) -> tuple[str, ...]:
    rank = rank_text(row.industry_rank, spaced=False) if row.industry_rank is not None else NoValue("-", read_rank)
    return (
        cell_markdown(row.metric),
        number_cell(row.current),
        rank,
        number_cell(row.high),
        number_cell(row.median),
        number_cell(row.low),
    )


def peer_cells(peer: Peer) -> tuple[str, ...]:
    grades = (peer.profit, peer.growth, peer.operation, peer.security, peer.cash, peer.rating)
    return (f"{peer.rank:02d}", peer_name_text(peer), *map(grade_cell, grades))


def analyst_cells(row: AnalystRating) -> tuple[str, str, str]:
    count = str(row.count) if row.count is not None else NoValue("-", read_count)
    return cell_markdown(row.rating), count, number_cell(row.percentage)


def radar_dimension(group: IndicatorGroup) -> dict[str, Any]:
    return {
        "name": group.name,
        "grade": group.grade or "",
        "indicators": [
            {"name": i.name, "value": "" if i.value is None else number_text(i.value), "rating": i.rating or ""}
            for i in group.indicators
        ],
    }


def radar_json(score: Score, title: str) -> str:
    data = {"title": title, "chart_type": "radar", "dimensions": [radar_dimension(g) for g in score.groups]}
    return chart_json(data)


def render_quote_page(front_matter: FrontMatter | None, page: SymbolPage) -> list[str]:
    """The lines of a quote page's body, from its typed page alone; the older layout when the front matter says so."""
    older = front_matter is not None and front_matter.type == OLDER_TYPE
    writer = _Writer(labels_for(front_matter.locale if front_matter else None), older)
    writer.page(page)
    return writer.lines


def summarise_quote_page(page: SymbolPage) -> list[str]:
    """A few lines for people about a quote page's figures."""
    lines = [f"quote page: {page.title or 'no title'}"]
    score = page.score
    if score is not None:
        lines.append(
            f"  score: {score.grade or '-'} ({number_text(score.value)}), {len(score.groups)} indicator groups"
        )
    if page.valuation is not None:
        lines.append(f"  valuation: {', '.join(page.valuation.metrics) or 'no rows'}")
    if page.peers is not None:
        lines.append(f"  peers: {len(page.peers)}")
    if page.analysts is not None:
        ratings = ", ".join(
            f"{row.rating} {row.count if row.count is not None else '-'}" for row in page.analysts.ratings
        )
        lines.append(f"  analysts: {page.analysts.total if page.analysts.total is not None else '-'} ({ratings})")
    targets = page.target_price
    if targets is not None:
        shown = (number_text(targets.current), number_text(targets.highest), number_text(targets.lowest))
        lines.append("  target price: current {}, highest {}, lowest {}".format(*shown))
    return lines
