"""The words a page uses for its headings and row labels, by locale.

The readers in ``read`` never spell a label themselves: they ask the
:class:`Labels` of the page's locale.  Only English is here, because only
English pages have been seen (pages served for ``zh-CN`` and ``zh-HK`` may
use other words, and guessing them would read them wrongly).  A locale is
added by adding a :class:`Labels` to :data:`LABELS`; no reader changes.
"""

from __future__ import annotations

import attrs

from symboldoc._pickling import compact

__all__ = ["LABELS", "Labels", "labels_for"]


@compact
@attrs.frozen
class Labels:
    """Every heading, row label and column header the readers look for."""

    # Sections (level-2 headings), and the level-3 headings inside them.
    # ``score_headings`` are what a score heading starts with; ``score_title``
    # and ``score_title_older`` what the two layouts write.
    overview: str = "Company Overview"
    profile: str = "Company Profile"
    key_drivers: str = "Key Drivers"
    key_drivers_note: str = "AI-analyzed key factors driving this stock's performance"
    score_headings: tuple[str, ...] = ("Longbridge Financial Score", "Financial Score")
    score_title: str = "Longbridge Financial Score™"
    score_title_older: str = "Financial Score"
    score_analysis: str = "Score Analysis"
    valuation: str = "Valuation Analysis"
    peers: str = "Peer Comparison"
    institutional: str = "Institutional View"
    analysts: str = "Analyst Rating Distribution"
    targets: str = "Target Price Forecast"
    references: str = "References"

    # The overview's Item / Detail table.
    industry: str = "Industry"
    item: str = "Item"
    detail: str = "Detail"
    #: The market row: the current layout's word first, then the older layout's.
    exchange: tuple[str, ...] = ("Exchange", "Location")
    website: str = "Website"

    # The score section.
    updated: str = "Updated"
    overall: str = "Overall"
    industry_ranking: str = "Industry Ranking"
    industry_median: str = "Industry Median"
    industry_average: str = "Industry Average"
    style: str = "Style"
    scale: str = "Scale"
    multi_score: str = "Multi Score"
    score_categories: tuple[str, ...] = ("Style Score", "Size Score", "Multi Score")
    group_word: str = "Score"
    metric: str = "Metric"
    value: str = "Value"
    indicator: str = "Indicator"
    rating: str = "Rating"

    # Valuation Analysis.
    current: str = "Current"
    high: str = "High"
    median: str = "Median"
    low: str = "Low"

    # Peer Comparison.
    rank: str = "Rank"
    name: str = "Name"
    profit: str = "Profit"
    growth: str = "Growth"
    operation: str = "Operation"
    security: str = "Security"
    cash: str = "Cash"

    # Institutional View.
    as_of: str = "As of"
    total_analysts: str = "Total Analysts"
    count: str = "Count"
    percentage: str = "Percentage"
    price: str = "Price"
    current_price: str = "Current Price"
    highest_target: str = "Highest Target"
    lowest_target: str = "Lowest Target"

    # Around the page.
    disclaimer: str = "Disclaimer"
    supported_languages: str = "Supported Languages"


#: Labels by page locale (the front matter's ``locale``).
LABELS: dict[str, Labels] = {"en": Labels()}


def labels_for(locale: str | None) -> Labels:
    """The labels of ``locale``; English for a locale without its own."""
    return LABELS.get(locale or "en", LABELS["en"])
