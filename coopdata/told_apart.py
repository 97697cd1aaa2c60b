"""Published figures a reader cannot tell apart: one plan, one metric, one year, two values, nothing else different.

A plan that sets "70 HTX, trong đó 45 HTX xếp loại khá" publishes two counts of cooperatives for one year; the
sector and the qualifier columns say which is which. Where neither does, a user summing or comparing plans cannot
know which figure is the plan's total. The release reports how many such rows there are (quality/extraction.json)
and the check on `targets` lists them; they stay published (a breakdown is a real aim), so the check warns.
"""
from __future__ import annotations

import polars as pl

__all__ = ["IDENTITY", "untold_rows"]

# the columns that say what a figure is of (value and comparator excluded: they are what differs)
IDENTITY = ("plan_id", "metric", "unit", "frequency", "target_year", "period_start", "period_end", "sector", "qualifier")


def untold_rows(targets: pl.DataFrame) -> pl.DataFrame:
    """The rows of targets whose IDENTITY columns equal another row's while their values differ, sorted. Rows of
    metric `other` are told apart by their metric_text as well (it names what they count)."""
    if targets.height == 0:
        return targets
    other_text = pl.when(pl.col("metric") == "other").then(pl.col("metric_text")).otherwise(None)
    keys = [pl.col(c) for c in IDENTITY] + [other_text.alias("_other_text")]
    values = pl.struct("comparator", "value_low", "value_high")
    return (targets.with_columns(values.n_unique().over(keys).alias("_values"))
            .filter(pl.col("_values") > 1).drop("_values")
            .sort(list(IDENTITY) + ["value_low", "char_start"], nulls_last=True))
