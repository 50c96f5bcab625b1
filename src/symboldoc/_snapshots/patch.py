"""An RFC 6902 JSON Patch from one snapshot's ``to_dict`` to another's, items matched by key.

The walk is the diff's: fields by name, list items by key.  In a list, the
items that went are removed (from the end, so each index holds), then the
list is put in the new order, front to back: an item kept is ``move``d to
its place when it is not there yet, a new one is ``add``ed there; then the
items kept are patched at their new index.  Finding where a kept item stands
now is a count over a Fenwick tree of the items not yet placed, so a list of
n items costs O(n log n), whatever its order.
"""

from __future__ import annotations

from typing import Any

from .tree import Items, Leaf, Node, Record, Snapshot, alike, same_data

__all__ = ["json_patch"]

#: The keys of ``to_dict``'s data that a patch leaves alone (warnings are not what a page says).
_IGNORED = frozenset({"warnings"})


def json_patch(old: Snapshot, new: Snapshot, *, volatile: bool) -> list[dict[str, Any]]:
    """The operations that turn ``old.data`` into ``new.data`` (see the module); volatile fields too when asked."""
    ops: list[dict[str, Any]] = []
    _Walk(ops, volatile).record(_envelope(old), _envelope(new), "")
    return ops


def _envelope(facts: Snapshot) -> Record:
    """``to_dict``'s data as one record: its front matter and typed page as their trees, the rest as it is.

    Pages of two kinds are records of two classes, so the walk replaces the
    page whole, as ``diff`` reports it.
    """
    data = {key: value for key, value in facts.data.items() if key not in _IGNORED}
    return Record(None, data, {"front_matter": facts.front_matter, "page": facts.page})


def _escape(key: str) -> str:
    """A JSON Pointer reference token (RFC 6901): ``~`` as ``~0``, ``/`` as ``~1``."""
    return key.replace("~", "~0").replace("/", "~1")


class _Walk:
    def __init__(self, ops: list[dict[str, Any]], volatile: bool) -> None:
        self.ops = ops
        self.volatile = volatile

    def node(self, old: Node, new: Node, pointer: str) -> None:
        if isinstance(old, Leaf) and isinstance(new, Leaf):
            if (old.volatile or new.volatile) and not self.volatile:
                return
            if not same_data(old.data, new.data):
                self.ops.append({"op": "replace", "path": pointer, "value": new.data})
        elif isinstance(old, Record) and isinstance(new, Record) and alike(old, new):
            self.record(old, new, pointer)
        elif isinstance(old, Items) and isinstance(new, Items):
            self.items(old, new, pointer)
        elif not same_data(old.data, new.data):
            self.ops.append({"op": "replace", "path": pointer, "value": new.data})

    def record(self, old: Record, new: Record, pointer: str) -> None:
        old_keys = list(old.data)  # the JSON's keys (a Record's fields are some of them, by the same names)
        for key in old_keys:
            if key not in new.data:
                self.ops.append({"op": "remove", "path": f"{pointer}/{_escape(key)}"})
        for key, value in new.data.items():
            where = f"{pointer}/{_escape(key)}"
            if key not in old.data:
                self.ops.append({"op": "add", "path": where, "value": value})
            elif key in old.fields and key in new.fields:
                self.node(old.fields[key], new.fields[key], where)
            elif not same_data(old.data[key], value):
                self.ops.append({"op": "replace", "path": where, "value": value})

    def items(self, old: Items, new: Items, pointer: str) -> None:
        old_keys = list(old.items)
        for index in range(len(old_keys) - 1, -1, -1):
            if old_keys[index] not in new.items:
                self.ops.append({"op": "remove", "path": f"{pointer}/{index}"})
        kept = {key: rank for rank, key in enumerate(key for key in old_keys if key in new.items)}
        unplaced = _Fenwick(len(kept))
        for target, key in enumerate(new.items):
            rank = kept.get(key)
            if rank is None:
                self.ops.append({"op": "add", "path": f"{pointer}/{target}", "value": new.items[key].data})
                continue
            # Placed items stand before ``target``; the kept ones not yet placed follow, in their old order.
            now = target + unplaced.count_before(rank)
            if now != target:
                self.ops.append({"op": "move", "from": f"{pointer}/{now}", "path": f"{pointer}/{target}"})
            unplaced.take(rank)
        for target, key in enumerate(new.items):
            if key in kept:
                self.node(old.items[key], new.items[key], f"{pointer}/{target}")


class _Fenwick:
    """Which of n items are still unplaced, with counts of those before an index in O(log n)."""

    __slots__ = ("_sums",)

    def __init__(self, size: int) -> None:
        sums = [0] * (size + 1)
        for index in range(1, size + 1):  # every item unplaced: the tree of n ones, built in O(n)
            sums[index] += 1
            parent = index + (index & -index)
            if parent <= size:
                sums[parent] += sums[index]
        self._sums = sums

    def count_before(self, index: int) -> int:
        total = 0
        while index > 0:
            total += self._sums[index]
            index -= index & -index
        return total

    def take(self, index: int) -> None:
        index += 1
        while index < len(self._sums):
            self._sums[index] -= 1
            index += index & -index
