"""Decoding and normalising raw texts.

Vietnamese texts arrive in several Unicode forms (NFC/NFD) and with two tone-mark
conventions ("hoà"/"hòa", "uỷ"/"ủy"). Matching rules run on one canonical form;
the original text is kept beside it for provenance, and every published span
indexes the normalised text.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

__all__ = ["decode_bytes", "normalise", "fold", "Decoded", "segments", "MAX_SEGMENT", "unwrap"]

MAX_SEGMENT = 3000

_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
# o+a, o+e, u+y in an open syllable: the old convention puts the tone on the first vowel
# ("hòa", "khỏe", "thủy"); the new one on the second ("hoà", "khoẻ", "thuỷ"). We keep the
# old one, the more common in official documents.


def _variants(base: str) -> str:
    return "".join(unicodedata.normalize("NFC", b + t) for b in base for t in ("", *sorted(_TONES)))


_OLD_NEW = re.compile(
    f"(?<![qQ])([oO][{_variants('aAeE')}]|[uU][{_variants('yY')}])(?!\\w)", re.UNICODE
)
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_BLANKS = re.compile(r"\n{3,}")
# word-segmented Vietnamese (tokeniser output: "hợp_tác_xã", "Bình_Phước") joins syllables with "_": a space
# between two letters keeps every offset and lets the vocabulary match
_SEGMENTED = re.compile(r"(?<=[^\W\d_])_(?=[^\W\d_])")


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str


# TCVN3 (ABC, the ".Vn" fonts): one byte per precomposed lower-case letter; capitals with tone marks
# were drawn by a capital font from the same bytes, so they decode to lower case.
_TCVN3 = dict(zip(
    b"\xb5\xb8\xb6\xb7\xb9\xa8\xbb\xbe\xbc\xbd\xc6\xa9\xc7\xca\xc8\xc9\xcb\xae\xcc\xd0\xce\xcf\xd1\xaa\xd2\xd5\xd3\xd4\xd6"
    b"\xd7\xdd\xd8\xdc\xde\xdf\xe3\xe1\xe2\xe4\xab\xe5\xe8\xe6\xe7\xe9\xac\xea\xed\xeb\xec\xee\xef\xf3\xf1\xf2\xf4\xad\xf5\xf8"
    b"\xf6\xf7\xf9\xfa\xfd\xfb\xfc\xfe\xa1\xa2\xa7\xa3\xa4\xa5\xa6",
    "àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵĂÂĐÊÔƠƯ"))
_COMMON = re.compile(r"\b(?:và|của|các|được|những|trong|hợp tác|năm|người|phát triển|tỉnh|thực hiện)\b")


def _tcvn3(data: bytes) -> str:
    return "".join(_TCVN3.get(b, chr(b)) if b >= 0x80 else chr(b) for b in data)


def _vietnamese_score(text: str) -> float:
    return len(_COMMON.findall(text.lower())) / max(1, len(text) / 100)


def decode_bytes(data: bytes) -> Decoded:
    """Decode bytes to str, trying the encodings Vietnamese files actually use.

    UTF-8 (with or without BOM), UTF-16 (BOM), then the legacy single-byte encodings:
    Windows-1258 and TCVN3, whichever reads as more Vietnamese. Raises UnicodeDecodeError
    when nothing fits, so the caller can quarantine the file.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return Decoded(data[3:].decode("utf-8"), "utf-8-sig")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return Decoded(data.decode("utf-16"), "utf-16")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    candidates = []
    try:
        candidates.append(Decoded(unicodedata.normalize("NFC", data.decode("cp1258")), "cp1258"))
    except UnicodeDecodeError:
        pass
    if sum(b in _TCVN3 for b in data) > len([b for b in data if b >= 0x80]) * 0.9:
        candidates.append(Decoded(_tcvn3(data), "tcvn3"))
    candidates = [c for c in candidates if _vietnamese_score(c.text) > 0.2]
    if not candidates:
        raise UnicodeDecodeError("utf-8", data, 0, len(data), "not UTF-8, UTF-16, Windows-1258 or TCVN3")
    return max(candidates, key=lambda c: _vietnamese_score(c.text))


def _move_tone(m: re.Match[str]) -> str:
    pair = m.group(1)
    first = unicodedata.normalize("NFD", pair[0])
    second = unicodedata.normalize("NFD", pair[1])
    tone = [c for c in second if c in _TONES]
    if not tone or any(c in _TONES for c in first):
        return pair
    second = "".join(c for c in second if c not in _TONES)
    return unicodedata.normalize("NFC", first + tone[0]) + unicodedata.normalize("NFC", second)


# the Icelandic eth (Ð U+00D0, ð U+00F0) written for the Vietnamese đ (Đ U+0110, đ U+0111) by old font converters:
# "Quyết định số 12/QÐ-UBND ban hành Ðề án" must read as "QĐ-UBND", "Đề án"
_ETH = str.maketrans({"\u00d0": "\u0110", "\u00f0": "\u0111"})


def normalise(text: str) -> str:
    """NFC, one tone-mark convention, the letter đ for its look-alike, unified spaces and line ends."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = text.replace("\ufeff", "").translate(_ETH)
    text = _OLD_NEW.sub(_move_tone, text)
    text = _SPACES.sub(" ", text)
    text = _SEGMENTED.sub(" ", text)
    text = "\n".join(line.strip() for line in text.split("\n"))
    return _BLANKS.sub("\n\n", text).strip()


def fold(text: str) -> str:
    """Lower-case and strip diacritics ("Đắk Lắk" -> "dak lak") for name matching."""
    text = unicodedata.normalize("NFD", text.lower()).replace("đ", "d")
    return "".join(c for c in text if not unicodedata.combining(c))


def segments(text: str, limit: int = MAX_SEGMENT):
    """(offset, line) for every line, long lines cut at a sentence, clause or word boundary.

    Real paragraphs are far shorter than the limit; the cut keeps the rules' work per line bounded
    on pathological input (a megabyte without a line break).
    """
    pos = 0
    for line in text.split("\n"):
        start = 0
        while len(line) - start > limit:
            window = line[start:start + limit]
            cut = max(window.rfind(". "), window.rfind("; "))
            if cut < limit // 2:
                cut = window.rfind(" ")
            cut = cut + 1 if cut >= limit // 2 else limit
            yield pos + start, line[start:start + cut]
            start += cut
        yield pos + start, line[start:]
        pos += len(line) + 1


# a line broken inside a sentence (hard-wrapped page or PDF text): a long line that ends on no punctuation, then one
# that goes on in lower case or with a number that is no list marker ("… thành lập mới tối thiểu\n2 HTXNN;")
_SOFT_BREAK = re.compile(r"(?<=[^\s.:;!?)\]\"”|])\n(?=[^\W\d_]|\d+(?![\d.,]*[.)]\s)(?:[.,]\d+)*\s+[^\W\d_])")
_LETTER_ITEM = re.compile(r"[a-zđ]\)\s")  # "a) Về số lượng": a list item, not a wrapped line
UNWRAP_MIN_LINE = 60  # shorter lines are titles, headings or table cells: their breaks are meant


def unwrap(text: str) -> str:
    """The text with its soft line breaks as spaces: the same length, so every offset into it is one into text
    (text itself when it has none)."""
    if "\n" not in text:
        return text
    out = list(text)
    joined: set[int] = set()
    for m in _SOFT_BREAK.finditer(text):
        start = text.rfind("\n", 0, m.start())
        while start in joined:  # the line began before a break already joined
            start = text.rfind("\n", 0, start)
        line = text[start + 1:m.start()]
        following = text[m.end()]
        if (len(line) >= UNWRAP_MIN_LINE and "|" not in line and not line.isupper()
                and (following.isdigit() or following.islower()) and not _LETTER_ITEM.match(text, m.end())):
            out[m.start()] = " "
            joined.add(m.start())
    return "".join(out) if joined else text
