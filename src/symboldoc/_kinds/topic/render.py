"""Writing a topic page from its typed model alone, in the layout Longbridge serves."""

from __future__ import annotations

import datetime as _dt

from symboldoc._escape import heading_markdown
from symboldoc._frontmatter import FrontMatter
from symboldoc._kinds._common import labels_of
from symboldoc._values import format_datetime

from .labels import LABELS
from .model import TopicPage
from .views import comment_line, comment_value, quote_prefix, related_line

__all__ = ["render_topic_page", "summarise_topic_page"]


def render_topic_page(front_matter: FrontMatter | None, page: TopicPage) -> list[str]:
    """The lines of a topic page's body: the title, Related Stocks (when there are any), the comments."""
    locale = front_matter.locale if front_matter is not None else None
    labels = labels_of(LABELS, front_matter)
    lines: list[str] = []
    if page.title is not None:
        lines += [f"# {heading_markdown(page.title)}", ""]
    if page.related:
        prefix = quote_prefix(locale)
        lines += [f"### {labels.related}", ""]
        for symbol in page.related:
            lines += related_line(prefix, symbol)
        lines.append("")
    if page.comments and page.comments_count is None:
        raise ValueError("TopicPage.comments_count: None, but the page has comments; the heading shows their count")
    if page.comments_count is not None:
        lines += [f"## {labels.comments} ({page.comments_count})", ""]
        for comment in page.comments:
            lines += comment_line(comment_value(comment))
        lines.append("")
    return lines


def summarise_topic_page(page: TopicPage) -> list[str]:
    """A few lines for people about a topic page."""
    author = page.author.text if page.author is not None else "unknown"
    lines = [
        f"topic {page.id if page.id is not None else '(no id)'}: {page.title or 'no title'}",
        f"  author: {author}",
    ]
    if page.related:
        lines.append(f"  related: {', '.join(page.related)}")
    shown = f"{len(page.comments)} shown of {page.comments_count}" if page.comments_count is not None else "none"
    lines.append(f"  comments: {shown}")
    lines.extend(f"    {comment.author} at {_when(comment.datetime)}" for comment in page.comments)
    return lines


def _when(value: _dt.datetime | None) -> str:
    return format_datetime(value) if value is not None else "an unknown time"
