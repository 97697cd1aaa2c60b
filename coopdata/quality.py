"""The extraction-quality report published with every release (warehouse/quality/extraction.json)."""
from __future__ import annotations

from pathlib import Path

import polars as pl

from .evaluate import evaluate_deadlines, evaluate_documents, evaluate_targets, load_gold
from .ingest import decode, inventory, Document
from .tables import deadlines_frame, parse_document, plans_frame, targets_frame

__all__ = ["quality_report", "markdown_summary"]


def _rows(df: pl.DataFrame) -> list[dict]:
    return df.to_dicts()


def quality_report(gold_dir: Path, plans: pl.DataFrame, targets: pl.DataFrame, deadlines: pl.DataFrame) -> dict:
    """Score the tables against every gold file in gold_dir.

    A gold file whose documents are not in the tables is scored on the extraction of its own texts
    (gold_dir/texts/<name>/), which are test fixtures and never published.
    """
    report: dict = {"gold_dir": str(gold_dir), "sets": {}}
    if not gold_dir.exists():
        report["error"] = "gold folder not found"
        return report
    published = set(plans["source_file"].to_list()) if plans.height else set()
    for gold_file in sorted(gold_dir.glob("*.jsonl")):
        gold = load_gold(gold_file)
        docs = {g["doc"] for g in gold}
        texts = gold_dir / "texts" / gold_file.stem
        if docs <= published:
            p, t, d, source = _rows(plans), _rows(targets), _rows(deadlines), "warehouse"
        elif texts.exists():
            files, _ = inventory(texts)
            parsed = [parse_document(doc) for f in files if isinstance(doc := decode(texts, f), Document)]
            p, t, d = _rows(plans_frame(parsed)), _rows(targets_frame(parsed)), _rows(deadlines_frame(parsed))
            source = f"texts/{gold_file.stem}"
        else:
            report["sets"][gold_file.stem] = {"error": "documents neither published nor in texts/"}
            continue
        entry = {"source": source, "targets": evaluate_targets(gold, t), "documents": evaluate_documents(gold, p)}
        if any(g.get("kind") == "deadline" for g in gold):
            entry["deadlines"] = evaluate_deadlines(gold, d)
        report["sets"][gold_file.stem] = entry
    return report


def markdown_summary(report: dict) -> str:
    """The short table the README and the run metadata show."""
    lines = ["| gold set | docs | targets P | targets R | core F1 | strict F1 | deadlines F1 | province | doc number | issue date |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for name, e in report.get("sets", {}).items():
        if "targets" not in e:
            continue
        t, d = e["targets"], e["documents"]
        dl = e.get("deadlines", {}).get("f1")
        lines.append(f"| {name} | {t['documents']} | {t['core']['precision']:.3f} | {t['core']['recall']:.3f} | "
                     f"{t['core']['f1']:.3f} | {t['strict']['f1']:.3f} | {'' if dl is None else f'{dl:.3f}'} | "
                     + " | ".join(f"{d[k]['right']}/{d[k]['stated']}" for k in ("province", "doc_number", "issue_date")) + " |")
    return "\n".join(lines)
