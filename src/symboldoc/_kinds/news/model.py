"""The typed model of news pages: the news index (``/news.md``) and a news article (``/news/<id>.md``).

Some fields are made from others, so that each fact has one home:
``NewsItem.id`` is the number in its ``url``; ``NewsItem.symbols`` are the
quote pages it links to, and ``NewsArticle.symbols`` those its body links
to.  Each is worked out when the object is made
without it, and again when the field it comes from is assigned.  Assigned
directly to something else, it is a value the page cannot show, and
``dumps`` refuses it.
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import Any

import attrs

from symboldoc._fields import check_count, count_field, datetime_field, text_field
from symboldoc._kinds._common import front_matter_text, id_in, symbols_in_markdown
from symboldoc._pickling import compact
from symboldoc._symbols import Symbol

__all__ = ["ARTICLE_URL", "NewsArticle", "NewsIndex", "NewsItem", "article_symbols", "item_symbols"]

#: A news article's url: ``.../news/<id>.md``.
ARTICLE_URL = re.compile(r"/news/([0-9]+)\.md(?:[?#]|$)")


def _url(instance: object, field: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str) or "\n" in value or "\r" in value:
        raise ValueError(f"{type(instance).__name__}.{field.name}: expected a url on one line, got {value!r}")


def _list(instance: object, field: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, list):
        raise ValueError(f"{type(instance).__name__}.{field.name}: expected a list, got {value!r}")


def _body(instance: object, field: attrs.Attribute[Any], value: object) -> None:
    """An article's markdown: any text that does not begin or end with a blank line (the page keeps none there)."""
    if value is None:
        return
    if not isinstance(value, str):
        raise ValueError(f"NewsArticle.{field.name}: expected a str or None, got {value!r}")
    lines = value.splitlines()
    if not lines or not lines[0].strip() or not lines[-1].strip() or value.endswith(("\n", "\r")):
        raise ValueError(
            f"NewsArticle.{field.name}: {value[:80]!r} begins or ends with a blank line or a line break, "
            "which the page does not keep (None says there is no body)"
        )


def _optional_count(instance: object, field: attrs.Attribute[Any], value: object) -> None:
    if value is not None:
        check_count(instance, field, value)


def item_symbols(item: NewsItem) -> list[Symbol]:
    """The symbols of the quote links in a news item's summary (its title is the text of a link)."""
    return symbols_in_markdown(item.summary)


def article_symbols(article: NewsArticle) -> list[Symbol]:
    """The symbols of the quote links in an article's body, each once, in order."""
    return symbols_in_markdown(*(article.body or "").split("\n\n"))


def _item_id(item: NewsItem) -> int | None:
    return id_in(item.url, ARTICLE_URL)


def _and_item_id(instance: NewsItem, field: attrs.Attribute[Any], value: Any) -> Any:
    object.__setattr__(instance, field.name, value)
    object.__setattr__(instance, "id", _item_id(instance))
    return value


def _and_item_symbols(instance: NewsItem, field: attrs.Attribute[Any], value: Any) -> Any:
    """A new summary: the symbols its old one linked to give way to those the new one links to.

    Symbols read from elsewhere in the item (a line the layout does not
    document) stay, after them.
    """
    before = symbols_in_markdown(getattr(instance, field.name, None))
    object.__setattr__(instance, field.name, value)
    now = item_symbols(instance)
    kept = [symbol for symbol in getattr(instance, "symbols", []) if symbol not in before and symbol not in now]
    object.__setattr__(instance, "symbols", now + kept)
    return value


def _and_article_symbols(instance: NewsArticle, field: attrs.Attribute[Any], value: Any) -> Any:
    object.__setattr__(instance, field.name, value)
    object.__setattr__(instance, "symbols", article_symbols(instance))
    return value


_CHECKED = attrs.setters.pipe(attrs.setters.convert, attrs.setters.validate)


def _url_field() -> Any:
    """A news item's url, required; assigning it makes the item's ``id`` again."""
    return attrs.field(validator=_url, on_setattr=attrs.setters.pipe(_CHECKED, _and_item_id))


@compact
@attrs.define
class NewsItem:
    """One item of the news index: a link to the article, its datetime and its summary.

    ``title`` is the link's text (plain text, cut with ``...`` as the index
    writes it); ``summary`` markdown on one line; ``symbols`` the quote pages
    the item links to (how an item shows its related symbols has not been
    seen: a quote link anywhere in the item is read as one; an item made in
    code takes those of its summary, and a new summary replaces those the
    old one linked to).
    """

    title: str = text_field(optional=False, default=attrs.NOTHING)
    url: str = _url_field()
    id: int | None = attrs.field(default=attrs.Factory(_item_id, takes_self=True), validator=_optional_count)
    datetime: _dt.datetime | None = datetime_field()
    summary: str | None = text_field(on_setattr=attrs.setters.pipe(_CHECKED, _and_item_symbols))
    symbols: list[Symbol] = attrs.field(default=attrs.Factory(item_symbols, takes_self=True))


@compact
@attrs.define
class NewsIndex:
    """The news index: its title and its items, newest first as the page lists them."""

    title: str | None = text_field()
    items: list[NewsItem] = attrs.field(factory=list, validator=_list)


@compact
@attrs.define
class NewsArticle:
    """A news article: its title, the description of its front matter, and its body as markdown.

    ``id`` is the number in the page's url (the front matter's ``url``).
    ``description`` is a front matter key whose home is this page.
    ``body`` is everything after the title heading, exactly as written
    (its first and last blank lines aside); ``symbols`` the quote pages it
    links to.
    """

    id: int | None = count_field()
    title: str | None = text_field()
    description: str | None = attrs.field(default=None, validator=front_matter_text)
    body: str | None = attrs.field(
        default=None, validator=_body, on_setattr=attrs.setters.pipe(_CHECKED, _and_article_symbols)
    )
    symbols: list[Symbol] = attrs.field(default=attrs.Factory(article_symbols, takes_self=True))
