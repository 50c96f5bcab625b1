"""Inline content: one rule for link destinations on every path, lone surrogates read like any character."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import symboldoc
from symboldoc import Image, Link, Text
from symboldoc._escape import _without_strong
from symboldoc._inline import iter_links, parse_inline, parse_with_mistune, plain_text

# Pieces of a link destination: how each is written, and what it says.
DESTINATION_PIECES = [
    ("a", "a"),
    ("Z9", "Z9"),
    ("/", "/"),
    ("%20", "%20"),  # an escape already written stays as written
    ("é", "é"),  # never percent-encoded
    ("中", "中"),
    ("\ud800", "\ud800"),  # a lone surrogate is a character like any other
    ("\udfff", "\udfff"),
    ("&amp;", "&"),
    ("&#65;", "A"),
    ("&#x42;", "B"),
    ("&#0;", "\ufffd"),
    ("&copy;", "©"),
    ("&nosuchentity;", "&nosuchentity;"),
    ("&", "&"),
    ("\\_", "_"),
    ("\\(", "("),
    ("\\)", ")"),
    ("\\\\", "\\"),
    ("\\a", "\\a"),  # a backslash before what is not punctuation stays
    ("?q=1#f", "?q=1#f"),
    ("[x]", "[x]"),
    ("'", "'"),
    ('"', '"'),
    ("*", "*"),
]
LABELS = st.text(alphabet="abc XYZ-.0", min_size=1, max_size=6).filter(lambda label: label.strip() == label)


@st.composite
def destinations(draw: st.DrawFn) -> tuple[str, str]:
    pieces = draw(st.lists(st.sampled_from(DESTINATION_PIECES), min_size=1, max_size=8))
    return "".join(written for written, _ in pieces), "".join(meaning for _, meaning in pieces)


@settings(max_examples=400)
@given(destinations(), LABELS, st.sampled_from(["", "x ", "**b** "]), st.sampled_from(["", " y", " *e*"]))
def test_a_link_destination_is_as_written_with_escapes_and_entities_resolved(
    destination: tuple[str, str], label: str, before: str, after: str
) -> None:
    written, meaning = destination
    for text in (f"{before}[{label}]({written}){after}", f"{before}[{label}](<{written}>){after}"):
        links = list(iter_links(parse_inline(text)))
        assert [link.url for link in links] == [meaning], text
        assert links[0].text == label


TITLE_PIECES = [piece for piece in DESTINATION_PIECES if piece[0] != '"'] + [("&quot;", '"'), ('\\"', '"'), (" ", " ")]


@settings(max_examples=200)
@given(destinations(), st.lists(st.sampled_from(TITLE_PIECES), min_size=1, max_size=8))
def test_a_title_follows_the_same_rule(destination: tuple[str, str], title: list[tuple[str, str]]) -> None:
    written, meaning = destination
    title_written = "".join(piece for piece, _ in title)
    (link,) = iter_links(parse_inline(f'x [a]({written} "{title_written}")'))
    assert (link.url, link.title) == (meaning, "".join(said for _, said in title))


def test_the_issue_examples_read_without_an_error_in_both_modes() -> None:
    page = "# A (KC.US)\n\n## References\n\n- x [a](h\ud800)\n"
    doc = symboldoc.loads(page)
    assert [link.url for link in doc.references] == ["h\ud800"]
    assert symboldoc.loads("x [a](h\ud800)\n").blocks[0].inline == (  # type: ignore[attr-defined]
        Text("x "),
        Link("h\ud800", (Text("a"),)),
    )
    with pytest.raises(symboldoc.SymbolDocError):  # strict: the page is cut off, and says so
        symboldoc.loads(page, strict=True)


def test_a_surrogate_in_a_cell_a_title_and_an_image_reads() -> None:
    table = "| Item | Detail |\n|---|---|\n| Website | see [a](h\ud800 't\udc00') ![i](\ud801) |\n"
    (row,) = symboldoc.loads(table).tables[0].rows
    nodes = row["Detail"].inline
    assert nodes[1] == Link("h\ud800", (Text("a"),), "t\udc00")
    assert nodes[3] == Image("\ud801", (Text("i"),))


def test_an_autolink_is_its_text() -> None:
    assert parse_inline("see <https://a.example/x\\y&amp;>") == (
        Text("see "),
        Link("https://a.example/x\\y&amp;", (Text("https://a.example/x\\y&amp;"),)),
    )
    assert parse_inline("<ir@a.example>")[0] == Link("mailto:ir@a.example", (Text("ir@a.example"),))


def test_text_that_holds_every_stand_in_for_surrogates_is_kept_as_text() -> None:
    stand_ins = "".join(chr(code) for base in (0xF0000, 0x100000) for code in range(base, base + 0x800))
    text = f"[a](\ud800) {stand_ins}"
    assert parse_inline(text) == (Text(text),)


# The characters that make inline syntax, and some that sit next to it.
INLINE_ALPHABET = st.sampled_from(
    [*"ab [](){}<>!&;#*_`~\\\n \t\r\x0c\xa0\u2028%:/.\"'", "\ud800", "&amp;", "&#65;", "http://x", "a@b.co", "  \n"]
)


@settings(max_examples=3000)
@given(st.lists(INLINE_ALPHABET, min_size=1, max_size=24).map("".join))
def test_the_shortcuts_read_as_mistune_does(text: str) -> None:
    """Plain text and a lone link skip mistune; what they give is what mistune's path gives."""
    assert parse_inline(text) == parse_with_mistune(text)


@settings(max_examples=1000)
@given(LABELS, st.text(min_size=1, max_size=12))
def test_a_lone_link_reads_as_mistune_reads_it(label: str, destination: str) -> None:
    text = f"[{label}]({destination})"
    assert parse_inline(text) == parse_with_mistune(text)


def test_an_entity_that_stands_for_a_stand_in_stays_itself_beside_a_surrogate() -> None:
    """Surrogates are masked with private-use characters while mistune reads; an entity naming one is no surrogate."""
    for text in ("[a](x&#xF0000;)", "[a](x&#xF0000; '&#xF0000;') \ud800"):
        (link, *_) = parse_inline(text)
        assert isinstance(link, Link) and link.url == "x\U000f0000"
    (_, link, _) = parse_inline("x [a](\ud800&#xF0000;) \ud800")
    assert isinstance(link, Link) and link.url == "\ud800\U000f0000"


@given(st.text(st.sampled_from(list("ab (),.*:1 \t")), max_size=14))
def test_the_strong_shortcut_reads_as_mistune_does(text: str) -> None:
    """The labels' shortcut (``**Overall: C (0.55)**`` without mistune) gives mistune's plain text, or declines."""
    fast = _without_strong(text)
    if fast is not None:
        assert fast.strip() == plain_text(parse_with_mistune(text)).strip()
