"""How a document travels: into another process (a pickle) or into a copy.

**Most bindings are made again, not sent.**  Most bindings compare the facts
their block shows by value (a heading's grade, the cells of a keyed table,
the front matter).  Such a binding holds nothing that a second reading of
the same text would not give again: its block, the view taken when the page
was read, and how to write the block.  So it is not sent.  The other side
reads the document's text again the first time it needs the bindings
(``dumps``), and takes them from that reading (:class:`BindingsToMake`).
Reading the text again costs what ``loads`` costs, once, and only for a
document that is written back.

A binding that compares model objects by identity (the rows of a table, the
items of a list, the chart, the indicator groups) holds objects of this
document's model, which no other reading has: what of it holds them (its
parameters and the view it took when the page was read) is sent with the
model, and the rest comes from the new reading.  A process that registered
labels sends every binding; the view of one that compares by value is then
taken again on the other side, as soon as the document arrives, when the
document still shows what it showed when it was read (TAKE_AGAIN), which
costs less than sending it.

**A ``load_many`` result is made on first use.**  A document that
``load_many`` sends back from a worker (:func:`light`) carries its contents
(blocks, front matter, typed page, warnings, and the bindings sent with
them) as one pickle of their own, inside its own; the caller makes them the
first time anything of the document is asked for (``doc.blocks``,
``doc.score``, ``doc.kind``, ``dumps``...; :class:`MadeOnFirstUse`).  Until
then the document costs its caller the copy of some bytes.  Copies and
other pickles make everything at once, in one pickle, so that objects
outside the document that refer into its model
(``pickle.dumps((doc, doc.score))``) still do.
"""

from __future__ import annotations

import pickle
import threading
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

__all__ = [
    "TAKE_AGAIN",
    "BindingsToMake",
    "MadeOnFirstUse",
    "bindings_received",
    "bindings_to_send",
    "light",
]


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
    them.  ``kept`` holds, for each binding that compares model objects by
    identity, its place in that order and what of it holds this document's
    objects: its ``params`` and its ``original`` view.  The rest of such a
    binding (its block, view, render) comes from the new reading too.
    """

    whats: tuple[str, ...]
    kept: tuple[tuple[int, tuple[Any, ...], Any], ...]

    def made(
        self, again: Sequence[Binding], again_blocks: Sequence[Block], blocks: Sequence[Block]
    ) -> tuple[Binding, ...]:
        """The bindings: those of ``again`` (a new reading of the text, whose blocks are ``again_blocks``),
        moved onto ``blocks``, with the kept objects in their places.

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
        for binding in again:
            index = block_index(again_blocks, binding.block)
            if isinstance(index, int):
                binding.block = blocks[index]
        for position, params, original in self.kept:
            binding = again[position]
            binding.params = params
            binding.original = original
        return tuple(again)


def bindings_to_send(doc: Document) -> tuple[Any, ...]:
    """``doc``'s bindings as a pickle of the document sends them (see the module).

    ``("again", whats, kept)`` when the other side can read the document's
    text again as it was read here: its blocks are those ``loads`` made, and
    this process reads pages with the labels symboldoc comes with (a process
    that registered labels sends every binding); ``kept`` is as
    :attr:`BindingsToMake.kept`.  ``("all", bindings)`` otherwise, each
    binding a tuple of its fields, its block as its index in ``doc.blocks``.
    """
    held = doc._bindings
    if _made_again(doc, held):
        return _sent_again(held)
    return ("all", tuple(_sent(doc, binding) for binding in held))  # type: ignore[union-attr]  # a tuple


def _sent_again(held: tuple[Binding, ...] | BindingsToMake) -> tuple[Any, ...]:
    """``("again", whats, kept)`` for bindings the other side makes again (see :func:`bindings_to_send`)."""
    if isinstance(held, BindingsToMake):
        return ("again", held.whats, held.kept)
    whats = tuple(binding.what for binding in held)
    kept = tuple((place, binding.params, binding.original) for place, binding in enumerate(held) if binding.identity)
    return ("again", whats, kept)


def _made_again(doc: Document, held: tuple[Binding, ...] | BindingsToMake) -> bool:
    """Whether the other side makes ``doc``'s bindings (``held``) again from its text (see the module)."""
    return isinstance(held, BindingsToMake) or (bool(held) and isinstance(doc.blocks, Blocks) and labels_built_in())


def bindings_received(doc: Document, sent: tuple[Any, ...]) -> tuple[Binding, ...] | BindingsToMake:
    """The bindings :func:`bindings_to_send` sent, for ``doc`` (the unpickled document, its model in place)."""
    if sent[0] == "all":
        return tuple(_received(doc, fields) for fields in sent[1])
    _, whats, kept = sent
    return BindingsToMake(whats, kept)


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


# -- the document, made on first use (load_many) ----------------------------------------------


class _Packed:
    """A document's contents (its fields and the bindings sent with them) as one pickle, until first used."""

    __slots__ = ("data", "lock")

    def __init__(self, data: bytes) -> None:
        self.data: bytes | None = data
        self.lock = threading.Lock()

    def unpack(self, doc: Document) -> None:
        """Set ``doc``'s fields and bindings from the pickle (once, whichever thread asks first).

        Nothing else sets a field of ``doc`` before this: assigning one makes the document first
        (:meth:`MadeOnFirstUse.__setattr__`).  The bindings sent are always made again from the
        text (see :func:`light`): making them reads nothing of the document, so no other thread
        sees a page that is not the document's own.
        """
        with self.lock:
            data = self.data
            if data is None:
                return  # another thread made them while this one waited
            state, sent = pickle.loads(data)
            for name, value in state.items():
                object.__setattr__(doc, name, value)
            object.__setattr__(doc, "_bindings", bindings_received(doc, sent))
            self.data = None


class MadeOnFirstUse:
    """Gives :class:`~symboldoc.Document` contents made on first use after it travelled light (see the module).

    Only a document that came from :func:`light` has its fields unset and a
    pickle of them waiting; asking for any field (or anything made from one)
    makes them all, and so does assigning or deleting one, before the value
    assigned is set: a value the user sets is never replaced by the one sent, whichever
    thread makes the document.  A document read, built, copied or unpickled
    otherwise never comes through ``__getattr__`` for its fields.
    """

    __slots__ = ("_packed",)

    def _made_now(self) -> bool:
        """Make the document from the pickle waiting, if one is; say whether one was."""
        try:
            packed = object.__getattribute__(self, "_packed")
        except AttributeError:
            return False
        if packed is None:
            return False
        packed.unpack(self)
        return True

    def __setattr__(self, name: str, value: Any) -> None:
        self._made_now()
        object.__setattr__(self, name, value)

    def __delattr__(self, name: str) -> None:
        self._made_now()
        object.__delattr__(self, name)

    def __getattr__(self, name: str) -> Any:
        # Only ever called for a name normal lookup did not find.
        if name != "_packed" and self._made_now():
            return object.__getattribute__(self, name)
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")


class _Light:
    """A document whose pickle carries its contents as a pickle of their own, made on first use on the other side."""

    __slots__ = ("doc",)

    def __init__(self, doc: Document) -> None:
        self.doc = doc

    def __reduce__(self) -> tuple[Any, ...]:
        doc = self.doc
        cls = type(doc)
        state = {field.name: getattr(doc, field.name) for field in attrs.fields(cls) if field.name != "_bindings"}
        # light() saw that the other side makes the bindings again from the text
        contents = pickle.dumps((state, _sent_again(doc._bindings)), pickle.HIGHEST_PROTOCOL)
        return (_arrived_light, (cls, contents))


def light(doc: Document) -> Any:
    """``doc`` as ``load_many`` sends it back: an object whose pickle gives ``doc`` again, made on first use.

    Only for a document that nothing else refers into (the page's objects would
    be other objects on the other side than those of the document's model): the
    caller passes a :class:`~symboldoc.Document` itself, not a subclass, whose
    fields of its own may.  A document whose bindings are not made again from
    its text there (read with labels registered here) is given back as it is.
    """
    if not _made_again(doc, doc._bindings):
        return doc
    return _Light(doc)


def _arrived_light(cls: type[Document], contents: bytes) -> Document:
    """A document from :func:`light`'s pickle: nothing of it is made until it is first used."""
    doc = object.__new__(cls)
    object.__setattr__(doc, "_packed", _Packed(contents))
    return doc
