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
sends its fields still waiting as their texts (see ``_fields``), and the
others at once too, with a getter made for each set of fields that wait
(:func:`reduce_waiting`).

Copies (``copy.deepcopy``) go through the same ``__reduce__``.
"""

from __future__ import annotations

import importlib
import operator
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import attrs

__all__ = ["compact", "rebuilt", "rebuilt_waiting", "reduce_all", "reduce_waiting"]

T = TypeVar("T", bound=type)


@attrs.frozen
class _Plan:
    """How one class is sent: its name, the names of its fields, a getter of all of them, a setter of each.

    ``token`` is what a pickle names the class with: ``"module:qualname"``
    for a class at the top of a module that its name finds (a string, which
    a pickle writes in full once and then refers to, and which costs far
    less to write and read than a class), else the class itself.  The name
    stands for the class only while the module ``sys.modules`` holds under
    its module name holds the class under that name (a module reloaded or
    imported again, or a name bound again, makes a new class of the same
    name): see :func:`_named`.
    """

    cls: type
    token: type | str
    names: tuple[str, ...]
    get_all: Callable[[Any], tuple[Any, ...]]
    setters: tuple[Callable[[Any, Any], None], ...]


#: One plan a class, made the first time an object of it is pickled or rebuilt; by class, and by name
#: (the plan of the class the name stands for now).
_plans: dict[type, _Plan] = {}
_named_plans: dict[str, _Plan] = {}


def _plan(cls: type) -> _Plan:
    plan = _plans.get(cls)
    if plan is None:
        names = tuple(field.name for field in attrs.fields(cls)) + tuple(getattr(cls, "_extra_state", ()))
        getter = operator.attrgetter(*names) if names else _nothing
        get_all = getter if len(names) != 1 else _one(getter)
        # The slots' own descriptors: setting through them skips the class's __setattr__ (frozen or hooked).
        setters = tuple(_slot(cls, name).__set__ for name in names)
        plan = _plans.setdefault(cls, _Plan(cls, _token(cls), names, get_all, setters))
        if _named(plan):
            _named_plans[plan.token] = plan  # type: ignore[index]  # _named: a str
    return plan


def _named(plan: _Plan) -> bool:
    """Whether ``plan.token`` names ``plan.cls`` now, in the module imported under its name."""
    if type(plan.token) is not str:
        return False
    module = sys.modules.get(plan.cls.__module__)
    return module is not None and vars(module).get(plan.cls.__qualname__) is plan.cls


def _token(cls: type) -> type | str:
    """How a pickle names ``cls`` (see :class:`_Plan`)."""
    module = sys.modules.get(cls.__module__)
    if cls.__module__ == "__main__" or "." in cls.__qualname__ or module is None:
        return cls  # a name another process may not find, or find as something else
    return f"{cls.__module__}:{cls.__qualname__}" if vars(module).get(cls.__qualname__) is cls else cls


def _found(name: str) -> Any:
    """What ``"module:qualname"`` names, the module imported if it was not."""
    module, _, qualname = name.partition(":")
    found: Any = importlib.import_module(module)
    for part in qualname.split("."):
        found = getattr(found, part)
    return found


def _plan_of(token: type | str) -> _Plan:
    """The plan of the class ``token`` names now (see :class:`_Plan`)."""
    if isinstance(token, str):
        plan = _named_plans.get(token)
        if plan is not None and _named(plan):
            return plan
        cls = _found(token)
        if not isinstance(cls, type) or not attrs.has(cls):
            raise TypeError(f"{token!r} names no attrs class to rebuild")
        plan = _plans.get(cls) or _plan(cls)
        _named_plans[token] = plan
        return plan
    return _plans.get(token) or _plan(token)


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
    return (rebuilt, (plan.token if _named(plan) else cls, plan.get_all(self)))


def rebuilt(token: type | str, values: tuple[Any, ...]) -> Any:
    """An object of the class ``token`` names whose fields hold ``values`` (its attrs fields in order,
    then those its ``_extra_state`` names)."""
    plan = _named_plans.get(token)  # type: ignore[arg-type]  # a class is hashable: None
    if plan is None or not _named(plan):
        plan = _plan_of(token)
    made: Any = object.__new__(plan.cls)
    if len(values) != len(plan.setters):
        raise _other_fields(plan.cls, len(values), len(plan.setters))
    for setter, value in zip(plan.setters, values, strict=True):
        setter(made, value)
    return made


def _other_fields(cls: type, sent: int, now: int) -> TypeError:
    """The error for a pickle whose object had other fields than its class has here."""
    return TypeError(
        f"a pickle of {cls.__module__}.{cls.__qualname__} sends {sent} fields, and the class has {now} here: "
        "it was made by another version of the class (its module changed, or was reloaded, since)"
    )


def reduce_waiting(self: Any, waiting: dict[str, str]) -> tuple[Any, ...]:
    """A ``__reduce__`` for an object whose fields named in ``waiting`` are unset, their texts waiting.

    ``waiting`` is a copy the caller took of the texts still waiting; it is
    sent as the ``_texts`` slot, which comes second to last.  Every other
    field is set (a text goes only once its value is set), so the fields are
    taken at once with a getter made for the set of fields that wait, and a
    class's ``__getattr__`` (which would read a waiting field) is not run.
    """
    cls = type(self)
    class_plan = _plans.get(cls) or _plan(cls)
    token = class_plan.token if _named(class_plan) else cls
    plan = _waiting_plans.get((token, *waiting))
    if plan is None or plan.of is not class_plan:
        plan = _waiting_plan(token, tuple(waiting))
    return (rebuilt_waiting, (token, plan.get_set(self), waiting))


def rebuilt_waiting(token: type | str, values: tuple[Any, ...], waiting: dict[str, str]) -> Any:
    """An object from :func:`reduce_waiting`: the fields ``waiting`` names unset, the others ``values``."""
    plan = _waiting_plans.get((token, *waiting))
    if plan is None or (type(token) is str and not _named(plan.of)):
        plan = _waiting_plan(token, tuple(waiting))
    made: Any = object.__new__(plan.cls)
    if len(values) != len(plan.setters):
        raise _other_fields(plan.cls, len(values), len(plan.setters))
    for setter, value in zip(plan.setters, values, strict=True):
        setter(made, value)
    plan.set_texts(made, waiting)
    return made


@attrs.frozen
class _WaitingPlan:
    """How an object of one class is sent while some of its fields wait: a getter and setters of the others."""

    of: _Plan
    cls: type
    get_set: Callable[[Any], tuple[Any, ...]]
    setters: tuple[Callable[[Any, Any], None], ...]
    set_texts: Callable[[Any, Any], None]


#: One plan for each class (by its token) and fields waiting (the names in their order), made when first
#: needed.  The fields that can wait are few, so the sets of them are few too.
_waiting_plans: dict[tuple[Any, ...], _WaitingPlan] = {}


def _waiting_plan(token: type | str, waiting: tuple[str, ...]) -> _WaitingPlan:
    plan = _plan_of(token)
    *fields, texts_slot, edits_slot = plan.names  # the _extra_state of a ReadLazily class: _texts, _edits
    unknown = set(waiting) - set(fields)
    if unknown:
        raise TypeError(f"{plan.cls.__name__} has no field {sorted(unknown)[0]!r} to wait")
    sent = (*(name for name in fields if name not in waiting), edits_slot)
    getter = operator.attrgetter(*sent)
    setters = tuple(setter for name, setter in zip(plan.names, plan.setters, strict=True) if name in sent)
    made = _WaitingPlan(
        plan, plan.cls, getter if len(sent) != 1 else _one(getter), setters, plan.setters[plan.names.index(texts_slot)]
    )
    key = (token, *waiting)
    _waiting_plans[key] = made
    return made


def compact(cls: T) -> T:
    """Give ``cls`` (a slotted attrs class) and its subclasses the small pickles of this module."""
    cls.__reduce__ = reduce_all  # type: ignore[assignment]
    return cls
