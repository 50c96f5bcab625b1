"""Documents as plain JSON-ready data, and back; and the JSON Schema of that data.

``to_dict`` writes the front matter and the typed page (what a document
*says*; its text is what ``dumps`` gives): numbers as strings that keep their
digits and unit (``"23.90%"``, ``"94.83B"``), ranks as written
(``"20 / 32"``), datetimes in ISO 8601 (UTC, ``Z``), links as
``{"text", "url"}``, and the page's ``kind``.  ``from_dict`` reads that back
into a ``Document`` whose front matter and typed page equal the original's
(written with ``dumps``, it is rendered in the pages' layout).

The design, in three parts:

* ``convert``: one cattrs converter, with a hook for each value type that
  has one JSON form and cattrs' generated functions for every attrs class,
  in field order;
* ``forms``: the fields whose JSON is a deliberate choice (a key, a field
  left out, a rank's spacing, grades and counts in the schema), keyed by
  (class, field), read by both the converter and the schema walk;
* ``schema``: one walk from type annotations to JSON Schema.

None of them has code for a particular page class: a kind added to the
registry (``_kinds.KINDS``) gets its JSON, ``from_dict`` and schema from
its page class's fields.  What is written here is the document envelope
(``format``, ``symbol``, ``front_matter``, ``page``, ``warnings``, ``kind``).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from typing import Any

import symboldoc._kinds as _kinds
from symboldoc._document import Document
from symboldoc._frontmatter import FrontMatter
from symboldoc._kinds import PageKind
from symboldoc._schema_check import DataError, check

from .convert import structure, unstructure
from .schema import FORMAT_VERSION, document_schema, kind_schema

__all__ = ["FORMAT_VERSION", "from_dict", "json_schema", "to_dict"]


def _registry() -> tuple[PageKind, ...]:
    """The registered kinds, as they are now (read at each call: a test may stand in kinds of its own)."""
    return _kinds.KINDS


def _pairs(kinds: Sequence[PageKind]) -> tuple[tuple[str, type], ...]:
    return tuple((kind.name, kind.page_class) for kind in kinds)


# -- to JSON ---------------------------------------------------------------------------------


def to_dict(doc: Document) -> dict[str, Any]:
    """The document's front matter, typed page, warnings and kind as JSON-ready data (see the module).

    The keys are, in this order: ``format`` (1), ``symbol``,
    ``front_matter``, ``page``, ``warnings`` and ``kind`` (the page's kind,
    ``"quote"`` for a quote page; null when there is no page).
    """
    page: Any = doc.page
    kind = None
    if page is not None:
        kind = next((found for found in _registry() if type(page) is found.page_class), None)
        if kind is None:
            raise TypeError(f"a document's page is a typed page of a known kind, not {type(page).__name__}")
    fm = doc.front_matter
    symbol = doc.symbol
    return {
        "format": FORMAT_VERSION,
        "symbol": None if symbol is None else str(symbol),
        "front_matter": None if fm is None else unstructure(fm, FrontMatter),
        "page": None if page is None else unstructure(page),
        "warnings": [unstructure(problem) for problem in doc.warnings],
        "kind": None if kind is None else kind.name,  # last: every key of format 1's first release keeps its place
    }


# -- from JSON -------------------------------------------------------------------------------


def from_dict(data: Mapping[str, Any]) -> Document:
    """A document from :func:`to_dict`'s data: its front matter and typed page (no text of its own).

    The page's class is the one of ``kind``; data without a ``kind`` (as the
    first release wrote it) holds a quote page, or none when its ``page`` is
    null.  The data is checked against :func:`json_schema` first, then
    built by the converter, as the model checks its values.  Anything wrong
    raises :class:`DataError` (a ``ValueError``) naming the JSON path and
    what was expected there (``$.page.peers[0].rating: expected one of 'A',
    ..., got 'Z'``; ``$.page.peers[1]: expected a value the model takes,
    got Peer.name: ...``); an unknown ``kind`` is refused at ``$.kind``, a
    ``format`` other than this release's (1) at ``$.format``, and data that
    is not a mapping raises ``TypeError``.
    """
    if not isinstance(data, Mapping):
        raise TypeError(f"from_dict() takes a mapping (to_dict's data), not {type(data).__name__}")
    if data.get("format") != FORMAT_VERSION:
        found = repr(data["format"]) if "format" in data else "no 'format' key"
        raise DataError("$.format", f"the format version {FORMAT_VERSION}, which this release reads", found)
    kinds = _pairs(_registry())
    schema = _schema(kinds)
    if "kind" in data:
        check(data["kind"], schema["properties"]["kind"], schema, "$.kind")
        name = data["kind"]
    else:  # written by the first release, which had quote pages only
        name = "quote" if data.get("page") is not None else None
        data = {**data, "kind": name}
    check(data, _kind_schema(kinds, name))
    page_class = dict(kinds)[name] if name is not None else None
    fm, page = data["front_matter"], data["page"]
    return Document(
        front_matter=None if fm is None else structure(fm, FrontMatter, "$.front_matter"),
        page=None if page is None or page_class is None else structure(page, page_class, "$.page"),
    )


# -- the schema ----------------------------------------------------------------------------------


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of :func:`to_dict`'s data, every registered kind's page in it (a new dict)."""
    return document_schema(_pairs(_registry()))


@functools.cache  # one per set of kinds; from_dict checks against them
def _schema(kinds: tuple[tuple[str, type], ...]) -> dict[str, Any]:
    return document_schema(kinds)


@functools.cache
def _kind_schema(kinds: tuple[tuple[str, type], ...], name: str | None) -> dict[str, Any]:
    return kind_schema(_schema(kinds), name)
