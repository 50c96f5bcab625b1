"""Writing the front matter as the pages write it.

The typed keys in the pages' style, any other key as YAML that reads back.
"""

from __future__ import annotations

import datetime as _dt
import json
import re
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import yaml

from ._escape import (
    backslashed,
)
from ._frontmatter import LINK_ITEM, FrontMatter, LocaleLink, entry_read
from ._inline_parser import resolve
from ._layout import chart_json
from ._readback import same
from ._values import (
    Number,
    format_datetime,
)

#: The typed keys of the front matter, in the order the pages give them.
FRONT_MATTER_KEYS = ("title", "type", "locale", "url", "symbol", "name", "industry", "datetime", "locales")


def front_matter_items(
    fm: FrontMatter, owned: Sequence[tuple[str, Any]] = (), order: Sequence[str] = FRONT_MATTER_KEYS
) -> list[tuple[str, Any]]:
    """Every key of ``fm`` that has a value, and the keys a typed page keeps (``owned``), in the pages' order.

    Keys named in ``order`` come first, in that order (a page kind gives
    its own: a topic page writes ``description`` before ``datetime``); then
    the other keys of ``extra``, in their order.  A key ``owned`` by the
    page and also in ``extra`` is refused with a ``ValueError``: it has one
    home, the page.
    """
    typed = [(key, getattr(fm, key)) for key in FRONT_MATTER_KEYS]
    items = [(key, value) for key, value in typed if value not in (None, ())]
    clash = next((key for key, value in owned if value is not None and key in fm.extra), None)
    if clash is not None:
        raise ValueError(f"FrontMatter.extra[{clash!r}]: this page keeps {clash!r} as doc.page.{clash}, not in extra")
    items += [(key, value) for key, value in owned if value is not None] + list(fm.extra.items())
    rank = {key: number for number, key in enumerate(order)}
    return sorted(items, key=lambda item: rank.get(item[0], len(rank)))  # stable: the rest keep their order


def front_matter_entry(key: str, value: Any) -> list[str]:
    """The lines of one front matter key, as the pages write it.

    A key of the page's own (``title``, ``datetime``, ``locales``...) is
    written in the pages' style.  Any other key (``extra``) is written the
    same way when that reads back as its key and value; else as PyYAML's
    safe dumper writes it (a date, bytes, a set); a key or value neither reads
    back is refused with a ``ValueError``.
    """
    if key == "datetime" and isinstance(value, _dt.datetime):
        return [f'datetime: "{format_datetime(value)}"']
    if key == "locales" and isinstance(value, tuple):
        return ["locales:", *locale_items(value)]
    if key in FRONT_MATTER_KEYS:
        return [f"{key}: {yaml_scalar(value)}"]
    plain_key = _PLAIN_KEY.fullmatch(key) is not None and entry_read([f"{key}: x\n"]) == (key, "x")
    name = key if plain_key else yaml_scalar(key)  # "-" or "? a" would join the entry before, say
    lines = [f"{name}: {yaml_scalar(value)}"]
    if _reads_as(lines, key, value):
        return lines
    if isinstance(value, Number):  # a float YAML reads only with its tag (!!float sNaN)
        lines = [f"{name}: !!float {value.text}"]
        if _reads_as(lines, key, value):
            return lines
    try:
        dumped = yaml.safe_dump({key: value}, allow_unicode=True, sort_keys=False, width=1 << 30)
    except yaml.YAMLError:
        dumped = ""
    lines = dumped.splitlines()
    if dumped and _reads_as(lines, key, value):
        return lines
    raise ValueError(f"FrontMatter.extra[{key!r}]: {_short(value)} cannot be written as YAML that reads back")


#: A key written as it is: a letter or an underscore, then letters, digits, ``_``, ``-``, ``.`` or blanks.
_PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_.\- ]*")


def _reads_as(lines: list[str], key: str, value: Any) -> bool:
    read = entry_read([line + "\n" for line in lines])
    if read is None or read[0] != key or not same(read[1], value):
        return False
    return type(read[1]) is type(value) or (isinstance(read[1], Decimal) and isinstance(value, Decimal))


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def locale_items(links: tuple[LocaleLink, ...]) -> list[str]:
    """The items of ``locales``: ``- [zh-CN](url)`` as the pages write them, or, when one of them cannot be
    written that way (a url with a blank in it), each as a YAML mapping ``- {"locale": ..., "url": ...}``."""
    items = []
    for link in links:
        url = backslashed(link.url, _LOCALE_URL_MARKUP)
        item = f"  - [{link.locale}]({url})"
        if not _is_locale_item(item, link):
            break
        items.append(item)
    else:
        return items
    return [f'  - {{"locale": {yaml_scalar(link.locale)}, "url": {yaml_scalar(link.url)}}}' for link in links]


#: What a ``locales`` item's url may read as markup: a backslash escape, an entity, the url's end.
_LOCALE_URL_MARKUP = frozenset("\\()&")


def _is_locale_item(item: str, link: LocaleLink) -> bool:
    if "\r" in item or "\n" in item:
        return False  # a line break in it would cut the item
    match = LINK_ITEM.fullmatch(item)
    return match is not None and match.group(1) == link.locale and resolve(match.group(2)) == link.url


def front_matter_lines(
    fm: FrontMatter, owned: Sequence[tuple[str, Any]] = (), order: Sequence[str] = FRONT_MATTER_KEYS
) -> list[str]:
    """The front matter's lines, ``---`` to ``---`` (see :func:`front_matter_items`)."""
    lines = ["---"]
    for key, value in front_matter_items(fm, owned, order):
        lines.extend(front_matter_entry(key, value))
    lines.append("---")
    return lines


def yaml_scalar(value: Any) -> str:
    """A front matter value as YAML that reads back the same (JSON is YAML's flow style)."""
    if isinstance(value, Number):
        return value.text
    if isinstance(value, bool) or value is None:
        return {True: "true", False: "false", None: "null"}[value]
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Decimal):  # as a YAML float, which the front matter reads as a Decimal again
        text = format(value, "f") if value.is_finite() else str(value)
        return text if "." in text or not value.is_finite() else text + ".0"
    text = (
        chart_json(value).replace("\n", " ")
        if isinstance(value, (list, dict))
        else json.dumps(str(value), ensure_ascii=False)
    )
    return _YAML_UNSAFE.sub(_yaml_escape, text)


#: What PyYAML does not take as it is in a stream (C1 controls, surrogates, non-characters), or
#: takes as a line break inside a quoted string: written as ``\\uXXXX`` escapes, which YAML reads back.
_YAML_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")


def _yaml_escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"
