"""The release gate: a Great Expectations suite over the tables about to be published.

pandera guards each table as it is built (types, allowed values, one table at a time); this gate
guards the release as a whole (row counts, value ranges per unit, ids unique, every target's plan
and every plan's province present). GX 1.x validates pandas frames, so each table is handed over
as one. Its Data Docs load their styling from CDNs; the report here is our own self-contained HTML.
"""
from __future__ import annotations

import html
import logging
import os
from dataclasses import dataclass
from pathlib import Path

import polars as pl

__all__ = ["GateResult", "run_gate", "gate_html", "gate_columns", "gate_release", "serve"]


@dataclass(frozen=True)
class GateResult:
    success: bool
    results: list[dict]  # one per expectation: table, expectation, kwargs, success, observed, unexpected

    @property
    def failures(self) -> list[dict]:
        return [r for r in self.results if not r["success"]]

    def summary(self) -> dict:
        return {"success": self.success, "evaluated": len(self.results), "failed": len(self.failures),
                "failures": [f"{r['table']}: {r['expectation']} {r['kwargs']} (observed {r['observed']})"
                             for r in self.failures]}


def _suite(tables: dict[str, pl.DataFrame], metric_codes: list[str], province_codes: list[str]):
    import great_expectations as gx
    E = gx.expectations
    out: dict[str, list] = {
        "plans": [E.ExpectTableRowCountToBeBetween(min_value=0, max_value=200_000),
                  E.ExpectColumnValuesToBeUnique(column="plan_id"),
                  E.ExpectColumnValuesToNotBeNull(column="raw_sha256"),
                  E.ExpectColumnValuesToBeInSet(column="province_code", value_set=province_codes),
                  E.ExpectColumnValuesToBeInSet(column="admin_level", value_set=["national", "province", "district", "unknown"])],
        "targets": [E.ExpectTableRowCountToBeBetween(min_value=0, max_value=5_000_000),
                    E.ExpectColumnValuesToBeUnique(column="target_id"),
                    E.ExpectColumnValuesToBeInSet(column=PLAN_KNOWN, value_set=[True]),
                    E.ExpectColumnValuesToBeInSet(column="metric", value_set=metric_codes),
                    E.ExpectColumnValuesToBeInSet(column="province_code", value_set=province_codes),
                    E.ExpectColumnValuesToBeBetween(column="target_year", min_value=2000, max_value=2060),
                    E.ExpectColumnValuesToBeBetween(column="period_start", min_value=2000, max_value=2060),
                    E.ExpectColumnValuesToBeBetween(column="period_end", min_value=2000, max_value=2060),
                    E.ExpectColumnValuesToBeBetween(column="value_low", min_value=0),
                    E.ExpectColumnPairValuesAToBeGreaterThanB(column_A="value_high", column_B="value_low", or_equal=True),
                    E.ExpectColumnPairValuesAToBeGreaterThanB(column_A="char_end", column_B="char_start")],
        "targets_percent": [E.ExpectColumnValuesToBeBetween(column="value_high", min_value=0, max_value=100)],
        "targets_percent_per_year": [E.ExpectColumnValuesToBeBetween(column="value_high", min_value=0, max_value=100)],
        "targets_times": [E.ExpectColumnValuesToBeBetween(column="value_high", min_value=1, max_value=20)],
        "targets_vnd": [E.ExpectColumnValuesToBeBetween(column="value_low", min_value=1e5, max_value=1e14)],
        "targets_count": [E.ExpectColumnValuesToBeBetween(column="value_high", min_value=0, max_value=50_000_000)],
        "deadlines": [E.ExpectColumnValuesToBeUnique(column="deadline_id"),
                      E.ExpectColumnValuesToBeInSet(column=PLAN_KNOWN, value_set=[True]),
                      E.ExpectColumnValuesToBeInSet(column="recurrence", value_set=[
                          "once", "annual", "semiannual", "quarterly", "monthly", "continuous"])],
        "coverage": [E.ExpectTableRowCountToEqual(value=63), E.ExpectColumnValuesToBeUnique(column="province_code")],
        "provinces": [E.ExpectTableRowCountToEqual(value=63)],
        "provinces_2025": [E.ExpectTableRowCountToEqual(value=34)],
        # dataset-level: single misread facts go to review, but a release where many do is not published
        "release_review": [E.ExpectColumnValuesToBeBetween(column="implausible_share", min_value=0,
                                                           max_value=MAX_IMPLAUSIBLE_SHARE)],
        "release_collapse": [E.ExpectColumnValuesToBeBetween(column="targets_vs_previous", min_value=MIN_KEPT_SHARE)],
    }
    return out


# "every row's plan_id is a plan of the release", as a column computed here: GX copies an expectation's arguments
# many times over, and a value_set of every plan id made the gate cost ~8 s at 10 000 plans
PLAN_KNOWN = "plan_id_in_plans"


# a release is refused when more than this share of its facts failed a plausibility check (misreading at scale),
# or when it keeps fewer than this share of the previous release's targets (a collapse)
MAX_IMPLAUSIBLE_SHARE = 0.2
MIN_KEPT_SHARE = 0.5


def _frames(tables: dict[str, pl.DataFrame]) -> dict[str, pl.DataFrame]:
    frames = dict(tables)
    if "targets" in tables and "target_candidates" in tables:
        bad = tables["target_candidates"].filter(pl.col("review_reason").str.starts_with("implausible")).height
        total = tables["targets"].height + bad
        frames["release_review"] = pl.DataFrame({"implausible_share": [bad / total if total else 0.0]})
    if "targets" in tables and "previous_targets" in tables:
        prev = tables["previous_targets"]["rows"][0]
        ratio = tables["targets"].height / prev if prev and prev >= 20 else 1.0
        frames["release_collapse"] = pl.DataFrame({"targets_vs_previous": [ratio]})
    if "plans" in tables:
        ids = tables["plans"]["plan_id"].implode()
        for name in ("targets", "deadlines"):
            if name in frames and "plan_id" in frames[name].columns:
                frames[name] = frames[name].with_columns(pl.col("plan_id").is_in(ids).alias(PLAN_KNOWN))
    if "targets" in tables:
        for unit in ("percent", "percent_per_year", "times", "vnd", "count"):
            frames[f"targets_{unit}"] = tables["targets"].filter(pl.col("unit") == unit)
    return frames


def gate_columns() -> dict[str, list[str]]:
    """The columns the gate reads from each table (targets also needs `unit`, to split by unit): a caller can
    load just these."""
    out: dict[str, list[str]] = {}
    for name, expectations in _suite({}, [], []).items():
        if name.startswith("release_"):
            continue  # derived from row counts, not read from a table
        table = name.split("_")[0] if name.startswith("targets_") else name
        cols = out.setdefault(table, ["unit"] if table == "targets" else [])
        cols += [("plan_id" if c == PLAN_KNOWN else c) for c in _columns_of(expectations)]
    return {t: list(dict.fromkeys(c)) for t, c in out.items()}


def _columns_of(expectations: list) -> list[str]:
    return [c for e in expectations for k in ("column", "column_A", "column_B") if (c := getattr(e, k, None))]


def _for_gx(df: pl.DataFrame, expectations: list) -> "pd.DataFrame":
    """The columns the expectations read, as pandas (GX's engine): converting whole tables, evidence text
    and all, would cost hundreds of MB at 10 000 plans for nothing."""
    keep = list(dict.fromkeys(c for c in _columns_of(expectations) if c in df.columns)) or df.columns[:1]
    df = df.select(keep)
    return df.with_columns([pl.col(c).list.join("; ") for c, t in df.schema.items() if isinstance(t, pl.List)]).to_pandas()


# expectations about a table as a whole; every other one is about each row on its own
_DATASET_LEVEL = ("ExpectTableRowCountToBeBetween", "ExpectTableRowCountToEqual", "ExpectColumnValuesToBeUnique")


def run_gate(tables: dict[str, pl.DataFrame], metric_codes: list[str], province_codes: list[str],
             only_files: frozenset[str] | None = None) -> GateResult:
    """Validate the release's tables; nothing is written.

    only_files: the files whose rows changed since a release that passed this gate with the same code
    (coopdata/incremental.py). Expectations about single rows then read only those files' rows (the others
    passed them already, so the counts of unexpected rows are the same), expectations about whole tables (row
    counts, unique ids) still read everything: the results equal those of a gate over everything.
    """
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")
    logging.getLogger("great_expectations").setLevel(logging.ERROR)
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    ctx = gx.get_context(mode="ephemeral")
    ctx.variables.progress_bars = ProgressBarsConfig(globally=False)
    source = ctx.data_sources.add_pandas("coopdata")
    frames = _frames(tables)
    results: list[dict] = []
    for name, expectations in _suite(tables, metric_codes, province_codes).items():
        if name not in frames:
            continue
        whole = frames[name]
        if only_files is not None and "source_file" in whole.columns:
            rows = whole.filter(pl.col("source_file").is_in(sorted(only_files)))
            groups = [(whole, [e for e in expectations if type(e).__name__ in _DATASET_LEVEL]),
                      (rows, [e for e in expectations if type(e).__name__ not in _DATASET_LEVEL])]
        else:
            groups = [(whole, expectations)]
        found: list[dict] = []
        for part, (frame, subset) in enumerate(groups):
            if not subset:
                continue
            df = _for_gx(frame, subset)
            batch = source.add_dataframe_asset(f"{name}_{part}").add_batch_definition_whole_dataframe("all").get_batch(
                batch_parameters={"dataframe": df})
            suite = ctx.suites.add(gx.ExpectationSuite(name=f"coopdata_{name}_{part}", expectations=subset))
            for r in batch.validate(suite).to_json_dict()["results"]:
                found.append(_result(name, r))
        # GX reports a suite's results in an order of its own: sorted, the report is the same however it was split
        results += sorted(found, key=lambda r: (r["expectation"], repr(sorted(r["kwargs"].items()))))
    return GateResult(all(r["success"] for r in results), results)


def _result(table: str, r: dict) -> dict:
    cfg = r["expectation_config"]
    res = r.get("result") or {}
    kwargs = {k: v for k, v in cfg["kwargs"].items() if k not in ("batch_id", "value_set")}
    if "value_set" in cfg["kwargs"]:
        kwargs["value_set"] = f"{len(cfg['kwargs']['value_set'])} values"
    return {"table": table, "expectation": cfg["type"], "kwargs": kwargs, "success": bool(r["success"]),
            "observed": res.get("observed_value", res.get("unexpected_count")),
            "unexpected": [str(x) for x in (res.get("partial_unexpected_list") or [])[:10]]}


def gate_html(result: GateResult, version: str) -> str:
    """A self-contained page of the gate's results (no scripts, no network)."""
    rows = []
    for r in result.results:
        mark = "pass" if r["success"] else "FAIL"
        rows.append(f"<tr class='{mark.lower()}'><td>{html.escape(r['table'])}</td><td>{html.escape(r['expectation'])}</td>"
                    f"<td><code>{html.escape(str(r['kwargs']))}</code></td><td>{html.escape(str(r['observed']))}</td>"
                    f"<td>{mark}</td><td>{html.escape(', '.join(r['unexpected']))}</td></tr>")
    s = result.summary()
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>coopdata quality gate {html.escape(version)}</title>
<style>body{{font-family:system-ui,sans-serif;margin:2em;color:#222}}table{{border-collapse:collapse;width:100%}}
td,th{{border:1px solid #ccc;padding:4px 6px;font-size:13px;text-align:left}}tr.fail{{background:#fdd}}tr.pass td:nth-child(5){{color:#070}}
code{{font-size:12px}}</style></head><body>
<h1>Release quality gate (Great Expectations)</h1>
<p>Version {html.escape(version)}: {s['evaluated']} expectations evaluated, {s['failed']} failed —
<strong>{'passed' if s['success'] else 'FAILED'}</strong>.</p>
<table><thead><tr><th>table</th><th>expectation</th><th>arguments</th><th>observed</th><th>result</th><th>unexpected (sample)</th></tr></thead>
<tbody>{''.join(rows)}</tbody></table></body></html>
"""


def gate_release(root: Path, previous_targets: int, only_files: frozenset[str] | None = None) -> GateResult:
    """The gate over a staged release folder: reads the columns it needs from its Parquet files."""
    from .provinces import provinces as province_list
    from schemas._common import metric_codes

    names = ["plans", "targets", "deadlines", "coverage", "provinces", "provinces_2025"]
    wanted = gate_columns()
    if only_files is not None:  # rows are picked by file
        wanted = {n: [*c, "source_file"] if n in ("plans", "targets", "deadlines") else c for n, c in wanted.items()}
    tables = {n: pl.read_parquet(root / "parquet" / f"{n}.parquet", columns=wanted.get(n) or None) for n in names}
    tables["target_candidates"] = pl.read_parquet(root / "parquet" / "target_candidates.parquet",
                                                  columns=["review_reason"])
    tables["previous_targets"] = pl.DataFrame({"rows": [previous_targets]})
    return run_gate(tables, metric_codes(), [p.code for p in province_list()], only_files=only_files)


def serve() -> None:
    """`python -m coopdata.gx_gate`: import Great Expectations at once (~4 s), then read one request (JSON on
    stdin: root, previous_targets, only_files), gate that release and write the result (JSON on stdout). A
    build starts this when its run starts, so the import overlaps the steps before the gate."""
    import json
    import sys

    os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")
    logging.getLogger("great_expectations").setLevel(logging.ERROR)
    import great_expectations  # noqa: F401  (the slow part, done while the build stages the release)

    line = sys.stdin.readline()
    if not line.strip():
        return  # the build ended without a gate to run
    req = json.loads(line)
    only = req.get("only_files")
    result = gate_release(Path(req["root"]), int(req.get("previous_targets") or 0),
                          frozenset(only) if only is not None else None)
    sys.stdout.write(json.dumps({"success": result.success, "results": result.results}, default=str) + "\n")
    sys.stdout.flush()


if __name__ == "__main__":
    serve()
