"""Province tables: the reference lists, coverage of the 63 provinces, and provinces against the national goal."""
from __future__ import annotations

import polars as pl

from .provinces import provinces, provinces_2025
from .text import fold

__all__ = ["provinces_frame", "provinces_2025_frame", "coverage_frame", "national_comparison_frame",
           "add_2025_codes"]


def provinces_frame() -> pl.DataFrame:
    from .tables import _frame
    return _frame([dict(province_code=p.code, province_name=p.name, name_ascii=fold(p.name).title(), kind=p.kind,
                        region=p.region, province_code_2025=p.code_2025, province_name_2025=p.name_2025)
                   for p in provinces()], "provinces")


def provinces_2025_frame() -> pl.DataFrame:
    from .tables import _frame
    return _frame([dict(province_code_2025=u.code, province_name_2025=u.name, name_ascii=fold(u.name).title(),
                        kind=u.kind, merged_from=list(u.merged_from), n_merged=len(u.merged_from), unchanged=u.unchanged)
                   for u in provinces_2025()], "provinces_2025")


def add_2025_codes(df: pl.DataFrame) -> pl.DataFrame:
    """province_code_2025 beside province_code (null stays null)."""
    mapping = {p.code: p.code_2025 for p in provinces()}
    return df.with_columns(province_code_2025=pl.col("province_code").replace_strict(mapping, default=None,
                                                                                    return_dtype=pl.Utf8))


def coverage_frame(plans: pl.DataFrame, targets: pl.DataFrame) -> pl.DataFrame:
    """One row for each of the 63 provinces, also those with no plan, so gaps are visible."""
    from .tables import _frame
    base = provinces_frame().select("province_code", "province_name", "province_code_2025", "region")
    p = plans.filter(pl.col("province_code").is_not_null()).group_by("province_code").agg(
        plans=pl.len(), plans_with_targets=(pl.col("n_targets") > 0).sum(),
        latest_issue_date=pl.col("issue_date").max())
    t = targets.filter(pl.col("province_code").is_not_null()).group_by("province_code").agg(
        targets=pl.len(), metrics_covered=pl.col("metric").n_unique())
    df = base.join(p, on="province_code", how="left").join(t, on="province_code", how="left").with_columns(
        pl.col("plans", "plans_with_targets", "targets", "metrics_covered").fill_null(0).cast(pl.Int64))
    return _frame(df.to_dicts(), "coverage")


def _latest_per_province(plans: pl.DataFrame, targets: pl.DataFrame, level: str) -> pl.DataFrame:
    """Targets of each province's latest plan that states the metric and year (latest issue date first)."""
    meta = plans.select("plan_id", "admin_level", "issue_date")
    key = ["metric", "target_year", "unit", "frequency", "sector"]
    t = targets.select("plan_id", "province_code", *key, "value_low", "value_high")  # not the evidence text
    t = t.join(meta, on="plan_id", how="inner").filter(pl.col("admin_level") == level)
    ranked = t.sort(["issue_date", "plan_id"], descending=[True, False], nulls_last=True)
    per_plan = ranked.group_by([*key, "province_code", "plan_id"], maintain_order=True).agg(
        value_low=pl.col("value_low").first(), value_high=pl.col("value_high").first(),
        issue_date=pl.col("issue_date").first())
    return per_plan.group_by([*key, "province_code"], maintain_order=True).first()


def national_comparison_frame(plans: pl.DataFrame, targets: pl.DataFrame) -> pl.DataFrame:
    """For each national target: the provinces' latest targets for the same metric and year, summed (counts) or averaged."""
    from .tables import _frame
    national = _latest_per_province(plans, targets.with_columns(province_code=pl.lit("VN")), "national")
    national = national.filter(pl.col("frequency") == "once", pl.col("sector").is_null())
    provincial = _latest_per_province(plans, targets.filter(pl.col("province_code").is_not_null()), "province")
    rows = []
    for n in national.sort(["target_year", "metric", "unit"]).iter_rows(named=True):
        # a national aim with no year has no provincial counterpart to add up
        year = pl.col("target_year") == n["target_year"] if n["target_year"] is not None else pl.lit(False)
        same = provincial.filter(pl.col("metric") == n["metric"], year,
                                 pl.col("unit") == n["unit"], pl.col("frequency") == "once", pl.col("sector").is_null())
        agg = "sum" if n["unit"] in ("count", "vnd") else "mean"
        value = None
        if same.height:
            value = float(same["value_low"].sum() if agg == "sum" else same["value_low"].mean())
        ratio = value / n["value_low"] if value is not None and n["value_low"] else None
        rows.append(dict(metric=n["metric"], target_year=n["target_year"], unit=n["unit"],
                         national_value=n["value_low"], aggregation=agg, provincial_value=value,
                         provinces_contributing=same.height,
                         provinces_missing=len(provinces()) - same.height,
                         ratio_to_national=None if ratio is None else round(ratio, 4),
                         contributing_codes=sorted(same["province_code"].to_list())))
    return _frame(rows, "national_comparison")
