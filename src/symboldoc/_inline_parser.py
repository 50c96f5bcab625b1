"""mistune's inline parser, adapted to give link destinations as written.

mistune percent-encodes every link destination it reads (``escape_url``),
which loses how the destination was written and raises
``UnicodeEncodeError`` on a lone surrogate.  symboldoc's rule, the same on
every path, is:

    ``Link.url`` (and ``Image.url``) is the destination exactly as written,
    with CommonMark's backslash escapes and entity references resolved, and
    never percent-encoded.  ``title`` follows the same rule.  An autolink's
    URL is the text between its ``<`` and ``>`` (``mailto:`` before an email
    address), as CommonMark resolves nothing inside an autolink.

:class:`InlineParser` lets mistune decide *whether* and *where* a link is
(its rules are CommonMark's), then reads the destination and title from the
source text with :func:`resolve`.  Lone surrogates, which no encoding can
carry, are swapped for private-use characters while mistune reads and
swapped back afterwards (:class:`SurrogateMask`), so they stay text like
any other character.
"""

from __future__ import annotations

import functools
import html.entities
import re
from collections.abc import Callable, MutableMapping, Sequence
from re import Match
from typing import Any

import mistune
from mistune.core import InlineState
from mistune.helpers import parse_link_href

__all__ = ["InlineParser", "SurrogateMask", "resolve"]

# A backslash before ASCII punctuation, or an entity reference as CommonMark reads one
# (decimal: up to 7 digits; hexadecimal: up to 6; named: an HTML5 entity name).
_ESCAPE_OR_ENTITY = re.compile(r"\\([!-/:-@\[-`{-~])|&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});")
_ASCII_WHITESPACE = " \t\n\r\f\v"
_TITLE_CLOSERS = {'"': '"', "'": "'", "(": ")"}
_MARK = "_symboldoc"  # set on a link token once its destination has been read as written
_SHOWN = "_symboldoc_shown"  # set on a link token whose url and title hold no stand-ins (read from the unmasked text)


def resolve(raw: str) -> str:
    """``raw`` (a link destination or title as written) with backslash escapes and entities resolved."""
    if "\\" not in raw and "&" not in raw:
        return raw
    return _ESCAPE_OR_ENTITY.sub(_resolved, raw)


def _resolved(match: Match[str]) -> str:
    escaped, reference = match.group(1), match.group(2)
    if escaped is not None:
        return escaped
    if reference[0] == "#":
        code = int(reference[2:], 16) if reference[1] in "xX" else int(reference[1:])
        # CommonMark: code point 0, surrogates and what lies beyond Unicode read as U+FFFD.
        return "\ufffd" if code == 0 or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF else chr(code)
    return html.entities.html5.get(reference + ";", match.group(0))


class InlineParser(mistune.InlineParser):
    """mistune's inline parser, whose link tokens carry the destination and title as written (see the module).

    ``mask`` is the :class:`SurrogateMask` of the text being read, if any: a
    destination is unmasked before its entities are resolved, so an entity
    that stands for a stand-in character stays that character.
    """

    mask: SurrogateMask | None = None

    def parse_link_close(self, m: Match[str], state: InlineState) -> int:
        # A run of closing brackets; the last one ends a link when a "(" follows it (mistune 3.4's rule).
        end = super().parse_link_close(m, state)
        _read_as_written(end, m.end(), state, self.mask)
        return end

    def parse_auto_link(self, m: Match[str], state: InlineState) -> int:
        end = super().parse_auto_link(m, state)
        _set_autolink(state, m.group(0)[1:-1])
        return end

    def parse_auto_email(self, m: Match[str], state: InlineState) -> int:
        end = super().parse_auto_email(m, state)
        _set_autolink(state, "mailto:" + m.group(0)[1:-1])
        return end


def _set_autolink(state: InlineState, url: str) -> None:
    token = state.tokens[-1] if state.tokens else None
    if token is not None and token.get("type") == "link" and _MARK not in token:
        token["attrs"]["url"] = url
        token[_MARK] = True


def _read_as_written(end: int, opening: int, state: InlineState, mask: SurrogateMask | None) -> None:
    """After mistune made a link whose ``(`` stands at ``opening``: its destination and title, read as written."""
    token = state.tokens[-1] if state.tokens else None
    if token is None or token.get("type") not in ("link", "image") or _MARK in token or "ref" in token:
        return
    token[_MARK] = True
    written = _tail(state.src, opening + 1, end, mask) if state.src.startswith("(", opening) else None
    if written is None:  # pragma: no cover - mistune made a link this reading does not see: keep its own
        return
    url, title = written
    token[_SHOWN] = True  # read from the text as it was, surrogates and all: nothing to put back
    token["attrs"]["url"] = url
    if title:
        token["attrs"]["title"] = title
    else:
        token["attrs"].pop("title", None)


def _tail(src: str, start: int, end: int, mask: SurrogateMask | None) -> tuple[str, str | None] | None:
    """A destination, an optional title and the closing ``)`` from ``start``, ending exactly at ``end``.

    Their text is unmasked (``mask``) before entities and escapes are resolved.
    """
    show = mask.show if mask is not None else _same
    if end < 1 or src[end - 1] != ")":
        return None
    href, after = parse_link_href(src, start)
    if href is None or after is None or after > end - 1:
        return None
    rest = src[after : end - 1].strip(_ASCII_WHITESPACE)
    if not rest:
        return resolve(show(href)), None
    if rest[0] not in _TITLE_CLOSERS or rest[-1] != _TITLE_CLOSERS[rest[0]] or len(rest) < 2:
        return None
    if src[after] not in _ASCII_WHITESPACE:
        return None  # a title is set off from the destination by white space
    return resolve(show(href)), resolve(show(rest[1:-1]))


def _same(text: str) -> str:
    return text


# -- lone surrogates -------------------------------------------------------------------------------------

_SURROGATE = re.compile("[\ud800-\udfff]")
#: Where the stand-ins may come from: the start of a block of 2,048 private-use code points
#: (planes 15 and 16), each standing for the surrogate at the same distance from U+D800.
_STAND_IN_BASES = (0xF0000, 0x100000)


@functools.cache  # two tables, made once
def _tables(base: int) -> tuple[dict[int, int], dict[int, int]]:
    mask = {code: base + code - 0xD800 for code in range(0xD800, 0xE000)}
    return mask, {stand_in: code for code, stand_in in mask.items()}


@functools.cache
def _stand_ins(base: int) -> re.Pattern[str]:
    return re.compile(f"[{chr(base)}-{chr(base + 0x7FF)}]")


class SurrogateMask:
    """Swaps the lone surrogates of a text for private-use characters the text does not hold, and back."""

    def __init__(self, mask: dict[int, int], unmask: dict[int, int]) -> None:
        self.mask = mask
        self.unmask = unmask

    @classmethod
    def of(cls, text: str) -> SurrogateMask | None:
        """A mask for ``text``; None when it holds no surrogate (nothing to do)."""
        if _SURROGATE.search(text) is None:
            return None
        for base in _STAND_IN_BASES:
            if _stand_ins(base).search(text) is None:
                return cls(*_tables(base))
        raise ValueError("the text holds surrogates and every private-use character that could stand in for them")

    def hide(self, text: str) -> str:
        return text.translate(self.mask)

    def show(self, text: str) -> str:
        return text.translate(self.unmask)

    def show_tokens(self, tokens: Sequence[MutableMapping[str, Any]]) -> None:
        """Put the surrogates back into mistune's tokens, in place."""
        show: Callable[[str], str] = self.show
        for token in tokens:
            for key in ("raw", "text"):
                value = token.get(key)
                if isinstance(value, str):
                    token[key] = show(value)
            attributes = token.get("attrs")
            if attributes and _SHOWN not in token:
                for key in ("url", "title"):
                    value = attributes.get(key)
                    if isinstance(value, str):
                        attributes[key] = show(value)
            children = token.get("children")
            if children:
                self.show_tokens(children)
