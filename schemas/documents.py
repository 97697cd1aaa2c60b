"""The `documents` table: the normalised text every span points into."""
from __future__ import annotations

import pandera.polars as pa


class Documents(pa.DataFrameModel):
    """One row per usable raw file: its normalised text, which char_start/char_end in other tables index."""

    source_file: str = pa.Field(unique=True, description="File name in raw/.")
    raw_sha256: str = pa.Field(str_matches=r"^[0-9a-f]{64}$", description="SHA-256 of the raw bytes.")
    encoding: str = pa.Field(description="Encoding the bytes were decoded from.")
    bytes: int = pa.Field(ge=1, description="Size of the raw file in bytes.")
    chars: int = pa.Field(ge=0, description="Length of the normalised text in characters.")
    text: str = pa.Field(description="Normalised text: NFC, one tone-mark convention (hòa, thủy), single spaces; the raw file keeps the original.")

    class Config:
        strict = True
        coerce = True
