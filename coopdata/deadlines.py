"""Deadlines: dated or recurring obligations a plan puts on someone.

Read from task sentences ("… chủ trì …, hoàn thành trong Quý III/2023") and from task
tables (STT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành).
Target years ("đến năm 2030") are not deadlines: sections that state aims or past
results are skipped.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from .folded import Folded
from .text import segments

__all__ = ["Deadline", "extract_deadlines"]

I = re.IGNORECASE
_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}
_SKIP_SECTION = re.compile(r"MỤC TIÊU|MỤC ĐÍCH|YÊU CẦU|ĐỊNH HƯỚNG|KẾT QUẢ|THỰC TRẠNG|ĐÁNH GIÁ|TÌNH HÌNH|CHỈ TIÊU")
_SECTION = re.compile(r"^(?:[IVX]+\.|PHẦN|PHỤ LỤC|[A-ZĐ][A-ZĐÀ-Ỹ ,]{8,}$)")
_ACTION = r"(?:báo cáo|tham mưu|kiểm tra|giám sát|tổ chức|bố trí|đánh giá|rà soát|sơ kết|tổng kết|cập nhật|xây dựng|gửi|hoàn thành|trình|triển khai|thực hiện)"


@dataclass(frozen=True)
class Deadline:
    task: str
    responsible: str | None
    partners: str | None
    due_date: date | None
    due_precision: str | None
    recurrence: str
    evidence: str
    char_start: int
    char_end: int
    rule: str


def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def _next_day(day: int, month: int, after: date | None) -> date | None:
    """The first day/month on or after `after` (the plan's issue date)."""
    if after is None:
        return None
    for y in (after.year, after.year + 1):
        try:
            d = date(y, month, day)
        except ValueError:
            return None
        if d >= after:
            return d
    return None


def _next_quarter_day(day: int, after: date | None) -> date | None:
    if after is None:
        return None
    for y in (after.year, after.year + 1):
        for m in (3, 6, 9, 12):
            d = date(y, m, min(day, calendar.monthrange(y, m)[1]))
            if d >= after:
                return d
    return None


# (name, pattern, function(match, issue_date) -> (due_date, precision, recurrence)); strict Folded patterns: what
# the IGNORECASE ones match, found faster (the functions read digits, and case only through upper() and lower())
def _rules():
    def d_(y, m, d):
        try:
            return date(int(y), int(m), int(d))
        except ValueError:
            return None
    return [
        ("quarterly_day", Folded(r"(?:hằng|hàng|mỗi) quý,?\s*trước ngày (\d{1,2}) (?:của )?tháng cuối quý", strict=True),
         lambda m, iss: (_next_quarter_day(int(m.group(1)), iss), "day", "quarterly")),
        ("semiannual_day", Folded(r"(?:định kỳ )?6 tháng(?:/lần| một lần)?\s*\(?\s*trước ngày (\d{1,2})/(\d{1,2})\)?", strict=True),
         lambda m, iss: (_next_day(int(m.group(1)), int(m.group(2)), iss), "day", "semiannual")),
        ("annual_day_after", Folded(r"(?:hằng|hàng|mỗi) năm\s*,?\s*\(?\s*trước ngày (\d{1,2})/(\d{1,2})(?!/)\)?", strict=True),
         lambda m, iss: (_next_day(int(m.group(1)), int(m.group(2)), iss), "day", "annual")),
        ("annual_day", Folded(r"trước ngày (\d{1,2})/(\d{1,2})(?!\s*/\s*\d)\s*(?:hằng|hàng|mỗi) năm", strict=True),
         lambda m, iss: (_next_day(int(m.group(1)), int(m.group(2)), iss), "day", "annual")),
        ("day", Folded(r"trước ngày (\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})", strict=True),
         lambda m, iss: (d_(m.group(3), m.group(2), m.group(1)), "day", "once")),
        ("day_words", Folded(r"trước ngày (\d{1,2}) tháng (\d{1,2}) năm (\d{4})", strict=True),
         lambda m, iss: (d_(m.group(3), m.group(2), m.group(1)), "day", "once")),
        ("quarter", Folded(r"Quý\s+(IV|III|II|I)\s*(?:/|năm)\s*(\d{4})", strict=True),
         lambda m, iss: (_month_end(int(m.group(2)), 3 * _ROMAN[m.group(1).upper()]), "quarter", "once")),
        ("half", Folded(r"trong 6 tháng (đầu|cuối) năm (\d{4})", strict=True),
         lambda m, iss: (_month_end(int(m.group(2)), 6 if m.group(1).lower() == "đầu" else 12), "half", "once")),
        ("month", Folded(r"(?<!\d )tháng\s+(\d{1,2})\s*/\s*(\d{4})", strict=True),
         lambda m, iss: (_month_end(int(m.group(2)), int(m.group(1))) if 1 <= int(m.group(1)) <= 12 else None,
                         "month", "once")),
        ("year", Folded(r"(?:" + _ACTION + r"[^;.]{0,80}?)(?:vào|trong) năm (\d{4})", strict=True),
         lambda m, iss: (date(int(m.group(1)), 12, 31), "year", "once")),
        ("semiannual", Folded(r"định kỳ 6 tháng|6 tháng/lần|6 tháng một lần", strict=True),
         lambda m, iss: (None, None, "semiannual")),
        ("quarterly", Folded(r"(?:hằng|hàng) quý", strict=True), lambda m, iss: (None, None, "quarterly")),
        ("monthly", Folded(r"(?:hằng|hàng) tháng", strict=True), lambda m, iss: (None, None, "monthly")),
        ("annual", Folded(r"(?:hằng|hàng) năm,?\s+(?:\S+\s+){0,2}?" + _ACTION + r"|" + _ACTION +
                              r"[^;.]{0,60}?(?:hằng|hàng) năm(?!\s+(?:của|trên))", strict=True),
         lambda m, iss: (None, None, "annual")),
        ("continuous", Folded(r"(?:thực hiện|duy trì|triển khai) thường xuyên|(?:^|[;.]\s*)thường xuyên\s+" + _ACTION, strict=True),
         lambda m, iss: (None, None, "continuous")),
    ]


_RULES = _rules()
_CELL_RULES = [
    (re.compile(r"^\s*năm\s+(\d{4})\s*$", I), lambda m, iss: (date(int(m.group(1)), 12, 31), "year", "once")),
    (re.compile(r"^\s*(\d{4})\s*[-–]\s*(\d{4})\s*$"), lambda m, iss: (date(int(m.group(2)), 12, 31), "year", "once")),
    (re.compile(r"^\s*thường xuyên\s*$", I), lambda m, iss: (None, None, "continuous")),
    (re.compile(r"^\s*(?:hằng|hàng) năm\s*$", I), lambda m, iss: (None, None, "annual")),
]
_SUBJECT = re.compile(
    r"^(?:\d+\.\s*|[-–+]\s*)?((?:Sở|UBND|Ủy ban|Ban|Văn phòng|Liên minh|Các|Phòng|Trung tâm|Đài|Báo|Quỹ|Hội|Mặt trận|"
    r"Thành ủy|Tỉnh ủy|Huyện ủy|Cục|Chi cục|Ngân hàng|Đề nghị)[^;:]{2,120}?)\s+"
    r"(?:chủ trì|là cơ quan|có trách nhiệm|tham mưu|phối hợp|chỉ đạo|lãnh đạo|xây dựng|tổ chức|căn cứ|thực hiện|hướng dẫn|"
    r"rà soát|đôn đốc|triển khai|theo dõi|báo cáo|định kỳ|hằng|hàng|kịp thời|bảo đảm|cập nhật|gửi|tổng hợp|nộp|kiểm tra)")
_PARTNERS = re.compile(r"phối hợp với\s+(.+?)\s+(?:tham mưu|tổ chức|tuyên truyền|xây dựng|kiểm tra|thực hiện|triển khai|"
                       r"hướng dẫn|rà soát|đào tạo|vận động)", I)


def _table_deadlines(lines: list[tuple[int, str]], issue: date | None) -> list[Deadline]:
    out: list[Deadline] = []
    header: list[str] | None = None
    for start, line in lines:
        cells = [c.strip() for c in line.split("|")]
        if len(cells) < 4:
            header = None if not line.strip() else header
            continue
        low = [c.lower() for c in cells]
        if any("chủ trì" in c for c in low) and any(re.search(r"thời gian|thời hạn|tiến độ", c) for c in low):
            header = low
            continue
        if header is None or len(cells) != len(header):
            continue
        col = {k: next((i for i, h in enumerate(header) if re.search(p, h)), None) for k, p in (
            ("task", r"nhiệm vụ|nội dung|công việc"), ("resp", r"chủ trì"), ("part", r"phối hợp"),
            ("time", r"thời gian|thời hạn|tiến độ"))}
        if col["time"] is None or col["task"] is None:
            continue
        when = cells[col["time"]]
        found = _parse_time(when, issue)
        if not found:
            continue
        for due, precision, recurrence, rule in found[:1]:
            part = cells[col["part"]] if col["part"] is not None else None
            out.append(Deadline(
                task=cells[col["task"]], responsible=cells[col["resp"]] if col["resp"] is not None else None,
                partners=None if part in (None, "", "-") else part, due_date=due, due_precision=precision,
                recurrence=recurrence, evidence=line.strip(), char_start=start, char_end=start + len(line),
                rule="table." + rule))
    return out


def _parse_time(text: str, issue: date | None) -> list[tuple[date | None, str | None, str, str]]:
    for pat, fn in _CELL_RULES:
        m = pat.search(text)
        if m:
            return [(*fn(m, issue), "cell")]
    return [(d, p, r, n) for _, d, p, r, n in _hits(text, issue)]


_PREAMBLE = re.compile(r"^(?:Căn cứ|Nơi nhận|Thực hiện Chương trình|Thực hiện Nghị quyết)")
_SENTENCE = re.compile(r"[^.]+(?:\.(?=\s|$)|$)")


def extract_deadlines(text: str, issue_date: date | None = None) -> list[Deadline]:
    """All deadlines in a normalised text, in reading order."""
    lines: list[tuple[int, str]] = list(segments(text))
    out = _table_deadlines(lines, issue_date)
    skip = False
    subject: str | None = None
    for start, line in lines:
        if not line.strip() or line.count("|") >= 3:
            continue
        if _SECTION.match(line.strip()):
            skip = bool(_SKIP_SECTION.search(line.upper()))
            continue
        if skip or _PREAMBLE.match(line):
            continue
        s = _SUBJECT.match(line)
        if s:
            subject = s.group(1).strip(" ,")
        for sent in _SENTENCE.finditer(line):
            body = sent.group(0)
            for pos_, due, precision, recurrence, rule in _hits(body, issue_date):
                c0 = max(body.rfind(";", 0, pos_), body.rfind(",", 0, pos_ - 60) if pos_ > 60 else -1) + 1
                c1 = body.find(";", pos_)
                c1 = len(body) if c1 < 0 else c1
                evidence = body[c0:c1].strip(" .;")
                if not evidence or not _obligation(evidence, recurrence):
                    continue
                part = _PARTNERS.search(body)
                e0 = start + sent.start() + body.find(evidence)
                out.append(Deadline(
                    task=_task(evidence), responsible=subject, partners=part.group(1) if part else None,
                    due_date=due, due_precision=precision, recurrence=recurrence, evidence=evidence,
                    char_start=e0, char_end=e0 + len(evidence), rule="sentence." + rule))
    out.sort(key=lambda d: d.char_start)
    return out


_WORD = re.compile(r"[^\W\d_]+")
_TIME_WORDS = frozenset("ngày tháng quý năm trong vào trước đến hết cuối đầu".split())
# a founding date or a date of the past ("HTX được thành lập từ tháng 11/2004") is no obligation
_PAST_DATE = Folded(r"(?<!\w)(?:được thành lập|thành lập (?:từ|vào|năm|ngày|tháng)|ra đời)")
# a yearly quantified aim ("Hằng năm, xây dựng 2-5 mô hình hợp tác xã") is a target, not a deadline
_YEARLY_AIM = re.compile(r"\d+\s*(?:[-–]\s*\d+\s*)?(?:hợp tác xã|HTX|tổ hợp tác|THT|mô hình|liên hiệp|thành viên|%)", I)


def _obligation(evidence: str, recurrence: str) -> bool:
    """Whether a clause with a time in it puts a task on someone: it names one (not a bare date, "tháng 3/2022", a
    page's publication line), and is neither the date of a past event nor a yearly quantified aim (a target)."""
    if sum(w.lower() not in _TIME_WORDS for w in _WORD.findall(evidence)) < 3 or _PAST_DATE.search(evidence):
        return False
    return not (recurrence == "annual" and _YEARLY_AIM.search(evidence))


def _hits(body: str, issue: date | None) -> list[tuple[int, date | None, str | None, str, str]]:
    """(position, due date, precision, recurrence, rule) of every time expression, the first rule to claim a span wins."""
    taken: list[tuple[int, int]] = []
    found = []
    for name, pat, fn in _RULES:
        for m in pat.finditer(body):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            due, precision, recurrence = fn(m, issue)
            if due is None and precision is not None:
                continue
            taken.append((m.start(), m.end()))
            found.append((m.start(), due, precision, recurrence, name))
    return sorted(found)


def _task(evidence: str) -> str:
    t = re.sub(r"\s*,?\s*(?:hoàn thành\s+)?(?:trong|vào|trước)\s+(?:ngày|tháng|Quý|năm)\s+[\dIVX/ ]+.*$", "", evidence, flags=I)
    t = re.sub(r"^(?:\d+\.\s*)", "", t)
    return (t or evidence).strip(" ,;.")[:300]
