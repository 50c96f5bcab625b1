"""The write-truth check: a text ``dumps`` wrote from a changed model must read back as that model.

The writers escape what they write (``_escape``), so this check never fires
for a value the model accepts and the layout can hold; it is the last word,
which turns any value the writers get wrong into an :class:`EditError`
instead of a page that silently says something else.  A text written from
an unchanged document is its source, and is not checked again.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs

from ._problems import EditError, Problem

if TYPE_CHECKING:
    from ._document import Document

__all__ = ["check_reads_back", "first_difference", "refused", "same"]

#: How deep :func:`first_difference` looks before it names the value that differs as a whole.
_DEPTH = 32


def check_reads_back(doc: Document, again: Document) -> None:
    """Raise :class:`EditError` unless ``again`` (``doc``'s text read back) holds ``doc``'s front matter and page.

    ``again`` may have no more warnings of a kind than ``doc`` has (a kind
    being the construct and what was expected, line numbers left out: an
    edit moves lines, and may change what a known problem quotes).
    """
    for name in ("front_matter", "page"):
        difference = first_difference(getattr(doc, name), getattr(again, name), name)
        if difference is not None:
            raise refused(f"the text written would read back otherwise: {difference}")
    had = Counter(map(_kind, doc.warnings))
    for problem in again.warnings:
        if had[_kind(problem)] > 0:
            had[_kind(problem)] -= 1
            continue
        raise refused(f"the text written would read with a new warning: {problem}")


def _kind(problem: Problem) -> str:
    """What kind of problem it is: its construct and what was expected, without the line numbers an edit shifts
    (``as in the header on line 61``), nor what was found (an edit may change what a known problem quotes)."""
    return _NUMBER.sub("#", f"{problem.construct}: {problem.expected}")


_NUMBER = re.compile(r"[0-9]+")


def refused(detail: str) -> EditError:
    """The :class:`EditError` of a model ``dumps`` cannot write so that it reads back."""
    return EditError(Problem(1, 1, "dumps", "a model the page's layout can hold", detail))


def same(before: Any, after: Any) -> bool:
    """``before == after``, but a NaN is the same as a NaN written alike (front matter may hold ``.nan``),
    and a signalling NaN compares without raising."""
    try:
        if before == after:
            return True
    except ArithmeticError:  # decimal.InvalidOperation: a signalling NaN
        pass
    if isinstance(before, (Decimal, float)) and isinstance(after, (Decimal, float)):
        return type(before) is type(after) and _is_nan(before) and _is_nan(after) and str(before) == str(after)
    return False


def _is_nan(value: Decimal | float) -> bool:
    return value.is_nan() if isinstance(value, Decimal) else math.isnan(value)


def first_difference(before: Any, after: Any, path: str, depth: int = 0) -> str | None:
    """Where ``after`` first differs from ``before`` (attrs objects, lists, mappings, values), or None."""
    if same(before, after):
        return None
    if depth < _DEPTH:
        walk = _walker(before, after)
        if walk is not None:
            # The parts compared one by one: no part differs when they differ only by NaNs written alike.
            return walk(before, after, path, depth + 1)
    return f"{path}: {_short(before)} would read back as {_short(after)}"


def _walker(before: Any, after: Any) -> Callable[[Any, Any, str, int], str | None] | None:
    if type(before) is not type(after):
        return None
    if attrs.has(type(before)):
        return _attrs_difference
    if isinstance(before, Mapping):
        return _mapping_difference
    if isinstance(before, Sequence) and not isinstance(before, str) and len(before) == len(after):
        return _sequence_difference
    return None


def _attrs_difference(before: Any, after: Any, path: str, depth: int) -> str | None:
    for field in attrs.fields(type(before)):
        if field.eq:
            name = field.alias if field.name.startswith("_") else field.name
            found = first_difference(getattr(before, field.name), getattr(after, field.name), f"{path}.{name}", depth)
            if found is not None:
                return found
    return None


def _mapping_difference(before: Any, after: Any, path: str, depth: int) -> str | None:
    for key in before:
        if key not in after:
            return f"{path}[{key!r}] would be missing"
        found = first_difference(before[key], after[key], f"{path}[{key!r}]", depth)
        if found is not None:
            return found
    extra = next((key for key in after if key not in before), None)
    return f"{path}[{extra!r}] would appear" if extra is not None else None


def _sequence_difference(before: Any, after: Any, path: str, depth: int) -> str | None:
    for index, (one, other) in enumerate(zip(before, after, strict=True)):
        found = first_difference(one, other, f"{path}[{index}]", depth)
        if found is not None:
            return found
    return None


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 120 else text[:117] + "..."
