"""A small markdown table of a frame's first rows, for run metadata and notes."""
from __future__ import annotations

import polars as pl


def markdown_preview(df: pl.DataFrame, rows: int = 5, width: int = 40) -> str:
    if df.is_empty():
        return "_(no rows)_"
    cols = df.columns
    def cell(v: object) -> str:
        s = "" if v is None else str(v)
        s = s.replace("|", "\\|").replace("\n", " ")
        return s if len(s) <= width else s[: width - 1] + "…"
    lines = ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    for row in df.head(rows).iter_rows():
        lines.append("| " + " | ".join(cell(v) for v in row) + " |")
    return "\n".join(lines)
