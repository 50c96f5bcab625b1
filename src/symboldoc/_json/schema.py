"""The JSON Schema of ``to_dict``'s data, derived from the attrs classes by one walk.

:func:`fragment` turns a type annotation into a schema fragment:

* an attrs class: ``{"$ref": "#/$defs/<ClassName>"}``, the definition being
  an object of the fields JSON holds (``forms.json_fields``), in field order,
  every one required, no other key (``additionalProperties: false``);
* ``X | None``: ``{"anyOf": [<X>, {"type": "null"}]}``;
* ``list[X]`` and ``tuple[X, ...]``: an array of ``X``; a mapping: an object;
* ``str``, ``int``, ``bool``: their JSON types;
* the types the converter has a hook for: a ``$ref`` to one of the
  definitions in :data:`VALUE_DEFS` (``number``, ``rank``, ``datetime``,
  ``symbol``, ``link``; ``grade`` is used by fields, see ``forms``).

A field whose form is a choice (``forms.FIELD_FORMS``) takes that form's
schema in place of its type's.  :func:`document_schema` puts around it the
document envelope: ``format``, ``symbol``, ``front_matter``, ``page`` (any
kind's page, or null), ``warnings`` and ``kind``, with ``if``/``then`` rules
pairing each ``kind`` with its page's definition.
"""

from __future__ import annotations

import datetime as _dt
import types
from collections.abc import Mapping, Sequence
from typing import Any, Union, get_args, get_origin

import attrs

from symboldoc._frontmatter import FrontMatter
from symboldoc._inline import Link
from symboldoc._problems import Problem
from symboldoc._symbols import Symbol
from symboldoc._values import GRADES, Number, Rank

from .forms import CLASS_FORMS, json_fields, json_key

__all__ = ["VALUE_DEFS", "Defs", "document_schema", "fragment", "kind_schema", "nullable"]

FORMAT_VERSION = 1
_NULL = {"type": "null"}
_TEXT = {"type": "string"}

#: The definitions of the values the converter writes with a hook of its own (and of a grade).
VALUE_DEFS: Mapping[str, Mapping[str, Any]] = {
    "number": {
        "type": "string",
        "pattern": r"^[+-]?(\d+(\.\d*)?|\.\d+)(%|[KMBT])?$",
        "description": "A number as the page writes it: '23.90%', '-39.44', '94.83B'",
    },
    "grade": {"enum": list(GRADES)},
    "rank": {"type": "string", "pattern": r"^\d+[ \t]*/[ \t]*\d+$", "description": "'20 / 32' or '23/32'"},
    "datetime": {"type": "string", "format": "date-time"},
    "symbol": {"type": "string", "pattern": r"^[A-Za-z0-9][A-Za-z0-9.\-]*\.[A-Za-z]{2}$"},
    "link": {
        "type": "object",
        "properties": {"text": _TEXT, "url": _TEXT, "markdown": _TEXT, "title": _TEXT},
        "required": ["text", "url"],
        "description": "A link: its plain text and url; 'markdown', its text as markdown when it has markup; "
        "'title', when it has one",
        "additionalProperties": False,
    },
}

#: The types with a hook in the converter, and their definitions.
_VALUE_TYPES: Mapping[type, str] = {
    Number: "number",
    Rank: "rank",
    _dt.datetime: "datetime",
    Symbol: "symbol",
    Link: "link",
}
_SCALARS: Mapping[type, Mapping[str, Any]] = {str: _TEXT, bool: {"type": "boolean"}, int: {"type": "integer"}}


def _copy(schema: Mapping[str, Any]) -> dict[str, Any]:
    """A deep copy of a schema fragment, so that every schema made is the caller's own to change."""
    return {key: _copy(value) if isinstance(value, Mapping) else _copy_list(value) for key, value in schema.items()}


def _copy_list(value: Any) -> Any:
    if isinstance(value, list):
        return [_copy(item) if isinstance(item, Mapping) else _copy_list(item) for item in value]
    return value


def nullable(schema: Mapping[str, Any]) -> dict[str, Any]:
    """``schema`` or null."""
    return {"anyOf": [_copy(schema), dict(_NULL)]}


@attrs.define
class Defs:
    """The definitions a walk makes: one schema per attrs class, by name (``$defs``)."""

    schemas: dict[str, dict[str, Any]] = attrs.field(factory=dict)
    classes: dict[str, type] = attrs.field(factory=dict)

    def name_of(self, cls: type) -> str:
        """The class's name, or its module and name when a different class of that name came first."""
        name = cls.__name__
        if self.classes.get(name, cls) is not cls:
            name = f"{cls.__module__}.{cls.__qualname__}"
        self.classes.setdefault(name, cls)
        return name


def fragment(tp: Any, defs: Defs, form: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The schema of values of type ``tp`` (a resolved annotation); attrs classes met are defined in ``defs``.

    ``form``, when given, is the schema of the value in place of its type's
    (for ``X | None``, of the ``X``: null is still taken).
    """
    origin = get_origin(tp)
    if origin in (Union, types.UnionType):
        args = get_args(tp)
        options = [arg for arg in args if arg is not type(None)]
        if len(options) == 1:
            inner = fragment(options[0], defs, form)
        else:
            inner = {"anyOf": [fragment(option, defs, form) for option in options]}
        return nullable(inner) if len(options) < len(args) else inner
    if form is not None:
        return _copy(form)
    if tp is Any:
        return {}
    if tp is type(None):
        return dict(_NULL)
    if origin in (list, tuple, Sequence) or tp in (list, tuple):
        args = get_args(tp)
        if origin is tuple and not (len(args) == 2 and args[1] is Ellipsis):
            raise TypeError(f"no JSON form for {tp!r}: only tuple[X, ...] is written, as a list")
        return {"type": "array", "items": fragment(args[0], defs) if args else {}}
    if origin in (dict, Mapping) or tp in (dict, Mapping):
        args = get_args(tp)
        if not args or args[1] is Any:
            return {"type": "object"}
        return {"type": "object", "additionalProperties": fragment(args[1], defs)}
    if isinstance(tp, type):
        if tp in _VALUE_TYPES:
            return {"$ref": f"#/$defs/{_VALUE_TYPES[tp]}"}
        if tp in _SCALARS:
            return dict(_SCALARS[tp])
        if attrs.has(tp):
            return _class(tp, defs)
    raise TypeError(f"no JSON form for {tp!r}")


def _class(cls: type, defs: Defs) -> dict[str, Any]:
    """A reference to the definition of ``cls`` (made on first use), or the form of its one written field."""
    if cls in CLASS_FORMS:
        attrs.resolve_types(cls)
        return fragment(attrs.fields_dict(cls)[CLASS_FORMS[cls]].type, defs)
    name = defs.name_of(cls)
    if name not in defs.schemas:
        defs.schemas[name] = {}  # claimed before the walk goes in: a class that holds itself refers to itself
        properties = {
            json_key(field, form): fragment(field.type, defs, form.schema) for field, form in json_fields(cls)
        }
        defs.schemas[name] = {
            "type": "object",
            "properties": properties,
            "required": list(properties),
            "additionalProperties": False,
        }
    return {"$ref": f"#/$defs/{name}"}


def document_schema(kinds: Sequence[tuple[str, type]]) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of ``to_dict``'s data for pages of ``kinds`` (each a name and page class)."""
    defs = Defs()
    front_matter = fragment(FrontMatter, defs)
    problem = fragment(Problem, defs)
    pages = {name: fragment(page_class, defs) for name, page_class in kinds}
    properties = {
        "format": {"const": FORMAT_VERSION},
        "symbol": nullable({"$ref": "#/$defs/symbol"}),
        "front_matter": nullable(front_matter),
        "page": {"anyOf": [*(_copy(page) for page in pages.values()), dict(_NULL)]},
        "warnings": {"type": "array", "items": problem},
        "kind": nullable({"enum": list(pages)}),
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "A Longbridge symbol document, as symboldoc.to_dict writes it",
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
        # Each kind with its page: the kind named, the page is that kind's; no kind, no page.
        "allOf": [*(_pairing({"const": name}, page) for name, page in pages.items()), _pairing(_NULL, _NULL)],
        "$defs": {**{name: _copy(schema) for name, schema in VALUE_DEFS.items()}, **defs.schemas},
    }


def _pairing(kind: Mapping[str, Any], page: Mapping[str, Any]) -> dict[str, Any]:
    """``if`` the document's ``kind`` is ``kind``, ``then`` its page is ``page``."""
    return {
        "if": {"properties": {"kind": _copy(kind)}, "required": ["kind"]},
        "then": {"properties": {"page": _copy(page)}},
    }


def kind_schema(schema: Mapping[str, Any], name: str | None) -> dict[str, Any]:
    """``schema`` (a :func:`document_schema`) narrowed to documents of kind ``name`` (None: no page).

    What ``from_dict`` checks data against once it knows the kind: the same
    constraints, with ``kind`` and ``page`` pinned as the pairing rules pin
    them, so that a wrong value in a page is named at its path rather than
    as a miss of every kind's page.
    """
    narrowed = _copy(schema)
    rules = narrowed.pop("allOf")
    wanted = {"const": name} if name is not None else _NULL
    (page,) = (rule["then"]["properties"]["page"] for rule in rules if rule["if"]["properties"]["kind"] == wanted)
    narrowed["properties"]["kind"] = {"const": name}
    narrowed["properties"]["page"] = page
    return narrowed
