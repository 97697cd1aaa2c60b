"""Make a corpus of N plan-like texts by recombining the lines of the texts in raw/ with varied provinces and figures.

    python benchmarks/corpus.py N OUT_DIR [--seed S]

Deterministic for a given seed. Each plan gets an official header of a random province, a title, and 12-40
lines drawn from the real texts, with every number re-drawn at the same order of magnitude.
"""
from __future__ import annotations

import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from coopdata.provinces import provinces  # noqa: E402
from coopdata.text import normalise  # noqa: E402

_NUM = re.compile(r"(?<![\d/])\d{1,3}(?:\.\d{3})*(?:,\d+)?(?![\d/])")


def _lines() -> list[str]:
    out = []
    for path in sorted((ROOT / "raw").glob("*.txt")):
        for line in normalise(path.read_text(encoding="utf-8")).split("\n"):
            if 30 <= len(line) <= 1200 and not line.startswith(("Tóm lược", "Số hiệu", "Ngày ban hành")):
                out.append(line)
    return out


def _vary(line: str, rng: random.Random) -> str:
    def repl(m: re.Match) -> str:
        tok = m.group(0)
        digits = tok.replace(".", "").split(",")[0]
        if len(digits) == 4 and digits.startswith("20"):
            return tok  # keep years
        n = int(digits) if digits.isdigit() else 1
        v = max(1, int(n * rng.uniform(0.5, 1.5)))
        if m.string[m.end():m.end() + 2].lstrip().startswith("%"):
            v = min(v, 100)  # shares stay shares
        return f"{v:,}".replace(",", ".")
    return _NUM.sub(repl, line)


def make_corpus(n: int, out: Path, seed: int = 7) -> int:
    """Write n plans to out; return the total bytes written."""
    rng = random.Random(seed)
    lines = _lines()
    units = provinces()
    out.mkdir(parents=True, exist_ok=True)
    total = 0
    for i in range(n):
        p = rng.choice(units)
        year = rng.choice([2021, 2022, 2023, 2024])
        body = [_vary(rng.choice(lines), rng) for _ in range(rng.randint(12, 40))]
        text = "\n\n".join([
            "ỦY BAN NHÂN DÂN", f"TỈNH {p.name.upper()}", f"Số: {rng.randint(1, 9999)}/KH-UBND",
            f"{p.name}, ngày {rng.randint(1, 28)} tháng {rng.randint(1, 12)} năm {year}", "KẾ HOẠCH",
            f"Phát triển kinh tế tập thể, hợp tác xã giai đoạn {year} - 2030", "II. MỤC TIÊU", *body])
        data = text.encode("utf-8")
        (out / f"plan_{i:05d}.txt").write_bytes(data)
        total += len(data)
    return total


if __name__ == "__main__":
    n, out = int(sys.argv[1]), Path(sys.argv[2])
    seed = int(sys.argv[sys.argv.index("--seed") + 1]) if "--seed" in sys.argv else 7
    size = make_corpus(n, out, seed)
    print(f"wrote {n} plans, {size / 1e6:.1f} MB, to {out}")
