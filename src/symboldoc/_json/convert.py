"""The converter: typed model objects to JSON-ready data and back, with cattrs.

One :data:`CONVERTER`, made once when this module is imported and never
changed after (cattrs fills its own caches of generated functions as types
are first met; no other state).  It holds:

* a hook for each value type that has one JSON form: :class:`Number` as the
  text it was written with (``"23.90%"``), :class:`Rank` as written
  (``"20 / 32"``), :class:`Symbol` as its text, an aware datetime in ISO
  8601 UTC with ``Z`` (:func:`format_datetime`; :func:`read_datetime` back),
  a :class:`Link` as ``{"text", "url"}`` (and ``markdown``, ``title`` when it needs them);
* a hook factory for every attrs class: cattrs' own generated functions
  (``make_dict_unstructure_fn_from_attrs`` / ``make_dict_structure_fn_from_attrs``),
  fed the class's fields in field order with the overrides of ``forms``
  (a key, a field left out, a field read through its property, a rank's
  spacing, the front matter's ``extra``).  Lists, tuples and ``X | None``
  are cattrs' own.

So a page class added to the registry is converted without code of its
own.  Values are always read by attribute access (the generated functions
read ``instance.field``), so a model's lazily read values are read as usual.

Structuring errors come from cattrs as exception groups (with
``detailed_validation``, each failure carries a note naming the attribute or
the index); :func:`structure` turns the first one into a
:class:`DataError` at its JSON path (``$.page.peers[1]``).
"""

from __future__ import annotations

import base64
import datetime as _dt
import json
import math
import types
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any, TypeVar, Union, get_args, get_origin

import attrs
import cattrs
from cattrs.errors import ClassValidationError, IterableValidationError
from cattrs.fns import identity
from cattrs.gen import make_dict_structure_fn_from_attrs, make_dict_unstructure_fn_from_attrs, override

from symboldoc._escape import inline_markdown
from symboldoc._frontmatter import FrontMatter
from symboldoc._inline import Link, Text, parse_inline
from symboldoc._layout import number_text, rank_text
from symboldoc._schema_check import DataError
from symboldoc._symbols import Symbol
from symboldoc._values import Number, Rank, format_datetime, in_utc, read_datetime, read_number, read_rank

from .forms import CLASS_FORMS, FieldForm, json_fields, json_key

__all__ = ["CONVERTER", "plain", "structure", "unstructure"]

T = TypeVar("T")


# -- the value hooks ---------------------------------------------------------------------------


def _number(value: Number) -> str:
    return number_text(value)


def _read_number(text: str, _: Any) -> Number | None:
    return read_number(text)


def _rank_hook(spaced: bool) -> Callable[[Rank | None], str | None]:
    def rank(value: Rank | None) -> str | None:
        return None if value is None else rank_text(value, spaced=spaced)

    return rank


def _read_rank(text: str, _: Any) -> Rank | None:
    return read_rank(text)


def _symbol(value: Symbol) -> str:
    return str(value)


def _read_symbol(text: str, _: Any) -> Symbol:
    return Symbol(text)


def _datetime(value: _dt.datetime) -> str:
    return format_datetime(in_utc(value))  # a naive one (only from code) is taken as UTC, as read_datetime does


def _read_datetime(text: str, _: Any) -> _dt.datetime:
    return read_datetime(text)


def _link(link: Link) -> dict[str, str]:
    """``{"text", "url"}``; and ``markdown`` when the text has markup, ``title`` when the link has one.

    The two keys are there only when needed, so that the link reads back as
    it was: a plain link (every link of every page seen) has neither.
    """
    data = {"text": link.text, "url": link.url}
    if link.children != _plain_children(link.text):
        markdown = inline_markdown(link.children)
        if parse_inline(markdown) == link.children:
            data["markdown"] = markdown
    if link.title is not None:
        data["title"] = link.title
    return data


def _plain_children(text: str) -> tuple[Text, ...]:
    # The text as one Text; none for an empty text, as the reader gives ``[](url)`` (5c70103 gave (Text(""),)).
    return (Text(text),) if text else ()


def _read_link(data: Mapping[str, str], _: Any) -> Link:
    markdown = data.get("markdown")
    children = parse_inline(markdown) if markdown is not None else _plain_children(data["text"])
    return Link(data["url"], children, data.get("title"))


def plain(value: Any) -> Any:
    """A front matter value, as JSON (the forms are listed in docs/usage.md, "JSON").

    Every value the safe YAML loader gives has a form ``json.dumps`` writes:
    strings, integers, booleans and null as themselves; a YAML float as the
    number as written (``"1.50"``, ``".nan"``, ``".inf"``: JSON has no NaN or
    infinity); a date or datetime in ISO 8601; ``!!binary`` as base64; a
    ``!!set`` as a list of its members; ``!!omap`` and ``!!pairs`` as lists
    of ``[key, value]``; a mapping whose keys are all strings as an object,
    any other mapping as a list of ``[key, value]`` pairs (no key is lost
    or merged by turning it into text).
    """
    if value is None or isinstance(value, (str, bool, int)):
        return value
    if isinstance(value, Decimal):
        return number_text(value)
    if isinstance(value, float):  # only from code: the reader gives Decimals
        return value if math.isfinite(value) else repr(value)
    if isinstance(value, (_dt.datetime, _dt.date)):
        return value.isoformat()
    if isinstance(value, (bytes, bytearray)):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, Link):
        return _link(value)
    if isinstance(value, Mapping):
        if all(isinstance(key, str) for key in value):
            return {key: plain(item) for key, item in value.items()}
        return [[plain(key), plain(item)] for key, item in value.items()]
    if isinstance(value, (set, frozenset)):
        members = [plain(item) for item in value]
        return sorted(members, key=lambda member: json.dumps(member, sort_keys=True, ensure_ascii=False))
    if isinstance(value, (list, tuple)):
        return [plain(item) for item in value]
    return str(value)  # only from code: an object of the user's own


def _extra(extra: Mapping[str, Any]) -> dict[str, Any]:
    return {key: plain(value) for key, value in extra.items()}


def _read_extra(data: Mapping[str, Any], _: Any) -> dict[str, Any]:
    return dict(data)  # the JSON forms, as they are (a float's text, a set's list)


#: Per-field hooks beyond what ``forms`` says: the front matter's other keys.
_FIELD_HOOKS: Mapping[tuple[type, str], tuple[Callable[[Any], Any], Callable[[Any, Any], Any]]] = {
    (FrontMatter, "extra"): (_extra, _read_extra),
}


# -- attrs classes: cattrs' generated functions, with the forms' overrides -------------------------


def _is_rank(tp: Any) -> bool:
    """Whether a field's (resolved) type is ``Rank`` or ``Rank | None``."""
    return tp is Rank or (get_origin(tp) in (Union, types.UnionType) and set(get_args(tp)) == {Rank, type(None)})


def _optional_type(tp: Any) -> bool:
    """Whether ``tp`` is ``X | None`` for one ``X``."""
    args = get_args(tp)
    return get_origin(tp) in (Union, types.UnionType) and len(args) == 2 and type(None) in args


def _unstructure_optional(tp: Any, converter: cattrs.Converter) -> Callable[[Any], Any]:
    """``X | None``: None as itself, else as ``X`` is written; nothing at all when ``X`` is written as itself."""
    (inner_type,) = (arg for arg in get_args(tp) if arg is not type(None))
    inner = converter.get_unstructure_hook(inner_type)
    if inner is identity:  # str | None, int | None: the generated function then reads the value as it is
        return identity

    def optional(value: Any) -> Any:
        return None if value is None else inner(value)

    return optional


def _overrides(cls: type, fields: list[tuple[attrs.Attribute[Any], FieldForm]]) -> dict[str, Any]:
    found = {}
    for field, form in fields:
        hooks = _FIELD_HOOKS.get((cls, field.name))
        if hooks is not None:
            found[field.name] = override(unstruct_hook=hooks[0], struct_hook=hooks[1])
        elif _is_rank(field.type):
            found[field.name] = override(unstruct_hook=_rank_hook(form.spaced))
        if form.key is not None:
            found[field.name] = attrs.evolve(found.get(field.name, override()), rename=form.key)
    return found


def _unstructure_factory(cls: type, converter: cattrs.Converter) -> Callable[[Any], Any]:
    if cls in CLASS_FORMS:  # written as one of its fields
        name = CLASS_FORMS[cls]
        attrs.resolve_types(cls)
        field = attrs.fields_dict(cls)[name]
        inner = converter.get_unstructure_hook(field.type)
        return lambda obj: inner(getattr(obj, name))
    fields = json_fields(cls)
    overrides = _overrides(cls, fields)
    read = []
    for field, form in fields:
        if form.through_property and form.key is not None:
            # The generated function reads ``instance.<name>``: named after the property, it reads that.
            read.append(field.evolve(name=form.key))
            overrides[form.key] = overrides.pop(field.name, override())
        else:
            read.append(field)
    return make_dict_unstructure_fn_from_attrs(read, cls, converter, _cattrs_use_alias=True, **overrides)


def _structure_factory(cls: type, converter: cattrs.Converter) -> Callable[[Any, Any], Any]:
    if cls in CLASS_FORMS:
        name = CLASS_FORMS[cls]
        attrs.resolve_types(cls)
        field = attrs.fields_dict(cls)[name]
        inner = converter.get_structure_hook(field.type)
        return lambda data, _: cls(**{json_key(field, FieldForm()): inner(data, field.type)})
    fields = json_fields(cls)
    overrides = _overrides(cls, fields)
    for field in attrs.fields(cls):
        if all(field is not kept for kept, _ in fields):
            overrides[field.name] = override(omit=True)  # left out of the JSON: its default when read back
    return make_dict_structure_fn_from_attrs(
        list(attrs.fields(cls)), cls, converter, _cattrs_use_alias=True, _cattrs_forbid_extra_keys=True, **overrides
    )


def _make_converter() -> cattrs.Converter:
    converter = cattrs.Converter(detailed_validation=True, use_alias=True, forbid_extra_keys=True)
    converter.register_unstructure_hook(Number, _number)
    converter.register_structure_hook(Number, _read_number)
    converter.register_unstructure_hook(Rank, _rank_hook(spaced=True))
    converter.register_structure_hook(Rank, _read_rank)
    converter.register_unstructure_hook(Symbol, _symbol)
    converter.register_structure_hook(Symbol, _read_symbol)
    converter.register_unstructure_hook(_dt.datetime, _datetime)
    converter.register_structure_hook(_dt.datetime, _read_datetime)
    converter.register_unstructure_hook(Link, _link)
    converter.register_structure_hook(Link, _read_link)
    converter.register_unstructure_hook_factory(_optional_type, _unstructure_optional)
    converter.register_unstructure_hook_factory(attrs.has, _unstructure_factory)
    converter.register_structure_hook_factory(attrs.has, _structure_factory)
    return converter


#: The one converter (see the module); not to be changed after import.
CONVERTER = _make_converter()


# -- the two directions -----------------------------------------------------------------------------


def unstructure(obj: Any, cls: type | None = None) -> Any:
    """``obj`` (an instance of ``cls``, by default its own class) as JSON-ready data."""
    return CONVERTER.unstructure(obj, type(obj) if cls is None else cls)


def structure(data: Any, cls: type[T], path: str = "$") -> T:
    """An instance of ``cls`` from data of its JSON form, ``path`` being where that data is.

    The first value the conversion or the model refuses raises
    :class:`DataError` at its JSON path (``$.page.peers[1]``: the peer's
    class refused what it was given; ``$.page.score.updated``: not a
    datetime).  The data is expected to fit the schema already (``from_dict``
    checks it first); a value of the wrong type would otherwise be refused
    at its path too, or converted as cattrs converts it.
    """
    try:
        return CONVERTER.structure(data, cls)
    except (ClassValidationError, IterableValidationError, ValueError) as exc:
        where, refusal = _located(exc, path)
        if isinstance(refusal, DataError):
            raise refusal from None
        if isinstance(refusal, ValueError):
            raise DataError(where, "a value the model takes", str(refusal)) from None
        raise


def _located(exc: BaseException, path: str) -> tuple[str, BaseException]:
    """The first failure inside cattrs' exception groups, and the JSON path their notes lead to."""
    if isinstance(exc, ClassValidationError):
        noted, others = exc.group_exceptions()
        if noted:
            inner, note = noted[0]
            return _located(inner, f"{path}.{_key(exc.cl, note.name)}")
        return _located(others[0], path) if others else (path, exc)
    if isinstance(exc, IterableValidationError):
        indexed, rest = exc.group_exceptions()
        if indexed:
            inner, index_note = indexed[0]
            step = f"[{index_note.index}]" if isinstance(index_note.index, int) else f".{index_note.index}"
            return _located(inner, path + step)
        return _located(rest[0], path) if rest else (path, exc)
    return path, exc


def _key(cls: type, name: str) -> str:
    """The JSON key of field ``name`` of ``cls`` (a note names the field, the path names the key)."""
    for field, form in json_fields(cls):
        if field.name == name:
            return json_key(field, form)
    return name
