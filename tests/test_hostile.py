"""Hostile and broken input: every byte back, no crash, no code run, one result whatever the threads."""

from __future__ import annotations

import io
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import symboldoc
from symboldoc import DecodeError, SymbolDocError

from .pages import own_pages

PAGE_HEAD = '---\ntitle: "Hostile Co (HST.US)"\ntype: "Symbol"\n---\n\n# Hostile Co (HST.US)\n\n'
SIZE = 64 * 1024


def repeat(unit: str, size: int = SIZE) -> str:
    return unit * (size // len(unit))


# The shapes of benchmarks/hostile.py, small enough for the suite (that script measures their growth).
SHAPES = {
    "pipes": repeat("|"),
    "pipe lines": repeat("|||\n"),
    "backticks": repeat("`"),
    "fence lines": repeat("```\n"),
    "quote marks": repeat(">"),
    "quote lines": repeat(">\n"),
    "unclosed fences": "````\n" + repeat("```\n~~~\n"),
    "table rows": "| a | b |\n|---|---|\n" + repeat("| 1 | 2 |\n"),
    "front matter keys": "---\n" + "".join(f"k{i}: v\n" for i in range(SIZE // 8)) + "---\n",
    "emphasis and brackets": repeat("**_["),
    "one long line": repeat("a"),
    "only newlines": repeat("\n"),
    "only carriage returns": repeat("\r"),
    "blanks in a line": "Updated:" + repeat(" ") + "x",
    "nested brackets": repeat("[", SIZE // 2) + repeat("]", SIZE // 2),
    "nested quotes": repeat("> ", SIZE // 2) + "x",
    "nested lists": "".join("  " * i + "- x\n" for i in range(300)),
    "page: score paragraph": PAGE_HEAD + "## Longbridge Financial Score™: C\n\n**Overall: " + repeat("**_["),
    "page: peer names": PAGE_HEAD + "## Peer Comparison\n\n| Rank | Name |\n| --- | --- |\n"
    + repeat("| 01 | Name" + " " * 50 + "(X.US |\n"),
    "page: chart nesting": PAGE_HEAD + "## Longbridge Financial Score™: C\n\n```chart-data:radar\n"
    + repeat("[", 100_000) + "\n```\n",
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(SHAPES))
def test_hostile_shape_comes_back_and_strict_raises_only_symboldoc_errors(name: str) -> None:
    text = SHAPES[name]
    doc = symboldoc.loads(text)
    assert symboldoc.dumps(doc) == text
    for block in doc.blocks:
        getattr(block, "inline", None)  # lazy views are made without an exception
    for table in doc.tables:
        for row in table.rows:
            assert all(isinstance(cell.inline, tuple) for cell in row.cells)
    try:
        symboldoc.loads(text, strict=True)
    except SymbolDocError as error:
        assert error.line >= 1 and error.column >= 1


def test_very_long_block_keeps_its_inline_content_as_text() -> None:
    text = repeat("**_[", 200_000)
    (paragraph,) = symboldoc.loads(text).blocks
    assert paragraph.inline == (symboldoc.Text(text),)  # type: ignore[attr-defined]


def test_deep_recursion_limit_is_not_touched() -> None:
    limit = sys.getrecursionlimit()
    symboldoc.loads(SHAPES["page: chart nesting"])
    assert sys.getrecursionlimit() == limit


# -- bytes, files, line endings ------------------------------------------------------------------


@pytest.mark.parametrize("ending", ["\n", "\r\n", "\r"])
def test_line_endings_are_kept_from_bytes(ending: str) -> None:
    text = own_pages()["example.md"].replace("\n", ending)
    for source in (text.encode(), io.BytesIO(text.encode()), b"\xef\xbb\xbf" + text.encode()):
        doc = symboldoc.load(source)
        expected = text if not (isinstance(source, bytes) and source.startswith(b"\xef")) else "\ufeff" + text
        assert symboldoc.dumps(doc) == expected


def test_mixed_line_endings_are_kept() -> None:
    text = "# A\r\n\r| a |\n|---|\r\n| 1 |\r"
    assert symboldoc.dumps(symboldoc.load(text.encode())) == text


@pytest.mark.parametrize(("data", "offset", "line", "column"), [
    (b"\xff", 0, 1, 1),
    (b"# Title\n\xc3", 8, 2, 1),
    (b"ab\r\ncd\xe2\x82", 6, 2, 3),
    (b"\xef\xbb\xbf# ok \xed\xa0\x80", 8, 1, 6),  # a UTF-16 surrogate, which UTF-8 may not encode
])  # fmt: skip
def test_invalid_utf8_names_its_byte_offset_in_both_modes(data: bytes, offset: int, line: int, column: int) -> None:
    for strict in (False, True):
        with pytest.raises(DecodeError) as raised:
            symboldoc.load(data, strict=strict)
        assert raised.value.offset == offset
        assert (raised.value.line, raised.value.column) == (line, column)
        assert f"byte offset {offset}" in str(raised.value)


# -- never run code, never blow up --------------------------------------------------------------------


@pytest.mark.parametrize(
    "tag",
    [
        "!!python/object/apply:os.system",
        "!!python/object/new:os.system",
        "!!python/name:os.system",
        "!!python/module:os",
        "!<tag:yaml.org,2002:python/object/apply:os.system>",
    ],
)
def test_yaml_tags_never_run_code(tmp_path: Path, tag: str) -> None:
    marker = tmp_path / "ran"
    text = f'---\nx: {tag} ["touch {marker}"]\n---\n'
    for strict in (False, True):
        try:
            doc = symboldoc.loads(text, strict=strict)
        except SymbolDocError as error:
            assert error.construct == "front matter"
        else:
            assert symboldoc.dumps(doc) == text
    assert not marker.exists()


def test_billion_laughs_is_refused_without_building_it() -> None:
    levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for depth in range(1, 10):
        previous = chr(96 + depth)
        levels.append(f"{chr(97 + depth)}: &{chr(97 + depth)} [" + ",".join(f"*{previous}" for _ in range(9)) + "]")
    text = "---\nbomb:\n" + "".join(f"  {level}\n" for level in levels) + "---\n"
    doc = symboldoc.loads(text)
    assert doc.front_matter is not None and isinstance(doc.front_matter.extra["bomb"], str)
    assert "anchors and aliases" in doc.warnings[0].detail


@pytest.mark.parametrize(
    "body",
    [
        '{"title": 1e999999, "dimensions": []}',
        '{"title": ' + "9" * 20_000 + ', "dimensions": []}',
        "[" * 100_000 + "]" * 100_000,
        '{"title": "a", "title": "b", "dimensions": [], "dimensions": []}',
        '{"title": "\\ud800"}',
    ],
)
def test_chart_json_extremes_neither_crash_nor_hang(body: str) -> None:
    text = f"```chart-data:radar\n{body}\n```\n"
    doc = symboldoc.loads(text)
    assert symboldoc.dumps(doc) == text
    (chart,) = doc.charts
    assert chart.data is None or isinstance(chart.data, (dict, list))
    assert all(not isinstance(value, float) for value in (chart.data or {}).values() if isinstance(chart.data, dict))


def test_duplicate_chart_keys_are_reported_and_the_last_is_read() -> None:
    doc = symboldoc.loads('```chart-data:radar\n{"title": "a", "title": "b"}\n```\n')
    assert isinstance(doc.charts[0], symboldoc.RadarChart) and doc.charts[0].title == "b"
    assert [(p.line, p.column, p.detail) for p in doc.warnings] == [(2, 16, "found 'title' again")]


@pytest.mark.parametrize(
    "text",
    ["`" * 100_000, "# A (KC.US)\n\n## " + "x" * 100_000 + "\n", "---\n" + "k" * 100_000 + " x\n---\n"],
)
def test_a_warning_quotes_at_most_200_characters_of_the_page(text: str) -> None:
    doc = symboldoc.loads(text)
    assert doc.warnings
    for problem in doc.warnings:
        assert len(problem.expected) <= 200 and len(problem.detail) <= 200
    assert symboldoc.dumps(doc) == text


@pytest.mark.parametrize(
    "section",
    [
        "## Longbridge Financial Score™: C\n\n| Metric |\n| --- |\n| Industry Ranking |\n",
        "## Peer Comparison\n\n| Rank | Company |\n| --- | --- |\n| 01 | Quill Works (QWK.US) |\n",
        "## Valuation Analysis\n\n| Metric |\n| --- |\n| PE (TTM) |\n",
        "## Institutional View\n\n### Target Price\n\n| Item |\n| --- |\n| Highest Target |\n",
    ],
)
def test_a_table_without_the_columns_its_section_reads_is_reported_not_a_crash(section: str) -> None:
    text = PAGE_HEAD + section
    doc = symboldoc.loads(text)
    assert symboldoc.dumps(doc) == text
    assert doc.warnings
    with pytest.raises(SymbolDocError):
        symboldoc.loads(text, strict=True)


# -- threads --------------------------------------------------------------------------------------------


def test_many_threads_parse_as_one_does() -> None:
    texts = [*own_pages().values(), *SHAPES.values()] * 3

    def work(text: str) -> tuple[str, object, tuple[symboldoc.Problem, ...], list[object]]:
        doc = symboldoc.loads(text)
        inline = [getattr(block, "inline", None) for block in doc.blocks]
        return symboldoc.dumps(doc), doc.page, doc.warnings, inline

    alone = [work(text) for text in texts]
    with ThreadPoolExecutor(max_workers=8) as pool:
        together = list(pool.map(work, texts))
    assert together == alone


# -- arbitrary bytes -------------------------------------------------------------------------------------------


@settings(max_examples=300)
@given(st.binary(max_size=400))
def test_any_bytes_load_or_raise_a_decode_error(data: bytes) -> None:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        with pytest.raises(DecodeError) as raised:
            symboldoc.load(data)
        assert raised.value.offset == error.start
    else:
        assert symboldoc.dumps(symboldoc.load(data)) == text
