"""Realdev scores without Dagster (a fast loop while working on the extractor).

usage: python benchmarks/realdev.py [-v] [--json]
The published numbers come from `coopdata evaluate --realdev`, which builds the same folder through the
pipeline; this script parses the verified pages with the same parse_document and scores them the same way.
"""
import json
import sys
import time

from coopdata.ingest import parse_files
from coopdata.realdev import format_report, load_realdev_gold, locate, score_realdev
from coopdata.tables import candidate_rows, plan_rows, target_rows


def main(argv: list[str]) -> int:
    found = locate()
    if isinstance(found, str):
        print(f"realdev: skipped: {found}")
        return 0
    t0 = time.perf_counter()
    parsed = parse_files(found.folder, list(found.verified))
    secs = time.perf_counter() - t0
    plans, targets, candidates = [], [], []
    for p in parsed.values():
        if hasattr(p, "plan"):
            plans += plan_rows(p)
            targets += target_rows(p)
            candidates += candidate_rows(p)
    res = score_realdev(load_realdev_gold(), plans, targets, candidates, only=set(found.verified))
    if "--json" in argv:
        print(json.dumps(res, ensure_ascii=False, indent=1, default=str))
    else:
        print(format_report(res, verbose="-v" in argv))
        mb = sum((found.folder / f).stat().st_size for f in found.verified) / 1e6
        print(f"\nparsed {len(found.verified)} pages ({mb:.2f} MB) in {secs:.2f} s; "
              f"{len(found.missing)} missing, {len(found.mismatched)} mismatched")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
