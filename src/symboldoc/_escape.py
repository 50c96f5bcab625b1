"""Text fields in their places: how a page's text is read as a field's value, and how a value is written back.

Every text field of the model holds *plain text*, what a reader of the page
sees, except the three that hold markdown (``Overview.description``,
``Score.description`` and the key drivers, whose links and emphasis are
part of what they say).  Each place a field stands in has a pair here:
how the page reader takes the field from the text, and how the writers put
a value there so that it reads back the same.  A plain text is written as it
is when it reads back as it is; otherwise its markdown punctuation is
escaped with backslashes (CommonMark reads ``\\*`` as ``*``), and, in a
table cell, its pipes too (``\\|``).  A value no escaping can bring back is
refused with a ``ValueError`` saying why.

Markdown fields are written line by line as they are; a line that would
begin another block (``#``, ``>``, a list marker, a fence, a table, a
thematic break) gets a backslash before its first character, and a
reader takes that backslash away again (see :func:`markdown_line`).

What no place can hold is refused when it is assigned (:func:`unwritable`):
a line break in a one-line field, blanks around a value.
"""

from __future__ import annotations

import re
import string
import unicodedata
from collections.abc import Callable, Sequence

from ._inline import (
    CodeSpan,
    Emphasis,
    Image,
    Inline,
    InlineHTML,
    Link,
    Strikethrough,
    Strong,
    Text,
    parse_inline,
    plain_text,
)
from ._tables import cell_text, is_delimiter_row

__all__ = [
    "atx_text",
    "backslashed",
    "cell_markdown",
    "escape_pipes",
    "escaped",
    "labelled",
    "markdown_line",
    "plain",
    "read_markdown_line",
    "unemphasised",
    "unwritable",
]

#: ASCII punctuation: what CommonMark lets a backslash escape.
PUNCTUATION = frozenset(string.punctuation)
#: The characters inline markdown may read as markup (the rest of the punctuation is only ever text inline).
MARKUP = frozenset("\\`*_[]<>!&~")
_OTHER_MARKUP = frozenset("\\`_[]<>!&~\n")


# -- reading -----------------------------------------------------------------------------------


def plain(text: str) -> str:
    """``text`` (inline markdown) without its markup: what a reader of the page sees, blanks around it left out."""
    if _OTHER_MARKUP.isdisjoint(text):
        if "*" not in text:
            return text.strip()  # no markup at all (most names): what mistune's reading gives, without it
        without = _without_strong(text)
        if without is not None:
            return without.strip()
    return plain_text(parse_inline(text)).strip()


def _without_strong(text: str) -> str | None:
    """Text whose only markup is ``**strong**`` spans (or one ``*emphasis*`` around it all), without it.

    None for anything else, which mistune reads.

    The pages' labels (``**Overall: C (0.55)**``, ``**Industry**: ...``,
    ``Total Analysts: **13**``) read without mistune this way.
    """
    stripped = text.strip(" \t")
    if stripped.count("*") == 2 and stripped[0] == stripped[-1] == "*" and stripped[1] not in " \t*":
        return stripped[1:-1] if stripped[-2] not in " \t" else None  # *emphasis* around all of it
    pieces = text.split("**")
    if len(pieces) % 2 == 0 or any("*" in piece for piece in pieces):
        return None
    for number in range(1, len(pieces), 2):
        inner, before, after = pieces[number], pieces[number - 1], pieces[number + 1]
        if not inner or inner[0] in " \t" or inner[-1] in " \t":
            return None
        # CommonMark's flanking rule: a run next to punctuation inside and a letter or digit outside is no
        # delimiter (``**(a)**b`` is text); mistune decides those.
        if (before[-1:].isalnum() and _is_punctuation(inner[0])) or (
            after[:1].isalnum() and _is_punctuation(inner[-1])
        ):
            return None
    return "".join(pieces)


def _is_punctuation(char: str) -> bool:
    return char in PUNCTUATION or unicodedata.category(char).startswith("P")


def unemphasised(text: str) -> str:
    """A line of a score note: ``*text*`` without the one ``*`` at each end (its markdown inside kept).

    The note's lines are written each inside ``*...*``, so one mark is taken
    off each end whatever is inside (``***Note**: new*`` is ``**Note**: new``).
    A line without the marks (the text of another writer) is read as plain text.
    """
    stripped = text.strip()
    if len(stripped) >= 2 and stripped[0] == stripped[-1] and stripped[0] in "*_":
        return stripped[1:-1]
    return plain(text)


def labelled(text: str) -> tuple[str, str]:
    """``"Label: rest"`` (markup removed) as ``("Label", "rest")``; ``("", text)`` without a colon."""
    label, colon, rest = plain(text).partition(":")
    if not colon:
        return "", label
    return label.strip(), rest.strip()


def cell_plain(raw: str) -> str:
    """The plain text of a table cell as written between its pipes."""
    return plain(cell_text(raw))


def atx_text(after_marks: str) -> str:
    """An ATX heading's text from what follows its ``#`` marks: blanks and a closing run of ``#`` left out."""
    text = after_marks.strip(" \t")
    trimmed = text.rstrip("#")
    if trimmed != text and (not trimmed or trimmed[-1] in " \t"):
        text = trimmed.rstrip(" \t")
    return text


#: The starts of a line that would begin another block than the paragraph (or list item) it stands in.
_BLOCK_START = re.compile(
    r"[>|<]"  # a quote; a table row; HTML
    r"|#{1,6}(?=[ \t]|$)"  # a heading
    r"|[-+*](?=[ \t]|$)"  # a list item
    r"|[-*_=][-*_= \t]*$"  # a thematic break, or a setext heading's underline
    r"|```|~~~"  # a fence
    r"|\[[^\]]*\]:"  # a link reference definition
    r"|:[-: \t|]*$"  # a table's delimiter row that starts with a colon
)
#: An ordered list item's start, with any backslashes before its ``.`` or ``)``.
_ORDERED = re.compile(r"[0-9]{1,9}(\\*)[.)](?=[ \t]|$)")


def _needs_escape(line: str) -> bool:
    """Whether :func:`markdown_line` puts a backslash first: a block's start, or a backslash before one."""
    while line[:1] == "\\":
        line = line[1:]  # a backslash before what needs one needs one too, so that reading can tell them apart
    return _BLOCK_START.match(line) is not None or is_delimiter_row(line)  # "a | b" over "--- | ---": a table


def markdown_line(line: str) -> str:
    """A line of a markdown field as written: with a backslash that keeps it from beginning another block.

    A line that would begin a heading, a quote, a list item, a thematic
    break, a fence, a table row or HTML gets a backslash before its first
    character (a CommonMark escape, so the line shows as it was meant), and
    so does a line whose backslashes come before such a start; an ordered
    list's start (``1. ``) gets one before its ``.`` or ``)``.
    :func:`read_markdown_line` takes exactly that backslash away again.
    """
    if _needs_escape(line):
        return "\\" + line
    ordered = _ORDERED.match(line)
    if ordered is not None:
        return line[: ordered.start(1)] + "\\" + line[ordered.start(1) :]
    return line


def read_markdown_line(line: str) -> str:
    """A line of a markdown field as the model holds it: without the backslash :func:`markdown_line` adds."""
    if line[:1] == "\\" and _needs_escape(line[1:]):
        return line[1:]
    ordered = _ORDERED.match(line)
    if ordered is not None and ordered.group(1):
        return line[: ordered.start(1)] + line[ordered.start(1) + 1 :]
    return line


# -- refusing ------------------------------------------------------------------------------------


def unwritable(text: str, *, lines: bool = False) -> str | None:
    """Why ``text`` cannot stand in a text field of the page, or None when it can.

    A one-line field cannot hold a line break (``\\n`` or ``\\r``); no
    field keeps blanks at either end (the page does not).  With ``lines`` (a
    markdown field of several lines), ``\\n`` separates lines, each without
    blanks at either end, and one blank line separates paragraphs.
    """
    if "\r" in text or (not lines and "\n" in text):
        where = min(index for index in (text.find("\r"), text.find("\n")) if index >= 0)
        return (
            f"a line break at index {where}, which a one-line field cannot hold"
            if not lines
            else (f"a carriage return at index {where}; lines are separated by '\\n' alone")
        )
    if text != text.strip():
        return "blanks at the start or the end, which the page does not keep"
    if lines:
        if any(line != line.strip() for line in text.split("\n")):
            return "a line with blanks at its start or end, which the page does not keep"
        if "\n\n\n" in text:
            return "more than one blank line in a row, which the page writes as one"
    return None


# -- writing ------------------------------------------------------------------------------------


def escaped(text: str, reads: Callable[[str], object], want: object = None, *, also: str = "") -> str:
    """The markdown to write for ``text`` in a place ``reads`` reads: ``text`` itself, or ``text`` escaped.

    ``reads(markdown)`` gives what the page reader takes from the markdown
    (``want``, by default ``text``, is what it must give).  ``text`` is
    written as it is when that reads back; else its markup characters (and
    ``also``) are escaped with backslashes; else all its ASCII punctuation.
    A ``ValueError`` when none of these reads back.
    """
    wanted = text if want is None else want
    plain_enough = MARKUP.isdisjoint(text) and not (also and any(char in also for char in text))
    if plain_enough and reads(text) == wanted:
        return text
    for chars in (MARKUP | frozenset(also), PUNCTUATION):
        candidate = backslashed(text, chars)
        if reads(candidate) == wanted:
            return candidate
    raise ValueError(f"{text!r} cannot be written in its place on the page so that it reads back")


def escape_pipes(text: str) -> str:
    """Cell text with its pipes escaped, so they do not cut the row."""
    return text.replace("|", "\\|")


def cell_markdown(text: str) -> str:
    """The markdown to write for plain ``text`` in a table cell (its pipes are escaped where the row is written)."""
    return escaped(text, _cell_reads)


def _cell_reads(markdown: str) -> str:
    return cell_plain(" " + escape_pipes(markdown) + " ")


def heading_markdown(text: str) -> str:
    """The markdown to write after a heading's ``#`` marks for plain ``text``."""
    return escaped(text, _heading_reads, also="#")


def _heading_reads(markdown: str) -> str:
    return plain(atx_text(markdown))


def labelled_markdown(label: str, text: str) -> str:
    """The markdown to write after ``**Label**:`` for plain ``text``, so that :func:`labelled` reads it back."""
    return escaped(text, lambda markdown: labelled(f"**{label}**: {markdown}"), (label, text))


def strong_markdown(text: str) -> str:
    """The markdown to write inside ``**...**`` (a line that is all strong, as the disclaimer) for plain ``text``."""
    return escaped(text, lambda markdown: plain(f"**{markdown}**"))


def link_markdown(link: Link) -> str:
    """``[text](destination "title")`` that reads back as ``link``: its text, url and title."""
    want = (link,)
    texts = _inline_candidates(link.children)
    title = "" if link.title is None else f' "{backslashed(link.title, chars=frozenset(chr(34)) | MARKUP)}"'
    for text in texts:
        for destination in _destinations(link.url):
            written = f"[{text}]({destination}{title})"
            if parse_inline(written) == want:
                return written
    raise ValueError(f"the link {link!r} cannot be written so that it reads back")


def _destinations(url: str) -> list[str]:
    """Ways to write a link destination, plainest first: as it is, with backslash escapes, in angle brackets."""
    escaped_url = backslashed(url, chars=_DESTINATION_MARKUP)
    angled = "<" + backslashed(url, chars=frozenset("\\<>&")) + ">"
    if _DESTINATION_MARKUP.isdisjoint(url) and not any(char.isspace() for char in url):
        return [url, escaped_url, angled]
    return [escaped_url, angled]


#: What a link destination may read as markup (a backslash escape, an entity, the end of the destination).
_DESTINATION_MARKUP = frozenset("\\()<>&")


def backslashed(text: str, chars: frozenset[str]) -> str:
    """``text`` with a backslash before each of its characters in ``chars``."""
    return "".join("\\" + char if char in chars else char for char in text)


def _inline_candidates(children: tuple[Inline, ...]) -> list[str]:
    """Markdown for inline content: its plain text as it is and escaped, when it is plain; else its markup written."""
    if all(isinstance(child, Text) for child in children):
        # Escapes are the same wherever the link stands; text as it is only when it holds no markup at all,
        # so that links written side by side (``[a](x) | [b](y)``) cannot pair their marks with each other.
        text = plain_text(children)
        escaped_forms = [backslashed(text, MARKUP), backslashed(text, PUNCTUATION)]
        return [text, *escaped_forms] if MARKUP.isdisjoint(text) else escaped_forms
    return [inline_markdown(children)]


def inline_markdown(nodes: Sequence[Inline]) -> str:
    """Inline content written as markdown: text escaped, each span with its marks (checked by reading back)."""
    return "".join(_node_markdown(node) for node in nodes)


def _node_markdown(node: Inline) -> str:
    if isinstance(node, Text):
        return backslashed(node.text, MARKUP)
    if isinstance(node, Strong):
        return f"**{inline_markdown(node.children)}**"
    if isinstance(node, Emphasis):
        return f"*{inline_markdown(node.children)}*"
    if isinstance(node, Strikethrough):
        return f"~~{inline_markdown(node.children)}~~"
    if isinstance(node, CodeSpan):
        fence = "`" * (max((len(run) for run in re.findall("`+", node.text)), default=0) + 1)
        pad = " " if node.text.startswith("`") or node.text.endswith("`") else ""
        return f"{fence}{pad}{node.text}{pad}{fence}"
    if isinstance(node, Link):
        return link_markdown(node)
    if isinstance(node, Image):
        return "!" + link_markdown(Link(node.url, node.children, node.title))
    if isinstance(node, InlineHTML):
        return node.text
    return "\\\n"  # a hard line break


def keyed_cell_markdown(text: str) -> str:
    """The markdown of a value cell in a label, value table (the overview's), whose reader skips cells that are
    only dashes, colons and blanks (the delimiter row's cells, on a page whose line breaks were lost)."""
    return escaped(text, _keyed_cell_reads)


def _keyed_cell_reads(markdown: str) -> str | None:
    raw = " " + escape_pipes(markdown) + " "
    return cell_plain(raw) if cell_text(raw).strip("-: ") else None
