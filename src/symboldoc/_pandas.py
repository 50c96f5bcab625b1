"""pandas, for the optional ``python-symboldoc[pandas]`` extra: imported only when a frame is asked for."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ._optional import optional_module

__all__ = ["cells_frame", "pandas_module"]


def pandas_module(extra: str = "pandas") -> Any:
    """The pandas module, or an ``ImportError`` that says what to install (the ``extra`` that brings it)."""
    return optional_module("pandas", extra)


def cells_frame(header: Sequence[str], rows: Sequence[Sequence[str]]) -> Any:
    """A DataFrame of text cells: one column per header cell, short rows padded with ``""``, long ones cut."""
    pandas = pandas_module()
    width = len(header)
    padded = [(list(row) + [""] * (width - len(row)))[:width] for row in rows]
    return pandas.DataFrame(padded, columns=list(header))
