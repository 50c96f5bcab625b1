"""The generic structure: each kind of block, what it holds, and where it stands."""

from __future__ import annotations

import pickle
import threading
import tracemalloc

import pytest
from hypothesis import given
from hypothesis import strategies as st

import symboldoc
from symboldoc import (
    BlankLines,
    BlockQuote,
    FencedBlock,
    Heading,
    IndentedCode,
    Link,
    ListBlock,
    Paragraph,
    Strong,
    Table,
    ThematicBreak,
)
from symboldoc._tables import count_cells, is_delimiter_row, split_cells
from symboldoc._text import split_lines


def kinds(text: str) -> list[str]:
    return [type(block).__name__ for block in symboldoc.loads(text).blocks]


def test_atx_headings_keep_level_and_text() -> None:
    doc = symboldoc.loads("# Title\n#### Style Score Score: \n## Closed ##\n#nospace\n")
    headings = [b for b in doc.blocks if isinstance(b, Heading)]
    assert [(h.level, h.text) for h in headings] == [(1, "Title"), (4, "Style Score Score:"), (2, "Closed")]
    assert isinstance(doc.blocks[-1], Paragraph)
    assert doc.blocks[-1].text == "#nospace"


def test_setext_heading_takes_its_paragraph() -> None:
    doc = symboldoc.loads("Title\nmore\n===\n\npara\n---\n")
    first, _, second = doc.blocks
    assert isinstance(first, Heading) and (first.level, first.text) == (1, "Title\nmore")
    assert isinstance(second, Heading) and second.level == 2
    assert (first.start.line, first.end.line) == (1, 3)


def test_thematic_break_after_blank_line() -> None:
    assert kinds("text\n\n---\n\n> q") == ["Paragraph", "BlankLines", "ThematicBreak", "BlankLines", "BlockQuote"]
    assert kinds("* * *\n___\n") == ["ThematicBreak", "ThematicBreak"]


def test_paragraph_text_and_inline() -> None:
    (para,) = symboldoc.loads("**Overall: C (0.55)**").blocks
    assert isinstance(para, Paragraph)
    assert para.text == "**Overall: C (0.55)**"
    (strong,) = para.inline
    assert isinstance(strong, Strong) and strong.text == "Overall: C (0.55)"


def test_blockquote_lines_and_lazy_continuation() -> None:
    doc = symboldoc.loads("> *note*\n> Updated: 2026-04-15T04:30:17.000Z\nlazy line\n\nafter")
    quote = doc.blocks[0]
    assert isinstance(quote, BlockQuote)
    assert quote.text_lines == ["*note*", "Updated: 2026-04-15T04:30:17.000Z", "lazy line"]
    assert (quote.start.line, quote.end.line, quote.end.column) == (1, 3, 10)


def test_bullet_list_items_with_positions_and_links() -> None:
    text = "- [Related News](https://example.test/news.md)\n- **Style**: Growth - text\n  continued\n\nnext"
    doc = symboldoc.loads(text)
    listing = doc.blocks[0]
    assert isinstance(listing, ListBlock)
    assert not listing.ordered
    first, second = listing.items
    (link,) = first.inline
    assert isinstance(link, Link) and (link.text, link.url) == ("Related News", "https://example.test/news.md")
    assert second.text == "**Style**: Growth - text\ncontinued"
    assert (second.start.line, second.end.line, second.end.column) == (2, 3, 12)
    assert kinds(text) == ["ListBlock", "BlankLines", "Paragraph"]


def test_ordered_list_and_a_change_of_bullet() -> None:
    doc = symboldoc.loads("1. one\n2. two\n- other\n")
    ordered, bullets = doc.blocks
    assert isinstance(ordered, ListBlock) and ordered.ordered and len(ordered.items) == 2
    assert isinstance(bullets, ListBlock) and [i.marker for i in bullets.items] == ["-"]


def test_fenced_block_body_and_info() -> None:
    doc = symboldoc.loads("~~~ python extra\nprint(1)\n\n~~~\nafter")
    fence = doc.blocks[0]
    assert isinstance(fence, FencedBlock)
    assert (fence.fence, fence.info, fence.body, fence.closed) == ("~~~", "python extra", "print(1)\n\n", True)
    assert isinstance(doc.blocks[1], Paragraph)


def test_unclosed_fence_runs_to_the_end_with_a_warning() -> None:
    doc = symboldoc.loads("text\n\n```\ncode\n# not a heading")
    fence = doc.blocks[-1]
    assert isinstance(fence, FencedBlock) and not fence.closed
    assert fence.body == "code\n# not a heading"
    (warning,) = doc.warnings
    assert (warning.line, warning.construct) == (3, "fenced block")
    with pytest.raises(symboldoc.BlockError) as raised:
        symboldoc.loads("text\n\n```\ncode", strict=True)
    assert (raised.value.line, raised.value.column) == (3, 1)


def test_indented_code_and_blank_lines() -> None:
    doc = symboldoc.loads("    code\n\n    more\n\n\ntext")
    code, blank, para = doc.blocks
    assert isinstance(code, IndentedCode) and code.source == "    code\n\n    more\n"
    assert isinstance(blank, BlankLines) and (blank.start.line, blank.end.line) == (4, 5)
    assert isinstance(para, Paragraph)


def test_table_header_alignment_rows_and_cells() -> None:
    text = "| Left | Centre | Right | None |\n|:---|:-:|--:|---| \n|  a  | b \\| c |  | [x](https://x.test) |\n"
    (table,) = symboldoc.loads(text).blocks
    assert isinstance(table, Table)
    assert table.header == ("Left", "Centre", "Right", "None")
    assert table.alignments == ("left", "center", "right", None)
    (row,) = table.rows
    assert [cell.raw for cell in row] == ["  a  ", " b \\| c ", "  ", " [x](https://x.test) "]
    assert row.texts == ("a", "b | c", "", "[x](https://x.test)")
    assert row["None"].links[0].url == "https://x.test"
    assert [cell.start.column for cell in row] == [2, 8, 17, 20]
    assert table.records() == [{"Left": "a", "Centre": "b | c", "Right": "", "None": "[x](https://x.test)"}]
    assert table.column("Left")[0] == row[0]
    with pytest.raises(KeyError):
        row["Missing"]


def test_a_row_keeps_its_line_and_cuts_its_cells_when_asked() -> None:
    text = "| a | b |\n|---|---|\n  | 1 | two |  \r\n"
    (table,) = symboldoc.loads(text).blocks
    assert isinstance(table, Table)
    row = table.rows[0]
    assert (row.content, row.line, row.offset) == ("  | 1 | two |  ", 3, 20)
    assert row.raw_cells == (" 1 ", " two ")
    assert row.first_cell_offset == 3
    assert [(cell.raw, cell.start.column, cell.start.offset) for cell in row] == [(" 1 ", 4, 23), (" two ", 8, 27)]
    assert text[row[1].start.offset :].startswith(" two |")


def test_the_rows_of_a_wide_table_make_no_cells_until_asked() -> None:
    """A view of the rows alone costs the lines' text, not an object per cell."""
    columns = 20_000
    text = "|" + " a |" * columns + "\n|" + "---|" * columns + "\n|" + " 1 |" * columns + "\n"
    (table,) = symboldoc.loads(text).blocks
    assert isinstance(table, Table)
    tracemalloc.start()
    try:
        rows = table.all_rows
        made_for_rows, _ = tracemalloc.get_traced_memory()
        cells = [row.raw_cells for row in rows]
        made_with_cells, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert made_for_rows < 2 * len(text)  # the three lines' content, and little else
    assert made_with_cells > 10 * len(text)  # 60,000 strings of their own
    assert [len(raw) for raw in cells] == [columns] * 3


def test_table_without_outer_pipes_and_interrupting_a_paragraph() -> None:
    doc = symboldoc.loads("intro\na | b\n--|--\n1 | 2\n")
    para, table = doc.blocks
    assert isinstance(para, Paragraph) and para.text == "intro"
    assert isinstance(table, Table) and table.rows[0].texts == ("1", "2")


def test_header_and_delimiter_must_agree_to_make_a_table() -> None:
    assert kinds("| a | b |\n|---|\n") == ["Paragraph"]


def test_table_ends_at_a_blank_line_or_another_block() -> None:
    assert kinds("|a|\n|-|\n|1|\n# h\n") == ["Table", "Heading"]
    assert kinds("|a|\n|-|\n|1|\n\n|2|") == ["Table", "BlankLines", "Paragraph"]


def test_short_row_is_kept_and_reported() -> None:
    text = "| Metric | Value |\n|---|---|\n| Cut"
    doc = symboldoc.loads(text)
    (table,) = doc.tables
    assert table.rows[0].texts == ("Cut",)
    assert table.rows[0].get("Value") is None
    (warning,) = doc.warnings
    assert (warning.line, warning.column, warning.construct) == (3, 1, "table")
    assert "2 cells" in warning.expected and "found 1" in warning.detail
    with pytest.raises(symboldoc.TableError) as raised:
        symboldoc.loads(text, strict=True)
    assert raised.value.line == 3
    assert "table" in str(raised.value) and "line 3" in str(raised.value)


def test_collapsed_page_is_one_paragraph() -> None:
    text = '--- title: "X (X.US)" type: "Symbol" --- # X (X.US) ## Company Overview | Item | Detail |'
    doc = symboldoc.loads(text)
    assert doc.front_matter is None
    assert kinds(text) == ["Paragraph"]
    assert doc.warnings == ()


def test_crlf_lines_keep_their_endings_and_positions() -> None:
    text = "# A\r\n\r\n| a |\r\n|---|\r\n| 1 |\r\n"
    doc = symboldoc.loads(text)
    heading, blank, table = doc.blocks
    assert heading.source == "# A\r\n"
    assert isinstance(table, Table) and table.rows[0].texts == ("1",)
    assert (table.start.line, table.end.line, table.end.column) == (3, 5, 6)
    assert isinstance(blank, BlankLines)


def test_lone_cr_ends_lines_but_form_feed_does_not() -> None:
    doc = symboldoc.loads("# A\r# B\x0cC\r")
    assert [b.text for b in doc.blocks if isinstance(b, Heading)] == ["A", "B\x0cC"]


def test_thematic_break_is_not_a_list() -> None:
    doc = symboldoc.loads("- - -\n- item\n")
    assert isinstance(doc.blocks[0], ThematicBreak)
    assert isinstance(doc.blocks[1], ListBlock)


@given(st.text(alphabet="| \t\\ab", max_size=40))
def test_counting_cells_agrees_with_cutting_them(line: str) -> None:
    assert count_cells(line) == len(split_cells(line)[0])


# -- list items, cut from the list's source on first use ------------------------------------------

_LIST_LINES = st.lists(
    st.one_of(
        st.sampled_from(["- ", "* ", "+ ", "1. ", "2) ", "10. ", "  - ", "   1. ", "    ", "\t", "", " ", "> ", "# "]),
    ).flatmap(lambda mark: st.text(st.sampled_from("ab |*-1.\t"), max_size=5).map(lambda rest: mark + rest)),
    min_size=1,
    max_size=12,
)


def _line_starts(text: str) -> list[int]:
    """Where each line of ``text`` starts: after each ``\\r\\n``, ``\\r`` or ``\\n`` (an oracle of its own)."""
    starts, index = [0], 0
    while index < len(text):
        if text[index] == "\r" and text[index + 1 : index + 2] == "\n":
            index += 1
        if text[index] in "\r\n":
            starts.append(index + 1)
        index += 1
    return starts


def _expanded_indent(line: str) -> int:
    width = 0
    for char in line:
        if char not in " \t":
            break
        width += 1 if char == " " else 4 - width % 4
    return width


@given(_LIST_LINES, st.sampled_from(["\n", "\r\n", "\r"]))
def test_list_items_stand_where_their_lines_do(lines: list[str], ending: str) -> None:
    text = "para\n\n" + ending.join(lines) + ending
    doc = symboldoc.loads(text)
    starts = _line_starts(text)
    for block in doc.blocks:
        if not isinstance(block, ListBlock):
            continue
        copy = pickle.loads(pickle.dumps(block))  # sent before its items were cut: it cuts the same
        items = block.items
        assert copy == block and copy.items == items
        assert items and items[0].line == block.line and items[0].offset == block.offset
        assert block.ordered == (items[0].marker[-1] in ".)")
        previous_end = block.line - 1
        for item in items:
            assert item.line > previous_end and item.end_line >= item.line
            assert starts[item.line - 1] == item.offset  # an item starts at its line's start
            line_text = text[item.offset : starts[item.line] if item.line < len(starts) else None]
            content = line_text.rstrip("\r\n")
            assert item.column == 1 + _expanded_indent(content)
            assert content.lstrip(" ").startswith(item.marker)
            first_line = item.text.split("\n")[0]
            assert first_line == content.lstrip(" ")[len(item.marker) :].strip(" \t")
            end_start = starts[item.end_line - 1]
            assert item.end_offset == end_start + item.end_column - 1
            assert item.end_offset == len(text) or text[item.end_offset] in "\r\n"
            assert item.end_offset <= block.offset + len(block.source)
            previous_end = item.end_line
        assert previous_end == block.end.line


def test_a_long_list_holds_its_items_as_line_numbers_until_asked() -> None:
    text = "- a\n" * 20_000
    tracemalloc.start()
    doc = symboldoc.loads(text)
    held = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    (block,) = doc.blocks
    assert isinstance(block, ListBlock)
    assert held < 4 * len(text)  # the text, and four bytes an item (an object an item would be over 20 times it)
    assert len(block.items) == 20_000 and block.items[-1].line == 20_000


def _delimiter_row_by_cells(content: str) -> bool:
    """The delimiter-row rule read cell by cell (GFM): every cell ``:?-+:?``, border pipes optional."""
    if "|" not in content:
        return False
    cells = content.split("|")
    if not cells[0].strip(" \t"):
        cells = cells[1:]
    if cells and not cells[-1].strip(" \t"):
        cells = cells[:-1]

    def valid(cell: str) -> bool:
        core = cell.strip(" \t")
        core = core[1:] if core.startswith(":") else core
        core = core[:-1] if core.endswith(":") else core
        return bool(core) and not core.strip("-")

    return bool(cells) and all(valid(cell) for cell in cells)


@given(st.text(st.sampled_from(" \t|:-a\\"), max_size=14))
def test_delimiter_rows_are_the_cells_rule(content: str) -> None:
    assert is_delimiter_row(content) == _delimiter_row_by_cells(content)


def _read_blocks(doc: symboldoc.Document, backwards: bool, seen: list[list[int]]) -> None:
    order = range(len(doc.blocks) - 1, -1, -1) if backwards else range(len(doc.blocks))
    seen.append([id(doc.blocks[index]) for index in order])


def test_threads_asking_for_the_same_blocks_get_the_same_objects() -> None:
    text = "".join(f"## Heading {n}\n\nParagraph {n}\n\n- item {n}\n\n" for n in range(300))
    for _ in range(5):
        doc = symboldoc.loads(text)
        seen: list[list[int]] = []
        threads = [threading.Thread(target=_read_blocks, args=(doc, step % 2 == 0, seen)) for step in range(6)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        made = [id(block) for block in doc.blocks]
        assert len(seen) == 6 and all(sorted(ids) == sorted(made) for ids in seen)


def test_a_page_of_tiny_paragraphs_holds_its_sources_and_a_few_bytes_a_block() -> None:
    text = "a\n\n" * 40_000
    tracemalloc.start()
    doc = symboldoc.loads(text)
    held = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    assert len(doc.blocks) == 80_000
    # Each 'a\n' source is a str of 51 bytes (the blank lines' '\n' is Python's one-character str); the
    # rest is a pointer and some ten bytes a block: 29x the text.  A block object, with its line and
    # offset, would be over 120 bytes a block more.
    assert held < 32 * len(text)
    assert isinstance(doc.blocks[40_000], Paragraph) and doc.blocks[-1].line == 80_000


def test_blocks_compare_equal_while_another_thread_makes_them() -> None:
    text = "# h\n" * 3_000
    other = symboldoc.loads(text).blocks
    for _ in range(5):
        blocks = symboldoc.loads(text).blocks
        maker = threading.Thread(target=lambda blocks=blocks: [blocks[i] for i in range(len(blocks))])
        maker.start()
        answers = set()
        while maker.is_alive():
            answers.add(blocks == other)
        maker.join()
        assert answers <= {True} and blocks == other


def test_index_at_line_names_only_lines_a_block_holds() -> None:
    blocks = symboldoc.loads("a\r\nb\n\n\nc").blocks
    assert [blocks.index_at_line(line) for line in range(1, 6)] == [0, 0, 1, 1, 2]
    for line in (0, 6, 10**9):
        with pytest.raises(IndexError):
            blocks.index_at_line(line)
    with pytest.raises(IndexError):
        symboldoc.loads("").blocks.index_at_line(1)


def test_a_list_block_takes_its_item_lines_packed() -> None:
    with pytest.raises(TypeError):
        ListBlock("- a\n", 1, 0, (0,))  # type: ignore[arg-type]
    assert ListBlock("- a\n- b\n", 1, 0, b"\x00\x00\x00\x00\x01\x00\x00\x00").items[1].text == "b"


_FENCE_LINES = st.lists(
    st.sampled_from(["```", "```chart-data:radar", "~~~", "  ```", "", "a", "{}", "\u2028x", "```x```"]),
    max_size=8,
)


@given(_FENCE_LINES, st.lists(st.sampled_from(["\n", "\r\n", "\r"]), min_size=8, max_size=8), st.booleans())
def test_a_fenced_blocks_body_is_the_lines_between_its_fences(
    lines: list[str], endings: list[str], final: bool
) -> None:
    text = "".join(line + ending for line, ending in zip(["```", *lines], endings, strict=False))
    text = text if final else text.rstrip("\r\n")
    made = [block for block in symboldoc.loads(text).blocks if isinstance(block, FencedBlock)]
    by_hand = [FencedBlock(text, 1, 0, "```", "", closed) for closed in (True, False)]  # any source, any flag
    for block in made + by_hand:
        cut = split_lines(block.source)
        inside = cut[1:-1] if block.closed else cut[1:]
        assert block.body == "".join(inside)
