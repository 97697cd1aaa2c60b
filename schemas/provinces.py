"""Province reference tables and the province-level summaries."""
from __future__ import annotations

import datetime
from typing import Optional

import pandera.polars as pa
import polars as pl


class Provinces(pa.DataFrameModel):
    """The 63 provinces and centrally-run cities in force until 30 June 2025, with the 2025 unit each became."""

    province_code: str = pa.Field(unique=True, str_matches=r"^\d{2}$", description="Official two-digit code.")
    province_name: str = pa.Field(description="Name with diacritics.")
    name_ascii: str = pa.Field(description="Name without diacritics.")
    kind: str = pa.Field(isin=["tỉnh", "thành phố trực thuộc trung ương"], description="Province or centrally-run city.")
    region: str = pa.Field(description="Socio-economic region.")
    province_code_2025: str = pa.Field(str_matches=r"^\d{2}$", description="Code of the unit it belongs to from 1 July 2025.")
    province_name_2025: str = pa.Field(description="Name of that 2025 unit.")

    class Config:
        strict = True
        coerce = True

    @pa.dataframe_check
    def sixty_three(cls, data) -> bool:  # noqa: N805
        return data.lazyframe.select(pl.len() == 63)

    @pa.dataframe_check
    def thirty_four_new_units(cls, data) -> bool:  # noqa: N805
        return data.lazyframe.select(pl.col("province_code_2025").n_unique() == 34)


class Provinces2025(pa.DataFrameModel):
    """The 34 provincial units from 1 July 2025 (Resolution 202/2025/QH15)."""

    province_code_2025: str = pa.Field(unique=True, str_matches=r"^\d{2}$", description="Official two-digit code.")
    province_name_2025: str = pa.Field(description="Name with diacritics.")
    name_ascii: str = pa.Field(description="Name without diacritics.")
    kind: str = pa.Field(isin=["tỉnh", "thành phố trực thuộc trung ương"], description="Province or centrally-run city.")
    merged_from: pl.List(pl.Utf8) = pa.Field(description="Codes of the pre-2025 provinces it was formed from.")
    n_merged: int = pa.Field(ge=1, description="How many pre-2025 provinces it was formed from.")
    unchanged: bool = pa.Field(description="True for the 11 units that were not merged.")

    class Config:
        strict = True
        coerce = True

    @pa.dataframe_check
    def thirty_four(cls, data) -> bool:  # noqa: N805
        return data.lazyframe.select(pl.len() == 34)

    @pa.dataframe_check
    def every_old_unit_in_exactly_one_new_unit(cls, data) -> bool:  # noqa: N805
        codes = data.lazyframe.select(pl.col("merged_from").explode())
        return codes.select((pl.col("merged_from").n_unique() == 63) & (pl.len() == 63))

    @pa.dataframe_check
    def eleven_unchanged(cls, data) -> bool:  # noqa: N805
        return data.lazyframe.select(pl.col("unchanged").sum() == 11)


class Coverage(pa.DataFrameModel):
    """One row for every one of the 63 provinces, also those with no plan: what the dataset holds for it."""

    province_code: str = pa.Field(unique=True, str_matches=r"^\d{2}$", description="Pre-2025 province code.")
    province_name: str = pa.Field(description="Province name.")
    province_code_2025: str = pa.Field(str_matches=r"^\d{2}$", description="2025 unit code.")
    region: str = pa.Field(description="Socio-economic region.")
    plans: int = pa.Field(ge=0, description="Plans (documents) of the province or of its cities and districts.")
    plans_with_targets: int = pa.Field(ge=0, description="Of those, plans with at least one target.")
    latest_issue_date: Optional[datetime.date] = pa.Field(nullable=True, description="Most recent issue date among its plans.")
    targets: int = pa.Field(ge=0, description="Targets read from its plans.")
    metrics_covered: int = pa.Field(ge=0, description="Distinct metrics among those targets.")
    gap_reason: Optional[str] = pa.Field(nullable=True, description="Null when the province has targets; otherwise why not: no plan in raw/, plans whose facts wait in target_candidates, or plans with no quantified aim, followed by what a search for sources found or why nothing could be used (coopdata/data/coverage_notes.csv).")
    searched: Optional[str] = pa.Field(nullable=True, description="What was searched for the province's plans (search tool, corpus and queries), when a search was made; the note in coopdata/data/coverage_notes.csv says what it found.")

    class Config:
        strict = True
        coerce = True

    @pa.dataframe_check
    def every_gap_has_a_reason(cls, data) -> bool:  # noqa: N805
        return data.lazyframe.select(((pl.col("targets") > 0) | pl.col("gap_reason").is_not_null()).all())


class Coverage2025(pa.DataFrameModel):
    """One row for each of the 34 provincial units of 1 July 2025: how many of its old provinces have pre-merger
    targets, and the plans and targets issued for the unit itself since the merger (coopdata/units2025.py)."""

    province_code_2025: str = pa.Field(unique=True, str_matches=r"^\d{2}$", description="Code of the 2025 unit.")
    province_name_2025: str = pa.Field(description="Name of the 2025 unit.")
    n_merged: int = pa.Field(ge=1, le=4, description="How many pre-2025 provinces it was formed from (1 = unchanged).")
    old_with_plans: int = pa.Field(ge=0, description="Of those old provinces, how many have a pre-merger plan in the dataset.")
    old_with_targets: int = pa.Field(ge=0, description="Of those old provinces, how many have pre-merger targets.")
    old_without_targets: pl.List(pl.Utf8) = pa.Field(description="Codes of its old provinces with no pre-merger target.")
    pre_merger_plans: int = pa.Field(ge=0, description="Plans of its old provinces issued before the merger (or not known to be after it).")
    pre_merger_targets: int = pa.Field(ge=0, description="Targets read from those plans.")
    post_merger_plans: int = pa.Field(ge=0, description="Plans issued for the unit since 1 July 2025 (by issue date, or by what the text says: a 2025-2030 first congress, the merged unit named).")
    post_merger_targets: int = pa.Field(ge=0, description="Targets read from those plans.")
    latest_post_merger_issue_date: Optional[datetime.date] = pa.Field(nullable=True, description="Most recent issue date among its post-merger plans, when stated.")

    class Config:
        strict = True
        coerce = True

    @pa.dataframe_check
    def thirty_four(cls, data) -> bool:  # noqa: N805
        return data.lazyframe.select(pl.len() == 34)

    @pa.dataframe_check
    def counts_add_up(cls, data) -> bool:  # noqa: N805
        return data.lazyframe.select(((pl.col("old_with_targets") <= pl.col("n_merged"))
                                      & (pl.col("old_with_targets") + pl.col("old_without_targets").list.len()
                                         == pl.col("n_merged"))).all())


class NationalComparison(pa.DataFrameModel):
    """For each national target (20-NQ/TW and other national texts in raw/): the provinces' latest targets against it."""

    metric: str = pa.Field(description="Metric code.")
    target_year: Optional[int] = pa.Field(nullable=True, description="Year of the national target.")
    unit: str = pa.Field(description="Unit shared by the national and provincial targets.")
    national_value: float = pa.Field(description="The national target (lower value).")
    aggregation: str = pa.Field(isin=["sum", "mean"], description="How provincial values combine: sum for counts and money, mean for shares.")
    provincial_value: Optional[float] = pa.Field(nullable=True, description="63-province view: sum (or mean) of the latest provincial targets for the same metric, year and unit (province-level plans of the old provinces, whole sector; documents keyed to a merged 2025 unit are not an old province's).")
    provinces_contributing: int = pa.Field(ge=0, description="Provinces with such a target.")
    provinces_missing: int = pa.Field(ge=0, description="Provinces of the 63 without one.")
    ratio_to_national: Optional[float] = pa.Field(nullable=True, description="provincial_value / national_value.")
    contributing_codes: pl.List(pl.Utf8) = pa.Field(description="Codes of the contributing provinces.")
    missing_codes: pl.List(pl.Utf8) = pa.Field(description="Codes of the provinces of the 63 without such a target.")
    units_contributing: Optional[int] = pa.Field(nullable=True, ge=0, le=34, description="34-unit view (aims for 2025 or later): units of 2025 with a value, either their own post-merger target or targets of all their old provinces; null for earlier aims.")
    units_missing: Optional[int] = pa.Field(nullable=True, ge=0, le=34, description="34-unit view: units with neither (some old province states no such target).")
    unit_value: Optional[float] = pa.Field(nullable=True, description="34-unit view: sum (or mean) over the contributing units, each unit's own post-merger target when it has one, else the sum (or mean) of its old provinces' latest targets.")
    unit_ratio_to_national: Optional[float] = pa.Field(nullable=True, description="unit_value / national_value.")
    contributing_units: Optional[pl.List(pl.Utf8)] = pa.Field(nullable=True, description="34-unit view: codes of the contributing 2025 units.")
    missing_units: Optional[pl.List(pl.Utf8)] = pa.Field(nullable=True, description="34-unit view: codes of the 2025 units without a value.")

    class Config:
        strict = True
        coerce = True
