"""The `changes` table: what moved since the previous release."""
from __future__ import annotations

from typing import Optional

import pandera.polars as pa


class Changes(pa.DataFrameModel):
    """Targets added, removed and changed since the previous release, by stable id (empty for a first release)."""

    change: str = pa.Field(isin=["added", "removed", "changed"], description="What happened to the target.")
    target_id: str = pa.Field(description="Id in this release (for removed targets, the id they had).")
    previous_target_id: Optional[str] = pa.Field(nullable=True, description="Id in the previous release (null for added targets).")
    plan_id: str = pa.Field(description="Plan of the target.")
    source_file: str = pa.Field(description="Raw file of the plan.")
    metric: str = pa.Field(description="Metric code.")
    target_year: Optional[int] = pa.Field(nullable=True, description="Target year.")
    previous_value_low: Optional[float] = pa.Field(nullable=True, description="Lower value before.")
    previous_value_high: Optional[float] = pa.Field(nullable=True, description="Upper value before.")
    value_low: Optional[float] = pa.Field(nullable=True, description="Lower value now.")
    value_high: Optional[float] = pa.Field(nullable=True, description="Upper value now.")
    previous_comparator: Optional[str] = pa.Field(nullable=True, description="Comparator before.")
    comparator: Optional[str] = pa.Field(nullable=True, description="Comparator now.")

    class Config:
        strict = True
        coerce = True
