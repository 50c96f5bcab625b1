"""The quote page (``/quote/<SYMBOL>.md``): its model, reader and bindings, renderer, and labels.

``model`` holds the typed page; ``read`` (with ``reader``, ``read_sections``
and ``read_score``) reads it from the blocks and binds each fact to the text
that shows it, through ``views``; ``render`` writes it in the pages' layout;
``labels`` holds the words the readers look for, by locale.
"""

from __future__ import annotations

import re

from symboldoc._kinds._kind import PageKind
from symboldoc._symbols import TITLE_SYMBOL

from .labels import LABELS
from .model import Analysts, IndicatorGroup, Peer, Score, SymbolPage, Valuation
from .read import read_quote_page
from .render import render_quote_page, summarise_quote_page

__all__ = ["QUOTE"]


def _titled(title: str) -> bool:
    """A quote page's title ends in its symbol: ``Name (KC.US)``."""
    return bool(TITLE_SYMBOL.findall(title))


def _peer_key(peer: Peer) -> tuple[str, ...]:
    """A peer is its symbol (its name when the row shows none)."""
    return (str(peer.symbol) if peer.symbol is not None else peer.name,)


def _named(name: str) -> tuple[str, ...]:
    return (name,)


QUOTE = PageKind(
    name="quote",
    page_class=SymbolPage,
    types=("Symbol", "quote"),
    url=re.compile(r"/quote/[^/?#]+\.md(?:[?#]|$)"),
    title=_titled,
    read=read_quote_page,
    render=render_quote_page,
    labels=LABELS,
    summarise=summarise_quote_page,
    item_keys={
        (SymbolPage, "peers"): _peer_key,
        (Valuation, "rows"): lambda row: _named(row.metric),
        (Score, "groups"): lambda group: _named(group.name),
        (IndicatorGroup, "indicators"): lambda indicator: _named(indicator.name),
        (Analysts, "ratings"): lambda rating: _named(rating.rating),
    },
)
