"""Writing a release: Parquet files and a DuckDB database, switched in atomically.

Layout under the warehouse folder:
    releases/<release_id>/parquet/<table>.parquet, releases/<release_id>/coopdata.duckdb
    current -> releases/<release_id>        (one symlink, replaced atomically)
    parquet -> current/parquet, coopdata.duckdb -> current/coopdata.duckdb   (stable paths)
A reader holding the old DuckDB file open keeps its inode; a build killed midway
leaves `current` pointing at the previous, whole release.
"""
from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import duckdb
import polars as pl

__all__ = ["write_release", "content_hash", "table_comments", "KEEP_RELEASES"]

KEEP_RELEASES = 3
_PARQUET = dict(compression="zstd", compression_level=3, statistics=True, row_group_size=100_000)


def content_hash(tables: dict[str, pl.DataFrame]) -> str:
    """A hash of the tables' contents, independent of how they were written."""
    h = hashlib.sha256()
    for name in sorted(tables):
        h.update(name.encode())
        h.update(str(tables[name].schema).encode())
        h.update(tables[name].write_ndjson().encode("utf-8"))
    return h.hexdigest()


def table_comments(models: dict) -> dict[str, tuple[str, dict[str, str]]]:
    """Table and column descriptions from the pandera models, for COMMENT ON."""
    out = {}
    for name, model in models.items():
        schema = model.to_schema()
        out[name] = ((model.__doc__ or "").strip(), {c: (col.description or "") for c, col in schema.columns.items()})
    return out


def _sql_str(s: str) -> str:
    return "'" + s.replace("'", "''") + "'"


def write_release(warehouse: Path, tables: dict[str, pl.DataFrame], release_id: str,
                  comments: dict[str, tuple[str, dict[str, str]]] | None = None,
                  extra_files: dict[str, bytes] | None = None, views: dict[str, str] | None = None) -> Path:
    """Write every table to a new release folder, then point `current` at it in one rename."""
    warehouse.mkdir(parents=True, exist_ok=True)
    releases = warehouse / "releases"
    releases.mkdir(exist_ok=True)
    final = releases / release_id
    staging = releases / f".staging-{release_id}-{os.getpid()}"
    if staging.exists():
        shutil.rmtree(staging)
    (staging / "parquet").mkdir(parents=True)
    for name in sorted(tables):
        tables[name].write_parquet(staging / "parquet" / f"{name}.parquet", **_PARQUET)
    con = duckdb.connect(str(staging / "coopdata.duckdb"))
    try:
        for name in sorted(tables):
            con.execute(f'CREATE TABLE "{name}" AS SELECT * FROM read_parquet(?)',
                        [str(staging / "parquet" / f"{name}.parquet")])
            if comments and name in comments:
                table_doc, cols = comments[name]
                con.execute(f'COMMENT ON TABLE "{name}" IS {_sql_str(table_doc)}')
                for col, doc in cols.items():
                    con.execute(f'COMMENT ON COLUMN "{name}"."{col}" IS {_sql_str(doc)}')
        for name, sql in (views or {}).items():
            con.execute(f'CREATE VIEW "{name}" AS {sql}')
        con.execute("CHECKPOINT")
    finally:
        con.close()
    for rel, data in (extra_files or {}).items():
        target = staging / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    _fsync_tree(staging)
    if final.exists():
        shutil.rmtree(final)
    os.rename(staging, final)
    _switch(warehouse, final)
    _prune(releases, keep=KEEP_RELEASES, current=final)
    return final


def _fsync_tree(root: Path) -> None:
    for p in root.rglob("*"):
        if p.is_file():
            with p.open("rb") as f:
                os.fsync(f.fileno())


def _switch(warehouse: Path, final: Path) -> None:
    tmp = warehouse / ".current.tmp"
    if tmp.is_symlink() or tmp.exists():
        tmp.unlink()
    tmp.symlink_to(final.relative_to(warehouse))
    os.replace(tmp, warehouse / "current")
    links = [("parquet", "current/parquet"), ("coopdata.duckdb", "current/coopdata.duckdb")]
    links += [(p.name, f"current/{p.name}") for p in sorted(final.iterdir())
              if p.name not in ("parquet", "coopdata.duckdb")]
    for link, target in links:
        path = warehouse / link
        if path.is_symlink() and os.readlink(path) == target:
            continue
        if path.exists() and not path.is_symlink():
            shutil.rmtree(path) if path.is_dir() else path.unlink()
        t = warehouse / f".{link}.tmp"
        if t.is_symlink() or t.exists():
            t.unlink()
        t.symlink_to(target)
        os.replace(t, path)


def _prune(releases: Path, keep: int, current: Path) -> None:
    olds = sorted((p for p in releases.iterdir() if p.is_dir() and not p.name.startswith(".") and p != current),
                  key=lambda p: p.stat().st_mtime)
    for p in olds[: max(0, len(olds) - (keep - 1))]:
        shutil.rmtree(p, ignore_errors=True)
    for p in releases.glob(".staging-*"):  # left by builds that were killed
        if p.stat().st_mtime < current.stat().st_mtime - 3600:
            shutil.rmtree(p, ignore_errors=True)
