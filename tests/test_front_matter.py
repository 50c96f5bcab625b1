"""The front matter: typed keys, the locales links, other keys, and what is never done with YAML."""

from __future__ import annotations

from datetime import datetime, timezone
from decimal import Decimal
from pathlib import Path

import pytest

import symboldoc
from symboldoc import FrontMatterError

PAGE = """---
title: "Harborlight Robotics Inc. (HLRB.US)"
type: "Symbol"
locale: "en"
symbol: "HLRB.US"
datetime: "2026-04-16T09:12:45.207Z"
locales:
  - [en](https://longbridge.com/en/quote/HLRB.US.md)
  - [zh-HK](https://longbridge.com/zh-HK/quote/HLRB.US.md)
---

# Harborlight Robotics Inc. (HLRB.US)
"""


def test_typed_keys_and_locales() -> None:
    fm = symboldoc.loads(PAGE).front_matter
    assert fm is not None
    assert (fm.title, fm.type, fm.locale, fm.symbol) == (
        "Harborlight Robotics Inc. (HLRB.US)", "Symbol", "en", "HLRB.US",
    )  # fmt: skip
    assert fm.url is None and fm.name is None and fm.industry is None
    assert fm.datetime == datetime(2026, 4, 16, 9, 12, 45, 207000, tzinfo=timezone.utc)
    assert [(link.locale, link.url) for link in fm.locales] == [
        ("en", "https://longbridge.com/en/quote/HLRB.US.md"),
        ("zh-HK", "https://longbridge.com/zh-HK/quote/HLRB.US.md"),
    ]
    assert [entry.key for entry in fm.entries] == ["title", "type", "locale", "symbol", "datetime", "locales"]
    assert fm.entries[5].line == 7
    assert fm.entries[5].source.startswith("locales:\n  - [en]")


def test_front_matter_block_spans_both_boundaries() -> None:
    doc = symboldoc.loads(PAGE)
    block = doc.blocks[0]
    assert isinstance(block, symboldoc.FrontMatterBlock)
    assert (block.start.line, block.end.line, block.end.column) == (1, 10, 4)


def test_other_keys_in_order_with_exact_decimals() -> None:
    text = '---\nslug: "kc"\nregion: hk\nprice: 16.40\ncount: 3\ntags: [a, b]\nsymbol: "KC.US"\n---\n'
    fm = symboldoc.loads(text).front_matter
    assert fm is not None
    assert list(fm.extra) == ["slug", "region", "price", "count", "tags"]
    assert fm.extra["price"] == Decimal("16.40") and str(fm.extra["price"].text) == "16.40"
    assert not isinstance(fm.extra["price"], float)
    assert fm.extra["count"] == 3 and fm.extra["tags"] == ["a", "b"]
    assert fm.symbol == "KC.US"


def test_datetime_in_another_offset_is_given_in_utc() -> None:
    fm = symboldoc.loads('---\ndatetime: "2026-04-15T21:34:21.428+08:00"\n---\n').front_matter
    assert fm is not None and fm.datetime == datetime(2026, 4, 15, 13, 34, 21, 428000, tzinfo=timezone.utc)
    unquoted = symboldoc.loads("---\ndatetime: 2026-04-15T13:34:21Z\n---\n").front_matter
    assert unquoted is not None and unquoted.datetime is not None and unquoted.datetime.tzinfo is not None


def test_chinese_values_in_an_english_page() -> None:
    fm = symboldoc.loads('---\nlocale: "en"\nindustry: "汽車制造商"\n---\n').front_matter
    assert fm is not None and fm.industry == "汽車制造商"


def test_crlf_and_bom_front_matter() -> None:
    text = "\ufeff" + PAGE.replace("\n", "\r\n")
    doc = symboldoc.loads(text)
    assert doc.bom
    assert doc.front_matter is not None and doc.front_matter.symbol == "HLRB.US"
    assert doc.blocks[0].start.offset == 1
    assert symboldoc.dumps(doc) == text


def test_python_tags_are_never_executed(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    text = f'---\nx: !!python/object/apply:os.system ["touch {marker}"]\ny: !!python/name:os.system\n---\n'
    doc = symboldoc.loads(text)
    assert not marker.exists()
    assert [w.line for w in doc.warnings] == [2, 3]
    assert all(w.construct == "front matter" for w in doc.warnings)
    assert doc.front_matter is not None and doc.front_matter.extra["x"].startswith("x: !!python")
    with pytest.raises(FrontMatterError):
        symboldoc.loads(text, strict=True)
    assert not marker.exists()


def test_aliases_are_refused_so_no_alias_bomb() -> None:
    levels = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for depth in range(1, 9):
        levels.append(f"{chr(97 + depth)}: &{chr(97 + depth)} [{', '.join(['*' + chr(96 + depth)] * 9)}]")
    bomb = "---\nbomb:\n" + "\n".join("  " + level for level in levels) + "\n---\n"
    doc = symboldoc.loads(bomb)
    (warning,) = doc.warnings
    assert warning.line == 4 and "anchors and aliases" in warning.detail
    assert doc.front_matter is not None and isinstance(doc.front_matter.extra["bomb"], str)
    assert symboldoc.dumps(doc) == bomb


def test_broken_entry_names_its_line_and_column() -> None:
    text = '---\ntitle: "ok"\nname: "unclosed\nsymbol: "KC.US"\n---\n'
    doc = symboldoc.loads(text)
    assert doc.front_matter is not None and doc.front_matter.title == "ok"
    (warning,) = doc.warnings
    assert warning.line == 3 and warning.construct == "front matter"
    assert "'name'" in warning.expected
    with pytest.raises(FrontMatterError) as raised:
        symboldoc.loads(text, strict=True)
    assert (raised.value.line, raised.value.column) == (3, 7)
    assert "quoted scalar" in raised.value.detail


def test_unclosed_front_matter_is_reported_and_read_as_markdown() -> None:
    text = '---\ntitle: "cut off'
    doc = symboldoc.loads(text)
    assert doc.front_matter is None
    assert isinstance(doc.blocks[0], symboldoc.ThematicBreak)
    (warning,) = doc.warnings
    assert (warning.line, warning.column, warning.construct) == (1, 1, "front matter")
    assert "closing '---'" in warning.expected
    with pytest.raises(FrontMatterError):
        symboldoc.loads(text, strict=True)


def test_duplicate_and_mistyped_keys_are_reported() -> None:
    doc = symboldoc.loads('---\nsymbol: "A.US"\nsymbol: "B.US"\ntitle: 12\ndatetime: "soon"\nlocales: 3\n---\n')
    fm = doc.front_matter
    assert fm is not None
    assert fm.symbol == "B.US" and fm.title == "12" and fm.datetime is None and fm.locales == ()
    assert [w.line for w in doc.warnings] == [3, 4, 5, 6]


def test_comments_and_a_key_per_entry() -> None:
    doc = symboldoc.loads("---\n# a comment\ntitle: T\n  # indented comment\n---\n")
    fm = doc.front_matter
    assert fm is not None and fm.title == "T" and doc.warnings == ()
    assert [entry.key for entry in fm.entries] == [None, "title"]


def test_a_page_without_front_matter() -> None:
    doc = symboldoc.loads("# Just a heading\n")
    assert doc.front_matter is None


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("190:20:30.15", Decimal("685230.15")),
        ("-1:30.5", Decimal("-90.5")),
        ("1_000.5", Decimal("1000.5")),
        ("0.50", Decimal("0.50")),
    ],
)
def test_yaml_floats_are_decimals_that_keep_their_text(written: str, value: Decimal) -> None:
    fm = symboldoc.loads(f"---\nx: {written}\n---\n").front_matter
    assert fm is not None
    assert fm.extra["x"] == value
    assert fm.extra["x"].text == written


@pytest.mark.parametrize(
    "value", ['"9999-12-31T23:59:59-05:00"', "9999-12-31T23:59:59-05:00", '"0001-01-01T00:00:00+01:00"']
)
def test_a_datetime_utc_cannot_hold_is_a_warning_and_none(value: str) -> None:
    text = f'---\ntitle: "A"\ndatetime: {value}\n---\n'
    doc = symboldoc.loads(text)
    assert doc.front_matter is not None and doc.front_matter.datetime is None
    (problem,) = doc.warnings
    assert (problem.line, problem.column, problem.construct) == (3, 11, "front matter")
    assert "years 1 to 9999" in problem.detail
    assert symboldoc.dumps(doc) == text
    with pytest.raises(FrontMatterError) as raised:
        symboldoc.loads(text, strict=True)
    assert (raised.value.line, raised.value.column) == (3, 11)


@pytest.mark.parametrize(
    ("value", "detail"),
    [
        ("!!timestamp x", "a value its YAML tag does not fit"),
        ("!!bool x", "a value its YAML tag does not fit"),
        ("!!int x", "invalid literal for int() with base 10: 'x'"),
        ("!!timestamp 2001-02-30", "day is out of range for month"),
        ("!!binary é", "failed to convert base64 data into ascii"),
    ],
)
def test_a_value_its_tag_does_not_fit_is_a_warning(value: str, detail: str) -> None:
    text = f'---\ntitle: "A"\nodd: {value}\n---\n'
    doc = symboldoc.loads(text)
    (problem,) = doc.warnings
    assert (problem.line, problem.expected) == (3, "valid YAML for key 'odd'")
    assert detail in problem.detail
    assert symboldoc.dumps(doc) == text
    with pytest.raises(FrontMatterError):
        symboldoc.loads(text, strict=True)


def test_front_matter_links_follow_the_link_rule() -> None:
    text = "---\nlocales:\n  - [en](https://x.example/a&amp;b\\_c)\nother:\n  - [x](https://y.example/a&amp;b)\n---\n"
    doc = symboldoc.loads(text)
    assert doc.front_matter is not None
    assert [link.url for link in doc.front_matter.locales] == ["https://x.example/a&b_c"]
    assert [link.url for link in doc.front_matter.extra["other"]] == ["https://y.example/a&b"]
    assert symboldoc.dumps(doc) == text


@pytest.mark.parametrize("line", ["'': 1", '"": null', "'': \"x\""])
def test_an_empty_quoted_key_reads(line: str) -> None:
    """An empty key made ``loads`` raise IndexError (found by the write-truth strategies, issue 12)."""
    text = f"---\n{line}\n---\n"
    doc = symboldoc.loads(text)
    assert doc.front_matter is not None and "" in doc.front_matter.extra
    assert symboldoc.dumps(doc) == text and doc.warnings == ()
