"""Reading a topic page from its blocks, and binding each fact to the text that shows it.

The layout (one real page seen): ``# <title>``; ``### Related Stocks`` and a
list of quote links (absent when there are none); ``## Comments (N)`` and a
list of comments.  ``description`` and ``author`` come from the front
matter, ``id`` from its ``url``.  What does not fit is reported where it
stands and left as it is.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from symboldoc._blocks import Block, FrontMatterBlock, Heading, ListBlock
from symboldoc._chart_checks import ChartChecks
from symboldoc._edit import Binder
from symboldoc._fields import unchecked
from symboldoc._frontmatter import FrontMatter
from symboldoc._inline import iter_links
from symboldoc._kinds._common import (
    bind_title,
    first_heading,
    id_in,
    id_view,
    labels_of,
    quote_symbols,
    read_link_value,
)
from symboldoc._locate import group_spans
from symboldoc._problems import Reporter
from symboldoc._reading import PageReading, set_read
from symboldoc._values import read_count, read_datetime

from .labels import LABELS, TopicLabels
from .model import Comment, TopicPage
from .views import (
    comment_items,
    comment_line,
    comment_patch,
    comment_value,
    count_pattern,
    count_texts,
    count_view,
    quote_prefix,
    read_comment,
    related_items,
    related_line,
    related_view,
    shape_view,
)

__all__ = ["TOPIC_URL", "read_topic_page"]

#: A topic page's url: ``.../topics/<id>.md``.
TOPIC_URL = re.compile(r"/topics/([0-9]+)\.md(?:[?#]|$)")


def read_topic_page(
    blocks: Sequence[Block],
    front_matter: FrontMatter | None,
    charts: ChartChecks,
    reporter: Reporter,
    binder: Binder,
) -> TopicPage:
    """The typed topic page of ``blocks`` (the registry has decided that they are one)."""
    labels = labels_of(LABELS, front_matter)
    return _TopicReader(labels, reporter, binder).read(blocks, front_matter)


class _TopicReader(PageReading):
    def __init__(self, labels: TopicLabels, reporter: Reporter, binder: Binder) -> None:
        super().__init__(reporter, binder)
        self.labels = labels
        self.page = unchecked(TopicPage)
        self.places: set[str] = set()

    def read(self, blocks: Sequence[Block], front_matter: FrontMatter | None) -> TopicPage:
        page = self.page
        anchor = blocks[0] if blocks else None
        if front_matter is not None:
            self.read_front_matter(front_matter)
        if anchor is not None:
            self.bind.derived(anchor, id_view, "doc.page.id (the number in the front matter's url)")
        title_index, title = first_heading(blocks)
        if title is not None:
            set_read(page, "title", bind_title(self, title))
            self.places.add("title")
        prefix = quote_prefix(front_matter.locale if front_matter else None)
        section: str | None = None
        for index, block in enumerate(blocks):
            if title_index is not None and index <= title_index:
                if index != title_index and not isinstance(block, FrontMatterBlock):
                    self.unexpected(block, "topic page head")
                continue
            if isinstance(block, FrontMatterBlock):
                continue
            if isinstance(block, Heading):
                section = self.read_heading(block)
            elif isinstance(block, ListBlock) and section == "related" and "related list" not in self.places:
                self.read_related(block, prefix)
            elif isinstance(block, ListBlock) and section == "comments" and "comment list" not in self.places:
                self.read_comments(block)
            else:
                self.unexpected(block, "topic page")
        if anchor is not None:
            places = frozenset(self.places)
            self.bind.structure(anchor, functools.partial(shape_view, places), "the sections of the topic page")
        return page

    def read_front_matter(self, front_matter: FrontMatter) -> None:
        """``id`` from the url; ``description`` and ``author`` taken out of ``extra``: their home is the page."""
        page = self.page
        set_read(page, "id", id_in(front_matter.url, TOPIC_URL))
        extra = dict(front_matter.extra)
        description = extra.get("description")
        if isinstance(description, str):
            set_read(page, "description", extra.pop("description"))
        author = read_link_value(extra.get("author"))
        if author is not None:
            extra.pop("author")
            set_read(page, "author", author)
        if len(extra) != len(front_matter.extra):
            set_read(front_matter, "extra", extra)

    def read_heading(self, heading: Heading) -> str | None:
        labels = self.labels
        text = heading.text
        if heading.level == 3 and text == labels.related and "related" not in self.places:
            self.places.add("related")
            return "related"
        match = count_pattern(labels.comments).fullmatch(text)
        if heading.level == 2 and match is not None and "comments" not in self.places:
            self.places.add("comments")
            count = match.group("n")
            try:
                set_read(self.page, "comments_count", read_count(count))
            except ValueError:
                self.report(heading.start, "comments heading", "a count of comments", f"found {count!r}")
            args = (count_pattern(labels.comments), ("n",))
            self.bind.places(heading, group_spans, args, count_view, "doc.page.comments_count", count_texts)
            return "comments"
        self.report(heading.start, "topic page", f"{labels.related!r} or '{labels.comments} (N)'", f"found {text!r}")
        return None

    def read_related(self, block: ListBlock, prefix: str) -> None:
        self.places.add("related list")
        readable = True
        for item in block.items:
            found = quote_symbols(iter_links(item.inline))
            if len(found) != 1:
                self.report(item.start, "related stocks", "one link to a quote page", f"found {item.text[:80]!r}")
                readable = False
                continue
            self.page.related.append(found[0])
        if readable:
            write = functools.partial(related_line, prefix)
            self.bind.list_items(block, related_items, str, write, "doc.page.related")
        else:
            self.bind.guard(block, related_view, "doc.page.related (its list holds items that are not quote links)")

    def read_comments(self, block: ListBlock) -> None:
        self.places.add("comment list")
        for item in block.items:
            found = read_comment(item.text)
            if found is None:
                expected = "'**<author> · <datetime>**: <text>'"
                self.report(item.start, "comment", expected, f"found {item.text[:80]!r}")
                comment = unchecked(Comment, author="", datetime=None, text=item.text)
            else:
                author, when, text = found
                try:
                    stamp = read_datetime(when)
                except ValueError:
                    self.report(item.start, "comment", "an ISO 8601 datetime after the author", f"found {when!r}")
                    stamp = None
                comment = unchecked(Comment, author=author, datetime=stamp, text=text)
            self.page.comments.append(comment)
        self.bind.list_items(block, comment_items, comment_value, comment_line, "doc.page.comments", comment_patch)
