import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coopdata.numbers import parse_number


@pytest.mark.parametrize("written, value", [
    ("2.000", 2000), ("1,5", 1.5), ("05", 5), ("1.056,714", 1056.714), ("0,5", 0.5), ("140", 140), ("hai", 2),
])
def test_vietnamese_numerals(written, value):
    assert parse_number(written) == pytest.approx(value)


# --- numbers in words -------------------------------------------------------------------------
import random

from coopdata.numbers import find_numbers, parse_words

# The word examples of facebook/duckling's Vietnamese numeral corpus (Duckling/Numeral/VI/Corpus.hs).
# Its digit examples use English separators ("1.1" = 1.1, "100,000") and are left out; so is
# "tră" = 100 (a typo for "trăm", and a bare "trăm" has no multiplier).
DUCKLING_VI_WORDS = [
    ("không", 0), ("một", 1), ("hai", 2), ("ba mươi ba", 33), ("mười bốn", 14), ("mười sáu", 16),
    ("mười bảy", 17), ("mười tám", 18), ("5 nghìn", 5000), ("năm nghìn", 5000),
    ("hai trăm nghìn", 200_000), ("một tỷ", 1_000_000_000),
    ("hai mươi mốt nghìn không trăm mười một", 21_011),
    ("bảy trăm hai mươi mốt nghìn không trăm mười hai", 721_012),
]


@pytest.mark.parametrize("written, value", DUCKLING_VI_WORDS)
def test_duckling_vietnamese_word_numerals(written, value):
    assert parse_words(written) == pytest.approx(value)


@pytest.mark.parametrize("written, value", [
    ("hai mươi mốt", 21), ("mười lăm", 15), ("mười nhăm", 15), ("hai mươi lăm", 25), ("hai lăm", 25),
    ("hai mươi tư", 24), ("hai tư", 24), ("một trăm linh năm", 105), ("một trăm lẻ năm", 105),
    ("một trăm linh tư", 104), ("một nghìn rưỡi", 1500), ("hai triệu rưỡi", 2_500_000),
    ("một trăm rưỡi", 150), ("một trăm mốt", 110), ("hai triệu tư", 2_400_000),
    ("2 triệu", 2e6), ("1,5 tỷ", 1.5e9), ("2,3 triệu", 2.3e6), ("140 nghìn", 140_000),
    ("2 triệu 500 nghìn", 2_500_000), ("2.000 tỷ", 2e12), ("hai chục", 20), ("một chục rưỡi", 15),
    ("hai chục nghìn", 20_000), ("một tỷ", 1e9), ("một tỉ", 1e9), ("ba ngàn", 3000),
    ("một nghìn tỷ", 1e12), ("hai tỷ năm trăm triệu", 2.5e9), ("một nghìn linh năm", 1005),
    ("HAI MƯƠI MỐT", 21), ("  Năm   mươi  ", 50), ("2.000", 2000),
])
def test_parse_words(written, value):
    assert parse_words(written) == pytest.approx(value)


@pytest.mark.parametrize("written", [
    "", "vài chục", "hàng trăm", "trăm", "nghìn", "tư", "mốt", "lăm", "rưỡi", "bao", "mười năm",
    "hai mươi năm", "hai ba", "một nghìn nghìn", "hai tỷ ba nghìn tỷ", "hai nghìn 500", "2 tỷ 1,5 triệu",
    "một trăm linh", "hai mươi mươi", "không trăm", "2triệu đồng", "năm 2030",
])
def test_parse_words_rejects_what_is_not_one_number(written):
    assert parse_words(written) is None


_UNIT = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]


def _spell_below_100(n: int, variant: int) -> str:
    if n < 10:
        return _UNIT[n]
    tens, unit = divmod(n, 10)
    head = "mười" if tens == 1 else _UNIT[tens] + " mươi"
    if unit == 0:
        return head
    if tens == 1:
        return head + " " + ("lăm" if unit == 5 else _UNIT[unit])
    tail = {1: "mốt", 4: "tư" if variant % 2 else "bốn", 5: "lăm" if variant % 3 else "nhăm"}
    return head + " " + tail.get(unit, _UNIT[unit])


def _spell_below_1000(n: int, padded: bool, variant: int) -> str:
    hundreds, rest = divmod(n, 100)
    words = [_UNIT[hundreds], "trăm"] if hundreds or padded else []
    if rest and words and rest < 10:
        words += ["lẻ" if variant % 2 else "linh", _UNIT[rest]]
    elif rest:
        words.append(_spell_below_100(rest, variant))
    return " ".join(words)


def spell(n: int, variant: int = 0) -> str:
    """Formal Vietnamese spelling of 0 <= n < 10**12 ("hai mươi mốt nghìn không trăm mười một")."""
    if n == 0:
        return "không"
    scales = ["", "ngàn" if variant % 5 == 0 else "nghìn", "triệu", "tỉ" if variant % 2 else "tỷ"]
    groups = [(n // 1000 ** k) % 1000 for k in range(4)]
    parts: list[str] = []
    for k in range(3, -1, -1):
        if groups[k]:
            parts.append(_spell_below_1000(groups[k], bool(parts), variant))
            if k:
                parts.append(scales[k])
    return " ".join(parts)


def test_spelled_out_integers_read_back():
    for n in range(0, 100_000, 7):
        assert parse_words(spell(n, n)) == n, spell(n, n)
    rng = random.Random(2030)
    for _ in range(3000):
        n = rng.randrange(10 ** rng.randint(1, 12))
        assert parse_words(spell(n, n)) == n, spell(n, n)


def test_spelled_out_integers_found_in_a_sentence():
    rng = random.Random(21011)
    for n in [rng.randrange(1, 100_000) for _ in range(500)] + list(range(1, 11)):
        words = spell(n, n)
        text = f"Kế hoạch: có {words} thành viên."
        assert find_numbers(text) == [(13, 13 + len(words), n)], words


def _found(text):
    return [(text[s:e], v) for s, e, v in find_numbers(text)]


def test_find_numbers_target_sentence():
    text = "Phấn đấu đến năm 2030 có hai mươi mốt nghìn không trăm mười một thành viên"
    words = "hai mươi mốt nghìn không trăm mười một"
    start = text.index(words)
    assert find_numbers(text) == [(text.index("2030"), text.index("2030") + 4, 2030),
                                  (start, start + len(words), 21011)]


@pytest.mark.parametrize("text, found", [
    ("thành lập mới năm hợp tác xã", [("năm", 5)]),
    ("một tỷ đồng", [("một tỷ", 1e9)]),
    ("vài chục HTX", []),
    ("lập một liên minh HTX", [("một", 1)]),
    ("có ba HTX và hai tổ hợp tác", [("ba", 3), ("hai", 2)]),
    ("năm 2030", [("2030", 2030)]),
    ("trong năm nay, năm mươi HTX", [("năm mươi", 50)]),
    ("nước Ba Tư", []),
    ("bao nhiêu thành viên", []),
    ("trong mười năm tới", []),
    ("hàng trăm mô hình", []),
    ("hỗ trợ 2 triệu 500 nghìn đồng cho 140 nghìn hộ", [("2 triệu 500 nghìn", 2.5e6), ("140 nghìn", 140_000)]),
    ("vốn 1,5 tỷ năm 2023", [("1,5 tỷ", 1.5e9), ("2023", 2023)]),
    ("mười lăm năm, một nghìn rưỡi thành viên", [("mười lăm", 15), ("một nghìn rưỡi", 1500)]),
    ("có một số HTX", []),
    ("Hai Mươi Lăm HTX", [("Hai Mươi Lăm", 25)]),
])
def test_find_numbers(text, found):
    assert _found(text) == found


def test_number_scan_finds_what_number_finds():
    import re

    from coopdata.numbers import NUMBER, NUMBER_SCAN

    sentence = ("Đến năm 2030 có 1.250 HTX, 05 liên hiệp, 12,5% thành viên; giai đoạn 2021-2025 hỗ trợ 2.000,5 triệu "
                "đồng, Kế hoạch số 264/KH-UBND ngày 6/10/2022, mục 1.2.3, 1.000.000 người, 3,4,5 và 12.34")
    slow, fast = re.compile(NUMBER), re.compile(NUMBER_SCAN)
    assert [m.span() for m in fast.finditer(sentence)] == [m.span() for m in slow.finditer(sentence)] != []


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789.,/ -%aHTX")), max_size=40))
def test_number_scan_matches_number_on_any_text(s: str):
    import re

    from coopdata.numbers import NUMBER, NUMBER_SCAN

    assert [m.span() for m in re.finditer(NUMBER_SCAN, s)] == [m.span() for m in re.finditer(NUMBER, s)]


def test_a_number_glued_to_letters_is_a_name_not_a_quantity():
    from coopdata.numbers import NUMBER
    import re

    assert [m.group(0) for m in re.finditer(NUMBER, "giống lúa ST25, trang m88 và 40 HTX")] == ["40"]
