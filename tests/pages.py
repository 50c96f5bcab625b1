"""The pages the tests read: the project's own, and the shared corpus when it is there."""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

HERE = Path(__file__).parent
FIXTURES = HERE / "fixtures"
#: The shared corpus lives beside the checkout; a user installing from PyPI has none.
CORPUS = Path(os.environ.get("SYMBOLDOC_CORPUS", HERE.parent.parent / "shared" / "corpus"))


def read_exact(path: Path) -> str:
    """A file's text exactly as stored: no newline translation."""
    return path.read_bytes().decode("utf-8")


def own_pages() -> dict[str, str]:
    """The pages this project wrote (fictional companies), by file name."""
    pages = {path.name: read_exact(path) for path in sorted(FIXTURES.glob("*.md"))}
    pages["example.md"] = example_text()
    return pages


def own_quote_pages() -> dict[str, str]:
    """The project's own quote pages (the fixtures of other kinds left out), by file name."""
    return {name: text for name, text in own_pages().items() if _quote(text)}


def _quote(text: str) -> bool:
    return any(line in ('type: "Symbol"', 'type: "quote"') for line in text.splitlines()[:12])


def example_text() -> str:
    """The example page bundled in the installed package."""
    return (resources.files("symboldoc") / "data" / "example.md").read_bytes().decode("utf-8")


def corpus_pages() -> dict[str, str]:
    """The shared corpus pages by path relative to the corpus, or nothing when it is absent."""
    if not CORPUS.is_dir():
        return {}
    return {str(path.relative_to(CORPUS)): read_exact(path) for path in sorted(CORPUS.rglob("*.md"))}
