"""How sure the extractor is that a fact is a real aim, and why: the decision step after the rules.

Every candidate fact the rules assemble is described by a few dozen features of its sentence (aim, result,
estimate, budget and condition cues before and after it, the heading above it, brackets, breakdowns), of its
time (a year written in the sentence, or inherited from a heading or the title; before or after the page's
own year) and of its page (genre shares). A logistic model over those features, trained by
`python -m coopdata.train_confidence` on the hand-checked gold and the real development pages, gives the
confidence; the weights live in data/confidence_model.json beside the threshold chosen on the real pages.
Facts at or above the threshold are published in `targets`, the others go to `target_candidates` for review.
"""
from __future__ import annotations

import datetime as dt
import json
import math
import re
from functools import lru_cache
from importlib import resources

from .genre import Genre, page_genre
from .modality import presence, sentence_around
from .targets import Target

__all__ = ["features", "Model", "model", "score_targets", "FEATURES"]

_YEAR = re.compile(r"(?<!\d)20[0-6]\d(?!\d)")
_PAREN_OPEN = re.compile(r"\([^)]*$")
_RULES = ("count.head", "count.members", "count.quality", "count.other", "count.subject_before", "count.dissolve",
          "count.named",
          "count.workers", "money.cue", "percent.after", "percent.before", "percent.growth", "percent.other",
          "zero.no_more", "times.income")
_UNITS = ("count", "percent", "percent_per_year", "vnd", "times")
PAST_YEAR_CAP = 0.2  # the confidence of a figure for a year already reported (see score_targets) ...
CAPPED_BY = ("year_past", "year_reviewed")  # ... by these features: before the page's date, or a year it reviews

FEATURES: tuple[str, ...] = (
    "aim_before", "aim_after", "aim_heading", "frame_before", "frame_after", "frame_heading", "result_before",
    "result_after", "result_heading", "estimate_before", "budget_clause", "condition_clause", "per_unit_clause", "breakdown_before", "other_subject_clause",
    "in_brackets", "result_earlier", "aim_earlier", "year_in_sentence", "year_future", "year_same", "year_same_late", "year_past", "year_reviewed",
    "year_none", "first_line",
    "page_aim_share", "page_result_share", "title_plan", "title_result", "metric_other", "frequency_annual",
    "frequency_period", "comparator_word",
) + tuple(f"rule={r}" for r in _RULES) + tuple(f"unit={u}" for u in _UNITS)


# the features read from a fact's text alone, in the order features() lists them ("first_line" last)
_SPAN_FEATURES = ("aim_before", "aim_after", "aim_heading", "frame_before", "frame_after", "frame_heading",
                  "result_before", "result_after", "result_heading",
                  "estimate_before", "budget_clause", "condition_clause", "per_unit_clause", "breakdown_before",
                  "other_subject_clause", "in_brackets", "result_earlier", "aim_earlier", "year_in_sentence",
                  "first_line")


def _span_features(text: str, start: int, end: int,
                   sentences: dict[tuple[int, int, str], tuple[bool, ...]] | None = None) -> tuple[bool, ...]:
    """The text features of the evidence text[start:end], in _SPAN_FEATURES order. Facts read from one clause share
    them, and the facts of one sentence share its condition and year features: `sentences` keeps those per
    sentence (its bounds and heading) for the calls on one text."""
    pats = presence()
    s = sentence_around(text, start, end)
    heading = s.heading
    # the parts of the sentence are searched in place (search_in: the text is lowercased once): before is
    # text[s.start:end], after text[end:s.end], the clause text[start:end]
    aim_b, result_b = pats["aim"].search_in(text, s.start, end), pats["result"].search_in(text, s.start, end)
    frame_b, frame_a = pats["frame"].search_in(text, s.start, end), pats["frame"].search_in(text, end, s.end)
    estimate_b = pats["estimate"].search_in(text, s.start, end)
    breakdown_b = pats["breakdown"].search_in(text, s.start, end)
    aim_a, result_a = pats["aim"].search_in(text, end, s.end), pats["result"].search_in(text, end, s.end)
    budget, per_unit = pats["budget"].search_in(text, start, end), pats["per_unit"].search_in(text, start, end)
    other_subject = pats["other_subject"].search_in(text, start, end)
    key = (s.start, s.end, heading)
    shared = sentences.get(key) if sentences is not None else None
    if shared is None:
        # text[s.start:s.end] is before + after; a year never spans the space put before the heading
        # the sentences before it in its paragraph: a report goes on from sentence to sentence without repeating
        # its cue ("Toàn tỉnh hiện có 210 HTX … Doanh thu bình quân là 2 tỷ đồng/HTX/năm …"), and so does an aim
        par = text.rfind("\n", 0, s.start) + 1
        shared = (bool(pats["aim"].search(heading)), bool(pats["frame"].search(heading)),
                  bool(pats["result"].search(heading)),
                  bool(pats["condition"].search_in(text, s.start, s.end)),
                  par < s.start and bool(pats["result"].search_in(text, par, s.start)),
                  par < s.start and bool(pats["aim"].search_in(text, par, s.start)),
                  bool(_YEAR.search(text[s.start:s.end]) or _YEAR.search(heading)))
        if sentences is not None:
            sentences[key] = shared
    aim_h, frame_h, result_h, condition, result_e, aim_e, year = shared
    return (bool(aim_b), bool(aim_a), aim_h, bool(frame_b), bool(frame_a), frame_h, bool(result_b), bool(result_a),
            result_h, bool(estimate_b), bool(budget), condition, bool(per_unit), bool(breakdown_b), bool(other_subject),
            bool(_PAREN_OPEN.search(text[max(0, start - 200):start + 1])), result_e, aim_e, year,
            _on_first_line(text, start))


class TextCache:
    """The text features already read from one text, by evidence span and by sentence: pass one per text."""

    __slots__ = ("spans", "sentences")

    def __init__(self) -> None:
        self.spans: dict[tuple[int, int], tuple[bool, ...]] = {}
        self.sentences: dict[tuple[int, int, str], tuple[bool, ...]] = {}


def features(text: str, t: Target, genre: Genre, cache: TextCache | None = None) -> dict[str, float]:
    """The features of one fact in its text (only the non-zero ones). cache: the text features of the facts of
    the same text already scored (facts read from one clause share them)."""
    if cache is None:
        on = _span_features(text, t.char_start, t.char_end)
    else:
        key = (t.char_start, t.char_end)
        on = cache.spans.get(key)
        if on is None:
            on = cache.spans[key] = _span_features(text, t.char_start, t.char_end, cache.sentences)
    # the non-zero features, in the order they were always listed in (the model adds their weights in that order)
    f: dict[str, float] = {name: 1.0 for name, value in zip(_SPAN_FEATURES[:-1], on) if value}
    year = t.target_year or t.period_end
    if year is not None and year in genre.reviewed_years:
        f["year_reviewed"] = 1.0
    if year is None:
        if t.frequency == "once":
            f["year_none"] = 1.0
    elif genre.plan_year and year < genre.plan_year:
        f["year_past"] = 1.0  # a one-year plan for 2024 sets no aim for 2023: the figure reports it
    elif genre.page_year:
        if year > genre.page_year:
            f["year_future"] = 1.0
        elif year == genre.page_year:
            f["year_same"] = 1.0
            if (genre.page_month or 0) >= 7:
                f["year_same_late"] = 1.0
        else:
            f["year_past"] = 1.0
    if on[-1]:
        f["first_line"] = 1.0
    if aim_share := round(genre.aim_share, 4):
        f["page_aim_share"] = aim_share
    if result_share := round(genre.result_share, 4):
        f["page_result_share"] = result_share
    if genre.title_plan:
        f["title_plan"] = 1.0
    if genre.title_result:
        f["title_result"] = 1.0
    if t.metric == "other":
        f["metric_other"] = 1.0
    if t.frequency == "annual":
        f["frequency_annual"] = 1.0
    elif t.frequency == "period_total":
        f["frequency_period"] = 1.0
    if t.comparator != "eq":
        f["comparator_word"] = 1.0
    if t.rule in _RULES:
        f[f"rule={t.rule}"] = 1.0
    f[f"unit={t.unit}"] = 1.0
    return f


TITLE_REACH = 250  # a fact further into an unbroken first line is in the body of a page scraped as one line


def _on_first_line(text: str, start: int) -> bool:
    """Whether a fact is in the page's title: no line break between the text's first non-blank character and the
    fact (a fact that opens the second line is not in the title), within TITLE_REACH characters of it."""
    first = 0
    while first < start and text[first].isspace():
        first += 1
    return start - first <= TITLE_REACH and text.find("\n", first, start) == -1


class Model:
    """Logistic weights over FEATURES, the publication threshold, and how both were chosen."""

    def __init__(self, weights: dict[str, float], bias: float, threshold: float, meta: dict):
        self.weights, self.bias, self.threshold, self.meta = weights, bias, threshold, meta

    def probability(self, feats: dict[str, float]) -> float:
        z = self.bias + sum(self.weights.get(k, 0.0) * v for k, v in feats.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def reasons(self, feats: dict[str, float], n: int = 3) -> str:
        """The features that moved the confidence most, signed: '+aim_before; -result_before'."""
        contrib = sorted(((self.weights.get(k, 0.0) * v, k) for k, v in feats.items()), key=lambda c: -abs(c[0]))
        return "; ".join(f"{'+' if c > 0 else '-'}{k}" for c, k in contrib[:n] if abs(c) >= 0.05)

    def to_json(self) -> str:
        return json.dumps({"bias": self.bias, "threshold": self.threshold, "weights": self.weights,
                           "meta": self.meta}, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


@lru_cache(maxsize=1)
def model() -> Model:
    """The committed model (data/confidence_model.json); without one every fact is published (confidence 1)."""
    path = resources.files("coopdata.data").joinpath("confidence_model.json")
    if not path.is_file():
        return Model({}, 30.0, 0.5, {"note": "no model file: every fact published"})
    d = json.loads(path.read_text(encoding="utf-8"))
    return Model(d["weights"], d["bias"], d["threshold"], d.get("meta", {}))


def _scored(t: Target, confidence: float, reasons: str) -> Target:
    """replace(t, confidence=…, reasons=…) without dataclasses.replace's per-field work (3x faster, once per fact):
    Target is a plain frozen dataclass (no __post_init__, no init=False field), so a copy of its fields with the
    two changed is the object replace() builds."""
    new = object.__new__(Target)
    new.__dict__.update(t.__dict__, confidence=confidence, reasons=reasons)
    return new


def score_targets(text: str, targets: tuple[Target, ...] | list[Target], issued: dt.date | None = None,
                  m: Model | None = None, plan_year: int | None = None) -> tuple[tuple[Target, ...], tuple[Target, ...]]:
    """(published, candidates): every fact with its confidence and reasons, split at the model's threshold.

    A figure for a year before the page's date or before the year a one-year plan is for (plan_year) cannot be an
    aim the page sets (a page dated 2024 writing of 2023 reports it), nor can one for a year the page says it
    reviews ("hội nghị tổng kết năm 2025 và bàn nhiệm vụ năm 2026"): its confidence is capped below the threshold
    whatever the cues say, and the reasons say so. The
    training texts hold too few such facts for the model to learn it from."""
    m = m or model()
    genre = page_genre(text, issued, plan_year)
    keep, review = [], []
    cache = TextCache()
    for t in targets:
        feats = features(text, t, genre, cache)
        p = round(m.probability(feats), 4)
        reasons = m.reasons(feats)
        cap = next((c for c in CAPPED_BY if c in feats), None)
        if cap:
            p, reasons = min(p, PAST_YEAR_CAP), f"-{cap}" + (f"; {reasons}" if reasons else "")
        (keep if p >= m.threshold else review).append(_scored(t, p, reasons))
    return tuple(keep), tuple(review)
