"""Ingest: the raw file inventory and the normalised documents."""

import dagster as dg
import polars as pl

from coopdata.ingest import Document, RawFile, Rejected, decode, inventory
from coopdata.preview import markdown_preview
from coopdata.tables import documents_frame

from ..resources import CoopdataPaths


def _meta(df: pl.DataFrame, **extra) -> dict:
    return {"dagster/row_count": df.height, "preview": dg.MetadataValue.md(markdown_preview(df)), **extra}


@dg.asset(group_name="ingest", description="Every file in raw/ with its sha256, size and manifest row; "
          "files that cannot be used and manifest rows without a file are set aside for quarantine.")
def raw_files(paths: CoopdataPaths) -> dg.Output:
    from coopdata import config
    files, rejected = inventory(paths.raw(), max_bytes=config.max_bytes())
    df = pl.DataFrame(
        [dict(source_file=f.source_file, sha256=f.sha256, bytes=f.bytes, suffix=f.suffix,
              source_url=f.manifest.get("source_url"), province_override=f.manifest.get("province"),
              notes=f.manifest.get("notes") or f.manifest.get("note")) for f in files],
        schema={"source_file": pl.Utf8, "sha256": pl.Utf8, "bytes": pl.Int64, "suffix": pl.Utf8,
                "source_url": pl.Utf8, "province_override": pl.Utf8, "notes": pl.Utf8})
    return dg.Output((files, rejected), metadata=_meta(df, raw_dir=str(paths.raw()), set_aside=len(rejected)))


@dg.asset(group_name="ingest", description="Decoded, normalised texts (NFC, one tone-mark convention, single spaces); "
          "the raw bytes stay in raw/ for provenance. Undecodable or empty files go to quarantine.")
def documents(raw_files: tuple[list[RawFile], list[Rejected]], paths: CoopdataPaths) -> dg.Output:
    files, rejected = raw_files
    docs: list[Document] = []
    rejected = list(rejected)
    for f in files:
        out = decode(paths.raw(), f)
        (docs if isinstance(out, Document) else rejected).append(out)
    df = documents_frame(docs)
    return dg.Output((docs, rejected), metadata=_meta(df.drop("text"), set_aside=len(rejected)))
