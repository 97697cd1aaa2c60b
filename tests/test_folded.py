"""Folded patterns find exactly what their IGNORECASE originals find, at the same offsets."""
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coopdata import deadlines as D
from coopdata import targets as T
from coopdata import vocabulary as V
from coopdata.folded import Folded, boundary_as_lookbehind, hoist_lookbehinds, lower_pattern, needles, union

CASES = ["Hiện nay toàn tỉnh có 120 HTX", "ĐẾN NĂM 2030 có 700 HTX", "Kết Quả Thực Hiện năm 2023, đã có 5 HTX",
         "tới năm 2025 (İstanbul) trên 60%", "Số liệu: HIỆN CÓ 45 HTX", "Giai đoạn 2021 - 2025", "KHÔNG CÒN HTX yếu kém",
         "ngày 15 tháng 3 năm 2024", "ít nhất 30 THT", "STT 1", "Tổ chức KTTT: 3 nghìn"]
PATTERNS = [V.PAST, V.YEAR_PHRASE, V.YEAR_NOT_SCOPE, V.NOT_AIM, T._NOT_QUANTITY_BEFORE, T._HAS_FACT, T._WORD_HINT, T._FOUND_BEFORE,
            T._ANNUAL_WORD] + [p for _, p in V.COMPARATOR_BEFORE]
MORE = ([p for _, p in V.SECTORS + V.PERCENT_CUES + V.GROWTH_CUES + V.MONEY_CUES + V.COUNT_QUALITIES]
        + [V.FURNITURE_HEAD, T._CE_WORD, T._SECTOR_HEAD]
        + [p for _, p, _ in D._RULES]
        + [T._GAP, T._OPERATING, T._PER_ONE_BEFORE, T._NEW_PREDICATE, T._MONEY_SUBJECT, T._ECONOMY_GROWTH, T._CURRENT_AFTER,
           T._SO_VOI, T._SO_VOI_YEAR, T._ABOVE_BEFORE, T._ADMIT, T._TOP300, T._DISSOLVE_LEFT, T._FROM_BEFORE, T._RISE_BEFORE,
           T._YEARLY_AFTER, T._YEARLY_CLAUSE, T._LIST_PER_YEAR, T._FROM_END, T._BEFORE_DAY, V.NEW_VERB, V.GROWTH_WORD,
           V.MONEY_OTHER_UNIT, V.DISSOLVE, V.ANNUAL, V.PER_UNIT, V.NEW_VERB_NEAR])  # strict: they replaced plain IGNORECASE patterns
ALPHABET = st.sampled_from(list("aăâbcdđeêhiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯHIKNTÝỲỶẠẢÃÁÀỆỄẾỀỂỌỎÕÓÒİ0123456789 .,;:%-/()"))


def spans(p, s: str) -> list[tuple[int, int]]:
    return [m.span() for m in p.finditer(s)]


def test_escapes_and_group_names_are_kept():
    assert lower_pattern(r"(?P<Y1>\d)\S\W\B[A-Z]KH") == r"(?P<Y1>\d)\S\W\B[a-z]kh"


def test_known_sentences_match_alike():
    for p in PATTERNS:
        for s in CASES:
            assert spans(p, s) == spans(p.slow, s), (p.pattern[:40], s)
    assert spans(V.PAST, "Hiện nay toàn tỉnh có 120 HTX") == [(0, 8)]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(ALPHABET, st.sampled_from(CASES)), max_size=40).map("".join))
def test_any_text_matches_alike(s: str):
    for p in PATTERNS:
        assert spans(p, s) == spans(p.slow, s)
        m, n = p.search(s), p.slow.search(s)
        assert (m and m.span()) == (n and n.span())


def test_sub_keeps_the_original_text_outside_matches():
    p = Folded(r"hiện nay")
    assert p.sub("", "HIỆN NAY Toàn Tỉnh") == " Toàn Tỉnh"


def test_literal_trie_matches_what_the_flat_alternation_matches():
    import re

    from coopdata.folded import literal_trie

    alts = ["bắc giang", "bắc ninh", "bắc", "bình định", r"bình\s+phước", "hà nội"]
    sentence = "đến năm 2025, bắc ninh và bình   phước có 120 htx; bắc giang, hà nội và bình định giữ 80%; bắc"
    flat, factored = re.compile("|".join(alts)), re.compile(literal_trie(alts))
    assert factored.pattern.startswith("b(?:")
    assert spans(factored, sentence) == spans(flat, sentence) != []
    assert literal_trie([r"\s+có", "có"]) == r"\s+có|có"  # a class or an escape opens no factor


def test_folded_province_names_match_the_province_pattern():
    from coopdata.provinces import folded_name_pattern, name_pattern

    sentence = ("UBND tỉnh Bắc Ninh phối hợp với TP. Hồ Chí Minh, Bà Rịa - Vũng Tàu và Thừa Thiên Huế phấn đấu "
                "đến năm 2030 có 500 HTX; tỉnh Bình_Phước có 30 HTX")
    fast, slow = folded_name_pattern(), name_pattern()
    assert [(m.span(1), sentence[m.start(1):m.end(1)]) for m in fast.finditer(sentence)] == [
        (m.span(1), m.group(1)) for m in slow.finditer(sentence)]
    assert len(spans(fast, sentence)) >= 4


def test_letters_ignorecase_reads_beyond_their_lowercase():
    # "ſ" (long s) and "ı" (dotless i) match "s" and "i" under IGNORECASE but lowercase to themselves: a strict
    # pattern (one that replaced a plain IGNORECASE pattern) matches them as IGNORECASE does; the first Folded
    # patterns keep reading the lowercase, as they always did
    odd = ["Nông nghıệp: có 45 HTX, tổng ſố 120", "DOANH THU bình quân đạt 3 tỷ", "Tin lıên quan", "hợp tác xã ſố 5"]
    for s in odd:
        for p in MORE:
            assert p.strict and spans(p, s) == spans(p.slow, s), (p.pattern[:40], s)
    assert spans(V.PAST, "Hıện nay có 5 HTX") == [] != spans(V.PAST.slow, "Hıện nay có 5 HTX")


def test_factor_keeps_matches_and_groups():
    import re

    from coopdata.folded import factor, top_level

    source = r"(?<!\w)(?:hiện nay|hiện có|\bđã có|hiện tại|(?<!đến )năm (20\d\d),? có|năm qua)\s*(?:htx|hợp tác xã)?"
    sentence = "hiện nay có 120 htx; năm 2023, có 5 hợp tác xã; năm qua đã có 30 htx, hiện tại có 2 liên hiệp"
    fast, slow = re.compile(factor(source)), re.compile(source)
    assert [(m.span(), m.groups()) for m in fast.finditer(sentence)] == [
        (m.span(), m.groups()) for m in slow.finditer(sentence)] != []
    plain = source.replace("(20\\d\\d)", "20\\d\\d")  # a capturing group keeps its list in order, unfactored
    assert "(?:hiện nay|hiện có" in factor(source) and "h(?:i" in factor(plain)
    assert [m.span() for m in re.finditer(factor(plain), sentence)] == [m.span() for m in re.finditer(plain, sentence)]
    assert top_level("a|(?:b|c)d|[|]") == ["a", "(?:b|c)d", "[|]"]
    # with any_order the answer is the same yes/no, whatever the order of the cues
    assert bool(re.search(factor(source, True), "tổ chức thực hiện")) is False


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(ALPHABET, st.sampled_from(CASES + ["Nông nghiệp", "DOANH THU", "Tin liên quan", "GRDP", "ſ", "ı",
                                                             "Trước ngày 15/12/2025", "hằng năm báo cáo", "QUÝ IV/2024"])),
                max_size=30).map("".join))
def test_vocabulary_cues_match_alike(s: str):
    for p in MORE:
        assert spans(p, s) == spans(p.slow, s), p.pattern[:40]


def test_needles_are_the_literals_every_match_holds():
    assert needles(r"(?:đến|tới) năm 20\d\d") == ("tới năm 20", "đến năm 20")  # shortest first, then in code order
    assert needles(r"(?<!\w)(?:(?:trong )?thời gian tới|trong \d+ năm tới)(?!\w)") == (" năm tới", "thời gian tới")
    assert needles(r"\bsẽ\b|phấn đấu|sẽ không") == ("sẽ", "phấn đấu")  # "sẽ không" holds "sẽ"
    assert needles(r"x(?:ab)+y|ab?c") == ("a", "x")  # a repeated group or a quantified letter ends the literal
    assert needles(r"(?:gửi|báo cáo|rà soát)[^;.]{0,80}?(?:vào|trong) năm (\d{4})") == ("vào năm ", "trong năm ")
    assert needles(r"\d|không còn") is None  # an alternative opening on a class has no literal
    assert needles(r"\d{4}") is None and needles(r"(?:x)*") is None and needles(r"a{2}b") == ("b",)
    assert needles(r"^\|?\s*số hiệu\s*:?") == ("số hiệu",)  # an optional character or class is stepped over
    assert needles(r"[,.]{0,2}ab|.?x") == ("x", "ab") and needles(r"\s+x") == ("x",)
    assert needles("|".join(f"w{i:02d}" for i in range(40))) is None  # too many to look for in turn


def test_a_text_without_a_needle_has_no_match():
    p = Folded(r"(?:đến|tới) năm 20\d\d")
    assert set(p.needles) == {"đến năm 20", "tới năm 20"}
    assert p.search("Đến năm 2030 có 50 HTX").span() == (0, 12)
    assert p.search("đến 2030 có 50 HTX") is None and list(p.finditer("năm 2030")) == [] and p.match("x") is None
    assert p.sub("…", "Tới năm 2025, tới năm 2030") == "…, …"


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(ALPHABET, st.sampled_from(CASES + ["Nông nghiệp", "DOANH THU", "Tin liên quan", "ſ", "ı"])),
                max_size=30).map("".join))
def test_every_fast_match_holds_a_needle(s: str):
    low = s.lower()
    for p in PATTERNS + MORE:
        if p.needles is not None and len(low) == len(s):
            for m in p.fast.finditer(low):
                assert any(n in low for n in p.needles), (p.pattern[:40], s)


REWRITTEN = [r"(?<!đến )(?<!tới )năm \d{4}|năm qua", r"(?<!con )(?<!tổng )số|số hiệu", r"(?<=a )bc*", r"\b(?:ab|cd)(?!\w)",
             r"\bhiện nay|\d"]


def test_lookbehinds_move_after_the_text_they_precede():
    assert hoist_lookbehinds(r"(?<!đến )(?<!tới )năm \d{4}") == r"năm\ (?<!đến\ năm\ )(?<!tới\ năm\ )\d{4}"
    assert hoist_lookbehinds(r"(?<=a)bc*") == r"b(?<=ab)c*"  # a quantified letter stays after them
    for kept in (r"(?<!\w)abc", r"(?<!x)\d", r"(?<![ab])c", "abc"):
        assert hoist_lookbehinds(kept) == kept


def test_a_word_boundary_before_a_word_becomes_a_lookbehind():
    assert boundary_as_lookbehind(r"\b(?:ab|cd)") == r"(?<!\w)(?:ab|cd)"
    assert boundary_as_lookbehind(r"\bab|\d") == r"(?<!\w)ab|\d"  # \b belongs to the first alternative only
    for kept in (r"\b(?:ab|/c)", r"\b(?:a)?b", r"\b\d", r"a\b"):
        assert boundary_as_lookbehind(kept) == kept


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(ALPHABET, st.sampled_from(["đến năm 2030", "năm 2024", "con số", "số hiệu", "a bcc", "hiện nay"])),
                max_size=30).map("".join))
def test_rewritten_patterns_match_alike(s: str):
    for src in REWRITTEN:
        for fast in (boundary_as_lookbehind(src), "|".join(hoist_lookbehinds(a) for a in src.split("|"))):
            assert [m.span() for m in re.finditer(fast, s)] == [m.span() for m in re.finditer(src, s)], (src, fast)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(ALPHABET, st.sampled_from(CASES + ["ΑΣ ", "ſố", "ı", "İ", "Nông nghiệp", "HTX yếu kém"])),
                max_size=30).map("".join), st.integers(0, 60), st.integers(0, 60))
def test_search_in_and_match_in_find_what_search_and_match_find_in_the_part(s: str, a: int, b: int):
    for p in PATTERNS + MORE:
        m, n = p.search_in(s, a, b), p.search(s[a:b])
        assert (m and (m.span(), m.group(0))) == (n and (n.span(), n.group(0))), (p.pattern[:40], s, a, b)
        m, n = p.match_in(s, a, b), p.match(s[a:b])
        assert (m and (m.span(), m.group(0))) == (n and (n.span(), n.group(0))), (p.pattern[:40], s, a, b)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(ALPHABET, st.sampled_from(["Nông nghiệp", "tín dụng", "DOANH THU", "thành viên", "ſ", "ı", "İ",
                                                      "không dưới", "khoảng", "tăng trưởng"])), max_size=30).map("".join))
def test_a_union_matches_when_one_of_its_patterns_does(s: str):
    for parts, whole in ((V.SECTORS, V.ANY_SECTOR), (V.GROWTH_CUES, V.ANY_GROWTH_CUE), (V.COMPARATOR_BEFORE, V.ANY_COMPARATOR_BEFORE)):
        assert bool(whole.search(s)) == any(p.search(s) for _, p in parts)


def test_a_union_keeps_its_patterns_strictness():
    assert union([Folded("a", strict=True), Folded("b", strict=True)]).strict
    with pytest.raises(ValueError):
        union([Folded("a", strict=True), Folded("b")])
