"""What a release carries beside its tables: version, datapackage.json, data dictionary, changelog, CSV copies.

Everything here is generated from the pandera models in schemas/, the one description of every column.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl

from .ingest import sha256_file

__all__ = ["release_version", "datapackage", "data_dictionary", "changes_frame", "changelog_markdown",
           "write_csv", "TITLES", "PRIMARY_KEYS", "LICENSE", "sha256_file"]

LICENSE = {"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/",
           "title": "Creative Commons Attribution 4.0"}
TITLES = {
    "plans": "Plans, programmes and strategies", "targets": "Quantified targets",
    "target_candidates": "Facts waiting for review (not published as targets)", "deadlines": "Deadlines",
    "quarantine": "Inputs set aside", "documents": "Normalised texts", "metrics": "Metric vocabulary",
    "provinces": "Provinces until 30 June 2025", "provinces_2025": "Provincial units from 1 July 2025",
    "coverage": "Coverage of the 63 provinces", "coverage_2025": "Coverage of the 34 units of 2025",
    "national_comparison": "Provinces against the national targets",
    "changes": "Changes since the previous release",
}
PRIMARY_KEYS = {"plans": ["plan_id"], "targets": ["target_id"], "target_candidates": ["target_id"], "deadlines": ["deadline_id"],
                "documents": ["source_file"], "metrics": ["metric"], "provinces": ["province_code"],
                "provinces_2025": ["province_code_2025"], "coverage": ["province_code"],
                "coverage_2025": ["province_code_2025"],
                "national_comparison": ["metric", "target_year", "unit"], "changes": ["target_id", "change"]}
_TYPES = {pl.Utf8: "string", pl.Int64: "integer", pl.Int32: "integer", pl.Float64: "number", pl.Boolean: "boolean",
          pl.Date: "date", pl.Datetime: "datetime"}


def release_version(content_hash: str, today: dt.date | None = None) -> str:
    """Date plus a short content hash: the same data on the same day is the same version."""
    return f"{(today or dt.date.today()).isoformat()}+{content_hash[:8]}"


def _field_type(dtype: pl.DataType) -> str:
    if isinstance(dtype, pl.List):
        return "any"  # a list of strings in Parquet and DuckDB; joined by "; " in the CSV copies
    return _TYPES.get(dtype.base_type(), "any")


def _schema(model, frame: pl.DataFrame) -> dict:
    cols = model.to_schema().columns if model is not None else {}
    fields = []
    for name, dtype in frame.schema.items():
        f = {"name": name, "type": _field_type(dtype)}
        desc = cols[name].description if name in cols else None
        if desc:
            f["description"] = desc
        fields.append(f)
    return {"fields": fields}


def datapackage(root: Path, tables: dict[str, pl.DataFrame], models: dict, version: str, created: str,
                sources: list[dict]) -> dict:
    """A Frictionless Data Package (v2) describing the Parquet files under root/parquet."""
    resources = []
    for name in sorted(tables):
        path = root / "parquet" / f"{name}.parquet"
        schema = _schema(models.get(name), tables[name])
        if name in PRIMARY_KEYS:
            schema["primaryKey"] = PRIMARY_KEYS[name]
        model = models.get(name)
        resources.append({
            "name": name, "title": TITLES.get(name, name), "path": f"parquet/{name}.parquet",
            "format": "parquet", "mediatype": "application/vnd.apache.parquet",
            "description": " ".join((model.__doc__ or "").split()) if model is not None else TITLES.get(name, name),
            "bytes": path.stat().st_size, "hash": "sha256:" + sha256_file(path), "schema": schema,
        })
    return {
        "$schema": "https://datapackage.org/profiles/2.0/datapackage.json",
        "name": "coopdata", "title": "coopdata: Vietnam's collective-economy plans, targets and deadlines",
        "description": "Plans, quantified targets and deadlines that Vietnam's provinces set for cooperatives, "
                       "cooperative groups and unions in answer to Resolution 20-NQ/TW, each fact traceable to "
                       "the characters of the text it was read from.",
        "version": version, "created": created, "licenses": [LICENSE], "sources": sources,
        "keywords": ["cooperatives", "hợp tác xã", "Vietnam", "targets", "Resolution 20-NQ/TW"],
        "resources": resources,
    }


def data_dictionary(models: dict, tables: dict[str, pl.DataFrame], version: str) -> str:
    """Markdown data dictionary generated from the pandera models."""
    out = [f"# coopdata data dictionary ({version})", "",
           "Generated from the pandera models in `schemas/`; every column is described there once.", ""]
    for name in sorted(tables):
        model = models.get(name)
        out += [f"## `{name}`", "", " ".join((model.__doc__ or "").split()) if model else TITLES.get(name, ""), "",
                f"Rows: {tables[name].height}. Primary key: {', '.join(PRIMARY_KEYS.get(name, [])) or '-'}.", "",
                "| column | type | description |", "|---|---|---|"]
        cols = model.to_schema().columns if model else {}
        for col, dtype in tables[name].schema.items():
            desc = (cols[col].description if col in cols else "") or ""
            out.append(f"| `{col}` | {_field_type(dtype)} | {desc.replace('|', '/')} |")
        out.append("")
    return "\n".join(out)


_SLOT = ["plan_id", "metric", "unit", "frequency", "target_year", "sector"]


# the targets' columns a comparison of releases reads (the previous release's are read only these)
CHANGE_COLUMNS = ["target_id", "plan_id", "source_file", "metric", "unit", "frequency", "target_year", "sector",
                  "comparator", "value_low", "value_high"]


def changes_frame(previous: pl.DataFrame | None, current: pl.DataFrame) -> pl.DataFrame:
    """Targets added, removed and changed since the previous release, by stable id.

    A target whose id disappears while another appears for the same plan, metric, unit, frequency,
    year and sector is one change, not a removal and an addition.
    """
    cols = CHANGE_COLUMNS
    schema = {"change": pl.Utf8, "target_id": pl.Utf8, "previous_target_id": pl.Utf8, "plan_id": pl.Utf8,
              "source_file": pl.Utf8, "metric": pl.Utf8, "target_year": pl.Int64, "previous_value_low": pl.Float64,
              "previous_value_high": pl.Float64, "value_low": pl.Float64, "value_high": pl.Float64,
              "previous_comparator": pl.Utf8, "comparator": pl.Utf8}
    if previous is None:
        return pl.DataFrame(schema=schema)
    prev, cur = previous.select(cols), current.select(cols)
    gone = prev.join(cur, on="target_id", how="anti")
    new = cur.join(prev, on="target_id", how="anti")
    rows = []
    new_by_slot: dict[tuple, list[dict]] = {}
    for r in new.iter_rows(named=True):
        new_by_slot.setdefault(tuple(r[c] for c in _SLOT), []).append(r)
    for r in gone.sort("target_id").iter_rows(named=True):
        slot = tuple(r[c] for c in _SLOT)
        if new_by_slot.get(slot):
            n = new_by_slot[slot].pop(0)
            rows.append(dict(change="changed", target_id=n["target_id"], previous_target_id=r["target_id"],
                             plan_id=n["plan_id"], source_file=n["source_file"], metric=n["metric"],
                             target_year=n["target_year"], previous_value_low=r["value_low"],
                             previous_value_high=r["value_high"], value_low=n["value_low"], value_high=n["value_high"],
                             previous_comparator=r["comparator"], comparator=n["comparator"]))
        else:
            rows.append(dict(change="removed", target_id=r["target_id"], previous_target_id=r["target_id"],
                             plan_id=r["plan_id"], source_file=r["source_file"], metric=r["metric"],
                             target_year=r["target_year"], previous_value_low=r["value_low"],
                             previous_value_high=r["value_high"], value_low=None, value_high=None,
                             previous_comparator=r["comparator"], comparator=None))
    for slot in sorted(new_by_slot, key=str):
        for n in new_by_slot[slot]:
            rows.append(dict(change="added", target_id=n["target_id"], previous_target_id=None, plan_id=n["plan_id"],
                             source_file=n["source_file"], metric=n["metric"], target_year=n["target_year"],
                             previous_value_low=None, previous_value_high=None, value_low=n["value_low"],
                             value_high=n["value_high"], previous_comparator=None, comparator=n["comparator"]))
    df = pl.DataFrame(rows, schema=schema, orient="row") if rows else pl.DataFrame(schema=schema)
    return df.sort(["change", "source_file", "target_id"])


def changelog_markdown(version: str, previous_version: str | None, changes: pl.DataFrame, previous_log: str) -> str:
    """The new release's entry on top of the previous changelog."""
    head = "# coopdata changelog\n"
    body = previous_log.split("\n", 1)[1].lstrip("\n") if previous_log.startswith(head) else previous_log
    counts = {k: changes.filter(pl.col("change") == k).height for k in ("added", "removed", "changed")}
    entry = [f"## {version}", "",
             f"Since {previous_version}: {counts['added']} targets added, {counts['removed']} removed, "
             f"{counts['changed']} changed." if previous_version else "First release.", ""]
    for kind in ("added", "removed", "changed"):
        sub = changes.filter(pl.col("change") == kind)
        for r in sub.head(50).iter_rows(named=True):
            if kind == "changed":
                entry.append(f"- changed `{r['target_id']}` {r['source_file']} {r['metric']} {r['target_year']}: "
                             f"{r['previous_value_low']} → {r['value_low']}")
            else:
                v = r["value_low"] if kind == "added" else r["previous_value_low"]
                entry.append(f"- {kind} `{r['target_id']}` {r['source_file']} {r['metric']} {r['target_year']}: {v}")
        if sub.height > 50:
            entry.append(f"- … and {sub.height - 50} more {kind} (see changes.parquet)")
    return head + "\n" + "\n".join(entry).rstrip() + "\n\n" + body


def write_csv(df: pl.DataFrame, path: Path) -> None:
    """UTF-8 with a byte-order mark, so spreadsheet programs show Vietnamese correctly; lists joined by '; '."""
    flat = df.with_columns([pl.col(c).list.join("; ") for c, t in df.schema.items() if isinstance(t, pl.List)])
    with path.open("wb") as f:
        f.write(b"\xef\xbb\xbf")
        flat.write_csv(f)
