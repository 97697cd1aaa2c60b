"""Provinces: reference lists, coverage of the 63, and provinces against the national goal."""
import dagster as dg
import polars as pl

from coopdata.coverage import (coverage_2025_frame, coverage_frame, national_comparison_frame, provinces_2025_frame,
                               provinces_frame)

from .ingest import _meta


@dg.asset(group_name="provinces", description="The 63 pre-2025 provinces with official codes and the 2025 unit "
          "each became (coopdata/data, from vietnamadminunits).")
def provinces() -> dg.Output[pl.DataFrame]:
    df = provinces_frame()
    return dg.Output(df, metadata=_meta(df))


@dg.asset(group_name="provinces", description="The 34 provincial units from 1 July 2025 and the old units merged into each.")
def provinces_2025() -> dg.Output[pl.DataFrame]:
    df = provinces_2025_frame()
    return dg.Output(df, metadata=_meta(df))


@dg.asset(group_name="provinces", description="One row for each of the 63 provinces, also those with no plan: "
          "plans, plans with targets, targets, metrics covered, latest issue date, and for each gap its reason "
          "and what was searched (coopdata/data/coverage_notes.csv).")
def coverage(plans: pl.DataFrame, targets: pl.DataFrame, target_candidates: pl.DataFrame) -> dg.Output[pl.DataFrame]:
    df = coverage_frame(plans, targets, target_candidates)
    covered = df.filter(pl.col("targets") > 0).height
    return dg.Output(df, metadata=_meta(df, provinces_with_targets=covered,
                                        provinces_with_plans=df.filter(pl.col("plans") > 0).height))


@dg.asset(group_name="provinces", description="One row for each of the 34 units of 1 July 2025: how many of its "
          "old provinces have pre-merger targets, and its post-merger plans and targets (coopdata/units2025.py).")
def coverage_2025(plans: pl.DataFrame, targets: pl.DataFrame) -> dg.Output[pl.DataFrame]:
    df = coverage_2025_frame(plans, targets)
    return dg.Output(df, metadata=_meta(df.drop("old_without_targets"),
                                        units_with_post_merger_plans=df.filter(pl.col("post_merger_plans") > 0).height,
                                        units_all_old_with_targets=df.filter(
                                            pl.col("old_with_targets") == pl.col("n_merged")).height))


@dg.asset(group_name="provinces", description="Each national target against the sum (or mean) of the provinces' "
          "latest targets for the same metric and year, with the provinces contributing and missing; from 2025 on "
          "also by the 34 units of 2025.")
def national_comparison(plans: pl.DataFrame, targets: pl.DataFrame) -> dg.Output[pl.DataFrame]:
    df = national_comparison_frame(plans, targets)
    return dg.Output(df, metadata=_meta(df.drop("contributing_codes", "missing_codes", "contributing_units",
                                                "missing_units")))
