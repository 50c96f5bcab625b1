"""Inline content (links, emphasis, code spans) read with mistune.

Blocks are found by symboldoc's own scanner, which keeps positions; the
text inside a block (a table cell, a heading, a list item) is handed to
mistune's inline parser (adapted in ``_inline_parser`` so that a link's
destination is kept as written), and its tokens become the small attrs
classes below.  Text without any markdown punctuation skips mistune
altogether, and so does a lone ``[text](url)`` whose parts hold nothing
mistune would read differently.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, TypeAlias

import attrs
import mistune
from mistune.plugins import import_plugin

from ._inline_parser import InlineParser, SurrogateMask, resolve
from ._pickling import compact

__all__ = [
    "CodeSpan",
    "Emphasis",
    "Image",
    "Inline",
    "InlineHTML",
    "LineBreak",
    "Link",
    "Strikethrough",
    "Strong",
    "Text",
    "parse_inline",
    "plain_text",
]


@compact
@attrs.frozen
class Text:
    """Plain text."""

    text: str


@compact
@attrs.frozen
class CodeSpan:
    """A code span, ```like this```."""

    text: str


@compact
@attrs.frozen
class _Span:
    """Inline content wrapping other inline content."""

    children: tuple[Inline, ...]

    @property
    def text(self) -> str:
        """The content without its markup."""
        return plain_text(self.children)


@attrs.frozen
class Emphasis(_Span):
    """``*emphasised*`` content."""


@attrs.frozen
class Strong(_Span):
    """``**strong**`` content."""


@attrs.frozen
class Strikethrough(_Span):
    """``~~struck~~`` content."""


@compact
@attrs.frozen
class Link:
    """A link: ``text`` is what it shows, ``url`` where it points.

    ``url`` and ``title`` are as written, with CommonMark's backslash escapes
    and entity references resolved, and never percent-encoded: ``[a](x\\_y&amp;z)``
    has the url ``x_y&z``.  An autolink's url is its text (``mailto:`` before
    an email address).
    """

    url: str
    children: tuple[Inline, ...]
    title: str | None = None

    @property
    def text(self) -> str:
        return plain_text(self.children)


@compact
@attrs.frozen
class Image:
    """An image: ``alt`` text, ``url`` of the picture (written as :class:`Link` says)."""

    url: str
    children: tuple[Inline, ...]
    title: str | None = None

    @property
    def text(self) -> str:
        return plain_text(self.children)


@compact
@attrs.frozen
class LineBreak:
    """A hard line break (soft breaks are kept as text)."""

    @property
    def text(self) -> str:
        return "\n"


@compact
@attrs.frozen
class InlineHTML:
    """Raw inline HTML, kept as written."""

    text: str


Inline: TypeAlias = Text | CodeSpan | Emphasis | Strong | Strikethrough | Link | Image | LineBreak | InlineHTML

_MARKUP = frozenset("\\`*_[]<>!&~")

#: Text longer than this is not handed to mistune, whose inline parser grows
#: faster than the text on some hostile shapes (``**_[`` repeated): its
#: inline content is kept as one Text.  Blocks of real pages are far shorter.
INLINE_LIMIT = 32 * 1024
#: Blanks at a line break, which mistune takes into the break (and two spaces make it a hard one).
_BREAK_BLANKS = re.compile(r" \n|\n\s")
_local = threading.local()


def _parser() -> InlineParser:
    # A mistune parser keeps state while it runs, so each thread has its own.
    parser: InlineParser | None = getattr(_local, "parser", None)
    if parser is None:
        parser = InlineParser()
        mistune.Markdown(renderer=None, inline=parser, plugins=[import_plugin("strikethrough")])  # adds its rule
        _local.parser = parser
    return parser


def parse_inline(text: str) -> tuple[Inline, ...]:
    """The inline content of ``text`` (one block's text, line breaks included)."""
    if not text:
        return ()
    if len(text) > INLINE_LIMIT:
        return (Text(text),)
    if _MARKUP.isdisjoint(text) and ("\n" not in text or _BREAK_BLANKS.search(text) is None):
        return (Text(text),)
    link = _lone_link(text)
    if link is not None:
        return (link,)
    return parse_with_mistune(text)


def parse_with_mistune(text: str) -> tuple[Inline, ...]:
    """The inline content of ``text`` as mistune reads it, without the shortcuts of :func:`parse_inline`."""
    try:
        mask = SurrogateMask.of(text)
    except ValueError:  # no stand-ins left for its surrogates (a text made to hold them all)
        return (Text(text),)
    parser = _parser()
    parser.mask = mask
    try:
        tokens = parser(mask.hide(text) if mask is not None else text, {})
    except RecursionError:
        # Pathological nesting: the text stays as it was written.
        return (Text(text),)
    finally:
        parser.mask = None
    if mask is not None:
        mask.show_tokens(tokens)
    return _convert(tokens)


_LINK_TEXT_MARKUP = frozenset("\\`*_[]<>!&~\n")
_URL_STOPS = frozenset("()<>\\")


def _lone_link(text: str) -> Link | None:
    """``[text](url)`` and nothing else, with no markup inside: read without mistune (the pages' common case).

    Only a destination mistune reads the same way is taken: printable, with
    no white space, parenthesis, angle bracket or backslash (an entity is
    resolved, as mistune's path resolves it).
    """
    if text[0] != "[" or text[-1] != ")":
        return None
    middle = text.find("](")
    if middle < 0:
        return None
    label, url = text[1:middle], text[middle + 2 : -1]
    if (
        not label
        or not url
        or not _LINK_TEXT_MARKUP.isdisjoint(label)
        or not _URL_STOPS.isdisjoint(url)
        or not url.isprintable()
        or " " in url
    ):
        return None
    return Link(resolve(url) if "&" in url else url, (Text(label),))


def _convert(tokens: Sequence[Mapping[str, Any]]) -> tuple[Inline, ...]:
    nodes: list[Inline] = []
    texts: list[str] = []  # adjacent text tokens, joined once (not one concatenation each)
    for token in tokens:
        node = _node(token)
        if isinstance(node, Text):
            texts.append(node.text)
            continue
        if texts:
            nodes.append(Text("".join(texts)))
            texts = []
        nodes.append(node)
    if texts:
        nodes.append(Text("".join(texts)))
    return tuple(nodes)


def _node(token: Mapping[str, Any]) -> Inline:
    kind = token.get("type")
    children = token.get("children") or ()
    attributes = token.get("attrs") or {}
    if kind == "link":
        return Link(str(attributes.get("url", "")), _convert(children), attributes.get("title"))
    if kind == "image":
        return Image(str(attributes.get("url", "")), _convert(children), attributes.get("title"))
    if kind == "emphasis":
        return Emphasis(_convert(children))
    if kind == "strong":
        return Strong(_convert(children))
    if kind == "strikethrough":
        return Strikethrough(_convert(children))
    if kind == "codespan":
        return CodeSpan(str(token.get("raw", "")))
    if kind == "linebreak":
        return LineBreak()
    if kind == "inline_html":
        return InlineHTML(str(token.get("raw", "")))
    if kind == "softbreak":
        return Text("\n")
    return Text(str(token.get("raw", "")) if "raw" in token else plain_text(_convert(children)))


def plain_text(nodes: Sequence[Inline]) -> str:
    """The text of ``nodes`` without any markup."""
    return "".join(node.text for node in nodes)


def iter_links(nodes: Sequence[Inline]) -> Iterator[Link]:
    """Every link in ``nodes``, nested ones included, in reading order."""
    for node in nodes:
        if isinstance(node, Link):
            yield node
        if isinstance(node, (_Span, Link, Image)):
            yield from iter_links(node.children)
