"""Optional dependencies (pandas, pyarrow), imported only when a feature that needs one is used."""

from __future__ import annotations

import importlib
from typing import Any

__all__ = ["optional_module"]


def optional_module(name: str, extra: str) -> Any:
    """The module ``name``, or an ``ImportError`` that says which extra of symboldoc installs it."""
    try:
        return importlib.import_module(name)
    except ImportError as exc:
        raise ImportError(f"this needs {name}: pip install 'python-symboldoc[{extra}]'") from exc
