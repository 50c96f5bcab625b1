"""Writing never lies, for news and topic pages: built or edited, each reads back the same or is refused.

The same invariant as ``test_write_truth`` holds quote pages to, over
models drawn whole (``kind_strategies``) and over edits of the project's
own news and topic pages and of the shared corpus's.
"""

from __future__ import annotations

import os

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

import symboldoc as sd

from .kind_strategies import Edit, kind_documents, kind_edits
from .pages import corpus_pages, own_pages
from .test_write_truth import reads_back

EXAMPLES = int(os.environ.get("WRITE_TRUTH_EXAMPLES", "150"))

_PAGES = {
    name: text
    for name, text in {**own_pages(), **corpus_pages()}.items()
    if sd.loads(text).kind in ("topic", "news_index", "news_article")
}


def _variants(name: str, text: str) -> dict[str, str]:
    """The page as it is, and as other writers might have written it: CRLF, other list markers, loose
    lists, no final newline, no title, a line under a news item that the layout does not document."""
    head, _, rest = text.partition("\n---\n")
    body = rest.split("\n")
    untitled = "\n".join(line for line in body if not line.startswith("# "))
    return {
        name: text,
        f"{name} (CRLF)": text.replace("\n", "\r\n"),
        f"{name} (* markers)": head + "\n---\n" + rest.replace("\n- ", "\n* "),
        f"{name} (1. markers)": head + "\n---\n" + rest.replace("\n- ", "\n1. ").replace("\n  - ", "\n   - "),
        f"{name} (loose lists)": head + "\n---\n" + rest.replace("\n- ", "\n\n- ").replace("\n\n\n- ", "\n\n- "),
        f"{name} (no final newline)": text.rstrip("\n"),
        f"{name} (no title)": head + "\n---\n" + untitled,
        f"{name} (another line)": text.replace(
            "  - Summary:", "  - Source: [KC.US](https://longbridge.com/en/quote/KC.US.md)\n  - Summary:", 1
        ),
    }


KIND_PAGES = {key: value for name, text in _PAGES.items() for key, value in _variants(name, text).items()}


def test_every_kind_has_pages_to_edit() -> None:
    kinds = {sd.loads(text).kind for text in KIND_PAGES.values()}
    assert kinds == {"topic", "news_index", "news_article"}


def test_every_variant_page_is_given_back_byte_for_byte() -> None:
    for name, text in KIND_PAGES.items():
        assert sd.dumps(sd.loads(text)) == text, name


@settings(max_examples=EXAMPLES)
@given(kind_documents)
def test_a_news_or_topic_page_built_in_code_reads_back(doc: sd.Document) -> None:
    reads_back(doc, preserve=False)
    reads_back(doc, preserve=True)


@settings(max_examples=EXAMPLES)
@given(kind_documents)
def test_a_news_or_topic_page_in_the_layout_is_written_again_exactly(doc: sd.Document) -> None:
    served = sd.dumps(doc, preserve=False)
    again = sd.loads(served)
    assert again.kind == doc.kind
    assert again.warnings == ()
    assert sd.dumps(again, preserve=False) == served
    assert sd.dumps(again) == served


@settings(max_examples=EXAMPLES)
@given(st.sampled_from(sorted(KIND_PAGES)), st.lists(kind_edits(), min_size=1, max_size=4), st.booleans())
def test_an_edited_news_or_topic_page_reads_back(name: str, edits: list[Edit], preserve: bool) -> None:
    doc = sd.loads(KIND_PAGES[name])
    for edit in edits:
        edit(doc)
    try:
        _reads_back(name, doc, preserve)
    except sd.EditError as error:
        # preserve=True may refuse a change of the page's shape (a section the text has no place for):
        # that is written with preserve=False, which must take it.
        assert preserve, error
        assert "preserve=False" in str(error), error
        _reads_back(name, doc, preserve=False)


def _reads_back(name: str, doc: sd.Document, preserve: bool) -> None:
    """``reads_back``; a page whose news item has symbols on a line the layout does not document cannot be
    written from its model (the documented refusal), and nothing else may be refused."""
    try:
        reads_back(doc, preserve)
    except sd.EditError as error:
        if "how a news item shows its symbols has not been seen" not in str(error):
            raise
        assert "(another line)" in name and not preserve, error


@settings(max_examples=EXAMPLES)
@given(st.sampled_from(sorted(KIND_PAGES)), kind_edits())
def test_an_edit_leaves_the_lines_it_does_not_touch(name: str, edit: Edit) -> None:
    """Minimal diffs: the front matter is untouched by an edit of the body, and the body by one of the front matter."""
    text = KIND_PAGES[name]
    doc = sd.loads(text)
    before = sd.loads(text)
    edit(doc)
    try:
        written = sd.dumps(doc)
    except sd.EditError:
        return  # a change of the page's shape, written with preserve=False (above)
    head, body = _split(text)
    new_head, new_body = _split(written)
    same_id = getattr(doc.page, "id", None) == getattr(before.page, "id", None)
    if doc.front_matter == before.front_matter and _owned(doc) == _owned(before) and same_id:
        assert new_head == head
    if doc.page == before.page or _only_owned_changed(doc, before):
        assert new_body == body


def _split(text: str) -> tuple[str, str]:
    """The front matter's text and the rest."""
    end = text.index("\n---", 3) + 4
    return text[:end], text[end:]


def _owned(doc: sd.Document) -> tuple[object, ...]:
    return tuple(getattr(doc.page, name, None) for name in ("description", "author"))


def _only_owned_changed(doc: sd.Document, before: sd.Document) -> bool:
    page, old = doc.page, before.page
    return all(
        getattr(page, field.name) == getattr(old, field.name)
        for field in attrs.fields(type(page))
        if field.name not in ("description", "author", "id")
    )
