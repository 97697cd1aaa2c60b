"""Writing a release: stage everything in a folder, then switch to it in one rename.

Layout under the warehouse folder:
    releases/<release_id>/  parquet/<table>.parquet + .csv, coopdata.duckdb, datapackage.json,
                            DATA_DICTIONARY.md, CHANGELOG.md, index.html, quality/
    current -> releases/<release_id>        (one symlink, replaced atomically)
    parquet, coopdata.duckdb, datapackage.json, … -> current/…   (stable paths users rely on)
A reader holding the old DuckDB file open keeps its inode; a build killed midway leaves
`current` pointing at the previous, whole release (the staging folder is never pointed at).
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import time
from pathlib import Path

import duckdb
import polars as pl

from .release import CHANGE_COLUMNS, write_csv

__all__ = ["stage_release", "promote", "content_hash", "table_comments", "current_release", "read_previous", "KEEP_RELEASES",
           "staging_path", "record_published", "reusable_release"]

KEEP_RELEASES = 3
_PARQUET = dict(compression="zstd", compression_level=3, statistics=True, row_group_size=100_000)


def content_hash(tables: dict[str, pl.DataFrame]) -> str:
    """A hash of the tables' contents, independent of how they were written or chunked.

    Each row is hashed by polars (`hash_rows`, fixed seed) and the row hashes in table order feed one sha256 with
    the names and schemas: ~6x faster than hashing the rows as JSON (~1 s at 10 000 plans). polars states such
    hashes are stable within one polars version, so a release made with another polars may get another version
    label for the same data; the data files themselves are compared by their own bytes (datapackage sha256).
    """
    h = hashlib.sha256()
    for name in sorted(tables):
        df = tables[name]
        h.update(name.encode())
        h.update(str(df.schema).encode())
        h.update(str(df.height).encode())
        if df.height and df.width:
            h.update(df.hash_rows(seed=0).to_numpy().tobytes())
    return h.hexdigest()


def table_comments(models: dict) -> dict[str, tuple[str, dict[str, str]]]:
    """Table and column descriptions from the pandera models, for COMMENT ON."""
    out = {}
    for name, model in models.items():
        schema = model.to_schema()
        out[name] = (" ".join((model.__doc__ or "").split()),
                     {c: (col.description or "") for c, col in schema.columns.items()})
    return out


def _sql_str(s: str) -> str:
    return "'" + s.replace("'", "''") + "'"


def staging_path(warehouse: Path, release_id: str) -> Path:
    return warehouse / "releases" / f".staging-{release_id}"


def current_release(warehouse: Path) -> Path | None:
    cur = warehouse / "current"
    return cur.resolve() if cur.is_symlink() and cur.resolve().exists() else None


def stage_release(warehouse: Path, tables: dict[str, pl.DataFrame], release_id: str,
                  comments: dict[str, tuple[str, dict[str, str]]] | None = None,
                  extra_files: dict[str, bytes] | None = None, views: dict[str, str] | None = None,
                  release_row: dict | None = None) -> Path:
    """Write Parquet, CSV and DuckDB for every table into a fresh staging folder (not yet visible)."""
    staging = staging_path(warehouse, release_id)
    if staging.exists():
        shutil.rmtree(staging)
    (staging / "parquet").mkdir(parents=True)
    for name in sorted(tables):
        tables[name].write_parquet(staging / "parquet" / f"{name}.parquet", **_PARQUET)
        write_csv(tables[name], staging / "parquet" / f"{name}.csv")
    # a bounded buffer (DuckDB spills beyond it): loading a 10 000-plan release then costs ~150 MB, not ~300
    con = duckdb.connect(str(staging / "coopdata.duckdb"), config={"memory_limit": "128MB", "threads": 1})
    try:
        for name in sorted(tables):
            con.execute(f'CREATE TABLE "{name}" AS SELECT * FROM read_parquet(?)',
                        [str(staging / "parquet" / f"{name}.parquet")])
            if comments and name in comments:
                table_doc, cols = comments[name]
                con.execute(f'COMMENT ON TABLE "{name}" IS {_sql_str(table_doc)}')
                for col, doc in cols.items():
                    if col in tables[name].columns:
                        con.execute(f'COMMENT ON COLUMN "{name}"."{col}" IS {_sql_str(doc)}')
        if release_row:
            con.execute("CREATE TABLE release AS SELECT * FROM (VALUES (?, ?, ?)) t(version, created, content_hash)",
                        [release_row["version"], release_row["created"], release_row["content_hash"]])
            con.execute("COMMENT ON TABLE release IS 'Version of this release: date plus a short content hash.'")
        for name, sql in (views or {}).items():
            con.execute(f'CREATE VIEW "{name}" AS {sql}')
        con.execute("CHECKPOINT")
    finally:
        con.close()
    for rel, data in (extra_files or {}).items():
        target = staging / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return staging


def _fsync_tree(root: Path) -> None:
    for p in root.rglob("*"):
        # a file with more than one link was taken from a previous release (coopdata/site.py): on disk already
        if p.is_file() and p.stat().st_nlink == 1:
            with p.open("rb") as f:
                os.fsync(f.fileno())


def promote(warehouse: Path, staging: Path, release_id: str) -> Path:
    """Make a staged release the current one: rename it into place, then replace one symlink."""
    _fsync_tree(staging)
    final = warehouse / "releases" / release_id
    if final.exists():  # never overwrite a folder readers may be using: take a fresh name
        final = final.with_name(f"{release_id}-{os.getpid()}-{time.time_ns()}")
    os.rename(staging, final)
    _switch(warehouse, final)
    _prune(warehouse / "releases", keep=KEEP_RELEASES, current=final)
    return final


def _switch(warehouse: Path, final: Path) -> None:
    tmp = warehouse / ".current.tmp"
    if tmp.is_symlink() or tmp.exists():
        tmp.unlink()
    tmp.symlink_to(final.relative_to(warehouse))
    os.replace(tmp, warehouse / "current")
    for entry in sorted(final.iterdir()):
        path, target = warehouse / entry.name, f"current/{entry.name}"
        if path.is_symlink() and os.readlink(path) == target:
            continue
        if path.exists() and not path.is_symlink():
            shutil.rmtree(path) if path.is_dir() else path.unlink()
        t = warehouse / f".{entry.name}.tmp"
        if t.is_symlink() or t.exists():
            t.unlink()
        t.symlink_to(target)
        os.replace(t, path)


def _prune(releases: Path, keep: int, current: Path) -> None:
    olds = sorted((p for p in releases.iterdir() if p.is_dir() and not p.name.startswith(".") and p != current),
                  key=lambda p: p.stat().st_mtime)
    for p in olds[: max(0, len(olds) - (keep - 1))]:
        _remove_later(p)
    for p in releases.glob(".staging-*"):  # left by builds that were killed or failed their gate
        if p.stat().st_mtime < current.stat().st_mtime - 3600:
            shutil.rmtree(p, ignore_errors=True)


def _remove_later(folder: Path) -> None:
    """Out of sight at once (renamed into .trash/), deleted by a process of its own: a release of 10 000 plan pages
    takes ~1 s to delete, which a build need not wait for. Whatever a killed build leaves in .trash/ is deleted
    by the next one."""
    trash = folder.parent / ".trash"
    trash.mkdir(exist_ok=True)
    try:
        os.rename(folder, trash / f"{folder.name}-{os.getpid()}-{time.time_ns()}")
    except OSError:
        shutil.rmtree(folder, ignore_errors=True)
        return
    try:
        subprocess.Popen(["rm", "-rf", "--", str(trash)], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL, start_new_session=True)
    except OSError:  # no rm here: delete in this process
        shutil.rmtree(trash, ignore_errors=True)


def read_previous(warehouse: Path) -> tuple[str | None, pl.DataFrame | None, str]:
    """(version, targets, changelog text) of the release currently published, if any; of its targets only the
    columns a comparison reads (release.CHANGE_COLUMNS): at 100 000 plans the whole table is ~0.8 GB."""
    cur = current_release(warehouse)
    if cur is None:
        return None, None, ""
    version = None
    dp = cur / "datapackage.json"
    if dp.exists():
        version = json.loads(dp.read_text(encoding="utf-8")).get("version")
    path = cur / "parquet" / "targets.parquet"
    targets = pl.read_parquet(path, columns=CHANGE_COLUMNS) if path.exists() else None  # what changes_frame reads
    log = (cur / "CHANGELOG.md").read_text(encoding="utf-8") if (cur / "CHANGELOG.md").exists() else ""
    return version, targets, log


_PUBLISHED = Path(".state") / "published.json"


def record_published(warehouse: Path, release: Path, snapshot: str | None, code: str) -> None:
    """Which parse snapshot (coopdata/incremental.py) and code the release just made current was built from."""
    path = warehouse / _PUBLISHED
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + f".tmp{os.getpid()}")
    tmp.write_text(json.dumps({"release": release.name, "snapshot": snapshot, "code": code}), encoding="utf-8")
    os.replace(tmp, path)


def reusable_release(warehouse: Path, base: str | None, code: str) -> Path | None:
    """The current release, if it was built from snapshot `base` (the tables a patch started from) by the same
    code: then what depends only on unchanged files' rows can be taken from it. None when unsure (no record,
    another release current, a failed build in between, other code): the release is then written in full."""
    cur = current_release(warehouse)
    if base is None or cur is None or not (warehouse / _PUBLISHED).exists():
        return None
    try:
        state = json.loads((warehouse / _PUBLISHED).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    same = state.get("release") == cur.name and state.get("snapshot") == base and state.get("code") == code
    return cur if same else None
