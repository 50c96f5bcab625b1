"""Hypothesis profiles and the fixtures every test module may use."""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, settings

from .pages import CORPUS, example_text, read_exact

settings.register_profile("default", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("ci", deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
# A long run, by hand (HYPOTHESIS_PROFILE=long): the figures in the issue notes and docs/guarantees.md.
settings.register_profile(
    "long", max_examples=int(os.environ.get("HYPOTHESIS_EXAMPLES", "1000")), deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)  # fmt: skip
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


@pytest.fixture
def seed() -> str:
    """The one complete real page; the test skips when the shared corpus is absent."""
    path = CORPUS / "seed" / "KC.US.md"
    if not path.is_file():
        pytest.skip("the shared corpus (../shared/corpus) is not beside this checkout")
    return read_exact(path)


@pytest.fixture
def example() -> str:
    """The bundled example page."""
    return example_text()
