"""The kind of page a text is: a plan, news of a plan, or a review of results.

A figure reads differently on a year-end review than in a People's Committee plan, so the share of
sentences with numbers that carry an aim cue, and of those that carry a result cue, is evidence for every
fact of the page. The page's own year (its issue date or the date line of a news page) tells past from future.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .modality import presence, presence_any

__all__ = ["Genre", "page_genre"]

_SENTENCE = re.compile(r"[^.!?\n]+")
_HAS_NUMBER = re.compile(r"\d")
_DATE = re.compile(r"(?<!\d)(\d{1,2})[/.-](\d{1,2})[/.-](20[0-4]\d)(?!\d)")
_TITLE_PLAN = re.compile(r"kế hoạch|chương trình|nghị quyết|đề án|quyết định|chiến lược|mục tiêu|chỉ tiêu|phấn đấu|"
                         r"định hướng|đến năm|giai đoạn", re.IGNORECASE)
_TITLE_RESULT = re.compile(r"tổng kết|sơ kết|kết quả|nhìn lại|năm qua|(?<!phấn đấu )\bđạt\b|thành công|hiệu quả từ|"
                           r"đổi thay|khởi sắc|sau \d+ năm|\d+ năm (?:thực hiện|triển khai)", re.IGNORECASE)


@dataclass(frozen=True)
class Genre:
    """Page-level evidence shared by every fact of a text."""

    aim_share: float        # sentences with a number that carry an aim cue
    result_share: float     # ... that carry a result or estimate cue
    title_plan: bool        # the first line names a plan, a programme, an aim
    title_result: bool      # the first line reports results
    page_year: int | None   # the year the page or document was issued


def page_genre(text: str, issue_year: int | None = None) -> Genre:
    """Genre evidence for a whole normalised text."""
    pats = presence()
    reported = presence_any(("result", "estimate"))  # a result or an estimate cue, in one scan
    aim, result, n = 0, 0, 0
    for m in _SENTENCE.finditer(text):  # each sentence searched in place (the page is lowercased once)
        start, end = m.span()
        if not _HAS_NUMBER.search(text, start, end):
            continue
        n += 1
        aim += bool(pats["aim"].search_in(text, start, end))
        result += bool(reported.search_in(text, start, end))
    first = text.lstrip().split("\n", 1)[0][:300]
    year = issue_year
    if year is None:
        d = _DATE.search(text[:400])
        year = int(d.group(3)) if d else None
    return Genre(aim / n if n else 0.0, result / n if n else 0.0, bool(_TITLE_PLAN.search(first)),
                 bool(_TITLE_RESULT.search(first)), year)
