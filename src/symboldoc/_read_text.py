"""One reading of a text: its blocks, front matter, typed page, problems and edit bindings.

This is the whole way from text to model, as ``loads`` takes it: the text
cut into lines (``_text``), the lines into blocks (``_scan``), the blocks
read by their kind's reader (``_kinds``), which binds each fact it reads to
the block that shows it (``_edit``).  ``_document`` makes a
:class:`~symboldoc.Document` of it; a document that crossed from another
process reads its own text here again when it first needs its bindings.
"""

from __future__ import annotations

from typing import Any

import attrs

from ._block_store import Blocks
from ._blocks import FrontMatterBlock
from ._edit import Binder
from ._frontmatter import FrontMatter
from ._kinds import read_page
from ._problems import Problem, Reporter
from ._scan import scan
from ._text import split_lines

__all__ = ["BOM", "TextRead", "read_text"]

BOM = "\ufeff"


@attrs.frozen
class TextRead:
    """What one reading of a text found; ``binder`` holds the bindings, whose original views are not taken yet."""

    blocks: Blocks
    front_matter: FrontMatter | None
    page: Any
    problems: tuple[Problem, ...]
    bom: bool
    final_newline: bool
    binder: Binder


def read_text(text: str, *, strict: bool) -> TextRead:
    """Read ``text``; with ``strict``, the first problem raises :class:`SymbolDocError`.

    A quote page's sections are left to be read on first use (``_kinds.quote.unread``), its chart blocks
    checked with its score (``_chart_checks``): ``problems`` are those reported before them, and the
    document's reading reads them (``_document``).
    """
    bom = text.startswith(BOM)
    body = text[1:] if bom else text
    reporter = Reporter(strict=strict)
    blocks, charts = scan(split_lines(body), 1 if bom else 0, reporter)
    front = blocks[0].front_matter if blocks and isinstance(blocks[0], FrontMatterBlock) else None
    binder = Binder()
    kind, page = read_page(blocks, front, charts, reporter, binder)
    if not charts.taken:  # else the page's reader checks them when it needs them
        charts.check()
    if front is not None:
        binder.front_matter(blocks[0], kind.owned if kind is not None else ())  # type: ignore[arg-type]
    if blocks and (front is None or page is None):
        binder.absent(blocks[0], front is None, page is None)  # a front matter or a page given later: refused
    final_newline = body.endswith(("\n", "\r"))
    return TextRead(blocks, front, page, charts.among(reporter.problems), bom, final_newline, binder)
