"""A page an engine could not read, as a row: its path, where reading stopped (when known), and why."""

from __future__ import annotations

from symboldoc._problems import SymbolDocError

__all__ = ["ERROR_COLUMNS", "ErrorRow", "error_row"]

#: The columns of an errors table.
ERROR_COLUMNS = ("path", "line", "column", "message")
#: One page that could not be read: its path, line and column (None when not known), and the reason.
ErrorRow = tuple[str, "int | None", "int | None", str]


def error_row(path: str, error: SymbolDocError | OSError) -> ErrorRow:
    """The row of the page at ``path`` that failed with ``error``: a problem's position, none for an ``OSError``."""
    if isinstance(error, SymbolDocError):
        problem = error.problem
        return (path, problem.line, problem.column, problem.message)
    return (path, None, None, f"cannot read: {error.strerror or error}")
