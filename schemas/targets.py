"""The `targets` table: one row per quantified aim."""
from __future__ import annotations

from typing import Optional

import pandera.polars as pa

from ._common import COMPARATORS, FREQUENCIES, SECTORS, UNITS, metric_codes


class Targets(pa.DataFrameModel):
    """One row per forward-looking, quantified aim about the collective economy, as spec/targets.md defines it."""

    target_id: str = pa.Field(unique=True, str_matches=r"^tgt_[0-9a-f]{16}$",
                              description="Stable id, hashed from the plan, the fact's fields and its evidence.")
    plan_id: str = pa.Field(description="The plan the aim belongs to (plans.plan_id).")
    source_file: str = pa.Field(description="Raw file the aim was read from.")
    raw_sha256: str = pa.Field(str_matches=r"^[0-9a-f]{64}$", description="SHA-256 of that raw file.")
    province_code: Optional[str] = pa.Field(nullable=True, str_matches=r"^\d{2}$", description="Pre-2025 province code of the plan.")
    province_code_2025: Optional[str] = pa.Field(nullable=True, str_matches=r"^\d{2}$", description="Code of the 2025 provincial unit, to roll targets up by the 34 units.")
    metric: str = pa.Field(isin=metric_codes(), description="What is counted or measured: a code of the metrics vocabulary (metrics table).")
    metric_text: str = pa.Field(description="The words the metric was read from.")
    comparator: str = pa.Field(isin=COMPARATORS, description="eq, approx (khoảng), gt (trên), gte (ít nhất), lt (dưới), lte (tối đa) or range.")
    value_low: float = pa.Field(ge=0, description="Lower value (equal to value_high unless a range); vnd in đồng, percent in percent points.")
    value_high: float = pa.Field(ge=0, description="Upper value of a range, else equal to value_low.")
    unit: str = pa.Field(isin=UNITS, description="count, percent, percent_per_year, vnd or times.")
    frequency: str = pa.Field(isin=FREQUENCIES, description="once (a state to reach), annual (each year), period_total (a flow summed over a period).")
    target_year: Optional[int] = pa.Field(nullable=True, ge=2000, le=2060, description="Year the aim is to be reached; null for annual aims.")
    period_start: Optional[int] = pa.Field(nullable=True, ge=2000, le=2060, description="First year of the period an annual or period_total aim covers, when stated.")
    period_end: Optional[int] = pa.Field(nullable=True, ge=2000, le=2060, description="Last year of that period.")
    sector: Optional[str] = pa.Field(nullable=True, isin=SECTORS, description="Sector the aim is scoped to; null for the whole collective economy.")
    qualifier: Optional[str] = pa.Field(nullable=True, description="Words that narrow the subject without changing the metric, as the text writes them (several joined by '; '), so that figures of one metric for one year can be told apart: a rating or status of the cooperatives counted ('xếp loại khá', 'đang hoạt động', 'hoạt động hiệu quả'), the managers' level of education or training ('trình độ cao đẳng, đại học'), who earns an income ('người lao động'), the kind of organisation an average is for ('tổ hợp tác'), a figure for each district or commune ('mỗi huyện'), a monthly amount ('đồng/tháng'), OCOP stars, the base of a growth rate ('so với năm 2022'). Null when the text names none; the wording lives in coopdata/data/qualifiers.csv.")
    evidence: str = pa.Field(description="The clause that states the aim, from the normalised text.")
    char_start: int = pa.Field(ge=0, description="Start of the evidence in the normalised text of the raw file (documents.text).")
    char_end: int = pa.Field(ge=0, description="End (exclusive) of the evidence in that text.")
    rule: str = pa.Field(description="Name of the extraction rule that produced the fact.")
    confidence: float = pa.Field(ge=0, le=1, description="How sure the decision step is that the fact is a real aim "
                                 "(logistic model over the features of its sentence, time and page; "
                                 "coopdata/data/confidence_model.json). targets holds the facts at or above the "
                                 "model's threshold, target_candidates the others. A figure for a year before "
                                 "the page's date, or for a year the page says it reviews, is capped at 0.2 "
                                 "(reasons -year_past, -year_reviewed).")
    reasons: str = pa.Field(description="The features that moved the confidence most, signed (e.g. "
                            "'+aim_heading; -result_before'; the names are coopdata.confidence.FEATURES); "
                            "'-year_past' or '-year_reviewed' first when the cap applied; empty when none did.")

    class Config:
        strict = True
        coerce = True

    @pa.dataframe_check
    def range_ordered(cls, data) -> bool:  # noqa: N805
        import polars as pl
        return data.lazyframe.select(pl.col("value_high") >= pl.col("value_low"))

    @pa.dataframe_check
    def span_ordered(cls, data) -> bool:  # noqa: N805
        import polars as pl
        return data.lazyframe.select(pl.col("char_end") > pl.col("char_start"))


class TargetCandidates(Targets):
    """Facts the extractor read but is not sure of, kept for a reader to review and never counted as published
    aims: the same columns as targets, plus why each waits here."""

    review_reason: str = pa.Field(description="Why the fact is not published in targets: 'low confidence 0.41: "
                                  "-result_before; ...' (below the model's threshold), or the plausibility check it failed.")

    class Config:
        strict = True
        coerce = True
