"""Values as the pages write them."""

from __future__ import annotations

import copy
import pickle
from datetime import datetime, timezone
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

import symboldoc
from symboldoc import Number
from symboldoc._values import read_datetime, read_grade, read_number


@pytest.mark.parametrize(
    ("text", "amount", "unit"),
    [
        ("23.90%", "23.90", "%"),
        ("-405.98%", "-405.98", "%"),
        ("3.89", "3.89", ""),
        ("5175298230.18", "5175298230.18", ""),
        ("1.55T", "1550000000000", "T"),
        ("94.83B", "94830000000", "B"),
        ("189.66M", "189660000", "M"),
    ],
)
def test_numbers_keep_amount_unit_and_text(text: str, amount: str, unit: str) -> None:
    number = read_number(text)
    assert number == Decimal(amount)
    assert number is not None and (number.unit, number.text) == (unit, text)


def test_written_form_is_remembered() -> None:
    a, b = read_number("0.40"), read_number("0.4")
    assert a == b and a is not None and b is not None
    assert (a.text, b.text) == ("0.40", "0.4")
    assert str(a) == "0.40"


@pytest.mark.parametrize("text", ["-", "", "  "])
def test_dash_and_empty_are_none(text: str) -> None:
    assert read_number(text) is None
    assert read_grade(text) is None


@pytest.mark.parametrize("text", ["abc", "1.2.3", "%", "12%%", "1,000"])
def test_non_numbers_raise(text: str) -> None:
    with pytest.raises(ValueError, match="not a number"):
        read_number(text)


def test_grades() -> None:
    assert [read_grade(g) for g in "ABCDE"] == list("ABCDE")
    with pytest.raises(ValueError, match="grade"):
        read_grade("Z")


def test_datetimes_are_aware_utc() -> None:
    assert read_datetime("2026-04-15T04:30:17.000Z") == datetime(2026, 4, 15, 4, 30, 17, tzinfo=timezone.utc)
    assert read_datetime("2026-04-15T04:30:17").tzinfo is timezone.utc
    with pytest.raises(ValueError, match="ISO 8601"):
        read_datetime("yesterday")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-04-15", datetime(2026, 4, 15, tzinfo=timezone.utc)),
        ("2026-04-15 13:34", datetime(2026, 4, 15, 13, 34, tzinfo=timezone.utc)),
        ("2026-04-15t13:34:21,5z", datetime(2026, 4, 15, 13, 34, 21, 500000, tzinfo=timezone.utc)),
        ("2026-04-15T13:34:21.123456+0530", datetime(2026, 4, 15, 8, 4, 21, 123456, tzinfo=timezone.utc)),
        ("2026-04-15T13:34:21-05", datetime(2026, 4, 15, 18, 34, 21, tzinfo=timezone.utc)),
        ("  2026-04-15T13:34:21.428Z ", datetime(2026, 4, 15, 13, 34, 21, 428000, tzinfo=timezone.utc)),
    ],
)
def test_datetimes_are_read_by_one_rule_on_every_python(text: str, expected: datetime) -> None:
    assert read_datetime(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "20260415T133421",  # basic format: taken by fromisoformat on 3.11, not on 3.10
        "2026-W16-3",  # a week date: likewise
        "2026-04-15T13",  # an hour alone: likewise
        "2026-04-15T13:34:21.1234567Z",  # more than a datetime holds: not cut short
        "2026-04-15T24:00",
        "2026-02-30",
        "2026-04-15T13:34+24:00",
        "2026-04-15T13:34+05:60",
        "\u0662\u0660\u0662\u0666-04-15",  # digits of another script
        "",
    ],
)
def test_datetimes_outside_the_rule_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match="not an ISO 8601 datetime"):
        read_datetime(text)


@given(st.datetimes(timezones=st.timezones()))
def test_written_datetimes_read_back(value: datetime) -> None:
    from symboldoc._values import format_datetime, in_utc

    try:
        utc = in_utc(value)
    except ValueError:
        return  # UTC cannot hold it: refused where it is given (see below)
    assert read_datetime(format_datetime(utc)) == utc
    assert read_datetime(utc.isoformat()) == utc


@given(st.decimals(allow_nan=False, allow_infinity=False, places=4))
def test_numbers_survive_pickle_and_copy(value: Decimal) -> None:
    number = Number(value, f"{value}%", "%")
    for clone in (pickle.loads(pickle.dumps(number)), copy.deepcopy(number)):
        assert clone == number and clone.text == number.text and clone.unit == "%"


@pytest.mark.parametrize("text", ["9999-12-31T23:59:59-05:00", "0001-01-01T00:00:00+01:00"])
def test_a_datetime_utc_cannot_hold_is_refused_as_a_value_error(text: str) -> None:
    with pytest.raises(ValueError, match="years 1 to 9999"):
        read_datetime(text)


def test_a_datetime_field_refuses_what_utc_cannot_hold() -> None:
    from datetime import timedelta

    edge = datetime(9999, 12, 31, 23, 0, tzinfo=timezone(timedelta(hours=-5)))
    with pytest.raises(ValueError, match=r"Score\.updated: expected a datetime that UTC can hold"):
        symboldoc.Score(updated=edge)
