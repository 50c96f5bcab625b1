"""The tests' own reading of the path grammar of ``diff`` and ``facts`` (docs/archives.md), on ``to_dict``'s data.

Written from the documented grammar, not from the library's code, so that
the properties check the library against the documentation: a path is
parsed here, and the value it names is looked up in a document's JSON.
"""

from __future__ import annotations

from typing import Any

#: Stands for "no such value" (a JSON null is a value: None).
MISSING = object()

ESCAPED = "\\[]#|"


def escape(text: str) -> str:
    return "".join("\\" + char if char in ESCAPED else char for char in text)


def key_text(parts: list[str] | tuple[str, ...]) -> str:
    return "|".join(escape(part) for part in parts)


def json_key(list_name: str, item: Any) -> tuple[str, ...]:
    """The key of one JSON item of the list called ``list_name`` (docs/archives.md, "Keys")."""
    if list_name == "peers":
        return (item["symbol"] if item["symbol"] is not None else item["name"],)
    if list_name == "valuation":
        return (item["metric"],)
    if list_name in ("groups", "indicators"):
        return (item["name"],)
    if list_name == "ratings":
        return (item["rating"],)
    if list_name == "locales":
        return (item["locale"],)
    if list_name == "items":
        return (str(item["id"]) if item["id"] is not None else item["url"],)
    if list_name == "comments":
        return (item["author"], item["datetime"] or "")
    if isinstance(item, dict) and "url" in item and "text" in item:  # a link
        return (item["url"],)
    return (item,)  # a plain value: key_drivers, related, symbols


def keyed(list_name: str, items: list[Any], index: int) -> str:
    """The bracketed key of ``items[index]``: its key, and ``#n`` for the n-th item of that key."""
    text = key_text(json_key(list_name, items[index]))
    count = 1 + sum(1 for before in items[:index] if key_text(json_key(list_name, before)) == text)
    return text if count == 1 else f"{text}#{count}"


def parse(path: str) -> list[tuple[str, str | None]]:
    """``a.b[k].c`` as ``[("a", None), ("b", "k"), ("c", None)]`` (keys still escaped, as ``keyed`` writes them)."""
    steps: list[tuple[str, str | None]] = []
    index = 0
    while index < len(path):
        name_end = index
        while name_end < len(path) and path[name_end] not in ".[":
            name_end += 1
        name = path[index:name_end]
        index = name_end
        key = None
        if index < len(path) and path[index] == "[":
            index += 1
            start = index
            while path[index] != "]":
                index += 2 if path[index] == "\\" else 1
            key = path[start:index]
            index += 1
        steps.append((name, key))
        if index < len(path):
            assert path[index] == ".", path
            index += 1
    return steps


def resolve(data: dict[str, Any], path: str) -> Any:
    """The JSON value ``path`` names in ``to_dict``'s ``data`` (``MISSING`` when there is none)."""
    steps = parse(path)
    if steps[0] == ("page", None) and len(steps) == 1:
        return data["page"]
    value: Any = data if steps[0][0] == "front_matter" else data["page"]
    for name, key in steps:
        if value is None:
            return MISSING
        if name == "front_matter" and value is data:
            value = data["front_matter"]
        else:
            if not isinstance(value, dict) or name not in value:
                return MISSING
            value = value[name]
        if key is not None:
            if isinstance(value, dict):  # the entries of a mapping (extra)
                value = next((item for entry, item in value.items() if escape(entry) == key), MISSING)
            elif isinstance(value, list):
                found = [item for index, item in enumerate(value) if keyed(name, value, index) == key]
                value = found[0] if found else MISSING
            else:
                return MISSING
            if value is MISSING:
                return MISSING
    return value
