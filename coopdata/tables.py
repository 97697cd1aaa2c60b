"""From documents to the published tables (polars frames), with stable ids and provenance."""
from __future__ import annotations

import csv
import hashlib
import pickle
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, replace
from functools import lru_cache
from importlib import resources

import polars as pl

from .deadlines import Deadline, extract_deadlines
from .ingest import Document, Rejected, duplicate_of
from .plans import PlanMeta, extract_plan
from .provinces import province_by_name
from .text import unwrap
from .confidence import score_targets
from .plausibility import split_plausible
from .targets import Target, extract_targets
from .units2025 import NOTE_PREFIX, unit_key

__all__ = ["ParsedDocument", "DocumentRows", "parse_document", "plan_year", "document_rows", "combine_rows", "raw_files_frame", "Packed", "pack", "plans_frame", "targets_frame", "deadlines_frame",
           "documents_frame", "quarantine_frame", "metrics_frame", "stable_id", "TABLE_ORDER"]

TABLE_ORDER = {
    "plans": ["source_file"],
    "targets": ["source_file", "char_start", "metric", "target_id"],
    "target_candidates": ["source_file", "char_start", "metric", "target_id"],
    "deadlines": ["source_file", "char_start", "deadline_id"],
    "documents": ["source_file"],
    "quarantine": ["source_file", "stage"],
    "metrics": [],
    "provinces": ["province_code"],
    "provinces_2025": ["province_code_2025"],
    "coverage": ["province_code"],
    "national_comparison": ["target_year", "metric", "unit"],
    "raw_files": ["source_file"],
}


def stable_id(prefix: str, *parts: object) -> str:
    """A short id that depends only on the given values (so re-ingesting unchanged text keeps it)."""
    h = hashlib.sha256("\x1f".join("" if p is None else str(p) for p in parts).encode("utf-8")).hexdigest()
    return f"{prefix}_{h[:16]}"


@dataclass(frozen=True)
class ParsedDocument:
    doc: Document
    plan: PlanMeta
    targets: tuple[Target, ...]
    deadlines: tuple[Deadline, ...]
    candidates: tuple[Target, ...] = ()  # facts below the confidence threshold: published for review only

    @property
    def plan_id(self) -> str:
        return stable_id("plan", self.doc.source_file)


_LEAD_PLAN_YEAR = re.compile(
    r"(?:kế hoạch|chương trình|nhiệm vụ|chỉ tiêu|mục tiêu|phấn đấu)(?:(?!giai đoạn|đến năm|tới năm|luật)[^.\n]){0,100}?"
    r"(?<!đến )(?<!tới )(?<!so với )(?<!mốc )(?<!nhìn )(?<!hết )(?<!cuối )năm (20[0-6]\d)(?!\s*[-–]\s*20)|(?:^|\n)(?:[A-ZĐ]{2,10} )?Năm (20[0-6]\d),(?![^.\n]{0,30}\bđã\b)", re.IGNORECASE)


def plan_year(plan: PlanMeta, text: str = "") -> int | None:
    """A plan for a single year ("Kế hoạch … năm 2024") dates its undated aims to that year; so does the lead of a
    news page about one ("… ban hành Kế hoạch … năm 2023", "Năm 2024, tỉnh …"), when it names a single year."""
    if plan.title:
        # (not the year of a law the title names: "… hoạt động đúng Luật HTX năm 2012")
        m = next((y for y in re.finditer(r"(?<!đến )(?<!tới )(?<!vào )năm (\d{4})(?!\s*[-–])", plan.title, re.IGNORECASE)
                  if not re.search(r"luật", plan.title[max(0, y.start() - 40):y.start()], re.IGNORECASE)), None)
        if m and not re.search(r"giai đoạn|đến năm|tới năm|\d{4}\s*[-–]\s*\d{4}", plan.title, re.IGNORECASE):
            return int(m.group(1))
    lead = _QUOTED.sub(lambda q: " " * len(q.group(0)), text[:900])  # a quoted name's period is no plan's
    if re.search(r"giai đoạn|mốc năm|tầm nhìn|20\d\d\s*[-–]\s*20\d\d", lead, re.IGNORECASE):
        return None  # a lead about a period: its aims are dated by their own phrases
    years = {int(m.group(1) or m.group(2)) for m in _LEAD_PLAN_YEAR.finditer(lead)}
    if len(years) != 1:
        return None
    year = years.pop()
    # "đến (hết) năm Y" names a horizon, unless Y is the plan's own year ("Kế hoạch … năm 2023 … phấn đấu đến hết năm
    # 2023 có 335 HTX")
    horizons = {int(y) for y in _HORIZON_YEAR.findall(lead)}
    return year if horizons <= {year} else None


_QUOTED = re.compile(r"“[^”\n]{1,300}”|\"[^\"\n]{1,300}\"")
_HORIZON_YEAR = re.compile(r"(?:đến|tới)\s+(?:hết\s+|cuối\s+)?năm\s+(20[0-6]\d)", re.IGNORECASE)


def parse_document(doc: Document) -> ParsedDocument:
    """Everything one document says: its metadata, targets and deadlines."""
    plan = extract_plan(doc.text)
    override = doc.manifest.get("province")
    if override and plan.province is None and plan.admin_level != "national":
        p = province_by_name(override)
        if p:
            plan = PlanMeta(**{**asdict(plan), "province": p, "province_source": "manifest",
                               "admin_level": "province" if plan.admin_level == "unknown" else plan.admin_level})
    year = plan_year(plan, doc.text)
    body = unwrap(doc.text)  # sentences joined across soft line breaks; offsets are those of doc.text
    facts = extract_targets(body, year)
    if body is not doc.text:  # the evidence as the published text holds it, line breaks and all
        facts = [replace(t, evidence=doc.text[t.char_start:t.char_end]) for t in facts]
    targets, unsure = score_targets(body, facts, plan.issue_date, plan_year=year)
    targets, failed = split_plausible(targets)
    candidates = tuple(sorted(
        [replace(t, review_reason=f"low confidence {t.confidence:.2f}" + (f": {t.reasons}" if t.reasons else ""))
         for t in unsure] + [replace(t, review_reason=why) for t, why in failed], key=lambda t: t.char_start))
    deadlines = tuple(extract_deadlines(doc.text, plan.issue_date))
    return ParsedDocument(doc, plan, targets, deadlines, candidates)


def plan_rows(p: ParsedDocument) -> list[dict]:
    m, d = p.plan, p.doc
    k = unit_key(m, d.text)  # a post-merger document is keyed to its 2025 unit (coopdata/units2025.py)
    note = (d.manifest.get("province_reason") or d.manifest.get("note") or None) if m.province_source == "manifest" else None
    if k.post_merger:
        note = NOTE_PREFIX + k.reason + (f"; {note}" if note else "")
    return [dict(
        plan_id=p.plan_id, source_file=d.source_file, raw_sha256=d.raw_sha256,
        source_kind="restatement" if m.is_restatement else "original",
        source_url=m.source_url or d.manifest.get("source_url") or None,
        source_id=d.manifest.get("source_id") or None,
        title=m.title, doc_number=m.doc_number, doc_type=m.doc_type, issuer=m.issuer, issue_date=m.issue_date,
        signer=m.signer, province_code=k.province_code, province_name=k.province_name,
        province_code_2025=k.province_code_2025, province_source=m.province_source, province_note=note,
        admin_level=m.admin_level, locality=m.locality, implements=list(m.implements),
        n_targets=len(p.targets), n_deadlines=len(p.deadlines))]


def target_rows(p: ParsedDocument) -> list[dict]:
    """The published facts of a document (confidence at or above the model's threshold)."""
    return _fact_rows(p, p.targets)


def candidate_rows(p: ParsedDocument) -> list[dict]:
    """The facts the decision step is unsure of: same columns as targets, plus why they wait for review."""
    return _fact_rows(p, p.candidates, review=True)


def _fact_rows(p: ParsedDocument, facts: tuple[Target, ...], review: bool = False) -> list[dict]:
    k = unit_key(p.plan, p.doc.text)
    code, code_2025 = k.province_code, k.province_code_2025
    rows = []
    for t in facts:
        row = dict(vars(t))  # flat dataclass: a copy of its fields (asdict would deep-copy, 10x slower)
        if not review:
            del row["review_reason"]
        row.update(plan_id=p.plan_id, source_file=p.doc.source_file, raw_sha256=p.doc.raw_sha256, province_code=code,
                   province_code_2025=code_2025)
        row["target_id"] = stable_id("tgt", p.plan_id, t.metric, t.unit, t.comparator, t.value_low, t.value_high,
                                     t.frequency, t.target_year, t.sector, t.evidence)
        rows.append(row)
    return rows


def deadline_rows(p: ParsedDocument) -> list[dict]:
    code = unit_key(p.plan, p.doc.text).province_code
    rows = []
    for d in p.deadlines:
        row = dict(vars(d))
        row.update(plan_id=p.plan_id, source_file=p.doc.source_file, raw_sha256=p.doc.raw_sha256, province_code=code)
        row["deadline_id"] = stable_id("ddl", p.plan_id, d.due_date, d.recurrence, d.evidence, d.char_start)
        rows.append(row)
    return rows


def document_row(d: Document) -> dict:
    return dict(source_file=d.source_file, raw_sha256=d.raw_sha256, encoding=d.encoding, bytes=d.bytes,
                chars=len(d.text), text=d.text)


def raw_file_row(d: Document) -> dict:
    """The inventory row of a usable file (raw_files asset; files set aside get theirs from quarantine)."""
    return dict(source_file=d.source_file, sha256=d.raw_sha256, bytes=d.bytes, encoding=d.encoding, status="used",
                reason=None, source_url=d.manifest.get("source_url"), province_override=d.manifest.get("province"),
                notes=d.manifest.get("notes") or d.manifest.get("note"))


def plans_frame(parsed: list[ParsedDocument]) -> pl.DataFrame:
    return _frame([r for p in parsed for r in plan_rows(p)], "plans")


def targets_frame(parsed: list[ParsedDocument]) -> pl.DataFrame:
    return _frame([r for p in parsed for r in target_rows(p)], "targets")


def deadlines_frame(parsed: list[ParsedDocument]) -> pl.DataFrame:
    return _frame([r for p in parsed for r in deadline_rows(p)], "deadlines")


def documents_frame(docs: list[Document]) -> pl.DataFrame:
    return _frame([document_row(d) for d in docs], "documents")


@dataclass(frozen=True)
class DocumentRows:
    """What one usable file adds to each table, as tuples in the table's column order.

    Built in the worker that parsed the file, so a build combines plain tuples (cheap to store per partition,
    cheap to load, one polars frame per table) instead of rebuilding rows from parsed objects.
    """

    source_file: str
    raw_sha256: str
    rows: dict[str, tuple[tuple, ...]]

    def count(self, table: str) -> int:
        return len(self.rows.get(table, ()))


_ROWS_OF = {"plans": plan_rows, "targets": target_rows, "target_candidates": candidate_rows, "deadlines": deadline_rows,
            "documents": lambda p: [document_row(p.doc)], "raw_files": lambda p: [raw_file_row(p.doc)]}


def document_rows(p: ParsedDocument) -> DocumentRows:
    """One parsed document as rows for plans, targets, deadlines, documents and raw_files."""
    return DocumentRows(p.doc.source_file, p.doc.raw_sha256,
                        {t: tuple(tuple(r[c] for c in columns(t)) for r in f(p)) for t, f in _ROWS_OF.items()})


def combine_rows(values: Iterable[DocumentRows | Rejected], chunk: int = 500
                 ) -> tuple[dict[str, pl.DataFrame], list[Rejected]]:
    """The tables of many files given in file-name order, and what was set aside.

    Of byte-identical files the first by name is kept and the others set aside as duplicates. Frames are built
    a chunk of files at a time, each chunk sorted, so a 10 000-file corpus never holds all its rows as Python
    objects at once and never needs a sort over everything.
    """
    seen: dict[str, str] = {}
    rejected: list[Rejected] = []
    parts: dict[str, list[pl.DataFrame]] = {t: [] for t in _ROWS_OF}
    batch: list[DocumentRows] = []
    last = ""

    def flush() -> None:
        for t in _ROWS_OF:
            rows = [r for d in batch for r in d.rows.get(t, ())]
            if rows:
                parts[t].append(_frame(rows, t))  # sorted within the chunk
        batch.clear()

    for v in values:
        if isinstance(v, Rejected):
            rejected.append(v)
            continue
        if v.source_file < last:
            raise ValueError(f"files must come in name order: {v.source_file} after {last}")
        last = v.source_file
        if v.raw_sha256 in seen:
            rejected.append(duplicate_of(v.source_file, v.raw_sha256, seen[v.raw_sha256]))
        else:
            seen[v.raw_sha256] = v.source_file
            batch.append(v)
            if len(batch) >= chunk:
                flush()
    flush()
    frames = {}
    for t in _ROWS_OF:
        df = pl.concat(parts[t], rechunk=False) if parts[t] else pl.DataFrame(schema=dtypes(t))
        parts[t].clear()
        frames[t] = df  # sorted chunks of files in name order: the whole is in table order
    return frames, rejected


@dataclass(frozen=True)
class Packed:
    """A file's result (DocumentRows or Rejected) pickled by the worker that made it, with a summary.

    The process that collects thousands of results only stores the bytes (they are the pickle of the value,
    so reading them back needs nothing special); it never holds every file's rows as objects.
    """

    data: bytes
    status: str  # "parsed", or the reason the file was set aside
    targets: int
    deadlines: int

    def load(self) -> DocumentRows | Rejected:
        return pickle.loads(self.data)


def pack(value: DocumentRows | Rejected) -> Packed:
    parsed = isinstance(value, DocumentRows)
    return Packed(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL), "parsed" if parsed else value.reason,
                  value.count("targets") if parsed else 0, value.count("deadlines") if parsed else 0)


def raw_files_frame(used: pl.DataFrame, rejected: list[Rejected]) -> pl.DataFrame:
    """The inventory of raw/: the used files' rows and one row per file set aside, in file order."""
    aside = pl.DataFrame([dict(source_file=r.source_file, sha256=r.raw_sha256, bytes=None, encoding=None,
                               status="set aside", reason=r.reason, source_url=None, province_override=None,
                               notes=r.detail) for r in rejected], schema=RAW_FILES_SCHEMA)
    return pl.concat([used, aside]).sort("source_file", maintain_order=True)


RAW_FILES_SCHEMA = {"source_file": pl.Utf8, "sha256": pl.Utf8, "bytes": pl.Int64, "encoding": pl.Utf8,
                    "status": pl.Utf8, "reason": pl.Utf8, "source_url": pl.Utf8, "province_override": pl.Utf8,
                    "notes": pl.Utf8}


def quarantine_frame(rejected: list[Rejected]) -> pl.DataFrame:
    return _frame([asdict(r) for r in rejected], "quarantine")


def metrics_frame() -> pl.DataFrame:
    with resources.files("coopdata.data").joinpath("metrics.csv").open(encoding="utf-8") as f:
        rows = [{k: v or "" for k, v in r.items()} for r in csv.DictReader(f)]
    return _frame(rows, "metrics")


@lru_cache(maxsize=None)
def dtypes(table: str) -> dict[str, pl.DataType]:
    """Column name -> polars type, in the schema's order (raw_files, not published, has its own)."""
    if table == "raw_files":
        return dict(RAW_FILES_SCHEMA)
    from schemas import TABLES  # the schema is the one description of every column

    return {name: col.dtype.type for name, col in TABLES[table].to_schema().columns.items()}


def columns(table: str) -> tuple[str, ...]:
    return tuple(dtypes(table))


def _frame(rows: list[dict] | list[tuple], table: str) -> pl.DataFrame:
    """A frame with the schema's columns in the schema's order (rows as dicts, or tuples in that order),
    sorted for byte-stable output."""
    types = dtypes(table)
    df = pl.DataFrame(rows, schema=types, orient="row") if rows else pl.DataFrame(schema=types)
    df = df.select(list(types))
    order = TABLE_ORDER.get(table)
    return df.sort(order, maintain_order=True) if order and df.height else df
