"""Values as the pages write them: numbers, grades, datetimes.

Each reader takes the text of one value and gives the typed value, ``None``
where the page says there is none (``-`` or nothing), and raises
``ValueError`` for text that is not a value of that kind.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

import attrs

from ._pickling import compact

__all__ = [
    "GRADES",
    "Number",
    "Rank",
    "format_datetime",
    "in_utc",
    "is_number_text",
    "is_rank_text",
    "read_count",
    "read_datetime",
    "read_grade",
    "read_number",
    "read_rank",
]

GRADES = ("A", "B", "C", "D", "E")

#: Multipliers of the suffixed amounts (``1.55T``, ``94.83B``, ``189.66M``).
_NUMBER = re.compile(r"([+-]?(?:\d+(?:\.\d*)?|\.\d+))(%|[KMBT])?")
#: Numbers whose Decimal writes them back as they are (no sign, leading zero or exponent added
#: or dropped): such a Number keeps no text of its own.  (Below 0.000001 a Decimal writes ``1E-7``.)
_AS_DECIMAL_WRITES = re.compile(r"(-?(?:[1-9][0-9]*|0(?!\.0{6}))(?:\.[0-9]+)?)(%?)")
_NONE = ("", "-")


class Number(Decimal):
    """A :class:`~decimal.Decimal` that remembers how it was written.

    ``Number`` compares, hashes and computes as the Decimal it is: the
    amount it stands for.  ``23.90%`` is 23.90 with ``unit == "%"``;
    ``1.55T`` is 1550000000000 with ``unit == "T"``; ``text`` is the text as
    written.  Arithmetic gives plain Decimals.
    """

    __slots__ = ("_text", "unit")
    _text: str | None
    unit: str

    def __new__(cls, amount: Decimal | str | int, text: str, unit: str = "") -> Number:
        self = Decimal.__new__(cls, amount)
        # Most numbers are written as their Decimal is: keep the text only when it differs.
        self._text = None if text == Decimal.__str__(self) + unit else text
        self.unit = unit
        return self

    @property
    def text(self) -> str:
        """The number as it was written: ``"23.90%"``, ``"94.83B"``."""
        return self._text if self._text is not None else Decimal.__str__(self) + self.unit

    @classmethod
    def parse(cls, text: str) -> Number | None:
        """The number ``text`` writes (``"23.90%"``, ``"94.83B"``), or None for ``"-"``; see :func:`read_number`."""
        return read_number(text)

    @classmethod
    def like(cls, amount: Decimal | int, model: Number | None, unit: str = "") -> Number:
        """``amount`` written the way ``model`` is written.

        The unit (``%``, a ``T``/``B``/``M``/``K`` suffix), the number of
        decimals and an explicit ``+`` sign are kept, unless ``amount`` needs
        more decimals than ``model`` shows: then it keeps its own, so no
        digit is ever rounded away.  Without a ``model``, ``unit`` is used
        and ``amount`` shows its own decimals.
        """
        amount = Decimal(amount)
        if model is not None:
            unit = model.unit
        # Exactly, whatever the decimal context's precision: a shift of the exponent, trailing zeros counted by hand.
        shown = _shifted(amount, -_POWERS[unit]) if unit in _POWERS else amount
        own = max(0, -int(shown.as_tuple().exponent)) if shown.is_finite() else 0
        if unit in _POWERS and own > 0:
            own = max(0, -int(_without_trailing_zeros(shown).as_tuple().exponent))
        decimals = max(own, _decimals(model.text) if model is not None else 0)
        text = format(shown, f".{decimals}f") if shown.is_finite() else str(shown)
        if model is not None and model.text.startswith("+") and amount > 0:
            text = "+" + text
        return cls(amount, text + unit, unit)

    @property
    def is_percentage(self) -> bool:
        """Whether the number was written as a percentage."""
        return self.unit == "%"

    def __repr__(self) -> str:
        return f"Number({self.text!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (Number, (str(Decimal(self)), self.text, self.unit))

    def __copy__(self) -> Number:
        return self

    def __deepcopy__(self, memo: object) -> Number:
        return self


_POWERS = {"K": 3, "M": 6, "B": 9, "T": 12}


def _shifted(amount: Decimal, places: int) -> Decimal:
    """``amount`` times ten to ``places``, exactly (no context rounds it).

    Up, zeros are added to the digits (``94.83`` times 10**9 is ``94830000000.00``, as a product
    writes it); down, the exponent moves.
    """
    if not amount.is_finite():
        return amount
    sign, digits, exponent = amount.as_tuple()
    if places > 0:
        return Decimal((sign, digits + (0,) * places, int(exponent)))
    return Decimal((sign, digits, int(exponent) + places))


def _without_trailing_zeros(amount: Decimal) -> Decimal:
    """``amount`` with the zeros at the end of its digits dropped, exactly (``normalize`` rounds to the context)."""
    sign, digits, exponent = amount.as_tuple()
    exponent = int(exponent)
    while len(digits) > 1 and digits[-1] == 0:
        digits, exponent = digits[:-1], exponent + 1
    return Decimal((sign, digits, exponent))


def _decimals(text: str) -> int:
    """How many digits ``text`` (a number as written) shows after its decimal point."""
    digits = text.rstrip("%KMBT")
    return len(digits) - digits.index(".") - 1 if "." in digits else 0


def read_number(text: str) -> Number | None:
    """The number ``text`` writes (``3.89``, ``-12.93%``, ``94.83B``), or None for ``-``."""
    stripped = text.strip()
    if stripped in _NONE:
        return None
    match = _AS_DECIMAL_WRITES.fullmatch(stripped)
    if match is not None:  # the common case, made without comparing the text with the Decimal's
        number = Decimal.__new__(Number, match.group(1))
        number._text = None
        number.unit = match.group(2)
        return number
    match = _NUMBER.fullmatch(stripped)
    if match is None:
        raise ValueError(f"not a number: {text!r}")
    digits, unit = match.groups("")
    if unit == "" or unit == "%":
        return Number(digits, stripped, unit)  # the pattern admits only what Decimal reads
    return Number(_shifted(Decimal(digits), _POWERS[unit]), stripped, unit)  # exact, at any precision


def is_number_text(text: str) -> bool:
    """Whether :func:`read_number` reads ``text`` (a number, ``-`` or nothing) without building the number."""
    stripped = text.strip()
    return stripped in _NONE or _NUMBER.fullmatch(stripped) is not None


def read_grade(text: str) -> str | None:
    """The grade ``A``..``E`` that ``text`` holds, or None when it holds none."""
    stripped = text.strip()
    if stripped in _NONE:
        return None
    if stripped not in GRADES:
        raise ValueError(f"not a grade A to E: {text!r}")
    return stripped


def format_datetime(value: datetime) -> str:
    """``value`` in UTC as the pages write it: ``2026-04-15T13:34:21.428Z`` (microseconds if it has them)."""
    value = value.astimezone(timezone.utc)
    spec = "milliseconds" if value.microsecond % 1000 == 0 else "microseconds"
    return value.replace(tzinfo=None).isoformat(timespec=spec) + "Z"


#: ISO 8601 as symboldoc reads it, on every Python: a date, then optionally a time, then optionally an offset.
_DATETIME = re.compile(
    r"(?P<year>[0-9]{4})-(?P<month>[0-9]{2})-(?P<day>[0-9]{2})"
    r"(?:[Tt ](?P<hour>[0-9]{2}):(?P<minute>[0-9]{2})(?::(?P<second>[0-9]{2})(?:[.,](?P<fraction>[0-9]{1,6}))?)?"
    r"(?P<offset>[Zz]|[+-][0-9]{2}(?::?[0-9]{2})?)?)?"
)


def read_datetime(text: str) -> datetime:
    """A timezone-aware UTC datetime from ISO 8601 text such as ``2026-04-15T13:34:21.428Z``.

    The forms read are the same on every Python (``datetime.fromisoformat``
    takes more on 3.11 than on 3.10): ``YYYY-MM-DD``, then optionally ``T``
    (or ``t`` or a space) and ``HH:MM``, ``HH:MM:SS`` or ``HH:MM:SS.ffffff``
    (one to six digits after a ``.`` or ``,``), then optionally an offset:
    ``Z``, ``+HH:MM``, ``+HHMM`` or ``+HH``.  A time without an offset, and a
    date alone (midnight), are taken as UTC.  A time that lies outside the
    years 1 to 9999 once in UTC (``9999-12-31T23:59:59-05:00``) is refused.
    """
    match = _DATETIME.fullmatch(text.strip())
    if match is None:
        raise ValueError(f"not an ISO 8601 datetime: {text!r}")
    part = match.group
    fraction = part("fraction") or ""
    offset = part("offset")
    zone = None
    if offset is not None:
        if offset in ("Z", "z"):
            zone = timezone.utc
        else:
            digits = offset[1:].replace(":", "")
            minutes = int(digits[:2]) * 60 + int(digits[2:] or 0)
            if int(digits[2:] or 0) > 59 or minutes >= 24 * 60:
                raise ValueError(f"not an ISO 8601 datetime: {text!r} (offset out of range)")
            zone = timezone(timedelta(minutes=-minutes if offset[0] == "-" else minutes))
    try:
        value = datetime(
            int(part("year")),
            int(part("month")),
            int(part("day")),
            int(part("hour") or 0),
            int(part("minute") or 0),
            int(part("second") or 0),
            int(fraction.ljust(6, "0")) if fraction else 0,
            tzinfo=zone,
        )
    except ValueError as exc:
        raise ValueError(f"not an ISO 8601 datetime: {text!r} ({exc})") from None
    return in_utc(value)


def in_utc(value: datetime) -> datetime:
    """``value`` in UTC (a naive one is taken as UTC); ``ValueError`` when UTC cannot hold it.

    Python's datetimes span the years 1 to 9999: ``9999-12-31T23:59:59-05:00``
    is a valid time whose UTC falls in the year 10000.
    """
    if value.tzinfo is None:
        return value.replace(tzinfo=timezone.utc)
    try:
        return value.astimezone(timezone.utc)
    except OverflowError:
        raise ValueError(f"{value.isoformat()} lies outside the years 1 to 9999 in UTC") from None


#: A rank: a position and a total of at most 18 digits each (a longer one is no rank; it is refused, not read).
_RANK = re.compile(r"(\d{1,18})[ \t]*/[ \t]*(\d{1,18})")


@compact
@attrs.frozen
class Rank:
    """A place in a ranking, ``20 / 32``: ``position`` out of ``total``.

    ``text`` is how it was written (``"20 / 32"`` or ``"23/32"``); it does
    not take part in comparisons.
    """

    position: int
    total: int
    text: str = attrs.field(default="", eq=False, repr=False)

    def __str__(self) -> str:
        return self.text or f"{self.position} / {self.total}"


def is_rank_text(text: str) -> bool:
    """Whether :func:`read_rank` reads ``text`` (a rank, ``-`` or nothing) without building the rank."""
    stripped = text.strip()
    return stripped in _NONE or _RANK.fullmatch(stripped) is not None


def read_rank(text: str) -> Rank | None:
    """The rank ``text`` writes (``20 / 32``, ``23/32``), or None for ``-``."""
    stripped = text.strip()
    if stripped in _NONE:
        return None
    match = _RANK.fullmatch(stripped)
    if match is None:
        raise ValueError(f"not a rank like '20 / 32': {text!r}")
    return Rank(int(match.group(1)), int(match.group(2)), stripped)


def read_count(text: str) -> int | None:
    """A whole count (``13``, ``01``), or None for ``-``."""
    stripped = text.strip()
    if stripped in _NONE:
        return None
    if not stripped.isascii() or not stripped.isdigit():
        raise ValueError(f"not a whole number: {text!r}")
    return int(stripped)
