"""Raw files in, usable documents out; everything else set aside with a reason."""
from __future__ import annotations

import csv
import hashlib
import json
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .formats import FormatError, extract_text
from .text import normalise

__all__ = ["RawFile", "Document", "Rejected", "read_manifest", "inventory", "decode", "list_raw", "reconcile",
           "read_one", "manifest_problems", "first_of_duplicates", "duplicate_of", "signatures", "parse_files",
           "MANIFEST", "MAX_BYTES"]

MANIFEST = "manifest.csv"
MAX_BYTES = 20 * 1024 * 1024
_IGNORED = {MANIFEST, "README.md", ".gitkeep"}


@dataclass(frozen=True)
class RawFile:
    """One file found in raw/, with what the manifest says of it."""

    source_file: str
    sha256: str | None
    bytes: int
    suffix: str
    manifest: dict[str, str]


@dataclass(frozen=True)
class Document:
    """A usable raw file as normalised text (the original bytes stay in raw/, named by raw_sha256)."""

    source_file: str
    raw_sha256: str
    encoding: str
    bytes: int
    text: str
    manifest: dict[str, str]


@dataclass(frozen=True)
class Rejected:
    source_file: str
    raw_sha256: str | None
    stage: str
    reason: str
    detail: str


def read_manifest(raw_dir: Path) -> dict[str, dict[str, str]]:
    """manifest.csv rows keyed by file name; a missing manifest is an empty one."""
    path = raw_dir / MANIFEST
    if not path.exists():
        return {}
    with path.open(encoding="utf-8-sig", newline="") as f:
        return {r["file"].strip(): {k: (v or "").strip() for k, v in r.items() if k} for r in csv.DictReader(f)
                if r.get("file")}


def sha256_file(path: Path) -> str:
    """SHA-256 of a file, read in chunks (large files are not held in memory)."""
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _inside(root: Path, path: Path) -> bool:
    try:
        path.resolve().relative_to(root.resolve())
        return True
    except (ValueError, OSError, RuntimeError):
        return False


def list_raw(raw_dir: Path) -> list[str]:
    """Every file name under raw_dir that the pipeline must account for (in plans or in quarantine)."""
    if not raw_dir.exists():
        return []
    out = []
    stack = [("", str(raw_dir))]
    while stack:  # os.scandir, not rglob: the entry types come with the listing (one stat less per file at 10 000)
        prefix, folder = stack.pop()
        with os.scandir(folder) as entries:
            for e in entries:
                rel = prefix + e.name
                if e.is_symlink() or e.is_file():  # a link is listed (and judged later), never followed
                    if rel not in _IGNORED and not e.name.startswith("."):
                        out.append(rel)
                elif e.is_dir():
                    stack.append((rel + "/", e.path))
    return sorted(out, key=lambda r: r.split("/"))  # pathlib's order: by path component


def read_one(raw_dir: Path, rel: str, manifest_row: dict[str, str], max_bytes: int = MAX_BYTES) -> RawFile | Rejected:
    """One file of raw/: refused if it is a link out of raw/ or too large (then it is not read), else hashed."""
    path = raw_dir / rel
    if path.is_symlink() and not _inside(raw_dir, path):
        return Rejected(rel, None, "inventory", "unsafe path", "a link that leads out of raw/")
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return Rejected(rel, None, "inventory", "too large", f"{size} bytes, over the limit of {max_bytes}")
        digest = sha256_file(path)
    except OSError as exc:
        return Rejected(rel, None, "inventory", "unreadable", f"{type(exc).__name__}: {exc}")
    return RawFile(rel, digest, size, path.suffix.lower(), manifest_row)


def manifest_problems(raw_dir: Path, manifest: dict[str, dict[str, str]]) -> list[Rejected]:
    """Manifest rows whose path escapes raw/ (refused, never read) or whose file is missing (reported)."""
    out = []
    for name in sorted(manifest):
        if name.startswith(("/", "\\")) or ".." in Path(name).parts or not _inside(raw_dir, raw_dir / name):
            out.append(Rejected(name, None, "manifest", "unsafe path",
                                "manifest.csv names a path outside raw/; it is not read"))
        elif not (raw_dir / name).exists() and not (raw_dir / name).is_symlink():
            out.append(Rejected(name, None, "manifest", "manifest file missing",
                                "manifest.csv names this file but raw/ does not hold it"))
    return out


def duplicate_of(name: str, digest: str | None, first: str) -> Rejected:
    return Rejected(name, digest, "inventory", "duplicate", f"same bytes as {first}")


def first_of_duplicates(items: list[RawFile | Document]) -> tuple[list, list[Rejected]]:
    """Keep the first file (by name) of each set of byte-identical files; the others are duplicates."""
    seen: dict[str, str] = {}
    kept, dupes = [], []
    for item in sorted(items, key=lambda x: x.source_file):
        digest = item.sha256 if isinstance(item, RawFile) else item.raw_sha256
        if digest in seen:
            dupes.append(duplicate_of(item.source_file, digest, seen[digest]))
        else:
            seen[digest] = item.source_file
            kept.append(item)
    return kept, dupes


def inventory(raw_dir: Path, max_bytes: int = MAX_BYTES) -> tuple[list[RawFile], list[Rejected]]:
    """Every file under raw_dir, hashed, in name order, and every file or manifest row set aside."""
    manifest = read_manifest(raw_dir)
    read = [read_one(raw_dir, rel, manifest.get(rel, {}), max_bytes) for rel in list_raw(raw_dir)]
    files, dupes = first_of_duplicates([r for r in read if isinstance(r, RawFile)])
    return files, [r for r in read if isinstance(r, Rejected)] + dupes + manifest_problems(raw_dir, manifest)


def decode(raw_dir: Path, f: RawFile) -> Document | Rejected:
    """Bytes to normalised text, or the reason it cannot be used. Never raises on file contents."""
    data = (raw_dir / f.source_file).read_bytes()
    if not data.strip():
        return Rejected(f.source_file, f.sha256, "decode", "empty", "the file holds no text")
    try:
        decoded = extract_text(data, f.suffix)
    except FormatError as exc:
        return Rejected(f.source_file, f.sha256, "decode", exc.reason, exc.detail)
    except Exception as exc:  # a reader library failing on a broken file must not stop the run
        return Rejected(f.source_file, f.sha256, "decode", "corrupt file", f"{type(exc).__name__}: {exc}")
    text = normalise(decoded.text)
    if not text:
        return Rejected(f.source_file, f.sha256, "decode", "empty", "only white space")
    # the original stays byte for byte in raw/ (raw_sha256 names it); only the normalised text travels on
    return Document(f.source_file, f.sha256 or "", decoded.encoding, f.bytes, text, f.manifest)


def reconcile(raw_dir: Path, published: set[str], quarantined: set[str]) -> list[str]:
    """Files in raw/ that ended neither in plans nor in quarantine (should be none)."""
    return [f for f in list_raw(raw_dir) if f not in published and f not in quarantined]


# modules and data that do not shape what a file parses into (pages, release, checks, scores, tools)
_NOT_PARSING = frozenset({"site.py", "publish.py", "release.py", "gx_gate.py", "incremental.py", "views.py",
                          "coverage.py", "quality.py", "evaluate.py", "realdev.py", "train_confidence.py", "fetch.py",
                          "preview.py", "reference_build.py", "lock.py", "sources.py", "__main__.py", "cli.py",
                          "realdev_scores.json", "coverage_notes.csv", "SOURCES.md"})


@lru_cache(maxsize=1)
def parser_fingerprint() -> str:
    """The code and language data a file's parse comes from (rules, vocabularies, the confidence model): a file
    parsed by other code is parsed again, so a new version of the rules reaches every fact on the next build."""
    here = Path(__file__).resolve().parent
    h = hashlib.sha256()
    for p in sorted([*here.glob("*.py"), *(here / "data").glob("*")]):
        if p.is_file() and p.name not in _NOT_PARSING:
            h.update(p.relative_to(here).as_posix().encode() + b"\0" + p.read_bytes())
    return h.hexdigest()[:16]


def signatures(raw_dir: Path) -> dict[str, str]:
    """A cheap fingerprint per file (size, modification time, manifest row, and the parser's own fingerprint):
    what changed, without reading files."""
    manifest = read_manifest(raw_dir)
    code = parser_fingerprint()
    out = {}
    for rel in list_raw(raw_dir):
        try:
            st = (raw_dir / rel).lstat()
        except OSError:
            continue
        row = json.dumps(manifest.get(rel, {}), sort_keys=True, ensure_ascii=False)
        out[rel] = hashlib.sha1(f"{st.st_size}:{st.st_mtime_ns}:{row}:{code}".encode()).hexdigest()[:16]
    return out


def _parse_one(args: tuple[str, str, dict, int, str]):
    from .tables import document_rows, pack, parse_document
    raw, rel, row, max_bytes, form = args
    read = read_one(Path(raw), rel, row, max_bytes)
    out = read
    if isinstance(read, RawFile):
        out = decode(Path(raw), read)
        if isinstance(out, Document):
            try:
                out = parse_document(out)
                if form != "parsed":
                    out = document_rows(out)
            except Exception as exc:  # a text the rules trip over is set aside with the error, never the run
                out = Rejected(rel, read.sha256, "parse", "parser error",
                               f"the extractor failed on this text: {type(exc).__name__}: {exc}"[:500])
    return pack(out) if form == "packed" else out


def parse_files(raw_dir: Path, names: list[str], max_bytes: int = MAX_BYTES, workers: int = 1,
                form: str = "parsed") -> dict:
    """Read and parse each named file of raw/ on `workers` processes. Per name: a ParsedDocument, or with
    form="rows" its DocumentRows, or with form="packed" those pickled (Packed); or the Rejected saying why the
    file cannot be used (Packed too with form="packed")."""
    manifest = read_manifest(raw_dir)
    jobs = [(str(raw_dir), rel, manifest.get(rel, {}), max_bytes, form) for rel in names]
    if workers > 1 and len(jobs) > 50:
        from concurrent.futures import ProcessPoolExecutor
        with ProcessPoolExecutor(max_workers=workers) as pool:
            return dict(zip(names, pool.map(_parse_one, jobs, chunksize=25)))
    return {rel: _parse_one(job) for rel, job in zip(names, jobs)}
