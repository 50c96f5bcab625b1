"""Checking data against the JSON Schema of ``to_dict``, before ``from_dict`` builds a document from it.

A small validator of its own (jsonschema is not a dependency), for exactly
the keywords that schema uses: ``type``, ``const``, ``enum``, ``pattern``,
``minimum``, ``properties``, ``required``, ``additionalProperties``,
``items``, ``anyOf``, ``allOf``, ``if``/``then``/``else`` and ``$ref`` to
``#/$defs/...`` (``format``, ``title`` and ``description`` are
annotations).  The first value that does not fit raises :class:`DataError`
with its JSON path (``$.page.peers[2].rating``) and what was expected there.

``from_dict`` checks data against the schema narrowed to the data's
``kind`` (``_json.schema.kind_schema``), so that a wrong value in a page is
named at its own path; what it finds after that comes from building the
objects (``_json.convert.structure``), at its path too.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from typing import Any

__all__ = ["DataError", "check"]


class DataError(ValueError):
    """Data given to :func:`symboldoc.from_dict` that is not what :func:`symboldoc.to_dict` writes.

    ``path`` is where, as a JSON path (``$.page.peers[2].rating``);
    ``expected`` what the schema or the model wants there.
    """

    def __init__(self, path: str, expected: str, found: str = "") -> None:
        self.path = path
        self.expected = expected
        self.found = found
        super().__init__(f"{path}: expected {expected}" + (f", got {found}" if found else ""))

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.path, self.expected, self.found))


_TYPES: dict[str, tuple[type, ...]] = {
    "string": (str,),
    "integer": (int,),
    "number": (int, float),
    "boolean": (bool,),
    "object": (Mapping,),
    "array": (list, tuple),
    "null": (type(None),),
}


def check(data: Any, schema: Mapping[str, Any], root: Mapping[str, Any] | None = None, path: str = "$") -> None:
    """Raise :class:`DataError` at the first value of ``data`` that ``schema`` does not take."""
    problem = _problem(data, schema, root if root is not None else schema, path)
    if problem is not None:
        raise problem


def _problem(data: Any, schema: Mapping[str, Any], root: Mapping[str, Any], path: str) -> DataError | None:
    if "$ref" in schema:
        return _problem(data, _resolve(root, schema["$ref"]), root, path)
    if "anyOf" in schema:
        problems = [_problem(data, option, root, path) for option in schema["anyOf"]]
        if all(problems):
            deepest = max(problems, key=lambda found: len(found.path) if found else 0)  # the nearest miss
            return deepest if deepest is not None and deepest.path != path else _mismatch(path, schema, root, data)
        return None
    for part in schema.get("allOf", ()):
        found = _problem(data, part, root, path)
        if found is not None:
            return found
    if "if" in schema:
        branch = schema.get("then") if _problem(data, schema["if"], root, path) is None else schema.get("else")
        found = _problem(data, branch, root, path) if branch is not None else None
        if found is not None:
            return found
    kind = schema.get("type")
    if kind is not None and not _is(data, kind):
        return DataError(path, _describe(schema, root), _found(data))
    if "const" in schema and not _same(data, schema["const"]):
        return DataError(path, repr(schema["const"]), _found(data))
    if "enum" in schema and not any(_same(data, option) for option in schema["enum"]):
        return DataError(path, "one of " + ", ".join(map(repr, schema["enum"])), _found(data))
    if "pattern" in schema and isinstance(data, str) and _pattern(schema["pattern"]).search(data) is None:
        wanted = _describe(schema, root) if "description" in schema else f"text matching {schema['pattern']}"
        return DataError(path, wanted, _found(data))
    if "minimum" in schema and isinstance(data, (int, float)) and data < schema["minimum"]:
        return DataError(path, f"a number of at least {schema['minimum']}", _found(data))
    if isinstance(data, Mapping) and ("properties" in schema or "required" in schema):
        return _object_problem(data, schema, root, path)
    if isinstance(data, (list, tuple)) and "items" in schema:
        for index, item in enumerate(data):
            found = _problem(item, schema["items"], root, f"{path}[{index}]")
            if found is not None:
                return found
    return None


def _object_problem(
    data: Mapping[str, Any], schema: Mapping[str, Any], root: Mapping[str, Any], path: str
) -> DataError | None:
    properties = schema.get("properties", {})
    for key in schema.get("required", ()):
        if key not in data:
            return DataError(f"{path}.{key}", "a value (the key is missing)")
    for key, value in data.items():
        if not isinstance(key, str):
            return DataError(path, "string keys", f"the key {key!r}")
        if key in properties:
            found = _problem(value, properties[key], root, f"{path}.{key}")
            if found is not None:
                return found
        elif schema.get("additionalProperties") is False:
            return DataError(f"{path}.{key}", "no such key (" + ", ".join(properties) + ")")
        elif isinstance(schema.get("additionalProperties"), Mapping):
            found = _problem(value, schema["additionalProperties"], root, f"{path}.{key}")
            if found is not None:
                return found
    return None


def _is(data: Any, kind: str | list[str]) -> bool:
    kinds = [kind] if isinstance(kind, str) else kind
    for name in kinds:
        if name in ("integer", "number") and isinstance(data, bool):
            continue  # JSON tells true from 1
        if isinstance(data, _TYPES[name]):
            return True
    return False


def _same(data: Any, wanted: Any) -> bool:
    return (type(data) is type(wanted) and data == wanted) or (
        not isinstance(data, bool) and not isinstance(wanted, bool) and isinstance(data, int) and data == wanted
    )


def _resolve(root: Mapping[str, Any], reference: str) -> Mapping[str, Any]:
    found: Any = root
    for part in reference.removeprefix("#/").split("/"):
        found = found[part]
    return found  # type: ignore[no-any-return]


def _describe(schema: Mapping[str, Any], root: Mapping[str, Any]) -> str:
    if "description" in schema:
        text = str(schema["description"])
        return text[:1].lower() + text[1:]  # "a number as the page writes it: ..."
    kind = schema.get("type")
    names = {"object": "an object", "array": "a list", "string": "a string", "integer": "a whole number",
             "number": "a number", "boolean": "true or false", "null": "null"}  # fmt: skip
    if isinstance(kind, str):
        return names[kind]
    if isinstance(kind, list):
        return " or ".join(names[name] for name in kind)
    return "a value of the schema"


def _mismatch(path: str, schema: Mapping[str, Any], root: Mapping[str, Any], data: Any) -> DataError:
    options = []
    for option in schema["anyOf"]:
        resolved = _resolve(root, option["$ref"]) if "$ref" in option else option
        if "enum" in resolved:
            options.append("one of " + ", ".join(map(repr, resolved["enum"])))
        else:
            options.append(_describe(resolved, root))
    return DataError(path, " or ".join(options), _found(data))


def _found(data: Any) -> str:
    text = repr(data)
    return text if len(text) <= 80 else text[:77] + "..."


@functools.cache
def _pattern(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)
