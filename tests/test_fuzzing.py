"""The fuzz harness's generator and checks, run by hypothesis in the suite (the harness runs them for longer)."""

from __future__ import annotations

import os

from hypothesis import given, settings
from hypothesis import strategies as st

from .fuzzing import check_reading, hostile_text


class _Draws:
    """Choices drawn by hypothesis, so that it can shrink a failing text to a small one."""

    def __init__(self, data: st.DataObject) -> None:
        self.data = data

    def integer(self, low: int, high: int) -> int:
        return self.data.draw(st.integers(low, high))


#: How many texts to try: 300 in the suite; FUZZ_EXAMPLES=30000 for a longer run.
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "300"))


@settings(max_examples=EXAMPLES)
@given(st.data(), st.lists(st.text(max_size=60), max_size=2))
def test_mutated_pages_keep_every_promise_of_reading(data: st.DataObject, arbitrary: list[str]) -> None:
    check_reading(hostile_text(_Draws(data), arbitrary))
