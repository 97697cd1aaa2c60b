"""Province reference data and detection of the province a text belongs to."""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .folded import Folded, literal_trie, lower_pattern
from .text import fold, normalise

__all__ = ["Province", "Unit2025", "provinces", "provinces_2025", "find_province", "province_by_name",
           "province_by_code", "district_province", "CENTRAL_CITIES", "name_pattern", "folded_name_pattern"]


@dataclass(frozen=True)
class Province:
    """A province or centrally-run city of the 63 in force until 30 June 2025."""

    code: str
    name: str
    kind: str
    region: str
    aliases: tuple[str, ...]
    code_2025: str
    name_2025: str

    @property
    def is_central_city(self) -> bool:
        return self.kind.startswith("thành phố")


@lru_cache(maxsize=1)
def provinces() -> tuple[Province, ...]:
    """The 63 provinces and centrally-run cities in force until 30 June 2025."""
    with resources.files("coopdata.data").joinpath("provinces_2024.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    return tuple(Province(r["code"], normalise(r["name"]), r["kind"], r["region"],
                          tuple(normalise(a) for a in r["aliases"].split(";") if a), r["code_2025"],
                          normalise(r["name_2025"])) for r in rows)


@dataclass(frozen=True)
class Unit2025:
    """A provincial unit from 1 July 2025 (Resolution 202/2025/QH15)."""

    code: str
    name: str
    kind: str
    merged_from: tuple[str, ...]
    unchanged: bool


@lru_cache(maxsize=1)
def provinces_2025() -> tuple[Unit2025, ...]:
    with resources.files("coopdata.data").joinpath("provinces_2025.csv").open(encoding="utf-8") as f:
        return tuple(Unit2025(r["code"], normalise(r["name"]), r["kind"], tuple(r["merged_from"].split(";")),
                              r["unchanged"] == "true") for r in csv.DictReader(f))


def province_by_code(code: str) -> Province | None:
    return next((p for p in provinces() if p.code == code), None)


_KIND_NOTE = re.compile(r"\s*\((?:Huyện|Thị xã|Thành phố|Quận)\)\s*$")  # "Long Mỹ (Huyện)": the list's own note


@lru_cache(maxsize=1)
def _districts() -> dict[str, set[str]]:
    """Folded district name -> the codes of the provinces that have a district of that name: the units of 2024
    (districts_2024.csv, written from the reference package) and those merged away since 2019 that pages of their
    time still name (districts_former.csv, hand-kept with what each became). A town and the district around it
    share a name ("Long Mỹ (Huyện)", "Long Mỹ (Thị xã)"): the list's bracket is not part of it."""
    out: dict[str, set[str]] = {}
    for name in ("districts_2024.csv", "districts_former.csv"):
        with resources.files("coopdata.data").joinpath(name).open(encoding="utf-8") as f:
            for r in csv.DictReader(f):
                out.setdefault(fold(normalise(_KIND_NOTE.sub("", r["name"]))), set()).add(r["province_code"])
    return out


def district_province(name: str) -> Province | None:
    """The province of a district-level unit, when its name is unique in the country."""
    codes = _districts().get(fold(normalise(name)).strip(), set())
    return province_by_code(next(iter(codes))) if len(codes) == 1 else None


CENTRAL_CITIES = frozenset(p.code for p in provinces() if p.is_central_city)


@lru_cache(maxsize=1)
def _index() -> dict[str, Province]:
    idx: dict[str, Province] = {}
    for p in provinces():
        for n in (p.name, *p.aliases):
            idx[re.sub(r"[\s.\-–]+", " ", fold(n)).strip()] = p
    return idx


@lru_cache(maxsize=4096)
def province_by_name(name: str) -> Province | None:
    """Look a province up by any spelling, with or without diacritics or hyphens (cached: a page names the same
    few provinces again and again)."""
    key = re.sub(r"[\s.\-–_]+", " ", fold(normalise(name))).strip()
    idx = _index()
    return idx.get(key) or idx.get(re.sub(r"^(?:tinh|thanh pho|tp)\s+", "", key))


@lru_cache(maxsize=1)
def _name_alternatives() -> tuple[str, ...]:
    """One regex source per province name or alias, longest first.

    Word-segmented text joins syllables with underscores ("Bình_Phước"): they count as spaces."""
    names = sorted({n for p in provinces() for n in (p.name, *p.aliases)}, key=len, reverse=True)
    alts = []
    for n in names:
        parts = [re.escape(x) for x in re.split(r"\s*[-–]\s*|\s+", n)]
        alts.append(r"[\s_]*[-–]?[\s_]*".join(parts))
    return tuple(alts)


@lru_cache(maxsize=1)
def name_pattern() -> re.Pattern[str]:
    """A regex alternation matching any province name or alias as written (case-insensitive)."""
    return re.compile(r"(?<!\w)(" + "|".join(_name_alternatives()) + r")(?!\w)", re.IGNORECASE)


@lru_cache(maxsize=1)
def folded_name_pattern() -> Folded:
    """name_pattern() run on lowercased text (coopdata.folded), its names factored by their first letters
    (literal_trie): the same matches at the same offsets, about 5x faster on a page's first 20 000 characters.
    Its groups hold lowercased text: read the name by its offsets."""
    fast = literal_trie([lower_pattern(a) for a in _name_alternatives()])
    return Folded(name_pattern().pattern, fast_source=r"(?<!\w)(" + fast + r")(?!\w)", strict=True)


def find_province(text: str) -> Province | None:
    """The first province named in a piece of text, if any."""
    m = name_pattern().search(text)
    return province_by_name(m.group(1)) if m else None
