"""How a binding writes an edit into a list of items, or into a run of blocks that show one text.

The renders of ``Binder.list_items``, ``Binder.span`` and ``Binder.derived``
(see ``_edit``): module-level functions, so that bindings copy and pickle.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from ._blocks import Block
from ._text import line_content, line_ending, split_lines

if TYPE_CHECKING:
    from ._document import Document

__all__ = ["as_item", "items_view", "render_emptied", "render_list_items", "render_span", "render_unchanged"]


def render_span(params: tuple[Any, ...], block: Block, original: Any, now: Any) -> str:
    write, ending = params
    text: str = write(now) + ending
    return text


def render_emptied(params: tuple[Any, ...], block: Block, original: Any, now: Any) -> str:
    return ""


def render_unchanged(params: tuple[Any, ...], block: Block, original: Any, now: Any) -> str:
    return block.source


def items_view(
    items: Callable[[Document], Sequence[Any]], shown: Callable[[Any], Any], doc: Document
) -> tuple[tuple[tuple[Any, ...]], tuple[Any, ...]]:
    now = tuple(items(doc))
    return (now,), tuple(map(shown, now))


def render_list_items(params: tuple[Any, ...], block: Block, original: Any, now: Any) -> str:
    cuts, markers, write, patch = params
    _, objects, values = original
    source = block.source
    chunks = [source[start:end] for start, end in zip(cuts, (*cuts[1:], len(source)), strict=True)]
    ending = line_ending(split_lines(source)[0]) or "\n"
    place = {id(obj): number for number, obj in enumerate(objects)}
    taken: set[int] = set()
    out: list[str] = []
    for obj, value in zip(now[0][0], now[1], strict=True):
        number = place.get(id(obj))
        if number is None or number in taken:  # a new object (or one given twice): a new item
            out.append(as_item(write(value), markers[-1], ending))
            continue
        taken.add(number)
        if value == values[number]:
            out.append(chunks[number])
            continue
        lines = split_lines(chunks[number])
        end = len(lines)
        while end > 1 and not lines[end - 1].strip():
            end -= 1  # the blank lines after the item (a loose list's) stay as they are
        content, blanks = lines[:end], lines[end:]
        if patch is not None:
            written = patch([line_content(line) for line in content], values[number], value)
            new = as_item(written, markers[number], line_ending(lines[0]) or ending, marked=True)
        else:
            new = as_item(write(value), markers[number], line_ending(lines[0]) or ending)
        out.append(new + "".join(blanks))
    for number, chunk in enumerate(out[:-1]):
        if not chunk.endswith(("\n", "\r")):
            out[number] = chunk + ending  # an item that was last, at the end of the text, is followed now
    text = source[: cuts[0]] + "".join(out)
    if out and not source.endswith(("\n", "\r")):
        text = text.rstrip("\r\n")  # the list ended the text without a line ending: so it still does
    return text


def as_item(lines: list[str], marker: str, ending: str, *, marked: bool = False) -> str:
    """Lines written for a ``- `` item, given ``marker`` (``*``, ``1.``...) and its indent; each with ``ending``.

    With ``marked``, the lines already carry their item's own marker and indent.
    """
    if not marked and marker != "-":
        indent = " " * (len(marker) + 1)
        lines = [marker + lines[0][1:], *(indent + line[2:] if line.startswith("  ") else line for line in lines[1:])]
    return "".join(line + ending for line in lines)
