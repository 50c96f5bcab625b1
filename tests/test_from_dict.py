"""from_dict trusts nothing: data is checked against the JSON Schema, then built as the model checks it.

A refusal from building (a hook's or the model's) is named at the JSON path
cattrs' exception notes lead to: the field's, or the object's when its class
refused the values together.
"""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import symboldoc
from symboldoc import DataError

from .pages import own_pages

DATA = {name: symboldoc.to_dict(symboldoc.loads(text)) for name, text in own_pages().items()}
EXAMPLE = DATA["example.md"]


def changed(path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    data = copy.deepcopy(EXAMPLE)
    target = data
    for key in path[:-1]:
        target = target[key]
    if value is KeyError:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return data


@pytest.mark.parametrize("name", sorted(DATA))
def test_to_dict_data_comes_back(name: str) -> None:
    doc = symboldoc.loads(own_pages()[name])
    again = symboldoc.from_dict(json.loads(json.dumps(DATA[name])))
    assert again.page == doc.page and again.front_matter == doc.front_matter


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        (("format",), 2, r"^\$\.format: expected the format version 1, which this release reads, got 2$"),
        (("format",), KeyError, r"^\$\.format: expected the format version 1.*got no 'format' key$"),
        (("page", "title"), 5, r"^\$\.page\.title: expected a string or null, got 5$"),
        (("page", "disclaimer"), ["x"], r"^\$\.page\.disclaimer: expected a string or null, got \['x'\]$"),
        (("page", "peers", 1, "rating"), "Z", r"^\$\.page\.peers\[1\]\.rating: expected one of 'A'.*got 'Z'$"),
        (
            ("page", "peers", 1, "name"),
            KeyError,
            r"^\$\.page\.peers\[1\]\.name: expected a value \(the key is missing\)$",
        ),
        (("page", "peers", 0, "rank"), True, r"^\$\.page\.peers\[0\]\.rank: expected a whole number, got True$"),
        (("page", "valuation", 0, "current"), "lots", r"^\$\.page\.valuation\[0\]\.current: expected a number as"),
        (("page", "surprise"), 1, r"^\$\.page\.surprise: expected no such key"),
        (("front_matter", "locales", 0), "en", r"^\$\.front_matter\.locales\[0\]: expected an object, got 'en'$"),
        (
            ("page", "peers", 1, "name"),
            "Two\nlines",
            r"^\$\.page\.peers\[1\]: expected a value the model takes, got Peer\.name: .*line break",
        ),
        (
            ("page", "score", "updated"),
            "yesterday",
            r"^\$\.page\.score\.updated: expected a value the model takes, got not an ISO 8601 datetime: 'yesterday'$",
        ),
    ],
)
def test_wrong_data_names_its_json_path(path: tuple[Any, ...], value: Any, message: str) -> None:
    with pytest.raises(DataError, match=message) as raised:
        symboldoc.from_dict(changed(path, value))
    assert isinstance(raised.value, ValueError)
    assert raised.value.path.startswith("$")


def test_empty_and_unknown_data_are_refused() -> None:
    with pytest.raises(DataError, match=r"^\$\.format"):
        symboldoc.from_dict({"format": 2})
    with pytest.raises(DataError, match=r"^\$\.symbol: expected a value \(the key is missing\)"):
        symboldoc.from_dict({"format": 1})
    with pytest.raises(TypeError, match="takes a mapping"):
        symboldoc.from_dict([EXAMPLE])  # type: ignore[arg-type]


def test_the_kind_picks_the_page_class() -> None:
    with pytest.raises(
        DataError,
        match=r"^\$\.kind: expected one of 'quote', 'news_index', 'news_article', 'topic' or null, got 'news'$",
    ):
        symboldoc.from_dict(changed(("kind",), "news"))
    with pytest.raises(
        DataError,
        match=r"^\$\.kind: expected one of 'quote', 'news_index', 'news_article', 'topic' or null, got \['quote'\]$",
    ):
        symboldoc.from_dict(changed(("kind",), ["quote"]))
    with pytest.raises(DataError, match=r"^\$\.page: expected null, got \{'title'"):
        symboldoc.from_dict(changed(("kind",), None))  # no kind, no page
    with pytest.raises(DataError, match=r"^\$\.page: expected an object, got None$"):
        symboldoc.from_dict(changed(("page",), None))  # a quote document without its page


def test_data_of_the_first_release_has_no_kind_and_a_quote_page() -> None:
    doc = symboldoc.loads(own_pages()["example.md"])
    first_release = changed(("kind",), KeyError)
    assert "kind" not in first_release
    assert symboldoc.from_dict(first_release).page == doc.page
    no_page = {**first_release, "page": None}
    assert symboldoc.from_dict(no_page).page is None
    assert symboldoc.from_dict(no_page).front_matter == doc.front_matter


def test_data_errors_pickle() -> None:
    import pickle

    error = DataError("$.page.title", "a string", "5")
    again = pickle.loads(pickle.dumps(error))
    assert str(again) == str(error) and again.path == error.path


def _mutations() -> st.SearchStrategy[Any]:
    values = st.one_of(st.none(), st.booleans(), st.integers(-3, 3), st.text(max_size=3), st.just([]), st.just({}))
    return st.tuples(st.integers(0, 10**6), values)


@settings(max_examples=200)
@given(_mutations())
def test_the_check_agrees_with_jsonschema(mutation: tuple[int, Any]) -> None:
    """One value of real data replaced: from_dict's check refuses it exactly when jsonschema does."""
    jsonschema = pytest.importorskip("jsonschema")
    data = copy.deepcopy(EXAMPLE)
    places: list[tuple[Any, Any]] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                places.append((node, key))
                walk(value)
        elif isinstance(node, list):
            for index, value in enumerate(node):
                places.append((node, index))
                walk(value)

    walk(data)
    index, value = mutation
    container, key = places[index % len(places)]
    container[key] = value
    schema_errors = list(jsonschema.Draft202012Validator(symboldoc.json_schema()).iter_errors(data))
    try:
        symboldoc.from_dict(data)
    except DataError as error:
        if not schema_errors:  # the schema took it: the model refused it, and says so at a path
            assert "a value the model takes" in str(error)
    else:
        assert not schema_errors, schema_errors[0].message
