"""Plan metadata: number, type, date, issuer, signer, place and the documents it implements.

Real pages come in four forms: an official header (ỦY BAN NHÂN DÂN TỈNH …, Số: …,
"Nam Định, ngày 13 tháng 10 năm 2022"), a legal-database block (Số hiệu / Ngày ban
hành / Người ký), a news lead ("… vừa ký ban hành Kế hoạch số 264/KH-UBND ngày …"),
and our own restatements ("Tóm lược chỉ tiêu … Nguồn: URL"). Each reader below
handles one form; the first that answers wins.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from datetime import date

from .folded import Folded
from .provinces import (Province, district_province, find_province, folded_name_pattern, province_by_code,
                        province_by_name)
from .vocabulary import NATIONAL_ACTOR

__all__ = ["PlanMeta", "extract_plan", "DOCNUM", "canonical_docnum"]

I = re.IGNORECASE
M = re.MULTILINE
DOCNUM = r"\d{1,5}(?:/\d{4})?\s*[-/]\s*[A-ZĐ][A-Za-zĐđ]*(?:\s*[-/]\s*[A-ZĐ0-9][A-Za-zĐđ0-9]*)*"
_DOCNUM_SLOW = r"(?<![\w/])" + DOCNUM  # a number not glued to a word or a path
# the same, written to open on a digit so that `re` skips to the next digit at C speed (numbers.NUMBER_SCAN)
_DOCNUM = re.compile(r"\d(?<![\w/]\d)\d{0,4}" + DOCNUM.removeprefix(r"\d{1,5}"))
_KINDS = r"(?:Kế hoạch|Chương trình(?: hành động)?|Quyết định|Nghị quyết|Chỉ thị|Đề án|Kết luận|Chiến lược)"
_TOKEN_CASE = {"ctr": "CTr", "ttg": "TTg"}
_TYPES = {"KH": "Kế hoạch", "CTr": "Chương trình hành động", "QĐ": "Quyết định", "NQ": "Nghị quyết",
          "CT": "Chỉ thị", "KL": "Kết luận", "ĐA": "Đề án", "QH15": "Luật"}
_NATIONAL_SUFFIX = re.compile(r"/(?:TW|NQ-CP|QĐ-TTg|CT-TTg|QH\d+)$|^\d+/QĐ-BCĐ")
# issued by a province, city or district: its people's committee or council, or its party committee
_LOCAL_SUFFIX = re.compile(r"UBND|HĐND|/(?:TU|ThU|HU|QU)$")
# a national body acting in the lead ("Thủ tướng Chính phủ vừa ban hành …", "… vừa được Chính phủ ban hành"); not
# "Nghị quyết … của Chính phủ" (whose document it is), nor when a local body acts in between ("… và UBND tỉnh … ký")
_LOCAL_ACTOR = r"(?!UBND|Tỉnh ủy|Thành ủy|HĐND|Huyện ủy|tỉnh\b|thành phố\b|huyện\b)"
_NATIONAL_ACT = Folded(
    r"(?<!của )(?<!tướng )(?<!Phó )" + NATIONAL_ACTOR + r"(?:" + _LOCAL_ACTOR + r"[^.]){0,160}?"
    r"(?:vừa ký|ký ban hành|ban hành|đặt ra|phê duyệt|yêu cầu)"
    r"|(?:được|do)\s+" + NATIONAL_ACTOR + r"[^.]{0,40}?(?:ban hành|phê duyệt)", I, strict=True)
_NATIONAL_LEAD = Folded(
    _NATIONAL_ACT.pattern + r"|(?<!\w)(?<!trong )(?<!với )(?<!của )(?:cả nước|toàn quốc|nước ta)(?!\w)"
    r"|Liên minh (?:HTX|[Hh]ợp tác xã) Việt Nam", I, strict=True)
# the page speaks of its own province or city without naming it ("toàn tỉnh", "Liên minh HTX tỉnh")
_SELF_PROVINCE = Folded(
    r"(?<!\w)(?:toàn tỉnh|của tỉnh|địa bàn tỉnh|trong tỉnh|UBND tỉnh|HĐND tỉnh|Tỉnh ủy|Thành ủy|UBND thành phố"
    r"|(?:Liên minh|LM) (?:HTX|[Hh]ợp tác xã) (?:tỉnh|thành phố|TP)|địa bàn thành phố|toàn thành phố|của thành phố)(?!\w)", I, strict=True)
# anything the country as a whole does ("cả nước", the Government, the Vietnam Cooperative Alliance)
_NATIONAL_SCOPE = Folded(NATIONAL_ACTOR + r"|(?<!\w)(?:cả nước|toàn quốc|nước ta|Trung ương|quốc gia|Việt Nam)(?!\w)", I, strict=True)
_LEAD = 900  # the title and the first paragraph or two of a page
_WEATHER = re.compile(r"^[^\n]*\d\s*°\s*C\b[^\n]*$", M)
_DATE_ANY = (r"(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})(?!\d)"
             r"|(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})")
_DATE_NUM = re.compile(r"(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})")
_PLACE_LINE = re.compile(r"^([^\n,|]{2,40}),\s*ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", M | I)
_HEADER_UNIT = re.compile(
    r"^(?:ỦY BAN NHÂN DÂN|UBND|HỘI ĐỒNG NHÂN DÂN|ĐẢNG BỘ|BAN CHẤP HÀNH ĐẢNG BỘ)?\s*"
    r"(TỈNH|THÀNH PHỐ|TP\.?|HUYỆN|THỊ XÃ|QUẬN)\s+([^\n\-,]{2,40})$", M)
_HEADER_PARTY = re.compile(r"^(TỈNH ỦY|THÀNH ỦY|HUYỆN ỦY|THỊ ỦY)\s+([^\n\-]{2,40})$", M)
_RESTATED = re.compile(r"^Tóm lược chỉ tiêu[^\n]*?Nguồn:\s*(\S+)", I)
_LOCAL_UNIT = re.compile(r"\b(huyện|thị xã|quận|thành phố|TP\.?)\s+([A-ZĐ][\wÀ-ỹ]*(?:\s+[A-ZĐ][\wÀ-ỹ]*){0,3})")


@dataclass(frozen=True)
class PlanMeta:
    """What a text says about itself."""

    title: str | None
    doc_number: str | None
    doc_type: str | None
    issuer: str | None
    issue_date: date | None
    signer: str | None
    province: Province | None
    province_source: str | None
    admin_level: str
    locality: str | None
    implements: tuple[str, ...] = field(default_factory=tuple)
    is_restatement: bool = False
    source_url: str | None = None


# the patterns of the rules below, compiled once (re's own cache costs a lookup per call)
_SPACES = re.compile(r"\s+")
_DOCNUM_PARTS = re.compile(r"([-/])")
_KIND_OR_YEAR = re.compile(_KINDS + r"|\b(?:19|20)\d\d\b", I)
_WORDS = re.compile(r"\w+")
_HEAD_WORD = re.compile(r"(?:KẾ HOẠCH|CHƯƠNG TRÌNH(?: HÀNH ĐỘNG)?|QUYẾT ĐỊNH|NGHỊ QUYẾT|ĐỀ ÁN|CHỈ THỊ)")
_NOT_CITED = re.compile(r"TTr|BC\b|CV|SKHĐT")
_CITED_IN = re.compile(r"Tờ trình|Báo cáo|Công văn|kèm theo", I)
_CAPTION_BEFORE = re.compile(r"(?:siêu thị|Ảnh|ảnh)[^\n]{0,20}$")
_CAPTION_AFTER = re.compile(r"[\s.,]*\(?[Ảả]nh\s*:")
_COLON_AFTER = re.compile(r"\s*:")
_PLACE_DATE_AFTER = re.compile(r"\s*,\s*ngày\b", I)
_VENUE_BEFORE = re.compile(r"(?<!\w)[Tt]ại\s+(?:tỉnh\s+|thành phố\s+|TP\.?\s*)?$")


def canonical_docnum(raw: str) -> str:
    """"209 - KH/TU" -> "209-KH/TU"; "23-CTR/TU" -> "23-CTr/TU"."""
    s = _SPACES.sub("", raw)
    parts = _DOCNUM_PARTS.split(s)
    return "".join(_TOKEN_CASE.get(p.lower(), p.upper()) for p in parts)


@lru_cache(maxsize=None)
def _legal_db_patterns(label: str) -> tuple[Folded, Folded]:
    """A field of a legal database's table ("| Số hiệu | 12/KH-UBND |"): on its own line, then anywhere in a row.
    Strict Folded patterns: what the IGNORECASE ones match, found faster."""
    return (Folded(r"^\|?\s*" + label + r"\s*:?\s*\|?\s*([^|\n]+)", M, strict=True),
            Folded(r"\|\s*" + label + r"\s*:?\s*\|\s*([^|\n]+)", strict=True))


def _legal_db(text: str, label: str) -> str | None:
    line, row = _legal_db_patterns(label)
    m = line.search_in(text, 0, 3000) or row.search_in(text, 0, 3000)  # in the head, the page lowercased once
    return text[m.start(1):m.end(1)].strip() if m else None  # by offsets: a Folded match holds lowercased text


# "Kế hoạch số 141, ngày …", "Kế hoạch 141 ngày …", "ban hành Kế hoạch 2184 triển khai …": a number written without
# its suffix (not a year)
_BARE = r"(?!(?:19|20)\d\d\b)\d{1,5}(?=\s*,|\s+ngày\b|\s+(?:về|triển khai|thực hiện|nhằm)\b)"


def _number_candidates(text: str) -> tuple[str | None, list[str]]:
    """(the number an official header or a legal-database block gives, the numbers a lead or title gives).

    Lead candidates come in order of trust: a document a verb issues ("ban hành Kế hoạch số …", "phê duyệt tại
    Kế hoạch số …"), one the lead says was just issued ("Nghị quyết số … vừa được Chính phủ ban hành"), one given
    in brackets after the act ("ban hành Kế hoạch … (Kế hoạch số …, ngày …)"), then a title that starts with it."""
    v = _legal_db(text, "Số hiệu")
    if v and _DOCNUM.search(v):
        return canonical_docnum(_DOCNUM.search(v).group(0)), []
    m = re.search(r"^Số\s*:?\s*(" + DOCNUM + r")", text[:4000], M)
    if m:
        return canonical_docnum(m.group(1)), []
    found: list[str] = []
    pats = [
        (r"(?:ban hành|vừa ký|ký|thông qua|triển khai|phê duyệt|vừa có|vừa ra)\s+(?:ban hành\s+|tại\s+)?" + _KINDS
         + r"\s+(?:số\s+)?(" + DOCNUM + "|" + _BARE + ")", 0, 3000),
        (_KINDS + r"\s+số\s+(" + DOCNUM + r")(?=[^.\n]{0,160}?\bvừa\s+(?:được\s+)?[^.\n]{0,40}?(?:ban hành|phê duyệt|ký))",
         0, 3000),
        (r"ban hành\s+(?:" + _KINDS + r")\b[^.;()\n]{0,250}\(\s*" + _KINDS + r"\s+(?:số\s+)?(" + DOCNUM + ")", 0, 3000),
        # a sentence of the lead that opens on it: "Theo Kế hoạch số … của UBND tỉnh …", "Tại Kế hoạch số …"
        (r"(?:^|[.:]\s+|\(\s*)(?:Theo|Tại)\s+" + _KINDS + r"\s+(?:số\s+)?(" + DOCNUM + ")", M, _LEAD),
        (r"^" + _KINDS + r"\s+(?:số\s+)?(" + DOCNUM + ")", M, 1500),
        (r"^[^\n]{0,80}?[–-]\s*" + _KINDS + r"(?: số)?\s+(" + DOCNUM + ")", M, 1500),
    ]
    for pat, flags, end in pats:
        for m in re.finditer(pat, text[:end], flags | I):
            sentence = re.split(r"[.\n]\s*", text[max(0, m.start() - 200):m.start()])[-1]
            if re.match(r"(?:Trước đó|Trước đây)\b", sentence, I):
                continue  # an earlier document the page recalls
            num = canonical_docnum(next(g for g in m.groups() if g))
            if num not in found:
                found.append(num)
    return None, found


def _to_date(d: str, mth: str, y: str) -> date | None:
    try:
        return date(int(y), int(mth), int(d))
    except ValueError:
        return None


def _any_date(m: re.Match) -> date | None:
    """The date of a match whose only groups are `_DATE_ANY`'s: "6/10/2017", "22.7.2021", "6 tháng 10 năm 2017"."""
    g = m.groups()
    return _to_date(*(g[:3] if g[0] else g[3:6]))


def _issue_date(text: str, number: str | None) -> date | None:
    v = _legal_db(text, "Ngày ban hành")
    if v and _DATE_NUM.search(v):
        return _to_date(*_DATE_NUM.search(v).groups())
    m = _PLACE_LINE.search(text[:5000])
    if m:
        return _to_date(m.group(2), m.group(3), m.group(4))
    if number:
        pat = r"\s*".join(re.escape(c) for c in number.replace(" ", "")) + r"(?![\w/])"
        # after the number: "… số 1318/QĐ-TTg ngày 22.7.2021", "… 461/QĐ-TTg của Thủ tướng Chính phủ ngày 27 tháng 4 …"
        m = re.search(pat + r"\s*,?\s*(?:của\s[^,.;\n]{0,80}?\s*,?\s*)?(?:\(\s*)?ngày\s+(?:" + _DATE_ANY + ")",
                      text[:4000], I)
        if m:
            return _any_date(m)
        # "… số 46/KH-UBND được UBND tỉnh … ban hành ngày 21/2/2024"
        m = re.search(pat + r"\s+(?:vừa\s+)?(?:được|do)\s+[^,.;\n]{0,60}?(?:ban hành|phê duyệt|ký)\s+(?:vào\s+)?ngày\s+(?:"
                      + _DATE_ANY + ")", text[:4000], I)
        if m:
            return _any_date(m)
        # before it, in the same sentence: "ngày 16/6/2022, Ban Chấp hành Trung ương đã ban hành Nghị quyết số …"
        m = re.search(r"ngày\s+(?:" + _DATE_ANY + r")\s*,\s*[^.;\n]{0,160}?(?:ban hành|ký|phê duyệt|thông qua)\s+"
                      r"[^.;\n]{0,60}?" + pat, text[:4000], I)
        if m:
            return _any_date(m)
    return _dated_act(text, number)


def _dated_act(text: str, number: str | None) -> date | None:
    """A lead that opens on the day of the act: "Ngày 27/4, UBND tỉnh … ký …", "L.T.S: Ngày 23-2, Tỉnh ủy … ban hành …",
    "(TTXVN) - Ngày 5/3, …" after a news agency's tag.

    The act must be the page's own: a verb followed by another document's number dates that other document. A day
    without its year takes the year of the page's dateline, else of the latest dated document the lead cites before
    it (the act comes after what it implements)."""
    lead = text[:1500]
    m = re.search(r"(?:^|[.:]\s+|\b[A-Z]{2,}(?:\.[A-Z]{2,})?\)?\s*[-–]?\s+)Ngày\s+(\d{1,2})\s*[/.\-]\s*(\d{1,2})(?:\s*[/.\-]\s*(\d{4}))?\s*,"
                  r"([^.\n]{0,200}?)\b(?:ký|ban hành|phê duyệt)\b([^.\n]{0,60})", lead, M)
    if not m:
        return None
    other = _DOCNUM.search(m.group(5))
    if other and canonical_docnum(other.group(0)) != number and not re.search(
            r"thực hiện|triển khai", m.group(5)[:other.start()], I):
        return None
    d, mth, y = m.group(1), m.group(2), m.group(3)
    if y:
        return _to_date(d, mth, y)
    dateline = re.search(r"(?<![\w/.])\d{1,2}/\d{1,2}/(\d{4})(?![\w/])", lead[:400])
    if dateline and dateline.start() < m.start():
        return _to_date(d, mth, dateline.group(1))
    cited = [x for x in (_any_date(c) for c in re.finditer(_DATE_ANY, lead[:m.start() + 200])) if x]
    if not cited:
        return None
    latest = max(cited)
    day = _to_date(d, mth, str(latest.year))
    if day and day < latest:
        day = _to_date(d, mth, str(latest.year + 1))
    return day


_PAGE_CHROME = re.compile(
    r"(?:Skip to|Tải ứng dụng|Thảo luận|Multimedia|Hotline|Email|Trang chủ|Xem với cỡ chữ|dd/mm/yyyy|Đọc báo|Chia sẻ"
    r"|In bài|Đăng nhập|Tìm kiếm|Thứ (?:hai|ba|tư|năm|sáu|bảy)\b|Chủ nhật\b|\(?\d{1,2}[/:.\-]\d{1,2})", I)


# a site's path to the page ("TIN TỨC > TIN CHÍNH SÁCH > ĐỊA PHƯƠNG", "Trang chủ » Kinh tế"): menus, not a title
_BREADCRUMB = re.compile(r"\S\s+[>»›]\s+\S")


def _is_chrome(line: str) -> bool:
    """Menus, section names, site names in capitals, dates and hotlines: not a title."""
    s = line.strip()
    if _PAGE_CHROME.match(s) or _BREADCRUMB.search(s):
        return True
    if _KIND_OR_YEAR.search(s):  # "Kế hoạch năm 2026" is short but no chrome
        return False
    words = _WORDS.findall(s)
    return len(words) < 5 or (s.isupper() and len(words) <= 6)


def _title_end(text: str) -> int:
    """Where the line a web page's title sits on ends (after its chrome), or -1 when it reads as a paragraph."""
    pos = 0
    for i, line in enumerate(text.split("\n")):
        if i >= 40:
            break
        if line.strip() and not _is_chrome(line):
            # a sentence ends inside it ("… phê duyệt Đề án. Một số …"), not an abbreviation ("TP. Hồ Chí Minh")
            breaks = [m for m in re.finditer(r"(?<!\bTP)(?<!\bTX)(?<!\b\w)[.!?]\s+(\w)", line) if m.group(1).isupper()]
            paragraph = len(line) > 250 or breaks or line.rstrip().endswith(".")
            return -1 if paragraph else pos + len(line)
        pos += len(line) + 1
    return -1


def _title(text: str, restated: bool) -> str | None:
    lines = [ln for ln in text.split("\n") if ln.strip()]
    if not lines:
        return None
    if restated:
        return lines[1][:300] if len(lines) > 1 else None
    for i, ln in enumerate(lines[:40]):
        if _HEAD_WORD.fullmatch(ln.strip()):
            nxt = lines[i + 1] if i + 1 < len(lines) else ""
            return (ln.strip().capitalize() + " " + nxt.strip())[:300]
    # a web page opens on its chrome (menus, dates, hotlines): the title is the first line that reads like one
    first = next((ln for ln in lines[:12] if not _is_chrome(ln)), lines[0])
    first = re.sub(r"^date \d{4}-\d{2}-\d{2}\s+", "", first)  # a date stamp some crawls put before the title
    if first.startswith("VĂN BẢN MẪU") and len(lines) > 1:
        first = next((x for x in lines[1:] if len(x) > 30 and not x.startswith(("Trang chủ", "Kinh tế"))), lines[1])
    return first[:300]


_SIGNER_TITLE = re.compile(r"^(?:CHỦ TỊCH|PHÓ CHỦ TỊCH|BÍ THƯ|PHÓ BÍ THƯ|GIÁM ĐỐC|\(Đã ký\))$")


def _signer(text: str) -> str | None:
    v = _legal_db(text, "Người ký")
    if v:
        return v.strip()
    lines = [ln.strip() for ln in text.split("\n")]
    for i, ln in enumerate(lines):
        if _SIGNER_TITLE.search(ln):
            for cand in lines[i + 1:i + 6]:
                if re.fullmatch(r"[A-ZĐ][a-zà-ỹđ]+(?: [A-ZĐ][a-zà-ỹđ]+){1,4}", cand):
                    return cand
    return None


def _implements(text: str, own: str | None) -> tuple[str, ...]:
    """Parent documents cited before the body starts (title, preamble, lead)."""
    body = re.search(r"^(?:I\.|1\.\s|Nơi nhận)", text, M)
    head = text[: body.start()] if body and body.start() > 200 else text
    out: list[str] = []
    for m in _DOCNUM.finditer(head):
        num = canonical_docnum(m.group(0))
        if num == own or num in out:
            continue
        if _NOT_CITED.search(num):
            continue
        before = head[max(0, m.start() - 60):m.start()]
        if _CITED_IN.search(before):
            continue
        out.append(num)
    return tuple(out)


def _doc_type(number: str | None, title: str | None, text: str = "") -> str | None:
    """From the number's kind ("…/KH-UBND"), else the word a lead writes before a bare number ("Kế hoạch số 141"),
    else the title."""
    if number and number.isdigit():
        m = re.search(r"(" + _KINDS + r")\s+(?:số\s+)?" + number + r"(?!\d)", text[:3000], I)
        if m:
            return m.group(1)[0].upper() + m.group(1)[1:].lower()
    if number:
        tail = number.split("/", 1)[1] if "/" in number else number
        if "-" in number.split("/")[0]:
            kind = number.split("/")[0].split("-", 1)[1]
        else:
            kind = tail.split("-")[0]
        if kind in _TYPES:
            return _TYPES[kind]
    if title:
        m = re.search(_KINDS, title, I)
        if m:
            return m.group(0)[0].upper() + m.group(0)[1:].lower()
    return None


def _place(text: str, named: Province | None = None, named_source: str = "body"
           ) -> tuple[Province | None, str | None, str | None, str | None]:
    """(province, source, locality, issuer) from the header, the place line or else the page's named province."""
    head = text[:5000]
    unit = _HEADER_UNIT.search(head)
    party = _HEADER_PARTY.search(head)
    place = _PLACE_LINE.search(head)
    db_place = _legal_db(text, r"(?:Nơi ban hành|Cơ quan ban hành)")
    issuer = None
    if unit:
        kind, name = unit.group(1), unit.group(2).strip().title()
        p = province_by_name(name)
        issuer = ("UBND " + kind.lower().replace("tp.", "thành phố") + " " + name)
        if p and kind in ("TỈNH",) or (p and p.is_central_city and kind in ("THÀNH PHỐ", "TP", "TP.")):
            return p, "header", None, issuer
        if kind in ("HUYỆN", "THỊ XÃ", "QUẬN", "THÀNH PHỐ", "TP", "TP."):
            local = kind.lower().replace("tp.", "thành phố").replace("tp", "thành phố") + " " + name
            if p:
                return p, "header", local, issuer
            district = district_province(name)
            if district:
                return district, "header", local, issuer
            return _body_province(text), "body", local, issuer
    if db_place:
        p = find_province(db_place)
        if p:
            return p, "header", None, db_place
    if place:
        where = place.group(1).strip()
        m = re.match(r"^(?:TP\.?|Thành phố)\s*(.+)$", where, I)
        p = province_by_name(m.group(1) if m else where)
        if p and m and not p.is_central_city:
            return p, "place_line", "thành phố " + p.name, issuer
        if p:
            return p, "place_line", None, issuer
    if party:
        p = province_by_name(party.group(2).title())
        if p:
            return p, "header", None, party.group(1).capitalize() + " " + p.name
    prov = named
    if prov:
        city = re.search(r"(?:Thành ủy|thành phố|TP\.?)\s+" + re.escape(prov.name), text, I)
        if city and not prov.is_central_city and re.search(r"Thành ủy\s+" + re.escape(prov.name), text, I):
            return prov, named_source, "thành phố " + prov.name, issuer
        return prov, named_source, _lead_district(text, prov), issuer
    by_district = _districts_province(text[:20000])
    if by_district:
        return by_district, "districts", _lead_district(text, by_district), issuer
    return None, None, None, issuer


_DISTRICT_NAMED = re.compile(r"\b(?i:huyện|thị xã|quận)\s+((?:[A-ZĐ][^\s,.;:()]*)(?:\s+[A-ZĐ][^\s,.;:()]*){0,3})")


def _districts_province(text: str) -> Province | None:
    """The province of a page that names no province but names districts or towns ("huyện Dầu Tiếng", "thị xã
    Sa Pa"): when every one whose name is unique in the country lies in the same province. A name shared by
    several provinces ("Châu Thành") says nothing; two provinces say nothing either."""
    found: set[str] = set()
    for m in _DISTRICT_NAMED.finditer(text):
        words = m.group(1).split()
        for n in range(len(words), 0, -1):  # the longest name that is a district: "Gò Công Đông", not "Gò Công"
            p = district_province(" ".join(words[:n]))
            if p:
                found.add(p.code)
                break
    return province_by_code(found.pop()) if len(found) == 1 else None


def _district_page(text: str, named: Province | None) -> bool:
    """A page that names no province but districts of one ("thị xã Ayun Pa … bán khắp cả nước") is that province's,
    whatever it says of the country."""
    return named is None and _districts_province(text[:20000]) is not None


def _body_province(text: str) -> Province | None:
    """The province the body names most, among names written as 'tỉnh X', 'thành phố X', 'X' in a lead."""
    counts: dict[str, int] = {}
    first: dict[str, int] = {}
    for m in folded_name_pattern().finditer(text[:20000]):
        before = text[max(0, m.start() - 25):m.start()]
        if re.search(r"(?:siêu thị|Ảnh|ảnh)[^\n]{0,20}$", before):
            continue
        p = province_by_name(text[m.start(1):m.end(1)])
        if not p:
            continue
        weight = 2 if re.search(r"(?:tỉnh|thành phố|TP\.?|Tỉnh ủy|Thành ủy|UBND|địa bàn)\s*$", before, I) else 1
        counts[p.code] = counts.get(p.code, 0) + weight
        first.setdefault(p.code, m.start())
    if not counts:
        return None
    best = max(counts, key=lambda c: (counts[c], -first[c]))
    return province_by_code(best)


_STRONG_BEFORE = Folded(r"(?:tỉnh|thành phố|TP\.?|Tỉnh ủy|Thành ủy|UBND|HĐND|Đảng bộ|địa bàn"
                            r"|Liên minh (?:HTX|[Hh]ợp tác xã)(?:\s+tỉnh|\s+thành phố|\s+TP\.?)?)\s*$", strict=True)
_COMMUNE_BEFORE = re.compile(r"(?<!\w)(?:(?<!tác )[Xx]ã|[Pp]hường|(?<!nông )(?<!Nông )[Tt]hôn|ấp|[Tt]hị trấn|[Tt]hị xã)\s*$")
_CREDIT_BEFORE = re.compile(r"(?<!\w)(?:[Bb]áo|[Tt]heo)\s*$")
_COMMUNE_WORDS = ("xã", "Xã", "phường", "Phường", "thôn", "Thôn", "ấp", "thị trấn", "Thị trấn")  # _COMMUNE_BEFORE's
_CREDIT_WORDS = ("báo", "Báo", "theo", "Theo")  # _CREDIT_BEFORE's
_ORG = re.compile(r"(?<!minh )(?<!\w)(?:HTX|[Hh]ợp tác xã|Liên hiệp HTX|Liên hiệp hợp tác xã|LHHTX|Liên đoàn [Hh]ợp tác xã)(?!\w)")
_ORG_STOP = {"tỉnh", "trên", "tại", "ở", "của", "các", "toàn", "và", "với", "cho", "thuộc", "địa", "bàn", "trong",
             "ngoài", "huyện", "những", "nhiều"}


def _named_in_organisation(before: str) -> bool:
    """'HTX Chè … X', 'hợp tác xã X', 'Liên hiệp HTX thương mại TP. X': a cooperative named after a place."""
    if "HTX" not in before and "ợp tác xã" not in before:  # every name _ORG knows holds one of them
        return False
    orgs = list(_ORG.finditer(before))
    if not orgs:
        return False
    words = before[orgs[-1].end():].split()
    return len(words) <= 5 and not any(re.search(r"[,;:()\"“”]", w) or w.lower() in _ORG_STOP for w in words)


# a person's name, not a place, after the words that introduce one: the President's ("Đoàn Thanh niên Cộng sản Hồ Chí
# Minh", "tư tưởng, đạo đức, phong cách Hồ Chí Minh")
_PERSON_BEFORE = re.compile(r"(?:Cộng sản|TNCS|Chủ tịch|Bác|phong cách|tư tưởng|đạo đức|tấm gương|Tiền phong|"
                            r"Chính trị quốc gia)\s*$", re.IGNORECASE)


def _mentions(text: str) -> list[tuple[Province, int, int, bool]]:
    """(province, offset, weight, counts for the lead) of every province the page names as its own place.

    Left out: a name in a photo caption, a credit ("Theo Báo X"), a commune or cooperative named like a province
    ("xã Bình Định", "HTX … X"). A unit word before the name ("tỉnh", "UBND", "Liên minh HTX") or a title that opens
    on it ("X: …") weighs double; a venue ("tại X") counts but does not make the page that province's."""
    out = []
    for m in folded_name_pattern().finditer(text[:20000]):
        before = text[max(0, m.start() - 60):m.start()]
        after = text[m.end():m.end() + 12]
        # each pattern asked only when the words it needs are there (the patterns are case-sensitive; the last two
        # end the text, so the text stripped of its trailing spaces ends on their word)
        tail = before.rstrip()
        if ((("ảnh" in before or "Ảnh" in before or "siêu thị" in before) and _CAPTION_BEFORE.search(before))
                or _CAPTION_AFTER.match(after)
                or (tail.endswith(_COMMUNE_WORDS) and _COMMUNE_BEFORE.search(before))
                or (tail.endswith(_CREDIT_WORDS) and _CREDIT_BEFORE.search(before)) or _named_in_organisation(before)):
            continue
        p = province_by_name(text[m.start(1):m.end(1)])
        if not p or _PERSON_BEFORE.search(before):
            continue
        line_start = text.rfind("\n", 0, m.start()) + 1
        title = _COLON_AFTER.match(after) and m.start() - line_start < 40
        weight = 2 if _STRONG_BEFORE.search(before) or title else 1
        place_line = _PLACE_DATE_AFTER.match(after)
        venue = "ại" in before and _VENUE_BEFORE.search(before)
        out.append((p, m.start(), weight, not (place_line or venue), m.end()))
    return [x[:4] for x in _without_lists(text, out)]


_MASTHEAD = re.compile(r"(?<!\w)(?:[Bb]áo|[Tt]heo)\s+")


def _masthead_province(text: str) -> Province | None:
    """A page that says "toàn tỉnh", "UBND tỉnh" without naming its province, on a provincial paper's site or credited
    to one ("Báo X điện tử", "Theo dõi Báo X trên …", "Theo Báo X"): the paper's province, when the
    page names one paper only. A province's party paper reports on its own province."""
    found = {p.code for m in _MASTHEAD.finditer(text[:20000])
             if (n := folded_name_pattern().match(text, m.end())) and (p := province_by_name(text[n.start(1):n.end(1)]))}
    return province_by_code(found.pop()) if len(found) == 1 else None


_LIST_GAP = re.compile(r"\s*(?:,|và|;)\s*")
_LIST_RUN = 3  # provinces named one after another: where products sell, partners, a region ("Tp.HCM, Long An, …")


def _without_lists(text: str, found: list[tuple]) -> list[tuple]:
    """The mentions outside runs of _LIST_RUN or more provinces named one after another ("… có mặt ở các tỉnh, thành
    phố như A, B, C, D"): such a list names markets, partners or a region, not the page's own province."""
    out: list[tuple] = []
    run: list[tuple] = []
    for x in found + [None]:
        if x is not None and run and _LIST_GAP.fullmatch(text, run[-1][4], x[1]):
            run.append(x)
            continue
        if len(run) < _LIST_RUN:
            out += run
        run = [x] if x is not None else []
    return out


def _page_province(text: str) -> tuple[Province | None, int | None, int]:
    """(the province a page is about, where its title or lead first names it, how strongly the page names it):
    the one the lead names, then the one named most; a province named only in passing loses to one the lead names."""
    score: dict[str, int] = {}
    first: dict[str, int] = {}
    lead: dict[str, int] = {}
    for p, pos, weight, lead_ok in _mentions(text):
        score[p.code] = score.get(p.code, 0) + weight
        first.setdefault(p.code, pos)
        if lead_ok and pos < _LEAD:
            lead.setdefault(p.code, pos)
    if not score:
        return None, None, 0
    best = max(score, key=lambda c: (c in lead, score[c], -first[c]))
    return province_by_code(best), lead.get(best), score[best]


_LEAD_DISTRICT = re.compile(
    r"^(?:[^\n]{0,40}?\s)?(H\.|[Hh]uyện|TX\.|[Tt]hị xã)\s*([A-ZĐ][\wÀ-ỹ]*(?:\s+[A-ZĐ][\wÀ-ỹ]*){0,3})\s*[,(–-]\s*"
    r"(?:tỉnh\s+)?([A-ZĐ][^\n:),]{1,30}?)\s*\)?\s*:", M)


_NAME = r"([A-ZĐ][\wÀ-ỹ]*(?:\s+[A-ZĐ][\wÀ-ỹ]*){0,3})"
# the first body to act in the lead: a district's ("UBND huyện X", "Huyện ủy X") or a province's
_LEAD_ACTOR = re.compile(
    r"(?:UBND|Ủy ban nhân dân|HĐND)\s+(huyện|thị xã|quận)\s+" + _NAME + r"|(Huyện ủy|Thị ủy|Quận ủy)\s+" + _NAME
    + r"|(?:UBND|Ủy ban nhân dân|HĐND)\s+(?:tỉnh|thành phố)|Tỉnh ủy|Thành ủy|Liên minh (?:HTX|[Hh]ợp tác xã) tỉnh")


def _lead_district(text: str, province: Province | None) -> str | None:
    """The district a page is about, inside the province it names: a title that opens on it ("H. Mộc Châu, Sơn La:
    …") or a lead whose first actor is the district's ("UBND huyện Mộc Châu (Sơn La) vừa ban hành …")."""
    if not province:
        return None
    m = _LEAD_DISTRICT.search(text[:_LEAD])
    if m and province_by_name(m.group(3)) == province and district_province(m.group(2)) in (None, province):
        return ("huyện" if m.group(1).lower().startswith("h") else "thị xã") + " " + m.group(2)
    a = _LEAD_ACTOR.search(text[:_LEAD])
    if not a or not (a.group(2) or a.group(4)):
        return None
    name = a.group(2) or a.group(4)
    if province_by_name(name) or district_province(name) not in (None, province):
        return None
    kind = a.group(1) or {"Huyện ủy": "huyện", "Thị ủy": "thị xã", "Quận ủy": "quận"}[a.group(3)]
    return kind + " " + name


def _restated(text: str, url: str) -> PlanMeta:
    """Our restatements name the source on line 1 and the plan on line 2: "Province[, locality] – Kind số N ..."."""
    lines = [ln for ln in text.split("\n") if ln.strip()]
    line = lines[1] if len(lines) > 1 else ""
    where, _, what = line.partition(" – ")
    if not what:
        where, what = "", line
    num = re.match(r"\s*(?:UBND[^–]{0,40})?" + _KINDS + r"(?:\s+số)?\s+(\d{1,5}(?:\s*[-/]\s*[A-ZĐa-zđ0-9]+)*)", what, I)
    number = canonical_docnum(num.group(1)) if num else None
    when = None
    d = re.search(r"ký ngày\s+(\d{1,2})/(\d{1,2})/(\d{4})", what, I)
    if not d and num:
        d = re.match(r"\s*,?\s*(?:ngày|ban hành ngày)\s+(\d{1,2})/(\d{1,2})/(\d{4})", what[num.end():], I)
    if d:
        when = _to_date(*d.groups())
    province = find_province(where) or _body_province(text)
    local = _LOCAL_UNIT.search(where)
    locality = None
    if local and not (province and province.is_central_city and province_by_name(local.group(2))):
        if not province_by_name(local.group(2)) or local.group(1).lower() in ("thành phố", "tp", "tp."):
            locality = local.group(1).lower().replace("tp.", "thành phố") + " " + local.group(2)
    national = bool(number and _NATIONAL_SUFFIX.search(number))
    return PlanMeta(
        title=line[:300] or None, doc_number=number, doc_type=_doc_type(number, what), issuer=None,
        issue_date=when, signer=None, province=None if national else province,
        province_source=None if national or not province else ("title" if find_province(where) else "body"),
        admin_level="national" if national else ("district" if locality else ("province" if province else "unknown")),
        locality=None if national else locality, implements=_implements(line, number), is_restatement=True,
        source_url=url)


def _national_act(text: str, pattern: Folded = _NATIONAL_ACT) -> re.Match | None:
    """The first national act or scope in the lead, outside the legal bases a decision cites ("Căn cứ …")."""
    for m in pattern.finditer(text[:_LEAD]):
        line = text[text.rfind("\n", 0, m.start()) + 1:m.start()]
        if not re.match(r"\s*(?:[-–•]\s*)?Căn cứ\b", line, I):
            return m
    return None


def extract_plan(text: str) -> PlanMeta:
    """Read a normalised text's own metadata."""
    restated = _RESTATED.match(text)
    if restated:
        return _restated(text, restated.group(1))
    if "°" in text:  # the widget's lines hold a degree sign: without one there is nothing to remove
        text = _WEATHER.sub("", text)  # a weather widget lists cities the page is not about
    title = _title(text, False)
    named, lead_pos, strength = _page_province(text)
    header = _HEADER_UNIT.search(text[:3000])
    auth, cands = _number_candidates(text)
    # the lead names the province before any national body acts, in the title, or again and again (the act is
    # looked for only when no header names the unit)
    title_end = _title_end(text)
    provincial = bool(header) or lead_pos is not None and (
        not (act := _national_act(text)) or lead_pos < act.start() or lead_pos < title_end or strength >= 4)
    # a provincial page names the national documents it implements: they are not its own number
    number = auth or next((c for c in cands if not (provincial and _NATIONAL_SUFFIX.search(c))), None)
    self_ref = _SELF_PROVINCE.search(text[:20000])  # "toàn tỉnh", "Liên minh HTX tỉnh": a province left unnamed
    if number and _NATIONAL_SUFFIX.search(number):
        national = True
    elif provincial or (number and _LOCAL_SUFFIX.search(number)):
        national = False
    elif national_lead := _national_act(text, _NATIONAL_LEAD):
        national = not (self_ref and self_ref.start() < national_lead.start()) and not _district_page(text, named)
    else:  # a page about the country as a whole that names no province ("cả nước", "nước ta") nor a district of one
        national = (not named and not self_ref and bool(_NATIONAL_SCOPE.search(text[:20000]))
                    and not _district_page(text, named))
    if national:
        province, source, locality, issuer = None, None, None, None
        level = "national"
    else:
        in_title = lead_pos is not None and lead_pos < title_end
        province, source, locality, issuer = _place(text, named, "title" if in_title else "body")
        if province is None and self_ref:
            province = _masthead_province(text)
            source = "masthead" if province else None
        # a page that speaks of "toàn tỉnh" without naming it is provincial: its level is known, its province is not
        # (none is guessed; the overview's provincial chart skips plans with no province)
        level = "district" if locality else ("province" if province or self_ref else "unknown")
    return PlanMeta(
        title=title, doc_number=number, doc_type=_doc_type(number, title, text), issuer=issuer,
        issue_date=_issue_date(text, number), signer=_signer(text), province=province,
        province_source=source, admin_level=level, locality=locality,
        implements=_implements(text, number), is_restatement=False, source_url=None,
    )
