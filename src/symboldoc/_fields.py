"""Fields of the model classes: what each accepts, and how a new value takes the field's style.

Each helper returns an ``attrs.field`` whose converter and validator run
both in ``__init__`` and on every assignment, so a wrong value is refused
at once with the field's name: ``Score.grade: expected a grade A to E or
None, got 'Z'``.  A number assigned to a field takes the written form of
the value it replaces (see :meth:`Number.like`).
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import functools
from collections.abc import Callable
from decimal import Decimal
from typing import Any, ClassVar, TypeVar

import attrs

from ._escape import unwritable
from ._pickling import reduce_all as _pickle_all
from ._pickling import reduce_waiting
from ._symbols import Symbol
from ._values import GRADES, Number, Rank, in_utc, read_datetime, read_number, read_rank

_GRADE_SET = frozenset(GRADES)

__all__ = [
    "ON_SETATTR",
    "ReadLazily",
    "check_count",
    "count_field",
    "datetime_field",
    "default_of",
    "grade_field",
    "lazily_read",
    "number_field",
    "rank_field",
    "stored",
    "symbol_field",
    "text_field",
    "unchecked",
    "written",
]

T = TypeVar("T")


def _assigned(instance: Any, field: attrs.Attribute[Any], value: Any) -> Any:
    """On assignment to a field of a :class:`ReadLazily` object: it no longer waits, and the object counts an edit."""
    texts = getattr(instance, "_texts", None)
    if texts:
        texts.pop(field.name, None)
    edits = getattr(instance, "_edits", None)
    if edits is not None:
        object.__setattr__(instance, "_edits", edits + 1)
    return value


#: What an assignment to a field of a :class:`ReadLazily` class runs: its conversion, its check, and the above.
ON_SETATTR = attrs.setters.pipe(attrs.setters.convert, attrs.setters.validate, _assigned)


def _name(instance: Any, field: attrs.Attribute[Any]) -> str:
    return f"{type(instance).__name__}.{field.name}"


def _refuse(instance: Any, field: attrs.Attribute[Any], expected: str, value: object) -> ValueError:
    return ValueError(f"{_name(instance, field)}: expected {expected}, got {value!r}")


def number_field(*, unit: str = "") -> Any:
    """A number (None for ``-``): a ``Number`` is kept as written; a ``Decimal`` or ``int`` takes the
    style of the value it replaces, or ``unit`` (``"%"``) when there is none; text is read as a page writes it."""

    def convert(value: object, instance: Any, field: attrs.Attribute[Any]) -> Number | None:
        if value is None:
            return value
        if isinstance(value, Number):
            if not _reads_as_itself(value):
                wanted = f"a Number whose text {value.text!r} reads as its amount {Decimal(value)}"
                raise _refuse(instance, field, wanted, value)
            return value
        if isinstance(value, str):
            try:
                return read_number(value)
            except ValueError:
                raise _refuse(instance, field, "a number such as '23.90%' or '-'", value) from None
        if isinstance(value, (Decimal, int)) and not isinstance(value, bool):
            if isinstance(value, Decimal) and not value.is_finite():
                raise _refuse(instance, field, "a finite number", value)
            previous = getattr(instance, field.name, None)
            return Number.like(value, previous if isinstance(previous, Number) else None, unit)
        raise _refuse(instance, field, "a Decimal, an int, a str or None (floats are not exact)", value)

    return attrs.field(
        default=None, converter=attrs.Converter(convert, takes_self=True, takes_field=True), on_setattr=ON_SETATTR
    )


def _reads_as_itself(number: Number) -> bool:
    """Whether a number's text reads back as its amount and unit (a Number made by hand may say otherwise)."""
    if not number.is_finite():
        return False
    read = _read_or_none(read_number, number.text)
    return read is not None and read.unit == number.unit and Decimal.__eq__(read, number)


def _read_or_none(read: Callable[[str], Any], text: str) -> Any:
    try:
        return read(text)
    except ValueError:
        return None


def grade_field() -> Any:
    """A grade ``"A"`` .. ``"E"``, or None (``""`` is read as None)."""

    def convert(value: object, instance: Any, field: attrs.Attribute[Any]) -> str | None:
        # One converter that also checks: a model has many grades, and this runs for each.
        if value is None or (isinstance(value, str) and value in _GRADE_SET):
            return value
        if value == "":
            return None
        raise _refuse(instance, field, "a grade A to E or None", value)

    return attrs.field(default=None, converter=attrs.Converter(convert, takes_self=True, takes_field=True))


def check_count(instance: Any, field: attrs.Attribute[Any], value: object) -> None:
    """Validator: a whole number, zero or more."""
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise _refuse(instance, field, "a whole number, zero or more", value)


def count_field() -> Any:
    """A whole number, zero or more, or None where the page has none."""

    def check(instance: Any, field: attrs.Attribute[Any], value: object) -> None:
        if value is not None:
            check_count(instance, field, value)

    return attrs.field(default=None, validator=check)


def rank_field() -> Any:
    """A :class:`Rank`, or text such as ``"20 / 32"``, or None."""

    def convert(value: object, instance: Any, field: attrs.Attribute[Any]) -> Rank | None:
        if value is None:
            return value
        if isinstance(value, Rank):
            if value.text and _read_or_none(read_rank, value.text) != value:
                wanted = f"a Rank whose text {value.text!r} reads as its position and total"
                raise _refuse(instance, field, wanted, value)
            return value
        if isinstance(value, str):
            try:
                return read_rank(value)
            except ValueError:
                raise _refuse(instance, field, "a rank such as '20 / 32'", value) from None
        raise _refuse(instance, field, "a Rank, a str or None", value)

    def check(instance: Any, field: attrs.Attribute[Any], value: Rank | None) -> None:
        if value is not None and (value.position < 0 or value.total < 0):
            raise _refuse(instance, field, "a rank of whole numbers, zero or more", value)

    return attrs.field(
        default=None,
        converter=attrs.Converter(convert, takes_self=True, takes_field=True),
        validator=check,
        on_setattr=ON_SETATTR,
    )


def datetime_field() -> Any:
    """A timezone-aware datetime, kept in UTC; ISO 8601 text is read too."""

    def convert(value: object, instance: Any, field: attrs.Attribute[Any]) -> _dt.datetime | None:
        if value is None:
            return None
        if isinstance(value, str):
            try:
                return read_datetime(value)
            except ValueError:
                raise _refuse(instance, field, "an ISO 8601 datetime", value) from None
        if isinstance(value, _dt.datetime):
            if value.tzinfo is None:
                raise _refuse(instance, field, "a timezone-aware datetime", value)
            try:
                return in_utc(value)
            except ValueError:
                raise _refuse(instance, field, "a datetime that UTC can hold (years 1 to 9999)", value) from None
        raise _refuse(instance, field, "a datetime or None", value)

    return attrs.field(default=None, converter=attrs.Converter(convert, takes_self=True, takes_field=True))


def symbol_field() -> Any:
    """A :class:`Symbol` (text is read as one), or None."""

    def convert(value: object, instance: Any, field: attrs.Attribute[Any]) -> Symbol | None:
        if value is None or isinstance(value, Symbol):
            return value
        if isinstance(value, str):
            try:
                return Symbol(value)
            except ValueError:
                raise _refuse(instance, field, "a symbol CODE.MARKET", value) from None
        raise _refuse(instance, field, "a Symbol, a str or None", value)

    return attrs.field(
        default=None, converter=attrs.Converter(convert, takes_self=True, takes_field=True), on_setattr=ON_SETATTR
    )


def text_field(
    *, optional: bool = True, lines: bool = False, empty: bool = True, default: Any = None, on_setattr: Any = None
) -> Any:
    """Text the page shows (plain text, or markdown with ``lines``): refused when the page cannot hold it.

    A one-line field refuses line breaks; every text field refuses blanks at
    either end; ``lines`` allows ``\\n`` between lines (see
    ``_escape.unwritable``).  ``empty=False`` refuses ``""`` where the page
    cannot show an empty text (None says there is none).  Markdown
    punctuation is always accepted: it is escaped where it is written.
    ``on_setattr`` replaces the class's hooks for this field.
    """

    def check(instance: Any, field: attrs.Attribute[Any], value: object) -> None:
        if value is None and optional:
            return
        if not isinstance(value, str):
            raise _refuse(instance, field, "a str or None" if optional else "a str", value)
        problem = unwritable(value, lines=lines)
        if problem is None and not empty and not value:
            problem = "an empty text, which its place on the page cannot show (None says there is none)"
        if problem is not None:
            raise ValueError(f"{_name(instance, field)}: {value[:80]!r} has {problem}")

    hook = {} if on_setattr is None else {"on_setattr": on_setattr}
    if default is attrs.NOTHING:
        return attrs.field(validator=check, **hook)
    return attrs.field(default=default, validator=check, **hook)


def unchecked(cls: type[T], **values: Any) -> T:
    """An instance of the attrs class ``cls`` with ``values`` set as they are, without its conversions and checks.

    For the page reader, whose values are already of the field's type: a
    page may show what a user could not assign (a line break from an entity
    in a cell), and reading never fails.  Fields not given take their defaults.
    """
    made = object.__new__(cls)
    for name, default in _defaults(cls):  # type: ignore[arg-type]  # a class is hashable
        object.__setattr__(made, name, values[name] if name in values else default())
    return made


# -- values kept as text until first read ----------------------------------------------------------


class ReadLazily:
    """For model classes whose values a page reader may keep as their text until they are first read.

    A page's tables hold many values (a valuation row has five), and a
    ``Number``, ``Rank`` or ``Symbol`` is an object the garbage collector must
    go through again and again while a big page is read.  The page reader
    checks each value's text (a problem is reported while the page is read,
    as ever) and keeps the checked text; the value is made when the field is
    first read, and kept.  Nothing else changes: a field reads, compares,
    copies and pickles as the value it stands for, and assigning to it
    works as always.

    A class lists in ``_read_lazily`` the fields that may wait, and how each
    one's text is read; an instance keeps the waiting texts in ``_texts``
    (None when nothing waits, as for an object built in code).

    Such an object also counts the assignments made to it (``_edits``; the
    class passes ``on_setattr=ON_SETATTR``): its fields hold values that cannot
    change in place, so an object whose count is what it was when the page
    was read shows what it showed then, and the edit bindings need not look
    at its values (nor read a waiting one) to know it.

    ``_texts`` and ``_edits`` are slots of their own, not attrs fields: they
    take no part in ``__init__``, ``==``, ``repr`` or ``attrs.asdict``.  The
    class passes ``getstate_setstate=False`` so that copies and pickles use
    :meth:`__reduce__` here, which keeps them (and a value still waiting
    stays waiting; see ``_pickling``).  Reading a shared object from several threads is safe: a
    value is set before its text is let go, so a reader finds one or the other.
    """

    __slots__ = ("_edits", "_texts")
    #: Slots a pickle carries besides the attrs fields (see ``_pickling``).
    _extra_state: ClassVar[tuple[str, ...]] = ("_texts", "_edits")
    _read_lazily: ClassVar[dict[str, Callable[[str], Any]]] = {}
    _texts: dict[str, str] | None
    _edits: int

    def __attrs_post_init__(self) -> None:
        # An object built in code: every field is set, nothing waits, no edit yet.
        object.__setattr__(self, "_texts", None)
        object.__setattr__(self, "_edits", 0)

    def __getattr__(self, name: str) -> Any:
        # Only ever called for a name normal lookup did not find: here, a field left unset for later.
        read = type(self)._read_lazily.get(name)
        if read is not None:
            try:
                texts = object.__getattribute__(self, "_texts")
            except AttributeError:
                texts = None
            text = texts.get(name) if texts else None
            if text is not None:
                value = read(text)
                object.__setattr__(self, name, value)
                texts.pop(name, None)  # after the value is set: see the class
                return value
            # Another thread may have read it between the lookup that failed and this one.
            with contextlib.suppress(AttributeError):
                return object.__getattribute__(self, name)
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    def __reduce__(self) -> tuple[Any, ...]:
        # Every field, a waiting one as WAITING with its text, and the edit count.  The texts are a
        # copy taken first (a copy.copy must not share the dict, whose texts go as values are read):
        # a field whose text it holds is sent as WAITING, even when its value was read meanwhile.
        texts = object.__getattribute__(self, "_texts")
        if not texts:
            return _pickle_all(self)
        return reduce_waiting(self, dict(texts))


def lazily_read(cls: type[T], texts: dict[str, str], **values: Any) -> T:
    """An instance of ``cls`` (a :class:`ReadLazily` attrs class) whose fields in ``texts`` wait for their first read.

    Every other field takes its value from ``values``, or its default.  The
    texts must be ones the field's reader takes (the page reader checked them).
    """
    made = object.__new__(cls)
    for name, default in _defaults(cls):  # type: ignore[arg-type]  # a class is hashable
        if name not in texts:
            object.__setattr__(made, name, values[name] if name in values else default())
    object.__setattr__(made, "_texts", texts or None)
    object.__setattr__(made, "_edits", 0)
    return made


@functools.cache  # one list per class, made once
def _defaults(cls: type) -> tuple[tuple[str, Callable[[], Any]], ...]:
    """Each attrs field of ``cls``, with a function giving its default."""
    found = []
    for field in attrs.fields(cls):
        default = field.default
        if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
            factory = default.factory
            found.append((field.name, factory if not default.takes_self else _no_default(field.name)))
        elif default is attrs.NOTHING:
            found.append((field.name, _no_default(field.name)))
        else:
            found.append((field.name, functools.partial(_same, default)))
    return tuple(found)


def default_of(cls: type, name: str) -> Any:
    """A new default value of field ``name`` of the attrs class ``cls`` (its factory's, or the value itself)."""
    return _defaults_by_name(cls)[name]()


@functools.cache  # one dict per class, made once
def _defaults_by_name(cls: type) -> dict[str, Callable[[], Any]]:
    return dict(_defaults(cls))


def _same(value: Any) -> Any:
    return value


def _no_default(name: str) -> Callable[[], Any]:
    def missing() -> Any:
        raise TypeError(f"lazily_read: no value given for {name!r}, which has no default")

    return missing


def stored(obj: Any, name: str) -> Any:
    """What field ``name`` of ``obj`` (a :class:`ReadLazily` object) holds, without reading a waiting text.

    The value, or, for a field still waiting, the text it will be read from.
    """
    texts = object.__getattribute__(obj, "_texts")
    text = texts.get(name) if texts else None
    return text if text is not None else object.__getattribute__(obj, name)


def written(value: Any) -> Any:
    """A field's value as the page writes it: a number's or rank's text; text and other values as they are."""
    if value is None or isinstance(value, (str, int)):
        return value
    if isinstance(value, (Number, Rank)):
        return value.text if isinstance(value, Number) else str(value)
    return value
