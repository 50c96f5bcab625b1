"""pandas: a table as a DataFrame, and an archive of pages as a time series."""

from __future__ import annotations

from decimal import Decimal

import pytest

import symboldoc

from .pages import own_pages

pandas = pytest.importorskip("pandas")


def test_table_to_dataframe(example: str) -> None:
    table = symboldoc.loads(example).tables[-1]
    df = table.to_dataframe()
    assert list(df.columns) == ["Metric", "Price"]
    assert df["Metric"].tolist() == ["Current Price", "Highest Target", "Lowest Target"]


def test_frame_has_one_row_per_page_with_exact_figures() -> None:
    docs = [symboldoc.loads(text) for _, text in sorted(own_pages().items())]
    df = symboldoc.frame(docs)
    assert list(df.columns) == list(symboldoc.FRAME_COLUMNS)
    assert len(df) == len(docs)
    row = df[df["symbol"] == "HLRB.US"].iloc[0]
    example = symboldoc.loads(own_pages()["example.md"])
    assert example.score is not None and example.target_price is not None
    assert row["score"] == example.score.value and isinstance(row["score"], Decimal)
    assert row["grade"] == example.score.grade
    assert row["target_high"] == example.target_price.highest
    assert str(df["datetime"].dt.tz) == "UTC"
    older = df[df["symbol"] == "02853.HK"].iloc[0]
    assert pandas.isna(older["datetime"])  # older pages carry no datetime


def test_frame_of_snapshots_is_a_time_series(example: str) -> None:
    snapshots = []
    for day, grade in ((1, "C"), (2, "B"), (3, "A")):
        doc = symboldoc.loads(example)
        assert doc.front_matter is not None and doc.front_matter.datetime is not None and doc.score is not None
        doc.front_matter.datetime = doc.front_matter.datetime.replace(day=day)
        doc.score.grade = grade
        snapshots.append(symboldoc.loads(symboldoc.dumps(doc)))
    series = symboldoc.frame(snapshots).set_index("datetime")["grade"]
    assert series.tolist() == ["C", "B", "A"]
    assert series.index.is_monotonic_increasing
