"""Fields of the model classes: what each accepts, and how a new value takes the field's style.

Each helper returns an ``attrs.field`` whose converter and validator run
both in ``__init__`` and on every assignment, so a wrong value is refused
at once with the field's name: ``Score.grade: expected a grade A to E or
None, got 'Z'``.  A number assigned to a field takes the written form of
the value it replaces (see :meth:`Number.like`).
"""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal
from typing import Any

import attrs

from ._symbols import Symbol
from ._values import GRADES, Number, Rank, in_utc, read_datetime, read_number, read_rank

_GRADE_SET = frozenset(GRADES)

__all__ = ["check_count", "count_field", "datetime_field", "grade_field", "number_field", "rank_field", "symbol_field"]


def _name(instance: Any, field: attrs.Attribute[Any]) -> str:
    return f"{type(instance).__name__}.{field.name}"


def _refuse(instance: Any, field: attrs.Attribute[Any], expected: str, value: object) -> ValueError:
    return ValueError(f"{_name(instance, field)}: expected {expected}, got {value!r}")


def number_field(*, unit: str = "") -> Any:
    """A number (None for ``-``): a ``Number`` is kept as written; a ``Decimal`` or ``int`` takes the
    style of the value it replaces, or ``unit`` (``"%"``) when there is none; text is read as a page writes it."""

    def convert(value: object, instance: Any, field: attrs.Attribute[Any]) -> Number | None:
        if value is None or isinstance(value, Number):
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

    return attrs.field(default=None, converter=attrs.Converter(convert, takes_self=True, takes_field=True))


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
        if value is None or isinstance(value, Rank):
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
        default=None, converter=attrs.Converter(convert, takes_self=True, takes_field=True), validator=check
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

    return attrs.field(default=None, converter=attrs.Converter(convert, takes_self=True, takes_field=True))
