"""load and dump: paths, text and binary files, encodings."""

from __future__ import annotations

import gc
import io
from pathlib import Path

import pytest

import symboldoc
from symboldoc import DecodeError

from .pages import corpus_pages, own_pages

PAGE = '---\r\ntitle: "Tidewater Motion (TWMO.US)"\r\n---\r\n\r\n# Tidewater Motion (TWMO.US)\r\n\r\nCafé ’s\n'


@pytest.fixture
def page_file(tmp_path: Path) -> Path:
    path = tmp_path / "TWMO.US.md"
    path.write_bytes(PAGE.encode("utf-8"))
    return path


def test_load_a_path_keeps_line_endings(page_file: Path) -> None:
    for source in (page_file, str(page_file)):
        doc = symboldoc.load(source)
        assert symboldoc.dumps(doc) == PAGE
        assert doc.front_matter is not None and doc.front_matter.title == "Tidewater Motion (TWMO.US)"


def test_load_binary_and_text_file_objects(page_file: Path) -> None:
    with page_file.open("rb") as handle:
        assert symboldoc.dumps(symboldoc.load(handle)) == PAGE
    with page_file.open(encoding="utf-8", newline="") as handle:
        assert symboldoc.dumps(symboldoc.load(handle)) == PAGE
    assert symboldoc.dumps(symboldoc.load(io.StringIO(PAGE))) == PAGE


def test_load_keeps_a_byte_order_mark() -> None:
    data = b"\xef\xbb\xbf# Title\n"
    doc = symboldoc.load(io.BytesIO(data))
    assert doc.bom
    out = io.BytesIO()
    symboldoc.dump(doc, out)
    assert out.getvalue() == data


def test_invalid_utf8_names_the_byte_offset() -> None:
    data = b"# Title\nab" + b"\xff rest"
    with pytest.raises(DecodeError) as raised:
        symboldoc.load(io.BytesIO(data))
    error = raised.value
    assert error.offset == 10
    assert (error.line, error.column) == (2, 3)
    assert "byte offset 10" in str(error) and "0xff" in str(error)
    assert isinstance(error, symboldoc.SymbolDocError)


def test_dump_to_path_text_and_binary_files(tmp_path: Path) -> None:
    doc = symboldoc.loads(PAGE)
    target = tmp_path / "out.md"
    symboldoc.dump(doc, target)
    assert target.read_bytes() == PAGE.encode("utf-8")
    text_out = io.StringIO(newline="")
    symboldoc.dump(doc, text_out)
    assert text_out.getvalue() == PAGE
    binary_out = io.BytesIO()
    symboldoc.dump(doc, binary_out)
    assert binary_out.getvalue() == PAGE.encode("utf-8")


def test_loads_refuses_bytes_with_a_pointer_to_load() -> None:
    with pytest.raises(TypeError, match="load"):
        symboldoc.loads(b"# bytes")  # type: ignore[arg-type]


# -- the garbage collector -------------------------------------------------------------------------------------


def test_loads_and_dumps_leave_the_collector_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    """A library touches no process-wide state: the collector is neither paused nor started, whatever its state."""

    def touched(*args: object) -> None:
        raise AssertionError("symboldoc changed the garbage collector's state")

    pages = [*own_pages().values(), *corpus_pages().values()]
    for name in ("disable", "enable", "freeze", "unfreeze", "set_threshold", "collect"):
        monkeypatch.setattr(gc, name, touched)
    for text in pages:
        doc = symboldoc.loads(text)
        doc.sections, doc.tables, doc.charts  # noqa: B018 - the generic views too
        symboldoc.dumps(doc)


def test_reading_makes_no_reference_cycles() -> None:
    # A document, and everything made while reading it, is freed by reference counting alone.
    pages = [*own_pages().values(), *corpus_pages().values()]
    gc.collect()
    gc.disable()  # the test's own pause, so that a cycle made while reading is still there to count
    try:
        for text in pages:
            doc = symboldoc.loads(text)
            doc.sections, doc.tables, doc.charts  # noqa: B018 - the generic views too
            symboldoc.dumps(doc)
            del doc
        assert gc.collect() == 0
    finally:
        gc.enable()
