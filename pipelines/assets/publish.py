"""Publish: extraction quality, then the release (Parquet + DuckDB + quality report), switched in atomically."""
import json

import dagster as dg
import polars as pl

from coopdata.publish import content_hash, table_comments, write_release
from coopdata.quality import markdown_summary, quality_report
from coopdata.views import VIEWS
from schemas import TABLES

from ..resources import CoopdataPaths


@dg.asset(group_name="publish", description="Precision and recall of the extracted facts against the project's "
          "hand-checked gold (tests/gold), overall, per field and per metric; published as quality/extraction.json.")
def extraction_quality(plans: pl.DataFrame, targets: pl.DataFrame, deadlines: pl.DataFrame,
                       paths: CoopdataPaths) -> dg.Output[dict]:
    report = quality_report(paths.gold(), plans, targets, deadlines)
    return dg.Output(report, metadata={"summary": dg.MetadataValue.md(markdown_summary(report))})


@dg.asset(group_name="publish", description="Writes warehouse/parquet/<table>.parquet, warehouse/coopdata.duckdb "
          "(with table and column comments from the schemas) and quality/extraction.json as a new release, then "
          "switches to it in one rename.")
def warehouse(plans: pl.DataFrame, targets: pl.DataFrame, deadlines: pl.DataFrame, quarantine: pl.DataFrame,
              document_texts: pl.DataFrame, metrics: pl.DataFrame, extraction_quality: dict,
              provinces: pl.DataFrame, provinces_2025: pl.DataFrame, coverage: pl.DataFrame,
              national_comparison: pl.DataFrame, paths: CoopdataPaths) -> dg.MaterializeResult:
    tables = {"plans": plans, "targets": targets, "deadlines": deadlines, "quarantine": quarantine,
              "documents": document_texts, "metrics": metrics, "provinces": provinces,
              "provinces_2025": provinces_2025, "coverage": coverage, "national_comparison": national_comparison}
    digest = content_hash(tables)
    quality = json.dumps({k: v for k, v in extraction_quality.items() if k != "gold_dir"}, ensure_ascii=False,
                         indent=1, sort_keys=True, default=str).encode("utf-8")
    release = write_release(paths.warehouse(), tables, digest[:12], comments=table_comments(TABLES),
                            extra_files={"quality/extraction.json": quality}, views=VIEWS)
    return dg.MaterializeResult(metadata={
        "release": release.name, "path": str(paths.warehouse()),
        **{f"rows/{k}": v.height for k, v in tables.items()}})
