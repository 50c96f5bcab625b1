"""The fuzz harness's generator and checks, run by hypothesis in the suite (the harness runs them for longer)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from .fuzzing import check_reading, hostile_text


class _Draws:
    """Choices drawn by hypothesis, so that it can shrink a failing text to a small one."""

    def __init__(self, data: st.DataObject) -> None:
        self.data = data

    def integer(self, low: int, high: int) -> int:
        return self.data.draw(st.integers(low, high))


@settings(max_examples=int(__import__("os").environ.get("FUZZ_EXAMPLES", "300")))
@given(st.data(), st.lists(st.text(max_size=60), max_size=2))
def test_mutated_pages_keep_every_promise_of_reading(data: st.DataObject, arbitrary: list[str]) -> None:
    check_reading(hostile_text(_Draws(data), arbitrary))
