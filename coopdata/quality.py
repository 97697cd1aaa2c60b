"""The extraction-quality report published with every release (warehouse/quality/extraction.json)."""
from __future__ import annotations

from pathlib import Path

import polars as pl

from .config import errata_path
from .evaluate import apply_errata, evaluate_deadlines, evaluate_documents, evaluate_targets, load_errata, load_gold
from .ingest import decode, inventory, Document
from .tables import deadlines_frame, parse_document, plans_frame, targets_frame
from .told_apart import untold_rows

__all__ = ["quality_report", "markdown_summary", "realdev_record", "REALDEV_RECORD", "unseen_record", "UNSEEN_RECORD"]

# The last score on the real development pages (their texts never enter the repo, so a build cannot re-measure
# them): written by `coopdata evaluate --realdev --record coopdata/data/realdev_scores.json`.
REALDEV_RECORD = Path(__file__).resolve().parent / "data" / "realdev_scores.json"


def realdev_record(path: Path = REALDEV_RECORD) -> dict | None:
    """The headline of the recorded realdev score, labelled as such; None when nothing was recorded."""
    import json

    if not path.exists():
        return None
    d = json.loads(path.read_text(encoding="utf-8"))
    t = d.get("targets", {})
    keep = ("tp", "predicted", "gold", "precision", "recall", "f1")
    return {"what": "real web pages nobody tuned the rules for (../shared/realdev); texts kept outside the repo, "
                    "so this is the recorded measurement, not re-measured by this build",
            "measured": d.get("measured"), "pages": d.get("pages"), "missing_pages": len(d.get("missing", [])),
            "core": {k: t.get("core", {}).get(k) for k in keep}, "strict": {k: t.get("strict", {}).get(k) for k in keep},
            "documents": {k: {f: v.get(f) for f in ("right", "stated", "accuracy")}
                          for k, v in d.get("documents", {}).items()},
            "errors": d.get("errors"), "candidates": d.get("candidates"),
            "out_of_fold": _out_of_fold(),
            "note": "the confidence model is trained on these pages too: 'core' is what the shipped model scores on "
                    "them; 'out_of_fold' scores each page with a model that saw no text of its province, the figure to expect on "
                    "a new page"}


# Blind batches of real pages from provinces realdev does not hold (kept outside the repo, like realdev): their first
# scores, recorded by hand from benchmarks/score_folder.py when each batch arrived (later scores are no longer blind).
UNSEEN_RECORD = Path(__file__).resolve().parent / "data" / "unseen_blind_scores.json"


def unseen_record(path: Path = UNSEEN_RECORD) -> dict | None:
    """The recorded blind scores on pages of unseen provinces, or None when nothing was recorded."""
    import json

    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def _out_of_fold() -> dict | None:
    """The cross-validated realdev score the confidence model's threshold was chosen on."""
    from .confidence import model

    m = model()
    oof = m.meta.get("out_of_fold", {}).get("realdev")
    interval = m.meta.get("out_of_fold_interval", {}).get("realdev")
    return {**oof, "threshold": m.threshold, "trained": m.meta.get("trained"),
            "interval_95": interval} if oof else None


def _rows(df: pl.DataFrame) -> list[dict]:
    return df.to_dicts()


def quality_report(gold_dir: Path, plans: pl.DataFrame, targets: pl.DataFrame, deadlines: pl.DataFrame,
                   errata: Path | None = None) -> dict:
    """Score the tables against every gold file in gold_dir.

    A gold file whose documents are not in the tables is scored on the extraction of its own texts
    (gold_dir/texts/<name>/), which are test fixtures and never published. A set the project's errata correct
    (errata, default config.errata_path()) is scored as given ("targets") and with them ("targets_with_errata").
    """
    corrections = load_errata(errata or errata_path())
    report: dict = {"gold_dir": str(gold_dir), "sets": {}}
    untold = untold_rows(targets)
    report["untold"] = {"what": "published targets that share plan, metric, unit, frequency, year, period, sector and "
                                "qualifier with a target of another value (coopdata/told_apart.py): a reader cannot "
                                "tell which is the plan's total; check targets_told_apart lists them",
                        "rows": untold.height, "plans": untold["plan_id"].n_unique() if untold.height else 0}
    recorded = realdev_record()
    if recorded:
        report["realdev"] = recorded
    blind = unseen_record()
    if blind:
        report["unseen_blind"] = blind
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
        own = [e for e in corrections if e["set"] == gold_file.stem]
        if own:
            entry["targets_with_errata"] = evaluate_targets(apply_errata(gold, corrections, gold_file.stem), t)
            entry["errata"] = len(own)
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
        lines.append(f"| {name} (tuned gold) | {t['documents']} | {t['core']['precision']:.3f} | {t['core']['recall']:.3f} | "
                     f"{t['core']['f1']:.3f} | {t['strict']['f1']:.3f} | {'' if dl is None else f'{dl:.3f}'} | "
                     + " | ".join(f"{d[k]['right']}/{d[k]['stated']}" for k in ("province", "doc_number", "issue_date")) + " |")
        if "targets_with_errata" in e:
            w = e["targets_with_errata"]
            lines.append(f"| {name}, with the project's {e['errata']} errata (tests/gold_project/errata.jsonl) | "
                         f"{w['documents']} | {w['core']['precision']:.3f} | {w['core']['recall']:.3f} | "
                         f"{w['core']['f1']:.3f} | {w['strict']['f1']:.3f} | | | | |")
    r = report.get("realdev")
    if r and r.get("out_of_fold"):
        o = r["out_of_fold"]
        lines.append(f"| realdev, each page scored by a model that saw no text of its province (cross-validated, {o['trained']}) | "
                     f"{r['pages']} | {o['precision']:.3f} | {o['recall']:.3f} | {o['f1']:.3f} | | | | | |")
    if r:
        d = r["documents"]
        lines.append(f"| realdev (real pages, shipped model, measured {r['measured']}) | {r['pages']} | {r['core']['precision']:.3f} | "
                     f"{r['core']['recall']:.3f} | {r['core']['f1']:.3f} | {r['strict']['f1']:.3f} | | "
                     + " | ".join(f"{d[k]['right']}/{d[k]['stated']}" if k in d else "" for k in ("province", "doc_number", "issue_date")) + " |")
    u = report.get("unseen_blind")
    if u:
        a = u["all"]
        lines.append(f"| unseen provinces, pages annotated blind, first score (measured {u['measured']}) | {a['pages']} | "
                     f"{a['precision']:.3f} | {a['recall']:.3f} | {a['f1']:.3f} | | | | | |")
    return "\n".join(lines)
