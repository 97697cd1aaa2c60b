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

__all__ = ["decode_bytes", "normalise", "fold", "Decoded"]

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


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str


def decode_bytes(data: bytes) -> Decoded:
    """Decode bytes to str, trying the encodings Vietnamese files actually use.

    Raises UnicodeDecodeError when nothing fits, so the caller can quarantine the file.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return Decoded(data[3:].decode("utf-8"), "utf-8-sig")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return Decoded(data.decode("utf-16"), "utf-16")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return Decoded(unicodedata.normalize("NFC", data.decode("cp1258")), "cp1258")
    except UnicodeDecodeError as exc:
        raise UnicodeDecodeError(exc.encoding, exc.object, exc.start, exc.end,
                                 "not UTF-8, UTF-16 or Windows-1258") from None


def _move_tone(m: re.Match[str]) -> str:
    pair = m.group(1)
    first = unicodedata.normalize("NFD", pair[0])
    second = unicodedata.normalize("NFD", pair[1])
    tone = [c for c in second if c in _TONES]
    if not tone or any(c in _TONES for c in first):
        return pair
    second = "".join(c for c in second if c not in _TONES)
    return unicodedata.normalize("NFC", first + tone[0]) + unicodedata.normalize("NFC", second)


def normalise(text: str) -> str:
    """NFC, one tone-mark convention, unified spaces and line ends."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = text.replace("\ufeff", "")
    text = _OLD_NEW.sub(_move_tone, text)
    text = _SPACES.sub(" ", text)
    text = "\n".join(line.strip() for line in text.split("\n"))
    return _BLANKS.sub("\n\n", text).strip()


def fold(text: str) -> str:
    """Lower-case and strip diacritics ("Đắk Lắk" -> "dak lak") for name matching."""
    text = unicodedata.normalize("NFD", text.lower()).replace("đ", "d")
    return "".join(c for c in text if not unicodedata.combining(c))
