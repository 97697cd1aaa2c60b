"""Publish: the release (Parquet + DuckDB), switched in atomically."""

import dagster as dg
import polars as pl

from coopdata.publish import content_hash, table_comments, write_release
from schemas import TABLES

from ..resources import CoopdataPaths


@dg.asset(group_name="publish", description="Writes warehouse/parquet/<table>.parquet and warehouse/coopdata.duckdb "
          "(with table and column comments from the schemas) as a new release, then switches to it in one rename.")
def warehouse(plans: pl.DataFrame, targets: pl.DataFrame, deadlines: pl.DataFrame, quarantine: pl.DataFrame,
              document_texts: pl.DataFrame, metrics: pl.DataFrame, paths: CoopdataPaths) -> dg.MaterializeResult:
    tables = {"plans": plans, "targets": targets, "deadlines": deadlines, "quarantine": quarantine,
              "documents": document_texts, "metrics": metrics}
    digest = content_hash(tables)
    release = write_release(paths.warehouse(), tables, digest[:12], comments=table_comments(TABLES))
    return dg.MaterializeResult(metadata={
        "release": release.name, "path": str(paths.warehouse()),
        **{f"rows/{k}": v.height for k, v in tables.items()}})
