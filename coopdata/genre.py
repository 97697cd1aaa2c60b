"""The kind of page a text is: a plan, news of a plan, or a review of results.

A figure reads differently on a year-end review than in a People's Committee plan, so the share of
sentences with numbers that carry an aim cue, and of those that carry a result cue, is evidence for every
fact of the page. The page's own year (its issue date or the date line of a news page) tells past from future.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .folded import Folded
from .modality import presence, presence_any
from .vocabulary import NATIONAL_ACTOR

__all__ = ["Genre", "page_genre"]

_SENTENCE = re.compile(r"[^.!?\n]+")
_HAS_NUMBER = re.compile(r"\d")
# a year the page reviews: "đánh giá kết quả năm 2023", "tổng kết công tác năm 2023", "kết quả hoạt động năm 2024";
# the year right after "năm", never a horizon ("đánh giá thực hiện đến năm 2025" looks ahead)
_REVIEWED_YEAR = Folded(r"(?:kết quả|tổng kết|sơ kết)(?:\s+(?:thực hiện|công tác|hoạt động|tình hình|"
                        r"nhiệm vụ))?\s+năm\s+(20[0-6]\d)(?!\d|\s*[-–]\s*20)", strict=True)
# a period a final review closes: "Hội nghị tổng kết thực hiện Đề án … giai đoạn 2021-2025"; plans name the same review
# as a task ahead of them ("năm 2025 tổng kết giai đoạn 2021-2025"), so it counts only on a page dated at or after
# the middle of the period's last year (see _reviewed)
_REVIEWED_PERIOD = Folded(r"tổng kết[^.;\n]{0,120}?giai đoạn\s+(20[0-6]\d)\s*[-–]\s*(20[0-6]\d)(?!\d)", strict=True)
REVIEW_MONTH = 7  # a final review of a period is held from the middle of its last year
_DATE = re.compile(r"(?<!\d)\d{1,2}[/.-](\d{1,2})[/.-](20[0-4]\d)(?!\d)|(?<!\d)(20[0-4]\d)-([01]\d)-[0-3]\d(?!\d)"
                   r"|(?<=\bdate )(20[0-4]\d)-([01]\d)(?![\d-])")  # the last: a page's "date 2020-11", month only
# a date right after a national act or a law it cites ("Nghị quyết số 20-NQ/TW ngày 16/6/2022") is that act's date,
# and one a deadline names ("hoàn thành trước ngày 31/12/2025") is no date of the page
_CITED = re.compile(r"(?:(?:luật|nq/tw|nq-cp|nq/cp|qđ-ttg|qd-ttg)(?:(?!ngày)[^.;\n]){0,40}ngày|"
                    r"\b(?:trước|chậm nhất|hạn|hết|đến|tới)\s+(?:ngày|hết ngày))\s*$", re.IGNORECASE)
# ... and so is one followed by a national body ("ngày 16/6/2022 của Ban Chấp hành Trung ương")
_NATIONAL_AFTER = re.compile(r"\s*,?\s*của\s+(?:Ủy ban Thường vụ\s+)?" + NATIONAL_ACTOR, re.IGNORECASE)
# (a plan the page measures results against, "tăng 20% so với kế hoạch", or carries out, "Thực hiện Nghị quyết số
# 20-NQ/TW, …, tỉnh đã …", is no plan the page sets)
_TITLE_PLAN = re.compile(r"(?<!%)(?<!% )(?<!chính – )(?<!chính - )(?<!chính-)(?<!so với )(?<!vượt )(?<!thực hiện )"
                         r"kế hoạch(?! giao)(?! và đầu tư)|(?<!thực hiện )(?:chương trình|nghị quyết|đề án|quyết định)|"
                         r"chiến lược|mục tiêu|chỉ tiêu|phấn đấu|"
                         r"định hướng|đến năm|giai đoạn", re.IGNORECASE)
_TITLE_RESULT = re.compile(r"tổng kết|sơ kết|kết quả|nhìn lại|năm qua|(?<!phấn đấu )\bđạt\b|thành công|hiệu quả từ|"
                           r"đổi thay|khởi sắc|sau \d+ năm|\d+ năm (?:thực hiện|triển khai)", re.IGNORECASE)


TITLE_LINE = 300     # a first line longer than this is body text run into the title
TITLE_OPENING = 120  # ... of which only the opening words are read as the title


@dataclass(frozen=True)
class Genre:
    """Page-level evidence shared by every fact of a text."""

    aim_share: float        # sentences with a number that carry an aim cue
    result_share: float     # ... that carry a result or estimate cue
    title_plan: bool        # the first line names a plan, a programme, an aim
    title_result: bool      # the first line reports results
    page_year: int | None   # the year the page or document was issued
    page_month: int | None = None  # ... and its month, when known (a review late in a year reports that year)
    reviewed_years: frozenset[int] = frozenset()  # years the page says it reviews ("đánh giá kết quả năm 2023")
    plan_year: int | None = None  # the single year a one-year plan is for ("Kế hoạch … năm 2024"), when it is one


def page_genre(text: str, issued: dt.date | None = None, plan_year: int | None = None) -> Genre:
    """Genre evidence for a whole normalised text; `issued` is the document's issue date when its header states one,
    else the first date of the page's lead (a news page's date line) stands for it."""
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
    first = text.lstrip().split("\n", 1)[0]
    # a page scraped as one line has no title of its own: only its opening words stand for one
    first = first if len(first) <= TITLE_LINE else first[:TITLE_OPENING]
    year, month = (issued.year, issued.month) if issued else _lead_date(text[:400])
    reviewed = _reviewed(text[:20000], year, month)
    return Genre(aim / n if n else 0.0, result / n if n else 0.0, bool(_TITLE_PLAN.search(first)),
                 bool(_TITLE_RESULT.search(first)), year, month, reviewed, plan_year)


def _reviewed(text: str, year: int | None, month: int | None) -> frozenset[int]:
    """The years a page says it reviews: each "kết quả năm Y", and every year of a period whose final review the
    page reports (only when the page is dated after that review could be held: before, it is a task of a plan)."""
    years = {int(m.group(1)) for m in _REVIEWED_YEAR.finditer(text)}
    if year is not None:
        for m in _REVIEWED_PERIOD.finditer(text):
            first, last = int(m.group(1)), int(m.group(2))
            if first <= last and (year, month or 1) >= (last, REVIEW_MONTH):
                years.update(range(first, last + 1))
    return frozenset(years)


def _lead_date(lead: str) -> tuple[int | None, int | None]:
    """(year, month) of the first date in a page's lead ("15:30, 02/08/2022", "date 2025-10-29") that is not the
    date of an act the page cites."""
    for d in _DATE.finditer(lead):
        if not _CITED.search(lead[max(0, d.start() - 80):d.start()]) and not _NATIONAL_AFTER.match(lead, d.end()):
            month = int(d.group(1) or d.group(4) or d.group(6))
            return int(d.group(2) or d.group(3) or d.group(5)), month if 1 <= month <= 12 else None
    return None, None
