"""Ingest: each raw file read on its own (one partition per file), then the inventory and documents of raw/."""
import dagster as dg
import polars as pl

from coopdata import config
from coopdata.ingest import Rejected, first_of_duplicates, manifest_problems, parse_files, read_manifest
from coopdata.preview import markdown_preview
from coopdata.tables import ParsedDocument, documents_frame

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
                      "its plan, targets and deadlines, or set aside with the reason. Adding a file to raw/ re-runs "
                      "only its partition.")
def document(context: dg.AssetExecutionContext, paths: CoopdataPaths):
    out = parse_files(paths.raw(), list(context.partition_keys), config.max_bytes(), workers=config.workers())
    parsed = sum(isinstance(v, ParsedDocument) for v in out.values())
    summary = pl.DataFrame([dict(source_file=k, status="parsed" if isinstance(v, ParsedDocument) else v.reason,
                                 targets=len(v.targets) if isinstance(v, ParsedDocument) else 0,
                                 deadlines=len(v.deadlines) if isinstance(v, ParsedDocument) else 0)
                            for k, v in sorted(out.items())],
                           schema={"source_file": pl.Utf8, "status": pl.Utf8, "targets": pl.Int64, "deadlines": pl.Int64})
    context.add_output_metadata(_meta(summary, parsed=parsed, set_aside=len(out) - parsed))
    return out if len(context.partition_keys) > 1 else out[context.partition_keys[0]]


def _combine(document: dict, paths: CoopdataPaths) -> tuple[list[ParsedDocument], list[Rejected]]:
    """Parsed documents of every current partition, byte-identical copies and manifest problems set aside."""
    parsed = [v for v in document.values() if isinstance(v, ParsedDocument)]
    rejected = [v for v in document.values() if isinstance(v, Rejected)]
    kept, dupes = first_of_duplicates([p.doc for p in parsed])
    keep = {d.source_file for d in kept}
    rejected += dupes + manifest_problems(paths.raw(), read_manifest(paths.raw()))
    return sorted((p for p in parsed if p.doc.source_file in keep), key=lambda p: p.doc.source_file), rejected


@dg.asset(group_name="ingest", description="The inventory of raw/: every file with its sha256, size, the encoding or "
          "reader it was read with, its manifest row, and whether it was used or set aside (and why).")
def raw_files(documents: tuple[list[ParsedDocument], list[Rejected]], paths: CoopdataPaths) -> dg.Output[pl.DataFrame]:
    parsed, rejected = documents
    rows = [dict(source_file=p.doc.source_file, sha256=p.doc.raw_sha256, bytes=p.doc.bytes, encoding=p.doc.encoding,
                 status="used", reason=None, source_url=p.doc.manifest.get("source_url"),
                 province_override=p.doc.manifest.get("province"),
                 notes=p.doc.manifest.get("notes") or p.doc.manifest.get("note")) for p in parsed]
    rows += [dict(source_file=r.source_file, sha256=r.raw_sha256, bytes=None, encoding=None, status="set aside",
                  reason=r.reason, source_url=None, province_override=None, notes=r.detail) for r in rejected]
    df = pl.DataFrame(rows, schema={"source_file": pl.Utf8, "sha256": pl.Utf8, "bytes": pl.Int64, "encoding": pl.Utf8,
                                    "status": pl.Utf8, "reason": pl.Utf8, "source_url": pl.Utf8,
                                    "province_override": pl.Utf8, "notes": pl.Utf8}).sort("source_file")
    return dg.Output(df, metadata=_meta(df, raw_dir=str(paths.raw()), set_aside=len(rejected)))


@dg.asset(group_name="ingest", description="The usable documents (normalised texts, NFC, one tone-mark convention, "
          "single spaces; the raw bytes stay in raw/) and every input set aside for quarantine.")
def documents(document: dict, paths: CoopdataPaths) -> dg.Output:
    parsed, rejected = _combine(document, paths)
    df = documents_frame([p.doc for p in parsed])
    return dg.Output((parsed, rejected), metadata=_meta(df.drop("text"), set_aside=len(rejected)))
