"""The words news pages use, by locale.

Only English is here: no ``zh-CN`` or ``zh-HK`` news page has been seen,
and guessing their words would read them wrongly.  A locale is added with
``symboldoc.register_labels("news_index", "<locale>", NewsLabels(...))``
(the news index and the articles share their labels).
"""

from __future__ import annotations

import attrs

from symboldoc._pickling import compact

__all__ = ["LABELS", "NewsLabels"]


@compact
@attrs.frozen
class NewsLabels:
    """The words the news readers look for."""

    #: The news index's title (its ``# `` heading, and its front matter ``title``).
    index_title: str = "Longbridge News"
    #: The label of a news item's datetime line: ``  - Datetime: <ISO 8601>``.
    datetime: str = "Datetime"
    #: The label of a news item's summary line: ``  - Summary: <text>``.
    summary: str = "Summary"


#: News labels by locale (the front matter's ``locale``); the news index and the articles share them.
LABELS: dict[str, NewsLabels] = {"en": NewsLabels()}
