"""How a fact of a document is named: the paths of ``diff`` and ``facts``, and the keys of list items.

A path names one value of a document's model::

    score.grade
    valuation[PE (TTM)].current
    score.groups[Multi Score].indicators[ROE].value
    peers[SHOP.US]
    front_matter.locales[zh-CN].url
    front_matter.extra[author]

* A field is its JSON key (as ``to_dict`` writes it).  The typed page's
  fields stand at the top (``score``, ``peers``); the front matter's are
  under ``front_matter``.  A class that JSON writes as one of its fields is
  that field (``valuation`` is the list of its rows).
* An item of a list is the list's path and the item's key in brackets.  The
  key is what tells the item apart over time: a peer's symbol, a valuation
  row's metric, a group's or an indicator's name, an analyst rating's name, a
  news item's id, a comment's author and datetime, a locale's name; the
  kind's unit declares them (``PageKind.item_keys``).  An item of a list of
  plain values (``key_drivers``, ``related``) is its own key (a link: its
  url); an item of a list no unit names is keyed by its first value.
* A key of several parts (a comment's) joins them with ``|``.
* In a key, ``\\``, ``[``, ``]``, ``#`` and ``|`` are written with a
  backslash before them (``peers[Tom \\[A\\]]``).
* When several items of one list have the same key, the first is named by
  it, and the n-th after it by the key and ``#n`` (``valuation[PE#2]``).
* An entry of a mapping (the front matter's other keys, ``extra``) is named
  by its key in brackets too.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from symboldoc._escape import link_markdown
from symboldoc._frontmatter import FrontMatter, LocaleLink
from symboldoc._inline import Link

__all__ = [
    "ESCAPED",
    "FRONT_MATTER",
    "GENERIC_KEYS",
    "KeyRule",
    "entry_path",
    "escape_key",
    "field_path",
    "item_path",
    "keys_of",
    "value_text",
]

#: A function of one list item giving its key, as one or more texts.
KeyRule = Callable[[Any], tuple[str, ...]]

#: The characters written with a backslash before them inside a key.
ESCAPED = frozenset("\\[]#|")

#: The name the front matter's fields stand under.
FRONT_MATTER = "front_matter"

#: The keys of the lists every document may have, whatever its kind.
GENERIC_KEYS: Mapping[tuple[type, str], KeyRule] = {
    (FrontMatter, "locales"): lambda link: (link.locale,) if isinstance(link, LocaleLink) else (str(link),),
}


def escape_key(text: str) -> str:
    """``text`` as it is written inside ``[...]`` (see the module)."""
    if ESCAPED.isdisjoint(text):
        return text
    return "".join("\\" + char if char in ESCAPED else char for char in text)


def field_path(parent: str, name: str) -> str:
    """The path of field ``name`` of the value at ``parent`` (``""`` for the typed page itself)."""
    return name if not parent else f"{parent}.{name}"


def item_path(parent: str, key: str) -> str:
    """The path of the item whose (escaped) key is ``key`` in the list at ``parent``."""
    return f"{parent}[{key}]"


def entry_path(parent: str, key: str) -> str:
    """The path of the entry ``key`` (as written, not escaped) of the mapping at ``parent``."""
    return f"{parent}[{escape_key(key)}]"


def keys_of(items: Sequence[Any], jsons: Sequence[Any], rule: KeyRule | None) -> list[str]:
    """The keys of a list's items, escaped and with ``#n`` for the n-th repeat of a key, in the list's order."""
    seen: dict[str, int] = {}
    keys = []
    for item, data in zip(items, jsons, strict=True):
        parts = rule(item) if rule is not None else (_first_value(item, data),)
        text = "|".join(escape_key(part) for part in parts)
        count = seen.get(text, 0) + 1
        seen[text] = count
        keys.append(text if count == 1 else f"{text}#{count}")
    return keys


def _first_value(item: Any, data: Any) -> str:
    """The key of an item no rule names: a link's url, a plain value's text, a record's first value's text."""
    if isinstance(item, Link):
        return item.url
    if isinstance(data, Mapping):
        first = next(iter(data.values()), None)
        return value_text(None, first)
    return value_text(item, data)


def value_text(value: Any, data: Any) -> str:
    """A value as text, as the page writes it: a number with its digits and unit, a rank as written, a
    datetime in ISO 8601 UTC, a link as markdown; a value of the front matter's other keys as its JSON."""
    if isinstance(data, str):
        return data
    if isinstance(value, Link):
        return _link_text(value)
    if data is None:
        return ""
    return _json_text(data)


def _link_text(link: Link) -> str:
    try:
        return link_markdown(link)
    except ValueError:  # only from code: a link no markdown reads back as; its parts, plainly
        return f"[{link.text}]({link.url})"


def _json_text(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
