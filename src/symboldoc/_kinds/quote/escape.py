"""The quote page's own places for text fields.

A peer's Name cell, an indicator group heading, a Style or Scale line (see
``_escape``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from symboldoc._escape import atx_text, escaped, plain

if TYPE_CHECKING:
    pass


def split_peer_name(text: str) -> tuple[str, str | None]:
    """A peer's Name cell (``"Shopify  (SHOP.US)"``) as its name's markdown and the symbol in the parenthesis.

    The symbol is None when the cell does not end in a parenthesis; an
    opening parenthesis escaped with a backslash (``\\(``) is part of the name.
    """
    if not text.endswith(")"):
        return text, None
    opening = text.rfind("(")
    while opening > 0 and _escaped_at(text, opening):
        opening = text.rfind("(", 0, opening)
    symbol = text[opening + 1 : -1]
    if opening < 0 or "(" in symbol or ")" in symbol:
        return text, None
    return text[:opening].rstrip(" \t"), symbol


def _escaped_at(text: str, index: int) -> bool:
    """Whether the character at ``index`` follows an odd run of backslashes (so is escaped)."""
    run = len(text[:index]) - len(text[:index].rstrip("\\"))
    return run % 2 == 1


def read_group_name(heading_text: str, word: str, older: bool) -> tuple[str, str] | None:
    """An indicator group heading's text (``Style Score Score: B``) as the group's name and its grade's text.

    The current layout writes ``<name> Score: <grade>``, so one ``Score``
    before the colon is the layout's; the older layout writes ``<name>: <grade>``.
    None without a colon.
    """
    name, colon, grade = heading_text.rpartition(":")
    if not colon:
        return None
    name = name.strip(" \t")
    if not older and (name == word or name.endswith(" " + word)):
        name = name[: -len(word)].rstrip(" \t")
    return plain(name), grade


def group_heading_markdown(name: str, grade: str | None, word: str, older: bool) -> str:
    """The text after ``#### `` of an indicator group's heading."""
    tail = f":{' ' + grade if grade else ''}" if older else f" {word}: {grade or ''}"

    def reads(written: str) -> str | None:
        found = read_group_name(atx_text(written + tail), word, older)
        return found[0] if found is not None else None

    markdown = escaped(name, reads)
    return markdown + tail


def read_classification(rest: str) -> tuple[str, str | None]:
    """What follows ``- **Style**:`` as a classification's name and description (``Growth - <description>``)."""
    name, _, description = rest.strip().partition(" - ")
    return plain(name), plain(description) or None


def classification_markdown(name: str, description: str | None) -> str:
    """The markdown after ``- **Style**: `` for a classification, which :func:`read_classification` reads back."""
    want = (name, description)
    if description is None:
        return escaped(name, read_classification, want, also="-")
    name_markdown = escaped(name, lambda written: read_classification(f"{written} - x")[0], also="-")
    described = escaped(description, lambda written: read_classification(f"{name_markdown} - {written}"), want)
    return f"{name_markdown} - {described}"


def read_peer_name(cell: str) -> tuple[str, str | None]:
    """A peer's Name cell (its text, pipes unescaped) as the name (plain text) and the symbol's text, if any."""
    name, symbol = split_peer_name(cell)
    return plain(name), symbol


def peer_name_markdown(name: str, symbol: str | None) -> str:
    """A peer's Name cell (before its pipes are escaped): ``Name (SYMBOL)``, or the name alone."""
    tail = f" ({symbol})" if symbol is not None else ""
    markdown = escaped(name, lambda written: read_peer_name(written + tail), (name, symbol), also="()")
    return (markdown + tail).lstrip(" ")  # a peer without a name: "(SHOP.US)"
