"""Province tables: the reference lists, coverage of the 63 provinces, and provinces against the national goal."""
from __future__ import annotations

import csv
from functools import lru_cache
from importlib import resources

import polars as pl

from .provinces import provinces, provinces_2025
from .qualifiers import PER_UNIT_QUALIFIER
from .text import fold
from .units2025 import NOTE_PREFIX

__all__ = ["provinces_frame", "provinces_2025_frame", "coverage_frame", "coverage_2025_frame",
           "national_comparison_frame", "add_2025_codes", "coverage_notes", "post_merger_plan_ids"]


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


@lru_cache(maxsize=1)
def coverage_notes() -> dict[str, dict[str, str]]:
    """coopdata/data/coverage_notes.csv: for each province searched for, whether a source was found, what was
    searched and what turned up (or why nothing could be used)."""
    with resources.files("coopdata.data").joinpath("coverage_notes.csv").open(encoding="utf-8") as f:
        return {r["province_code"]: r for r in csv.DictReader(f)}


def post_merger_plan_ids(plans: pl.DataFrame) -> pl.Series:
    """plan_id of the documents keyed to their 2025 unit (coopdata/units2025.py marks them in province_note)."""
    return plans.filter(pl.col("province_note").str.starts_with(NOTE_PREFIX))["plan_id"]


def _gap_reason(row: dict, waiting: dict[str, int], notes: dict[str, dict[str, str]],
                unit_plans: dict[str, int]) -> str | None:
    if row["targets"]:
        return None
    note = notes.get(row["province_code"], {})
    if row["plans"] == 0:
        why = "no plan in raw/"
        if unit_plans.get(row["province_code_2025"]):
            why += (f" (the 2025 unit {row['province_code_2025']} it belongs to has "
                    f"{unit_plans[row['province_code_2025']]} post-merger plan(s): counted in coverage_2025, not "
                    "as this province's)")
    elif waiting.get(row["province_code"]):
        why = (f"plans in raw/, but their {waiting[row['province_code']]} fact(s) wait in target_candidates "
               "(low confidence or implausible)")
    else:
        why = "plans in raw/, but no quantified aim was read from them"
    if note.get("status") == "not_found":
        why += "; searched, no usable source found: " + note["note"]
    elif note.get("note"):
        why += "; " + note["note"]
    return why


def coverage_frame(plans: pl.DataFrame, targets: pl.DataFrame,
                   candidates: pl.DataFrame | None = None) -> pl.DataFrame:
    """One row for each of the 63 provinces, also those with no plan, so gaps are visible, each with its reason
    and what was searched for it (coopdata/data/coverage_notes.csv). Documents keyed to a merged 2025 unit have
    no old province_code and so count for none of the 63."""
    from .tables import _frame
    base = provinces_frame().select("province_code", "province_name", "province_code_2025", "region")
    p = plans.filter(pl.col("province_code").is_not_null()).group_by("province_code").agg(
        plans=pl.len(), plans_with_targets=(pl.col("n_targets") > 0).sum(),
        latest_issue_date=pl.col("issue_date").max())
    t = targets.filter(pl.col("province_code").is_not_null()).group_by("province_code").agg(
        targets=pl.len(), metrics_covered=pl.col("metric").n_unique())
    df = base.join(p, on="province_code", how="left").join(t, on="province_code", how="left").with_columns(
        pl.col("plans", "plans_with_targets", "targets", "metrics_covered").fill_null(0).cast(pl.Int64))
    waiting: dict[str, int] = {}
    if candidates is not None and candidates.height:
        waiting = dict(candidates.filter(pl.col("province_code").is_not_null()).group_by("province_code")
                       .len().iter_rows())
    notes = coverage_notes()
    post = plans.filter(pl.col("plan_id").is_in(post_merger_plan_ids(plans).to_list()),
                        pl.col("province_code").is_null(), pl.col("province_code_2025").is_not_null())
    unit_plans = dict(post.group_by("province_code_2025").len().iter_rows()) if post.height else {}
    rows = [{**r, "gap_reason": _gap_reason(r, waiting, notes, unit_plans),
             "searched": notes.get(r["province_code"], {}).get("searched") or None} for r in df.to_dicts()]
    return _frame(rows, "coverage")


def coverage_2025_frame(plans: pl.DataFrame, targets: pl.DataFrame) -> pl.DataFrame:
    """One row for each of the 34 units of 1 July 2025: how many of its old provinces have pre-merger targets,
    and the plans and targets issued for the unit itself since the merger."""
    from .tables import _frame
    post = set(post_merger_plan_ids(plans).to_list())
    t = targets.select("plan_id", "province_code", "province_code_2025").with_columns(
        post=pl.col("plan_id").is_in(list(post)))
    p = plans.select("plan_id", "province_code", "province_code_2025", "issue_date").with_columns(
        post=pl.col("plan_id").is_in(list(post)))
    pre_t, post_t = t.filter(~pl.col("post")), t.filter(pl.col("post"))
    pre_p, post_p = p.filter(~pl.col("post")), p.filter(pl.col("post"))
    old_with_targets = set(pre_t.filter(pl.col("province_code").is_not_null())["province_code"].to_list())
    old_with_plans = set(pre_p.filter(pl.col("province_code").is_not_null())["province_code"].to_list())
    rows = []
    for u in provinces_2025():
        merged = list(u.merged_from)
        with_t = sorted(c for c in merged if c in old_with_targets)
        unit_p = post_p.filter(pl.col("province_code_2025") == u.code)
        unit_t = post_t.filter(pl.col("province_code_2025") == u.code)
        rows.append(dict(
            province_code_2025=u.code, province_name_2025=u.name, n_merged=len(merged),
            old_with_plans=sum(c in old_with_plans for c in merged), old_with_targets=len(with_t),
            old_without_targets=sorted(c for c in merged if c not in old_with_targets),
            pre_merger_plans=pre_p.filter(pl.col("province_code").is_in(merged)).height,
            pre_merger_targets=pre_t.filter(pl.col("province_code").is_in(merged)).height,
            post_merger_plans=unit_p.height, post_merger_targets=unit_t.height,
            latest_post_merger_issue_date=unit_p["issue_date"].max() if unit_p.height else None))
    return _frame(rows, "coverage_2025").sort("province_code_2025")


def _latest_per_province(plans: pl.DataFrame, targets: pl.DataFrame, level: str) -> pl.DataFrame:
    """Targets of each province's latest plan that states the metric and year (latest issue date first).

    Within a plan the figure with no qualifier comes first (the plan's own total: "70 HTX" before "45 HTX xếp
    loại khá" of them), then the first in the text; a figure for each district or commune ("mỗi huyện 2 mô
    hình") is no figure for the province and is left out."""
    meta = plans.select("plan_id", "admin_level", "issue_date")
    key = ["metric", "target_year", "unit", "frequency", "sector"]
    t = targets.select("plan_id", "province_code", *key, "value_low", "value_high", "qualifier",
                       "char_start")  # not the evidence text
    t = t.join(meta, on="plan_id", how="inner").filter(pl.col("admin_level") == level)
    t = t.filter(~pl.col("qualifier").fill_null("").str.contains(PER_UNIT_QUALIFIER)).with_columns(
        qualified=pl.col("qualifier").is_not_null())
    ranked = t.sort(["issue_date", "plan_id", "qualified", "char_start"], descending=[True, False, False, False],
                    nulls_last=True, maintain_order=True)
    per_plan = ranked.group_by([*key, "province_code", "plan_id"], maintain_order=True).agg(
        value_low=pl.col("value_low").first(), value_high=pl.col("value_high").first(),
        issue_date=pl.col("issue_date").first())
    return per_plan.group_by([*key, "province_code"], maintain_order=True).first()


UNIT_VIEW_FROM = 2025  # a national aim for this year or later also gets the 34-unit view (year-end 2025 is the new units')


def _unit_values(same: pl.DataFrame, own: pl.DataFrame, agg: str) -> tuple[dict[str, float], list[str]]:
    """Each 2025 unit's value for one national aim: its own post-merger target if it has one, else its old
    provinces' latest targets combined, when every one of them states one; the units left out."""
    values: dict[str, float] = {}
    missing: list[str] = []
    by_old = dict(zip(same["province_code"].to_list(), same["value_low"].to_list()))
    by_unit = dict(zip(own["province_code"].to_list(), own["value_low"].to_list()))
    for u in provinces_2025():
        if u.code in by_unit:
            values[u.code] = float(by_unit[u.code])
        elif all(c in by_old for c in u.merged_from):
            olds = [float(by_old[c]) for c in u.merged_from]
            values[u.code] = sum(olds) if agg == "sum" else sum(olds) / len(olds)
        else:
            missing.append(u.code)
    return values, missing


def national_comparison_frame(plans: pl.DataFrame, targets: pl.DataFrame) -> pl.DataFrame:
    """For each national target: the provinces' latest targets for the same metric and year, summed (counts) or
    averaged, with how many of the 63 contribute and which are missing; for aims from 2025 on, the same by the
    34 units of 2025 (a unit's own post-merger target, or all of its old provinces' targets combined)."""
    from .tables import _frame
    national = _latest_per_province(plans, targets.with_columns(province_code=pl.lit("VN")), "national")
    national = national.filter(pl.col("frequency") == "once", pl.col("sector").is_null())
    provincial = _latest_per_province(plans, targets.filter(pl.col("province_code").is_not_null()), "province")
    unchanged = [u.code for u in provinces_2025() if u.unchanged]
    post = post_merger_plan_ids(plans).to_list()
    unit_level = targets.filter(pl.col("plan_id").is_in(post), pl.col("province_code_2025").is_not_null(),
                                pl.col("province_code").is_null() | pl.col("province_code_2025").is_in(unchanged))
    unit_own = _latest_per_province(plans, unit_level.with_columns(province_code=pl.col("province_code_2025")),
                                    "province")
    all_codes = [p.code for p in provinces()]
    rows = []
    for n in national.sort(["target_year", "metric", "unit"]).iter_rows(named=True):
        # a national aim with no year has no provincial counterpart to add up
        year = pl.col("target_year") == n["target_year"] if n["target_year"] is not None else pl.lit(False)
        slot = [pl.col("metric") == n["metric"], year, pl.col("unit") == n["unit"], pl.col("frequency") == "once",
                pl.col("sector").is_null()]
        same = provincial.filter(*slot)
        agg = "sum" if n["unit"] in ("count", "vnd") else "mean"
        value = None
        if same.height:
            value = float(same["value_low"].sum() if agg == "sum" else same["value_low"].mean())
        ratio = value / n["value_low"] if value is not None and n["value_low"] else None
        codes = sorted(same["province_code"].to_list())
        row = dict(metric=n["metric"], target_year=n["target_year"], unit=n["unit"],
                   national_value=n["value_low"], aggregation=agg, provincial_value=value,
                   provinces_contributing=same.height, provinces_missing=len(all_codes) - same.height,
                   ratio_to_national=None if ratio is None else round(ratio, 4), contributing_codes=codes,
                   missing_codes=sorted(set(all_codes) - set(codes)),
                   units_contributing=None, units_missing=None, unit_value=None, unit_ratio_to_national=None,
                   contributing_units=None, missing_units=None)
        if n["target_year"] is not None and n["target_year"] >= UNIT_VIEW_FROM:
            values, missing = _unit_values(same, unit_own.filter(*slot), agg)
            uvalue = (sum(values.values()) if agg == "sum" else sum(values.values()) / len(values)) if values else None
            uratio = uvalue / n["value_low"] if uvalue is not None and n["value_low"] else None
            row.update(units_contributing=len(values), units_missing=len(missing), unit_value=uvalue,
                       unit_ratio_to_national=None if uratio is None else round(uratio, 4),
                       contributing_units=sorted(values), missing_units=missing)
        rows.append(row)
    return _frame(rows, "national_comparison")
