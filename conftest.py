"""The examples of ``README.md`` and ``docs/*.md`` run as tests (Sybil).

Each page's python blocks run in order in one namespace, so a block may use
what an earlier block of the same page defined; a block written as a
``>>>`` session is a doctest, and its shown output must match.  A block
preceded by ``<!-- skip: next -->`` is not run (the few that need what a
reader's machine has and the tests cannot: a plotting library, a directory
of their own pages).

Every page runs in a fresh working directory holding the bundled example
page as ``HLRB.US.md``, so ``symboldoc.load("HLRB.US.md")`` works as it
would beside a page a reader fetched.
"""

from __future__ import annotations

import doctest
import os
import tempfile
from importlib import resources
from pathlib import Path
from typing import Any

from sybil import Sybil
from sybil.parsers.markdown import PythonCodeBlockParser, SkipParser

#: The file name the bundled example takes in each page's working directory.
EXAMPLE_PAGE = "HLRB.US.md"


def _enter(namespace: dict[str, Any]) -> None:
    folder = tempfile.mkdtemp(prefix="symboldoc-docs-")
    data = (resources.files("symboldoc") / "data" / "example.md").read_bytes()
    Path(folder, EXAMPLE_PAGE).write_bytes(data)
    namespace["_docs_folder"] = folder
    namespace["_docs_previous"] = os.getcwd()
    os.chdir(folder)


def _leave(namespace: dict[str, Any]) -> None:
    os.chdir(namespace["_docs_previous"])
    for entry in sorted(Path(namespace["_docs_folder"]).rglob("*"), reverse=True):
        entry.rmdir() if entry.is_dir() else entry.unlink()
    Path(namespace["_docs_folder"]).rmdir()


pytest_collect_file = Sybil(
    parsers=[
        PythonCodeBlockParser(doctest_optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE),
        SkipParser(),
    ],
    patterns=["README.md", "docs/*.md"],
    setup=_enter,
    teardown=_leave,
).pytest()
