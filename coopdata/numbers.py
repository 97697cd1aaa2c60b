"""Vietnamese numerals: "2.000" = 2000, "1,5" = 1.5, "05" = 5, "2 triệu" = 2e6, "hai" = 2.

Numbers written out in words ("hai mươi mốt nghìn không trăm mười một") are read by a small
grammar (parse_words, find_numbers) rather than a table of examples, so any spelled-out value
the documents use is understood, not only the ones somebody listed.
"""
from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

__all__ = ["NUMBER", "NUMBER_SCAN", "parse_number", "SCALES", "WORD_NUMBERS", "parse_words", "find_numbers"]

# A number as written: thousands with dots, decimals with a comma; or plain digits.
# a number glued to letters is part of a name or a code ("ST25" rice, "m88" spam, "H5N1"), not a quantity
NUMBER = r"(?<![\d.,/])(?<![^\W\d_])(?:\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)(?![\d/]|[.,]\d)"
# The same matches, written to open on a digit: `re` then skips to the next digit at C speed instead of trying the
# lookbehind at every character (3x faster over a line). The first digit is consumed, then the lookbehind checks
# the character before it; both branches go on with one digit fewer.
NUMBER_SCAN = r"\d(?<![\d.,/]\d)(?<![^\W\d_]\d)(?:\d{0,2}(?:\.\d{3})+(?:,\d+)?|\d*(?:,\d+)?)(?![\d/]|[.,]\d)"

SCALES = {"nghìn": 1e3, "ngàn": 1e3, "triệu": 1e6, "tỷ": 1e9, "tỉ": 1e9}
WORD_NUMBERS = {
    "một": 1, "hai": 2, "ba": 3, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8,
    "chín": 9, "mười": 10, "trăm": 100, "đôi": 2,
}


def parse_number(token: str) -> float:
    """Parse one written number ("6.600", "0,5", "1.056,714", "05", "hai") to a float."""
    token = token.strip()
    if token.lower() in WORD_NUMBERS:
        return float(WORD_NUMBERS[token.lower()])
    if _THOUSANDS.fullmatch(token):
        token = token.replace(".", "")
    return float(token.replace(",", "."))


# --- numbers written in words -------------------------------------------------------------
# Grammar (tokens are whole words, lower-cased):
#   phrase := part (BIG rest)*        split at the first occurrence of the largest BIG scale
#   rest   := "" | "rưỡi" (half the scale) | ABBR ("hai triệu tư" = 2.4e6) | linh/lẻ unit
#           | phrase smaller than the scale ("nghìn không trăm mười một")
#   part   := digits | unit "trăm" [rưỡi | ABBR | linh/lẻ unit | tens] | tens
#   tens   := unit | "mười" [unit'] | tens-digit "mươi" [unit''] | tens-digit (mốt|tư|lăm|nhăm)
#           | unit "chục" ["rưỡi"]
# "năm" right after mười/mươi is read as "year(s)" ("mười năm" = ten years): 15/25 are written
# with "lăm"/"nhăm". A lone "tư", "mốt", "lăm" is not a number (they only end a compound).

_BIG = {word: Decimal(int(value)) for word, value in SCALES.items()}
_UNITS = {"một": 1, "hai": 2, "ba": 3, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9}
_TENS_DIGIT = {w: v for w, v in _UNITS.items() if v >= 2}
_AFTER_MUOI_10 = {**{w: v for w, v in _UNITS.items() if w != "năm"}, "lăm": 5, "nhăm": 5}  # mười _
_AFTER_MUOI = {**_AFTER_MUOI_10, "mốt": 1, "tư": 4}                                       # mươi _
_AFTER_LINH = {**_UNITS, "tư": 4}                                                          # linh _
_ABBR_TENS = {"mốt": 1, "tư": 4, "lăm": 5, "nhăm": 5}                  # "hai lăm" = 25
# after a scale word, one unit counts tenths of it ("một trăm mốt" = 110); not "năm" (= year)
_ABBR = {"mốt": 1, "hai": 2, "ba": 3, "tư": 4, "bốn": 4, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9}
_LINH = frozenset({"linh", "lẻ"})
_VOCAB = frozenset(_BIG) | frozenset(_AFTER_MUOI) | _LINH | {
    "không", "năm", "mười", "mươi", "trăm", "chục", "rưỡi"}
# words that lead a number only when a scale word follows: they are also "year", "father"/"Ba Tư",
# "fourth", "day after tomorrow"...
_WEAK_LEAD = frozenset({"năm", "ba", "tư", "mốt", "lăm", "nhăm"})
_SCALE_WORDS = frozenset(_BIG) | {"trăm", "mươi", "chục"}
_LONE = {**_UNITS, "mười": 10}
_MAX_TOKENS = 24

_TOKEN = re.compile(r"(?P<d>" + NUMBER + r")|(?P<w>[^\W\d_]+)")
_GAP = re.compile(r"\s*")
_HEAD = re.compile(
    r"\s+(?:hợp\s+tác\s+xã|htx|tổ\s+hợp\s+tác|tht|liên\s+hiệp|liên\s+minh|mô\s+hình|thành\s+viên)(?!\w)",
    re.IGNORECASE)
_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?")

_Tok = tuple[int, int, str, bool]  # start, end, lower-cased text, is digits


def _tokens(text: str) -> list[_Tok]:
    """Digit numbers (NUMBER) and whole words, with their offsets in text."""
    return [(m.start(), m.end(), m.group(0).lower(), m.group("d") is not None) for m in _TOKEN.finditer(text)]


def _digits(tok: str) -> Decimal:
    """Exact value of a digit token (Decimal, so "2,3 triệu" is 2 300 000, not 2 299 999.99...)."""
    if _THOUSANDS.fullmatch(tok):
        tok = tok.replace(".", "")
    return Decimal(tok.replace(",", "."))


def _is_digits(tok: str) -> bool:
    return tok[0].isdigit()


def _tens(toks: list[str], first: bool) -> Decimal | None:
    """0..99 in words."""
    n = len(toks)
    head = toks[0]
    if n == 1:
        if head in _UNITS:
            return Decimal(_UNITS[head])
        if head == "mười":
            return Decimal(10)
        return Decimal(0) if head == "không" and first else None
    if head == "mười":
        return Decimal(10 + _AFTER_MUOI_10[toks[1]]) if n == 2 and toks[1] in _AFTER_MUOI_10 else None
    if head in _UNITS and toks[1] == "chục":  # "hai chục" = 20, "chục rưỡi" = +5
        if n == 2:
            return Decimal(10 * _UNITS[head])
        return Decimal(10 * _UNITS[head] + 5) if n == 3 and toks[2] == "rưỡi" else None
    if head not in _TENS_DIGIT:
        return None
    tens = 10 * _TENS_DIGIT[head]
    if toks[1] == "mươi":
        if n == 2:
            return Decimal(tens)
        return Decimal(tens + _AFTER_MUOI[toks[2]]) if n == 3 and toks[2] in _AFTER_MUOI else None
    if n == 2 and toks[1] in _ABBR_TENS:
        return Decimal(tens + _ABBR_TENS[toks[1]])
    return None


def _part(toks: list[str], first: bool) -> Decimal | None:
    """A number below a thousand (words), or one digit token."""
    if len(toks) == 1 and _is_digits(toks[0]):
        value = _digits(toks[0])
        return value if first or value == value.to_integral_value() else None
    if any(_is_digits(t) for t in toks[1:]):
        return None
    if "trăm" not in toks:
        return None if _is_digits(toks[0]) else _tens(toks, first)
    k = toks.index("trăm")
    if k != 1:
        return None
    h = toks[0]
    if h in _UNITS:
        hundreds = _UNITS[h]
    elif h == "không" and not first:  # "nghìn không trăm mười một"
        hundreds = 0
    elif _is_digits(h) and h.isdigit() and 1 <= int(h) <= 9:  # "5 trăm nghìn"
        hundreds = int(h)
    else:
        return None
    rest = toks[2:]
    if not rest:
        low = Decimal(0)
    elif len(rest) == 1:
        if rest[0] == "rưỡi":
            low = Decimal(50)
        elif rest[0] in _ABBR:
            low = Decimal(10 * _ABBR[rest[0]])
        elif rest[0] == "mười":  # "hai trăm mười" = 210
            low = Decimal(10)
        else:
            return None
    elif rest[0] in _LINH:
        if len(rest) != 2 or rest[1] not in _AFTER_LINH:
            return None
        low = Decimal(_AFTER_LINH[rest[1]])
    else:
        tens = _tens(rest, False)
        if tens is None or tens < 10:
            return None
        low = tens
    return 100 * hundreds + low


def _rest(toks: list[str], scale: Decimal) -> Decimal | None:
    """What follows a scale word: nothing, "rưỡi", an abbreviated unit, linh/lẻ + unit, or less than it."""
    if not toks:
        return Decimal(0)
    if len(toks) == 1:
        if toks[0] == "rưỡi":
            return scale / 2
        return scale * _ABBR[toks[0]] / 10 if toks[0] in _ABBR else None
    if toks[0] in _LINH:
        return Decimal(_AFTER_LINH[toks[1]]) if len(toks) == 2 and toks[1] in _AFTER_LINH else None
    value = _phrase(toks, False)
    return value if value is not None and 0 < value < scale else None


def _phrase(toks: list[str], first: bool) -> Decimal | None:
    """A whole number: split at the first occurrence of its largest scale word, left x scale + rest."""
    if not toks:
        return None
    best = -1
    for i, tok in enumerate(toks):
        if tok in _BIG and (best < 0 or _BIG[tok] > _BIG[toks[best]]):
            best = i
    if best < 0:
        return _part(toks, first)
    scale = _BIG[toks[best]]
    left = _phrase(toks[:best], first)
    if not left:
        return None
    right = _rest(toks[best + 1:], scale)
    return None if right is None else left * scale + right


def _value(toks: list[str]) -> Decimal | None:
    return _phrase(toks, True) if toks and len(toks) <= _MAX_TOKENS else None


def parse_words(text: str) -> float | None:
    """Value of a whole phrase of number words, digits allowed before scale words, else None.

    "hai mươi mốt nghìn không trăm mười một" = 21011, "một nghìn rưỡi" = 1500,
    "1,5 tỷ" = 1.5e9, "hai chục" = 20; "vài chục", "mười năm" (ten years) and "tư" alone are None.
    """
    text = unicodedata.normalize("NFC", text)
    toks = _tokens(text)
    pos = 0
    for start, end, _, _ in toks:
        if not _GAP.fullmatch(text, pos, start):
            return None
        pos = end
    if not toks or not _GAP.fullmatch(text, pos):
        return None
    value = _value([t[2] for t in toks])
    return None if value is None else float(value)


def find_numbers(text: str) -> list[tuple[int, int, float]]:
    """Every number in text as (start, end, value): digits, words and both mixed; longest match.

    A lone unit word is taken only before a head noun ("năm hợp tác xã", "một liên minh HTX"),
    and năm/ba/tư/mốt lead a number only before a scale word, so "năm 2030" (the year) and
    "Ba Tư" are not numbers. Offsets are into text as given (expected NFC).
    """
    toks = _tokens(text)
    out: list[tuple[int, int, float]] = []
    i, n = 0, len(toks)
    while i < n:
        start, end, word, digits = toks[i]
        if not digits and word not in _VOCAB:
            i += 1
            continue
        run = i + 1  # tokens i..run-1: number words separated by spaces only
        while (run < n and run - i < _MAX_TOKENS and (toks[run][3] or toks[run][2] in _VOCAB)
               and _GAP.fullmatch(text, toks[run - 1][1], toks[run][0])):
            run += 1
        found = None
        weak = not digits and word in _WEAK_LEAD
        if run > i + 1 and (not weak or toks[i + 1][2] in _SCALE_WORDS):
            words = [t[2] for t in toks[i:run]]
            for j in range(run - i, 1, -1):
                value = _value(words[:j])
                if value is not None:
                    found = (j, value)
                    break
        if found is None:
            if digits:
                found = (1, _digits(word))
            elif word in _LONE and _HEAD.match(text, end):
                found = (1, Decimal(_LONE[word]))
        if found is None:
            i += 1
            continue
        j, value = found
        out.append((start, toks[i + j - 1][1], float(value)))
        i += j
    return out
