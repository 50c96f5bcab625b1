"""News pages: the news index (``/news.md``) and a news article (``/news/<id>.md``), both ``type: "News"``.

Two kinds in one unit: they share their labels and their front matter
``type``.  ``model`` holds the typed pages; ``read`` reads them and binds
each fact to its text, through ``views``; ``render`` writes them.
"""

from __future__ import annotations

import re

from symboldoc._kinds._common import FRONT_MATTER_ORDER, untold
from symboldoc._kinds._kind import PageKind

from .labels import LABELS
from .model import ARTICLE_URL, NewsArticle, NewsIndex, NewsItem
from .read import read_news_article, read_news_index
from .render import render_news_article, render_news_index, summarise_news_article, summarise_news_index
from .views import description_value

__all__ = ["NEWS_ARTICLE", "NEWS_INDEX"]


def _index_title(title: str) -> bool:
    """The news index's title, in any locale whose labels are known."""
    return any(title == labels.index_title for labels in LABELS.values())


def _item_key(item: NewsItem) -> tuple[str, ...]:
    """A news item is its article's id (its url when the url holds none)."""
    return (str(item.id) if item.id is not None else item.url,)


NEWS_INDEX = PageKind(
    name="news_index",
    page_class=NewsIndex,
    types=("News",),
    url=re.compile(r"/news\.md(?:[?#]|$)"),
    title=_index_title,
    read=read_news_index,
    render=render_news_index,
    labels=LABELS,
    summarise=summarise_news_index,
    item_keys={(NewsIndex, "items"): _item_key},
)

NEWS_ARTICLE = PageKind(
    name="news_article",
    page_class=NewsArticle,
    types=("News",),
    url=ARTICLE_URL,
    title=untold,
    read=read_news_article,
    render=render_news_article,
    labels=LABELS,
    owned=(("description", description_value),),
    front_matter_order=FRONT_MATTER_ORDER,
    summarise=summarise_news_article,
)
