"""Hypothesis strategies for news and topic pages: whole models full of markdown syntax, and edits of them.

Texts come from the same alphabets as the quote pages' (``strategies``),
with quote links mixed in, so that the symbols made from them are drawn too.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from hypothesis import strategies as st

import symboldoc as sd

from .strategies import any_texts, datetimes, links, nonempty_texts, plain_texts, symbols

#: A link to a quote page, as a text: ``[KC.US](https://longbridge.com/en/quote/KC.US.md)``.
quote_links = st.tuples(plain_texts, symbols).map(
    lambda pair: (
        f"[{pair[0].replace('[', '').replace(']', '') or pair[1]}](https://longbridge.com/en/quote/{pair[1]}.md)"
    )
)
#: One line of markdown with quote links among the syntax.
lines_with_links = st.lists(st.one_of(nonempty_texts, quote_links), min_size=1, max_size=4).map(" ".join)
some_times = datetimes.filter(lambda value: value is not None)
ids = st.integers(0, 10**12)
locales = st.sampled_from(["en", "zh-CN", "zh-HK"])


def _locale_links(path: str) -> list[sd.LocaleLink]:
    return [sd.LocaleLink(locale, f"https://longbridge.com/{locale}/{path}") for locale in ("en", "zh-CN", "zh-HK")]


def _front_matter(draw: Any, kind_type: str, path: str, title: str | None) -> sd.FrontMatter:
    locale = draw(locales)
    return sd.FrontMatter(
        title=title,
        type=kind_type,
        locale=locale,
        url=f"https://longbridge.com/{locale}/{path}",
        datetime=draw(datetimes),
        locales=_locale_links(path) if draw(st.booleans()) else (),
        extra={key: draw(any_texts) for key in draw(st.lists(st.sampled_from(["region", "slug", "x y"]), unique=True))},
    )


#: A comment's markdown: a line, or a few (written under the first, indented as the item's).
comment_texts = st.just("") | plain_texts | st.lists(lines_with_links, min_size=1, max_size=3).map("\n".join)
comments = st.builds(sd.Comment, author=nonempty_texts, datetime=some_times, text=comment_texts)


@st.composite
def topic_documents(draw: Any) -> sd.Document:
    number = draw(ids)
    shown = draw(st.lists(comments, max_size=4))
    page = sd.TopicPage(
        id=number,
        title=draw(st.none() | plain_texts),
        description=draw(st.none() | any_texts),
        author=draw(st.none() | links),
        related=draw(st.lists(symbols, max_size=3)),
        comments_count=draw(st.integers(len(shown), len(shown) + 5) if shown else st.none() | st.integers(0, 9)),
        comments=shown,
    )
    front = _front_matter(draw, "Topics", f"topics/{number}.md", None)
    return sd.Document(front_matter=front, page=page, final_newline=draw(st.booleans()))


news_items = st.builds(
    sd.NewsItem,
    title=plain_texts,
    url=st.one_of(ids.map(lambda number: f"https://longbridge.com/en/news/{number}.md"), st.sampled_from(["", "x"])),
    datetime=datetimes,
    summary=st.none() | plain_texts | lines_with_links,
)


@st.composite
def news_index_documents(draw: Any) -> sd.Document:
    page = sd.NewsIndex(
        title=draw(st.none() | st.just("Longbridge News") | plain_texts), items=draw(st.lists(news_items, max_size=4))
    )
    front = _front_matter(draw, "News", "news.md", draw(st.none() | plain_texts))
    return sd.Document(front_matter=front, page=page, final_newline=draw(st.booleans()))


def _titled(body: str) -> bool:
    return any(isinstance(block, sd.Heading) and block.level == 1 for block in sd.loads(body).blocks)


def _reads_clean(body: str) -> bool:
    """Markdown that reads without a warning of its own (an unclosed fence would read with one, and is refused)."""
    return not sd.loads(body).warnings


@st.composite
def _bodies(draw: Any) -> str:
    paragraphs = draw(
        st.lists(st.lists(lines_with_links, min_size=1, max_size=3).map("\n".join), min_size=1, max_size=3)
    )
    return "\n\n".join(paragraphs)


def bodies() -> st.SearchStrategy[str]:
    """An article's body: paragraphs of markdown lines, quote links among them."""
    return _bodies().filter(_reads_clean)


@st.composite
def news_article_documents(draw: Any) -> sd.Document:
    number = draw(ids)
    title = draw(st.none() | plain_texts)
    # Without a title, the body's first level-1 heading would be read as the title: refused, so not drawn.
    body = draw(st.none() | bodies().filter(lambda body: title is not None or not _titled(body)))
    page = sd.NewsArticle(id=number, title=title, description=draw(st.none() | any_texts), body=body)
    front = _front_matter(draw, "News", f"news/{number}.md", draw(st.none() | plain_texts))
    return sd.Document(front_matter=front, page=page, final_newline=draw(st.booleans()))


kind_documents = st.one_of(topic_documents(), news_index_documents(), news_article_documents())

# -- edits -----------------------------------------------------------------------------------------

Edit = Callable[[sd.Document], None]


def _named(apply: Edit, name: str) -> Edit:
    apply.__qualname__ = name
    return apply


def _set(kind: str, path: Callable[[Any], Any], name: str, value: Any) -> Edit:
    def apply(doc: sd.Document) -> None:
        target = path(doc.page) if doc.kind == kind else None
        if target is not None:
            setattr(target, name, value)

    return _named(apply, f"{kind}: set {name} = {value!r}")


def _item(kind: str, items: Callable[[Any], list[Any]], name: str, pair: tuple[int, Any]) -> Edit:
    def apply(doc: sd.Document) -> None:
        found = items(doc.page) if doc.kind == kind else []
        if found:
            setattr(found[pair[0] % len(found)], name, pair[1])

    return _named(apply, f"{kind}: set item {pair[0]}.{name} = {pair[1]!r}")


def _list(kind: str, items: Callable[[Any], list[Any]], change: tuple[str, int, Any]) -> Edit:
    """Insert, append or remove an item of a list of the page."""

    def apply(doc: sd.Document) -> None:
        found = items(doc.page) if doc.kind == kind else None
        if found is None:
            return
        how, index, value = change
        if how == "insert":
            found.insert(index % (len(found) + 1), value)
        elif how == "append":
            found.append(value)
        elif found:
            del found[index % len(found)]

    return _named(apply, f"{kind}: {change[0]} {change[2]!r} at {change[1]}")


def _changes(values: st.SearchStrategy[Any]) -> st.SearchStrategy[tuple[str, int, Any]]:
    return st.tuples(st.sampled_from(["insert", "append", "remove"]), st.integers(0, 9), values)


def _moved(kind: str, path: str) -> Edit:
    """The page moved to another id: its url and its id, which the url holds, change together."""

    def apply(doc: sd.Document) -> None:
        if doc.kind == kind and doc.front_matter is not None:
            number = (doc.page.id or 0) + 1  # type: ignore[union-attr]
            doc.front_matter.url = f"https://longbridge.com/en/{path}/{number}.md"
            doc.page.id = number  # type: ignore[union-attr]

    return _named(apply, f"{kind}: moved to the next id")


def kind_edits() -> st.SearchStrategy[Edit]:
    """One change to a news or topic page's typed model, with a value drawn for it."""
    index = st.integers(0, 9)
    page = lambda page: page  # noqa: E731 - a path to the page itself
    return st.one_of(
        # topic pages
        plain_texts.map(lambda value: _set("topic", page, "title", value)),
        (st.none() | any_texts).map(lambda value: _set("topic", page, "description", value)),
        (st.none() | links).map(lambda value: _set("topic", page, "author", value)),
        st.lists(symbols, max_size=3).map(lambda value: _set("topic", page, "related", value)),
        _changes(symbols).map(lambda change: _list("topic", lambda p: p.related, change)),
        st.integers(0, 99).map(lambda value: _set("topic", page, "comments_count", value)),
        _changes(comments).map(lambda change: _list("topic", lambda p: p.comments, change)),
        st.tuples(index, nonempty_texts).map(lambda pair: _item("topic", lambda p: p.comments, "author", pair)),
        st.tuples(index, some_times).map(lambda pair: _item("topic", lambda p: p.comments, "datetime", pair)),
        st.tuples(index, comment_texts).map(lambda pair: _item("topic", lambda p: p.comments, "text", pair)),
        st.just(_moved("topic", "topics")),
        # the news index
        (st.none() | plain_texts).map(lambda value: _set("news_index", page, "title", value)),
        _changes(news_items).map(lambda change: _list("news_index", lambda p: p.items, change)),
        st.tuples(index, plain_texts).map(lambda pair: _item("news_index", lambda p: p.items, "title", pair)),
        st.tuples(index, datetimes).map(lambda pair: _item("news_index", lambda p: p.items, "datetime", pair)),
        st.tuples(index, st.none() | plain_texts | lines_with_links).map(
            lambda pair: _item("news_index", lambda p: p.items, "summary", pair)
        ),
        st.tuples(index, ids.map(lambda n: f"https://longbridge.com/en/news/{n}.md")).map(
            lambda pair: _item("news_index", lambda p: p.items, "url", pair)
        ),
        # news articles
        plain_texts.map(lambda value: _set("news_article", page, "title", value)),
        (st.none() | any_texts).map(lambda value: _set("news_article", page, "description", value)),
        bodies().map(lambda value: _set("news_article", page, "body", value)),
        st.just(_moved("news_article", "news")),
    )
