"""What a page kind is: the four things its unit owns, as the registry sees them."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import attrs

from symboldoc._blocks import Block
from symboldoc._chart_checks import ChartChecks
from symboldoc._edit import Binder
from symboldoc._frontmatter import FrontMatter
from symboldoc._frontmatter_text import FRONT_MATTER_KEYS
from symboldoc._problems import Reporter

__all__ = ["PageKind", "Reader", "Renderer"]

#: Reads a kind's typed page from the blocks of a document the registry gave to the kind.
Reader = Callable[[Sequence[Block], "FrontMatter | None", ChartChecks, Reporter, Binder], Any]
#: Writes a kind's typed page as the lines of its body (after the front matter), in the pages' layout.
Renderer = Callable[["FrontMatter | None", Any], list[str]]


@attrs.frozen
class PageKind:
    """One kind of Longbridge page, as its unit declares it to the registry.

    ``name`` is what :attr:`Document.kind` and the JSON ``kind`` say;
    ``page_class`` the typed page's class.  The registry picks the kind of a
    document by its front matter ``types``, else by ``url`` (a pattern
    searched in the front matter's ``url``), else by ``title`` (a test of
    the ``# `` heading's text).  ``labels`` holds the kind's labels by
    locale; it is the kind's own dict, which :func:`register_labels` adds to.
    """

    name: str
    page_class: type
    types: tuple[str, ...]
    url: re.Pattern[str]
    title: Callable[[str], bool]
    read: Reader
    render: Renderer
    labels: dict[str, Any]
    #: The front matter keys whose home is the typed page, each with a function of the page that gives the
    #: key's value as the front matter writes it (None for no such key).
    owned: tuple[tuple[str, Callable[[Any], Any]], ...] = ()
    #: The order the pages of this kind give their front matter keys in (others follow, in their order).
    front_matter_order: tuple[str, ...] = FRONT_MATTER_KEYS
    #: A few lines for people about a typed page (``symboldoc parse --format summary``).
    summarise: Callable[[Any], list[str]] = attrs.field(kw_only=True)
    #: How the items of the page's lists are told apart over time (``diff``, ``facts``, ``fingerprint``):
    #: for a list field (keyed by its class and field name), a function of one item giving its key, as one
    #: or more texts.  A list not named here is keyed by each item's first value (see ``_snapshots.keys``).
    item_keys: Mapping[tuple[type, str], Callable[[Any], tuple[str, ...]]] = attrs.field(factory=dict, kw_only=True)
