"""The front matter: the ``---`` lines at the top of a page and the YAML between them.

Longbridge's front matter is YAML but for one key: ``locales`` is a list of
markdown links, which YAML cannot read (``[en]`` opens a flow sequence), so
``frontmatter.loads`` fails on every current page.  symboldoc therefore
reads the front matter one *entry* at a time (a key line and the indented
or ``-`` lines under it).  Each entry is loaded with python-frontmatter's
YAML handler, always with a safe loader; an entry YAML cannot read is
tried as a list of markdown links, and otherwise reported and kept as text.

The boundary lines are python-frontmatter's too: a line of three or more
dashes, nothing after them but whitespace.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

import attrs
import yaml
from frontmatter.default_handlers import YAMLHandler

from ._fields import datetime_field
from ._inline import Link, Text
from ._inline_parser import resolve
from ._pickling import compact
from ._problems import Reporter
from ._text import line_content
from ._values import Number, in_utc, read_datetime

__all__ = ["FrontMatter", "FrontMatterEntry", "LocaleLink", "entry_read", "is_boundary", "read_front_matter"]

_HANDLER = YAMLHandler()
#: One ``- [locale](url)`` item of ``locales``.
LINK_ITEM = re.compile(r"[ \t]*-[ \t]+\[([^\]\n]*)\]\(([^()\s]*)\)[ \t]*")
_SPECIAL_FLOATS = {".inf": "Infinity", "+.inf": "Infinity", "-.inf": "-Infinity", ".nan": "NaN"}
_STRING_KEYS = ("title", "type", "locale", "url", "symbol", "name", "industry")


def is_boundary(content: str) -> bool:
    """Whether a line (without its ending) is a front matter boundary, as python-frontmatter sees it."""
    return content.startswith("---") and _HANDLER.FM_BOUNDARY.fullmatch(content) is not None


@compact
@attrs.frozen
class LocaleLink:
    """One entry of ``locales``: the ``locale`` (``"zh-CN"``) and the ``url`` of that page."""

    locale: str
    url: str


@compact
@attrs.frozen
class FrontMatterEntry:
    """One key of the front matter with the exact lines that hold it.

    ``key`` is None for lines before the first key (comments, blank lines).
    ``line`` is the 1-based line number of the entry's first line.
    """

    key: str | None
    value: Any
    source: str = attrs.field(repr=False)
    line: int


def _as_tuple(links: Iterable[LocaleLink]) -> tuple[LocaleLink, ...]:
    return tuple(links)


@compact
@attrs.define
class FrontMatter:
    """The front matter, typed.

    The keys every symbol page has are attributes (None when the page lacks
    one); ``datetime`` is timezone-aware UTC (assigning a naive one is refused); ``locales`` the other language
    versions of the page.  Every other key is in ``extra``, in the order the
    page gives them, with its value as the YAML safe loader reads it (but
    decimals as :class:`~decimal.Decimal`).  ``entries`` keeps each key's
    exact lines.
    """

    title: str | None = None
    type: str | None = None
    locale: str | None = None
    url: str | None = None
    symbol: str | None = None
    name: str | None = None
    industry: str | None = None
    datetime: _dt.datetime | None = datetime_field()
    locales: tuple[LocaleLink, ...] = attrs.field(default=(), converter=_as_tuple)
    extra: Mapping[str, Any] = attrs.field(factory=dict)
    entries: tuple[FrontMatterEntry, ...] = attrs.field(default=(), repr=False, eq=False)


#: The safe loader (libyaml's when PyYAML has it), reading floats as Decimals.
_Loader: Any = type("_Loader", (getattr(yaml, "CSafeLoader", yaml.SafeLoader),), {})


class _AliasFreeLoader(yaml.SafeLoader):
    """The pure-Python safe loader, refusing anchors and aliases (no alias bombs)."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.events.AliasEvent):
            event: Any = self.peek_event()  # type: ignore[no-untyped-call]
            raise yaml.composer.ComposerError(
                None, None, "anchors and aliases are not read in front matter", event.start_mark
            )
        return super().compose_node(parent, index)


def _construct_decimal(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Decimal | str:
    """A YAML float as a Decimal that keeps its text (YAML 1.1's base-60 floats, ``1:30.5``, included)."""
    text = str(node.value)
    special = _SPECIAL_FLOATS.get(text.lower())
    digits = special or text.replace("_", "")
    try:
        if ":" in digits:
            sign = -1 if digits.startswith("-") else 1
            amount = Decimal(0)
            for part in digits.lstrip("+-").split(":"):
                amount = amount * 60 + Decimal(part)
            return Number(sign * amount, text)
        return Number(digits, text)
    except (ArithmeticError, ValueError):
        return text  # no number after all: the text as written


for _loader in (_Loader, _AliasFreeLoader):
    _loader.add_constructor("tag:yaml.org,2002:float", _construct_decimal)


def read_front_matter(lines: list[str], reporter: Reporter) -> tuple[int, FrontMatter] | None:
    """Read the front matter at the top of ``lines``.

    Returns the number of lines it takes (both boundaries included) and the
    typed front matter, or None when ``lines`` does not open with one.
    """
    if not lines or not is_boundary(line_content(lines[0])):
        return None
    for index in range(1, len(lines)):
        if is_boundary(line_content(lines[index])):
            break
    else:
        reporter.report(1, 1, "front matter", "a closing '---' line", "the page ends before the front matter does")
        return None
    entries = [_read_entry(group, first, reporter) for first, group in _group_entries(lines, 1, index)]
    return index + 1, _typed(entries, reporter)


def _group_entries(lines: list[str], begin: int, end: int) -> list[tuple[int, list[str]]]:
    """Lines ``begin:end`` cut into entries: each starts at an unindented key line."""
    groups: list[tuple[int, list[str]]] = []
    for index in range(begin, end):
        line = lines[index]
        starts_entry = line[:1] not in ("", " ", "\t", "-", "#", "\r", "\n")
        if starts_entry or not groups:
            groups.append((index + 1, [line]))
        else:
            groups[-1][1].append(line)
    return groups


def _read_entry(group: list[str], line: int, reporter: Reporter) -> FrontMatterEntry:
    source = "".join(group)
    key = _entry_key(line_content(group[0]))
    quoted = _plain_quoted(group, key)
    if quoted is not None and key is not None:
        return FrontMatterEntry(key, quoted, source, line)
    # A list of markdown links, as `locales` is: YAML can only fail on it (``[en](...)``
    # is a flow sequence followed by more), so it is read as links straight away.
    links = _read_link_list(group) if key is not None and len(group) > 1 else None
    if links:
        return FrontMatterEntry(key, links, source, line)
    loader = _AliasFreeLoader if ("&" in source or "*" in source) else _Loader
    try:
        loaded = _HANDLER.load(source, Loader=loader)
    except Exception as exc:  # PyYAML's constructors let out more than YAMLError on a badly tagged value
        # (``!!timestamp x`` raises AttributeError, ``!!bool x`` KeyError): any failure is this entry's.
        links = _read_link_list(group) if key is not None else None
        if links is not None:
            return FrontMatterEntry(key, links, source, line)
        # The context mark is where the construct YAML was reading began (the
        # opening quote of an unclosed string); the problem mark, where it gave up.
        mark = getattr(exc, "context_mark", None) or getattr(exc, "problem_mark", None)
        where_line = line + min(mark.line, len(group) - 1) if mark is not None else line
        where_column = mark.column + 1 if mark is not None and mark.line < len(group) else 1
        context, found = getattr(exc, "context", None), getattr(exc, "problem", None)
        if isinstance(exc, yaml.YAMLError):
            detail = f"{context}: {found}" if context and found else found or type(exc).__name__
        elif isinstance(exc, (ValueError, ArithmeticError, RecursionError)):
            detail = str(exc)[:200] or type(exc).__name__
        else:
            detail = "a value its YAML tag does not fit"
        reporter.report(
            where_line,
            where_column,
            "front matter",
            f"valid YAML for key {key!r}" if key else "valid YAML",
            detail,
        )
        return FrontMatterEntry(key, source, source, line)
    if loaded is None and key is None:
        return FrontMatterEntry(None, None, source, line)
    if not isinstance(loaded, dict) or len(loaded) != 1:
        reporter.report(line, 1, "front matter", "a line 'key: value'", f"found {group[0].strip()!r}")
        return FrontMatterEntry(key, source, source, line)
    ((loaded_key, value),) = loaded.items()
    if _deeper_than(value, MAX_DEPTH):
        expected = f"a value nested at most {MAX_DEPTH} deep for key {key!r}"
        reporter.report(line, 1, "front matter", expected, "kept as text")
        return FrontMatterEntry(key, source, source, line)
    return FrontMatterEntry(str(loaded_key), value, source, line)


def entry_read(lines: list[str]) -> tuple[str | None, Any] | None:
    """The key and value one entry's lines (each ending in ``\\n``) are read as; None when reading it reports a problem.

    The writers check with it that an entry they write reads back.
    """
    reporter = Reporter()
    entry = _read_entry(lines, 1, reporter)
    return None if reporter.problems else (entry.key, entry.value)


#: How deep a front matter value may nest (lists and mappings in one another).  YAML reads
#: deeper ones, but copying, comparing or writing them as JSON would recurse as deep; real
#: pages nest one level (``locales``).  A deeper value is reported and kept as its text.
MAX_DEPTH = 64


def _deeper_than(value: Any, limit: int) -> bool:
    """Whether ``value`` holds lists, sets or mappings nested more than ``limit`` deep (walked without recursion)."""
    if not isinstance(value, (list, tuple, set, frozenset, dict)):
        return False
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if depth > limit:
            return True
        children = list(item.keys()) + list(item.values()) if isinstance(item, dict) else item
        stack.extend((child, depth + 1) for child in children if isinstance(child, (list, tuple, set, frozenset, dict)))
    return False


def _plain_quoted(group: list[str], key: str | None) -> str | None:
    """The value of a one-line ``key: "text"`` entry without escapes, read without YAML (the pages' common case).

    A double-quoted YAML scalar with no backslash and no other quote is its
    text as it stands, so this reads exactly what YAML would.
    """
    if not key or len(group) != 1 or key[0] in "'\"":  # an empty key ('': 1) is YAML's to read
        return None
    value = line_content(group[0]).partition(":")[2].strip(" \t")
    if len(value) < 2 or value[0] != '"' or value[-1] != '"':
        return None
    inner = value[1:-1]
    return inner if '"' not in inner and "\\" not in inner and inner.isprintable() else None


def _entry_key(content: str) -> str | None:
    """The key an entry's first line names (``title`` in ``title: "..."``), or None."""
    if content[:1] in ("'", '"'):
        close = content.find(content[0], 1)
        key, rest = (content[1:close], content[close + 1 :].lstrip(" \t")) if close > 0 else ("", "")
        return key if rest[:1] == ":" and rest[1:2] in ("", " ", "\t") else None
    key, colon, rest = content.partition(":")
    key = key.rstrip(" \t")
    if not colon or not key or key[0] in "#'\" \t" or rest[:1] not in ("", " ", "\t"):
        return None
    return key


def _read_link_list(group: list[str]) -> tuple[Link, ...] | None:
    """``key:`` followed by ``- [text](url)`` lines, as links; None when it is not that."""
    head = line_content(group[0])
    if head.rstrip(" \t")[-1:] != ":":
        return None
    links: list[Link] = []
    for line in group[1:]:
        content = line_content(line)
        if not content.strip(" \t"):
            continue
        match = LINK_ITEM.fullmatch(content)
        if match is None:
            return None
        links.append(Link(resolve(match.group(2)), (Text(match.group(1)),)))  # the url as a link's is: see _inline
    return tuple(links)


def _typed(entries: list[FrontMatterEntry], reporter: Reporter) -> FrontMatter:
    fields: dict[str, Any] = {}
    extra: dict[str, Any] = {}
    seen: set[str] = set()
    for entry in entries:
        key = entry.key
        if key is None:
            continue
        if key in seen:
            reporter.report(entry.line, 1, "front matter", "each key once", f"{key!r} again")
        seen.add(key)
        value = entry.value
        if key in _STRING_KEYS:
            if not isinstance(value, str):
                found = f"found {value!r}"[:200]
                reporter.report(entry.line, _value_column(entry), "front matter", f"a string for {key!r}", found)
                value = None if value is None else str(value)
            fields[key] = value
        elif key == "datetime":
            fields[key] = _typed_datetime(entry, reporter)
        elif key == "locales":
            fields[key] = _typed_locales(entry, reporter)
        else:
            extra[key] = value
    return FrontMatter(**fields, extra=extra, entries=tuple(entries))


def _value_column(entry: FrontMatterEntry) -> int:
    """The column where an entry's value starts on its first line (after ``key:`` and the blanks)."""
    first = line_content(entry.source.split("\n", 1)[0])
    colon = first.find(":")
    if colon < 0:
        return 1
    rest = first[colon + 1 :]
    return colon + 2 + len(rest) - len(rest.lstrip(" \t"))


def _typed_datetime(entry: FrontMatterEntry, reporter: Reporter) -> _dt.datetime | None:
    value = entry.value
    try:
        if isinstance(value, _dt.datetime):
            return in_utc(value)
        if isinstance(value, str):
            return read_datetime(value)
        detail = f"found {value!r}"
    except ValueError as exc:
        detail = str(exc)
    expected = "an ISO 8601 datetime for 'datetime'"
    reporter.report(entry.line, _value_column(entry), "front matter", expected, detail[:200])
    return None


def _typed_locales(entry: FrontMatterEntry, reporter: Reporter) -> tuple[LocaleLink, ...]:
    value = entry.value
    items: list[LocaleLink] = []
    if isinstance(value, (list, tuple)):
        for item in value:
            if isinstance(item, Link):
                items.append(LocaleLink(item.text, item.url))
            elif isinstance(item, str) and (match := LINK_ITEM.fullmatch("- " + item)):
                items.append(LocaleLink(match.group(1), resolve(match.group(2))))
            elif isinstance(item, dict) and isinstance(item.get("locale"), str) and isinstance(item.get("url"), str):
                items.append(LocaleLink(item["locale"], item["url"]))
            else:
                break
        else:
            return tuple(items)
    reporter.report(
        entry.line, 1, "front matter", "a list of '- [locale](url)' links for 'locales'", f"found {value!r}"[:200]
    )
    return ()
