"""Writing a page from the typed model alone, in the pages' own layout.

``dumps(doc, preserve=False)`` lands here: the front matter and the typed
page are written the way Longbridge writes them (the layout of the seed
page: its blank lines, its delimiter rows, its trailing spaces, chart JSON
with a two-space indent, no final newline); the older layout for a page
whose front matter says ``type: "quote"``.  The pieces (a table row, a
value's text, the chart JSON) are also what ``_edit`` uses to write a
changed fact into a page that keeps its own text.
"""

from __future__ import annotations

import datetime as _dt
import json
import re
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

import yaml

from ._charts import JsonObject
from ._escape import (
    backslashed,
    cell_markdown,
    classification_markdown,
    escape_pipes,
    group_heading_markdown,
    heading_markdown,
    keyed_cell_markdown,
    labelled_markdown,
    link_markdown,
    markdown_line,
    peer_name_markdown,
    read_peer_name,
    strong_markdown,
    unwritable,
)
from ._frontmatter import LINK_ITEM, FrontMatter, LocaleLink, entry_read
from ._inline import Link
from ._inline_parser import resolve
from ._labels import Labels, labels_for
from ._model import (
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
from ._readback import same
from ._values import Number, Rank, format_datetime, read_count, read_grade, read_number, read_rank

__all__ = ["render_page", "render_text"]

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


# -- values as text -----------------------------------------------------------------------------


def number_text(value: Decimal | None) -> str:
    """A number as the page writes it; ``-`` for none."""
    if value is None:
        return "-"
    return value.text if isinstance(value, Number) else str(value)


def rank_text(rank: Rank | None, *, spaced: bool) -> str:
    """A rank as written, or ``20 / 32`` (``spaced``) or ``23/32``; ``-`` for none."""
    if rank is None:
        return "-"
    if rank.text:
        return rank.text
    return f"{rank.position} / {rank.total}" if spaced else f"{rank.position}/{rank.total}"


def link_text(link: Link) -> str:
    """A link as markdown that reads back as it: ``[text](url)``."""
    return link_markdown(link)


def peer_name_text(peer: Peer) -> str:
    """The Name cell's markdown: as it was written while it still reads as the peer's name and symbol."""
    symbol = None if peer.symbol is None else str(peer.symbol)
    written = peer._written_name
    if written is not None and read_peer_name(written) == (peer.name, symbol):
        return written
    return peer_name_markdown(peer.name, symbol)


def row_line(cells: Sequence[str], empty: str = "  ") -> str:
    """A table row in the pages' style: ``| a | b |`` (cells as markdown), an empty cell written as ``empty``."""
    return "|" + "|".join(f" {escape_pipes(cell)} " if cell else empty for cell in cells) + "|"


def chart_json(data: Any) -> str:
    """JSON as the pages write chart data: two-space indent, non-ASCII kept, Decimals as numbers.

    Written with a stack of its own, not by recursion, so JSON nested as deep
    as the decoder took it is written back too.  A :class:`JsonObject` writes
    every member it was read with, a key given twice included.
    """
    parts: list[str] = []
    # Each open container: its members still to write (a prefix and a value each), the indent of
    # its members, its closing text, and whether a member was written yet.
    stack: list[list[Any]] = []
    _open(data, "", parts, stack)
    while stack:
        frame = stack[-1]
        member = next(frame[0], None)
        if member is None:
            parts.append("\n" + frame[2])
            stack.pop()
            continue
        if frame[3]:
            parts.append(",\n")
        frame[3] = True
        prefix, value = member
        parts.append(prefix)
        _open(value, frame[1], parts, stack)
    return "".join(parts)


def _open(value: Any, indent: str, parts: list[str], stack: list[list[Any]]) -> None:
    """Write ``value`` if it is a scalar (or empty); else open it: write its bracket and push its members."""
    inner = indent + "  "
    if isinstance(value, dict) and value:
        members = value.members if isinstance(value, JsonObject) else value.items()  # a key given twice, twice
        prefixed = ((f"{inner}{json.dumps(str(key), ensure_ascii=False)}: ", item) for key, item in members)
        parts.append("{\n")
        stack.append([prefixed, inner, indent + "}", False])
    elif isinstance(value, list) and value:
        parts.append("[\n")
        stack.append([((inner, item) for item in value), inner, indent + "]", False])
    elif isinstance(value, dict):
        parts.append("{}")
    elif isinstance(value, list):
        parts.append("[]")
    elif isinstance(value, Decimal) and not isinstance(value, bool):
        parts.append(str(value))
    else:
        parts.append(json.dumps(value, ensure_ascii=False))


# -- the parts of a page ---------------------------------------------------------------------------


#: The typed keys of the front matter, in the order the pages give them.
FRONT_MATTER_KEYS = ("title", "type", "locale", "url", "symbol", "name", "industry", "datetime", "locales")


def front_matter_items(fm: FrontMatter) -> list[tuple[str, Any]]:
    """Every key of ``fm`` that has a value, typed keys first, in the pages' order."""
    items = [(key, getattr(fm, key)) for key in FRONT_MATTER_KEYS]
    return [(key, value) for key, value in items if value not in (None, ())] + list(fm.extra.items())


def front_matter_entry(key: str, value: Any) -> list[str]:
    """The lines of one front matter key, as the pages write it.

    A key of the page's own (``title``, ``datetime``, ``locales``...) is
    written in the pages' style.  Any other key (``extra``) is written the
    same way when that reads back as its key and value; else as PyYAML's
    safe dumper writes it (a date, bytes, a set); a key or value neither reads
    back is refused with a ``ValueError``.
    """
    if key == "datetime" and isinstance(value, _dt.datetime):
        return [f'datetime: "{format_datetime(value)}"']
    if key == "locales" and isinstance(value, tuple):
        return ["locales:", *locale_items(value)]
    if key in FRONT_MATTER_KEYS:
        return [f"{key}: {yaml_scalar(value)}"]
    plain_key = _PLAIN_KEY.fullmatch(key) is not None and entry_read([f"{key}: x\n"]) == (key, "x")
    name = key if plain_key else yaml_scalar(key)  # "-" or "? a" would join the entry before, say
    lines = [f"{name}: {yaml_scalar(value)}"]
    if _reads_as(lines, key, value):
        return lines
    if isinstance(value, Number):  # a float YAML reads only with its tag (!!float sNaN)
        lines = [f"{name}: !!float {value.text}"]
        if _reads_as(lines, key, value):
            return lines
    try:
        dumped = yaml.safe_dump({key: value}, allow_unicode=True, sort_keys=False, width=1 << 30)
    except yaml.YAMLError:
        dumped = ""
    lines = dumped.splitlines()
    if dumped and _reads_as(lines, key, value):
        return lines
    raise ValueError(f"FrontMatter.extra[{key!r}]: {_short(value)} cannot be written as YAML that reads back")


#: A key written as it is: a letter or an underscore, then letters, digits, ``_``, ``-``, ``.`` or blanks.
_PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_.\- ]*")


def _reads_as(lines: list[str], key: str, value: Any) -> bool:
    read = entry_read([line + "\n" for line in lines])
    if read is None or read[0] != key or not same(read[1], value):
        return False
    return type(read[1]) is type(value) or (isinstance(read[1], Decimal) and isinstance(value, Decimal))


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def locale_items(links: tuple[LocaleLink, ...]) -> list[str]:
    """The items of ``locales``: ``- [zh-CN](url)`` as the pages write them, or, when one of them cannot be
    written that way (a url with a blank in it), each as a YAML mapping ``- {"locale": ..., "url": ...}``."""
    items = []
    for link in links:
        url = backslashed(link.url, _LOCALE_URL_MARKUP)
        item = f"  - [{link.locale}]({url})"
        if not _is_locale_item(item, link):
            break
        items.append(item)
    else:
        return items
    return [f'  - {{"locale": {yaml_scalar(link.locale)}, "url": {yaml_scalar(link.url)}}}' for link in links]


#: What a ``locales`` item's url may read as markup: a backslash escape, an entity, the url's end.
_LOCALE_URL_MARKUP = frozenset("\\()&")


def _is_locale_item(item: str, link: LocaleLink) -> bool:
    if "\r" in item or "\n" in item:
        return False  # a line break in it would cut the item
    match = LINK_ITEM.fullmatch(item)
    return match is not None and match.group(1) == link.locale and resolve(match.group(2)) == link.url


def front_matter_lines(fm: FrontMatter) -> list[str]:
    lines = ["---"]
    for key, value in front_matter_items(fm):
        lines.extend(front_matter_entry(key, value))
    lines.append("---")
    return lines


def yaml_scalar(value: Any) -> str:
    """A front matter value as YAML that reads back the same (JSON is YAML's flow style)."""
    if isinstance(value, Number):
        return value.text
    if isinstance(value, bool) or value is None:
        return {True: "true", False: "false", None: "null"}[value]
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Decimal):  # as a YAML float, which the front matter reads as a Decimal again
        text = format(value, "f") if value.is_finite() else str(value)
        return text if "." in text or not value.is_finite() else text + ".0"
    text = (
        chart_json(value).replace("\n", " ")
        if isinstance(value, (list, dict))
        else json.dumps(str(value), ensure_ascii=False)
    )
    return _YAML_UNSAFE.sub(_yaml_escape, text)


#: What PyYAML does not take as it is in a stream (C1 controls, surrogates, non-characters), or
#: takes as a line break inside a quoted string: written as ``\\uXXXX`` escapes, which YAML reads back.
_YAML_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")


def _yaml_escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


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


def markdown_lines(text: str) -> list[str]:
    """A markdown field's lines as written (see ``_escape.markdown_line``)."""
    return [markdown_line(line) for line in text.split("\n")]


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


class NoValue(str):
    """A cell that shows no value (``-`` or nothing), and the reader of its column.

    An edit of another cell of the row leaves such a cell as the page wrote
    it when it reads as no value: empty, ``-``, or text the column's reader
    does not take (reported when the page was read, and kept).
    """

    reads: Callable[[str], Any]

    def __new__(cls, written: str, reads: Callable[[str], Any]) -> NoValue:
        made = super().__new__(cls, written)
        made.reads = reads
        return made

    def shown_by(self, text: str) -> bool:
        """Whether a cell's ``text`` shows no value to this column's reader."""
        if text in ("", "-"):
            return True
        try:
            return self.reads(text) is None
        except ValueError:
            return True


def _number_cell(value: Decimal | None) -> str:
    return number_text(value) if value is not None else NoValue("-", read_number)


def _grade_cell(grade: str | None) -> str:
    return grade if grade is not None else NoValue("", read_grade)


def indicator_cells(indicator: Indicator) -> tuple[str, str, str]:
    return cell_markdown(indicator.name), _number_cell(indicator.value), _grade_cell(indicator.rating)


def valuation_cells(row: ValuationRow) -> tuple[str, ...]:
    rank = rank_text(row.industry_rank, spaced=False) if row.industry_rank is not None else NoValue("-", read_rank)
    return (
        cell_markdown(row.metric),
        _number_cell(row.current),
        rank,
        _number_cell(row.high),
        _number_cell(row.median),
        _number_cell(row.low),
    )


def peer_cells(peer: Peer) -> tuple[str, ...]:
    grades = (peer.profit, peer.growth, peer.operation, peer.security, peer.cash, peer.rating)
    return (f"{peer.rank:02d}", peer_name_text(peer), *map(_grade_cell, grades))


def analyst_cells(row: AnalystRating) -> tuple[str, str, str]:
    count = str(row.count) if row.count is not None else NoValue("-", read_count)
    return cell_markdown(row.rating), count, _number_cell(row.percentage)


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


def render_page(front_matter: FrontMatter | None, page: SymbolPage | None) -> str:
    """The whole text of a page, from its front matter and typed page alone (no final newline)."""
    lines: list[str] = []
    if front_matter is not None:
        lines.extend(front_matter_lines(front_matter))
        lines.append("")
    if page is not None:
        older = front_matter is not None and front_matter.type == OLDER_TYPE
        writer = _Writer(labels_for(front_matter.locale if front_matter else None), older)
        writer.page(page)
        lines.extend(writer.lines)
    while lines and lines[-1] == "":
        lines.pop()
    return "\n".join(lines)


def render_text(front_matter: FrontMatter | None, page: SymbolPage | None, bom: bool, final_newline: bool) -> str:
    """The whole text of a document written from its model: a byte order mark and a final newline when asked."""
    text = render_page(front_matter, page)
    return ("\ufeff" if bom else "") + text + ("\n" if final_newline and text else "")
