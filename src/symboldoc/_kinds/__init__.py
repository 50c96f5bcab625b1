"""The registry of page kinds: which kind a document is, and the way to its reader and renderer.

Each kind is a unit of its own (``quote``, ``news``, ``topic``): its model,
its reader and edit bindings, its renderer, and its labels by locale.  This
module only lists them and picks one for a document:

1. by the front matter's ``type`` (``Symbol``/``quote``, ``News``,
   ``Topics``); when a type is shared (``News``: the index and the
   articles), by the ``url`` or the title among those kinds, else the last;
2. failing that, by the front matter's ``url`` path;
3. failing that, by the ``# `` title (a quote page's ends in its symbol).

Adding a kind is adding its unit and one entry to :data:`KINDS`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Union

from symboldoc._block_store import blocks_of_class
from symboldoc._blocks import Block, Heading
from symboldoc._chart_checks import ChartChecks
from symboldoc._edit import Binder
from symboldoc._frontmatter import FrontMatter
from symboldoc._frontmatter_text import FRONT_MATTER_KEYS, front_matter_lines
from symboldoc._problems import Reporter

from ._kind import PageKind
from .news import NEWS_ARTICLE, NEWS_INDEX
from .news.model import NewsArticle, NewsIndex
from .quote import QUOTE
from .quote.model import SymbolPage
from .topic import TOPIC
from .topic.model import TopicPage

__all__ = [
    "KINDS",
    "Page",
    "PageKind",
    "kind_named",
    "kind_of_page",
    "labels_built_in",
    "read_page",
    "register_labels",
    "render_text",
]

#: The typed page of a document: one class per kind.
Page = Union[SymbolPage, NewsIndex, NewsArticle, TopicPage]  # noqa: UP007 - a runtime alias, for Python 3.10

#: Every kind, in the order they are tried.  Kinds sharing a front matter ``type`` are listed
#: most particular first: the last of them takes a page that none of the others claims.
KINDS: tuple[PageKind, ...] = (QUOTE, NEWS_INDEX, NEWS_ARTICLE, TOPIC)

#: The labels each kind reads and writes pages with before any are registered.
_BUILT_IN_LABELS = {kind.name: dict(kind.labels) for kind in KINDS}

_BY_CLASS = {kind.page_class: kind for kind in KINDS}
_BY_NAME = {kind.name: kind for kind in KINDS}


def kind_named(name: str) -> PageKind:
    """The kind called ``name`` (``"quote"``, ``"news_index"``, ``"news_article"``, ``"topic"``)."""
    try:
        return _BY_NAME[name]
    except KeyError:
        known = ", ".join(repr(kind) for kind in _BY_NAME)
        raise ValueError(f"no page kind {name!r}; the kinds are {known}") from None


def kind_of_page(page: object) -> PageKind | None:
    """The kind whose typed page ``page`` is (None for None)."""
    return _BY_CLASS.get(type(page))


def pick_kind(front_matter: FrontMatter | None, title: str | None) -> PageKind | None:
    """The kind of a document with this front matter and ``# `` title (see the module), or None."""
    url = front_matter.url if front_matter is not None else None
    by_type = [kind for kind in KINDS if front_matter is not None and front_matter.type in kind.types]
    if len(by_type) == 1:
        return by_type[0]
    candidates = by_type or list(KINDS)
    if url is not None:
        for kind in candidates:
            if kind.url.search(url):
                return kind
    if title is not None:
        for kind in candidates:
            if kind.title(title):
                return kind
    return by_type[-1] if by_type else None


def read_page(
    blocks: Sequence[Block],
    front_matter: FrontMatter | None,
    charts: ChartChecks,
    reporter: Reporter,
    binder: Binder,
) -> tuple[PageKind | None, Any]:
    """The kind of ``blocks`` and their typed page, read by the kind's reader; ``(None, None)`` for no kind."""
    title = next((block.text for block in blocks_of_class(blocks, Heading) if block.level == 1), None)
    kind = pick_kind(front_matter, title)
    return kind, None if kind is None else kind.read(blocks, front_matter, charts, reporter, binder)


def render_text(front_matter: FrontMatter | None, page: object, bom: bool, final_newline: bool) -> str:
    """The whole text of a document written from its model alone, in the pages' layout.

    The front matter, a blank line, the page's body as its kind writes it; no
    trailing blank lines; a byte order mark and a final newline when asked.
    """
    lines: list[str] = []
    kind = kind_of_page(page)
    if kind is None and page is not None:
        raise TypeError(f"a document's page is a typed page of a known kind, not {type(page).__name__}")
    if front_matter is not None:
        owned = [(key, value_of(page)) for key, value_of in kind.owned] if kind is not None else []
        order = kind.front_matter_order if kind is not None else FRONT_MATTER_KEYS
        lines.extend(front_matter_lines(front_matter, owned, order))
        lines.append("")
    if kind is not None:
        lines.extend(kind.render(front_matter, page))
    while lines and lines[-1] == "":
        lines.pop()
    text = "\n".join(lines)
    return ("\ufeff" if bom else "") + text + ("\n" if final_newline and text else "")


def labels_built_in() -> bool:
    """Whether every kind reads pages with the labels it was built with (none registered in this process)."""
    return all(
        kind.labels.keys() == built.keys() and all(kind.labels[locale] is built[locale] for locale in built)
        for kind, built in ((kind, _BUILT_IN_LABELS[kind.name]) for kind in KINDS)
    )


def register_labels(kind: str, locale: str, labels: Any) -> None:
    """Use ``labels`` to read and write pages of ``kind`` whose front matter says ``locale: "<locale>"``.

    ``labels`` is an instance of the kind's labels class (:class:`Labels`
    for quote pages, :class:`NewsLabels`, :class:`TopicLabels`), usually
    made with ``attrs.evolve`` from the English one, so that only the words
    that differ are given.  The readers change nowhere.  Registering is for
    the whole process, as adding a codec is: do it once, at start-up.
    """
    found = kind_named(kind)
    english = found.labels["en"]
    if type(labels) is not type(english):
        raise TypeError(f"labels of {kind!r} pages are a {type(english).__name__}, not {type(labels).__name__}")
    if not isinstance(locale, str) or not locale:
        raise ValueError(f"a locale is a non-empty str such as 'zh-CN', not {locale!r}")
    found.labels[locale] = labels
