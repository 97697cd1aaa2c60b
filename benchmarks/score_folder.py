"""Score a folder of real pages against a gold file of the same format as ../shared/realdev/gold.jsonl.

usage: python benchmarks/score_folder.py DIR [GOLD] [--strict-errors]

For pages annotated outside the repo (e.g. blind batches of provinces realdev does not hold, kept in
~/.cache/coopdata/): every .txt of DIR is parsed as raw/ is (parse_document), the published targets are written to
a temporary JSON-lines file and scored by ../shared/eval/score.py (core and strict, misses and spurious facts); the
plan metadata (province, document number, issue date) is scored against the gold's document lines as realdev's is.
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

from coopdata.evaluate import evaluate_documents, load_gold  # noqa: E402
from coopdata.ingest import parse_files  # noqa: E402
from coopdata.tables import plan_rows, target_rows  # noqa: E402

SCORER = ROOT.parent / "shared" / "eval" / "score.py"


def _parsed(folder: Path) -> list:
    names = sorted(p.name for p in folder.glob("*.txt"))
    return [p for p in parse_files(folder, names).values() if hasattr(p, "plan")]


def published_rows(folder: Path) -> list[dict]:
    """The targets table rows of every page in folder, as JSON-ready dicts."""
    return [{k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in r.items()}
            for parsed in _parsed(folder) for r in target_rows(parsed)]


def metadata_lines(folder: Path, gold: Path) -> list[str]:
    """"province 195/210" and the like: the plan metadata right of what the gold's document lines state."""
    plans = [r for parsed in _parsed(folder) for r in plan_rows(parsed)]
    res = evaluate_documents(load_gold(gold), plans)
    return [f"  {field:<12} {r['right']}/{r['stated']}" for field, r in res.items()]


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
    print("\nplan metadata: right / stated")
    print("\n".join(metadata_lines(folder, gold)))
    return report.returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
