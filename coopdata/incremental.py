"""Patching the parse tables instead of rebuilding them: what one changed file costs is that file, not the corpus.

A full build combines every file's stored rows into the tables (tables.combine_rows). Each table is sorted by
source_file first and a file's rows depend on that file alone, so the tables after adding, changing or removing
a few files are the previous tables without those files' rows, plus their new rows, merged by source_file: the
same rows in the same order as a full combine (tests/test_incremental.py compares them byte for byte).

The previous tables and what they were built from are kept in a snapshot folder beside the warehouse state
(`<warehouse>/.state/combined/`): one Arrow IPC file per table and `index.json` (per file: the stamp of the stored
value its rows came from and the raw sha256, the files set aside, a fingerprint of the tables' columns). A file
counts as changed when its stamp differs. The one cross-file rule, "of byte-identical files the first by name is
kept", is why a change that touches a duplicate (before or after) is combined in full instead.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Iterator, Mapping
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path

import polars as pl

from .ingest import Rejected
from .tables import DocumentRows, _ROWS_OF, _frame, combine_rows, dtypes

__all__ = ["Delta", "Snapshot", "combine_incremental", "read_snapshot", "write_snapshot", "schema_fingerprint",
           "code_fingerprint"]

SNAPSHOT_DIR = "combined"
PATCH_MAX_FILES = 200  # or a tenth of the files, if more: past that a change is combined in full
_INDEX = "index.json"


@dataclass(frozen=True)
class Delta:
    """What a combine changed. mode "full": every table rebuilt (`changed` is then every file); "patch": only
    the rows of `changed` files (added, changed or removed) differ from the snapshot `base`."""

    mode: str
    changed: tuple[str, ...]
    removed: tuple[str, ...]
    base: str | None  # id of the snapshot patched (None for a full combine)
    snapshot: str  # id of the snapshot written by this combine
    reason: str  # why full, or "patched"

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class Snapshot:
    """The tables of the last combine and what they were built from."""

    frames: dict[str, pl.DataFrame]
    stamps: dict[str, str]  # partition key -> stamp of the stored value its rows came from
    shas: dict[str, str]  # every file that parsed (duplicates included) -> raw sha256
    rejected: list[Rejected]  # files set aside (duplicates included), in file order
    schema: str
    id: str


def schema_fingerprint() -> str:
    """The tables' columns and types: a snapshot written by a version with other columns is never patched."""
    desc = json.dumps({t: {c: str(d) for c, d in dtypes(t).items()} for t in _ROWS_OF}, sort_keys=True)
    return hashlib.sha256(desc.encode()).hexdigest()[:16]


# what a reused page or a gate result depends on besides the tables' rows: the page code and templates, the gate
# and the schemas, the reference data (the rules that made the rows are not here: unchanged rows are the same rows)
_RELEASE_CODE = ("coopdata/site.py", "coopdata/templates", "coopdata/gx_gate.py", "coopdata/data", "schemas")


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """The code and data a release's pages and gate come from: pages of a release made by other code are never
    reused, and its gate results never stand in for a new gate's (a template change shows on every page)."""
    root = Path(__file__).resolve().parent.parent
    h = hashlib.sha256()
    for part in _RELEASE_CODE:
        base = root / part
        for p in sorted(base.rglob("*")) if base.is_dir() else [base]:
            if p.is_file() and "__pycache__" not in p.parts:
                h.update(p.relative_to(root).as_posix().encode() + b"\0" + p.read_bytes())
    return h.hexdigest()[:16]


def _snapshot_id(stamps: dict[str, str], schema: str) -> str:
    return hashlib.sha256(json.dumps([schema, sorted(stamps.items())]).encode()).hexdigest()[:16]


def combine_incremental(values: Mapping[str, DocumentRows | Rejected], stamps: Mapping[str, str],
                        previous: Snapshot | None) -> tuple[dict[str, pl.DataFrame], list[Rejected], Snapshot, Delta]:
    """The tables of every file in `values` (keys in file-name order), patched from `previous` where possible.

    `values` is read only for the keys that changed when patching (a lazy mapping of stored partitions costs
    one file per change); `stamps` has an entry for every key of `values`.
    """
    schema = schema_fingerprint()
    stamps = dict(sorted(stamps.items()))
    new_id = _snapshot_id(stamps, schema)
    why = _why_full(previous, schema)
    if why is None:
        assert previous is not None
        changed = sorted(k for k in stamps if previous.stamps.get(k) != stamps[k])
        removed = sorted(set(previous.stamps) - set(stamps))
        if len(changed) > max(PATCH_MAX_FILES, len(stamps) // 10):
            why = f"{len(changed)} of {len(stamps)} files changed"  # a full combine streams them; a patch holds them
        else:
            loaded = {k: values[k] for k in changed}
            why = _duplicate_involved(previous, loaded, removed)
        if why is None:
            frames, rejected, shas = _patch(previous, loaded, removed)
            snap = Snapshot(frames, stamps, shas, rejected, schema, new_id)
            delta = Delta("patch", tuple(sorted(set(changed) | set(removed))), tuple(removed), previous.id, new_id,
                          "patched")
            return frames, rejected, snap, delta
    shas: dict[str, str] = {}

    def recorded() -> Iterator[DocumentRows | Rejected]:
        for key in stamps:
            v = values[key]
            if isinstance(v, DocumentRows):
                shas[v.source_file] = v.raw_sha256
            yield v

    frames, rejected = combine_rows(recorded())  # chunked as combined: Parquet and CSV bytes do not depend on it
    snap = Snapshot(frames, stamps, shas, list(rejected), schema, new_id)
    return frames, rejected, snap, Delta("full", tuple(stamps), (), None, new_id, why)


def _why_full(previous: Snapshot | None, schema: str) -> str | None:
    if previous is None:
        return "no previous tables"
    if previous.schema != schema:
        return "the tables' columns changed since the previous build"
    return None


def _duplicate_involved(previous: Snapshot, loaded: dict[str, DocumentRows | Rejected],
                        removed: list[str]) -> str | None:
    """Which file is kept of byte-identical ones depends on the others: such a change is combined in full."""
    if any(isinstance(v, DocumentRows) and v.source_file != k for k, v in loaded.items()):
        return "a stored value is keyed by another name than its file"
    counts: dict[str, int] = {}
    for sha in previous.shas.values():
        counts[sha] = counts.get(sha, 0) + 1
    touched = [previous.shas[k] for k in [*loaded, *removed] if k in previous.shas]
    if any(counts[s] > 1 for s in touched):
        return "a changed file was one of byte-identical files"
    after = {k: s for k, s in previous.shas.items() if k not in loaded and k not in removed}
    seen = set(after.values())
    for v in loaded.values():
        if isinstance(v, DocumentRows):
            if v.raw_sha256 in seen:
                return "a changed file has the same bytes as another"
            seen.add(v.raw_sha256)
    return None


def _patch(previous: Snapshot, loaded: dict[str, DocumentRows | Rejected], removed: list[str]
           ) -> tuple[dict[str, pl.DataFrame], list[Rejected], dict[str, str]]:
    gone = sorted({*loaded, *removed})
    rows = [v for _, v in sorted(loaded.items()) if isinstance(v, DocumentRows)]
    frames = {}
    for t in _ROWS_OF:
        kept = previous.frames[t].filter(~pl.col("source_file").is_in(gone))
        new = [r for d in rows for r in d.rows.get(t, ())]
        if new:  # the new rows in table order, merged into place by file (a stable sort keeps each file's order)
            kept = pl.concat([kept, _frame(new, t)]).sort("source_file", maintain_order=True)
        frames[t] = kept.rechunk()
    rejected = [r for r in previous.rejected if r.source_file not in loaded and r.source_file not in removed]
    rejected += [v for v in loaded.values() if isinstance(v, Rejected)]
    rejected.sort(key=lambda r: r.source_file)
    shas = {k: s for k, s in previous.shas.items() if k not in loaded and k not in removed}
    shas |= {d.source_file: d.raw_sha256 for d in rows}
    return frames, rejected, dict(sorted(shas.items()))


def read_snapshot(folder: Path) -> Snapshot | None:
    """The snapshot in `folder`, or None when there is none or it is unreadable (then the next combine is full)."""
    try:
        index = json.loads((folder / _INDEX).read_text(encoding="utf-8"))
        frames = {t: pl.read_ipc(folder / f"{t}.arrow") for t in _ROWS_OF}
    except (OSError, ValueError, KeyError, pl.exceptions.PolarsError):
        return None
    return Snapshot(frames, index["stamps"], index["shas"], [Rejected(**r) for r in index["rejected"]],
                    index["schema"], index["id"])


def write_snapshot(folder: Path, snap: Snapshot) -> None:
    """Written beside, then renamed into place: a build killed midway leaves the previous snapshot whole."""
    tmp = folder.with_name(f".{folder.name}.tmp{os.getpid()}")
    if tmp.exists():
        shutil.rmtree(tmp)
    tmp.mkdir(parents=True)
    for t, df in snap.frames.items():
        df.write_ipc(tmp / f"{t}.arrow")
    index = {"id": snap.id, "schema": snap.schema, "stamps": snap.stamps, "shas": snap.shas,
             "rejected": [asdict(r) for r in snap.rejected]}
    (tmp / _INDEX).write_text(json.dumps(index, ensure_ascii=False, sort_keys=True), encoding="utf-8")
    old = folder.with_name(f".{folder.name}.old{os.getpid()}")
    if folder.exists():
        os.rename(folder, old)
    os.rename(tmp, folder)
    shutil.rmtree(old, ignore_errors=True)
