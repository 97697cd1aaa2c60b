"""Provinces: reference lists, coverage of the 63, and provinces against the national goal."""
import dagster as dg
import polars as pl

from coopdata.coverage import coverage_frame, national_comparison_frame, provinces_2025_frame, provinces_frame

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
          "plans, plans with targets, targets, metrics covered, latest issue date.")
def coverage(plans: pl.DataFrame, targets: pl.DataFrame) -> dg.Output[pl.DataFrame]:
    df = coverage_frame(plans, targets)
    covered = df.filter(pl.col("targets") > 0).height
    return dg.Output(df, metadata=_meta(df, provinces_with_targets=covered,
                                        provinces_with_plans=df.filter(pl.col("plans") > 0).height))


@dg.asset(group_name="provinces", description="Each national target against the sum (or mean) of the provinces' "
          "latest targets for the same metric and year.")
def national_comparison(plans: pl.DataFrame, targets: pl.DataFrame) -> dg.Output[pl.DataFrame]:
    df = national_comparison_frame(plans, targets)
    return dg.Output(df, metadata=_meta(df.drop("contributing_codes")))
