"""pandas, for the optional ``python-symboldoc[pandas]`` extra: imported only when a frame is asked for."""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from typing import Any

__all__ = ["cells_frame", "pandas_module"]


def pandas_module() -> Any:
    """The pandas module, or an ``ImportError`` that says what to install."""
    try:
        return importlib.import_module("pandas")
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError("this needs pandas: pip install 'python-symboldoc[pandas]'") from exc


def cells_frame(header: Sequence[str], rows: Sequence[Sequence[str]]) -> Any:
    """A DataFrame of text cells: one column per header cell, short rows padded with ``""``, long ones cut."""
    pandas = pandas_module()
    width = len(header)
    padded = [(list(row) + [""] * (width - len(row)))[:width] for row in rows]
    return pandas.DataFrame(padded, columns=list(header))
