"""to_dict, from_dict and the JSON Schema: every page we have goes through JSON and comes back equal."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

import symboldoc

from .pages import corpus_pages, own_pages

PAGES = {**own_pages(), **corpus_pages()}


@pytest.mark.parametrize("name", sorted(PAGES))
def test_json_round_trip_gives_equal_typed_parts(name: str) -> None:
    doc = symboldoc.loads(PAGES[name])
    data = json.loads(json.dumps(symboldoc.to_dict(doc)))
    again = symboldoc.from_dict(data)
    assert again.page == doc.page
    assert again.front_matter == doc.front_matter
    assert again.symbol == doc.symbol


@pytest.mark.parametrize("name", sorted(PAGES))
def test_every_page_validates_against_the_schema(name: str) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    validator = jsonschema.Draft202012Validator(symboldoc.json_schema(), format_checker=jsonschema.FormatChecker())
    data = json.loads(json.dumps(symboldoc.to_dict(symboldoc.loads(PAGES[name]))))
    errors = [f"{list(error.path)}: {error.message}" for error in validator.iter_errors(data)]
    assert errors == []


def test_decimals_are_strings_that_keep_their_digits(example: str) -> None:
    data = symboldoc.to_dict(symboldoc.loads(example))
    score = data["page"]["score"]
    assert score["value"] == "0.31" and isinstance(score["value"], str)
    assert score["industry_rank"] == "7 / 41"
    assert data["front_matter"]["datetime"].endswith("Z")
    indicator = score["groups"][2]["indicators"][0]
    assert indicator["value"].endswith("%")


def test_a_page_built_from_json_renders_and_reads_back(example: str) -> None:
    doc = symboldoc.from_dict(symboldoc.to_dict(symboldoc.loads(example)))
    text = symboldoc.dumps(doc)  # rendered in the pages' layout
    assert symboldoc.loads(text, strict=True).page == doc.page
    # The same page but for how a peer's name was spaced, which JSON does not carry.
    assert [line for line in text.splitlines() if line not in example.splitlines()] == [
        line.replace("  (", " (") for line in example.splitlines() if "  (" in line
    ]


def test_wrong_values_in_json_are_refused_with_the_field(example: str) -> None:
    data = symboldoc.to_dict(symboldoc.loads(example))
    data["page"]["target_price"]["current"] = "12.x"
    with pytest.raises(ValueError, match=r"^\$\.page\.target_price\.current: expected a number as the page writes it"):
        symboldoc.from_dict(data)
    data = symboldoc.to_dict(symboldoc.loads(example))
    data["page"]["score"]["grade"] = "Z"
    with pytest.raises(ValueError, match=r"^\$\.page\.score\.grade: expected one of 'A', 'B', 'C', 'D', 'E' or null"):
        symboldoc.from_dict(data)


def test_schema_rejects_what_to_dict_never_writes() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    validator = jsonschema.Draft202012Validator(symboldoc.json_schema())
    good = symboldoc.to_dict(symboldoc.loads("# Harbor Co (HRBR.US)\n"))
    assert validator.is_valid(good)
    bad = json.loads(json.dumps(good))
    bad["page"]["score"] = {"grade": "B", "value": 0.31}
    assert not validator.is_valid(bad)
    assert Decimal(symboldoc.to_dict(symboldoc.loads(PAGES["example.md"]))["page"]["score"]["value"]) == Decimal("0.31")


@pytest.mark.parametrize(
    ("entry", "form"),
    [
        ("a: !!binary aGVsbG8=", "aGVsbG8="),
        ("a: !!set {x, y}", ["x", "y"]),
        ("a: .nan", ".nan"),
        ("a: -.inf", "-.inf"),
        ("a: 1.50", "1.50"),
        ("a: 12", 12),
        ("a: true", True),
        ("a: ~", None),
        ("a: 2001-12-14", "2001-12-14"),
        ("a: 2001-12-14 21:59:43.10 -5", "2001-12-14T21:59:43.100000-05:00"),
        ("a: !!omap [{k: 1}, {j: 2}]", [["k", 1], ["j", 2]]),
        ("a: !!pairs [{k: 1}, {k: 2}]", [["k", 1], ["k", 2]]),
        ("a: {1: x, '1': y}", [[1, "x"], ["1", "y"]]),
        ("a: {? !!binary aGk= : x}", [["aGk=", "x"]]),
        ("a: {null: 1, true: 2}", [[None, 1], [True, 2]]),
        ("a: {b: [1.0, {c: .inf}]}", {"b": ["1.0", {"c": ".inf"}]}),
    ],
)
def test_every_value_safe_yaml_gives_has_a_json_form(entry: str, form: object) -> None:
    doc = symboldoc.loads(f"---\n{entry}\n---\n")
    assert doc.warnings == ()
    data = symboldoc.to_dict(doc)
    assert data["front_matter"]["extra"]["a"] == form
    assert json.loads(json.dumps(data, allow_nan=False)) == data


def test_a_front_matter_value_nested_too_deep_is_reported_and_kept_as_text() -> None:
    import copy
    import pickle

    deep = "[" * 65 + "]" * 65
    text = f"---\nfine: {'[' * 64 + ']' * 64}\ndeep: {deep}\n---\n"
    doc = symboldoc.loads(text)
    (problem,) = doc.warnings
    assert (problem.line, problem.expected) == (3, "a value nested at most 64 deep for key 'deep'")
    assert doc.front_matter is not None and doc.front_matter.extra["deep"] == f"deep: {deep}\n"
    json.dumps(symboldoc.to_dict(doc))  # a value 64 deep is still fine everywhere
    assert symboldoc.dumps(copy.deepcopy(doc)) == symboldoc.dumps(pickle.loads(pickle.dumps(doc))) == text
