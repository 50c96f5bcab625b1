"""Small, quick pickles for the library's attrs classes.

A page read in a worker process (``load_many``, Dask, Spark) crosses back
to its caller as a pickle, so a pickle's cost is paid on top of the read.
attrs' own pickling of a slotted class runs a Python ``__getstate__`` that
builds a dict of every field, and a ``__setstate__`` that walks it again; for
the few hundred objects of a page that cost about as much as reading it.

:func:`compact` gives a class (and its subclasses) a ``__reduce__`` that
takes every field at once with one ``operator.attrgetter`` (a C call) and
sends them as a tuple; :func:`rebuilt` makes the object again with
``object.__new__`` and sets the fields without running converters,
validators or ``on_setattr`` hooks (the values were checked when they were
first set, and a frozen class stays frozen).  Values made on first use
(``functools.cached_property``) are not sent: they are made again on the
other side when asked for.  A :class:`~symboldoc._fields.ReadLazily` object
sends its fields still waiting as their texts (see ``_fields``).

Copies (``copy.deepcopy``) go through the same ``__reduce__``.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import Any, TypeVar

import attrs

__all__ = ["WAITING", "compact", "rebuilt", "reduce_all", "reduce_waiting"]

T = TypeVar("T", bound=type)


class _Waiting:
    """The value sent for a field that has not been read yet (its text is sent instead)."""

    def __reduce__(self) -> str:
        return "WAITING"  # pickled by name: the one instance on both sides

    def __repr__(self) -> str:
        return "WAITING"


WAITING = _Waiting()


@attrs.frozen
class _Plan:
    """How one class is sent: the names of its fields, a getter of all of them, a setter of each."""

    names: tuple[str, ...]
    get_all: Callable[[Any], tuple[Any, ...]]
    getters: tuple[tuple[str, Callable[[Any], Any]], ...]
    setters: tuple[Callable[[Any, Any], None], ...]


#: One plan a class, made the first time an object of it is pickled or rebuilt.
_plans: dict[type, _Plan] = {}


def _plan(cls: type) -> _Plan:
    plan = _plans.get(cls)
    if plan is None:
        names = tuple(field.name for field in attrs.fields(cls)) + tuple(getattr(cls, "_extra_state", ()))
        getter = operator.attrgetter(*names) if names else _nothing
        get_all = getter if len(names) != 1 else _one(getter)
        # The slots' own descriptors: setting through them skips the class's __setattr__ (frozen or hooked).
        setters = tuple(_slot(cls, name).__set__ for name in names)
        getters = tuple((name, operator.attrgetter(name)) for name in names)
        plan = _plans.setdefault(cls, _Plan(names, get_all, getters, setters))
    return plan


def _slot(cls: type, name: str) -> Any:
    for klass in cls.__mro__:
        if name in klass.__dict__:
            return klass.__dict__[name]
    raise TypeError(f"{cls.__name__} has no slot {name!r} to set")  # a class compact() cannot serve


def _nothing(instance: Any) -> tuple[Any, ...]:
    return ()


def _one(getter: Callable[[Any], Any]) -> Callable[[Any], tuple[Any, ...]]:
    return lambda instance: (getter(instance),)


def reduce_all(self: Any) -> tuple[Any, ...]:
    """The ``__reduce__`` :func:`compact` gives: every field at once."""
    cls = type(self)
    plan = _plans.get(cls) or _plan(cls)
    return (rebuilt, (cls, plan.get_all(self)))


def rebuilt(cls: type[Any], values: tuple[Any, ...]) -> Any:
    """An object of ``cls`` whose fields hold ``values`` (its attrs fields in order, then those its
    ``_extra_state`` names); a WAITING value leaves its field unset."""
    made = object.__new__(cls)
    plan = _plans.get(cls) or _plan(cls)
    for setter, value in zip(plan.setters, values, strict=True):
        if value is not WAITING:
            setter(made, value)
    return made


def reduce_waiting(self: Any, waiting: dict[str, Any]) -> tuple[Any, ...]:
    """A ``__reduce__`` for an object whose fields named in ``waiting`` may be unset: each is sent as WAITING.

    ``waiting`` (a copy the caller took of the texts still waiting) is sent as the ``_texts`` slot, which
    comes second to last.  Every other field is set (a text goes only once its value is set), so it is
    taken with a plain getter, and a class's ``__getattr__`` (which would read a waiting field) is not run.
    """
    cls = type(self)
    plan = _plans.get(cls) or _plan(cls)
    values = [WAITING if name in waiting else get(self) for name, get in plan.getters[:-2]]
    values.append(waiting)
    values.append(plan.getters[-1][1](self))
    return (rebuilt, (cls, tuple(values)))


def compact(cls: T) -> T:
    """Give ``cls`` (a slotted attrs class) and its subclasses the small pickles of this module."""
    cls.__reduce__ = reduce_all  # type: ignore[assignment]
    return cls
