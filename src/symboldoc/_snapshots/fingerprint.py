"""``fingerprint``: one stable digest of what a page says, the same for two fetches that say the same.

The digest is SHA-256 over a canonical JSON text of the page's facts:

* an object ``{"kind", "front_matter", "page"}``, the last two as the
  snapshot tree (``tree``) has them: an object's fields by JSON key, a
  list as an object of its items by key (``paths``; so the order of a list
  is not part of it, as it is no change for ``diff``), a value as
  ``to_dict`` writes it (a number with its digits and unit);
* volatile fields (the front matter's ``datetime``) left out, and fields
  that are absent (None) too, so that a field added to the model in a later release
  leaves the fingerprints of pages without it as they were;
* keys sorted, no spaces, UTF-8 (``json.dumps(..., sort_keys=True,
  ensure_ascii=False, separators=(",", ":"))``): the same text on every
  Python and every machine (a lone surrogate, which only a page read from a
  ``str`` can hold, is encoded as its three bytes: ``surrogatepass``).

Two documents have the same fingerprint exactly when ``diff`` finds no
change between them.  The text is prefixed with the rules' version,
``sd1-``; a release that changes the rules (what is hashed, or how) changes
the prefix, and the tests pin the fingerprints of the project's own pages.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from symboldoc._document import Document

from .tree import Items, Leaf, Node, Record, Snapshot, snapshot

__all__ = ["FINGERPRINT_VERSION", "fingerprint", "snapshot_fingerprint"]

#: The version of the fingerprint's rules: the prefix ``sd<version>-`` of every fingerprint.
FINGERPRINT_VERSION = 1

_PREFIX = f"sd{FINGERPRINT_VERSION}-"


def fingerprint(doc: Document) -> str:
    """A stable digest of what ``doc`` says: ``"sd1-"`` and 64 hex digits (see the module)."""
    return snapshot_fingerprint(snapshot(doc))


def snapshot_fingerprint(facts: Snapshot) -> str:
    """The fingerprint of a document already made into its snapshot."""
    canonical = {"kind": facts.kind, "front_matter": _canonical(facts.front_matter), "page": _canonical(facts.page)}
    text = json.dumps(canonical, sort_keys=True, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    # surrogatepass: a page read from a str may hold a lone surrogate, which UTF-8 proper cannot encode.
    return _PREFIX + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _canonical(node: Node) -> Any:
    if isinstance(node, Leaf):
        return node.data
    children = node.fields if isinstance(node, Record) else node.items
    fields = isinstance(node, Record) and not node.entries  # a mapping's null entry is there; a field's None is not
    found = {}
    for key, child in children.items():
        if isinstance(child, Leaf) and (child.volatile or (fields and child.value is None)):
            continue
        found[key] = _canonical(child)
    if isinstance(node, Items):
        return {"items": found}  # a list, not an object of the same keys
    return found
