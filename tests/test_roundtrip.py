"""``dumps(loads(t)) == t``: for every page we have, and for any string at all."""

from __future__ import annotations

import pickle

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import symboldoc
from symboldoc import SymbolDocError

from .pages import CORPUS, corpus_pages, own_pages

OWN = own_pages()
CORPUS_PAGES = corpus_pages()
ALL_PAGES = sorted({**OWN, **CORPUS_PAGES}.values())


def assert_round_trip(text: str) -> symboldoc.Document:
    doc = symboldoc.loads(text)
    assert symboldoc.dumps(doc) == text
    return doc


def assert_blocks_tile(text: str, doc: symboldoc.Document) -> None:
    """The blocks cover the text in order, and each one's position matches its place."""
    offset = 1 if doc.bom else 0
    line = 1
    for block in doc.blocks:
        assert block.start.offset == offset
        assert block.start.line == line
        assert text[offset : offset + len(block.source)] == block.source
        lines = block.lines
        assert block.end.line == line + len(lines) - 1
        offset += len(block.source)
        line += len(lines)
        assert block.end.offset <= offset
    assert offset == len(text)


@pytest.mark.parametrize("name", sorted(OWN))
def test_own_pages_come_back_byte_for_byte(name: str) -> None:
    doc = assert_round_trip(OWN[name])
    assert_blocks_tile(OWN[name], doc)


@pytest.mark.skipif(not CORPUS_PAGES, reason=f"no shared corpus at {CORPUS}")
@pytest.mark.parametrize("name", sorted(CORPUS_PAGES))
def test_corpus_pages_come_back_byte_for_byte(name: str) -> None:
    doc = assert_round_trip(CORPUS_PAGES[name])
    assert_blocks_tile(CORPUS_PAGES[name], doc)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "\n",
        "\r\n",
        "\r",
        "\ufeff",
        "\ufeff---\ntitle: x\n---\n",
        "no front matter, no final newline",
        "a\r\nb\rc\nd",
        "\t| a |\t\n|---|\n|\tb |  ",
        "---\n",
        "---\nkey: [unclosed\n---\n",
        "```chart-data:radar\n{",
        "a\x0cb\u2028c\x85d\n",
        "|\n|-|\n|",
    ],
)
def test_edge_texts_come_back(text: str) -> None:
    doc = assert_round_trip(text)
    assert_blocks_tile(text, doc)


@settings(max_examples=500)
@given(st.text())
def test_any_string_comes_back(text: str) -> None:
    doc = assert_round_trip(text)
    assert_blocks_tile(text, doc)


# Text made of the pieces the pages are made of, so the scanner's every branch is hit.
PIECES = st.sampled_from(
    [
        "|", " | ", "---", "|---|", ":--:", "```", "~~~", "chart-data:radar", "{", "}", "[", "]", "(", ")",
        ">", "> ", "# ", "## ", "#### ", "- ", "* ", "+ ", "1. ", "2) ", "**", "_", "`", "\\", "\\|", "=",
        "\n", "\r\n", "\r", " ", "  ", "    ", "\t", "\ufeff", "a", "Text", "23.90%", "-", ":", '"', "title: ",
        "locales:\n  - [en](https://x)", "datetime: ", "&a", "*a", "!!python/object", "\u3000", "中文",
    ]
)  # fmt: skip
MARKDOWNISH = st.lists(PIECES, max_size=80).map("".join)


@settings(max_examples=500)
@given(MARKDOWNISH)
def test_markdown_like_text_comes_back(text: str) -> None:
    doc = assert_round_trip(text)
    assert_blocks_tile(text, doc)
    for table in doc.tables:
        for row in table.rows:
            assert "|".join(cell.raw for cell in row.cells) in table.source


@st.composite
def mutated_page(draw: st.DrawFn) -> str:
    """One of the pages, cut, spliced, re-ended or squeezed at random."""
    text = draw(st.sampled_from(ALL_PAGES))
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["cut", "delete", "insert", "crlf", "cr", "squeeze", "bom"]))
        at = draw(st.integers(0, len(text)))
        if kind == "cut":
            text = text[:at]
        elif kind == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 40)) :]
        elif kind == "insert":
            text = text[:at] + draw(MARKDOWNISH) + text[at:]
        elif kind == "crlf":
            text = text.replace("\n", "\r\n")
        elif kind == "cr":
            text = text.replace("\n", "\r")
        elif kind == "squeeze":
            text = " ".join(text.split())
        else:
            text = "\ufeff" + text
    return text


@settings(max_examples=500)
@given(mutated_page())
def test_mutated_pages_come_back(text: str) -> None:
    doc = assert_round_trip(text)
    assert_blocks_tile(text, doc)


@given(mutated_page())
def test_strict_raises_only_symboldoc_errors(text: str) -> None:
    try:
        doc = symboldoc.loads(text, strict=True)
    except SymbolDocError as error:
        assert error.line >= 1
        assert error.column >= 1
    else:
        assert doc.warnings == ()
        assert symboldoc.dumps(doc) == text


@given(mutated_page())
def test_lenient_warnings_are_what_strict_raises_first(text: str) -> None:
    doc = symboldoc.loads(text)
    if doc.warnings:
        with pytest.raises(SymbolDocError) as raised:
            symboldoc.loads(text, strict=True)
        assert raised.value.problem == doc.warnings[0]
    else:
        assert symboldoc.dumps(symboldoc.loads(text, strict=True)) == text


def assert_blocks_behave_as_a_tuple(text: str) -> None:
    """``doc.blocks`` (made on first use) behaves as the tuple of its blocks, and travels in pickles."""
    doc = symboldoc.loads(text)
    blocks = doc.blocks
    count = len(blocks)
    reference = tuple(symboldoc.loads(text).blocks)  # another reading, every block made in turn
    assert tuple(blocks) == reference and blocks == reference and reference == blocks
    assert list(reversed(blocks)) == list(reversed(reference))
    assert blocks[::2] == reference[::2] and blocks[1:-1] == reference[1:-1]
    for index in range(-count, count):
        assert blocks[index] is blocks[index] and blocks[index] == reference[index]
    with pytest.raises(IndexError):
        blocks[count]
    for block in blocks:
        assert blocks.index_at_line(block.line) == reference.index(block)  # type: ignore[attr-defined]
    for cls in (symboldoc.Heading, symboldoc.Table, symboldoc.FencedBlock, symboldoc.ListBlock):
        of_class = list(symboldoc.loads(text).blocks.of_class(cls))  # type: ignore[attr-defined]
        assert of_class == [block for block in reference if isinstance(block, cls)]
        fresh = symboldoc.loads(text).blocks
        other_than = fresh.other_than(cls)  # type: ignore[attr-defined]
        assert other_than == [block for block in reference if not isinstance(block, cls)]
        assert [block for block in fresh if isinstance(block, cls)] == of_class  # the others made now, alike
        for block in reference:
            if isinstance(block, symboldoc.ListBlock):
                assert block.items_cut_now() == block.items and block.items_cut_now() is not block.items
    partly = symboldoc.loads(text).blocks  # some blocks made (their own fields then live in them), some not
    for index in range(0, count, 3):
        partly[index]
    unmade = symboldoc.loads(text).blocks
    assert partly == unmade and unmade == partly and pickle.loads(pickle.dumps(partly)) == reference
    again = pickle.loads(pickle.dumps(symboldoc.loads(text)))
    assert again == doc and again.blocks == blocks and tuple(again.blocks) == reference
    assert symboldoc.dumps(again) == text


@settings(max_examples=300)
@given(st.one_of(MARKDOWNISH, mutated_page()))
def test_blocks_are_a_sequence_made_on_use(text: str) -> None:
    assert_blocks_behave_as_a_tuple(text)
