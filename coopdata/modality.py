"""What a sentence does with its numbers: states an aim, reports a result, estimates, budgets, sets a condition.

Real pages mix aims with results ("đã thành lập mới 81 HTX"), estimates ("ước năm 2022 có…"), budgets
("kinh phí 24 tỷ đồng") and award criteria. The cue words live in data/modality.csv (class, pattern, example);
new wording means a new row there, and every row's example is a test (tests/test_modality.py).
"""
from __future__ import annotations

import csv
import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .folded import Folded, group_end, literal_trie, lower_pattern, top_level

__all__ = ["CLASSES", "cue_rows", "patterns", "presence", "presence_any", "cues_in", "Sentence", "sentence_around"]

CLASSES = ("aim", "frame", "result", "estimate", "budget", "condition", "per_unit", "breakdown", "other_subject")


@lru_cache(maxsize=1)
def cue_rows() -> tuple[tuple[str, str, str], ...]:
    """(class, pattern, example) for every row of data/modality.csv."""
    with resources.files("coopdata.data").joinpath("modality.csv").open(encoding="utf-8") as f:
        return tuple((r["class"], r["pattern"], r["example"]) for r in csv.DictReader(f))


@lru_cache(maxsize=1)
def patterns() -> dict[str, Folded]:
    """One case-insensitive alternation per class, each cue bounded so it never matches inside a word."""
    by_class: dict[str, list[str]] = {c: [] for c in CLASSES}
    for cls, pat, _ in cue_rows():
        by_class[cls].append(f"(?:{pat})")
    return {c: Folded(r"(?<!\w)(?:" + "|".join(p) + r")") for c, p in by_class.items() if p}


def _plain_openings(alternative: str) -> list[str]:
    """One cue alternative rewritten to open on a plain character where it can, for literal_trie: a leading group
    is distributed ("(?:đến|tới) năm" -> "đến năm", "tới năm") and a leading \\b before a letter is dropped (every
    cue already follows a non-word character, so that \\b always holds)."""
    if alternative.startswith("(?:"):
        end = group_end(alternative)
        rest = alternative[end:]
        if not rest[:1] or rest[0] not in "*+?{":
            return [x for a in top_level(alternative[3:end - 1]) for x in _plain_openings(a + rest)]
    if alternative.startswith("\\b") and re.match(r"\w(?![*+?{])", alternative[2:4]):
        return _plain_openings(alternative[2:])
    return [alternative]


@lru_cache(maxsize=1)
def presence() -> dict[str, Folded]:
    """Per class, a pattern that finds whether a text holds one of its cues: the same yes/no as patterns(), about
    twice as fast (the cues factored by their opening letters, literal_trie), but not necessarily the same match.
    The confidence features and the page genre only ask yes or no, once per fact and once per sentence."""
    return {cls: presence_any((cls,)) for cls in patterns()}


@lru_cache(maxsize=None)
def presence_any(classes: tuple[str, ...]) -> Folded:
    """Whether a text holds a cue of any of the classes, in one scan: the same yes/no as asking each in turn."""
    inner = [patterns()[c].pattern[len(r"(?<!\w)(?:"):-1] for c in classes]
    alts = [x for a in top_level(lower_pattern("|".join(inner))) for x in _plain_openings(a)]
    return Folded(r"(?<!\w)(?:" + "|".join(inner) + ")",
                  fast_source=r"(?<!\w)(?:" + literal_trie(alts, any_order=True) + ")")


def cues_in(text: str) -> dict[str, list[str]]:
    """The cue words of each class found in a text (lowercased), in order."""
    out: dict[str, list[str]] = {}
    for cls, pat in patterns().items():
        found = [m.group(0) for m in pat.finditer(text)]
        if found:
            out[cls] = found
    return out


# "[.!?](?=\s|$)|\n", written to open on one class: `re` then skips to the next of those characters at once
_SENT_END = re.compile(r"[.!?…\n](?:(?<=\n)|(?=\s|$))")  # "…" too: "… công nghệ cao… Đến năm 2025, …"
_END_CHARS = ".!?…\n"  # what a _SENT_END match is made of: one character, followed by a space or the end


@lru_cache(maxsize=2)
def _sentence_ends(text: str) -> list[int]:
    """The offset of every _SENT_END match in a whole text, found once per text (every fact of it asks)."""
    return [m.start() for m in _SENT_END.finditer(text)]


def _bounds(text: str, start: int, end: int, reach: int) -> tuple[int, int]:
    """(sentence start, sentence end) as the regex scans of sentence_around's windows find them, by bisection in
    the text's sentence ends. A window's last character ends a sentence when it is '.', '!' or '?' even before a
    letter (the window's end counts as the end of the text), so that one is checked on its own."""
    ends = _sentence_ends(text)
    lo, hi = max(0, start - reach), min(len(text), end + reach)
    if start - 1 >= lo and text[start - 1] in _END_CHARS:
        s = start
    else:
        i = bisect_left(ends, start - 1)
        s = ends[i - 1] + 1 if i and ends[i - 1] >= lo else lo
    i = bisect_left(ends, end)
    if i < len(ends) and ends[i] < hi - 1:
        e = ends[i]
    else:
        e = hi - 1 if hi - 1 >= end and text[hi - 1] in _END_CHARS else hi
    return s, e


# a numbered section heading on a line of its own ("2. Mục tiêu đến năm 2030", "II. NHIỆM VỤ"): short, no final stop
_SECTION_HEADING = re.compile(r"^(?:[IVX]{1,5}|\d{1,2}(?:\.\d{1,2}){0,2})[.)]?\s+\S[^\n]{0,100}(?<![.;,])$")


@dataclass(frozen=True)
class Sentence:
    """The sentence around a fact's evidence: its text before the evidence ends, after it, and the heading above."""

    before: str   # sentence start .. evidence end
    after: str    # evidence end .. sentence end
    heading: str  # the line(s) above that end with ':' or the text before ':' in the same line
    start: int
    end: int


def sentence_around(text: str, start: int, end: int, reach: int = 600) -> Sentence:
    """The sentence that holds text[start:end], bounded by '.', '!', '?' or a line break (at most `reach` away)."""
    s, e = _bounds(text, start, end, reach)
    line_start = text.rfind("\n", 0, start) + 1
    heading = ""
    colon = text.find(": ", line_start, start)
    if colon != -1:
        heading = text[line_start:colon]
    prev_end = line_start - 1
    for _ in range(3):  # up to three lines above, skipping blank ones, the nearest one ending with ':' scopes it
        if prev_end <= 0:
            break
        prev_start = text.rfind("\n", 0, prev_end) + 1
        prev = text[prev_start:prev_end].strip()
        if (prev.endswith(":") and len(prev) < 200) or _SECTION_HEADING.match(prev):
            heading = prev + " " + heading
            break
        if prev:
            break
        prev_end = prev_start - 1
    return Sentence(text[s:end], text[end:e], heading, s, e)
