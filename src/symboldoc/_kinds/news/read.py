"""Reading the news index and news articles from their blocks, and binding each fact to the text that shows it.

The news index (documented, not yet seen raw): ``# Longbridge News``, then
one bullet per article: a link to the article's ``.md``, with two indented
bullets ``Datetime: <ISO 8601>`` and ``Summary: <text>``.  How an item
shows related symbols is not documented: every quote link in an item is
read as one of its ``symbols``, wherever it stands.

A news article (documented): ``# <title>``, then the article as plain
markdown, kept as it is written (``body``).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

from symboldoc._blocks import BlankLines, Block, FrontMatterBlock, ListBlock
from symboldoc._chart_checks import ChartChecks
from symboldoc._edit import Binder
from symboldoc._fields import unchecked
from symboldoc._frontmatter import FrontMatter
from symboldoc._inline import iter_links, parse_inline
from symboldoc._kinds._common import bind_title, first_heading, id_in, id_view, labels_of, quote_symbols
from symboldoc._problems import Reporter
from symboldoc._reading import PageReading, set_read
from symboldoc._text import Position, line_ending, split_lines
from symboldoc._values import read_datetime

from .labels import LABELS, NewsLabels
from .model import ARTICLE_URL, NewsArticle, NewsIndex, NewsItem, article_symbols
from .views import (
    article_shape,
    body_view,
    index_shape,
    item_lines,
    item_objects,
    item_patch,
    item_value,
    read_item_line,
    read_item_link,
)

__all__ = ["read_news_article", "read_news_index"]


def read_news_index(
    blocks: Sequence[Block],
    front_matter: FrontMatter | None,
    charts: ChartChecks,
    reporter: Reporter,
    binder: Binder,
) -> NewsIndex:
    """The typed news index of ``blocks`` (the registry has decided that they are one)."""
    reading = PageReading(reporter, binder)
    labels: NewsLabels = labels_of(LABELS, front_matter)
    page = unchecked(NewsIndex)
    places: set[str] = set()
    title_index, title = first_heading(blocks)
    if title is not None:
        set_read(page, "title", bind_title(reading, title))
        places.add("title")
    for index, block in enumerate(blocks):
        if isinstance(block, FrontMatterBlock) or index == title_index:
            continue
        after_title = title_index is None or index > title_index
        if isinstance(block, ListBlock) and "items" not in places and after_title:
            places.add("items")
            page.items.extend(_read_item(reading, labels, item.text, item.start) for item in block.items)
            write, patch = functools.partial(item_lines, labels), functools.partial(item_patch, labels)
            reading.bind.list_items(block, item_objects, item_value, write, "doc.page.items", patch)
        else:
            reading.unexpected(block, "news index")
    if blocks:
        view = functools.partial(index_shape, frozenset(places))
        reading.bind.structure(blocks[0], view, "the sections of the news index")
    return page


def _read_item(reading: PageReading, labels: NewsLabels, text: str, start: Position) -> NewsItem:
    """One news item: its link's title and url, its Datetime and Summary lines; the rest is reported."""
    first, *rest = text.split("\n")
    link = read_item_link(first)
    if link is None:
        reading.report(start, "news item", "a link to the article", f"found {first[:80]!r}")
    title, url = link if link is not None else (first, "")
    when = summary = None
    seen: set[str] = set()  # the first Datetime and Summary lines are the item's (an edit writes those)
    for number, line in enumerate(rest, 1):
        found = read_item_line(line)
        where = Position(start.line + number, start.column, start.offset)
        label = found[0] if found is not None else None
        if found is not None and label == labels.datetime and label not in seen:
            seen.add(label)
            try:
                when = read_datetime(found[1])
            except ValueError:
                reading.report(where, "news item", "an ISO 8601 datetime", f"found {found[1][:80]!r}")
        elif found is not None and label == labels.summary and label not in seen:
            seen.add(label)
            summary = found[1]
        else:
            expected = f"a {labels.datetime!r} or {labels.summary!r} line"
            reading.report(where, "news item", expected, f"found {line[:80]!r}")
    return unchecked(
        NewsItem,
        title=title,
        url=url,
        id=id_in(url, ARTICLE_URL),
        datetime=when,
        summary=summary,
        # Every quote link of the item, line by line (a line without markup is never given to mistune).
        symbols=quote_symbols(link for line in text.split("\n") for link in iter_links(parse_inline(line))),
    )


def read_news_article(
    blocks: Sequence[Block],
    front_matter: FrontMatter | None,
    charts: ChartChecks,
    reporter: Reporter,
    binder: Binder,
) -> NewsArticle:
    """The typed news article of ``blocks`` (the registry has decided that they are one)."""
    reading = PageReading(reporter, binder)
    page = unchecked(NewsArticle, symbols=[])
    places: set[str] = set()
    if front_matter is not None:
        set_read(page, "id", id_in(front_matter.url, ARTICLE_URL))
        extra = dict(front_matter.extra)
        if isinstance(extra.get("description"), str):
            set_read(page, "description", extra.pop("description"))
            set_read(front_matter, "extra", extra)  # its home is the page
    if blocks:
        reading.bind.derived(blocks[0], id_view, "doc.page.id (the number in the front matter's url)")
    title_index, title = first_heading(blocks)
    if title is not None:
        set_read(page, "title", bind_title(reading, title))
        places.add("title")
    start = title_index + 1 if title_index is not None else 0
    for block in blocks[: max(start - 1, 0)]:
        if not isinstance(block, FrontMatterBlock):
            reading.unexpected(block, "news article head")
    body = [(index, block) for index, block in enumerate(blocks) if index >= start]
    while body and isinstance(body[0][1], (BlankLines, FrontMatterBlock)):
        body.pop(0)
    while body and isinstance(body[-1][1], BlankLines):
        body.pop()
    if body:
        places.add("body")
        text = "".join(block.source for _, block in body)
        ending = line_ending(split_lines(body[-1][1].source)[-1])
        set_read(page, "body", text[: len(text) - len(ending)])
        reading.bind.span([block for _, block in body], body_view, _body_text, "doc.page.body")
    set_read(page, "symbols", article_symbols(page))
    if blocks:
        view = functools.partial(article_shape, frozenset(places))
        reading.bind.structure(blocks[0], view, "the sections of the news article")
    return page


def _body_text(now: tuple[str | None, object]) -> str:
    return now[0] or ""
