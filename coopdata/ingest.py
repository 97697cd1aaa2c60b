"""Raw files in, usable documents out; everything else set aside with a reason."""
from __future__ import annotations

import csv
import hashlib
from dataclasses import dataclass
from pathlib import Path

from .text import decode_bytes, normalise

__all__ = ["RawFile", "Document", "Rejected", "read_manifest", "inventory", "decode", "MANIFEST", "MAX_BYTES"]

MANIFEST = "manifest.csv"
MAX_BYTES = 20 * 1024 * 1024
_IGNORED = {MANIFEST, "README.md", ".gitkeep"}
_TEXT_SUFFIXES = {".txt"}


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
    source_file: str
    raw_sha256: str
    encoding: str
    bytes: int
    original: str
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


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def inventory(raw_dir: Path, max_bytes: int = MAX_BYTES) -> tuple[list[RawFile], list[Rejected]]:
    """Every file under raw_dir, hashed, in name order; manifest rows with no file are reported."""
    manifest = read_manifest(raw_dir)
    files: list[RawFile] = []
    rejected: list[Rejected] = []
    seen: dict[str, str] = {}
    paths = sorted(p for p in raw_dir.rglob("*") if p.is_file()) if raw_dir.exists() else []
    for path in paths:
        rel = path.relative_to(raw_dir).as_posix()
        if rel in _IGNORED or path.name.startswith("."):
            continue
        size = path.stat().st_size
        row = manifest.get(rel, {})
        if size > max_bytes:
            rejected.append(Rejected(rel, None, "inventory", "too large", f"{size} bytes, over the limit of {max_bytes}"))
            continue
        digest = _sha256(path)
        if digest in seen:
            rejected.append(Rejected(rel, digest, "inventory", "duplicate", f"same bytes as {seen[digest]}"))
            continue
        seen[digest] = rel
        files.append(RawFile(rel, digest, size, path.suffix.lower(), row))
    present = {f.source_file for f in files} | {r.source_file for r in rejected}
    for name in sorted(manifest):
        if name not in present and not (raw_dir / name).exists():
            rejected.append(Rejected(name, None, "manifest", "manifest file missing",
                                     "manifest.csv names this file but raw/ does not hold it"))
    return files, rejected


def decode(raw_dir: Path, f: RawFile) -> Document | Rejected:
    """Bytes to normalised text, or the reason it cannot be used."""
    if f.suffix not in _TEXT_SUFFIXES:
        return Rejected(f.source_file, f.sha256, "decode", "unsupported format", f"no reader for '{f.suffix or 'no suffix'}' files")
    data = (raw_dir / f.source_file).read_bytes()
    if not data.strip():
        return Rejected(f.source_file, f.sha256, "decode", "empty", "the file holds no text")
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return Rejected(f.source_file, f.sha256, "decode", "binary", "NUL bytes: not a text file")
    try:
        decoded = decode_bytes(data)
    except UnicodeDecodeError as exc:
        return Rejected(f.source_file, f.sha256, "decode", "undecodable", str(exc))
    text = normalise(decoded.text)
    if not text:
        return Rejected(f.source_file, f.sha256, "decode", "empty", "only white space")
    return Document(f.source_file, f.sha256 or "", decoded.encoding, f.bytes, decoded.text, text, f.manifest)
