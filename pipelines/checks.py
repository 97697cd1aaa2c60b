"""One blocking pandera check per published table: a bad table never reaches the warehouse."""

import dagster as dg
import pandera.polars as pa
import polars as pl

from coopdata.preview import markdown_preview
from schemas import TABLES

from .assets import parse
from .assets import provinces as prov

_ASSET_OF_TABLE = {"plans": parse.plans, "targets": parse.targets, "deadlines": parse.deadlines,
                   "quarantine": parse.quarantine, "documents": parse.document_texts, "metrics": parse.metrics,
                   "provinces": prov.provinces, "provinces_2025": prov.provinces_2025, "coverage": prov.coverage,
                   "national_comparison": prov.national_comparison}


def _schema_check(table: str, asset: dg.AssetsDefinition) -> dg.AssetChecksDefinition:
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
