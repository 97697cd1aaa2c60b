"""The `deadlines` table: one row per dated or recurring obligation."""
from __future__ import annotations

import datetime
from typing import Optional

import pandera.polars as pa

from ._common import PRECISIONS, RECURRENCES


class Deadlines(pa.DataFrameModel):
    """One row per task, report or review a plan puts on someone with a date or a recurrence."""

    deadline_id: str = pa.Field(unique=True, str_matches=r"^ddl_[0-9a-f]{16}$", description="Stable id, hashed from the plan, the date and the evidence.")
    plan_id: str = pa.Field(description="The plan that sets the deadline (plans.plan_id).")
    source_file: str = pa.Field(description="Raw file the deadline was read from.")
    raw_sha256: str = pa.Field(str_matches=r"^[0-9a-f]{64}$", description="SHA-256 of that raw file.")
    province_code: Optional[str] = pa.Field(nullable=True, str_matches=r"^\d{2}$", description="Pre-2025 province code of the plan.")
    task: str = pa.Field(description="What must be done, as written.")
    responsible: Optional[str] = pa.Field(nullable=True, description="Body in charge (chủ trì), as written.")
    partners: Optional[str] = pa.Field(nullable=True, description="Bodies that coordinate (phối hợp), as written.")
    due_date: Optional[datetime.date] = pa.Field(nullable=True, description="Last day allowed (Quý II/2024 -> 2024-06-30); for recurring deadlines with a day, the first one on or after the issue date.")
    due_precision: Optional[str] = pa.Field(nullable=True, isin=PRECISIONS, description="How precise the text was: day, month, quarter, half or year.")
    recurrence: str = pa.Field(isin=RECURRENCES, description="once, annual, semiannual, quarterly, monthly or continuous (thường xuyên).")
    evidence: str = pa.Field(description="The clause or table row that states the deadline.")
    char_start: int = pa.Field(ge=0, description="Start of the evidence in the normalised text (documents.text).")
    char_end: int = pa.Field(ge=0, description="End (exclusive) of the evidence.")
    rule: str = pa.Field(description="Name of the extraction rule that produced the row.")

    class Config:
        strict = True
        coerce = True
