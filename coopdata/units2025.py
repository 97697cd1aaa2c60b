"""Which provincial unit a document speaks for: one of the 63 old provinces, or one of the 34 units of 1 July 2025.

Since 1 July 2025 (Resolution 202/2025/QH15) 23 of the 34 provincial units are mergers of two to four old
provinces, and their documents (congress resolutions for the 2025-2030 term, 2026 plans) set aims for the merged
unit. Such a document is keyed to its 2025 unit (``province_code_2025``) and keeps an old ``province_code`` only
when the unit was not merged (the old province and the unit are the same territory) or when the text says it is
about one old province ("tỉnh Bến Tre cũ"). Its aims then never count as one old province's, in the coverage of
the 63 or in the national comparison by old provinces.

A document is post-merger when:

- its issue date is on or after 1 July 2025, or
- it says so (in its first 4 000 characters): the first congress of a unit for the 2025-2030 term ("Đại hội
  lần thứ I, nhiệm kỳ 2025-2030"), the merged unit itself ("sau hợp nhất các tỉnh", "hợp nhất 3 tỉnh", "tỉnh
  Phú Thọ mới", "chính quyền địa phương hai cấp"), or the date of the merger ("từ ngày 1/7/2025").

Plain Python, no Dagster; called from ``coopdata.tables`` where plan and target rows get their province.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from .plans import PlanMeta
from .provinces import Province, Unit2025, name_pattern, province_by_code, province_by_name, provinces_2025

__all__ = ["MERGER_DATE", "NOTE_PREFIX", "UnitKey", "post_merger_reason", "unit_key", "unit_2025"]

MERGER_DATE = date(2025, 7, 1)
NOTE_PREFIX = "2025 unit: "  # plans.province_note of a document keyed to its 2025 unit starts with this

_TERM = r"nhiệm\s*kỳ\s*2025\s*[-–]\s*2030"
_CUES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("first congress of the unit for the 2025-2030 term", re.compile(
        r"(?:đại hội|kỳ đại hội)[^.\n]{0,80}?(?:lần\s+)?thứ\s+(?:I|nhất)\b[^.\n]{0,40}?" + _TERM
        + r"|" + _TERM + r"[^.\n]{0,40}?(?:lần\s+)?thứ\s+(?:I|nhất)\b", re.IGNORECASE)),
    ("the text is about the unit after the merger", re.compile(
        r"\bsau\s+(?:khi\s+)?(?:sáp\s+nhập|hợp\s+nhất)\s+(?:các\s+|hai\s+|ba\s+|bốn\s+|\d\s+)?tỉnh\b"
        r"|\b(?:hợp\s+nhất|sáp\s+nhập)\s+(?:\d|hai|ba|bốn)\s+tỉnh\b"
        r"|\bchính\s+quyền\s+địa\s+phương\s+(?:02|hai)\s+cấp\b", re.IGNORECASE)),
    ("the text names the merger date", re.compile(
        r"\btừ\s+(?:ngày\s+)?(?:0?1\s*[/.-]\s*0?7\s*[/.-]\s*2025|1\s+tháng\s+7\s+năm\s+2025)", re.IGNORECASE)),
)
# "tỉnh Phú Thọ mới" is the merged unit; "UBND tỉnh Bến Tre mới đây" is "recently"
_NEW = re.compile(r"\s+mới\b(?!\s+(?:thành\s+lập|được|đây|nhất|rồi|ban\s+hành|đã|vừa))", re.IGNORECASE)
_UNIT_WORD = re.compile(r"(?:tỉnh|thành\s+phố)\s*$", re.IGNORECASE)
_OLD = re.compile(r"\s*\(?\s*cũ\b", re.IGNORECASE)  # "tỉnh Bến Tre (cũ)", "Trà Vinh cũ"


@dataclass(frozen=True)
class UnitKey:
    """The province columns of a plan's rows."""

    province_code: str | None
    province_name: str | None
    province_code_2025: str | None
    post_merger: bool
    reason: str | None  # why the document is keyed to its 2025 unit (None for a pre-merger document)


@lru_cache(maxsize=1)
def _units() -> dict[str, Unit2025]:
    return {u.code: u for u in provinces_2025()}


def unit_2025(code_2025: str | None) -> Unit2025 | None:
    return _units().get(code_2025) if code_2025 else None


def post_merger_reason(plan: PlanMeta, text: str) -> str | None:
    """Why the document was issued for a 2025 unit, or None if nothing says so."""
    if plan.issue_date is not None:
        if plan.issue_date >= MERGER_DATE:
            return f"issued {plan.issue_date.isoformat()}, after the merger of 1 July 2025"
        return None  # a dated text from before the merger is an old province's, whatever it mentions
    head = text[:4000]
    for why, pattern in _CUES:
        if pattern.search(head):
            return why
    for m in name_pattern().finditer(head):  # "tỉnh Phú Thọ mới": the unit formed on 1 July 2025
        if _NEW.match(head, m.end()) and _UNIT_WORD.search(head[max(0, m.start() - 12):m.start()]):
            return "the text names the merged unit as new"
    return None


def _one_old_province(unit: Unit2025, text: str) -> Province | None:
    """The single old province of a merged unit that the text says it is about ("tỉnh Bến Tre (cũ)")."""
    named: set[str] = set()
    for m in name_pattern().finditer(text):
        p = province_by_name(m.group(1))
        if p and p.code in unit.merged_from and _OLD.match(text, m.end()):
            named.add(p.code)
    return province_by_code(named.pop()) if len(named) == 1 else None


def unit_key(plan: PlanMeta, text: str) -> UnitKey:
    """province_code, province_name and province_code_2025 for a document's rows.

    Pre-merger (or no province): the old province and the unit it became. Post-merger: the 2025 unit; the old
    province only if the unit was not merged or the text is about one old province of it; province_name is then
    the unit's name (the name the text uses), and ``reason`` says why."""
    p = plan.province
    if p is None:
        return UnitKey(None, None, None, False, None)
    why = post_merger_reason(plan, text)
    unit = unit_2025(p.code_2025)
    if why is None or unit is None:
        return UnitKey(p.code, p.name, p.code_2025, False, None)
    if unit.unchanged:
        return UnitKey(p.code, p.name, unit.code, True, why)
    one = _one_old_province(unit, text)
    if one is not None:
        return UnitKey(one.code, one.name, unit.code, True, f"{why}; about the old province {one.name} only")
    return UnitKey(None, unit.name, unit.code, True, why)
