"""What narrows a fact's subject without changing its metric: the `qualifier` column.

One plan often sets several figures of one metric for one year: "70 HTX; trong đó 45 HTX xếp loại khá và 25 HTX ở
mức trung bình", an income for members and another for workers, a share of managers with a college degree and
another with vocational training, a revenue for cooperatives and another for cooperative groups. Without the words
that tell them apart a reader of the table sees three counts of cooperatives for 2020. The wording lives in
data/qualifiers.csv (kind, metrics, side, pattern, label, example, expect): each row names the metrics it qualifies
and where its words stand (right after the figure, in the words before it since the previous figure or anywhere in
the clause before it, or anywhere in the rest of the clause); every row's example is a test (tests/test_qualifiers.py). A qualifier is the text as
written (a row's label replaces it where the words vary, "đồng/tháng"); several kinds join with "; ".
"""
from __future__ import annotations

import csv
import re
from functools import lru_cache
from importlib import resources
from typing import NamedTuple

__all__ = ["QualifierRow", "rows", "qualifier", "PER_UNIT_QUALIFIER"]

# Building blocks the rows name in capitals
_RATING = r"(?:tốt|khá|giỏi|xuất sắc|trung bình|yếu|kém)"
_EDUCATION_LEVEL = r"(?:sơ cấp|trung cấp|cao đẳng|đại học|sơ(?=\s*,))"
_EDUCATION = (r"(?:(?:đã\s+)?(?:qua|được)\s+đào tạo\s+)?(?:(?:trình độ|bằng|tốt nghiệp)\s+)?(?:từ\s+)?" + _EDUCATION_LEVEL +
              r"(?:\s+nghề(?:\s+giám đốc)?)?(?:\s*(?:,|và|hoặc)\s*" + _EDUCATION_LEVEL + r")*(?:\s+trở lên)?"
              # trained for the director's trade, no level named: "được đào tạo nghề giám đốc HTX"
              r"|(?:đã\s+)?(?:qua|được)\s+đào tạo\s+nghề\s+giám đốc(?:\s+(?:HTX\w*|hợp tác xã))?")
_TRAINED = (r"(?:đã\s+)?(?:qua|được)\s+(?:đào tạo|tập huấn|bồi dưỡng)(?:\s*(?:,|và)\s*(?:đào tạo|tập huấn|bồi dưỡng))*")
_KIND = r"(?:HTX|hợp tác xã|THT|tổ hợp tác|KTTT|kinh tế tập thể|quỹ tín dụng(?: nhân dân)?)"
_WHO = (r"(?:thành viên(?:\s*(?:,|và|cùng)\s*(?:người\s+)?lao động(?:\s+làm việc)?(?:\s+thường xuyên)?)?"
        r"|(?:người\s+)?lao động(?:\s+làm việc)?(?:\s+thường xuyên)?(?:\s*(?:,|và)\s*thành viên)?|xã viên|tổ viên)"
        r"(?:\s+(?:của\s+|trong\s+|làm trong\s+|thuộc\s+|tại\s+)?(?:các\s+)?(?:khu vực\s+)?" + _KIND +
        r"(?:\s+nông nghiệp)?)?")
# a rating: "xếp loại khá", "đạt loại tốt, khá trở lên", "ở mức trung bình" (the verb before it is the row's)
_RATED = r"(?:loại|mức)\s+(?:từ\s+)?" + _RATING + r"(?:\s*(?:,|và|hoặc|-)\s*" + _RATING + r")*(?:\s+trở lên)?"
# an organisation other than the cooperative an average speaks of by default; ORG also keeps a list that names the
# cooperative with it whole ("HTX, THT")
_OTHER_ORG = r"(?:tổ hợp tác|THT|liên hiệp(?: hợp tác xã| HTX)?|quỹ tín dụng(?: nhân dân)?|QTDND)"
_ORG = r"(?:(?:HTX|hợp tác xã)\s*(?:,|và|/)\s*)?" + _OTHER_ORG
_ORG_NOUN = r"(?:HTX|hợp tác xã|THT|tổ hợp tác|liên hiệp(?: hợp tác xã| HTX)?)"
# the managers a share of managers names: "giám đốc HTX", "cán bộ chủ chốt"
_ROLE = r"(?:giám đốc(?: HTX| hợp tác xã)?|cán bộ chủ chốt|kế toán(?: HTX| hợp tác xã)?)"
# from a share to its own item's words, not past "và" into the next item's: "45% có trình độ trung cấp, 35% …"
_OWN_ITEM = r"^\s*%?\s*(?!(?:và|hoặc)\b)(?:(?:(?!\bvà\b)[^,;\d%]){0,60}?\s)?"
# each district or commune ("mỗi huyện, thị xã", "từng xã"): a figure for each unit, not for the whole plan
_PER_UNIT = (r"(?:mỗi|từng)\s+(?:xã|huyện|quận|phường|thôn|ấp|thị xã|thị trấn)"
             r"(?:\s*,\s*(?:xã|huyện|quận|phường|thị xã|thành phố|thị trấn))*")
_BLOCKS = {"RATED": _RATED, "EDUCATION": _EDUCATION, "TRAINED": _TRAINED, "WHO": _WHO, "OTHERORG": _OTHER_ORG,
           "ORGNOUN": _ORG_NOUN, "ORG": _ORG, "ROLE": _ROLE, "OWNITEM": _OWN_ITEM, "PERUNIT": _PER_UNIT}
# a qualifier that makes its figure one for each district or commune (as the per_unit rows write it)
PER_UNIT_QUALIFIER = r"(?i)(?:^|; )" + _PER_UNIT
_SIDES = ("after", "before", "clause_before", "clause")


class QualifierRow(NamedTuple):
    kind: str
    metrics: frozenset[str]
    side: str
    pattern: re.Pattern[str]
    label: str
    example: str
    expect: str


_BLOCK_NAME = re.compile(r"\b(?:" + "|".join(_BLOCKS) + r")\b")


def _expand(pattern: str) -> str:
    """A row's pattern with the building blocks it names in capitals written out."""
    return _BLOCK_NAME.sub(lambda m: _BLOCKS[m.group(0)], pattern)


@lru_cache(maxsize=1)
def rows() -> tuple[QualifierRow, ...]:
    """The rows of data/qualifiers.csv, compiled, in file order (the order kinds are tried and joined)."""
    out = []
    with resources.files("coopdata.data").joinpath("qualifiers.csv").open(encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["side"] not in _SIDES:
                raise ValueError(f"qualifiers.csv: side {r['side']!r} is none of {_SIDES}")
            out.append(QualifierRow(r["kind"], frozenset(r["metrics"].split()), r["side"],
                                    re.compile(_expand(r["pattern"]), re.IGNORECASE), r["label"], r["example"],
                                    r["expect"]))
    return tuple(out)


@lru_cache(maxsize=1)
def _by_metric() -> dict[str, tuple[QualifierRow, ...]]:
    metrics = {m for r in rows() for m in r.metrics}
    return {m: tuple(r for r in rows() if m in r.metrics) for m in metrics}


def _found(row: QualifierRow, before: str, clause_before: str, after: str, clause_after: str) -> str | None:
    if row.side == "after":
        m = row.pattern.match(after)
    elif row.side in ("before", "clause_before"):
        m = None
        for m in row.pattern.finditer(before if row.side == "before" else clause_before):
            pass  # the last one: the words nearest the figure
    else:
        m = row.pattern.search(clause_after)
    if m is None:
        return None
    if row.label:
        return row.label
    return " ".join((m.group("q") if "q" in row.pattern.groupindex else m.group(0)).split())


def qualifier(metric: str, before: str, clause_before: str, after: str, clause_after: str) -> str | None:
    """The words that narrow a fact of `metric`, or None.

    before: the clause's words between the previous figure (or the clause start) and this one; clause_before: all
    of the clause before this figure (a unit named before an earlier figure: "mỗi huyện (100% số huyện) có 3 …"); after: the words
    from the end of this figure to the next figure; clause_after: the rest of the clause (which may hold figures
    of its own: "sản phẩm OCOP 3 sao")."""
    found: list[str] = []
    kinds: set[str] = set()
    for row in _by_metric().get(metric, ()):
        if row.kind in kinds:
            continue
        q = _found(row, before, clause_before, after, clause_after)
        if q and not any(q.lower() in f.lower() for f in found):
            found.append(q)
            kinds.add(row.kind)
    return "; ".join(found) or None
