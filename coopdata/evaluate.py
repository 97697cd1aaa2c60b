"""How far the published facts can be trusted: precision and recall against hand-checked gold.

The core and strict matchings follow ../shared/eval/score.py (the referee). On top of them this
module aligns each gold fact with its closest prediction in the same document and reports, per
field (metric, value, comparator, unit, frequency, year, sector), how often the field is right,
plus per-metric counts, how the free-text qualifiers of matched facts compare, and the document
metadata (province, doc_number, issue_date).
"""
from __future__ import annotations

import json
import math
import os
import re
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

__all__ = ["load_gold", "load_errata", "apply_errata", "evaluate_targets", "evaluate_deadlines", "evaluate_documents", "qualifier_agreement",
           "FIELDS"]

FIELDS = ("metric", "value", "comparator", "unit", "frequency", "year", "sector")


def load_gold(path: Path) -> list[dict]:
    with Path(path).open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def load_errata(path: Path) -> list[dict]:
    """The project's corrections to gold lines it holds wrong (tests/gold_project/errata.jsonl): each names one
    target line of one gold set (set, doc, metric, value_low, unit), the fields it corrects, the reason and the
    evidence. The shared gold is never edited; scores are published as given and with the errata."""
    return load_gold(path) if Path(path).is_file() else []


def apply_errata(gold: list[dict], errata: list[dict], set_name: str) -> list[dict]:
    """The gold of set_name with its errata applied. An erratum matches exactly one target line or it is an error:
    errata correct fields, they never add, drop or pick among facts."""
    out = [dict(g) for g in gold]
    for e in (e for e in errata if e["set"] == set_name):
        hits = [g for g in out if g.get("doc") == e["doc"] and g.get("metric") == e["metric"]
                and g.get("unit") == e["unit"] and _num(g.get("value_low")) == _num(e["value_low"])]
        if len(hits) != 1:
            raise ValueError(f"erratum for {set_name}/{e['doc']} {e['metric']} {e['value_low']} {e['unit']} "
                             f"matches {len(hits)} gold lines, not one")
        hits[0].update(e["correct"])
    return out


def _num(x) -> float | None:
    if x is None or x == "":
        return None
    try:
        v = float(x)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(v) else round(v, 6)


def _doc(row: dict) -> str:
    return os.path.basename(str(row.get("source_file") or row.get("doc") or ""))


def _fact(row: dict) -> dict:
    freq = row.get("frequency") or "once"
    lo, hi = _num(row.get("value_low")), _num(row.get("value_high"))
    year = row.get("target_year")
    year = None if freq == "annual" or year is None or (isinstance(year, float) and math.isnan(year)) else int(year)
    sector = row.get("sector")
    return {"doc": _doc(row), "metric": row.get("metric"), "value": (lo, hi if hi is not None else lo),
            "comparator": row.get("comparator"), "unit": row.get("unit"), "frequency": freq, "year": year,
            "sector": None if sector in (None, "", "all") else sector, "qualifier": row.get("qualifier") or None}


def _prf(tp: int, pred: int, gold: int) -> dict:
    p = tp / pred if pred else (1.0 if gold == 0 else 0.0)
    r = tp / gold if gold else 1.0
    return {"tp": tp, "predicted": pred, "gold": gold, "precision": round(p, 4), "recall": round(r, 4),
            "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0}


def _key(f: dict, strict: bool) -> tuple:
    core = (f["doc"], f["metric"], f["unit"], f["value"], f["frequency"], f["year"])
    return core + (f["comparator"], f["sector"]) if strict else core


def evaluate_targets(gold_rows: list[dict], predicted: list[dict]) -> dict:
    """Core/strict P/R/F1 as the referee computes them, per-field agreement of aligned facts, per metric."""
    docs = {_doc(g) for g in gold_rows}
    gold = [_fact(g) for g in gold_rows if not g.get("no_facts") and (g.get("kind") or "target") == "target"]
    pred = [_fact(p) for p in predicted if _doc(p) in docs]
    out: dict = {"documents": len(docs)}
    for name, strict in (("core", False), ("strict", True)):
        g, p = Counter(_key(f, strict) for f in gold), Counter(_key(f, strict) for f in pred)
        out[name] = _prf(sum((g & p).values()), sum(p.values()), sum(g.values()))
        if name == "core":
            out["missed"] = sorted(map(list, (g - p).elements()), key=str)
            out["spurious"] = sorted(map(list, (p - g).elements()), key=str)
    # align each gold fact with the most similar unused prediction of its document
    by_doc: dict[str, list[dict]] = defaultdict(list)
    for f in pred:
        by_doc[f["doc"]].append(f)
    field_tp = Counter()
    for gf in gold:
        candidates = by_doc.get(gf["doc"], [])
        if not candidates:
            continue
        best = max(candidates, key=lambda c: sum(c[k] == gf[k] for k in FIELDS) + 2 * (c["value"] == gf["value"]))
        if sum(best[k] == gf[k] for k in FIELDS) < 3:
            continue
        candidates.remove(best)
        for k in FIELDS:
            field_tp[k] += best[k] == gf[k]
    out["per_field"] = {k: _prf(field_tp[k], len(pred), len(gold)) for k in FIELDS}
    out["qualifier"] = qualifier_agreement(gold, pred)
    per_metric: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    g, p = Counter(_key(f, False) for f in gold), Counter(_key(f, False) for f in pred)
    for k, v in g.items():
        per_metric[k[1]][1] += v
    for k, v in p.items():
        per_metric[k[1]][2] += v
    for k, v in (g & p).items():
        per_metric[k[1]][0] += v
    out["per_metric"] = {m: _prf(tp, n_pred, n_gold) for m, (tp, n_gold, n_pred) in sorted(per_metric.items(), key=str)}
    return out


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", unicodedata.normalize("NFC", text).lower()))


def qualifier_agreement(gold: list[dict], pred: list[dict]) -> dict[str, int]:
    """How the qualifiers of the facts both sides hold (same core key) compare: the gold's is free text, so a
    predicted one agrees when it shares at least half of its words with it (or all of the gold's)."""
    by_key: dict[tuple, list[str | None]] = defaultdict(list)
    for f in pred:
        by_key[_key(f, False)].append(f["qualifier"])
    out = Counter({"gold": 0, "agree": 0, "differ": 0, "missing": 0, "extra": 0, "both_none": 0})
    for g in gold:
        left = by_key.get(_key(g, False))
        if not left:
            continue
        q = left.pop(0)
        if g["qualifier"]:
            out["gold"] += 1
            if not q:
                out["missing"] += 1
            else:
                gw, pw = _words(g["qualifier"]), _words(q)
                shared = len(gw & pw)
                out["agree" if shared * 2 >= len(pw) or gw <= pw else "differ"] += 1
        else:
            out["extra" if q else "both_none"] += 1
    return dict(out)


def evaluate_deadlines(gold_rows: list[dict], predicted: list[dict]) -> dict:
    """Deadlines scored on (doc, due_date, recurrence), as the referee does."""
    docs = {_doc(g) for g in gold_rows}
    def key(r: dict) -> tuple:
        due = r.get("due_date")
        return (_doc(r), str(due)[:10] if due not in (None, "") else None, r.get("recurrence") or "once")
    g = Counter(key(r) for r in gold_rows if r.get("kind") == "deadline")
    p = Counter(key(r) for r in predicted if _doc(r) in docs)
    return _prf(sum((g & p).values()), sum(p.values()), sum(g.values()))


def evaluate_documents(gold_rows: list[dict], plans: list[dict]) -> dict:
    """Share of gold documents whose province, doc_number and issue_date (when stated) the plans table gets right."""
    by_doc = {_doc(p): p for p in plans}
    out = {}
    for field, plan_field in (("province", "province_name"), ("doc_number", "doc_number"), ("issue_date", "issue_date")):
        total = right = 0
        wrong = []
        for g in gold_rows:
            if g.get("kind") != "document" or g.get(field) is None:
                continue
            total += 1
            got = by_doc.get(_doc(g), {}).get(plan_field)
            got = None if got is None else (str(got)[:10] if field == "issue_date" else str(got))
            # document numbers are compared without case: "07/Ctr-UBND" and "07/CTr-UBND" are one number
            if got is not None and got.casefold() == str(g[field]).casefold():
                right += 1
            else:
                wrong.append([_doc(g), g[field], got])
        out[field] = {"right": right, "stated": total, "accuracy": round(right / total, 4) if total else 1.0,
                      "wrong": wrong}
    return out
