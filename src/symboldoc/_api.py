"""Reading and writing documents: ``loads``, ``load``, ``dumps``, ``dump``."""

from __future__ import annotations

import io
import os
from typing import IO, Union, cast

from ._document import Document, edit_bindings, read_document
from ._edit import write_back
from ._kinds import render_text
from ._problems import DecodeError, EditError, Problem
from ._read_text import BOM
from ._readback import check_reads_back, refused
from ._text import split_lines

__all__ = ["dump", "dumps", "load", "loads"]

PathOrFile = Union[str, "os.PathLike[str]", IO[str], IO[bytes]]
Source = Union[PathOrFile, bytes, bytearray, memoryview]  # noqa: UP007 - a runtime alias, for Python 3.10


def loads(text: str, *, strict: bool = False) -> Document:
    """Read a symbol document from ``text``.

    Lenient by default: whatever cannot be read as expected stays as it was
    written and is listed in ``Document.warnings``; no ``str`` makes it
    raise.  With ``strict=True`` the first such problem raises a
    :class:`SymbolDocError`.  Either way ``dumps(loads(text)) == text``.
    """
    if not isinstance(text, str):
        raise TypeError(f"loads() takes a str, not {type(text).__name__}; use load() for bytes and files")
    return read_document(text, strict=strict)


def dumps(doc: Document, *, preserve: bool = True) -> str:
    """The text of ``doc``.

    With ``preserve`` (the default), the text it was read from, exactly;
    after an edit, only the text holding a changed fact is written anew.
    With ``preserve=False``, the text is written from the front matter and
    the typed page alone, in the pages' own layout.

    A text written anew is read back before it is returned: when it would
    not give back ``doc``'s front matter and page (or would read with a
    warning ``doc`` does not have), :class:`EditError` says where, and
    nothing is written.  Text fields are escaped where they are written,
    so this happens only for what the layout cannot hold.
    """
    try:
        if not preserve or not doc.blocks:
            text = render_text(doc.front_matter, doc.page, doc.bom, doc.final_newline)
            changed = True
        else:
            text, changed = write_back(doc, edit_bindings(doc))
            text = BOM + text if doc.bom else text
    except EditError:
        raise
    except ValueError as exc:  # a writer found a value it cannot write so that it reads back
        raise refused(str(exc)) from None
    if changed:
        check_reads_back(doc, loads(text))
    return text


def load(source: Source, *, strict: bool = False) -> Document:
    """Read a symbol document from a path, from a text or binary file object, or from bytes.

    A ``str`` or path-like is a path; ``bytes`` (or a bytearray or
    memoryview) are the document itself.  Bytes are decoded as UTF-8 (a byte
    order mark is kept, and given back by :func:`dumps`); bytes that are not
    UTF-8 raise :class:`DecodeError`, in lenient mode too, naming the offset
    of the first bad byte.  Line endings are kept as they are.
    """
    if isinstance(source, (bytes, bytearray, memoryview)):
        return loads(decode(bytes(source)), strict=strict)
    if isinstance(source, (str, os.PathLike)):
        with open(source, "rb") as handle:
            data: str | bytes = handle.read()
    else:
        data = source.read()
    if isinstance(data, bytes):
        data = decode(data)
    return loads(data, strict=strict)


def decode(data: bytes) -> str:
    """``data`` as UTF-8 text, or a :class:`DecodeError` naming the first bad byte."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        good = data[: exc.start].decode("utf-8")
        good = good[1:] if good.startswith(BOM) else good  # columns start after a byte order mark
        lines = split_lines(good)
        line = max(len(lines), 1)
        column = 1 if good.endswith(("\n", "\r")) else len(lines[-1]) + 1 if lines else 1
        if good.endswith(("\n", "\r")):
            line += 1
        problem = Problem(
            line, column, "UTF-8 text", "valid UTF-8", f"byte 0x{data[exc.start]:02x} at byte offset {exc.start}"
        )
        raise DecodeError(problem, exc.start) from None


def dump(doc: Document, target: PathOrFile) -> None:
    """Write ``doc`` to a path (as UTF-8, line endings untouched) or to a text or binary file object."""
    text = dumps(doc)
    if isinstance(target, (str, os.PathLike)):
        with open(target, "wb") as handle:
            handle.write(text.encode("utf-8"))
    elif isinstance(target, io.TextIOBase) or hasattr(target, "encoding"):
        cast("IO[str]", target).write(text)
    else:
        cast("IO[bytes]", target).write(text.encode("utf-8"))
