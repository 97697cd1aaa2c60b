"""One blocking pandera check per published table: a bad table never reaches the warehouse."""

import dagster as dg
import pandera.polars as pa
import polars as pl

from coopdata.preview import markdown_preview
from schemas import TABLES

from .assets import parse
from .resources import CoopdataPaths, GateRunner
from .assets import provinces as prov

_ASSET_OF_TABLE = {"plans": "plans", "targets": "targets", "target_candidates": "target_candidates", "deadlines": "deadlines", "quarantine": "quarantine",
                   "documents": "document_texts", "metrics": parse.metrics, "provinces": prov.provinces,
                   "provinces_2025": prov.provinces_2025, "coverage": prov.coverage, "coverage_2025": prov.coverage_2025,
                   "national_comparison": prov.national_comparison}


def _schema_check(table: str, asset: dg.AssetsDefinition | str) -> dg.AssetChecksDefinition:
    model = TABLES[table]

    @dg.asset_check(asset=asset, name=f"{table}_schema", blocking=True,
                    description=f"pandera model schemas.{model.__name__}: types, allowed values, ids, ranges.")
    def _check(df: pl.DataFrame) -> dg.AssetCheckResult:
        try:
            model.validate(df, lazy=True)
        except pa.errors.SchemaErrors as exc:
            cases = exc.failure_cases
            return dg.AssetCheckResult(passed=False, metadata={
                "failures": cases.height, "failure_cases": dg.MetadataValue.md(markdown_preview(cases, rows=20))})
        return dg.AssetCheckResult(passed=True, metadata={"rows": df.height})

    return _check


schema_checks = [_schema_check(t, a) for t, a in _ASSET_OF_TABLE.items()]


@dg.asset_check(asset="release_staging", name="release_quality_gate", blocking=True,
                description="Great Expectations suite over the staged release: row counts, value ranges per unit, "
                            "allowed codes, unique ids, every target's plan and every plan's province present. "
                            "If it fails, the previous release stays in place.")
def release_quality_gate(release_staging: dict, gate: GateRunner) -> dg.AssetCheckResult:
    import json
    from pathlib import Path

    from coopdata.gx_gate import gate_html

    root = Path(release_staging["staging"])
    # a release patched from the current one (same code, that release passed this gate): rows of unchanged
    # files are not checked again one by one, whole-table expectations still are (coopdata/gx_gate.py)
    changed = release_staging.get("changed_files")
    only = frozenset(changed) if changed is not None else None
    result = gate.gate(root, int(release_staging.get("previous_targets") or 0), only)
    (root / "quality").mkdir(exist_ok=True)
    (root / "quality" / "gate.html").write_text(gate_html(result, release_staging["version"]), encoding="utf-8")
    (root / "quality" / "gate.json").write_text(json.dumps(result.summary() | {"results": result.results},
                                                           ensure_ascii=False, indent=1, default=str), encoding="utf-8")
    summary = result.summary()
    return dg.AssetCheckResult(passed=result.success, metadata={
        "evaluated": summary["evaluated"], "failed": summary["failed"],
        "rows_checked": "changed files only" if only is not None else "all",
        "failure_cases": dg.MetadataValue.md("\n".join(f"- {f}" for f in summary["failures"]) or "none")})


@dg.asset_check(asset="plans", name="every_raw_file_accounted_for", blocking=True,
                additional_ins={"quarantine": dg.AssetIn("quarantine")},
                description="Every file in raw/ ends either in plans or in quarantine: nothing vanishes silently.")
def every_raw_file_accounted_for(plans: pl.DataFrame, quarantine: pl.DataFrame, paths: CoopdataPaths
                                 ) -> dg.AssetCheckResult:
    from coopdata.ingest import reconcile

    missing = reconcile(paths.raw(), set(plans["source_file"]), set(quarantine["source_file"]))
    return dg.AssetCheckResult(passed=not missing, metadata={"unaccounted": len(missing),
                                                             "files": dg.MetadataValue.json(missing[:100])})


@dg.asset_check(asset="targets", name="targets_told_apart", blocking=False,
                description="Warns of published figures that share plan, metric, unit, frequency, year, period, "
                            "sector and qualifier with another figure of a different value: a reader cannot tell "
                            "which is the plan's total (coopdata/told_apart.py). They stay published.")
def targets_told_apart(targets: pl.DataFrame) -> dg.AssetCheckResult:
    from coopdata.told_apart import IDENTITY, untold_rows

    untold = untold_rows(targets)
    shown = untold.select([*IDENTITY, "comparator", "value_low", "value_high", "source_file", "evidence"])
    return dg.AssetCheckResult(passed=untold.height == 0, severity=dg.AssetCheckSeverity.WARN, metadata={
        "rows": untold.height, "plans": untold["plan_id"].n_unique() if untold.height else 0,
        "rows_preview": dg.MetadataValue.md(markdown_preview(shown, rows=20))})
