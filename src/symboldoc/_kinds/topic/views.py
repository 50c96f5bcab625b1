"""How a topic page's facts stand in its text: the comment line, the related symbol line, and the bindings' views.

Each place has a reader and a writer that agree: the writer escapes a
value until the reader gives it back (see ``_escape``).
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING, Any

from symboldoc._escape import escaped, link_markdown, markdown_line, plain
from symboldoc._inline import Link, Text
from symboldoc._kinds._common import ITEM_MARKER, link_value, markdown_text
from symboldoc._symbols import Symbol
from symboldoc._values import format_datetime

from .model import Comment, TopicPage

if TYPE_CHECKING:
    from symboldoc._document import Document

__all__ = [
    "SEPARATOR",
    "author_value",
    "comment_line",
    "comment_patch",
    "comment_items",
    "comment_value",
    "count_pattern",
    "count_texts",
    "count_view",
    "description_value",
    "quote_prefix",
    "read_comment",
    "related_line",
    "related_items",
    "related_view",
    "shape_view",
]

#: Between a comment's author and its datetime: space, middle dot, space.
SEPARATOR = " \u00b7 "


def read_comment(markdown: str) -> tuple[str, str, str] | None:
    """A comment item's markdown as its author (plain text), its datetime's text and its text (markdown).

    ``**<author> · <datetime>**: <text>``; the author may hold a middle dot
    without spaces, so the last `` · `` ends it.  None for another shape.
    """
    if not markdown.startswith("**"):
        return None
    close = markdown.find("**:", 2)
    if close < 0:
        return None
    author, separator, when = markdown[2:close].rpartition(SEPARATOR)
    if not separator or not author.strip():
        return None
    return plain(f"**{author}**"), when.strip(" \t"), markdown_text(markdown[close + 3 :].strip(" \t"))


def comment_line(value: object) -> list[str]:
    """A comment's item, ``- **<author> · <datetime>**: <text>``; what cannot be written so is refused.

    ``value`` is a :func:`comment_value`.  The text's lines after the first
    are written under it, indented as the item's own.
    """
    if not isinstance(value, tuple):
        raise ValueError(f"TopicPage.comments: expected Comment objects, got {value!r}")
    author, when, text = value
    if when is None:
        raise ValueError(f"Comment.datetime: a comment line shows its datetime; {author!r} has none")
    stamp = format_datetime(when)
    tail = f"{SEPARATOR}{stamp}**: x"

    def reads(markdown: str) -> str | None:
        found = read_comment(f"**{markdown}{tail}")
        return found[0] if found is not None else None

    first, *rest = [markdown_line(line) for line in text.split("\n")] if text else [""]
    return [f"- **{escaped(author, reads)}{SEPARATOR}{stamp}**: {first}".rstrip(" "), *(f"  {line}" for line in rest)]


def comment_patch(lines: list[str], was: object, now: object) -> list[str]:
    """A changed comment's lines: when its author and datetime did not change, their text stays as written."""
    written = comment_line(now)
    start = ITEM_MARKER.match(lines[0])
    marker = start.group() if start is not None else "- "
    close = lines[0].find("**:", len(marker))
    if isinstance(was, tuple) and isinstance(now, tuple) and was[:2] == now[:2] and close >= 0:
        head = lines[0][: close + 3]
        text = written[0][written[0].index("**:") + 3 :]
        return [head + text, *written[1:]]
    return [marker + written[0][2:], *written[1:]]


def related_line(prefix: str, symbol: object) -> list[str]:
    """A related symbol's item: ``- [SYM](<prefix>SYM.md)``."""
    if not isinstance(symbol, str):
        raise ValueError(f"TopicPage.related: expected symbols, got {symbol!r}")
    try:
        text = str(Symbol(symbol))
    except ValueError:
        raise ValueError(f"TopicPage.related: {symbol!r} is not a symbol CODE.MARKET") from None
    return [f"- {link_markdown(Link(f'{prefix}{text}.md', (Text(text),)))}"]


def quote_prefix(locale: str | None) -> str:
    """Where the quote pages of ``locale`` are: ``https://longbridge.com/<locale>/quote/``."""
    return f"https://longbridge.com/{locale or 'en'}/quote/"


@functools.cache  # one pattern per label, made once
def count_pattern(label: str) -> re.Pattern[str]:
    """``<label> (<n>)`` in a heading: the count is group ``n``."""
    return re.compile(re.escape(label) + r"[ \t]*\((?P<n>[^()\r\n]*)\)")


# -- the views: module-level functions of the document, so bindings copy and pickle ------------------


def _page(doc: Document) -> TopicPage:
    return doc.page  # type: ignore[return-value]


def description_value(page: TopicPage) -> str | None:
    return page.description


def author_value(page: TopicPage) -> str | None:
    return link_value(page.author)


def related_items(doc: Document) -> list[Any]:
    return _page(doc).related


def count_view(doc: Document) -> tuple[Any]:
    return (_page(doc).comments_count,)


def count_texts(now: tuple[Any]) -> tuple[str]:
    if now[0] is None:
        raise ValueError("TopicPage.comments_count: the Comments heading shows a count; None cannot be written")
    return (str(now[0]),)


def related_view(doc: Document) -> tuple[Any, ...]:
    return tuple(_page(doc).related)


def comment_items(doc: Document) -> list[Any]:
    return _page(doc).comments


def comment_value(comment: object) -> object:
    """What a comment shows, as plain values; anything else as itself (which :func:`comment_line` refuses)."""
    return (comment.author, comment.datetime, comment.text) if isinstance(comment, Comment) else comment


def shape_view(places: frozenset[str], doc: Document) -> tuple[bool, ...]:
    """What of the page has a place in the text: a change here needs the page written from the model."""
    page = _page(doc)
    return (
        (page.title is not None) == ("title" in places),
        "related" in places or not page.related,
        "related list" in places or not page.related,  # a heading without a list: no place for an item
        "comments" in places or (not page.comments and page.comments_count is None),
        "comment list" in places or not page.comments,
    )
