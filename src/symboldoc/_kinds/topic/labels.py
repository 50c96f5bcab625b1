"""The words a topic page uses for its headings, by locale.

Only English is here: no ``zh-CN`` or ``zh-HK`` topic page has been seen,
and guessing their words would read them wrongly.  A locale is added with
``symboldoc.register_labels("topic", "<locale>", TopicLabels(...))``.
"""

from __future__ import annotations

import attrs

from symboldoc._pickling import compact

__all__ = ["LABELS", "TopicLabels"]


@compact
@attrs.frozen
class TopicLabels:
    """Every heading a topic page's reader looks for."""

    #: The level-3 heading over the list of related symbols.
    related: str = "Related Stocks"
    #: The level-2 heading over the comments, written ``<comments> (<count>)``.
    comments: str = "Comments"


#: Topic page labels by locale (the front matter's ``locale``).
LABELS: dict[str, TopicLabels] = {"en": TopicLabels()}
