"""The typed model of a community topic page (``/topics/<id>.md``, front matter ``type: "Topics"``)."""

from __future__ import annotations

import datetime as _dt
from typing import Any

import attrs

from symboldoc._fields import count_field, datetime_field, text_field
from symboldoc._inline import Link
from symboldoc._kinds._common import front_matter_text
from symboldoc._pickling import compact
from symboldoc._symbols import Symbol

__all__ = ["Comment", "TopicPage"]


def _comment_text(instance: object, field: attrs.Attribute[Any], value: object) -> None:
    """A comment's markdown: a str without blanks or line breaks at either end (the page keeps none there)."""
    if not isinstance(value, str):
        raise ValueError(f"Comment.{field.name}: expected a str, got {value!r}")
    if value != value.strip():
        raise ValueError(f"Comment.{field.name}: {value[:80]!r} has blanks at the start or the end")


def _is(kind: type) -> Any:
    """A validator: an instance of ``kind``, or a ``ValueError`` naming the field."""

    def check(instance: object, field: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, kind):
            raise ValueError(f"{type(instance).__name__}.{field.name}: expected a {kind.__name__}, got {value!r}")

    return check


@compact
@attrs.define
class Comment:
    """One comment: ``- **<author> · <datetime>**: <text>``.

    ``author`` is plain text (``""`` for a comment line that could not be
    read; writing it again is refused); ``datetime`` aware UTC; ``text`` the
    comment as markdown (links and emphasis kept), its lines after the first
    written under it, indented as the item's.
    """

    author: str = text_field(optional=False, default=attrs.NOTHING)
    datetime: _dt.datetime | None = datetime_field()
    text: str = attrs.field(default="", validator=_comment_text)


@compact
@attrs.define
class TopicPage:
    """A community topic: the question as posted, its author, related symbols, and the comments.

    ``id`` is the number in the page's url (the front matter's ``url``):
    change the url to move the page, and ``id`` with it.  ``description``
    and ``author`` are front matter keys whose home is this page: the front
    matter's ``extra`` does not hold them.  ``title`` is the ``# `` heading's
    text as written (a long question is cut with ``…``).  ``comments_count``
    is the N of ``## Comments (N)``, which may be more than the comments the
    page shows.
    """

    id: int | None = count_field()
    title: str | None = text_field()
    description: str | None = attrs.field(default=None, validator=front_matter_text)
    author: Link | None = attrs.field(default=None, validator=attrs.validators.optional(_is(Link)))
    related: list[Symbol] = attrs.field(factory=list, validator=_is(list))
    comments_count: int | None = count_field()
    comments: list[Comment] = attrs.field(factory=list, validator=_is(list))
