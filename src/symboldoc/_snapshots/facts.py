"""The facts of pages as rows: one row per fact per document, the long ("tidy") table of an archive.

``fact_rows`` needs nothing beyond the standard library; ``facts`` makes a
pandas frame of them (the ``archive`` extra).  The columns
(:data:`FACT_COLUMNS`):

* ``symbol``: the page's symbol (``KC.US``), null for a page that has none
  (a news or topic page);
* ``kind``: the page's kind (``quote``, ``news_index``, ``news_article``,
  ``topic``), null for a page of no known kind;
* ``datetime``: the front matter's ``datetime``, aware UTC (null on older
  pages, which have none);
* ``fingerprint``: the page's :func:`fingerprint`;
* ``path``: the fact's path, as ``diff`` names it;
* ``value``: the fact as the page writes it (``"23.90%"``, ``"20 / 32"``,
  ``"C"``, a datetime in ISO 8601 UTC, a link as markdown);
* ``number``: a number's amount, exact (``Decimal``: ``23.90`` for
  ``23.90%``, ``94830000000.00`` for ``94.83B``), and a count's; else null;
* ``unit``: a number's unit (``%``, ``K``, ``M``, ``B``, ``T``), else null;
* ``grade``: the grade, where the fact is one (``A`` .. ``E``);
* ``rank_position``, ``rank_total``: a rank's two numbers.

A fact is a value the page gives: absent values (``-``) have no row, and
neither has the volatile ``datetime`` (it is its own column).
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from symboldoc._document import Document
from symboldoc._pandas import pandas_module
from symboldoc._values import Number, Rank, in_utc

from .fingerprint import snapshot_fingerprint
from .paths import FRONT_MATTER, entry_path, field_path, item_path, value_text
from .tree import Items, Leaf, Node, Record, snapshot

if TYPE_CHECKING:
    import pandas

__all__ = [
    "FACT_COLUMNS",
    "HEAD_COLUMNS",
    "Fact",
    "FactRow",
    "PageHead",
    "fact_rows",
    "facts",
    "facts_frame",
    "page_facts",
]

#: The columns of :func:`facts`, in order (see the module).
FACT_COLUMNS = (
    "symbol",
    "kind",
    "datetime",
    "fingerprint",
    "path",
    "value",
    "number",
    "unit",
    "grade",
    "rank_position",
    "rank_total",
)

#: What every row of a page shares: ``symbol``, ``kind``, ``datetime``, ``fingerprint``.
PageHead = tuple[str | None, str | None, _dt.datetime | None, str]
#: One fact of a page: the other columns, ``path`` .. ``rank_total``.
Fact = tuple[str, str, Decimal | None, str | None, str | None, int | None, int | None]
#: The columns a page's head gives.
HEAD_COLUMNS = 4

#: One row: the values of :data:`FACT_COLUMNS`, in order.
FactRow = tuple[
    str | None,
    str | None,
    _dt.datetime | None,
    str,
    str,
    str,
    Decimal | None,
    str | None,
    str | None,
    int | None,
    int | None,
]

#: The pandas dtypes of :func:`facts`' columns (``number`` holds ``Decimal`` objects).
_DTYPES = {
    "symbol": "string",
    "kind": "string",
    "datetime": "datetime64[us, UTC]",
    "fingerprint": "string",
    "path": "string",
    "value": "string",
    "number": "object",
    "unit": "string",
    "grade": "string",
    "rank_position": "Int64",
    "rank_total": "Int64",
}


def fact_rows(doc: Document) -> list[FactRow]:
    """The facts of one document as rows of :data:`FACT_COLUMNS` (see the module), in the page's order."""
    head, facts = page_facts(doc)
    return [(*head, *fact) for fact in facts]


def page_facts(doc: Document) -> tuple[PageHead, list[Fact]]:
    """A document's facts as its head (the first four columns, the same on every row) and one tuple per fact."""
    facts = snapshot(doc)
    symbol = doc.symbol
    fm = doc.front_matter
    when = in_utc(fm.datetime) if fm is not None and fm.datetime is not None else None
    head = (None if symbol is None else str(symbol), facts.kind, when, snapshot_fingerprint(facts))
    found = _leaves(facts.page, "", _leaves(facts.front_matter, FRONT_MATTER, []))
    return head, [(path, *_described(leaf)) for path, leaf in found]


def facts(documents: Iterable[Document]) -> pandas.DataFrame:
    """The facts of ``documents`` as one pandas frame, one row per fact per document (see the module).

    Needs the ``archive`` extra (pandas).  The dtypes: ``string`` for the
    texts, ``datetime64[us, UTC]``, ``Int64`` for the rank's numbers, and
    ``object`` for ``number``, which holds exact ``Decimal`` values (or None).
    """
    return facts_frame([row for doc in documents for row in fact_rows(doc)])


def facts_frame(rows: Sequence[FactRow], extra: str = "archive") -> pandas.DataFrame:
    """Rows of :data:`FACT_COLUMNS` as the pandas frame :func:`facts` gives (the dtypes of the module)."""
    pandas = pandas_module(extra)
    return pandas.DataFrame(list(rows), columns=list(FACT_COLUMNS)).astype(_DTYPES)


def _leaves(node: Node, path: str, found: list[tuple[str, Leaf]]) -> list[tuple[str, Leaf]]:
    """The facts under ``node`` (a value given, not volatile), each with its path, added to ``found``."""
    if isinstance(node, Leaf):
        if node.value is not None and not node.volatile:
            found.append((path, node))
    elif isinstance(node, Record):
        child = entry_path if node.entries else field_path
        for name, field in node.fields.items():
            if isinstance(field, Leaf):  # most fields: no call of their own
                if field.value is not None and not field.volatile:
                    found.append((child(path, name), field))
            else:
                _leaves(field, child(path, name), found)
    elif isinstance(node, Items):
        for key, item in node.items.items():
            _leaves(item, item_path(path, key), found)
    return found


def _described(leaf: Leaf) -> tuple[str, Decimal | None, str | None, str | None, int | None, int | None]:
    value: Any = leaf.value
    number = unit = grade = None
    position = total = None
    if isinstance(value, Number):
        number, unit = Decimal(value), value.unit or None
    elif isinstance(value, (int, Decimal)) and not isinstance(value, bool):
        number = Decimal(value)
    elif isinstance(value, Rank):
        position, total = value.position, value.total
    if leaf.grade and isinstance(value, str):
        grade = value
    return value_text(value, leaf.data), number, unit, grade, position, total
