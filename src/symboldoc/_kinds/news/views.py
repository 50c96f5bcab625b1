"""How news pages' facts stand in their text: a news item's lines, the article's body, and the bindings' views."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from symboldoc._escape import link_markdown, markdown_line
from symboldoc._inline import Link, Text, parse_inline, plain_text
from symboldoc._kinds._common import markdown_text
from symboldoc._values import format_datetime

from .labels import NewsLabels
from .model import NewsArticle, NewsIndex

if TYPE_CHECKING:
    from symboldoc._document import Document

__all__ = [
    "article_shape",
    "body_view",
    "description_value",
    "index_shape",
    "item_lines",
    "item_view",
    "read_item_line",
    "read_item_link",
]


def read_item_link(line: str) -> tuple[str, str] | None:
    """A news item's first line, ``[<title>](<url>)``, as the title (plain text) and the url; None otherwise."""
    nodes = parse_inline(line)
    if len(nodes) != 1 or not isinstance(nodes[0], Link):
        return None
    return plain_text(nodes[0].children), nodes[0].url


def read_item_line(line: str) -> tuple[str, str] | None:
    """A line under a news item, ``- <Label>: <value>``, as the label and the value (markdown); None otherwise."""
    if not line.startswith(("- ", "* ", "+ ")):
        return None
    label, colon, value = line[2:].partition(":")
    return (label.strip(" \t"), markdown_text(value.strip(" \t"))) if colon else None


def item_lines(labels: NewsLabels, value: tuple[Any, ...]) -> list[str]:
    """A news item's lines: its link, and its Datetime and Summary lines when it has them."""
    title, url, _, when, summary, _ = value
    lines = [f"- {link_markdown(Link(url, (Text(title),) if title else ()))}"]
    if when is not None:
        lines.append(f"  - {labels.datetime}: {format_datetime(when)}")
    if summary is not None:
        lines.append(f"  - {labels.summary}: {markdown_line(summary)}".rstrip(" "))
    return lines


# -- the views: module-level functions of the document, so bindings copy and pickle ------------------


def _index(doc: Document) -> NewsIndex:
    return doc.page  # type: ignore[return-value]


def _article(doc: Document) -> NewsArticle:
    return doc.page  # type: ignore[return-value]


def item_view(doc: Document) -> tuple[tuple[Any, ...], ...]:
    """Each item's facts: what its lines show, and its id and symbols (made from them: an edit is checked)."""
    return tuple(
        (item.title, item.url, item.id, item.datetime, item.summary, tuple(item.symbols)) for item in _index(doc).items
    )


def index_shape(places: frozenset[str], doc: Document) -> tuple[bool, ...]:
    page = _index(doc)
    return (page.title is not None or "title" not in places, "items" in places or not page.items)


def description_value(page: NewsArticle) -> str | None:
    return page.description


def body_view(doc: Document) -> tuple[Any, ...]:
    article = _article(doc)
    return article.body, tuple(article.symbols)


def article_shape(places: frozenset[str], doc: Document) -> tuple[bool, ...]:
    page = _article(doc)
    return (page.title is not None or "title" not in places, "body" in places or page.body is None)
