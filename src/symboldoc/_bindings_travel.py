"""How a document's edit bindings cross into another process (a pickle) or into a copy.

Most bindings compare the facts their block shows by value (a heading's
grade, the cells of a keyed table, the front matter).  Such a binding holds
nothing that a second reading of the same text would not give again: its
block, the view taken when the page was read, and how to write the block.
So it is not sent.  The other side reads the document's text again the
first time it needs the bindings (``dumps``), and takes them from that
reading (:class:`BindingsToMake`).

A binding that compares model objects by identity (the rows of a table, the
items of a list, the chart, the indicator groups) holds objects of this
document's model, which no other reading has: it is sent, with the view it
took when the page was read (its objects are the model's, which the pickle
holds anyway).  A process that registered labels sends every binding; the
view of one that compares by value is then taken again on the other side
when the document still shows what it showed when it was read (TAKE_AGAIN),
which costs less than sending it.

Reading the text again costs what ``loads`` costs, once, and only for a
document that is written back: a page read in a worker and only looked at
never pays it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import attrs

from ._block_store import Blocks
from ._blocks import Block
from ._edit import Binding, block_index, changed, original_view
from ._kinds import labels_built_in
from ._pickling import compact
from ._problems import EditError, Problem

if TYPE_CHECKING:
    from ._document import Document

__all__ = ["TAKE_AGAIN", "BindingsToMake", "bindings_received", "bindings_to_send"]


class _TakeAgain:
    """Sent for a binding's original view when the document still shows it: the other side takes it again."""

    def __reduce__(self) -> str:
        return "TAKE_AGAIN"


TAKE_AGAIN = _TakeAgain()


@compact
@attrs.define
class BindingsToMake:
    """The bindings of a document that arrived in a pickle or a copy, until its text is read again.

    ``whats`` names each binding, in the order a reading of the text gives
    them; ``kept`` holds the bindings that were sent (those that compare
    objects by identity), each with its place in that order.
    """

    whats: tuple[str, ...]
    kept: tuple[tuple[int, Binding], ...]

    def made(
        self, again: Sequence[Binding], again_blocks: Sequence[Block], blocks: Sequence[Block]
    ) -> tuple[Binding, ...]:
        """The bindings: those of ``again`` (a new reading of the text, whose blocks are ``again_blocks``),
        moved onto ``blocks``, with the kept ones in their places.

        :class:`EditError` when the new reading does not bind the facts the first one bound: this
        process registered labels that the process that read the document did not.
        """
        if tuple(binding.what for binding in again) != self.whats:
            raise EditError(
                Problem(
                    1,
                    1,
                    "the edit bindings of a document read in another process",
                    "the bindings that process read",
                    "this process reads the page's text otherwise (symboldoc.register_labels was called "
                    "here and not there): register the same labels in both, or write the document where it was read",
                )
            )
        made = list(again)
        for binding in made:
            index = block_index(again_blocks, binding.block)
            if isinstance(index, int):
                binding.block = blocks[index]
        for position, binding in self.kept:
            made[position] = binding
        return tuple(made)


def bindings_to_send(doc: Document) -> tuple[Any, ...]:
    """``doc``'s bindings as a pickle of the document sends them (see the module).

    ``("again", whats, kept)`` when the other side can read the document's
    text again as it was read here: its blocks are those ``loads`` made, and
    this process reads pages with the labels symboldoc comes with (a process
    that registered labels sends every binding).  ``("all", bindings)``
    otherwise.  Each binding sent is a tuple of its fields, its block as
    its index in ``doc.blocks``.
    """
    held = doc._bindings
    if isinstance(held, BindingsToMake):
        return ("again", held.whats, tuple((place, *_sent(doc, binding)) for place, binding in held.kept))
    if held and isinstance(doc.blocks, Blocks) and labels_built_in():
        whats = tuple(binding.what for binding in held)
        kept = tuple((place, *_sent(doc, binding)) for place, binding in enumerate(held) if binding.identity)
        return ("again", whats, kept)
    return ("all", tuple(_sent(doc, binding) for binding in held))


def bindings_received(doc: Document, sent: tuple[Any, ...]) -> tuple[Binding, ...] | BindingsToMake:
    """The bindings :func:`bindings_to_send` sent, for ``doc`` (the unpickled document, its model in place)."""
    if sent[0] == "all":
        return tuple(_received(doc, fields) for fields in sent[1])
    _, whats, kept = sent
    return BindingsToMake(whats, tuple((fields[0], _received(doc, fields[1:])) for fields in kept))


def _sent(doc: Document, binding: Binding) -> tuple[Any, ...]:
    """One binding as a tuple of its fields.

    The original view of a binding that compares by value is TAKE_AGAIN when ``doc`` still shows it
    (its values cost more to send than to look up).  That of a binding that compares by identity goes as
    it is: its objects are the model's, which the pickle holds anyway, and its values are edit counts
    and the texts the objects hold, so sending it costs less than asking the view whether it changed.
    """
    if binding.identity:
        original = binding.original
    else:
        try:
            unchanged = not changed(binding, binding.view(doc))
        except Exception:  # a view the model no longer gives (a section removed, a list set to None): as read
            unchanged = False
        original = TAKE_AGAIN if unchanged else binding.original
    block = block_index(doc.blocks, binding.block)  # the other side finds it in its own blocks
    return (block, binding.view, binding.render, binding.params, binding.what, binding.identity, original)


def _received(doc: Document, fields: tuple[Any, ...]) -> Binding:
    block, view, render, params, what, identity, original = fields
    if isinstance(block, int):
        block = doc.blocks[block]
    binding = Binding(block, view, render, params, what, identity=identity, original=original)
    if original is TAKE_AGAIN:
        binding.original = original_view(binding, doc)
    return binding
