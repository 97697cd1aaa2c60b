"""The `quarantine` table: every input that could not be used, and why."""
from __future__ import annotations

from typing import Optional

import pandera.polars as pa

REASONS = ["empty", "binary", "unknown format", "undecodable", "duplicate", "corrupt archive", "corrupt file",
           "too large", "no text layer", "no main text", "manifest file missing", "unsafe path", "unreadable",
           "parser error"]


class Quarantine(pa.DataFrameModel):
    """One row per raw file or manifest row the pipeline could not use; nothing is dropped silently."""

    source_file: str = pa.Field(description="Raw file (or manifest entry) concerned.")
    raw_sha256: Optional[str] = pa.Field(nullable=True, description="SHA-256 of the file's bytes when it could be read.")
    stage: str = pa.Field(isin=["inventory", "decode", "manifest", "parse"], description="Pipeline step that set it aside.")
    reason: str = pa.Field(isin=REASONS, description="Short machine-readable reason.")
    detail: str = pa.Field(description="Human-readable explanation.")

    class Config:
        strict = True
        coerce = True
