"""Writing news pages from their typed model alone, in the layout Longbridge documents."""

from __future__ import annotations

from symboldoc._blocks import Heading
from symboldoc._escape import heading_markdown
from symboldoc._frontmatter import FrontMatter
from symboldoc._kinds._common import labels_of
from symboldoc._problems import Reporter
from symboldoc._scan import scan
from symboldoc._text import split_lines
from symboldoc._values import format_datetime

from .labels import LABELS
from .model import NewsArticle, NewsIndex, item_symbols
from .views import item_lines, item_value

__all__ = ["render_news_article", "render_news_index", "summarise_news_article", "summarise_news_index"]


def render_news_index(front_matter: FrontMatter | None, page: NewsIndex) -> list[str]:
    """The lines of the news index's body: the title, then each item."""
    labels = labels_of(LABELS, front_matter)
    lines: list[str] = []
    if page.title is not None:
        lines += [f"# {heading_markdown(page.title)}", ""]
    for number, item in enumerate(page.items):
        value = item_value(item)
        lines += item_lines(labels, value)
        unshown = [symbol for symbol in getattr(item, "symbols", ()) if symbol not in item_symbols(item)]
        if unshown:
            raise ValueError(
                f"NewsIndex.items[{number}].symbols: {', '.join(unshown)} not linked from the item's summary; "
                "how a news item shows its symbols has not been seen, so they are written only as links in it"
            )
    return lines


def render_news_article(front_matter: FrontMatter | None, page: NewsArticle) -> list[str]:
    """The lines of an article's body: the title, then the body as it is."""
    lines: list[str] = []
    if page.title is not None:
        lines += [f"# {heading_markdown(page.title)}", ""]
    elif page.body is not None and _has_title_heading(page.body):
        raise ValueError(
            "NewsArticle.body: the article has no title, and the body's first level-1 heading would be read as it"
        )
    if page.body is not None:
        lines.append(page.body)
    return lines


def _has_title_heading(markdown: str) -> bool:
    """Whether ``markdown`` holds a level-1 heading (``# x``, or a line over ``===``)."""
    blocks, _ = scan(split_lines(markdown), 0, Reporter(keep=False))
    return any(isinstance(block, Heading) and block.level == 1 for block in blocks)


def summarise_news_index(page: NewsIndex) -> list[str]:
    """A few lines for people about the news index: one per item."""
    lines = [f"news index: {page.title or 'no title'}, {len(page.items)} items"]
    for item in page.items:
        when = format_datetime(item.datetime) if item.datetime is not None else "no datetime"
        symbols = f" [{', '.join(item.symbols)}]" if item.symbols else ""
        lines.append(f"  {when} {item.id if item.id is not None else '-'} {item.title}{symbols}")
    return lines


def summarise_news_article(page: NewsArticle) -> list[str]:
    """A few lines for people about a news article."""
    body = page.body or ""
    paragraphs = len([part for part in body.split("\n\n") if part.strip()])
    lines = [
        f"news article {page.id if page.id is not None else '(no id)'}: {page.title or 'no title'}",
        f"  body: {len(body)} characters, {paragraphs} paragraphs",
    ]
    if page.symbols:
        lines.append(f"  symbols: {', '.join(page.symbols)}")
    return lines
