"""Score a folder of real pages against a gold file of the same format as ../shared/realdev/gold.jsonl.

usage: python benchmarks/score_folder.py DIR [GOLD] [--strict-errors]

For pages annotated outside the repo (e.g. blind batches of provinces realdev does not hold, kept in
~/.cache/coopdata/): every .txt of DIR is parsed as raw/ is (parse_document), the published targets are written to
a temporary JSON-lines file and scored by ../shared/eval/score.py (core and strict, misses and spurious facts).
GOLD defaults to DIR/gold.jsonl. Nothing of the pages is written into the repository.
"""
from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from coopdata.ingest import parse_files  # noqa: E402
from coopdata.tables import target_rows  # noqa: E402

SCORER = ROOT.parent / "shared" / "eval" / "score.py"


def published_rows(folder: Path) -> list[dict]:
    """The targets table rows of every page in folder, as JSON-ready dicts."""
    names = sorted(p.name for p in folder.glob("*.txt"))
    rows = []
    for parsed in parse_files(folder, names).values():
        if hasattr(parsed, "plan"):
            rows += [{k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in r.items()}
                     for r in target_rows(parsed)]
    return rows


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    if not args:
        sys.exit(__doc__)
    folder = Path(args[0]).expanduser()
    gold = Path(args[1]).expanduser() if len(args) > 1 else folder / "gold.jsonl"
    if not folder.is_dir() or not gold.is_file():
        print(f"score_folder: skipped: {folder} or {gold} is missing")
        return 2
    if not SCORER.is_file():
        print(f"score_folder: skipped: the referee {SCORER} is missing (../shared beside the repo)")
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "targets.jsonl"
        out.write_text("".join(json.dumps(r, ensure_ascii=False, default=str) + "\n" for r in published_rows(folder)),
                       encoding="utf-8")
        report = subprocess.run([sys.executable, str(SCORER), str(gold), str(out)], capture_output=True, text=True)
    lines = report.stdout.splitlines()
    keep = [ln for ln in lines if "--strict-errors" in argv or "[strict]" not in ln]
    print("\n".join(keep))
    return report.returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
