"""What changed between two snapshots of a page: ``diff``, ``Change`` and ``Changes``.

Items of lists are matched by their key (``paths``), never by position, so
a reordered table is no change.  Values are compared as ``to_dict`` writes
them: a number with its digits and unit (``23.90%`` to ``23.9%`` is a change,
whose ``delta`` is 0), a rank with both its numbers.  One ``Change`` per
fact; an item (a peer, a row, a comment) or a part (a section) that appears
or goes is one ``Change`` holding it whole.
"""

from __future__ import annotations

import datetime as _dt
import decimal
import json
from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import Any, Literal, overload

import attrs

from symboldoc._document import Document
from symboldoc._inline import Link
from symboldoc._values import GRADES, Number, Rank, format_datetime, in_utc

from .patch import json_patch
from .paths import FRONT_MATTER, entry_path, field_path, item_path, value_text
from .tree import Items, Leaf, Node, Record, Snapshot, alike, same_data, snapshot

__all__ = ["Change", "Changes", "diff"]

#: Subtraction without rounding, whatever the digits (a context object of our own: nothing global is changed).
_EXACT = decimal.Context(prec=decimal.MAX_PREC, Emax=decimal.MAX_EMAX, Emin=decimal.MIN_EMIN)
#: How many characters of a text a line of ``str(changes)`` shows.
_SHOWN = 80
#: The most digits an exact ``delta`` is given with (a page's numbers take a few dozen at most).
_DELTA_DIGITS = 4096


@attrs.frozen
class Change:
    """One fact that changed.

    ``path`` names it (see the docs' "Archives" page for the grammar:
    ``peers[SHOP.US].rating``); ``kind`` is ``"added"``, ``"removed"`` or
    ``"changed"``; ``old`` and ``new`` are model values (a ``Number``, a
    ``Rank``, a ``Peer``...), None on the side where the fact is absent.
    ``delta`` is ``new - old`` (a ``Decimal``, exact) when both are numbers;
    ``direction`` is ``"better"`` or ``"worse"`` for a grade (A is best) and
    for a rank of the same total (a lower position is better), else None.
    """

    path: str
    kind: Literal["added", "removed", "changed"]
    old: Any = None
    new: Any = None
    delta: Decimal | None = None
    direction: Literal["better", "worse"] | None = None

    def __str__(self) -> str:
        path = _one_line(self.path)
        if self.kind != "changed":
            sign, value = ("+", self.new) if self.kind == "added" else ("-", self.old)
            shown = _shown(value)
            return f"{sign} {path}" + (f": {shown}" if shown is not None else "")
        notes = []
        if self.delta is not None:
            notes.append(f"{self.delta:+}" if self.delta else "same amount")
        if self.direction is not None:
            notes.append(self.direction)
        note = f" ({', '.join(notes)})" if notes else ""
        old, new = _shown_pair(self.old, self.new)
        if old is None or new is None:
            return f"~ {path}{note}"
        return f"~ {path}: {old} -> {new}{note}"


class Changes(Sequence[Change]):
    """The changes between two snapshots, in the order of the page (in a list, the items that went come first).

    A sequence of :class:`Change`; false when empty.  ``str()`` gives one
    line per change; :meth:`to_json_patch` the RFC 6902 patch from the old
    page's ``to_dict`` to the new one's; :meth:`to_list` the changes as
    JSON-ready data.
    """

    __slots__ = ("_changes", "_data", "_new", "_old", "_volatile")

    def __init__(
        self, changes: list[Change], data: list[tuple[Any, Any]], old: Snapshot, new: Snapshot, volatile: bool
    ) -> None:
        self._changes = changes
        self._data = data  # the JSON forms of each change's old and new values
        self._old = old
        self._new = new
        self._volatile = volatile

    @overload
    def __getitem__(self, index: int) -> Change: ...
    @overload
    def __getitem__(self, index: slice) -> list[Change]: ...
    def __getitem__(self, index: int | slice) -> Change | list[Change]:
        return self._changes[index]

    def __len__(self) -> int:
        return len(self._changes)

    def __iter__(self) -> Iterator[Change]:
        return iter(self._changes)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Changes):
            return self._changes == other._changes
        if isinstance(other, list):
            return self._changes == other
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # a sequence that compares by value

    def __repr__(self) -> str:
        return f"Changes({self._changes!r})"

    def __str__(self) -> str:
        return "\n".join(str(change) for change in self._changes)

    def to_list(self) -> list[dict[str, Any]]:
        """The changes as JSON-ready data: ``path``, ``kind``, ``old`` and ``new`` (as ``to_dict`` writes
        them), ``delta`` (a string, or null) and ``direction``."""
        return [
            {
                "path": change.path,
                "kind": change.kind,
                "old": old,
                "new": new,
                "delta": None if change.delta is None else str(change.delta),
                "direction": change.direction,
            }
            for change, (old, new) in zip(self._changes, self._data, strict=True)
        ]

    def to_json_patch(self) -> list[dict[str, Any]]:
        """An RFC 6902 JSON Patch that turns ``to_dict(old)`` into ``to_dict(new)``.

        Warnings are left out, and so are volatile fields unless the diff was
        made with ``volatile=True`` (applied, the patch leaves the old
        front matter's ``datetime`` as it was).  Items are matched by key as
        the changes are: an item that moved is a ``move``, not a rewrite.
        """
        return json_patch(self._old, self._new, volatile=self._volatile)


def diff(old: Document, new: Document, *, volatile: bool = False) -> Changes:
    """The changes from ``old`` to ``new``: one :class:`Change` per fact (see the module).

    Volatile fields (the front matter's ``datetime``) are left out unless
    ``volatile=True``; warnings are never compared.
    """
    before, after = snapshot(old), snapshot(new)
    found = _Found(volatile)
    found.compare(before.page, after.page, "", top="page")  # pages of two kinds: records of two classes, one change
    found.compare(before.front_matter, after.front_matter, FRONT_MATTER)
    return Changes(found.changes, found.data, before, after, volatile)


class _Found:
    """The changes found so far, and the walk that finds them."""

    def __init__(self, volatile: bool) -> None:
        self.volatile = volatile
        self.changes: list[Change] = []
        self.data: list[tuple[Any, Any]] = []

    def add(self, change: Change, old: Any, new: Any) -> None:
        self.changes.append(change)
        self.data.append((old, new))

    def whole(self, path: str, kind: Literal["added", "removed", "changed"], old: Node, new: Node) -> None:
        self.add(Change(path, kind, old.value, new.value), old.data, new.data)

    def compare(self, old: Node, new: Node, path: str, top: str = "") -> None:
        if isinstance(old, Leaf) and isinstance(new, Leaf):
            if (old.volatile or new.volatile) and not self.volatile:
                return
            if not same_data(old.data, new.data):
                self.leaf(old, new, path or top)
        elif isinstance(old, Record) and isinstance(new, Record) and alike(old, new):
            self.record(old, new, path)
        elif isinstance(old, Items) and isinstance(new, Items):
            self.items(old, new, path)
        elif _absent(old):
            self.whole(path or top, "added", old, new)
        elif _absent(new):
            self.whole(path or top, "removed", old, new)
        else:
            self.whole(path or top, "changed", old, new)

    def record(self, old: Record, new: Record, path: str) -> None:
        child = entry_path if old.entries else field_path
        for name, before in old.fields.items():
            after = new.fields.get(name)
            if after is None:
                self.whole(child(path, name), "removed", before, Leaf(None, None))
            else:
                self.compare(before, after, child(path, name))
        for name, after in new.fields.items():
            if name not in old.fields:
                self.whole(child(path, name), "added", Leaf(None, None), after)

    def items(self, old: Items, new: Items, path: str) -> None:
        for key, before in old.items.items():
            if key not in new.items:
                self.whole(item_path(path, key), "removed", before, Leaf(None, None))
        for key, after in new.items.items():
            before_item = old.items.get(key)
            if before_item is None:
                self.whole(item_path(path, key), "added", Leaf(None, None), after)
            else:
                self.compare(before_item, after, item_path(path, key))

    def leaf(self, old: Leaf, new: Leaf, path: str) -> None:
        kind: Literal["added", "removed", "changed"] = (
            "added" if old.value is None else "removed" if new.value is None else "changed"
        )
        self.add(
            Change(
                path,
                kind,
                old.value,
                new.value,
                delta=_delta(old.value, new.value),
                direction=_direction(old, new),
            ),
            old.data,
            new.data,
        )


def _absent(node: Node) -> bool:
    return isinstance(node, Leaf) and node.value is None


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, Decimal)) and not isinstance(value, bool)


def _delta(old: Any, new: Any) -> Decimal | None:
    """``new - old``, exactly; None when they are not two finite numbers of comparable units, or when the exact
    difference would take more than :data:`_DELTA_DIGITS` digits (front matter values with huge exponents)."""
    if not (_is_number(old) and _is_number(new)):
        return None
    before, after = Decimal(old), Decimal(new)
    if not (before.is_finite() and after.is_finite()):
        return None
    if isinstance(old, Number) and isinstance(new, Number) and old.is_percentage != new.is_percentage:
        return None  # 5% and 7: no difference of amounts means anything
    top = max(before.adjusted(), after.adjusted()) + 2
    bottom = min(int(before.as_tuple().exponent), int(after.as_tuple().exponent))
    if top - bottom > _DELTA_DIGITS:
        return None
    return _EXACT.subtract(after, before)


def _direction(old: Leaf, new: Leaf) -> Literal["better", "worse"] | None:
    before, after = old.value, new.value
    if old.grade and new.grade and before in GRADES and after in GRADES and before != after:
        return "better" if GRADES.index(after) < GRADES.index(before) else "worse"
    same_total = isinstance(before, Rank) and isinstance(after, Rank) and before.total == after.total
    if same_total and after.position != before.position:
        return "better" if after.position < before.position else "worse"
    return None


def _shown(value: Any) -> str | None:
    """A value as a line of ``str(changes)`` shows it; None for a whole item or list (its path names it)."""
    if value is None:
        return "(none)"
    if isinstance(value, Link):
        return _cut(_one_line(value_text(value, None)))
    if isinstance(value, Number):
        return _cut(_one_line(value.text))
    if isinstance(value, _dt.datetime):
        return format_datetime(in_utc(value))
    if isinstance(value, (list, tuple, dict)) or (attrs.has(type(value)) and not isinstance(value, Rank)):
        return None
    return _cut(_one_line(str(value)))


def _shown_pair(old: Any, new: Any) -> tuple[str | None, str | None]:
    """Two values as a changed line shows them: when their first characters are the same, from a little before
    where they differ, so that the line shows the change."""
    before, after = _shown(old), _shown(new)
    if before is None or after is None or before != after or not isinstance(old, str) or not isinstance(new, str):
        return before, after
    first, second = _one_line(old), _one_line(new)
    same = next(
        (index for index, (a, b) in enumerate(zip(first, second, strict=False)) if a != b), min(len(first), len(second))
    )
    start = max(0, same - _SHOWN // 4)
    return _cut("…" + first[start:]), _cut("…" + second[start:])


def _cut(text: str) -> str:
    return text if len(text) <= _SHOWN else text[: _SHOWN - 1] + "…"


#: What ``str.splitlines`` breaks a line at, that ``json.dumps(..., ensure_ascii=False)`` leaves as it is.
_LINE_BREAKS = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def _one_line(text: str) -> str:
    """``text`` on one line: with a line break or another character that is not printable, as a JSON string
    (every line break escaped, those JSON leaves as they are too)."""
    if text.isprintable():
        return text
    quoted = json.dumps(text, ensure_ascii=False)
    return quoted.translate(_LINE_BREAKS)
