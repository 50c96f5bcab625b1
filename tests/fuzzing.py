"""What the atheris harness (``fuzz/fuzz_symboldoc.py``) and its hypothesis twin (``test_fuzzing.py``) share.

- :func:`hostile_text`: a text made from real pages, mutated by lines and by
  markdown tokens (lone surrogates, odd line endings, NUL, byte order marks,
  fences, pipes, links with odd destinations, extreme datetimes, YAML tags,
  keys given twice in chart JSON...), or an arbitrary string.  Every choice
  is asked of a :class:`Choices`, so a fuzzer's bytes or hypothesis's draws
  steer the same generator.
- :func:`check_reading`: every promise symboldoc makes of a text it reads,
  checked through every view and entry point.
"""

from __future__ import annotations

import copy
import functools
import json
import pickle
from collections.abc import Sequence
from typing import Any, Protocol

import jsonpatch

import symboldoc
from symboldoc import Document, EditError, SymbolDocError
from symboldoc._document import read_document

from .pages import corpus_pages, own_pages

__all__ = ["SEED_PAGES", "TOKENS", "Choices", "check_reading", "hostile_text", "open_every_view"]


class Choices(Protocol):
    """A source of choices: a whole number from ``low`` to ``high``, both included."""

    def integer(self, low: int, high: int) -> int: ...


#: The pages mutations start from: the project's own, and the shared corpus when it is beside the checkout.
SEED_PAGES: tuple[str, ...] = tuple(sorted({**own_pages(), **corpus_pages()}.values()))

#: Pieces a mutation puts into a page: what has broken symboldoc, or could.
TOKENS: tuple[str, ...] = (
    # characters
    "\ud800", "\udfff", "\udbff\udc00", "\x00", "\ufeff", "\r", "\r\n", "\n", "\u2028", "\u2029", "\x85", "\x0b",
    "\x0c", "\t", " ", "  ", "\xa0", "\U000f0000", "\U00100000", "é", "™", "中",
    # blocks
    "```", "~~~", "````\n", "```chart-data:radar\n", "```chart-data:bar\n", "```\n", "    code\n", "> ", ">", "- ",
    "* ", "1. ", "1) ", "# ", "## ", "#### ", "---\n", "***\n", "===\n", "<div>\n", "\n\n",
    # tables
    "|", "\\|", "||", "| --- |", "|---|---|\n", "|:--:|", "| a | b |\n", "|  |",
    # inline
    "**", "*", "_", "`", "~~", "[", "]", "(", ")", "<", ">", "&", "&amp;", "&#0;", "&#x110000;", "\\", "!",
    "[a](h\ud800)", "[a](<b c>)", "[a](x\\)y)", "[a](&amp;q)", '[a](b "t\ud800")', "[a](b 't')", "[a]()",
    "<http://x.example/\ud800>", "<me@x.example>", "![i](\udfff)", "[a](b)(c)", "[[a](b)](c)",
    # values
    "9999-12-31T23:59:59-05:00", "0001-01-01T00:00:00+01:00", "99999-01-01T00:00:00Z", "2026-13-45T25:61:61Z",
    "2026-04-15T13:34:21.428Z", "1e999999", "-0.00%", "12345678901234567890.5T", "NaN", "Infinity", "20 / 32",
    "23/32", "-", "A", "Z",
    # front matter
    "!!binary aGk=", "!!set {a, b}", "!!omap [{a: 1}]", "!!pairs [{a: 1}, {a: 2}]", "!!python/object/apply:os.system",
    "!!float", "!!timestamp 2001-12-14", ".nan", ".inf", "-.inf", "&a [1]", "*a", "{? [1, 2] : x}", "{1: a, '1': b}",
    "[" * 70 + "]" * 70, "'", '"', "key: value\n", 'type: "Symbol"\n', 'type: "quote"\n', "datetime: ",
    "locales:\n  - [en](https://x.example)\n", "'': 1\n", '"": x\n', "'':", '"a: b": c\n', "? a\n",
    # chart JSON
    '"title": "x", "title": "y", ', '"rating": "A", "rating": "B"', '"value": "1%", "value": 2', '{"a": 1, "a": 2}',
    '"dimensions": [], ', "[[[[[[[[[[", "]]]]]]]]]]", "{", "}",
    # the pages' own labels
    "## Company Overview\n", "## Longbridge Financial Score™: C\n", "## Longbridge Financial Score™: Z\n",
    "**Overall: C (0.55)**", "**Overall: Z (x)**", "**Industry**: ", "**Multi Score**: ", "#### Multi Score Score: \n",
    "#### Style Score Score: \n", "| Indicator | Value | Rating |\n", "| Metric | Value |\n", "## Valuation Analysis\n",
    "## Peer Comparison\n", "| 01 | A  (B.US) | A | B | C | D | E | A |\n", "## Institutional View\n",
    "### Analyst Rating Distribution\n", "### Target Price Forecast\n", "> Updated: ", "> As of ", "Total Analysts: **",
    "## References\n", "> **Disclaimer: ", "- **Style**: ", "- **Scale**: ",
    # news and topic pages
    'type: "Topics"\n', 'type: "News"\n', 'url: "https://longbridge.com/en/topics/12.md"\n',
    'url: "https://longbridge.com/en/news.md"\n', 'url: "https://longbridge.com/en/news/34.md"\n',
    'author: "[A](https://x.example/p.md)"\n', 'description: "d"\n', "### Related Stocks\n", "## Comments (2)\n",
    "## Comments (x)\n", "- **A · 2026-03-18T09:26:09.000Z**: ", "- **A·B · x**: ", " \u00b7 ", "# Longbridge News\n",
    "- [T](https://longbridge.com/en/news/5.md)\n", "  - Datetime: ", "  - Summary: ", "  - Other: ",
    "[KC.US](https://longbridge.com/en/quote/KC.US.md)", "(https://longbridge.com/en/quote/X.md)",
)  # fmt: skip


def _position(choices: Choices, text: str) -> int:
    return choices.integer(0, len(text))


def _mutate(choices: Choices, text: str) -> str:
    """One mutation of ``text``, by line or by token."""
    operation = choices.integer(0, 9)
    lines = text.splitlines(keepends=True) or [""]
    line = choices.integer(0, len(lines) - 1)
    token = TOKENS[choices.integer(0, len(TOKENS) - 1)]
    if operation == 0:  # a token put in at a place
        at = _position(choices, text)
        return text[:at] + token + text[at:]
    if operation == 1:  # a span replaced by a token
        at = _position(choices, text)
        return text[:at] + token + text[at + choices.integer(0, 40) :]
    if operation == 2:  # a line removed
        del lines[line]
    elif operation == 3:  # a line given twice
        lines.insert(line, lines[line])
    elif operation == 4:  # two lines swapped
        other = choices.integer(0, len(lines) - 1)
        lines[line], lines[other] = lines[other], lines[line]
    elif operation == 5:  # a line of a token put in
        lines.insert(line, token + "\n")
    elif operation == 6:  # a line ending changed, or taken away
        content = lines[line].rstrip("\r\n")
        lines[line] = content + ("\r\n", "\r", "", "\u2028", "\n\n")[choices.integer(0, 4)]
    elif operation == 7:  # the text cut off
        return text[: _position(choices, text)]
    elif operation == 8:  # a token at the start of a line
        lines[line] = token + lines[line]
    else:  # a line's content taken from another line (a row moved into another table, a heading doubled)
        lines[line] = lines[choices.integer(0, len(lines) - 1)]
    return "".join(lines)


def hostile_text(choices: Choices, arbitrary: Sequence[str] = ()) -> str:
    """A mutated page (or, now and then, one of the ``arbitrary`` strings the caller made)."""
    if arbitrary and choices.integer(0, 7) == 0:
        return arbitrary[choices.integer(0, len(arbitrary) - 1)]
    text = SEED_PAGES[choices.integer(0, len(SEED_PAGES) - 1)] if SEED_PAGES else ""
    for _ in range(choices.integer(0, 6)):
        text = _mutate(choices, text)
    return text


# -- the promises -------------------------------------------------------------------------------------------


def open_every_view(doc: Document) -> list[Any]:
    """Make every lazy view of ``doc``: blocks, sections, tables, rows, cells, inline content, charts, the page."""
    seen: list[Any] = []
    for block in doc.blocks:
        seen += [block.start, block.end, block.lines]
        for name in ("text", "inline", "plain_text", "body", "text_lines", "ordered", "alignments", "chart"):
            seen.append(getattr(block, name, None))
        for item in getattr(block, "items", ()):
            seen += [item.inline, item.start, item.end]
    for root in doc.sections:
        for section in root.walk():
            seen += [section.title, section.level, section.tables, doc.section(section.title)]
    for table in doc.tables:
        seen += [table.header, table.alignments, table.records(), table.header_row, table.delimiter_row]
        for name in dict.fromkeys(table.header):
            seen.append(table.column(name))
        for row in table.all_rows:
            seen += [row.start, row.texts, len(row), [row.text(name) for name in table.header]]
            for cell in row:
                seen += [cell.text, cell.inline, cell.links, cell.start, str(cell)]
    for chart in doc.charts:
        seen += [chart.type, chart.data]
        if isinstance(chart, symboldoc.RadarChart):
            seen += [chart.title, chart.dimensions, chart.indicators]
    seen += [
        doc.front_matter, doc.page, doc.title, doc.symbol, doc.supported_languages, doc.overview, doc.key_drivers,
        doc.score, doc.valuation, doc.peers, doc.analysts, doc.target_price, doc.references, doc.disclaimer,
    ]  # fmt: skip
    if doc.valuation is not None:
        seen += [doc.valuation.metrics, [doc.valuation.get(metric) for metric in doc.valuation.metrics]]
    if doc.score is not None:
        seen += [doc.score.multi_score, [doc.score.group(group.name) for group in doc.score.groups]]
    page = doc.page
    seen.append(doc.kind)
    if isinstance(page, symboldoc.TopicPage):
        seen += [page.id, page.description, page.author, page.related, page.comments_count]
        seen += [(comment.author, comment.datetime, comment.text) for comment in page.comments]
    elif isinstance(page, symboldoc.NewsIndex):
        seen += [(item.title, item.url, item.id, item.datetime, item.summary, item.symbols) for item in page.items]
    elif isinstance(page, symboldoc.NewsArticle):
        seen += [page.id, page.description, page.body, page.symbols]
    return seen


@functools.cache
def _first_seed() -> symboldoc.Document:
    """A whole page to diff every fuzzed page against (read once: no test changes it)."""
    return symboldoc.loads(SEED_PAGES[0])


def check_snapshots(doc: symboldoc.Document, other: symboldoc.Document | None = None) -> None:
    """The archive's promises on a page read from any text: no change from itself; facts named once each;
    and against ``other``, a fingerprint equal exactly when nothing changed, and a patch that applies."""
    assert not symboldoc.diff(doc, doc), "a page changed from itself"
    paths = [row[4] for row in symboldoc.fact_rows(doc)]
    assert len(paths) == len(set(paths)), "two facts of one page have one path"
    if other is None:
        return
    changes = symboldoc.diff(doc, other)
    assert (symboldoc.fingerprint(doc) == symboldoc.fingerprint(other)) == (not changes)
    patched = jsonpatch.apply_patch(symboldoc.to_dict(doc), changes.to_json_patch())
    wanted = symboldoc.to_dict(other)
    patched["warnings"] = wanted["warnings"]
    if patched.get("front_matter") and wanted.get("front_matter"):
        patched["front_matter"]["datetime"] = wanted["front_matter"]["datetime"]
    assert patched == wanted, "the JSON patch does not give the other page"


def check_reading(text: str, *, thorough: bool = True) -> None:
    """Every promise of reading ``text``; an ``AssertionError`` (or the exception itself) says which broke.

    ``thorough`` adds what costs more than the rest together: the text read
    again from its UTF-8 bytes, the page written from the model alone read
    again, copies and pickles.
    """
    doc = symboldoc.loads(text)  # lenient: never raises on a str
    assert symboldoc.dumps(doc) == text, "not given back byte for byte"  # a quote page's sections not read yet
    open_every_view(doc)
    at_once = read_document(text, strict=False, lazy=False)
    assert doc == at_once and doc.warnings == at_once.warnings, "the sections read on use differ from a whole reading"
    data = symboldoc.to_dict(doc)
    json.dumps(data, allow_nan=False)  # always JSON
    assert symboldoc.dumps(doc) == text, "the views changed what is written"
    check_snapshots(doc)

    try:
        strict = symboldoc.loads(text, strict=True)
    except SymbolDocError as error:  # nothing but SymbolDocError, and for the first problem lenient reading lists
        assert doc.warnings, f"strict raised {error!r}, lenient found nothing"
        assert error.problem == doc.warnings[0], f"strict raised {error.problem}, lenient listed {doc.warnings[0]}"
    else:
        assert strict.warnings == () and doc.warnings == ()

    if not thorough:
        return
    try:
        # The model alone writes a page that reads back as it (dumps checks), or refuses to write it:
        # a page may show what its layout cannot hold once read (a line break from an entity in a name).
        written = symboldoc.dumps(doc, preserve=False)
    except EditError:
        pass
    else:
        rewritten = symboldoc.loads(written)
        assert rewritten.page == doc.page, "the model alone writes a page that reads otherwise"
        check_snapshots(doc, rewritten)
    check_snapshots(doc, _first_seed())
    try:
        encoded = text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: no bytes hold it
        pass
    else:
        assert symboldoc.dumps(symboldoc.load(encoded)) == text
    check_blocks(text, doc)
    for twin in (copy.copy(doc), copy.deepcopy(doc), pickle.loads(pickle.dumps(doc))):
        assert symboldoc.dumps(twin) == text, "a copy does not write what the original does"
        assert twin.page == doc.page, "a copy does not hold what the original does"
        assert symboldoc.to_dict(twin) == data  # (a NaN in the front matter equals no copy of itself)
    check_copies_after_an_edit(text)


def check_blocks(text: str, doc: symboldoc.Document) -> None:
    """``doc.blocks``, whose blocks are made on first use, is the tuple of its blocks whichever way it is asked."""
    made = tuple(doc.blocks)
    fresh = symboldoc.loads(text).blocks  # nothing made yet
    assert isinstance(fresh, symboldoc.Blocks)
    assert fresh == made and made == fresh and fresh == doc.blocks, "blocks read twice differ"
    assert fresh[::-2] == made[::-2] and list(reversed(fresh)) == list(reversed(made))
    for cls in (symboldoc.Heading, symboldoc.Table, symboldoc.FencedBlock, symboldoc.ListBlock, symboldoc.Block):
        assert list(symboldoc.loads(text).blocks.of_class(cls)) == [b for b in made if isinstance(b, cls)]
        assert symboldoc.loads(text).blocks.other_than(cls) == [b for b in made if not isinstance(b, cls)]
    for index, block in enumerate(made):
        assert fresh.index_at_line(block.line) == index and fresh[index] is fresh[index - len(made)]
    assert "".join(fresh.sources) == "".join(block.source for block in made)
    assert pickle.loads(pickle.dumps(fresh)) == made


def _written(doc: symboldoc.Document) -> object:
    """What ``dumps`` gives for ``doc``: its text, or the kind of error it raises."""
    try:
        return symboldoc.dumps(doc)
    except (symboldoc.EditError, symboldoc.SymbolDocError, ValueError) as error:
        return type(error)


def check_copies_after_an_edit(text: str) -> None:
    """An edit made before a copy or a pickle is written by the copy as by the original (a copy makes its model
    when first used, and most of its bindings from a new reading of its text)."""
    doc = symboldoc.loads(text)
    if doc.score is not None:
        doc.score.grade = "A" if doc.score.grade != "A" else "B"
    elif doc.front_matter is not None:
        doc.front_matter.title = (doc.front_matter.title or "") + " (edited)"
    else:
        return
    expected = _written(doc)
    for twin in (copy.copy(doc), copy.deepcopy(doc), pickle.loads(pickle.dumps(doc))):
        assert _written(twin) == expected, "a copy made after an edit does not write what the original does"
