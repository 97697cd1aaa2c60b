"""Parse: the per-file rows of every partition combined into the tables, once, in one step.

One step builds all six tables because they come from the same load of every partition (at 10 000 files the load
is most of the work); each table is still its own asset with its own check. After the first build the step
patches the previous tables with the rows of the files whose partitions changed (coopdata/incremental.py): adding
one file to 10 000 loads one partition, not 10 000; `parse_delta` says which files changed, for the release.
"""

import dagster as dg
import polars as pl

from collections.abc import Mapping

from coopdata.incremental import SNAPSHOT_DIR, combine_incremental, read_snapshot, write_snapshot
from coopdata.ingest import manifest_problems, read_manifest
from coopdata.tables import metrics_frame, quarantine_frame, raw_files_frame

from ..resources import CoopdataPaths
from .ingest import _meta

_TABLES = {
    "raw_files": ("ingest", "The inventory of raw/: every file with its sha256, size, the encoding or reader it was "
                            "read with, its manifest row, and whether it was used or set aside (and why)."),
    "plans": ("parse", "One row per document: number, type, issuer, date, signer, province, locality and the parent "
                       "documents it implements."),
    "targets": ("parse", "One row per quantified aim (spec/targets.md), with rule name and evidence span."),
    "target_candidates": ("parse", "Facts the decision step is unsure of (confidence below the model's threshold): "
                                   "the same columns as targets plus review_reason, for a reader to review."),
    "deadlines": ("parse", "One row per dated or recurring obligation, from sentences and task tables."),
    "document_texts": ("parse", "Normalised texts (NFC, one tone-mark convention, single spaces; the raw bytes stay "
                                "in raw/), the base every char_start/char_end points into."),
    "quarantine": ("parse", "Every input that could not be used, with the reason: nothing is dropped silently."),
    "parse_delta": ("parse", "What this build's tables changed: the files whose rows were replaced (added, changed, "
                             "removed) when the previous tables were patched, or every file for a full combine, "
                             "with the reason; the release reuses what did not change (plan and province pages, "
                             "the gate's row checks)."),
}
_PREVIEW = {"plans": ["source_file", "doc_number", "issue_date", "province_name", "admin_level", "n_targets"],
            "targets": ["source_file", "metric", "comparator", "value_low", "value_high", "unit", "frequency",
                        "target_year", "sector"],
            "target_candidates": ["source_file", "metric", "value_low", "unit", "target_year", "confidence",
                                  "review_reason"],
            "deadlines": ["source_file", "due_date", "due_precision", "recurrence", "responsible", "task"]}


@dg.multi_asset(outs={name: dg.AssetOut(group_name=group, description=text) for name, (group, text) in _TABLES.items()},
                can_subset=False)
def parse_tables(context: dg.AssetExecutionContext, document: Mapping, paths: CoopdataPaths):
    folder = paths.warehouse() / ".state" / SNAPSHOT_DIR
    stored = hasattr(document, "stamps")  # else values not stored as files (another IO manager): combined in full
    stamps = document.stamps() if stored else {k: "" for k in document}
    frames, rejected, snapshot, delta = combine_incremental(document, stamps, read_snapshot(folder) if stored else None)
    if stored:
        write_snapshot(folder, snapshot)
    context.log.info(f"parse tables: {delta.mode} ({delta.reason}), {len(delta.changed)} files changed")
    rejected = list(rejected) + manifest_problems(paths.raw(), read_manifest(paths.raw()))
    quarantine = quarantine_frame(rejected)
    out = {"raw_files": raw_files_frame(frames["raw_files"], rejected),
           "plans": frames["plans"], "targets": frames["targets"],
           "target_candidates": frames["target_candidates"], "deadlines": frames["deadlines"],
           "document_texts": frames["documents"], "quarantine": quarantine}
    yield dg.Output(delta.as_dict(), output_name="parse_delta",
                    metadata={"mode": delta.mode, "reason": delta.reason, "files_changed": len(delta.changed),
                              "files": dg.MetadataValue.json(list(delta.changed[:100]))})
    for name, df in out.items():
        shown = df.select(_PREVIEW[name]) if name in _PREVIEW else df.drop("text", strict=False)
        yield dg.Output(df, output_name=name, metadata=_meta(shown))


@dg.asset(group_name="parse", description="The metric vocabulary targets.metric uses (coopdata/data/metrics.csv).")
def metrics() -> dg.Output[pl.DataFrame]:
    df = metrics_frame()
    return dg.Output(df, metadata=_meta(df.select("metric", "default_unit", "label_en")))
