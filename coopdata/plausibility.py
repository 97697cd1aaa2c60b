"""Row-level plausibility: facts whose value cannot be what the metric says go to review, not to the release.

One misread sentence ("600-900 đồng/kg" read as a cooperative profit, "500 triệu" of revenue read as
500 000 000 cooperatives) should cost that fact, not the dataset: each fact is checked against the ranges in
data/plausible_ranges.csv (per metric and unit, '*' for every metric of a unit) and a few shapes of
misreading (a count that is a year, a count followed by đồng); a fact that fails keeps every column and goes
to target_candidates with the check that failed as its review_reason.
"""
from __future__ import annotations

import csv
import re
from functools import lru_cache
from importlib import resources

from .numbers import NUMBER
from .targets import Target

__all__ = ["ranges", "implausible", "split_plausible"]


@lru_cache(maxsize=1)
def ranges() -> dict[tuple[str, str], tuple[float, float, str]]:
    """(metric, unit) -> (min, max, why); metric '*' applies to every metric of the unit."""
    with resources.files("coopdata.data").joinpath("plausible_ranges.csv").open(encoding="utf-8") as f:
        return {(r["metric"], r["unit"]): (float(r["min"]), float(r["max"]), r["why"]) for r in csv.DictReader(f)}


_YEAR_LIKE = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


def implausible(t: Target) -> str | None:
    """The plausibility check a fact fails, as a sentence for a reviewer, or None."""
    if t.value_high < t.value_low:
        return f"implausible: value_high {t.value_high:g} below value_low {t.value_low:g}"
    for key in ((t.metric, t.unit), ("*", t.unit)):
        if key in ranges():
            lo, hi, why = ranges()[key]
            if t.value_low < lo or t.value_high > hi:
                return f"implausible: {t.metric} {t.value_low:g}-{t.value_high:g} {t.unit} outside {lo:g}-{hi:g} ({why})"
    if t.unit == "count" and t.value_low == t.value_high and 1900 <= t.value_low <= 2100 and float(t.value_low).is_integer():
        if str(int(t.value_low)) in _YEAR_LIKE.findall(t.evidence):
            return f"implausible: the count {int(t.value_low)} is a year written in the sentence"
    if t.unit == "count" and ("đồng" in t.evidence or "VN" in t.evidence):
        written = _written(t.value_low)
        # the count is the amount only when the sentence writes the number nowhere but as money ("5 mô hình …,
        # doanh thu 5 tỷ đồng" names the count too)
        if any(m.group(1) == written for m in _MONEY.finditer(t.evidence)) and not any(
                n.group(0) == written for n in _NUMBER.finditer(_MONEY.sub(" ", t.evidence))):
            return f"implausible: the count {t.value_low:g} is an amount of money (đồng) in the sentence"
    return None


_NUMBER = re.compile(NUMBER)  # a number as the rules read it
_MONEY = re.compile(r"(?<![\d.,])(\d+(?:[.,]\d+)*)\s*(?:nghìn|ngàn|triệu|tỷ|tỉ)?\s*(?:đồng|VNĐ|VND)\b", re.IGNORECASE)


def _written(v: float) -> str:
    """How a whole number is written in Vietnamese style ("2.000"), to find it in its evidence."""
    if not float(v).is_integer():
        return f"{v:g}".replace(".", ",")
    return f"{int(v):,}".replace(",", ".")


def split_plausible(targets: tuple[Target, ...]) -> tuple[tuple[Target, ...], tuple[tuple[Target, str], ...]]:
    """(plausible facts, (implausible fact, reason) pairs)."""
    keep, out = [], []
    for t in targets:
        why = implausible(t)
        if why:
            out.append((t, why))
        else:
            keep.append(t)
    return tuple(keep), tuple(out)
