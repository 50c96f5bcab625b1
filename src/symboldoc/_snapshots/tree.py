"""A document as a tree of the facts it says: what ``fingerprint``, ``diff``, ``facts`` and patches walk.

The tree is made from the model and from its JSON (``to_dict``) side by
side, so every value has both: the model's value (what a ``Change``
reports) and its JSON form (what is compared, hashed and patched; a number
with the digits and unit it was written with).  Three kinds of node:

* :class:`Leaf`: one fact (a text, number, rank, grade, datetime, symbol,
  link, count; or a value of the front matter's other keys), or a value that
  is absent (None);
* :class:`Record`: an object of fields (an attrs class), or a mapping
  (``extra``) whose entries are named by key;
* :class:`Items`: a list, its items by key (``paths``), in the list's order.

Which fields are grades is read from the JSON forms (their schema is the
grade's); which are volatile (changing on every fetch) is :data:`VOLATILE`.
"""

from __future__ import annotations

import datetime as _dt
import functools
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any, Union

import attrs

import symboldoc._kinds as _kinds
from symboldoc._document import Document
from symboldoc._frontmatter import FrontMatter
from symboldoc._inline import Link
from symboldoc._json import to_dict
from symboldoc._json.forms import CLASS_FORMS, GRADE, json_fields, json_key
from symboldoc._symbols import Symbol
from symboldoc._values import Rank

from .paths import GENERIC_KEYS, KeyRule, keys_of

__all__ = ["VOLATILE", "Items", "Leaf", "Node", "Record", "Snapshot", "alike", "same_data", "snapshot"]

#: The fields that change on every fetch, by (class, attrs field name): left out of fingerprints and
#: diffs (unless asked for), and out of facts (the page's ``datetime`` is a column of its own).
VOLATILE: frozenset[tuple[type, str]] = frozenset({(FrontMatter, "datetime")})

#: Values that are one fact each, whatever fields they have.
_LEAF_TYPES = (str, int, float, Decimal, Rank, Symbol, Link, _dt.date, bytes, bytearray)


@attrs.frozen(slots=True)
class Leaf:
    """One fact: its model ``value`` and JSON form ``data``; whether it is a grade, and volatile."""

    value: Any
    data: Any
    grade: bool = False
    volatile: bool = False


@attrs.frozen(slots=True)
class Record:
    """An object's fields by JSON key, or (``entries``) a mapping's entries by key."""

    value: Any
    data: Any
    fields: dict[str, Node]
    entries: bool = False


@attrs.frozen(slots=True)
class Items:
    """A list: its items by key (escaped, ``#n`` for repeats), in the list's order."""

    value: Any
    data: list[Any]
    items: dict[str, Node]


Node = Union[Leaf, Record, Items]  # noqa: UP007 - a runtime alias, for Python 3.10


@attrs.frozen(slots=True)
class Snapshot:
    """A document as its facts: its JSON (``to_dict``), and the trees of its front matter and typed page."""

    data: dict[str, Any]
    kind: str | None
    front_matter: Node
    page: Node


def same_data(first: Any, second: Any) -> bool:
    """Whether two JSON values are the same JSON: as ``==``, but ``true`` is not ``1``, ``1`` not ``1.0``, and
    ``-0.0`` not ``0.0`` (as the fingerprint's text tells them apart)."""
    if type(first) is not type(second):
        return False
    if isinstance(first, dict):
        return first.keys() == second.keys() and all(same_data(first[key], second[key]) for key in first)
    if isinstance(first, list):
        return len(first) == len(second) and all(same_data(a, b) for a, b in zip(first, second, strict=True))
    if isinstance(first, float):  # only from code: -0.0 is written otherwise than 0.0
        return repr(first) == repr(second)
    return bool(first == second)


def alike(first: Record, second: Record) -> bool:
    """Whether two records are compared field by field: objects of one class, or two mappings of entries."""
    if first.entries or second.entries:
        return first.entries and second.entries
    return type(first.value) is type(second.value)


def snapshot(doc: Document) -> Snapshot:
    """The facts ``doc`` says (see the module)."""
    data = to_dict(doc)
    rules = _rules()
    return Snapshot(
        data=data,
        kind=data["kind"],
        front_matter=_node(doc.front_matter, data["front_matter"], None, "", rules),
        page=_node(doc.page, data["page"], None, "", rules),
    )


def _rules() -> dict[tuple[type, str], KeyRule]:
    """The key rules of every registered kind, and the generic ones (read at each call: a test may add a kind)."""
    rules: dict[tuple[type, str], KeyRule] = dict(GENERIC_KEYS)
    for kind in _kinds.KINDS:
        rules.update(kind.item_keys)
    return rules


@functools.cache  # per class: what its fields are does not change once the class is made
def _fields_of(cls: type) -> tuple[tuple[str, str, str, bool, bool], ...]:
    """The fields JSON holds, each as (JSON key, attribute to read, field name, is a grade, is volatile)."""
    return tuple(
        (
            json_key(field, form),
            json_key(field, form) if form.through_property else field.name,
            field.name,
            form.schema is GRADE,
            (cls, field.name) in VOLATILE,
        )
        for field, form in json_fields(cls)
    )


def _node(value: Any, data: Any, owner: type | None, name: str, rules: Mapping[Any, KeyRule]) -> Node:
    if value is None or isinstance(value, _LEAF_TYPES):
        return Leaf(value, data)
    cls = type(value)
    if cls in CLASS_FORMS:  # written as one of its fields (a Valuation is its rows)
        inner = CLASS_FORMS[cls]
        return _items(getattr(value, inner), data, rules.get((cls, inner)), rules)
    if attrs.has(cls):
        fields: dict[str, Node] = {}
        for key, attribute, name, grade, volatile in _fields_of(cls):
            child = getattr(value, attribute)
            child_data = data[key]
            if child is None or isinstance(child, _LEAF_TYPES):
                fields[key] = Leaf(child, child_data, grade, volatile)
            else:
                fields[key] = _node(child, child_data, cls, name, rules)
        return Record(value, data, fields)
    if isinstance(value, Mapping) and isinstance(data, Mapping):
        return Record(value, data, {key: Leaf(value[key], data[key]) for key in data}, entries=True)
    if isinstance(value, (list, tuple)) and isinstance(data, list):
        return _items(value, data, rules.get((owner, name)) if owner is not None else None, rules)
    return Leaf(value, data)


def _items(values: Sequence[Any], data: list[Any], rule: KeyRule | None, rules: Mapping[Any, KeyRule]) -> Items:
    keys = keys_of(values, data, rule)
    return Items(
        values,
        data,
        {key: _node(item, item_data, None, "", rules) for key, item, item_data in zip(keys, values, data, strict=True)},
    )
