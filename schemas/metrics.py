"""The `metrics` table: the target vocabulary."""
from __future__ import annotations

import pandera.polars as pa


class Metrics(pa.DataFrameModel):
    """The metric codes `targets.metric` uses, with labels and the cue words that signal them."""

    metric: str = pa.Field(unique=True, description="Metric code.")
    default_unit: str = pa.Field(description="Usual unit(s), '|' separated.")
    label_vi: str = pa.Field(description="Label in Vietnamese.")
    label_en: str = pa.Field(description="Label in English.")
    typical_cues: str = pa.Field(description="Typical wording in the texts.")

    class Config:
        strict = True
        coerce = True
