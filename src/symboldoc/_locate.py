"""Where a fact stands in a block's source: the locators edit bindings use (see ``Binder.places``)."""

from __future__ import annotations

import functools
import re

# The patterns below only find where a label starts, and never backtrack over
# more than a run of blanks; where a value ends is found with str methods, so
# no line, however long or strange, costs more than one pass.
TITLE_MARK = re.compile(r"[ ]{0,3}#[ \t]+")


@functools.cache  # one pattern per label, made once
def bold_label(label: str) -> re.Pattern[str]:
    """``**Label**:`` and the blanks after it."""
    return re.compile(r"\*\*" + re.escape(label) + r"\*\*:[ \t]*")


@functools.cache  # one pattern per label, made once
def bold_value(label: str) -> re.Pattern[str]:
    """``Label: **<v>**``."""
    return re.compile(re.escape(label) + r":[ \t]*\*\*(?P<v>[^*\r\n]*)\*\*")


def _line_end(source: str, start: int) -> int:
    """Where the line holding ``start`` ends (before its line ending)."""
    ends = [end for end in (source.find("\n", start), source.find("\r", start)) if end >= 0]
    return min(ends) if ends else len(source)


def _rest_of_line(source: str, prefix: re.Pattern[str]) -> tuple[int, int] | None:
    """The span after ``prefix`` to the end of its line, trailing blanks left out; None when there is no prefix."""
    found = prefix.search(source)
    if found is None:
        return None
    start = found.end()
    end = _line_end(source, start)
    return start, max(start, start + len(source[start:end].rstrip(" \t")))


# Where the facts stand in a block's source: each locator gives the span of every text a
# binding writes (None where one is missing); see Binder.places.

Span = tuple[int, int]


def after_prefix(source: str, prefix: re.Pattern[str]) -> list[Span | None]:
    """What follows ``prefix`` to the end of its line."""
    return [_rest_of_line(source, prefix)]


def group_spans(source: str, pattern: re.Pattern[str], names: tuple[str, ...]) -> list[Span | None]:
    """The groups ``names`` of the first match of ``pattern``."""
    match = pattern.search(source)
    return [match.span(name) for name in names] if match is not None else [None]
