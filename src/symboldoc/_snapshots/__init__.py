"""Snapshots over time: what a page says (``fingerprint``), what changed (``diff``), and the facts of an archive.

* ``paths``: how a fact is named (``peers[SHOP.US].rating``) and list items keyed;
* ``tree``: a document as the tree of its facts, from its model and its JSON side by side;
* ``fingerprint``, ``diff`` and ``patch``: walks over two trees, or one;
* ``facts``: the rows of one document's facts, and the pandas frame of many;
* ``arrow`` and ``export``: the Arrow schema of those rows, and the files they are written to.
"""

from __future__ import annotations

from .arrow import facts_arrow_schema
from .diff import Change, Changes, diff
from .export import ExportReport, export
from .facts import FACT_COLUMNS, fact_rows, facts
from .fingerprint import FINGERPRINT_VERSION, fingerprint

__all__ = [
    "FACT_COLUMNS",
    "FINGERPRINT_VERSION",
    "Change",
    "Changes",
    "ExportReport",
    "diff",
    "export",
    "fact_rows",
    "facts",
    "facts_arrow_schema",
    "fingerprint",
]
