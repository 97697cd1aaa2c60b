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

    class Config:
        strict = True
        coerce = True


class NationalComparison(pa.DataFrameModel):
    """For each national target (20-NQ/TW and other national texts in raw/): the provinces' latest targets against it."""

    metric: str = pa.Field(description="Metric code.")
    target_year: Optional[int] = pa.Field(nullable=True, description="Year of the national target.")
    unit: str = pa.Field(description="Unit shared by the national and provincial targets.")
    national_value: float = pa.Field(description="The national target (lower value).")
    aggregation: str = pa.Field(isin=["sum", "mean"], description="How provincial values combine: sum for counts and money, mean for shares.")
    provincial_value: Optional[float] = pa.Field(nullable=True, description="Sum (or mean) of the latest provincial targets for the same metric, year and unit (province-level plans, whole sector).")
    provinces_contributing: int = pa.Field(ge=0, description="Provinces with such a target.")
    provinces_missing: int = pa.Field(ge=0, description="Provinces of the 63 without one.")
    ratio_to_national: Optional[float] = pa.Field(nullable=True, description="provincial_value / national_value.")
    contributing_codes: pl.List(pl.Utf8) = pa.Field(description="Codes of the contributing provinces.")

    class Config:
        strict = True
        coerce = True
