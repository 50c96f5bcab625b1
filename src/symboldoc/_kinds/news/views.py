"""How news pages' facts stand in their text: a news item's lines, the article's body, and the bindings' views."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from symboldoc._escape import link_markdown, markdown_line
from symboldoc._inline import Link, Text, parse_inline, plain_text
from symboldoc._kinds._common import ITEM_MARKER, markdown_text
from symboldoc._values import format_datetime

from .labels import NewsLabels
from .model import NewsArticle, NewsIndex, NewsItem

if TYPE_CHECKING:
    from symboldoc._document import Document

__all__ = [
    "article_shape",
    "body_view",
    "description_value",
    "index_shape",
    "item_lines",
    "item_objects",
    "item_patch",
    "item_value",
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


def item_lines(labels: NewsLabels, value: object) -> list[str]:
    """A news item's lines: its link, and its Datetime and Summary lines when it has them."""
    title, url, _, when, summary, _ = _item_facts(value)
    lines = [f"- {_link(title, url)}"]
    if when is not None:
        lines.append(f"  - {_datetime_line(labels, when)}")
    if summary is not None:
        lines.append(f"  - {_summary_line(labels, summary)}")
    return lines


def item_patch(labels: NewsLabels, lines: list[str], was: object, now: object) -> list[str]:
    """A changed news item's lines: only the lines whose fact changed are written again.

    The link line when the title or url changed; the first Datetime and the
    first Summary line when theirs did (added under the link when the item had
    none, taken away for None).  Lines the model does not hold (another label,
    a second Summary) stay as they are.
    """
    title, url, _, when, summary, _ = _item_facts(now)
    old_title, old_url, _, old_when, old_summary, _ = _item_facts(was)
    out = list(lines)
    prefix = ITEM_MARKER.match(out[0])
    start = prefix.group() if prefix is not None else "- "
    if (title, url) != (old_title, old_url):
        out[0] = start + _link(title, url)
    indent = " " * len(start) + "- "
    for label, changed, text in (
        (labels.datetime, when != old_when, None if when is None else _datetime_line(labels, when)),
        (labels.summary, summary != old_summary, None if summary is None else _summary_line(labels, summary)),
    ):
        if not changed:
            continue
        at = next((n for n, line in enumerate(out) if n and _label_of(line) == label), None)
        if at is None:
            if text is not None:
                after = next((n for n, line in enumerate(out) if n and _label_of(line) == labels.datetime), 0)
                out.insert(after + 1, indent + text)
        elif text is None:
            del out[at]
        else:
            line = out[at]
            stripped = line.lstrip(" \t")
            out[at] = line[: len(line) - len(stripped)] + stripped[:2] + text
    return out


def _label_of(line: str) -> str | None:
    found = read_item_line(line.lstrip(" \t"))
    return found[0] if found is not None else None


def _item_facts(value: object) -> tuple[Any, ...]:
    if not isinstance(value, tuple):
        raise ValueError(f"NewsIndex.items: expected NewsItem objects, got {value!r}")
    return value


def _link(title: str, url: str) -> str:
    return link_markdown(Link(url, (Text(title),) if title else ()))


def _datetime_line(labels: NewsLabels, when: Any) -> str:
    return f"{labels.datetime}: {format_datetime(when)}"


def _summary_line(labels: NewsLabels, summary: str) -> str:
    return f"{labels.summary}: {markdown_line(summary)}".rstrip(" ")


# -- the views: module-level functions of the document, so bindings copy and pickle ------------------


def _index(doc: Document) -> NewsIndex:
    return doc.page  # type: ignore[return-value]


def _article(doc: Document) -> NewsArticle:
    return doc.page  # type: ignore[return-value]


def item_objects(doc: Document) -> list[Any]:
    return _index(doc).items


def item_value(item: object) -> object:
    """An item's facts: what its lines show, and its id and symbols (made from them: an edit is checked).

    Anything but a :class:`NewsItem` as itself, which :func:`item_lines` refuses.
    """
    if not isinstance(item, NewsItem):
        return item
    return item.title, item.url, item.id, item.datetime, item.summary, tuple(item.symbols)


def index_shape(places: frozenset[str], doc: Document) -> tuple[bool, ...]:
    page = _index(doc)
    return ((page.title is not None) == ("title" in places), "items" in places or not page.items)


def description_value(page: NewsArticle) -> str | None:
    return page.description


def body_view(doc: Document) -> tuple[Any, ...]:
    article = _article(doc)
    return article.body, tuple(article.symbols)


def article_shape(places: frozenset[str], doc: Document) -> tuple[bool, ...]:
    page = _article(doc)
    return ((page.title is not None) == ("title" in places), "body" in places or page.body is None)
