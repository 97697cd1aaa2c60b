"""Scores on real pages: the realdev folder (texts kept outside the repo) against ../shared/realdev/gold.jsonl.

The texts may never enter the repository, so this module only knows where they are
(`$COOPDATA_REALDEV_DIR`, default `~/.cache/coopdata/realdev/`), which of them are the
exact bytes the gold was made on (recipe.csv sha256), and how to break the errors down:
per metric, per rule, per error class (aim vs result, year, frequency, metric, value).
"""
from __future__ import annotations

import csv
import hashlib
import os
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from .config import PROJECT_ROOT
from .evaluate import _fact, evaluate_documents, evaluate_targets, load_gold

__all__ = ["realdev_dir", "shared_realdev", "RealdevFolder", "locate", "score_realdev", "error_classes",
           "per_rule", "format_report"]


def realdev_dir() -> Path:
    """Where the real pages are kept between sessions (never inside the repo)."""
    env = os.environ.get("COOPDATA_REALDEV_DIR")
    return Path(env).expanduser() if env else Path.home() / ".cache" / "coopdata" / "realdev"


def shared_realdev() -> Path:
    """The recipe and gold beside the clone (../shared/realdev), or $COOPDATA_SHARED_DIR/realdev."""
    env = os.environ.get("COOPDATA_SHARED_DIR")
    return (Path(env) if env else PROJECT_ROOT.parent / "shared") / "realdev"


@dataclass(frozen=True)
class RealdevFolder:
    """The verified part of a realdev folder: files whose bytes have the recipe's sha256."""

    folder: Path
    verified: tuple[str, ...]
    missing: tuple[str, ...]
    mismatched: tuple[str, ...]

    @property
    def complete(self) -> bool:
        return not self.missing and not self.mismatched


def locate(folder: Path | None = None, shared: Path | None = None) -> RealdevFolder | str:
    """The folder with its verified files, or a message saying why there is nothing to score."""
    folder = folder or realdev_dir()
    shared = shared or shared_realdev()
    recipe = shared / "recipe.csv"
    if not recipe.exists():
        return f"no realdev recipe at {recipe} (../shared/realdev is needed beside the clone)"
    if not folder.is_dir():
        return (f"no realdev folder at {folder}: collect the pages with the search tool "
                f"(see {shared / 'README.md'}) or set COOPDATA_REALDEV_DIR")
    ok, missing, bad = [], [], []
    with recipe.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            p = folder / row["file"]
            if not p.exists():
                missing.append(row["file"])
                continue
            data = p.read_bytes()
            if row["sha256"] in {hashlib.sha256(c).hexdigest() for c in (data, data.rstrip(b"\n"), data + b"\n")}:
                ok.append(row["file"])
            else:
                bad.append(row["file"])
    if not ok:
        return f"no verified realdev page in {folder} ({len(missing)} missing, {len(bad)} mismatched)"
    return RealdevFolder(folder, tuple(ok), tuple(missing), tuple(bad))


def _core(f: dict) -> tuple:
    return (f["doc"], f["metric"], f["unit"], f["value"], f["frequency"], f["year"])


def error_classes(gold_rows: list[dict], predicted: list[dict]) -> dict[str, dict[str, int]]:
    """Why each spurious and each missed fact is wrong, the closest fact of the same document deciding.

    spurious: `no_aims_page` (a fact from a page that states no aim: results read as aims), `year`,
    `frequency`, `metric`, `unit`, `value` (same metric, other number), `extra` (nothing close in the gold);
    missed: the same classes from the gold side, `not_found` when nothing close was predicted.
    """
    docs = {os.path.basename(str(g.get("doc"))) for g in gold_rows}
    no_aims = {os.path.basename(str(g["doc"])) for g in gold_rows
               if g.get("kind") == "document" and g.get("has_targets") is False} | {
        os.path.basename(str(g["doc"])) for g in gold_rows if g.get("no_facts")}
    gold = [_fact(g) for g in gold_rows if not g.get("no_facts") and (g.get("kind") or "target") == "target"]
    pred = [_fact(p) for p in predicted if os.path.basename(str(p.get("source_file"))) in docs]
    g_c, p_c = Counter(map(_core, gold)), Counter(map(_core, pred))
    spurious = list((p_c - g_c).elements())
    missed = list((g_c - p_c).elements())

    def classify(item: tuple, others: list[tuple]) -> str:
        doc, metric, unit, value, freq, year = item
        same_doc = [o for o in others if o[0] == doc]
        for o in same_doc:
            if o[1:4] == (metric, unit, value):
                return "year" if o[4] == freq else "frequency"
        for o in same_doc:
            if o[3] == value and o[2] == unit:
                return "metric"
        for o in same_doc:
            if o[3] == value:
                return "unit"
        for o in same_doc:
            if o[1] == metric and o[2] == unit:
                return "value"
        return ""

    out = {"spurious": Counter(), "missed": Counter()}
    for s in spurious:
        out["spurious"]["no_aims_page" if s[0] in no_aims else (classify(s, missed) or "extra")] += 1
    for m in missed:
        out["missed"][classify(m, spurious) or "not_found"] += 1
    return {k: dict(sorted(v.items())) for k, v in out.items()}


def per_rule(gold_rows: list[dict], predicted: list[dict]) -> dict[str, dict]:
    """Precision of each extraction rule: how many of its facts match a gold fact (core)."""
    docs = {os.path.basename(str(g.get("doc"))) for g in gold_rows}
    remaining = Counter(_core(_fact(g)) for g in gold_rows
                        if not g.get("no_facts") and (g.get("kind") or "target") == "target")
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for p in predicted:
        if os.path.basename(str(p.get("source_file"))) not in docs:
            continue
        k = _core(_fact(p))
        rule = p.get("rule") or "-"
        counts[rule][1] += 1
        if remaining[k] > 0:
            remaining[k] -= 1
            counts[rule][0] += 1
    return {r: {"tp": tp, "predicted": n, "precision": round(tp / n, 4) if n else 0.0}
            for r, (tp, n) in sorted(counts.items(), key=lambda kv: -kv[1][1])}


def score_realdev(gold_rows: list[dict], plans: list[dict], targets: list[dict],
                  candidates: list[dict] | None = None, only: set[str] | None = None) -> dict:
    """Every number the realdev report prints: targets core/strict, per metric, per rule, error classes,
    plan metadata; `only` restricts the gold to the verified pages."""
    if only is not None:
        gold_rows = [g for g in gold_rows if os.path.basename(str(g.get("doc"))) in only]
    res = {"targets": evaluate_targets(gold_rows, targets), "rules": per_rule(gold_rows, targets),
           "errors": error_classes(gold_rows, targets), "documents": evaluate_documents(gold_rows, plans),
           "pages": len({g["doc"] for g in gold_rows})}
    if candidates is not None:
        both = targets + candidates
        res["with_candidates"] = {k: evaluate_targets(gold_rows, both)[k] for k in ("core", "strict")}
        res["candidates"] = len([c for c in candidates if os.path.basename(str(c.get("source_file")))
                                 in {g["doc"] for g in gold_rows}])
    admin = [g for g in gold_rows if g.get("kind") == "document" and g.get("admin_level")]
    by_doc = {os.path.basename(str(p.get("source_file"))): p for p in plans}
    right = sum(1 for g in admin if (by_doc.get(g["doc"]) or {}).get("admin_level") == g["admin_level"])
    res["documents"]["admin_level"] = {"right": right, "stated": len(admin),
                                       "accuracy": round(right / len(admin), 4) if admin else 1.0,
                                       "wrong": [[g["doc"], g["admin_level"], (by_doc.get(g["doc"]) or {}).get("admin_level")]
                                                 for g in admin if (by_doc.get(g["doc"]) or {}).get("admin_level") != g["admin_level"]]}
    return res


def format_report(res: dict, verbose: bool = False) -> str:
    """The realdev report as text: headline, per metric, per rule, error classes, metadata."""
    t = res["targets"]
    lines = [f"realdev pages scored: {res['pages']}"]
    for kind in ("core", "strict"):
        r = t[kind]
        lines.append(f"{kind:8s} precision {r['precision']:.3f}  recall {r['recall']:.3f}  F1 {r['f1']:.3f}"
                     f"  (tp {r['tp']}, predicted {r['predicted']}, gold {r['gold']})")
    if "with_candidates" in res:
        r = res["with_candidates"]["core"]
        lines.append(f"core with the {res['candidates']} review candidates: precision {r['precision']:.3f}  "
                     f"recall {r['recall']:.3f}  F1 {r['f1']:.3f}")
    q = t.get("qualifier")
    if q:
        lines.append(f"qualifier of the {q['gold']} matched facts whose gold has one: {q['agree']} agree, "
                     f"{q['differ']} differ, {q['missing']} missing; {q['extra']} given where the gold has none "
                     f"({q['both_none']} where neither has one)")
    lines.append("\nerrors by class")
    for side in ("spurious", "missed"):
        lines.append(f"  {side:9s} " + ", ".join(f"{k} {v}" for k, v in res["errors"][side].items()))
    lines.append("\nper metric (core): precision / recall  (tp, predicted, gold)")
    for k, v in t["per_metric"].items():
        lines.append(f"  {k or '-':32s} {v['precision']:.3f} / {v['recall']:.3f}  ({v['tp']}, {v['predicted']}, {v['gold']})")
    lines.append("\nper rule: precision (tp / predicted)")
    for k, v in res["rules"].items():
        lines.append(f"  {k:28s} {v['precision']:.3f}  ({v['tp']} / {v['predicted']})")
    lines.append("\nplan metadata: right / stated")
    for k, v in res["documents"].items():
        lines.append(f"  {k:12s} {v['right']}/{v['stated']}  ({v['accuracy']:.3f})")
        if verbose and v["wrong"]:
            for w in v["wrong"]:
                lines.append(f"      {w}")
    if verbose:
        lines.append("\nmissed (core)")
        lines += [f"  {m}" for m in t["missed"]]
        lines.append("\nspurious (core)")
        lines += [f"  {s}" for s in t["spurious"]]
    return "\n".join(lines)


def load_realdev_gold(shared: Path | None = None) -> list[dict]:
    return load_gold((shared or shared_realdev()) / "gold.jsonl")
