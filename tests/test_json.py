"""to_dict, from_dict and the JSON Schema: every page we have goes through JSON and comes back equal.

The JSON of the project's own pages is pinned, key order included, in
``fixtures/json`` (written by the field-by-field converter of 5c70103, before
the conversion moved to cattrs); a page kind the tests make up shows that a
new kind needs no code of its own in ``_json``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import given, settings

import symboldoc
import symboldoc._kinds as kinds_registry
from symboldoc._json.convert import CONVERTER, structure, unstructure
from symboldoc._json.schema import Defs, fragment
from symboldoc._kinds import PageKind
from symboldoc._symbols import Symbol

from .pages import FIXTURES, corpus_pages, own_pages, own_quote_pages
from .strategies import documents

PAGES = {**own_pages(), **corpus_pages()}


@pytest.mark.parametrize("name", sorted(own_quote_pages()))
def test_the_json_of_our_own_pages_is_what_it_was(name: str) -> None:
    """Byte for byte, key order included, as the field-by-field converter wrote it; ``kind`` added last."""
    data = symboldoc.to_dict(symboldoc.loads(own_pages()[name]))
    assert list(data)[-1] == "kind" and data.pop("kind") == "quote"
    expected = (FIXTURES / "json" / name.replace(".md", ".json")).read_text(encoding="utf-8")
    assert json.dumps(data, ensure_ascii=False, indent=2) + "\n" == expected
    assert data == json.loads(expected)


def test_to_dict_keys_keep_their_places_and_kind_comes_last(example: str) -> None:
    data = symboldoc.to_dict(symboldoc.loads(example))
    assert list(data) == ["format", "symbol", "front_matter", "page", "warnings", "kind"]
    assert (data["format"], data["kind"]) == (1, "quote")
    assert symboldoc.to_dict(symboldoc.loads("no page here\n"))["kind"] is None


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


@settings(max_examples=150)
@given(documents())
def test_generated_documents_come_back_from_json_and_fit_the_schema(doc: symboldoc.Document) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    data = symboldoc.to_dict(doc)
    text = json.dumps(data, ensure_ascii=False, allow_nan=False)
    again = symboldoc.from_dict(json.loads(text))
    assert again.front_matter == doc.front_matter
    assert again.page == doc.page
    validator = jsonschema.Draft202012Validator(symboldoc.json_schema(), format_checker=jsonschema.FormatChecker())
    assert [error.message for error in validator.iter_errors(json.loads(text))] == []


def test_the_schema_keeps_every_constraint_the_hand_written_one_had() -> None:
    schema = symboldoc.json_schema()
    defs = schema["$defs"]
    assert defs["grade"] == {"enum": ["A", "B", "C", "D", "E"]}
    assert defs["rank"]["pattern"] == r"^\d+[ \t]*/[ \t]*\d+$"
    assert defs["symbol"]["pattern"] == r"^[A-Za-z0-9][A-Za-z0-9.\-]*\.[A-Za-z]{2}$"
    assert defs["number"]["pattern"] == r"^[+-]?(\d+(\.\d*)?|\.\d+)(%|[KMBT])?$"
    assert defs["Peer"]["properties"]["rank"] == {"type": "integer", "minimum": 0}
    assert defs["Peer"]["properties"]["rating"] == {"anyOf": [{"$ref": "#/$defs/grade"}, {"type": "null"}]}
    assert defs["Score"]["properties"]["multi_score"] == {"anyOf": [{"$ref": "#/$defs/grade"}, {"type": "null"}]}
    assert "_written_name" not in defs["Peer"]["properties"] and "written_name" not in defs["Peer"]["properties"]
    assert defs["Problem"]["properties"]["line"] == {"type": "integer", "minimum": 1}
    assert defs["SymbolPage"]["properties"]["valuation"]["anyOf"][0] == {
        "type": "array",
        "items": {"$ref": "#/$defs/ValuationRow"},
    }
    for name, definition in defs.items():
        if definition.get("type") == "object":
            assert definition["additionalProperties"] is False, name
            optional = ["markdown", "title"] if name == "link" else []  # only when a link needs them
            assert definition["required"] + optional == list(definition["properties"]), name
    assert schema["properties"]["kind"] == {
        "anyOf": [{"enum": ["quote", "news_index", "news_article", "topic"]}, {"type": "null"}]
    }
    pages = ["SymbolPage", "NewsIndex", "NewsArticle", "TopicPage"]
    assert schema["properties"]["page"] == {
        "anyOf": [*({"$ref": f"#/$defs/{name}"} for name in pages), {"type": "null"}]
    }


# -- a page kind made up here: its JSON, from_dict and schema come from its fields alone -------------


@attrs.define
class MadeUpItem:
    title: str
    url: str
    id: int | None = None
    datetime: dt.datetime | None = None
    summary: str | None = None
    symbols: list[Symbol] = attrs.field(factory=list)


@attrs.define
class MadeUpComment:
    author: str
    datetime: dt.datetime | None
    text: str

    def __attrs_post_init__(self) -> None:
        if not self.text:
            raise ValueError("MadeUpComment.text: expected some text")


@attrs.define
class MadeUpPage:
    id: int | None = None
    title: str | None = None
    author: symboldoc.Link | None = None
    related: list[Symbol] = attrs.field(factory=list)
    comments_count: int | None = None
    items: list[MadeUpItem] = attrs.field(factory=list)
    comments: list[MadeUpComment] = attrs.field(factory=list)


def _made_up_page() -> MadeUpPage:
    when = dt.datetime(2026, 4, 15, 13, 34, 21, 428000, tzinfo=dt.timezone.utc)
    return MadeUpPage(
        id=280093541,
        title="Harbor news",
        author=symboldoc.Link("https://example.com/u/1", (symboldoc.Text("Ann"),)),
        related=[Symbol("KC.US"), Symbol("00700.HK")],
        comments_count=2,
        items=[MadeUpItem("One", "https://example.com/1", 7, when, "Sum", [Symbol("KC.US")]), MadeUpItem("Two", "u")],
        comments=[MadeUpComment("Bo", when, "Nice"), MadeUpComment("Cy", None, "Hm")],
    )


@pytest.fixture
def made_up_kind(monkeypatch: pytest.MonkeyPatch) -> PageKind:
    kind = PageKind(
        name="made_up",
        page_class=MadeUpPage,
        types=("MadeUp",),
        url=re.compile(r"/made-up/"),
        title=lambda title: False,
        read=lambda *args: None,
        render=lambda front_matter, page: [],
        labels={"en": None},
        summarise=lambda page: [],
    )
    monkeypatch.setattr(kinds_registry, "KINDS", (*kinds_registry.KINDS, kind))
    return kind


def test_a_new_kind_gets_json_from_its_fields(made_up_kind: PageKind) -> None:
    data = symboldoc.to_dict(symboldoc.Document(page=_made_up_page()))  # type: ignore[arg-type]
    assert data["kind"] == "made_up"
    assert data["page"] == {
        "id": 280093541,
        "title": "Harbor news",
        "author": {"text": "Ann", "url": "https://example.com/u/1"},
        "related": ["KC.US", "00700.HK"],
        "comments_count": 2,
        "items": [
            {
                "title": "One",
                "url": "https://example.com/1",
                "id": 7,
                "datetime": "2026-04-15T13:34:21.428Z",
                "summary": "Sum",
                "symbols": ["KC.US"],
            },
            {"title": "Two", "url": "u", "id": None, "datetime": None, "summary": None, "symbols": []},
        ],
        "comments": [
            {"author": "Bo", "datetime": "2026-04-15T13:34:21.428Z", "text": "Nice"},
            {"author": "Cy", "datetime": None, "text": "Hm"},
        ],
    }
    assert list(data["page"]["items"][0]) == [field.name for field in attrs.fields(MadeUpItem)]  # field order
    again = symboldoc.from_dict(json.loads(json.dumps(data)))
    assert again.page == _made_up_page()
    assert type(again.page.related[0]) is Symbol  # type: ignore[union-attr]


def test_a_new_kind_is_in_the_schema(made_up_kind: PageKind) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = symboldoc.json_schema()
    assert schema["properties"]["kind"]["anyOf"][0] == {
        "enum": ["quote", "news_index", "news_article", "topic", "made_up"]
    }
    assert {"$ref": "#/$defs/MadeUpPage"} in schema["properties"]["page"]["anyOf"]
    assert schema["$defs"]["MadeUpComment"] == {
        "type": "object",
        "properties": {
            "author": {"type": "string"},
            "datetime": {"anyOf": [{"$ref": "#/$defs/datetime"}, {"type": "null"}]},
            "text": {"type": "string"},
        },
        "required": ["author", "datetime", "text"],
        "additionalProperties": False,
    }
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    made_up = symboldoc.to_dict(symboldoc.Document(page=_made_up_page()))  # type: ignore[arg-type]
    quote = symboldoc.to_dict(symboldoc.loads(PAGES["example.md"]))
    assert validator.is_valid(made_up) and validator.is_valid(quote)
    # The kind and the page go together: neither page passes for the other kind's.
    assert not validator.is_valid({**made_up, "kind": "quote"})
    assert not validator.is_valid({**quote, "kind": "made_up"})
    assert not validator.is_valid({**quote, "kind": None})
    with pytest.raises(symboldoc.DataError, match=r"^\$\.page: expected an object, got None$"):
        symboldoc.from_dict({**made_up, "page": None})


def test_a_new_kind_refusals_name_their_path(made_up_kind: PageKind) -> None:
    data = json.loads(json.dumps(symboldoc.to_dict(symboldoc.Document(page=_made_up_page()))))  # type: ignore[arg-type]
    data["page"]["comments"][1]["datetime"] = "soon"
    with pytest.raises(symboldoc.DataError, match=r"^\$\.page\.comments\[1\]\.datetime: expected a value the model"):
        symboldoc.from_dict(data)
    data["page"]["comments"][1]["datetime"] = None
    data["page"]["comments"][0]["text"] = ""  # the class refuses it: the path is the comment's
    with pytest.raises(symboldoc.DataError, match=r"^\$\.page\.comments\[0\]: expected a value the model takes"):
        symboldoc.from_dict(data)
    data["page"]["comments"][0]["text"] = "x"
    data["page"]["items"][0]["symbols"][0] = "nope"
    with pytest.raises(symboldoc.DataError, match=r"^\$\.page\.items\[0\]\.symbols\[0\]: expected"):
        symboldoc.from_dict(data)


def test_the_lower_level_walk_and_converter_take_any_attrs_class() -> None:
    """Without the registry: the schema walk and the converter given the class itself."""
    jsonschema = pytest.importorskip("jsonschema")
    defs = Defs()
    reference = fragment(MadeUpPage, defs)
    schema: dict[str, Any] = {**reference, "$defs": {**symboldoc.json_schema()["$defs"], **defs.schemas}}
    data = unstructure(_made_up_page())
    jsonschema.validate(data, schema)
    assert structure(data, MadeUpPage) == _made_up_page()
    assert CONVERTER.structure(data, MadeUpPage) == _made_up_page()
    assert set(defs.schemas) == {"MadeUpPage", "MadeUpItem", "MadeUpComment"}


@pytest.mark.parametrize(
    "markdown",
    [
        "[Harbor Reader](https://x.example/p.md)",
        "[A *b*](https://x.example/p.md)",
        '[A](u "a title")',
        "[`c`](u)",
        "[](u)",
    ],
)
def test_a_link_comes_back_from_json_as_it_was(markdown: str) -> None:
    """A link's JSON holds its markdown and title only when it has them: a plain link is ``{"text", "url"}``."""
    text = f'---\ntype: "Topics"\nurl: "https://longbridge.com/en/topics/1.md"\nauthor: {json.dumps(markdown)}\n---\n'
    doc = symboldoc.loads(text)
    assert isinstance(doc.page, symboldoc.TopicPage) and doc.page.author is not None
    data = symboldoc.to_dict(doc)
    link = data["page"]["author"]
    plain = markdown.startswith("[Harbor") or markdown == "[](u)"
    assert set(link) == ({"text", "url"} if plain else set(link) | {"text", "url"})
    assert ("markdown" in link) == ("*" in markdown or "`" in markdown)
    assert ("title" in link) == ("title" in markdown)
    assert symboldoc.from_dict(json.loads(json.dumps(data))).page == doc.page
