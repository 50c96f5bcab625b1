"""What the news and topic units share: the title heading, quote links, ids in urls, front matter keys of the page."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import attrs

from symboldoc._blocks import Block, Heading
from symboldoc._escape import heading_markdown, link_markdown, markdown_line, plain, read_markdown_line
from symboldoc._frontmatter import FrontMatter
from symboldoc._inline import Inline, Link, iter_links, parse_inline
from symboldoc._locate import TITLE_MARK, after_prefix
from symboldoc._reading import PageReading
from symboldoc._symbols import Symbol, is_symbol_text

if TYPE_CHECKING:
    from symboldoc._document import Document

__all__ = [
    "FRONT_MATTER_ORDER",
    "ITEM_MARKER",
    "QUOTE_LINK",
    "bind_title",
    "first_heading",
    "front_matter_text",
    "id_in",
    "id_view",
    "labels_of",
    "link_value",
    "markdown_lines",
    "markdown_text",
    "quote_symbols",
    "read_link_value",
    "symbols_in_inline",
    "symbols_in_markdown",
    "untold",
]

#: The order of the front matter keys of news and topic pages: ``description`` before ``datetime``, ``author`` last.
FRONT_MATTER_ORDER = (
    "title", "type", "locale", "url", "symbol", "name", "industry", "description", "datetime", "locales", "author",
)  # fmt: skip

#: A list item's marker and the blanks after it: what an item's first line starts with.
ITEM_MARKER = re.compile(r"[ ]{0,3}(?:[-+*]|[0-9]{1,9}[.)])[ \t]+")

#: A quote page's url: ``.../quote/<SYMBOL>.md``; the symbol is group 1.
QUOTE_LINK = re.compile(r"/quote/([^/?#]+)\.md(?:[?#]|$)")


def labels_of(labels: dict[str, Any], front_matter: FrontMatter | None) -> Any:
    """A kind's labels for the front matter's locale; English for a page without one, or of a locale without its own."""
    locale = front_matter.locale if front_matter is not None else None
    return labels.get(locale or "en", labels["en"])


def front_matter_text(instance: object, field: attrs.Attribute[Any], value: object) -> None:
    """A validator: a front matter text kept by a typed page, any str (written as a quoted YAML string) or None."""
    if value is not None and not isinstance(value, str):
        raise ValueError(f"{type(instance).__name__}.{field.name}: expected a str or None, got {value!r}")


def untold(title: str) -> bool:
    """A title that says nothing of the page's kind (a headline, a question as posted): never claimed by it."""
    return False


def first_heading(blocks: Iterable[Block], level: int = 1) -> tuple[int, Heading] | tuple[None, None]:
    """The first heading of ``level`` and where it stands among ``blocks``."""
    for index, block in enumerate(blocks):
        if isinstance(block, Heading) and block.level == level:
            return index, block
    return None, None


#: The most digits an id is read from: Python refuses to read a number of more than 4300 digits, and no
#: Longbridge id is near this.
ID_DIGITS = 40


def id_in(url: str | None, pattern: re.Pattern[str]) -> int | None:
    """The number ``pattern`` finds (its group 1) in ``url``, or None (also for more than ``ID_DIGITS`` digits)."""
    found = pattern.search(url) if url is not None else None
    if found is None or len(found.group(1)) > ID_DIGITS:
        return None
    return int(found.group(1))


def quote_symbols(links: Iterable[Link]) -> list[Symbol]:
    """The symbols of the links to quote pages, in order of first appearance, each once."""
    found: dict[str, None] = {}
    for link in links:
        match = QUOTE_LINK.search(link.url)
        if match is not None and is_symbol_text(match.group(1)):
            found.setdefault(match.group(1), None)
    return [Symbol(text) for text in found]


def symbols_in_markdown(*texts: str | None) -> list[Symbol]:
    """The symbols of the quote links in markdown ``texts`` (each read as inline content)."""
    links: list[Link] = []
    for text in texts:
        if text:
            links.extend(iter_links(parse_inline(text)))
    return quote_symbols(links)


def symbols_in_inline(nodes: Iterable[tuple[Inline, ...]]) -> list[Symbol]:
    """The symbols of the quote links in inline content already parsed."""
    return quote_symbols(link for inline in nodes for link in iter_links(inline))


def markdown_text(text: str) -> str:
    """A markdown field's text as the model holds it (see ``_escape.markdown_line``)."""
    if "\\" not in text:
        return text
    return "\n".join(map(read_markdown_line, text.split("\n")))


def markdown_lines(text: str) -> list[str]:
    """A markdown field written line by line so that each reads back (see ``_escape.markdown_line``)."""
    return [markdown_line(line) for line in text.split("\n")]


def bind_title(reading: PageReading, heading: Heading) -> str:
    """The page's title, read from its ``# `` heading, which is bound to ``doc.page.title``."""
    reading.bind.places(heading, after_prefix, (TITLE_MARK,), title_view, "doc.page.title", title_texts)
    return plain(heading.text)


def title_view(doc: Document) -> tuple[Any]:
    return (doc.page.title or "",)  # type: ignore[union-attr]


def title_texts(now: tuple[str]) -> tuple[str]:
    return (heading_markdown(now[0]),)


def id_view(doc: Document) -> tuple[Any]:
    return (doc.page.id,)  # type: ignore[union-attr]


def link_value(link: Link | None) -> str | None:
    """A link as a front matter value writes it: ``[text](url)``, escaped so that it reads back."""
    return None if link is None else link_markdown(link)


def read_link_value(value: object) -> Link | None:
    """A front matter value that is one markdown link and nothing else, as the link; else None."""
    if not isinstance(value, str):
        return None
    nodes = parse_inline(value)
    return nodes[0] if len(nodes) == 1 and isinstance(nodes[0], Link) else None
