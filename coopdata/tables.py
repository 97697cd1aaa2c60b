"""From documents to the published tables (polars frames), with stable ids and provenance."""
from __future__ import annotations

import csv
import hashlib
import re
from dataclasses import asdict, dataclass
from importlib import resources

import polars as pl

from .deadlines import Deadline, extract_deadlines
from .ingest import Document, Rejected
from .plans import PlanMeta, extract_plan
from .provinces import province_by_name
from .targets import Target, extract_targets

__all__ = ["ParsedDocument", "parse_document", "plans_frame", "targets_frame", "deadlines_frame",
           "documents_frame", "quarantine_frame", "metrics_frame", "stable_id", "TABLE_ORDER"]

TABLE_ORDER = {
    "plans": ["source_file"],
    "targets": ["source_file", "char_start", "metric", "target_id"],
    "deadlines": ["source_file", "char_start", "deadline_id"],
    "documents": ["source_file"],
    "quarantine": ["source_file", "stage"],
    "metrics": [],
    "provinces": ["province_code"],
    "provinces_2025": ["province_code_2025"],
    "coverage": ["province_code"],
    "national_comparison": ["target_year", "metric", "unit"],
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

    @property
    def plan_id(self) -> str:
        return stable_id("plan", self.doc.source_file)


def _doc_year(plan: PlanMeta) -> int | None:
    """A plan for a single year ("Kế hoạch … năm 2024") dates its undated aims to that year."""
    if plan.title:
        m = re.search(r"(?<!đến )(?<!tới )năm (\d{4})(?!\s*[-–])", plan.title, re.IGNORECASE)
        if m and not re.search(r"giai đoạn|đến năm|tới năm|\d{4}\s*[-–]\s*\d{4}", plan.title, re.IGNORECASE):
            return int(m.group(1))
    return None


def parse_document(doc: Document) -> ParsedDocument:
    """Everything one document says: its metadata, targets and deadlines."""
    plan = extract_plan(doc.text)
    override = doc.manifest.get("province")
    if override and plan.province is None and plan.admin_level != "national":
        p = province_by_name(override)
        if p:
            plan = PlanMeta(**{**asdict(plan), "province": p, "province_source": "manifest",
                               "admin_level": "province" if plan.admin_level == "unknown" else plan.admin_level})
    targets = tuple(extract_targets(doc.text, _doc_year(plan), plan.issue_date.year if plan.issue_date else None))
    deadlines = tuple(extract_deadlines(doc.text, plan.issue_date))
    return ParsedDocument(doc, plan, targets, deadlines)


def plans_frame(parsed: list[ParsedDocument]) -> pl.DataFrame:
    rows = []
    for p in parsed:
        m, d = p.plan, p.doc
        rows.append(dict(
            plan_id=p.plan_id, source_file=d.source_file, raw_sha256=d.raw_sha256,
            source_kind="restatement" if m.is_restatement else "original",
            source_url=m.source_url or d.manifest.get("source_url") or None,
            title=m.title, doc_number=m.doc_number, doc_type=m.doc_type, issuer=m.issuer, issue_date=m.issue_date,
            signer=m.signer, province_code=m.province.code if m.province else None,
            province_name=m.province.name if m.province else None,
            province_code_2025=m.province.code_2025 if m.province else None, province_source=m.province_source,
            province_note=(d.manifest.get("province_reason") or d.manifest.get("note") or None)
            if m.province_source == "manifest" else None,
            admin_level=m.admin_level, locality=m.locality, implements=list(m.implements),
            n_targets=len(p.targets), n_deadlines=len(p.deadlines)))
    return _frame(rows, "plans")


def targets_frame(parsed: list[ParsedDocument]) -> pl.DataFrame:
    rows = []
    for p in parsed:
        code = p.plan.province.code if p.plan.province else None
        code_2025 = p.plan.province.code_2025 if p.plan.province else None
        for t in p.targets:
            row = asdict(t)
            row.update(plan_id=p.plan_id, source_file=p.doc.source_file, raw_sha256=p.doc.raw_sha256, province_code=code,
                       province_code_2025=code_2025)
            row["target_id"] = stable_id("tgt", p.plan_id, t.metric, t.unit, t.comparator, t.value_low, t.value_high,
                                         t.frequency, t.target_year, t.sector, t.evidence)
            rows.append(row)
    return _frame(rows, "targets")


def deadlines_frame(parsed: list[ParsedDocument]) -> pl.DataFrame:
    rows = []
    for p in parsed:
        code = p.plan.province.code if p.plan.province else None
        for d in p.deadlines:
            row = asdict(d)
            row.update(plan_id=p.plan_id, source_file=p.doc.source_file, raw_sha256=p.doc.raw_sha256, province_code=code)
            row["deadline_id"] = stable_id("ddl", p.plan_id, d.due_date, d.recurrence, d.evidence, d.char_start)
            rows.append(row)
    return _frame(rows, "deadlines")


def documents_frame(docs: list[Document]) -> pl.DataFrame:
    return _frame([dict(source_file=d.source_file, raw_sha256=d.raw_sha256, encoding=d.encoding, bytes=d.bytes,
                        chars=len(d.text), text=d.text) for d in docs], "documents")


def quarantine_frame(rejected: list[Rejected]) -> pl.DataFrame:
    return _frame([asdict(r) for r in rejected], "quarantine")


def metrics_frame() -> pl.DataFrame:
    with resources.files("coopdata.data").joinpath("metrics.csv").open(encoding="utf-8") as f:
        rows = [{k: v or "" for k, v in r.items()} for r in csv.DictReader(f)]
    return _frame(rows, "metrics")


def _frame(rows: list[dict], table: str) -> pl.DataFrame:
    """A frame with the schema's columns in the schema's order, sorted for byte-stable output."""
    from schemas import TABLES  # the schema is the one description of every column

    model = TABLES[table].to_schema()
    dtypes = {name: col.dtype.type for name, col in model.columns.items()}
    df = pl.DataFrame(rows, schema=dtypes, orient="row") if rows else pl.DataFrame(schema=dtypes)
    df = df.select(list(dtypes))
    order = TABLE_ORDER.get(table)
    return df.sort(order, maintain_order=True) if order and df.height else df
