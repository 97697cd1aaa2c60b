"""Sources as data: raw/manifest.csv is the list of sources, one row per document in raw/.

The manifest's first seven columns are the ones ingest has always read (file, source_url, retrieved, kind, province,
province_reason, notes); the source list adds, at the end so rows written with the old columns still line up:

  source_id    stable id of the row (`src_` + 16 hex digits), carried into plans.source_id
  publisher    who published what was retrieved: the site's host for a web page, else the body named by the text
  issuer       the body that issued the document the row is about, when known
  doc_number   the document's own number, when known (e.g. 53/KH-UBND)
  doc_date     the document's date of issue, ISO 8601, when known
  sha256       SHA-256 of the bytes in raw/: what was retrieved (a fetched page), or our restatement's own file
  sha256_note  why sha256 is empty or does not match the file, when it does not (e.g. "not fetched yet")

For a restatement, source_url is the page it restates, kind is `restatement` and sha256 is that of our file in
raw/ (the page's own bytes are not kept). `coopdata fetch` (coopdata/fetch.py) downloads the rows that have a URL
and records what it retrieved here; `python -m coopdata.sources [RAW]` fills in ids and hashes of files already
in raw/ and adds a row for every file that has none.

No Dagster here: plain Python, used by the CLI, the Dagster fetch asset and the tests.
"""
from __future__ import annotations

import csv
import datetime
import hashlib
import io
import os
import re
import sys
from pathlib import Path
from urllib.parse import urlsplit

from .ingest import MANIFEST, list_raw, sha256_file

__all__ = ["BASE_COLUMNS", "SOURCE_COLUMNS", "sources_path", "read_sources", "write_sources", "new_source_id",
           "problems", "fill", "SOURCE_ID"]

BASE_COLUMNS = ["file", "source_url", "retrieved", "kind", "province", "province_reason", "notes"]
SOURCE_COLUMNS = [*BASE_COLUMNS, "source_id", "publisher", "issuer", "doc_number", "doc_date", "sha256",
                  "sha256_note"]
SOURCE_ID = re.compile(r"^src_[0-9a-f]{16}$")


def sources_path(raw_dir: Path) -> Path:
    """The source list of a raw folder (the manifest ingest reads)."""
    return Path(raw_dir) / MANIFEST


def read_sources(path: Path) -> tuple[list[dict[str, str]], list[str]]:
    """(rows in file order, columns: the file's own, then any source column it lacks). A missing file is empty."""
    if not path.exists():
        return [], list(SOURCE_COLUMNS)
    with path.open(encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        rows = [{k: (v or "").strip() for k, v in r.items() if k} for r in reader]
        columns = [c for c in (reader.fieldnames or []) if c]
    return rows, columns + [c for c in SOURCE_COLUMNS if c not in columns]


def write_sources(path: Path, rows: list[dict[str, str]], columns: list[str] | None = None) -> None:
    """Write the rows atomically (a temporary file beside it, then a rename), UTF-8 without BOM."""
    columns = list(columns or SOURCE_COLUMNS)
    for r in rows:  # a column only some rows carry is kept, at the end
        columns += [c for c in r if c not in columns]
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=columns, lineterminator="\n", extrasaction="ignore")
    w.writeheader()
    for r in rows:
        w.writerow({c: r.get(c, "") for c in columns})
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(buf.getvalue(), encoding="utf-8")
    os.replace(tmp, path)


def new_source_id(row: dict[str, str]) -> str:
    """A new row's id, from its file name (or its URL when it names no file yet); stored, so it stays when a
    fetch renames the file."""
    key = row.get("file") or row.get("source_url") or ""
    return "src_" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def publisher_of(url: str) -> str:
    """The host of a URL, without `www.` (the publisher of a web page, as far as the address says)."""
    host = (urlsplit(url).hostname or "") if url else ""
    return host[4:] if host.startswith("www.") else host


def problems(raw_dir: Path) -> list[str]:
    """What is wrong with the source list of a raw folder (empty when all is well): a file with no row, a row
    whose sha256 is missing or does not match its file without a note saying why, a missing or repeated id."""
    path = sources_path(raw_dir)
    rows, _ = read_sources(path)
    out = []
    named = {r.get("file", "") for r in rows}
    for rel in list_raw(raw_dir):
        if rel not in named:
            out.append(f"{rel}: no row in {path.name}")
    seen: dict[str, str] = {}
    for r in rows:
        name = r.get("file") or r.get("source_url") or "?"
        sid = r.get("source_id", "")
        if not SOURCE_ID.match(sid):
            out.append(f"{name}: source_id {sid!r} is not src_ and 16 hex digits")
        elif sid in seen:
            out.append(f"{name}: source_id {sid} also names {seen[sid]}")
        seen.setdefault(sid, name)
        note = r.get("sha256_note", "")
        f = raw_dir / r["file"] if r.get("file") else None
        if f is None or not f.is_file():
            if not note:
                out.append(f"{name}: no file in raw/ and no sha256_note saying why")
            continue
        digest = sha256_file(f)
        if r.get("sha256", "") != digest and not note:
            out.append(f"{name}: sha256 {r.get('sha256') or '(empty)'} but the file's is {digest}")
    return out


def fill(raw_dir: Path, today: datetime.date | None = None) -> list[str]:
    """Complete the source list of a raw folder without the network: an id for every row, the sha256 of every
    file whose row has none, the publisher from the URL, a row for every file that has none. A recorded sha256
    is never overwritten (a file that changed must be seen). Returns what it did, one line each."""
    path = sources_path(raw_dir)
    rows, columns = read_sources(path)
    done = []
    named = {r.get("file", "") for r in rows}
    for rel in list_raw(raw_dir):
        if rel not in named:
            rows.append({"file": rel, "retrieved": (today or datetime.date.today()).isoformat(),
                         "notes": "added by coopdata.sources: say where the file comes from"})
            done.append(f"{rel}: row added")
    ids = {r.get("source_id") for r in rows}
    for r in rows:
        if not r.get("source_id"):
            r["source_id"] = sid = new_source_id(r)
            if sid in ids:
                raise ValueError(f"{r.get('file')}: new source_id {sid} is already taken")
            ids.add(sid)
            done.append(f"{r.get('file') or r.get('source_url')}: source_id {sid}")
        if not r.get("publisher") and r.get("source_url"):
            r["publisher"] = publisher_of(r["source_url"])
        f = raw_dir / r["file"] if r.get("file") else None
        if f is not None and f.is_file() and not r.get("sha256"):
            r["sha256"] = sha256_file(f)
            done.append(f"{r['file']}: sha256 recorded")
        elif (f is None or not f.is_file()) and not r.get("sha256_note"):
            r["sha256_note"] = "not fetched yet"
    if done:
        write_sources(path, rows, columns)
    return done


if __name__ == "__main__":  # python -m coopdata.sources [RAW]
    from .config import raw_dir as _default_raw

    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else _default_raw()
    for line in fill(folder):
        print(line)
    left = problems(folder)
    for line in left:
        print(f"problem: {line}", file=sys.stderr)
    sys.exit(1 if left else 0)
