"""Target facts: forward-looking, quantified aims about the collective economy.

The extractor reads language, not documents: it finds every written quantity,
reads the words around it (comparator before, noun after, clause before), the
time that governs it (the nearest year phrase, else the heading that scopes the
block) and the sector heading above it, and keeps only quantities whose subject
is a known metric. Quantities in past-result sentences, money without an aim
(budgets), dates, document numbers and section numbers are never targets.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from functools import lru_cache

from . import vocabulary as V
from .folded import Folded
from .numbers import NUMBER, NUMBER_SCAN, SCALES, find_numbers, parse_number
from .qualifiers import qualifier as qualifier_of
from .text import segments

__all__ = ["Target", "extract_targets"]

I = re.IGNORECASE
_NUM = re.compile(NUMBER_SCAN)  # NUMBER, found faster
# the value of a written number: the same few figures come back line after line ("2025", "100", "01")
_number_value = lru_cache(maxsize=4096)(parse_number)
_FOUND_BEFORE = Folded(r"(?:thành lập|lập|xây dựng|phát triển|hình thành)(?: mới| thêm)?(?: ít nhất| tối thiểu)?\s*$")
# a number word before a scale word or a counted noun: only such lines are handed to the numeral grammar ("năm" alone
# is a year in almost every line)
_WORD_HINT = Folded(r"(?<!\w)(?:một|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười|mươi|trăm)\s+(?:nghìn|ngàn|triệu|tỷ|tỉ|trăm|"
                    r"mươi|mười|lăm|mốt|tư|chục|linh|lẻ|hợp tác xã|htx|tổ hợp tác|tht|liên hiệp|liên minh|mô hình|"
                    r"thành viên|một|hai|ba|bốn|năm|sáu|bảy|tám|chín)(?!\w)")
_RANGE = re.compile(r"^\s*(%\s*)?(?:[-–—]|đến|tới)\s*(" + NUMBER + r")", I)
_SCALE = re.compile(r"^\s*(nghìn|ngàn|triệu|tỷ|tỉ)\b", I)


def _scale_factor(word: str) -> float:
    """The value of a scale word _SCALE matched. Case-insensitive matching also lets letters through whose
    lowercase is not the dictionary's ("trıệu" with a dotless ı): those are looked up by the same rule."""
    factor = SCALES.get(word.lower())
    if factor is None:
        factor = next(v for k, v in SCALES.items() if re.fullmatch(re.escape(k), word, I))
    return factor
_DONG = re.compile(r"^\s*(?:đồng|đ\b|VNĐ|VND)", I)
_PERCENT = re.compile(r"^\s*%")
_PER_YEAR = re.compile(r"^\s*/\s*năm|^\s*(?:mỗi|một) năm|^\s*hằng năm|^\s*hàng năm", I)
_TIMES = re.compile(r"^\s*lần\b", I)
_GAP = Folded(r"(?:gấp|tăng|cao(?: hơn)?)\s*$", strict=True)  # "thu nhập … cao 1,5 lần so với năm 2015"
_NOT_QUANTITY_AFTER = re.compile(
    r"^\s*(?:[-–]\s*[A-ZĐa-zđ]{1,6}\s*/|/|:\d\d|h\d\d|tháng\b|ngày\b|năm\b|giờ|giây|sao\b|km|ha\b|tấn|kg|khóa|"
    r"điều\b|chương\b|mục\b|m2|m²|phút|tuổi|xã\b|huyện|tỉnh|sản phẩm|lớp\b|hội nghị|cuộc|đại biểu|lĩnh vực|"
    # a task list, a farm's animals or barns ("6 nhiệm vụ trọng tâm", "900 con", "2 trại nuôi"), zones, firms and
    # projects a plan counts beside its cooperatives ("12 vùng sản xuất … do HTX chỉ đạo", "10-15 doanh nghiệp"), a
    # page's view counter ("2,315 lượt xem")
    r"nhiệm vụ|giải pháp|nội dung|con\b|trại\b|vùng\b|doanh nghiệp|dự án|lượt (?:xem|đọc|truy cập|thích)|bình luận)", I)
_NOT_QUANTITY_BEFORE = Folded(
    r"(?:ngày|tháng|(?<!con )(?<!tổng )số|số hiệu|khoản|điều|mục|nhóm|top|phụ lục|nghị định|quyết định|kế hoạch|"
    r"chương trình|nghị quyết|thông tư|lần thứ|khóa|một trong|theo|giai đoạn|nhiệm kỳ|STT|/|\w ?[-–]|lần|đại hội|"
    r"tiêu chí(?: số)?|trung ương)\s*$")  # "Nghị quyết Trung ương 5": a plenum
_OPERATING = Folded(r"đang hoạt động|hiện có|hiện nay", strict=True)
_PER_ONE_BEFORE = Folded(r"(?:bình quân|trung bình|mỗi)\s*$", strict=True)
_PER_QUANTITY_AFTER = re.compile(r"^\s*/\s*(?:ha|kg|tấn|tạ|con|m2|m²|sào|lít|sản phẩm)\b", I)
# "đạt tốc độ tăng trưởng 9% trở lên": a growth rate, whether or not "/năm" follows
_GROWTH_RATE_BEFORE = re.compile(r"tốc độ tăng(?: trưởng)?(?: bình quân)?[^;,.\d%]{0,90}$", I)
_FLOOR_BEFORE = re.compile(r"(?:ít nhất|tối thiểu|trên|hơn)\s*$", I)  # a floor word opening a list
# output or income per hectare: a farm measure, not the members' income ("thu nhập trên đơn vị diện tích … gấp 1,5 lần")
_PER_AREA = re.compile(r"(?:trên|/|mỗi)\s*(?:(?:1|một)\s+)?(?:đơn vị diện tích|ha\b|héc-?ta|hecta)", I)
_PART_OF = re.compile(r"[^;:\d]{0,80}?[.,]\s*trong đó,?\s*(?:có\s+)?(?:khoảng\s+|ít nhất\s+|trên\s+)?", I)
_PREVIOUS_YEAR = re.compile(r"so(?: với)? (?:cùng kỳ )?năm trước", I)
_IN_WHICH = Folded(r"trong đó", strict=True)
_AND_PREDICATE = Folded(r"(?<!\w)và\s+(?:thành lập|xây dựng|phát triển|nâng)\b", strict=True)
_NEW_PREDICATE = Folded(r"[,;]\s*(?:có|thành lập|xây dựng|phát triển|đạt|nâng|hỗ trợ|thu hút)\b", strict=True)
_PER_PERSON = re.compile(r"^\s*(?:đồng)?\s*/\s*(?:người|lao động|thành viên)\b", I)
_MONEY_SUBJECT = Folded(r"(?:thu nhập|doanh thu|lợi nhuận|\blãi\b)(?:(?!thành viên|người|lao động\s+\d)[^;]){0,100}$", strict=True)
_ECONOMY_GROWTH = Folded(r"\b(?:GRDP|GDP)\b", strict=True)
# "hơn 6.400 HTX yếu kém hiện nay": the current state; "htx 2.jpg": a file name
_CURRENT_AFTER = Folded(r"^[^;.\d(]{0,40}?\b(?:hiện nay|hiện tại|hiện có)\b", strict=True)
_FILE_NAME_AFTER = re.compile(r"^\.(?:jpe?g|png|gif|webp)\b", I)
_LIST_NUMBERING = re.compile(r"^\s*\(?\s*$")
# "[;\n!?]|\.(?=\s|$)|:\s", written to open on one class: `re` then skips to the next of those characters at once
_BOUNDARY = re.compile(r"[;\n!?.…:](?:(?<=[;\n!?])|(?<=[.…])(?=\s|$)|(?<=:)\s)")
_CE_WORD = Folded(
    r"hợp tác xã|HTX|tổ hợp tác|THT|liên hiệp|KTTT|kinh tế tập thể|LHHTX|QTDND|tổ chức|cán bộ|dân số|GRDP|GDP|thành viên", strict=True)
_SKIP_AFTER_HEAD = re.compile(
    r"^[^;.,\d]{0,25}?(?:được củng cố|củng cố|quy mô lớn|quy mô thôn|được nâng|nâng từ|nâng chất lượng|"
    r"được hỗ trợ|hỗ trợ|đang có|hiện có|nâng cấp|từ (?:loại )?(?:trung bình|yếu|kém)\b|"
    r"có quy mô|quy mô (?:từ|trên|hơn|ít nhất|tối thiểu)\b|được (?:lựa )?chọn\b)", I)
_SIZE_BEFORE = re.compile(r"quy mô\s+(?:từ\s+)?(?:trên|hơn|ít nhất|tối thiểu)?\s*$", I)
_PER_ORG_AFTER = re.compile(r"^\s*/\s*(?:01\s+|1\s+|một\s+)?(?:HTX|hợp tác xã|THT|tổ hợp tác)\b", I)
# "so với", and "so" alone before the year it measures against ("tăng 12% so năm 2026")
_SO_VOI = Folded(r"\bso với|\bso (?:cùng kỳ )?năm (?:20[0-6]\d|trước)", strict=True)
_SO_VOI_YEAR = Folded(r"\bso(?: với)? (?:cùng kỳ )?(?:năm|cuối năm|đầu năm) (?:20[0-6]\d|trước)", strict=True)
_NO_MORE = re.compile(
    r"(?:không còn|không để tồn tại|không để|không có|xóa|xoá|xóa bỏ|xoá bỏ)\s+(?:\S+\s+){0,2}?(?:HTX|hợp tác xã|đơn vị)\b[^;.\d]{0,30}?"
    r"(yếu,? kém|(?:xếp )?loại yếu\b|ngưng|ngừng|tồn tại hình thức|hoạt động hình thức|trên danh nghĩa|không hoạt động)"
    r"|(?:HTX|hợp tác xã) (yếu,? kém)\s*:\s*không còn", I)
_HAS_YEAR = re.compile(r"20[0-6]\d")
_HAS_FACT = Folded(r"\d|không còn|không để|không có|xóa|xoá|gấp đôi|(?<!\w)(?:một|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười)\s+"
                   r"(?:nghìn|ngàn|triệu|tỷ|tỉ|trăm|mươi|hợp tác xã|htx|tổ hợp tác|tht|liên hiệp|liên minh|mô hình|thành viên)")
_DIGIT = re.compile(r"\d")  # _HAS_FACT's first alternative alone: a digit settles it in one fast scan


def _has_fact(line: str) -> bool:
    """Whether _HAS_FACT matches the line (most lines hold a digit: that is asked first, and suffices)."""
    return bool(_DIGIT.search(line) or _HAS_FACT.search(line))


_SENTENCE_END = re.compile(r"[.!?…](?:\s|$)")
_URL = re.compile(r"(?:https?://|www\.)\S+", I)
_HEADING = re.compile(r"^(?:[IVXLC]+\.|\d+(?:\.\d+)*\.?\)?|\(\d+\)|[a-zđ]\)|[-–+*•])\s*", I)
# the patterns of the rules below, compiled once (re's own cache costs a lookup per call)
_YEAR_RANGE_AFTER = re.compile(r"^\s*[-–]\s*(?:19|20)\d\d\b")
_ABOVE_BEFORE = Folded(r"(?:trên|hơn|từ)\s*$", strict=True)
_FOUR_DIGITS = re.compile(r"\d{4}")
_DOUBLE = re.compile(r"gấp đôi", I)
_BEFORE_DAY = Folded(r"(?:trước|đến hết|trong) ngày \d{1,2}/\d{1,2}/(20[0-6]\d)", strict=True)
_CLAUSE_END = re.compile(r";|\.(?=\s|$)")
_MEMBERS_ARE = re.compile(r"\bthành viên(?:\s+ban đầu)?\s+(?:là\s+|gồm\s+)?(?:ít nhất|tối thiểu|từ|khoảng)?\s*(?:là\s+)?$", I)
_FARM_SUBJECT = re.compile(r"\btrang trại\b", I)
_ADMIT = Folded(r"kết nạp", strict=True)
# cooperatives an action is done to ("củng cố từ 1.200 HTX", "hỗ trợ 31 HTX", "lựa chọn 5 HTX"): existing ones, not a
# count of all
# "tăng 380 HTX": a rise by, not the number reached ("tăng lên 800 HTX")
_RISE_BY = re.compile(r"\btăng(?:\s+thêm)?(?:\s+(?:khoảng|trên|hơn|ít nhất))?\s*$", I)
_MEMBERS_OF_COOPS = re.compile(r"(?:số|tổng số)\s+thành viên\s+(?:tham gia|của)\s+(?:các\s+)?(?:[\d.]+\s+)?"
                               r"(?:HTX|hợp tác xã)\b[^;:]*$", I)
_LIST_AFTER_ORG = re.compile(r"(?:HTX|hợp tác xã|tổ hợp tác|THT|liên hiệp(?: HTX| hợp tác xã)?)\s*(?:,|và)\s*$", I)
_DISSOLVED_AFTER = re.compile(r"\s*(?:\([^)]*\)\s*)?(?:đã\s+|bị\s+|được\s+)?giải thể\b", I)
_PILOT_AFTER = re.compile(r"\s*(?:\(HTX\)\s*)?(?:nông nghiệp\s+)?điểm\b", I)
_LIMIT_BEFORE = re.compile(r"\bhạn chế[^;.\d]{0,40}$", I)
_PLACE_PART = re.compile(r"\([^()]*:\s*$")
_EQUIVALENT = re.compile(r"tương đương(?:\s+với)?(?:\s+khoảng)?\s*$", I)
_ACTED_ON = Folded(r"(?<!\w)(?:(?:củng cố|kiện toàn|hỗ trợ|lựa chọn|chọn|số lượng tham gia)(?:\s+(?:lại|cho|từ|ít nhất|tối thiểu|tối đa|khoảng|trên|hơn))*"
                   r"|(?:củng cố|kiện toàn|nâng cao)[^;.\d]{0,60}\bcho(?:\s+(?:từ|ít nhất|khoảng|trên|hơn))?)\s*$",
                   strict=True)
_NUMBER_OF_COOPS = re.compile(r"(?:số|tổng số)(?: lượng)? (?:HTX|hợp tác xã)\b.*$", I)
_TOP300 = Folded(r"nhóm 300|300 (?:hợp tác xã|HTX) lớn nhất", strict=True)
_SEMI_OR_DIGIT = re.compile(r";|\d")
_BRACKETED = re.compile(r"\([^)]*\)")
_SEMI_OR_DIGIT_2 = re.compile(r"[;]|\d")
_DISSOLVE_LEFT = Folded(r"giải thể|xử lý (?:xong|dứt điểm)", strict=True)
_ROMAN_HEAD = re.compile(r"^[IVXLC]+\.\s")
_COLON = re.compile(r":\s")
_SECTOR_HEAD = Folded(r"lĩnh vực|^(?:\S+\s+){0,3}về\b|đối với|khu vực", strict=True)
_ITEM = re.compile(r"^[-–+*•]")
_ANNUAL_HEAD = re.compile(r"^(?:[-–+*•\d.()\s]*)(?:hằng năm|hàng năm|mỗi năm)\s*:?\s*$", I)
_FIRST_CLAUSE = re.compile(r"[,:]\s")
_LEAD_END = re.compile(r"[:.;(](?:(?<=[:.])\s|(?<=[;(]))")  # ":\s|\.\s|[;(]", opening on one class (see _BOUNDARY)
_FROM_BEFORE = Folded(r"\btừ(?: mức)?\s*$", strict=True)
_UP_TO_AFTER = re.compile(r"^(?:\s*(?:\(|vào )?năm 20\d\d\)?)?[^;.\d]{0,40}?(?<!trở )\blên\b")
_RISE_BEFORE = Folded(r"\btăng(?: thêm)?(?: bình quân)?(?: khoảng| từ| hơn| trên)?\s*$", strict=True)
_YEARLY_AFTER = Folded(r"^[^;,.\d]{0,50}?(?:/\s*năm\b|mỗi năm|hằng năm|hàng năm)", strict=True)
_YEARLY_CLAUSE = Folded(r"^[^;.\d]{0,50}?(?:mỗi năm|hằng năm|hàng năm)\s*[;.]?\s*$", strict=True)


@dataclass(frozen=True)
class Target:
    """One quantified aim, with the evidence it was read from."""

    metric: str
    comparator: str
    value_low: float
    value_high: float
    unit: str
    frequency: str
    target_year: int | None
    period_start: int | None
    period_end: int | None
    sector: str | None
    qualifier: str | None
    metric_text: str
    evidence: str
    char_start: int
    char_end: int
    rule: str
    confidence: float = 1.0  # set by coopdata.confidence: how sure the decision step is that this is an aim
    reasons: str = ""        # the features that moved the confidence most
    review_reason: str = ""  # why a fact waits in target_candidates (low confidence, or a failed plausibility check)


@dataclass
class _Scope:
    """What the headings above a line say about the facts under them."""

    year: tuple[int, int | None, str] | None = None  # (year, period start, cue)
    sector: str | None = None
    doc_sector: str | None = None
    annual: bool = False
    past: bool = False
    horizon: int | None = None
    horizon_is_period: bool = False
    horizon_needs_aim: bool = False  # a congress term's end dates only the lines that state aims
    ce_context: bool = False
    bullet_new: bool = False  # the bullet list being read founds new organisations ("- phát triển mới 50 HTX;")


@dataclass
class _Mention:
    start: int            # offset of the first number in the line
    end: int              # end of number, range and unit
    low: float
    high: float
    unit: str             # count | percent | percent_per_year | vnd | times
    ranged: bool
    num_text: str
    extra: dict = field(default_factory=dict)


def _mentions(line: str) -> list[_Mention]:
    """Every written quantity in a line, with range and unit resolved."""
    out: list[_Mention] = []
    spans: list[tuple[int, int, str, float | None]] = [(m.start(), m.end(), m.group(0), None) for m in _NUM.finditer(line)]
    if _WORD_HINT.search(line):
        # numbers written in words ("hai triệu", "năm nghìn", "một liên hiệp"): the numeral grammar reads them whole
        # a lone "một" before a noun is mostly the article "a" ("một hợp tác xã điển hình"): read as one only after
        # a founding verb ("thành lập một liên minh HTX")
        spans += [(s, e, line[s:e], v) for s, e, v in find_numbers(line) if not any(c.isdigit() for c in line[s:e])
                  and (line[s:e].lower() != "một" or _FOUND_BEFORE.search(line[max(0, s - 25):s]))]
    spans.sort()
    names = [(q.start(), q.end()) for q in _SCHEME_NAME.finditer(line)] if "“" in line or '"' in line else []
    consumed_until = -1
    for start, end, tok, value in spans:
        if start < consumed_until or (names and any(a <= start < b for a, b in names)):
            continue  # (a figure inside another scheme's quoted name: "phê duyệt Đề án “Phát triển 12.000 HTX …”")
        before_at = max(0, start - 30)  # before is line[before_at:start]
        before = line[before_at:start]
        after_at = end  # after is line[after_at:after_at + 40]
        after = line[end:end + 40]
        try:
            low = _number_value(tok) if value is None else value
        except ValueError:
            continue
        high = low
        ranged = False
        pos = end
        r = _RANGE.match(line[pos:pos + 30])
        pct_in_range = False
        if r:
            second = _number_value(r.group(2))
            if second > low and not _YEAR_RANGE_AFTER.match(line[pos:]) or (
                    second > low and low < 1900):
                high, ranged = second, True
                pct_in_range = bool(r.group(1))
                pos += r.end()
                after_at, after = pos, line[pos:pos + 40]
        # numbers that are not quantities (pure filters: the cheapest first, years before the context rules)
        if _FOUR_DIGITS.fullmatch(tok) and 1900 <= low <= 2100 and not ranged:
            continue
        if _NOT_QUANTITY_AFTER.match(after) and not _PERCENT.match(after):
            continue
        if _CURRENT_AFTER.match_in(line, after_at, after_at + 40) or _FILE_NAME_AFTER.match(after):
            continue
        if (_NOT_QUANTITY_BEFORE.search_in(line, before_at, start)
                and not _ABOVE_BEFORE.search_in(line, before_at, start)):
            continue
        if low == 1 and not ranged and (_PER_ONE_BEFORE.search(before) or (
                re.search(r"\bcủa\s*$", before) and re.match(r"^\s*(?:lao động|người)\b", after, I))):
            continue  # "doanh thu bình quân 01 hợp tác xã": per unit, not a count
        if _LIST_NUMBERING.match(line[:start]) and re.match(r"^\s*[.)]", after):
            continue
        unit = "count"
        scale = _SCALE.match(line[pos:])
        if scale:
            factor = _scale_factor(scale.group(1))
            low, high = low * factor, high * factor
            pos += scale.end()
        if _DONG.match(line[pos:]):
            unit = "vnd"
            pos += _DONG.match(line[pos:]).end()
        elif scale and factor >= 1e6 and _MONEY_SUBJECT.search_in(line, max(0, start - 120), start):
            unit = "vnd"  # "thu nhập … lên 14 triệu vào năm 2010": an amount of money with đồng left unsaid
        elif _PERCENT.match(line[pos:]) or pct_in_range:
            unit = "percent"
            m = _PERCENT.match(line[pos:])
            if m:
                pos += m.end()
            if _PER_YEAR.match(line[pos:]):
                unit = "percent_per_year"
        elif _TIMES.match(line[pos:]) and _GAP.search(before):
            unit = "times"
            pos += _TIMES.match(line[pos:]).end()
        consumed_until = pos
        out.append(_Mention(start, pos, low, high, unit, ranged, line[start:pos]))
    # "gấp đôi"
    # a line without "gấp đ" once lowercased cannot match (no letter of it matches another under IGNORECASE)
    for m in _DOUBLE.finditer(line) if "gấp đ" in line.lower() else ():
        out.append(_Mention(m.start(), m.end(), 2.0, 2.0, "times", False, m.group(0)))
    out.sort(key=lambda m: m.start)
    return out


_REACH = 400  # how far around a number its clause and sentence are looked for


def _clause_bounds(line: str, start: int, end: int) -> tuple[int, int]:
    lo = max(0, start - _REACH)
    left = max((m.end() for m in _BOUNDARY.finditer(line, lo, start)), default=lo)
    nxt = _BOUNDARY.search(line, end, min(len(line), end + _REACH))
    return left, (nxt.start() if nxt else min(len(line), end + _REACH))


def _comparator(left: str, right: str, m: _Mention) -> str:
    if m.ranged:
        return "range"
    tail = left[-40:]
    for comp, pat in V.COMPARATOR_BEFORE if V.ANY_COMPARATOR_BEFORE.search(tail) else ():
        if pat.search(tail):
            if comp == "gte" and _FROM_END.search(tail):
                return "gte"
            return comp
    t = V.TRO_LEN_AFTER.match(right)
    if t and not V.TRO_LEN_BLOCKERS.search(t.group(0)):
        return "gte"
    return "eq"


# the quoted name of another act or scheme a figure works within ("12 HTX điểm tham gia Đề án “Nhân rộng … giai đoạn
# 2021 - 2025”"); the name of the page's own act ("UBND tỉnh đã duyệt Đề án “… đến năm 2028”") dates its aims
_SCHEME_WORD = r"(?:Đề án|Chương trình|Dự án|Nghị quyết|Quyết định|Chỉ thị|Kết luận)"
_QUOTED_NAME = re.compile(r"(?:thực hiện|tham gia|theo|thuộc)\s+(?:" + _SCHEME_WORD + r"|Kế hoạch|phong trào|cuộc vận động)"
                          r"(?:\s+số\s+\S+)?\s*(?:“[^”\n]{1,300}”|\"[^\"\n]{1,300}\")", re.IGNORECASE)


def _open_quote(opening: str = "") -> str:
    """A name in either kind of quotes that opens on `opening`, to its closing quote or the end of the line."""
    return r"(?:“" + opening + r"[^”\n]{1,300}(?:”|$)|\"" + opening + r"[^\"\n]{1,300}(?:\"|$))"


# the quoted name of a scheme or act a page cites ("… phê duyệt Đề án “Phát triển 12.000 hợp tác xã nông nghiệp hoạt
# động có hiệu quả đến năm 2027”"), the scheme's word before the quotes or inside them
_SCHEME_NAME = re.compile(r"(?:phê duyệt|ban hành|thực hiện|triển khai|tham gia|theo|thuộc|của)\s+(?:" + _SCHEME_WORD +
                          r"(?:\s+số\s+\S+)?\s*" + _open_quote() + "|" + _open_quote(_SCHEME_WORD) + ")", re.IGNORECASE)


@lru_cache(maxsize=64)
def _year_phrases(line: str) -> tuple[tuple[int, int, int, int | None, str], ...]:
    """(start, end, year, period_start, cue) for every year phrase that can scope a fact."""
    if "20" not in line:  # every phrase below names a year 20xx: most lines have none
        return ()
    out = []
    names = [(q.start(), q.end()) for q in _QUOTED_NAME.finditer(line)] if "“" in line or '"' in line else []
    for m in V.YEAR_PHRASE.finditer(line):
        if V.YEAR_NOT_SCOPE.search_in(line, max(0, m.start() - 50), m.start()):
            continue
        if any(a <= m.start() < b for a, b in names):
            continue  # Đề án "… giai đoạn 2021 - 2025": the period is part of the scheme's name
        y1, y2 = int(m.group("y1")), m.group("y2")
        cue = m.group("cue").lower()
        if y2:
            out.append((m.start(), m.end(), int(y2), y1, "giai đoạn"))
        else:
            out.append((m.start(), m.end(), y1, None, cue))
    for m in _BEFORE_DAY.finditer(line) if "/20" in line else ():
        out.append((m.start(), m.end(), int(m.group(1)), None, "trước"))
    for m in _BRACKET_PERIOD.finditer(line):  # "trong 5 năm tới (2026 - 2030)": a period in brackets
        if not any(p[0] <= m.start() < p[1] for p in out):
            out.append((m.start(), m.end(), int(m.group(2)), int(m.group(1)), "giai đoạn"))
    out.sort()
    return tuple(out)


def _sector_of(text: str) -> str | None:
    for code, pat in V.SECTORS if V.ANY_SECTOR.search(text) else ():
        if pat.search(text):
            return code
    return None


_SECTOR_WORDS = r"phi nông nghiệp|nông nghiệp|nông,? lâm(?: nghiệp)?(?:,? (?:ngư nghiệp|thủy sản))?|tín dụng"
_OWN_SECTOR = re.compile(
    r"^\s*(?:là\s+)?(?:số\s+)?(?:(?:HTX|hợp tác xã|tổ hợp tác|THT)\s*(?:,|và)\s*)*"  # "15.000 HTX, liên hiệp HTX nông nghiệp"
    r"(?:HTX|hợp tác xã|tổ hợp tác|THT|liên hiệp hợp tác xã|liên hiệp HTX|liên hiệp)?\s*"
    r"(?:là\s+(?:các\s+)?(?:HTX|hợp tác xã|tổ hợp tác|THT)\s+)?(?:mới\s+)?"  # "13 HTX là HTX nông nghiệp"
    r"(?:(?:thuộc\s+|trong\s+)?(?:các\s+)?(?:lĩnh vực|ngành)\s+|thuộc\s+(?:các\s+)?)?"
    r"(" + _SECTOR_WORDS + ")", I)
# the sector named just before a figure, after the previous one: "trong lĩnh vực phi nông nghiệp đạt 80%"
# the subject named right before a figure, with its sector ("tổ viên tham gia tổ hợp tác nông nghiệp là 49.768")
_SUBJECT_SECTOR = re.compile(r"(?:HTX|hợp tác xã|tổ hợp tác|THT)\s+(" + _SECTOR_WORDS + r")\b\s*(?:là|đạt|có|khoảng|chiếm|:)?\s*$", I)
# a part of the sentence set apart for one sector: "…; riêng với HTX nông nghiệp, tỷ lệ này là trên 80%"
_ONLY_FOR_SECTOR = re.compile(r"\b(?:riêng|đối) với\s+(?:các\s+)?(?:HTX|hợp tác xã|tổ hợp tác|THT)\s+(" + _SECTOR_WORDS +
                              r")\b[^;.\d]{0,40}$", I)
_LEFT_SECTOR = re.compile(r"(?:lĩnh vực|ngành)\s+(" + _SECTOR_WORDS + r")\b(?![^,;]*\b(?:lĩnh vực|ngành)\b)[^,;\d]{0,30}$", I)


# a list whose last words found every item: "60 - 70 hợp tác xã, liên hiệp hợp tác xã và 10 - 12 mô hình … được
# thành lập mới" (no predicate of its own on the way)
_FOUNDED_AT_LIST_END = re.compile(r"(?:(?!\b(?:có|đạt|nâng|xây dựng|phát triển|hỗ trợ|thu hút|tham gia|là)\b)[^;:])*?"
                                  r"\bđược thành lập mới\s*[.,…]?\s*", I)


# one named firm linking with cooperatives ("Công ty TNHH X liên kết với 10 HTX", "Tập đoàn X liên kết 05 HTX")
_FIRM_LINKS = re.compile(r"\b(?:Công ty|Tập đoàn|Tổng công ty)\b[^;:]{0,80}?\bliên kết(?:\s+[^\s\d;:,]+){0,5}?"
                         r"(?:\s+với)?\s+(?:(?:khoảng|gần|hơn|trên)\s+)?$")
# a count of exemplary cooperatives an amount after it describes ("02 HTX điển hình …, doanh thu bình quân đạt 3,5 tỷ")
_MODEL_COOPS_SUBJECT = re.compile(r"(?<![\d.,])\d+\s+(?:HTX|hợp tác xã)\s+(?:điển hình|kiểu mẫu|tiêu biểu)\b[^;\d]*$", I)
# the workforce of the sector named as the subject of a count of workers
_WORKER_STOCK = re.compile(r"(?:tổng )?số (?:người )?lao động (?:làm việc )?(?:thường xuyên )?(?:trong|tại) (?:các )?"
                           r"(?:khu vực )?(?:kinh tế tập thể|KTTT|HTX|hợp tác xã|kinh tế hợp tác)", I)
_ADDED_WORD = re.compile(r"\bthêm\b", I)  # "thu hút thêm …": what a plan adds
# the other kind of organisation named right after a counted one, with no figure of its own ("20 HTX, THT")
_AND_OTHER_KIND = re.compile(r"^\s*(?:,|\bvà\b|\bhoặc\b|/)\s*(?:các\s+)?(tổ hợp tác|THT|hợp tác xã|HTX)\b", I)


def _count_metric(m: _Mention, line: str, left: str, right: str, near_left: str, list_new: bool
                  ) -> tuple[str, str] | None:
    """Metric for a count: the noun after the number, or the subject named before it.

    left: the clause before the number; near_left: the words since the previous number;
    list_new: the number continues a list whose head founds new organisations.
    """
    head = None
    head_end = 0
    stripped = right.lstrip()
    h = V.COUNT_HEAD.match(stripped)  # the first of V.COUNT_HEADS that matches
    if h:
        head, head_end = V.COUNT_HEADS[int(h.lastgroup[1:])][0], h.end()
        if h.group(0).lower() == "đơn vị":
            # "nâng tổng số HTX lên 1.640 đơn vị", "Liên hiệp HTX … là 7 đơn vị": the subject says what is counted;
            # units admitted to the alliance ("kết nạp thêm 12 đơn vị") are members of it; other units ("4 đơn vị
            # trên sẽ phối hợp") are no cooperatives
            if _subject_before(near_left) is not None:
                head = None
            elif not _ADMIT.search(near_left):
                return None
    after_head = right.lstrip()[head_end:]
    window = _quality_window(right)
    subject_new = False
    if head in (None, "people") and re.search(r"lao động[^;]{0,40}thường xuyên|việc làm thường xuyên", near_left, I):
        return "coop_workers", "count.workers"
    if head == "people" and re.match(r"^\s*người lao động", right, I):
        return "other", "count.other"
    if head in ("coops", "groups") and _FIRM_LINKS.search(near_left):
        return None  # "Tập đoàn X liên kết với 09 hợp tác xã": one firm's partners, not the province's cooperatives
    if _LIMIT_BEFORE.search(near_left):
        return None  # "hạn chế việc có trên 1 HTX cùng sản phẩm ở một xã": a limit, not an aim
    if m.low == 1 and _SHARE_OF_COMMUNES_BEFORE.search(line, max(0, m.start - 90), m.start):
        return None  # the "1 HTX" of "100% xã có ít nhất 1 HTX": read with the share
    if m.low == 1 and head == "coops" and _EACH_COMMUNE_BEFORE.search(line, max(0, m.start - 90), m.start):
        # "mỗi xã đạt chuẩn nông thôn mới đều có ít nhất 1 HTX": every commune (of the kind named) has one, the
        # share of communes with a cooperative at 100 % (the fact builder reads it so)
        return "communes_with_coops_share", _EACH_COMMUNE_RULE
    if _PLACE_PART.search(line, max(0, m.start - 80), m.start):
        return None  # "tối thiểu 02 HTX (TX Đông Hòa: 01 HTX và huyện Tây Hòa: 01 HTX)": the parts by place
    if _EQUIVALENT.search(near_left):
        return None  # "10% tổng số HTX …, với số lượng tương đương 22 HTX": a share restated as a count
    if head is None and _LIST_AFTER_ORG.search(near_left):
        return None  # "4 tổ hợp tác và 5 trang trại": the next item names its own noun (or the text ends on it)
    if head is None or head == "people":
        opens = m.start - len(near_left)  # near_left is line[opens:m.start]
        subject = _subject_before(near_left, opens > 0 and line[opens - 1].isdigit())
        if subject is None:
            if re.search(r"lao động[^;.]{0,40}thường xuyên|việc làm thường xuyên", left + right, I):
                return "coop_workers", "count.workers"
            return ("other", "count.other") if head == "people" and re.match(r"^\s*[-–+•]", line) else None
        head_was_people = head == "people"
        head, subject_new, subject_text = subject
        if head_was_people and head != "members":
            if head == "coops" and _MEMBERS_OF_COOPS.search(left):
                # "số thành viên tham gia 20 HTX mới khoảng 900 người": the members of the cooperatives named
                return ("new_coop_members" if subject_new else "coop_members"), "count.members"
            return "other", "count.other"
        if head == "high_tech":
            return "high_tech_coops", "count.subject_before"
        window = window + " " + subject_text
        new = subject_new
    else:
        clause_after = _CLAUSE_END.split(line[m.end:m.end + 80])[0].lstrip()[head_end:]
        # (NEW_AFTER asks of the clause, not of `right`, which ends at the next number: a founding verb that the
        # next number follows is that number's)
        new = (bool(V.NEW_VERB.search(near_left)) or list_new or bool(V.NEW_AFTER.match(clause_after))
               or ("được thành lập mới" in line[m.end:m.end + 240] and bool(
                   _FOUNDED_AT_LIST_END.fullmatch(_CLAUSE_END.split(line[m.end:m.end + 240])[0].lstrip()[head_end:])))
               or bool(V.NEW_AFTER_LIST.match(clause_after)) or bool(V.NEW_VERB_NEAR.search(near_left)))
    if head in ("coops", "groups", "unions") and _DISSOLVED_AFTER.match(after_head):
        # "40 THT được thành lập mới và 25 THT bị giải thể": the item's own verb, not the list's founding one
        return ("dissolved_coops" if head == "coops" else "other"), "count.dissolve"
    if head == "union_member_coops":
        return "coop_union_member_coops", "count.head"
    if head == "members":
        if _SIZE_BEFORE.search(near_left[-40:]):
            return None  # "04 HTX có quy mô từ trên 200 thành viên": the size of each, counted with the cooperatives
        if _PER_ORG_AFTER.match(after_head):
            return "other", "count.other"  # "30 thành viên/hợp tác xã": an average per cooperative
        if subject_new:
            return "new_coop_members", "count.subject_before"
        return _members_metric(left, line[m.end:m.end + 80])
    if head == "trained":
        return "trained_coop_staff", "count.head"
    if head == "workers":
        if re.search(r"việc làm mới", left, I):
            return "other", "count.other"  # new jobs created, not the regular workers of the cooperatives
        if re.search(r"thường xuyên", left + window, I) or (
                _WORKER_STOCK.search(near_left) and not _ADDED_WORD.search(near_left)):
            # "nâng tổng số lao động làm việc trong khu vực kinh tế tập thể đạt 31.000 lao động": the sector's
            # workers (those it adds, "thu hút thêm …", and jobs it creates are not its workforce)
            return "coop_workers", "count.head"
        return "other", "count.other"
    if head == "federations" or (head == "coops" and _ADMIT.search(near_left)):
        return "other", "count.other"
    other_kind = _AND_OTHER_KIND.match(after_head) if head in ("coops", "groups") else None
    if other_kind and _org_kind(other_kind.group(1)) not in (head, None):
        # "hỗ trợ thành lập 15 hợp tác xã, tổ hợp tác do nông dân trẻ quản lý": one figure for both kinds together
        return ("new_collective_orgs" if new else "other"), "count.head"
    if head == "credit_funds":
        return None if re.match(r"^\s*(?:\S+\s+)?(?:đang|hiện)", after_head, I) else ("other", "count.other")
    if head in ("orgs", "orgs_first"):
        if _TOP300.search_in(line, m.end, m.end + 160):
            return "ica_top300_orgs", "count.head"
        if new:
            return "new_collective_orgs", "count.head"
        return None
    if _SKIP_AFTER_HEAD.match(after_head) or V.PER_UNIT_AFTER.match(after_head):
        return "other", "count.other"
    if head == "coops" and _NAMED_LIST.match(after_head):
        # "12 hợp tác xã Bình Định, Quang Lanh, Vũ An … tham gia xây dựng mô hình": named cooperatives enumerated
        # for a programme, not a count of the province's cooperatives
        rest = _CLAUSE_END.split(line[m.end:m.end + 600])[0]
        return ("model_coops" if re.search(r"mô hình", rest, I) else "other"), "count.named"
    if head == "coops" and _MEMBERS_ARE.search(near_left) and re.search(V.UNION, left, I):
        return "coop_union_member_coops", "count.head"  # "1 liên hiệp HTX với số thành viên ban đầu tối thiểu là 4 HTX"
    if head in ("coops", "models", "groups") and not new and V.PER_UNIT.search(near_left[-30:]):
        return None  # "mỗi huyện có ít nhất 1 mô hình HTX kiểu mới": each district's figure, no total of the plan
    if head in ("coops", "models"):
        if head == "models" and _FARM_SUBJECT.search(near_left[-60:]):
            return None  # "riêng kinh tế trang trại hình thành 200 mô hình": farms, not cooperatives
        subject = _NUMBER_OF_COOPS.search(near_left)
        if subject and head == "models" and re.search(r"\blên\s*$", near_left, I):
            # "đưa số lượng HTX toàn tỉnh lên 700 mô hình": the number of cooperatives, counted as "models"
            return ("new_coops" if new else "coops"), "count.subject_before"
        if subject:
            window = window + " " + subject.group(0)
        if _TOP300.search_in(line, m.end, m.end + 160):
            return "ica_top300_orgs", "count.quality"
        if head == "coops" and _PILOT_AFTER.match(after_head):
            return "model_coops", "count.quality"  # "15 hợp tác xã điểm": pilot cooperatives, models to replicate
        for metric, pat in V.COUNT_QUALITIES:
            if pat.search(window):
                if metric == "value_chain_share" and head == "models" and not re.search(r"doanh nghiệp", window, I):
                    continue
                if metric == "model_coops" and head == "coops" and not re.search(r"kiểu mới|điển hình|mô hình", window[:60], I):
                    continue
                if metric == "value_chain_share" and head == "coops" and new:
                    return "new_coops", "count.head"  # "thành lập mới 12 HTX … gắn với chuỗi liên kết": founded
                return metric, "count.quality"
        if V.DISSOLVE.search(near_left[-40:]):
            return "dissolved_coops", "count.dissolve"
        acted = _ACTED_ON.search(near_left[-80:])
        if head == "coops" and not new and (acted or _RISE_BY.search(near_left[-20:])):
            if acted and "chọn" in acted.group(0) and re.search(r"mô hình", _CLAUSE_END.split(line[m.end:m.end + 200])[0], I):
                return "model_coops", "count.quality"  # "chọn tối đa 04 HTX làm thí điểm theo các mô hình của Đề án"
            return "other", "count.other"
        if head == "models":
            return "model_coops", "count.head"
        if V.PER_UNIT.search(near_left[-30:]) and not new:
            return None
        return ("new_coops" if new else "coops"), "count.head"
    if head == "unions":
        return ("new_coop_unions" if new else "coop_unions"), "count.head"
    if head == "groups":
        return ("new_coop_groups" if new else "coop_groups"), "count.head"
    return None


_ACROSS_FIELDS = re.compile(r"\b(?:trên|trong|thuộc|ở)\s+(?:các|nhiều)\s+(?:lĩnh vực|ngành)\b", I)


def _quality_window(right: str) -> str:
    """The words that qualify a counted noun: up to the first comma that does not continue a list of nouns."""
    # "26 HTX thuộc các ngành trồng trọt công nghệ cao và …": the fields they work in, not what they are
    text = _ACROSS_FIELDS.split(_SEMI_OR_DIGIT.split(_BRACKETED.sub("", right))[0], maxsplit=1)[0]
    parts = text.split(",")
    out = parts[0]
    for part in parts[1:]:
        if _LIST_NOUN.match(part):
            out += "," + part
        else:
            break
    return out[:120]


# the previous number's own noun and the "và" or comma that opens the next item
_OWN_NOUN_THEN_NEXT = re.compile(r"^\s*(?:" + V.UNION + "|" + V.GROUP + "|" + V.ORG + r")\s*(?:,|\bvà\b)\s", I)
_SUBJECT_ORG = re.compile(r"(?:(?:số|tổng số)(?: lượng)?\s+)?(" + V.UNION + "|" + V.GROUP + "|" + V.ORG +
                          r"|thành viên|tổ viên)", I)


def _subject_before(near_left: str, after_number: bool = False) -> tuple[str, bool, str] | None:
    """The counted subject named before a bare number: "số HTX toàn tỉnh đạt 900", "liên hiệp HTX thành lập mới từ 15".

    after_number: near_left opens right after the previous number, whose own noun may open it: "xây dựng mới 1 HTX
    và thành lập 1 chi hội" names no subject for the second number ("tăng từ 100 HTX lên 150" does)."""
    if after_number:
        near_left = _OWN_NOUN_THEN_NEXT.sub("", near_left, count=1)
    for kind, pat in V.COUNT_SUBJECT_BEFORE:
        if kind == "high_tech" and pat.search(near_left) and re.search(r"\bsố\b", near_left, I):
            return "high_tech", False, near_left
    # past a comma the phrase names its own subject ("… 1.000 HTX, thành viên đạt 150.000 người"): the words
    # since the previous number begin with that number's own noun
    last = max(near_left.rfind(","), near_left.rfind(";"))
    if last != -1 and _SUBJECT_ORG.search(near_left, last):
        near_left = near_left[last + 1:]
    found = list(_SUBJECT_ORG.finditer(near_left))
    if not found:
        return None
    # the subject is the first organisation noun of the phrase ("số thành viên HTX" counts members)
    f = next((x for x in found if re.match(r"(?:số|tổng số)", x.group(0), I)), found[0])
    word = f.group(1).lower()
    after = near_left[f.end():]
    before = near_left[:f.start()]
    if re.search(r"\bcủa\s+(?:các\s+)?$", before) and not word.startswith(("thành viên", "tổ viên")):
        return None  # "doanh thu và lãi của hợp tác xã tăng bình quân từ 6": what grows is theirs, not them
    new = bool(re.search(r"^\s*(?:\S+\s+){0,3}?(?:được\s+)?(?:thành lập mới|lập mới|mới)\b", after, I)) or bool(
        V.NEW_VERB.search(before[-30:]))
    if word.startswith(("thành viên", "tổ viên")):
        kind = "members"
    elif re.match(r"liên hiệp|lhhtx|lh htx", word):
        kind = "unions"
    elif re.match(r"tổ hợp tác|tht", word):
        kind = "groups"
    else:
        kind = "coops"
    return kind, new, near_left[f.start():]


def _org_kind(noun: str) -> str | None:
    """'groups', 'unions' or 'coops' for a cooperative noun as the texts write it; None for the collective economy."""
    o = noun.lower()
    if re.match(r"tổ hợp tác|tht", o):
        return "groups"
    if re.match(r"liên hiệp|lhhtx", o):
        return "unions"
    return "coops" if re.match(r"hợp tác xã|htx", o) else None


def _members_metric(left: str, right: str) -> tuple[str, str] | None:
    r = right.lstrip()
    if re.match(r"^(?:thành viên|xã viên)\s+mới", r, I):
        return "other", "count.other"
    if re.match(r"^tổ viên", r, I):
        return "coop_group_members", "count.members"
    direct = re.match(r"^(?:thành viên|xã viên)\s+(?:của\s+)?(?:các\s+)?(" + V.GROUP + "|" + V.ORG + "|" + V.KTTT + ")", r, I)
    part = re.match(r"^(?:thành viên|xã viên)\s+tham gia\s+(?:vào\s+)?(?:các\s+)?(?:\S+\s+){0,2}?(" + V.GROUP + "|" + V.ORG + "|" + V.KTTT + ")", r, I)
    org = None
    for m in (direct, part):
        if m:
            org = m.group(1)
            break
    new = False
    if org is None:
        item = re.split(r";", left)[-1]
        found = list(re.finditer(V.GROUP + "|" + V.UNION + "|" + V.ORG + "|" + V.KTTT, item, I))
        if not found:
            return None
        org = found[-1].group(0)
        before_org = item[:found[-1].start()]
        if len(found) > 1 and re.fullmatch(r"\s*(?:,|và|/)\s*", item[found[-2].end():found[-1].start()]) and (
                {_org_kind(found[-2].group(0)), _org_kind(org)} == {"coops", "groups"}):
            return "collective_members", "count.members"  # "kinh tế HTX, THT thu hút 40.000 thành viên": both kinds
        new = not _OPERATING.search(item) and (bool(V.NEW_VERB.search(re.split(r"\bnâng\b", before_org)[-1])) or bool(
            re.search(r"(?:HTX|hợp tác xã|tổ hợp tác|THT)\s+mới", item, I)))
    kind = _org_kind(org)
    if kind == "groups":
        return ("new_coop_group_members" if new else "coop_group_members"), "count.members"
    if kind == "unions":
        return None
    if kind == "coops":
        return ("new_coop_members" if new else "coop_members"), "count.members"
    return "collective_members", "count.members"


_NONE_WEAK = re.compile(r"không (?:có|còn|để)[^;,.]{0,25}?(?:yếu,? kém|(?:xếp )?loại yếu\b|ngưng hoạt động|không hoạt động)", I)


# past a comma or "và" a new subject or a new aim begins ("80% HTX hoạt động hiệu quả, tỷ lệ HTX yếu kém còn dưới 3%",
# "… chiếm 20% trở lên và giải thể các HTX yếu kém"): its words do not describe the number before
_NEW_SUBJECT = re.compile(r"(?:,|\svà)\s*(?:tỷ lệ|tỉ lệ|số|không còn|không để|hạ thấp|giảm|xóa|xoá)\s|"
                          r"\s(?:và|,)\s*(?:giải thể|xử lý|sáp nhập|xóa|xoá|không còn)\b", I)


# a share of communes with at least one cooperative: the "1" is part of the share, not a count
_COMMUNES_WITH_ONE = re.compile(r"\s*(?:số\s+)?(?:các\s+)?xã\b[^;.%\d]{0,60}?(?:có|đều có)\s+(?:ít nhất|tối thiểu)\s+"
                                r"(?:1|01|một)\s+(?:HTX|hợp tác xã)", I)
_COMMUNE_HAS_AT_LEAST = r"xã\b[^;.%\d]{0,60}?(?:có|đều có)\s+(?:ít nhất|tối thiểu)\s*$"  # "… xã … đều có ít nhất"
_EACH_COMMUNE_BEFORE = re.compile(r"\b(?:mỗi|mọi|tất cả các)\s+" + _COMMUNE_HAS_AT_LEAST, I)
_EACH_COMMUNE_RULE = "count.each_commune"
_SHARE_OF_COMMUNES_BEFORE = re.compile(r"%\s*(?:số\s+)?(?:các\s+)?" + _COMMUNE_HAS_AT_LEAST, I)
_TRAINING_BEFORE = re.compile(r"\b(?:" + V.TRAINING + r")\b", I)
_LEVEL = re.compile(V.EDUCATION_LEVEL, I)
_FARMS_OR_FIRMS = re.compile(r"\s*(?:số\s+)?(?:các\s+)?(?:trang trại|doanh nghiệp|hội quán)\b(?!\s*(?:,|và|hoặc)\s*(?:HTX|hợp tác xã))", I)
_VALUE_SHARE = Folded(r"(?:tỷ|tỉ) (?:lệ|trọng) (?:\S+ ){0,2}?(?:giá trị sản|sản lượng|diện tích)", strict=True)


_BREAKDOWN_BRACKET = re.compile(r"^\s*\((?:trong đó|bao gồm|gồm)\b[^)]*\)?", I)


def _percent_metric(left: str, right: str, right_clause: str = "") -> tuple[str, str] | None:
    """right: the words after the number up to the next number; right_clause: up to the clause's end."""
    if _COMMUNES_WITH_ONE.match(right_clause):  # "100% xã có ít nhất 1 HTX hoạt động hiệu quả"
        return "communes_with_coops_share", "percent.after"
    if _FARMS_OR_FIRMS.match(right):
        return None  # "15% trang trại ứng dụng công nghệ cao": a share of farms or firms, not of cooperatives
    # "… hoạt động hiệu quả đạt trên 85% (trong đó xếp loại tốt, khá …)": a bracket that breaks the share down says
    # nothing of what it is a share of
    right, right_clause = _BREAKDOWN_BRACKET.sub("", right, count=1), _BREAKDOWN_BRACKET.sub("", right_clause, count=1)
    # "80% HTX hoạt động hiệu quả, không có đơn vị yếu kém": the zero-weak aim is read on its own (_NO_MORE)
    window = _NEW_SUBJECT.split(_NONE_WEAK.sub("", _SEMI_OR_DIGIT_2.split(right)[0][:140]), maxsplit=1)[0]
    if _DISSOLVE_LEFT.search(left):
        return "dissolved_coops", "percent.dissolve"
    for metric, pat in V.PERCENT_CUES:
        if pat.search(window):
            if metric == "trained_manager_share" and _TRAINING_BEFORE.search(left[-160:]) and not _LEVEL.search(window):
                # "tổ chức tập huấn … cho ít nhất 75% cán bộ HTX": trained in courses, no level of education named
                return "trained_coop_staff", "percent.after"
            return metric, "percent.after"
    shared = _shared_predicate(right_clause)
    if shared:
        for metric, pat in V.PERCENT_CUES:
            if pat.search(shared):
                return metric, "percent.after"
    if _VALUE_SHARE.search(left) and not _ECONOMY_GROWTH.search(left):
        # "tỷ lệ giá trị sản phẩm … được sản xuất dưới hình thức hợp tác, liên kết đạt 35%": a share of farm output,
        # not of cooperatives, whatever the words about linkage say
        return "other", "percent.other"
    # "…, không còn HTX xếp loại yếu, nâng tỷ lệ HTX xếp loại tốt, khá lên trên 70%": the zero-weak aim before is
    # read on its own, and says nothing of the share after it
    left_cues = _NONE_WEAK.sub("", left)
    for metric, pat in V.PERCENT_CUES:
        if pat.search(left_cues):
            return metric, "percent.before"
    if re.search(r"^\s*\)?\s*(?:số\s+)?(?:các\s+)?(?:HTX|hợp tác xã)\b", window, I) or re.search(
            r"(?:HTX|hợp tác xã)[^;]{0,120}(?:đều|toàn bộ|tất cả)\s*\(?\s*$", left, I):
        return "other", "percent.other"
    return None


_SHARE_ITEM = re.compile(r"[\d.,]+\s*%")
_PLAIN_ITEM = re.compile(r"\s*(?!và\b)(?:số\s+)?(?:HTX|hợp tác xã|THT|tổ hợp tác|liên hiệp(?: HTX)?|[^\W\d]+(?: [^\W\d]+)?)"
                         r"\s*(?:,|\bvà\b)?\s*")


def _shared_predicate(right_clause: str) -> str | None:
    """The words that close a list of shares of plain nouns, said of every item: "70% HTX (24/34 HTX), 50% THT
    (18/35 THT) có liên kết sản xuất …" (None unless every item before the last is a noun alone)."""
    parts = _SHARE_ITEM.split(_BRACKETED.sub("", right_clause))
    if len(parts) < 2:  # the last item: its words, past the bracket that restates it ("40% THT (20/50 THT) có …")
        return parts[0][:140] if "(" in right_clause[:30] else None
    if not all(_PLAIN_ITEM.fullmatch(x) for x in parts[:-1]):
        return None
    return parts[-1][:140]


# whose income: "thu nhập bình quân của cán bộ, thành viên …", or right before the subject: "thu nhập thành viên"
_INCOME_OF = re.compile(r"thu nhập(?:\s+bình quân)?(?:(?:\s+\S+){0,3}?\s+của\b[^;]*|(?:\s+(?:của|các|cho))*\s*)$", I)


_GROWTH_AFTER = re.compile(r"\s*(?:/\s*năm\b)?\s*(?:về\s+|của\s+)?([^\W\d][^,;.\d]{0,40})")


def _growth_metrics(left: str, right: str) -> list[str]:
    if re.search(r"doanh thu(?: và|,)? (?:lợi nhuận|lãi)\b", left, I):  # "doanh thu, lợi nhuận", "doanh thu lợi nhuận"
        return ["revenue_growth_rate", "profit_growth_rate"]
    # what grows may follow the figure: "tăng 15%/năm doanh thu bình quân", "tăng trưởng 12%/năm vốn góp"
    named_after = _GROWTH_AFTER.match(right)
    if named_after:
        for metric, pat in V.GROWTH_CUES:
            if metric != "sector_growth_rate" and pat.match(named_after.group(1)):
                return [metric]
    best, best_pos = None, -1
    for metric, pat in V.GROWTH_CUES:
        for f in pat.finditer(left):
            specific = metric != "sector_growth_rate"
            if (specific and (best in (None, "sector_growth_rate") or f.start() > best_pos)) or (
                    not specific and best is None):
                best, best_pos = metric, f.start()
    if best == "member_growth_rate" and _INCOME_OF.search(left, 0, best_pos):
        best = "income_growth"  # "thu nhập bình quân của thành viên … tăng 12%/năm": whose income grows
    if best is None:
        window = re.split(r"[;]|\d", right)[0][:60]
        for metric, pat in V.GROWTH_CUES:
            if pat.search(window):
                return [metric]
        return []
    return [best]


def _money_metric(left: str, right: str) -> str | None:
    near = left[-110:]
    if V.MONEY_OTHER_UNIT.search(near) or V.MONEY_OTHER_UNIT.search(right[:20]) or V.NAMED_COOP_MONEY.search(near) \
            or V.MONEY_SIZE_CLASS.search(near):
        return "other"
    best, best_pos = None, -1
    for metric, pat in V.MONEY_CUES:
        for f in pat.finditer(near):
            if f.start() > best_pos or (f.start() == best_pos and metric == "coop_total_revenue"):
                best, best_pos = metric, f.start()
    if best is None and best_pos != -1:
        return None  # the amount is capital
    if best == "avg_coop_revenue" and V.MONEY_CUES[0][1].search(near):
        best = "coop_total_revenue"
    if best == "avg_member_income" and V.COOP_INCOME.search(near[best_pos:]):
        return "other"
    if best is None:
        after = _COMMA_OR_SEMI.split(right[:25], maxsplit=1)[0]  # "… 900 tỷ đồng, doanh thu …" names the next one
        for metric, pat in V.MONEY_CUES[1:]:
            if pat.search(after):
                return metric
    return best


_COMMA_OR_SEMI = re.compile(r"[,;]")


def _letters(line: str) -> int:
    return sum(c.isalpha() for c in line)


def _is_heading(line: str) -> bool:
    return len(line) < 140 and (bool(_HEADING.match(line)) or line.endswith(":") or
                                (line.upper() == line and _letters(line) >= 6))  # "318 HTX." is a row, not a heading


def _heading_scope(line: str, scope: _Scope) -> None:
    """Update the scope from a heading line (year, sector, annual)."""
    major = bool(_ROMAN_HEAD.match(line) or (line.upper() == line and len(line) > 6 and _letters(line) >= 6))
    if major:
        scope.year, scope.sector, scope.annual = None, None, False
    past, aim = V.PAST_SECTION.search(line), V.AIM_SECTION.search(line)
    if V.FURNITURE_HEAD.search(line):
        scope.past = True
    elif past and (not aim or past.start() < aim.start()):
        scope.past = True
    elif major or aim:
        scope.past = False
    years = _year_phrases(line)
    if years and (len(line) < 80 or line.rstrip().endswith(":") or years[0][0] < 25):
        y = years[0]
        scope.year = (y[2], y[3], y[4])
        scope.annual = False
    if not _ITEM.match(line):  # list items never change the sector scope (nor is their sector read)
        head_part = _COLON.split(line)[0]
        sector = _sector_of(head_part) if _SECTOR_HEAD.search(head_part) or len(head_part) < 60 else None
        if _HEADING.match(line) and not years:
            scope.sector = sector
        elif sector:
            scope.sector = sector
    if _ANNUAL_HEAD.match(line):
        scope.annual = True


def _paragraph_scope(line: str, scope: _Scope) -> None:
    """A paragraph that opens with a year phrase ("(2) Đến năm 2025, ...") scopes the ones after it."""
    years = _year_phrases(line)
    body = _HEADING.sub("", line, count=1)
    lead = len(line) - len(body)
    opener = V.PARAGRAPH_OPENER.match(body)
    lead += opener.end() if opener else 0
    if years and years[0][0] - lead < 8 and V.PERIOD_CUES.search(years[0][4]):
        y = years[0]
        scope.year = (y[2], y[3], y[4])
        return
    # "Trong kế hoạch phát triển kinh tế tập thể giai đoạn 2021-2025, thành phố đặt mục tiêu ...": a plan named
    # with its period in the paragraph's first clause scopes the paragraphs after it
    first = _FIRST_CLAUSE.split(body, maxsplit=1)[0]
    plan_period = [p for p in years if p[0] < lead + len(first) and p[4] == "giai đoạn"]
    if plan_period and len(first) <= 120 and _PLAN_NAMED.search(first) and not V.PAST.search(first):
        y = plan_period[0]
        scope.year = (y[2], y[3], y[4])


# a paragraph that goes on from the one before ("Theo đó, …", "Trong đó, …") reads in the time that one closes on
_CONTINUES = re.compile(r"^[-–+•\s]*(?:theo đó|cụ thể|trong đó|đồng thời|ngoài ra|bên cạnh đó)\b", I)
_CLAUSE_BREAK = re.compile(r"[.;!?]")


def _closing_year(line: str) -> tuple[int, int | None, str] | None:
    """The time a paragraph's last year phrase sets for what follows it, when that phrase is a horizon or a period
    ("… đặt mục tiêu cụ thể đến năm 2030.") or the year of a plan it names ("… kế hoạch phát triển kinh tế tập thể
    tỉnh năm 2024 vừa được ban hành."); None for a year of results ("Năm 2023, toàn tỉnh có …", "tính đến năm …")."""
    phrases = _year_phrases(line)
    if not phrases:
        return None
    start, _, year, first, cue = phrases[-1]
    clause = line[max(0, start - 100):start]
    clause = clause[max((m.end() for m in _CLAUSE_BREAK.finditer(clause)), default=0):]
    if V.PAST.search(clause) or _TINH_DEN.search(clause):
        return None
    if V.PERIOD_CUES.search(cue) or _PLAN_NAMED.search(clause):
        return year, first, cue
    return None


_TINH_DEN = re.compile(r"\btính\s*$", I)
_BRACKET_PERIOD = re.compile(r"\(\s*(20[0-6]\d)\s*[-–]\s*(20[0-6]\d)\s*\)")
_PLAN_NAMED = Folded(r"(?<!\w)(?:kế hoạch|chương trình|đề án|nghị quyết|chiến lược)(?!\w)")


_TITLE_WORD = re.compile(
    r"Kế hoạch|Chương trình|Chiến lược|Đề án|Nghị quyết|Quyết định|Mục tiêu|Chỉ tiêu|Định hướng|KẾ HOẠCH|CHƯƠNG TRÌNH")
_PLAN_TITLE_WORD = re.compile(
    r"kế hoạch|chương trình|đề án|nghị quyết|quyết định|phát triển|chỉ tiêu|mục tiêu|mô hình", I)
_LIST_NOUN = re.compile(r"\s*(?:HTX|hợp tác xã|THT|tổ hợp tác|liên hiệp|KTTT)\b", I)
_LIST_BREAK = re.compile(r"[;:]|\bvới\b|\bgồm\b|trong đó|\bcó\b|\d")
_FROM_END = Folded(r"\btừ\s*$", strict=True)


_TITLE_MAX = 250


def _horizon(text: str) -> tuple[int | None, bool, bool]:
    """The last year of the period a plan's title names ("giai đoạn 2022 - 2025", "đến năm 2030"), whether it is a
    period, and whether it dates only the lines that state aims (a congress term: its report tells results too)."""
    lines = [ln for ln in text.split("\n")[:12] if ln.strip()]
    # a title is a short line: a paragraph that names a document ("Trước đó, tỉnh đã ban hành Đề án … giai đoạn
    # 2021-2025, …") speaks of another plan
    title = next((ln for ln in lines if _TITLE_WORD.search(ln) and len(ln) <= _TITLE_MAX), "")
    title = re.sub(r"\((?!nhiệm kỳ|giai đoạn)[^)]*\)|(?<=tham gia Đề án )“[^”]*”|(?<=theo Đề án )“[^”]*”", "", title)
    spans = [p for p in _year_phrases(title) if V.PERIOD_CUES.search(p[4])]
    if not spans:
        # a congress page: the aims its resolution sets run to the end of the term it opens ("Đại hội đại biểu Liên
        # minh HTX tỉnh lần thứ I, nhiệm kỳ 2025-2030"), not of the one it reviews ("đã tổng kết nhiệm kỳ 2020-2025")
        terms = [int(m.group(2)) for m in _CONGRESS_TERM.finditer(text, 0, _CONGRESS_LEAD)
                 if not _REVIEW_WORD.search(m.group(0))]
        return (max(terms), True, True) if terms else (None, False, False)
    return spans[-1][2], spans[-1][3] is not None, False


_CONGRESS_TERM = re.compile(r"Đại hội[^.\n]{0,150}?nhiệm kỳ\s+(20[0-6]\d)\s*[-–]\s*(20[0-6]\d)(?!\d)", I)
_REVIEW_WORD = re.compile(r"tổng kết|đánh giá|kết quả", I)
_CONGRESS_LEAD = 1500


def _doc_sector(text: str) -> str | None:
    """A plan about agricultural cooperatives scopes all its aims: said in its title, not in a news lead's sentence."""
    titles = [ln for ln in text.split("\n")[:4] if len(ln) < 200 and _PLAN_TITLE_WORD.search(ln)]
    if any(re.search(r"(?:HTX|hợp tác xã) nông nghiệp|lĩnh vực nông nghiệp", ln, I) for ln in titles):
        return "agriculture"
    return None


# a year phrase followed by a figure of its own opens the next item ("đóng góp 3,2% vào GDP đến năm 2027 và đến năm
# 2030 là 3,6%"): it does not date the figure before it
_FIGURE_OF_ITS_OWN = re.compile(r"\s*,?\s*(?:là|đạt|lên|có)?\s*(?:khoảng|trên|hơn|gần|ít nhất|tối thiểu|từ)?\s*\d", I)


def _time_for(line: str, m: _Mention, scope: _Scope, sent_start: int, sent_end: int
              ) -> tuple[int | None, int | None, str | None]:
    """(year, period_start, cue) governing the mention."""
    phrases = [p for p in _year_phrases(line) if sent_start <= p[0] < sent_end]
    right_after = [p for p in phrases if m.end <= p[0] <= m.end + 30 and not re.search(r"[;\d]", line[m.end:p[0]])
                   and re.match(r"(?:vào|trong|đến|tới)", p[4] if p[4] != "giai đoạn" else "x")
                   and not _FIGURE_OF_ITS_OWN.match(line, p[1])]
    if right_after:
        p = right_after[0]
        return p[2], p[3], p[4]
    before = [p for p in phrases if p[1] <= m.start]
    if before:
        p = before[-1]
        return p[2], p[3], p[4]
    line_before = [p for p in _year_phrases(line) if p[1] <= sent_start]
    after = [p for p in phrases if p[0] >= m.end]
    if after and (not line_before or ";" not in line[m.end:after[0][0]]):
        p = after[0]  # a year later in the clause; past a ';' it belongs to the next aim, and the sentence before wins
        for q in after[1:]:  # "đạt mục tiêu cơ bản vào năm 2025, hoàn thiện mô hình đến năm 2030": the aim's end
            between = line[p[1]:q[0]]
            if ";" in between or _DIGIT.search(between) or not _COMPLETES.search(between):
                break
            p = q
        return p[2], p[3], p[4]
    if line_before:
        p = line_before[-1]
        return p[2], p[3], p[4]
    if _OPEN_FUTURE.search_in(line, sent_start, sent_end):
        return None, None, None  # "phấn đấu trong thời gian tới": no year is stated, none is borrowed
    if scope.year:
        return scope.year
    if scope.horizon and (not scope.horizon_needs_aim or _AIM_WORD.search_in(line, sent_start, sent_end)):
        return scope.horizon, None, "đến"
    return None, None, None


# the words that state an aim ("thành lập mới" alone does not: reports use it too): a congress term dates a figure
# only in a sentence that has one (not "… thành lập mới 41 HTX" in its report of the term that ends, nor the members
# it speaks to), and a sentence measured against its plan is an aim only when one opens it
_AIM_WORD = Folded(r"(?<!\w)(?:phấn đấu|mục tiêu|chỉ tiêu|phương hướng|đặt ra|đề ra|sẽ|cần|dự kiến|định hướng|"
                   r"trong \d+ năm tới|(?:những|các) năm tới|thời gian tới|(?:đến|tới) năm)(?!\w)", strict=True)
# a second stage of the same aim, completing it: the later year is the aim's
_COMPLETES = re.compile(r"\bhoàn (?:thiện|chỉnh|thành)\b", I)
_OPEN_FUTURE = Folded(r"(?<!\w)(?:(?:trong )?thời gian tới|(?:những|các|mấy) năm tới|trong \d+ năm tới)(?!\w)")


def extract_targets(text: str, doc_year: int | None = None) -> list[Target]:
    """All target facts in a normalised text, in reading order, duplicates removed.

    doc_year: the single year a one-year plan is for. A figure for a year before the plan was issued is read like
    any other; the decision step (confidence.score_targets) sends it to review.
    """
    out: list[Target] = []
    seen: dict[tuple, int] = {}        # fact key -> its index in out
    seen_title: dict[tuple, int] = {}
    last_heading = ""  # the uppercase heading being read, with its wrapped lines
    first = text.lstrip()
    title_end = len(text) - len(first) + (first.find("\n") if "\n" in first else len(first))
    horizon = _horizon(text)
    scope = _Scope(doc_sector=_doc_sector(text), horizon=horizon[0], horizon_is_period=horizon[1],
                   horizon_needs_aim=horizon[2])
    carry: tuple[int, int | None, str] | None = None  # the time the paragraph before closes on (_closing_year)
    for line_start, line in segments(text):
        if not line.strip():
            continue
        original = line
        if "http" in line or "www." in line:
            line = _URL.sub(lambda u: " " * len(u.group(0)), line)
        prev_heading = last_heading
        if not _BULLET.match(line):
            scope.bullet_new = False
        heading = _is_heading(line)
        last_heading = (prev_heading + " " + line if prev_heading and heading and not _HEADING.match(line)
                        and line.upper() == line else line) if heading and line.upper() == line else ""
        if heading and not line.startswith(("-", "+", "•")):
            scope.ce_context = bool(_CE_WORD.search(line))
        # a heading wrapped over several lines ("ĐÁNH GIÁ TÌNH HÌNH PHÁT" / "TRIỂN KINH TẾ TẬP THỂ NĂM 2018") is one
        # heading: its continuation neither opens a new section nor ends the one it names
        wrapped = heading and prev_heading and not _HEADING.match(line) and line.upper() == line
        if heading and wrapped:
            _heading_scope(prev_heading + " " + line, scope)
        elif heading:
            _heading_scope(line, scope)
        else:
            carried = carry if carry and _CONTINUES.match(line) else None
            if carried:
                scope.year = carried
            if _HAS_YEAR.search(line):
                _paragraph_scope(line, scope)
            carry = _closing_year(line) or carried
        if not _has_fact(line):
            continue  # no number and no "không còn": nothing to read here (the scope is already updated)
        lead = _LEAD_END.split(line, maxsplit=1)[0]
        if scope.past or _PREAMBLE.match(line):
            continue  # (a legal text's preamble cites the acts it rests on: "Căn cứ Quyết định … Đề án “Phát triển
            # 9.000 HTX …”" names other acts' figures)
        if ": " in line and V.AWARD_LEAD.search_in(line, 0, line.index(": ")):
            continue  # an award's criteria, listed after its name
        if V.PAST.search_in(line, 0, len(lead)) or V.PAST_LEAD.search(lead):  # lead is line[:len(lead)]
            # a paragraph that opens with results may still turn to aims ("… trong 5 năm qua … Mục tiêu … là …"):
            # only its sentences that state an aim before any result cue are read
            line = _aim_sentences(line)
            if not _has_fact(line):
                continue
        bullet = bool(_BULLET.match(line))
        for fact in _line_facts(line, scope, doc_year):
            # one aim stated twice (a headline and the body, or twice in the body) is one fact: the same
            # fields but the comparator; the reading that names a comparator ("ít nhất 2.000 HTX") is the one kept
            key = (fact["metric"], fact["unit"], fact["value_low"], fact["value_high"], fact["frequency"],
                   fact["target_year"], fact["sector"])
            in_title = line_start < title_end  # a headline's facts wait until the body has been read
            book = seen_title if in_title else seen
            # the reading in the body is kept over the headline's above it ("Tỉnh X: Thành lập mới 60 HTX mỗi năm"
            # then "Mục tiêu … là thành lập mới 60 HTX mỗi năm"): its sentence says what the figure is
            if key in book and not (out[book[key]].comparator == "eq" and fact["comparator"] != "eq") and not (
                    out[book[key]].char_start < _HEADLINE_ZONE <= line_start):
                continue
            cs, ce = fact.pop("span")
            evidence = original[cs:ce].strip(" ,-–:()")
            lead = original[cs:ce].find(evidence)
            t = _target(fact, evidence, line_start + cs + lead, line_start + cs + lead + len(evidence))
            if key in book:
                out[book[key]] = t
            else:
                book[key] = len(out)
                out.append(t)
        if bullet and _FOUNDING.search(line):
            scope.bullet_new = True
    out.sort(key=lambda t: t.char_start)
    return _drop_restated_headline(out, title_end, text)


_TARGET_DEFAULTS = {"confidence": 1.0, "reasons": "", "review_reason": ""}
_TARGET_FIELDS = tuple(f.name for f in fields(Target))


def _target(fact: dict, evidence: str, start: int, end: int) -> Target:
    """Target(**fact, evidence=…, char_start=…, char_end=…) without a frozen dataclass's one object.__setattr__ per
    field (19, once per fact): Target has no __post_init__ and no init=False field, so its fields set at once, in
    their order, make the object __init__ builds."""
    values = {**fact, "evidence": evidence, "char_start": start, "char_end": end, **_TARGET_DEFAULTS}
    if len(values) != len(_TARGET_FIELDS):  # a field missing or unknown: let __init__ say which
        return Target(**fact, evidence=evidence, char_start=start, char_end=end)
    t = object.__new__(Target)
    t.__dict__.update({name: values[name] for name in _TARGET_FIELDS})
    return t


def _drop_restated_headline(facts: list[Target], title_end: int, text: str) -> list[Target]:
    """A headline that restates a figure of the body ("Tỉnh X phấn đấu thành lập mới 20 HTX" above the
    paragraph that dates it) is the same aim: the body's reading, with its year and scope, is kept. So is a
    subheading further down a news page: a short line of its own with no closing stop."""
    body = {(t.metric, t.unit, t.value_low, t.value_high) for t in facts if t.char_start >= title_end}
    kept = [t for t in facts if t.char_start >= title_end or (t.metric, t.unit, t.value_low, t.value_high) not in body]
    # a headline below the page's chrome ("Học tập …" / "Tỉnh X: Phấn đấu có 80% HTX có lãi"), undated, restating a
    # dated figure of the body further on is the same aim too
    dated: dict[tuple, int] = {}  # key -> where its last dated reading starts
    for t in kept:
        if t.target_year or t.period_end:
            dated[(t.metric, t.unit, t.value_low, t.value_high)] = t.char_start
    return [t for t in kept if not (t.target_year is None and t.period_end is None and t.frequency == "once"
                                    and dated.get((t.metric, t.unit, t.value_low, t.value_high), -1) > t.char_end
                                    and (t.char_start < _HEADLINE_ZONE or _on_subheading(text, t.char_start)))]


_HEADLINE_ZONE = 300  # where a web page's headline sits, after a line or two of chrome
_SUBHEADING_MAX = 160  # a news page's subheading: a line this short, of its own, not closed by a stop


def _on_subheading(text: str, at: int) -> bool:
    """Whether text[at] is on a subheading: a line of at most _SUBHEADING_MAX characters between blank lines or
    paragraph breaks, that does not end as a sentence or a list item does ('.', ';', ':', ',')."""
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    line = text[start:end if end != -1 else len(text)].strip()
    return 0 < len(line) <= _SUBHEADING_MAX and line[-1] not in ".;:,…!?" and not _BULLET.match(line)


_AIM_CUE = Folded(r"(?<!\w)(?:phấn đấu|mục tiêu|chỉ tiêu|phương hướng|kế hoạch (?:năm|đặt ra|đề ra)|đặt ra|đề ra|"
                  r"đề án|(?<!đã )(?<!được )thành lập mới|"
                  r"sẽ|cần|dự kiến|định hướng|trong \d+ năm tới|(?:những|các) năm tới|thời gian tới|(?:đến|tới) năm)(?!\w)")


def _aim_sentences(line: str) -> str:
    """The line with every sentence blanked (offsets kept) except those where an aim cue comes before any
    past-result cue."""
    out, start = [], 0
    for end in [m.end() for m in _SENTENCE_END.finditer(line)] + [len(line)]:
        if end <= start:
            continue
        s = line[start:end]
        aim, past = _AIM_CUE.search(s), V.PAST.search(s)
        keep = aim is not None and (past is None or aim.start() < past.start()) and not V.PAST_LEAD.search(s)
        if not keep and aim is not None and past is not None:
            # "Trên cơ sở những kết quả đã đạt được trong các năm qua, cần tiếp tục …, đến năm 2030 có …": the
            # clause that turns to the aim, after the last result cue, is read
            later = [a for a in _AIM_CUE.finditer(s) if a.start() > max(p.end() for p in V.PAST.finditer(s))]
            if later:
                cut = s.rfind(", ", 0, later[0].start())
                if cut != -1 and not V.PAST.search(s, cut):
                    out.append(" " * (cut + 2) + s[cut + 2:])
                    start = end
                    continue
        out.append(s if keep else _blanked(s))
        start = end
    return "".join(out)


def _blanked(sentence: str) -> str:
    """A sentence blanked to spaces but for the mark that ends it: the next sentence still opens a clause there (an
    aim read after blanked results must not take them into its evidence)."""
    end = len(sentence.rstrip())
    if end and sentence[end - 1] in ".!?…":
        return " " * (end - 1) + sentence[end - 1] + " " * (len(sentence) - end)
    return " " * len(sentence)


_COOP_OPENING = re.compile(r"\s*(?:[-–+•]\s*)?(?:Hợp tác xã|HTX)\s+((?:\S+\s+){1,6})")


def _named_coop_subject(line: str, s_start: int) -> bool:
    """Whether the sentence at s_start opens on one cooperative's name ("HTX Nông nghiệp Tân Hòa …", "Hợp tác xã Dịch
    vụ Chè Tân Hòa …"): its name in capitals, at least two capitalised words among the next six."""
    m = _COOP_OPENING.match(line, s_start)
    if not m:
        return False
    words = m.group(1).split()
    return words[0][0].isupper() and sum(w[0].isupper() for w in words) >= 2


# the head of one named cooperative speaking: "Giám đốc HTX Phú Lộc cho biết, hợp tác xã hiện có 150 thành viên"
_COOP_SPEAKER = Folded(r"(?<!\w)(?:đại diện|(?:phó )?giám đốc|chủ nhiệm|chủ tịch(?: HĐQT| hội đồng quản trị)?)\s+"
                       r"(?:của\s+)?(?:HTX|hợp tác xã)\s+([^.;:]{1,80}?)"
                       r"(?<!\w)(?:cho biết|chia sẻ|nói|thông tin|khẳng định)(?!\w)", strict=True)


def _one_coop_speaks(line: str, s_start: int, at: int) -> bool:
    """Whether the sentence before `at` quotes the head of one cooperative it names (a capitalised word among the
    words after "HTX"): what follows are that cooperative's own figures, not a plan's."""
    m = _COOP_SPEAKER.search_in(line, s_start, at)  # (offsets from s_start; its text may be lowercased)
    return bool(m) and any(w[:1].isupper() for w in line[s_start + m.start(1):s_start + m.end(1)].split()[:6])


# a figure measured against its plan: "đạt 104% so với kế hoạch", "vượt 30% kế hoạch đề ra", "vượt chỉ tiêu"
_PLAN_MET = Folded(r"(?<!\w)(?:(?:đạt|vượt|bằng)\s+(?:gần\s+|hơn\s+|trên\s+|khoảng\s+)?[\d.,]+\s*%\s*(?:so với\s+)?"
                   r"(?:kế hoạch|chỉ tiêu)|vượt (?:\S+\s+){0,2}?(?:kế hoạch|chỉ tiêu))", strict=True)
_PREAMBLE = re.compile(r"^\s*(?:[-–+•]\s*)?Căn cứ\b", I)
_FOUNDING = Folded(r"(?:phát triển|thành lập) mới")
_BULLET = re.compile(r"^\s*[-–+*•]\s")
_LEAD_SECTOR = re.compile(r"^[-–+*•\s]*(?:đối với|riêng với|riêng|trong khối|khối|về)\s+([^:,;]{0,60})[:,]", I)


# metrics that count the members of the organisation counted just before ("… 210 liên hiệp với 1.100 HTX thành viên")
_MEMBER_ENDINGS = ("members", "member_coops")
# proper names right after the head noun, two or more in a list: "HTX Bình Định, Quang Lanh, …"
_NAMED_LIST = re.compile(r"^\s*[A-ZĐÂ][\w]*(?:\s+[A-ZĐÂ][\w]*)*\s*(?:\([^)]*\)\s*)?,\s*[A-ZĐÂ]\w*")
# measures of the collective economy as a whole: a sector only when their own words name one, never a heading's
_WHOLE_SECTOR = frozenset({"grdp_share", "sector_growth_rate"})
_PERIOD_START_BASE = re.compile(r"so với đầu (?:kỳ|nhiệm kỳ|giai đoạn)", I)
_BARE_DEVELOP = re.compile(r"(?<!\w)phát triển\s+(?:(?:khoảng|ít nhất|tối thiểu|trên|hơn|từ|gần)\s+)?$", I)
_STATE_AFTER = re.compile(r"^\s*(?:\S+\s+){0,3}?(?:hoạt động|đang|vận hành|đạt|có)\b", I)
_WHOLE_TERM = re.compile(r"^[^;,.\d]{0,40}?\b(?:trong\s+)?(?:cả|suốt|toàn)\s+(?:nhiệm kỳ|giai đoạn)\b", I)
# kinds of cooperative a plan may add to ("thêm"): a count of them added is a flow, like the organisations founded
_ADDED_KINDS = frozenset({"ocop_coops", "high_tech_coops", "model_coops", "digital_adoption_share", "value_chain_share"})
_MORE_BEFORE = re.compile(r"\bthêm\s+(?:(?:khoảng|gần|hơn|trên|từ|ít nhất|tối thiểu)\s+)?$", I)
_STOCK_TO_NEW = {"coops": "new_coops", "coop_groups": "new_coop_groups", "coop_unions": "new_coop_unions"}


def _line_facts(line: str, scope: _Scope, doc_year: int | None) -> list[dict]:
    facts: list[dict] = []
    lead = _LEAD_SECTOR.match(line)
    line_sector = _sector_of(lead.group(1)) if lead else None
    mentions = _mentions(line)
    past_spans = [(x.start(), x.end()) for x in V.PAST.finditer(line)] if mentions else []
    prev_end = 0
    prev_fact: dict | None = None
    prev_mention: _Mention | None = None
    last_new: dict | None = None  # the last count of organisations founded read in the line
    for m in mentions:
        c_start, c_end = _clause_bounds(line, m.start, m.end)
        lo = max(0, m.start - _REACH)
        s_start = max((lo + x.end() for x in _SENTENCE_END.finditer(line[lo:m.start])), default=lo)
        s_end_m = _SENTENCE_END.search(line, m.end, min(len(line), m.end + _REACH))
        s_end = s_end_m.start() if s_end_m else min(len(line), m.end + _REACH)
        if c_start >= 2 and line[c_start - 2:c_start] == ": " and not re.search(r"[^\W\d_]", _strip_comparators(line[c_start:m.start])):
            c_start = max((x.end() for x in _BOUNDARY.finditer(line, max(0, c_start - _REACH), c_start - 2)),
                          default=max(0, c_start - _REACH))
        left = line[max(c_start, prev_end if prev_end > c_start else c_start):m.start]
        full_left = line[c_start:m.start]
        right = line[m.end:c_end]
        nxt = _NUM.search(right)
        right_window = right[:nxt.start()] if nxt else right
        prev_end = m.end
        # a result cue inside a bracket that closed before the number ("226 HTX (hiện nay là 214 HTX) và 54.600
        # thành viên") qualifies the bracket, not the number
        past_before = any(min(s_start, c_start) <= a and b <= m.start and not _closed_bracket(line, b, m.start)
                          for a, b in past_spans)
        if past_before and not re.search(r"\blên\s*$", line[max(0, m.start - 8):m.start]):
            prev_fact, prev_mention = None, m
            continue
        if _named_coop_subject(line, s_start) or _one_coop_speaks(line, s_start, m.start):
            prev_fact, prev_mention = None, m
            continue  # "Hợp tác xã Dịch vụ Chè Tân Hòa … thu hút 45 thành viên": one cooperative's figures
        met = _PLAN_MET.search_in(line, s_start, s_end)
        if met and not _AIM_WORD.search_in(line, s_start, s_start + met.start()):
            prev_fact, prev_mention = None, m
            continue  # "…, đạt 104% so với kế hoạch năm 2026": a sentence measured against its plan reports results
        baseline = _FROM_BEFORE.search_in(line, max(0, m.start - 12), m.start) and _UP_TO_AFTER.match(
            _BRACKETED.sub("", line[m.end:m.end + 80]))
        if baseline or V.PLAN_SHARE.match(line[m.end:m.end + 20]) or V.NOT_AIM.search_in(line, c_start, c_end):
            prev_fact, prev_mention = None, m
            continue
        results: list[tuple[str, str, str]] = []  # (metric, unit, rule)
        against_base = False
        list_new = False
        unit = m.unit
        if unit == "count":
            gap_prev = line[prev_mention.end:m.start] if prev_mention else ""
            list_new = bool(prev_fact and prev_fact["metric"].startswith("new_") and prev_fact["unit"] == "count"
                            and not prev_fact["metric"].endswith("members")
                            and (re.fullmatch(r"[^;:\d]*?(?:,|\bvà\b|\bcùng\b|trong đó|\()\s*(?:\S+\s+){0,4}?", gap_prev or "x")
                                 or re.fullmatch(r"\s*\S+(?:\s\S+){0,2}\s*;\s*", gap_prev or "x"))
                            and not re.search(r"\b(?:có|qua đó|nâng|đưa|với)\b",
                                              re.sub(r"trong đó,?\s*có\b", "", gap_prev)))
            # "thành lập mới 92 THT, 80 HTX, 5 liên hiệp và 1 quỹ tín dụng. Trong đó, có khoảng 45 HTX nông nghiệp":
            # a part of the organisations founded just before, whatever came last in their list
            list_new = list_new or bool(last_new and _PART_OF.fullmatch(gap_prev or "x"))
            # "- phát triển mới 50 HTX; - phát triển 01 - 02 LHHTX": a bullet list shares its founding verb
            bullet_new = scope.bullet_new and bool(_BULLET.match(line)) and bool(re.search(
                r"\bphát triển\s+(?:từ\s+|khoảng\s+|gần\s+|trên\s+|hơn\s+)?$", left, I))
            r = _count_metric(m, line, full_left, right_window, left, list_new or bullet_new)
            # a rise against a base year is no stock ("tăng 380 HTX so với năm 2020"); a bracket that says so of the
            # figure before it ("804 HTX (tăng 380 HTX so với năm 2020), 584 THT") speaks of that figure only
            outside = _BRACKETED.sub("", full_left) if "(" in full_left else full_left
            if r and (_SO_VOI.search(right_window[:60]) or (_SO_VOI.search(outside) and re.search(r"\btăng", outside, I))) and not (
                    _PERIOD_START_BASE.search(right_window[:120]) and _MORE_BEFORE.search(left)):
                r = None  # (cooperatives a plan adds against its own start, "có thêm 40 HTX … so với đầu kỳ", are a flow)
            if r:
                results.append((r[0], "percent" if r[1] == _EACH_COMMUNE_RULE else "count", r[1]))
        elif unit in ("percent", "percent_per_year"):
            direct_growth = _RISE_BEFORE.search(full_left) and bool(V.ANY_SPECIFIC_GROWTH_CUE.search(full_left))
            # "…; thành viên tăng từ 5% trở lên; thu nhập tăng 10% so với năm 2022": a list closed by its base year
            against_base = bool(_RISE_BEFORE.search(full_left)
                                and _SO_VOI_YEAR.search_in(line, m.end, s_end))
            is_growth = unit == "percent_per_year" or direct_growth or against_base or bool(
                _GROWTH_RATE_BEFORE.search(full_left[-120:])) or (
                V.GROWTH_WORD.search(full_left[-60:]) and (V.ANNUAL.search(right_window[:25]) or V.ANNUAL.search(full_left)
                                                           or _SO_VOI.search(right_window[:40])))
            if is_growth and _ECONOMY_GROWTH.search(full_left[-60:]) and not _CE_WORD.search(full_left.replace("GRDP", "")):
                prev_fact, prev_mention = None, m
                continue  # "tăng trưởng GRDP đạt 7,1%/năm": the province's economy, not its cooperatives
            if is_growth:
                growth_left = full_left
                if not V.ANY_GROWTH_CUE.search(full_left):
                    growth_left = line[s_start:m.start]
                growth = _growth_metrics(growth_left, right_window)
                if not growth and against_base and (_CE_WORD.search(full_left) or scope.ce_context):
                    growth = ["other"]  # a count that grows (trained staff, products): kept, named by metric_text
                for metric in growth:
                    results.append((metric, "percent_per_year", "percent.growth"))
            if not results and prev_fact and prev_fact["unit"] == "percent" and re.search(
                    r"(?:tỷ lệ|con số|mức) này", full_left, I):
                results.append((prev_fact["metric"], "percent", "percent.same_as_before"))
            if not results:
                r = _percent_metric(left if left.strip() else full_left, right_window, right)
                if r and r[0] == "other" or r is None:
                    r2 = _percent_metric(full_left, right_window)
                    r = r2 if r2 and r2[0] != "other" else r
                if r and (_CE_WORD.search(line) or scope.ce_context):
                    results.append((r[0], "percent", r[1]))
        elif unit == "vnd" and _PER_QUANTITY_AFTER.match(line[m.end:m.end + 12]):
            prev_fact, prev_mention = None, m
            continue  # "lãi 35-40 triệu đồng/ha", "7.000 đồng/kg": prices and yields per area or weight, not aims
        elif unit == "vnd" and _RISE_BY.search(full_left[-20:]) and _SO_VOI.search(right_window[:40]):
            prev_fact, prev_mention = None, m
            continue  # "tăng 200 triệu đồng so với năm 2026": a rise by, not the amount reached
        elif unit == "vnd" and _MODEL_COOPS_SUBJECT.search(line, max(0, m.start - 150), m.start):
            prev_fact, prev_mention = None, m
            continue  # the revenue each exemplary cooperative is to reach qualifies that count, not all cooperatives
        elif unit == "vnd":
            metric = _money_metric(left if left.strip() else full_left, right_window)
            if metric is None and left.strip() != full_left.strip():
                metric = _money_metric(full_left, right_window)
            same_list = prev_fact and prev_fact["unit"] == "vnd" and prev_mention and not re.search(
                r"[;]", line[prev_mention.end:m.start])
            if same_list and (metric is None or prev_fact["metric"] == "other"):
                metric = prev_fact["metric"]
            elif (metric is None and prev_fact and prev_fact["unit"] == "vnd" and prev_mention
                  and _PER_PERSON.match(line[m.end:m.end + 20]) and _PER_PERSON.match(line[prev_mention.end:prev_mention.end + 20])
                  and not re.search(r"\d", line[prev_mention.end + 20:m.start])):
                # "thành viên HTX khoảng 29 triệu đồng/người/năm; thành viên THT khoảng 22 triệu đồng/người/năm": a
                # parallel clause after ';' repeats the income it does not name again
                metric = prev_fact["metric"]
            if metric:
                results.append((metric, "vnd", "money.cue"))
        elif unit == "times":
            if re.search(r"thu nhập", line[c_start:c_end], I) and not _PER_AREA.search(full_left):
                results.append(("income_growth", "times", "times.income"))
        if not results:
            prev_fact, prev_mention = None, m
            continue
        comparator = _comparator(full_left, right_window, m)
        # a list shares its head's comparator: "khoảng 450 HTX, 110 tổ hợp tác và 05 liên hiệp"
        raw_gap = line[prev_mention.end:m.start] if prev_mention else ""
        gap = _BRACKETED.sub("", raw_gap)
        if (prev_fact and comparator == "eq" and results[0][1] == "count" and prev_fact["unit"] == "count"
                and not _LIST_BREAK.search(gap)
                and re.search(r"(?:,|\bvà\b|\bcùng\b)\s*$", gap)
                and not prev_fact["metric"].endswith("members") and not results[0][0].endswith("members")):
            comparator = prev_fact["comparator"] if prev_fact["comparator"] != "range" else "eq"
        elif (prev_fact and comparator == "eq" and results[0][1] == "percent" == prev_fact["unit"]
              and prev_fact["comparator"] in ("gte", "gt")
              and _FLOOR_BEFORE.search(line, max(0, prev_mention.start - 16), prev_mention.start)
              and re.fullmatch(r"[^;:,\d]*\svà\s*", gap or "x")):
            # "ít nhất 50% HTX hoạt động hiệu quả và 20% HTX ứng dụng công nghệ cao": the floor covers a plain pair
            # (not a first share with clauses of its own: "ít nhất 60% HTX vận hành hiệu quả, có chất lượng và 80% …")
            comparator = prev_fact["comparator"]
        elif (prev_fact and comparator == "eq" and results[0][1] == "count" and prev_fact["unit"] == "count"
              and prev_fact["comparator"] == "approx" and re.fullmatch(r"[^;:.()\d]*", raw_gap or "x")
              and not re.search(r"thu hút|gồm|trong đó", raw_gap)
              and (results[0][0].endswith(_MEMBER_ENDINGS) or prev_fact["metric"].endswith(_MEMBER_ENDINGS))):
            # "khoảng 134.000 tổ hợp tác với 1,8 triệu thành viên, 35.000 HTX với 7,1 triệu thành viên": an
            # approximate list stays approximate through its members, up to a ';'
            comparator = "approx"
        elif (prev_fact and comparator == "gte" and V.TRO_LEN_AFTER.match(right_window) and prev_fact["comparator"] == "eq"
              and re.fullmatch(r"[^;:\d]*?\b(?:và|,)\s*", gap or "x") and prev_fact["unit"] == "count"):
            prev_fact["comparator"] = "gte"
        year, period_start, cue = _time_for(line, m, scope, s_start, s_end)
        # "bình quân mỗi năm thành lập mới từ 30 HTX, có 01 liên hiệp …": a new predicate after a comma ends the
        # yearly cue's reach (a plain list, "hằng năm thành lập mới 30 THT, 5 HTX", keeps it)
        # ("…, trong đó, có ít nhất 20 HTX nông nghiệp" is a part of the figure before it: it keeps that one's cue)
        own_predicate = bool(_NEW_PREDICATE.search(left) or _AND_PREDICATE.search(left)) and (
            prev_mention is not None and not _IN_WHICH.search(left))
        # … from its own predicate on: the yearly cue of the item before ("… 120 HTX mỗi năm, nâng tổng số HTX lên
        # 1.760 HTX và thành lập mới 6 liên hiệp") is that item's
        own_left = left[max(x.start() for p in (_NEW_PREDICATE, _AND_PREDICATE) for x in p.finditer(left)):] \
            if own_predicate else full_left
        annual = _is_annual(line, m, s_start, own_left, right_window, unit, scope, right)
        for metric, unit_, rule in results:
            frequency = "once"
            target_year, p_start, p_end = year, None, None
            # "tăng 10-15% so với năm trước" each year to a horizon is a yearly rate; against a named year, or in a
            # one-year plan, it is that year's growth
            yearly_base = doc_year is None and bool(_PREVIOUS_YEAR.search(right_window[:40]))
            if unit_ == "percent_per_year" and (yearly_base or not _SO_VOI.search(right_window[:40]) and not (
                    against_base and not V.ANNUAL.search_in(line, c_start, c_end))):
                frequency = "annual"
            elif annual and (unit_ in ("count", "percent") or unit_ == "times" and metric == "income_growth"):
                # "hằng năm có 90% HTX có lãi": a yearly cue makes any count or share a yearly aim (the spec's
                # rule for frequency names no metric)
                frequency = "annual"
            elif metric == "other" and unit_ == "count" and cue and (
                    (cue == "giai đoạn" and period_start) or (
                    (V.NEW_VERB.search(left) or list_new) and V.PERIOD_CUES.search(cue))):
                frequency = "period_total"
            elif (metric.startswith("new_") and not metric.endswith("members")
                  or metric in _ADDED_KINDS and unit_ == "count" and _MORE_BEFORE.search(left)) and cue and (
                    V.PERIOD_CUES.search(cue) or (scope.horizon_is_period and year == scope.horizon)) and (
                    period_start is not None or doc_year is None or (year and year > doc_year)):
                # organisations founded over a period, and those of a kind the plan adds over it ("có thêm khoảng
                # 40 HTX có sản phẩm OCOP", "xây dựng thêm 8 - 12 mô hình … công nghệ cao"): a total for the period
                frequency = "period_total"
            elif (metric.startswith("new_") and not metric.endswith("members") and year
                  and _WHOLE_TERM.search(right)):
                frequency = "period_total"  # "phát triển 60 HTX trong cả nhiệm kỳ": the term's total
            if (frequency == "once" and metric in _STOCK_TO_NEW and cue == "giai đoạn" and period_start
                    and _BARE_DEVELOP.search(left) and not _STATE_AFTER.match(right_window)):
                # "trong giai đoạn 2026 - 2030 phát triển 240 hợp tác xã và 4 liên hiệp": organisations developed
                # over a period are founded in it (a state to reach says so: "… hợp tác xã hoạt động hiệu quả")
                metric, frequency = _STOCK_TO_NEW[metric], "period_total"
            if frequency == "annual" and metric in _STOCK_TO_NEW:
                # a yearly number of organisations is a number founded each year ("bình quân 30 HTX/năm"): a stock
                # is never yearly
                metric = _STOCK_TO_NEW[metric]
            if frequency == "annual":
                target_year = None
                if period_start:
                    p_start, p_end = period_start, year
            elif frequency == "period_total":
                p_start, p_end = period_start, year
            elif target_year is None and doc_year:
                target_year = doc_year
            left_sector = (_LEFT_SECTOR.search(left) or _SUBJECT_SECTOR.search(left)
                           or _ONLY_FOR_SECTOR.search(line, max(s_start, m.start - 100), m.start))
            sector = _mention_sector(right_window) or (_sector_of(left_sector.group(1)) if left_sector else None)
            if metric not in _WHOLE_SECTOR:  # the sector's growth and GRDP share speak of all of it
                sector = sector or line_sector or scope.sector or scope.doc_sector
            if rule == "count.other" and re.match(r"\s*(?:QTDND|quỹ tín dụng)", right_window, I):
                sector = "credit"
            qualifier = qualifier_of(metric, left, full_left, right_window, right)
            # "mỗi xã … có ít nhất 1 HTX" reads as the share of communes with one: 100 %
            comp, low, high = ("eq", 100.0, 100.0) if rule == _EACH_COMMUNE_RULE else (comparator, m.low, m.high)
            fact = dict(metric=metric, comparator=comp, value_low=low, value_high=high, unit=unit_,
                        frequency=frequency, target_year=target_year, period_start=p_start, period_end=p_end,
                        sector=sector, qualifier=qualifier, metric_text=(line[c_start:m.start] + m.num_text + right_window)[-160:].strip(),
                        rule=rule, span=(c_start, c_end))
            facts.append(fact)
            prev_fact = fact
            if metric.startswith("new_") and unit_ == "count" and not metric.endswith("members"):
                last_new = fact
        prev_mention = m
    facts.extend(_no_more_facts(line, scope, doc_year))
    return facts


def _closed_bracket(line: str, pos: int, end: int) -> bool:
    """Whether the text at pos sits in a bracket that closes before end."""
    close = line.find(")", pos, end)
    return close != -1 and line.rfind("(", 0, pos) > line.rfind(")", 0, pos)


def _strip_comparators(s: str) -> str:
    for _, pat in V.COMPARATOR_BEFORE:
        s = pat.sub("", s)
    return re.sub(r"\b(?:đạt|là|có|tỷ lệ|chiếm)\b", "", s)


_HTXNN = re.compile(r"\s*(?:số\s+)?(?:các\s+)?HTXNN\b")
_ABBREVIATION = re.compile(r"\s*\((?:HTX|THT|LHHTX|KTTT)\)")  # "126 hợp tác xã (HTX) nông nghiệp"


def _mention_sector(right_window: str) -> str | None:
    window = right_window[:80]
    if _HTXNN.match(window):
        return "agriculture"  # "300 HTXNN": hợp tác xã nông nghiệp, abbreviated
    s = _OWN_SECTOR.search(_ABBREVIATION.sub("", window) if "(" in window else window)
    if s and (s.start() < 30):
        return _sector_of(s.group(1))
    return None


_LIST_PER_YEAR = Folded(r"^\s*(?:[^\s,;]+\s+){0,4}?[^\s,;]+\s*(?:,|\bvà\b)\s*\d+\s+(?:[^\s,;/]+\s+){0,3}?[^\s,;/]+\s*/\s*năm\b", strict=True)
_ANNUAL_WORD = Folded(r"hằng năm|hàng năm|mỗi năm|bình quân (?:mỗi )?năm|một năm")


_ITEM_AFTER_SEMI = re.compile(r"\s*(?:[-–+•]\s*)?(?:(?:khoảng|ít nhất|tối thiểu|trên|từ|có|thành lập(?: mới)?|"
                              r"phát triển(?: mới)?|xây dựng|và)\s+)*[\d(]")


def _is_annual(line: str, m: _Mention, s_start: int, left: str, right: str, unit: str, scope: _Scope,
               right_clause: str = "") -> bool:
    """Annual if a yearly cue governs the number: at the head of its sentence, in its clause, or right after it."""
    if unit == "vnd":
        return False
    sentence_before = line[s_start:m.start]
    candidates = [h for h in _ANNUAL_WORD.finditer(left)]
    head = _ANNUAL_WORD.search_in(line, s_start, min(m.start, s_start + 40))  # in sentence_before[:40] (its offsets)
    if head and not re.search(r"\d", _HEADING.sub("", sentence_before[:head.start()], count=1)) and not (
            ";" in sentence_before[head.end():] and not _ITEM_AFTER_SEMI.match(
                line, s_start + sentence_before.rfind(";") + 1, m.end)):
        # "Phấn đấu mỗi năm thành lập mới 12 HTX; thu nhập của thành viên tăng 1,8 lần": past a ';' a clause with
        # a subject of its own is another aim; a bare item ("…; 50 tổ hợp tác") still shares the head's year
        candidates.append(head)
    for h in candidates:
        tail = sentence_before[sentence_before.find(h.group(0)) + len(h.group(0)):] if h not in candidates[:0] else ""
        if not [p for p in _year_phrases(tail) if V.PERIOD_CUES.search(p[4]) or p[4] == "năm"]:
            return True
    if _LIST_PER_YEAR.match(right_clause or right):
        return True  # "từ 5 hợp tác xã, 5 tổ hợp tác/năm": the list's '/năm' is every item's
    if _YEARLY_AFTER.search(right) or _YEARLY_CLAUSE.search(right_clause or right):
        return True
    return scope.annual


def _no_more_facts(line: str, scope: _Scope, doc_year: int | None = None) -> list[dict]:
    """"không còn HTX yếu kém": the weak share brought to zero."""
    low = line.lower()
    if "không" not in low and "xóa" not in low and "xoá" not in low:  # every reading of _NO_MORE says one of them
        return []
    out = []
    for m in _NO_MORE.finditer(line):
        if V.PAST.search(line[:m.start()]):
            continue
        c_start, c_end = _clause_bounds(line, m.start(), m.end())
        years = [p for p in _year_phrases(line) if p[1] <= m.start()]
        year = years[-1][2] if years else (scope.year[0] if scope.year else scope.horizon or doc_year)
        out.append(dict(metric="weak_coop_share", comparator="eq", value_low=0.0, value_high=0.0, unit="percent",
                        frequency="once", target_year=year, period_start=None, period_end=None,
                        sector=scope.sector or scope.doc_sector, qualifier=m.group(1) or m.group(2), metric_text=m.group(0),
                        rule="zero.no_more", span=(c_start, c_end)))
    return out
