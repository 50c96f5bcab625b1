"""The community topic page (``/topics/<id>.md``, ``type: "Topics"``): model, reader and bindings, renderer, labels."""

from __future__ import annotations

from symboldoc._kinds._common import FRONT_MATTER_ORDER
from symboldoc._kinds._kind import PageKind

from .labels import LABELS
from .model import TopicPage
from .read import TOPIC_URL, read_topic_page
from .render import render_topic_page, summarise_topic_page
from .views import author_value, description_value

__all__ = ["TOPIC"]


def _never(title: str) -> bool:
    """A topic page's title is the question as posted: it says nothing of the page's kind."""
    return False


TOPIC = PageKind(
    name="topic",
    page_class=TopicPage,
    types=("Topics",),
    url=TOPIC_URL,
    title=_never,
    read=read_topic_page,
    render=render_topic_page,
    labels=LABELS,
    owned=(("description", description_value), ("author", author_value)),
    front_matter_order=FRONT_MATTER_ORDER,
    summarise=summarise_topic_page,
)
