"""The community topic page (``/topics/<id>.md``, ``type: "Topics"``): model, reader and bindings, renderer, labels."""

from __future__ import annotations

from symboldoc._kinds._common import FRONT_MATTER_ORDER, untold
from symboldoc._kinds._kind import PageKind
from symboldoc._values import format_datetime, in_utc

from .labels import LABELS
from .model import Comment, TopicPage
from .read import TOPIC_URL, read_topic_page
from .render import render_topic_page, summarise_topic_page
from .views import author_value, description_value

__all__ = ["TOPIC"]


def _comment_key(comment: Comment) -> tuple[str, ...]:
    """A comment is its author and its datetime (ISO 8601 UTC, ``""`` when it has none)."""
    return (comment.author, "" if comment.datetime is None else format_datetime(in_utc(comment.datetime)))


TOPIC = PageKind(
    name="topic",
    page_class=TopicPage,
    types=("Topics",),
    url=TOPIC_URL,
    title=untold,
    read=read_topic_page,
    render=render_topic_page,
    labels=LABELS,
    owned=(("description", description_value), ("author", author_value)),
    front_matter_order=FRONT_MATTER_ORDER,
    summarise=summarise_topic_page,
    item_keys={(TopicPage, "comments"): _comment_key},
)
