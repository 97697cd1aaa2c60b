"""Vietnamese numerals: "2.000" = 2000, "1,5" = 1.5, "05" = 5, "2 triệu" = 2e6, "hai" = 2."""
from __future__ import annotations

import re

__all__ = ["NUMBER", "parse_number", "SCALES", "WORD_NUMBERS"]

# A number as written: thousands with dots, decimals with a comma; or plain digits.
NUMBER = r"(?<![\d.,/])(?:\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)(?![\d/]|[.,]\d)"

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
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", token):
        token = token.replace(".", "")
    return float(token.replace(",", "."))
