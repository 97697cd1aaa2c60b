"""Writers of legacy encodings, to make test files the way old Vietnamese software wrote them."""
import unicodedata

from coopdata.text import _TCVN3

_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def cp1258(text: str) -> bytes:
    """Windows-1258 writes a tone mark as a combining character after a base letter it has (ơ, â, ê, …)."""
    out = b""
    for ch in text:
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", ch)
            tone = "".join(c for c in parts if c in _TONES)
            base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONES))
            out += base.encode("cp1258") + tone.encode("cp1258")
    return out


def tcvn3(text: str) -> bytes:
    """TCVN3 has no byte for a capital with a tone mark: old software wrote the small letter in a capital font."""
    inverse = {v: k for k, v in _TCVN3.items()}
    return bytes(inverse.get(c, inverse.get(c.lower(), ord(c))) for c in text)
