"""Benchmark: parse throughput, full build, adding one plan, peak memory.

    python benchmarks/run.py [N ...]          (default: 100 1000 10000)

Prints one table row per N. Times are wall-clock on this machine; tests never assert them.
"""
from __future__ import annotations

import json
import os
import platform
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.corpus import make_corpus  # noqa: E402
from coopdata.ingest import Document, decode, inventory  # noqa: E402
from coopdata.numbers import NUMBER  # noqa: E402
from coopdata.tables import parse_document  # noqa: E402

PY = str(ROOT / ".venv" / "bin" / "python")


def parse_throughput(raw: Path) -> dict:
    """Decode, normalise and extract every file in one process, one core; compare with one regex scan."""
    files, _ = inventory(raw)
    t0 = time.perf_counter()
    docs = [d for f in files if isinstance(d := decode(raw, f), Document)]
    parsed = [parse_document(d) for d in docs]
    secs = time.perf_counter() - t0
    mb = sum(f.bytes for f in files) / 1e6
    text = "\n".join(d.text for d in docs)
    pattern = re.compile(NUMBER)
    t1 = time.perf_counter()
    for _ in pattern.finditer(text):
        pass
    scan = time.perf_counter() - t1
    return {"mb": mb, "parse_s": secs, "mb_per_s": mb / secs, "plans_per_s": len(files) / secs,
            "targets": sum(len(p.targets) for p in parsed), "re_scan_s": scan, "ratio_to_re": secs / scan}


def timed(cmd: list[str], env: dict) -> tuple[float, float]:
    """(seconds, peak RSS in MB of the child and its children) for one command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t0 = time.perf_counter()
    subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    secs = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return secs, max(peak, before) / 1024


def start_cost(env: dict) -> float:
    t0 = time.perf_counter()
    subprocess.run([PY, "-c", "import pipelines.build"], env=env, check=True, cwd=ROOT)
    return time.perf_counter() - t0


def bench(n: int, work: Path) -> dict:
    raw, wh, home = work / f"raw_{n}", work / f"wh_{n}", work / f"home_{n}"
    make_corpus(n, raw)
    row = {"n": n, **parse_throughput(raw)}
    home.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "dagster.yaml", home / "dagster.yaml")
    env = {**os.environ, "DAGSTER_HOME": str(home), "DAGSTER_STATE_DIR": str(home / "state"),
           "DAGSTER_COMPUTE_LOGS_DIR": str(home / "logs"), "COOPDATA_GOLD_DIR": str(work / "no_gold")}
    build = [PY, "-m", "pipelines.cli", "build", "--raw", str(raw), "--out", str(wh)]
    row["build_s"], row["peak_mb"] = timed(build, env)
    (raw / "zz_added_plan.txt").write_text("ỦY BAN NHÂN DÂN\n\nTỈNH LÀO CAI\n\nKẾ HOẠCH\n\n"
                                           "Đến năm 2030, toàn tỉnh có khoảng 650 hợp tác xã.", encoding="utf-8")
    row["add_one_s"], _ = timed(build, env)
    row["process_start_s"] = start_cost(env)
    return row


def main(argv: list[str]) -> int:
    sizes = [int(a) for a in argv] or [100, 1000, 10000]
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print("| plans | MB | parse MB/s (1 core) | plans/s | parse ÷ one re scan | full build s | peak MB "
          "| add one plan s (process start s) |")
    print("|---|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            r = bench(n, Path(tmp))
            print(f"| {n} | {r['mb']:.1f} | {r['mb_per_s']:.2f} | {r['plans_per_s']:.0f} | {r['ratio_to_re']:.0f}× "
                  f"| {r['build_s']:.1f} | {r['peak_mb']:.0f} | {r['add_one_s']:.1f} ({r['process_start_s']:.1f}) |",
                  flush=True)
            (ROOT / "benchmarks" / "last_run.json").write_text(json.dumps(r, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
