"""Ingest: each raw file read and parsed on its own (one partition per file); the inventory of raw/ (raw_files) is
built with the parse tables, from the same read of every partition (assets/parse.py)."""
import dagster as dg
import polars as pl

from coopdata import config
from coopdata.ingest import parse_files
from coopdata.preview import markdown_preview

from ..resources import CoopdataPaths

import warnings  # noqa: E402

warnings.filterwarnings("ignore", category=dg.BetaWarning)  # backfill_policy: single-run parses, stable in practice

raw_file_partitions = dg.DynamicPartitionsDefinition(name="raw_files")
# run tags that make one run cover a range of those partitions (new files are the last ones)
RANGE_START, RANGE_END = "dagster/asset_partition_range_start", "dagster/asset_partition_range_end"


def _meta(df: pl.DataFrame, **extra) -> dict:
    return {"dagster/row_count": df.height, "preview": dg.MetadataValue.md(markdown_preview(df)), **extra}


@dg.asset(group_name="ingest", partitions_def=raw_file_partitions, backfill_policy=dg.BackfillPolicy.single_run(),
          description="One raw file (one partition per file in raw/): hashed, decoded, normalised and parsed into "
                      "its rows of plans, targets, deadlines and documents, or set aside with the reason. Adding a "
                      "file to raw/ re-runs only its partition.")
def document(context: dg.AssetExecutionContext, paths: CoopdataPaths):
    out = parse_files(paths.raw(), list(context.partition_keys), config.max_bytes(), workers=config.workers(),
                      form="packed")
    used = [v for v in out.values() if v.status == "parsed"]
    metadata = {"parsed": len(used), "set_aside": len(out) - len(used), "targets": sum(v.targets for v in used)}
    if len(out) == 1:  # a range run attaches its metadata to every partition's event: counts only, then
        summary = pl.DataFrame([dict(source_file=k, status=v.status, targets=v.targets, deadlines=v.deadlines)
                                for k, v in out.items()])
        metadata.update({"dagster/row_count": 1, "preview": dg.MetadataValue.md(markdown_preview(summary))})
    else:
        context.log.info(f"parsed {len(used)} of {len(out)} files; {len(out) - len(used)} set aside")
    context.add_output_metadata(metadata)
    return out if len(context.partition_keys) > 1 else out[context.partition_keys[0]]
