"""A griffe extension for the API reference: Sphinx roles in docstrings become links or code.

The docstrings say ``:class:`SymbolDocError``` (as Sphinx would read them);
mkdocstrings does not know the roles, so this turns each into a link to the
public name it names, or plain code for a private one.
"""

from __future__ import annotations

import re
from typing import Any

import griffe

ROLE = re.compile(r":(?:class|func|meth|data|attr|exc|mod|obj):`~?([^`]+)`")


class SphinxRoles(griffe.Extension):
    """Replace Sphinx roles in every docstring of the package."""

    def on_package(self, *, pkg: griffe.Module, **kwargs: Any) -> None:
        public = set(pkg.exports or ())

        def replace(match: re.Match[str]) -> str:
            target = match.group(1).removeprefix("symboldoc.")
            short = target.rsplit(".", 1)[-1]
            return f"[`{short}`][symboldoc.{target}]" if target in public else f"`{short}`"

        def walk(obj: Any) -> None:
            if obj.is_alias:
                return
            if obj.docstring is not None:
                obj.docstring.value = ROLE.sub(replace, obj.docstring.value)
            for member in obj.members.values():
                walk(member)

        walk(pkg)
