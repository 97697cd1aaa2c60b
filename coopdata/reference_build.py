"""Regenerate the province reference files in coopdata/data/ from the `vietnamadminunits` package.

    python -m coopdata.reference_build          # rewrite the CSV files
    python -m coopdata.reference_build --check  # exit 1 if the files differ from what the package gives

The package (MIT) carries the 63 provinces in force until 30 June 2025, the 34 units of
Resolution 202/2025/QH15 with their official two-digit codes, and the old -> new mapping.
What it does not carry (our region grouping and the spellings seen in texts) stays in the
hand-kept columns of provinces_2024.csv, which this script preserves.
"""
from __future__ import annotations

import csv
import io
import json
import sqlite3
import sys
from importlib import resources
from pathlib import Path

from .text import fold, normalise

DATA = Path(__file__).resolve().parent / "data"


def _source() -> tuple[sqlite3.Connection, dict]:
    data = resources.files("vietnamadminunits").joinpath("data")
    con = sqlite3.connect(f"file:{data.joinpath('dataset.db')}?mode=ro", uri=True)
    conv = json.loads(data.joinpath("converter_2025.json").read_text(encoding="utf-8"))["DICT_PROVINCE"]
    return con, conv


# The 63-unit list names a unit as the plans issued before 2025 did. Thừa Thiên Huế became the
# centrally-run city of Huế only on 1 January 2025 (Resolution 1314/NQ-UBTVQH15), half a year
# before the merger; the package already calls it Huế.
_HISTORICAL = {"46": ("Thừa Thiên Huế", "tỉnh")}


def _kind(full: str) -> str:
    return "thành phố trực thuộc trung ương" if full.startswith("Thành phố") else "tỉnh"


def _csv(rows: list[dict], fields: list[str]) -> str:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=fields, lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    return buf.getvalue()


def build() -> dict[str, str]:
    """File name -> CSV text of every reference file."""
    con, conv = _source()
    old = {k: (code, normalise(short), normalise(full)) for code, short, full, k in con.execute(
        "SELECT DISTINCT provinceCode, provinceShort, province, provinceKey FROM admin_units_legacy")}
    new = {k: (code, normalise(short), normalise(full)) for code, short, full, k in con.execute(
        "SELECT DISTINCT provinceCode, provinceShort, province, provinceKey FROM admin_units")}
    new_of_old = {o: n for n, olds in conv.items() for o in olds}
    with (DATA / "provinces_2024.csv").open(encoding="utf-8") as f:
        curated = {r["code"]: r for r in csv.DictReader(f)}
    p24 = []
    for key, (code, short, full) in sorted(old.items(), key=lambda kv: kv[1][0]):
        ncode, nshort, _ = new[new_of_old[key]]
        cur = curated.get(code, {})
        short, kind = _HISTORICAL.get(code, (short, _kind(full)))
        p24.append(dict(code=code, name=short, name_ascii=fold(short).title(), kind=kind,
                        region=cur.get("region", ""), aliases=cur.get("aliases", ""),
                        code_2025=ncode, name_2025=nshort))
    p25 = []
    for key, (code, short, full) in sorted(new.items(), key=lambda kv: kv[1][0]):
        members = sorted(old[o][0] for o in conv[key])
        p25.append(dict(code=code, name=short, name_ascii=fold(short).title(), kind=_kind(full),
                        merged_from=";".join(members), unchanged=str(members == [code]).lower()))
    cross = [dict(code_2024=r["code"], name_2024=r["name"], code_2025=r["code_2025"], name_2025=r["name_2025"])
             for r in p24]
    districts = []
    for pcode, dname, dtype, dcode in con.execute(
            "SELECT DISTINCT provinceCode, districtShort, districtType, districtCode FROM admin_units_legacy "
            "ORDER BY provinceCode, districtCode"):
        districts.append(dict(code=dcode, name=normalise(dname), kind=normalise(dtype).lower(), province_code=pcode))
    return {
        "provinces_2024.csv": _csv(p24, ["code", "name", "name_ascii", "kind", "region", "aliases", "code_2025", "name_2025"]),
        "provinces_2025.csv": _csv(p25, ["code", "name", "name_ascii", "kind", "merged_from", "unchanged"]),
        "province_crosswalk.csv": _csv(cross, ["code_2024", "name_2024", "code_2025", "name_2025"]),
        "districts_2024.csv": _csv(districts, ["code", "name", "kind", "province_code"]),
    }


def main(argv: list[str]) -> int:
    files = build()
    if "--check" in argv:
        stale = [n for n, text in files.items() if (DATA / n).read_text(encoding="utf-8") != text]
        print("stale: " + ", ".join(stale) if stale else "reference files are up to date")
        return 1 if stale else 0
    for name, text in files.items():
        (DATA / name).write_text(text, encoding="utf-8")
        print(f"wrote {DATA / name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
