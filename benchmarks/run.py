"""Benchmark: parse throughput, full build, adding one plan, peak memory.

    python benchmarks/run.py [N ...] [--storage sqlite|postgres] [--parse-sample K]
                                                        (default: 100 1000 10000, sqlite; K = 2000)

Prints one table row per N, then where the full build's time went (seconds per Dagster step, from the run's
step stats) and the add-one build's. Times are wall-clock on this machine; tests never assert them. Parse
throughput is measured on one core over the whole corpus up to K files, over its first K files beyond (at
100 000 plans the whole would take ~15 min for the same figure).

--storage sqlite builds on the instance storage of the project's dagster.yaml (Dagster's SQLite storage).
--storage postgres starts a throwaway PostgreSQL server (initdb and pg_ctl on PATH), one database per N, and
builds on Dagster's Postgres storage with DAGSTER_EVENT_BATCH_SIZE=1000; it needs dagster-postgres and
psycopg2-binary in the Python that runs this script (they are not project dependencies). Peak memory is the
build process's; the PostgreSQL server's own is not counted.
"""
from __future__ import annotations

import json
import os
import platform
import re
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.corpus import make_corpus  # noqa: E402
from coopdata.ingest import Document, decode, inventory  # noqa: E402
from coopdata.numbers import NUMBER  # noqa: E402
from coopdata.tables import parse_document  # noqa: E402

PY = sys.executable  # the project's .venv/bin/python under `make bench`
BATCH = "1000"  # DAGSTER_EVENT_BATCH_SIZE for Postgres: a step's asset events written in one statement


def parse_throughput(raw: Path, sample: int | None = None) -> dict:
    """Decode, normalise and extract every file (or the first `sample`) in one process, one core; compare with
    one regex scan."""
    files, _ = inventory(raw)
    files = files[:sample] if sample else files
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


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def postgres_server() -> Iterator[str]:
    """A throwaway PostgreSQL server on 127.0.0.1 (trust auth, data in a temporary folder); yields its URL."""
    missing = [t for t in ("initdb", "pg_ctl") if not shutil.which(t)]
    if missing:
        sys.exit(f"--storage postgres needs {' and '.join(missing)} on PATH (Debian: apt-get install postgresql)")
    folder = Path(tempfile.mkdtemp(prefix="coopdata-pg-"))
    as_user: list[str] = []
    if os.geteuid() == 0:  # PostgreSQL refuses to run as root
        import pwd
        nobody = pwd.getpwnam("nobody")
        os.chown(folder, nobody.pw_uid, nobody.pw_gid)
        as_user = ["runuser", "-u", "nobody", "--"]
    data, port = folder / "data", _free_port()
    quiet = {"check": True, "stdout": subprocess.DEVNULL}
    subprocess.run([*as_user, "initdb", "-D", str(data), "-U", "coopdata", "--auth=trust", "-E", "UTF8"], **quiet)
    subprocess.run([*as_user, "pg_ctl", "-D", str(data), "-w", "-l", str(folder / "server.log"), "-o",
                    f"-p {port} -k {folder} -c listen_addresses=127.0.0.1", "start"], **quiet)
    try:
        yield f"postgresql+psycopg2://coopdata@127.0.0.1:{port}"
    finally:
        subprocess.run([*as_user, "pg_ctl", "-D", str(data), "-m", "fast", "-w", "stop"], stdout=subprocess.DEVNULL)
        shutil.rmtree(folder, ignore_errors=True)


def instance_yaml(n: int, postgres: str | None) -> str:
    """The project's dagster.yaml; with a server URL, its storage block switched to a fresh Postgres database."""
    text = (ROOT / "dagster.yaml").read_text(encoding="utf-8")
    if postgres is None:
        return text
    import sqlalchemy as sa
    import yaml

    engine = sa.create_engine(f"{postgres}/postgres", isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(sa.text(f"CREATE DATABASE coopdata_{n}"))
    engine.dispose()
    config = yaml.safe_load(text)
    config["storage"] = {"postgres": {"postgres_url": f"{postgres}/coopdata_{n}"}}
    return yaml.safe_dump(config, sort_keys=False)


def step_seconds(env: dict) -> dict[str, float]:
    """Seconds per step of the instance's latest run (Dagster's public run step stats)."""
    code = ("import json, dagster as dg\n"
            "i = dg.DagsterInstance.get()\n"
            "run = i.get_runs(limit=1)[0]\n"
            "print(json.dumps({s.step_key: round((s.end_time or 0) - (s.start_time or 0), 1) "
            "for s in i.get_run_step_stats(run.run_id)}))")
    out = subprocess.run([PY, "-c", code], env=env, check=True, capture_output=True, text=True, cwd=ROOT).stdout
    return json.loads(out.strip().splitlines()[-1])


def bench(n: int, work: Path, postgres: str | None = None, sample: int = 2000) -> dict:
    raw, wh, home = work / f"raw_{n}", work / f"wh_{n}", work / f"home_{n}"
    make_corpus(n, raw)
    row = {"n": n, "storage": "postgres" if postgres else "sqlite",
           "parse_files": min(n, sample), **parse_throughput(raw, sample if n > sample else None),
           "corpus_mb": sum(p.stat().st_size for p in raw.iterdir()) / 1e6}
    home.mkdir(parents=True, exist_ok=True)
    (home / "dagster.yaml").write_text(instance_yaml(n, postgres), encoding="utf-8")
    env = {**os.environ, "DAGSTER_HOME": str(home), "DAGSTER_STATE_DIR": str(home / "state"),
           "DAGSTER_COMPUTE_LOGS_DIR": str(home / "logs"), "COOPDATA_GOLD_DIR": str(work / "no_gold")}
    if postgres:
        env.setdefault("DAGSTER_EVENT_BATCH_SIZE", BATCH)
    build = [PY, "-m", "pipelines.cli", "build", "--raw", str(raw), "--out", str(wh)]
    row["build_s"], row["peak_mb"] = timed(build, env)
    row["build_steps"] = step_seconds(env)
    (raw / "zz_added_plan.txt").write_text("ỦY BAN NHÂN DÂN\n\nTỈNH LÀO CAI\n\nKẾ HOẠCH\n\n"
                                           "Đến năm 2030, toàn tỉnh có khoảng 650 hợp tác xã.", encoding="utf-8")
    row["add_one_s"], _ = timed(build, env)
    row["add_one_steps"] = step_seconds(env)
    row["process_start_s"] = start_cost(env)
    return row


def main(argv: list[str]) -> int:
    storage, sample = "sqlite", 2000
    if "--parse-sample" in argv:
        i = argv.index("--parse-sample")
        sample, argv = int(argv[i + 1]), argv[:i] + argv[i + 2:]
    if "--storage" in argv:
        i = argv.index("--storage")
        storage, argv = argv[i + 1], argv[:i] + argv[i + 2:]
    if storage not in ("sqlite", "postgres"):
        sys.exit("--storage is sqlite or postgres")
    sizes = [int(a) for a in argv] or [100, 1000, 10000]
    with postgres_server() if storage == "postgres" else _no_server() as url:
        return _run(sizes, url, sample)


@contextmanager
def _no_server() -> Iterator[None]:
    yield None


def _run(sizes: list[int], postgres: str | None, sample: int) -> int:
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
          f"instance storage: {'postgres (DAGSTER_EVENT_BATCH_SIZE=' + BATCH + ')' if postgres else 'sqlite'}")
    print("| plans | MB | parse MB/s (1 core) | plans/s | parse ÷ one re scan | full build s | peak MB "
          "| add one plan s (process start s) |")
    print("|---|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            r = bench(n, Path(tmp), postgres, sample)
            print(f"| {n} | {r['corpus_mb']:.1f} | {r['mb_per_s']:.2f} | {r['plans_per_s']:.0f} | {r['ratio_to_re']:.0f}× "
                  f"| {r['build_s']:.1f} | {r['peak_mb']:.0f} | {r['add_one_s']:.1f} ({r['process_start_s']:.1f}) |",
                  flush=True)
            for label in ("build_steps", "add_one_steps"):
                steps = sorted(r[label].items(), key=lambda kv: -kv[1])
                print(f"  {label}: " + ", ".join(f"{k} {v:.1f}" for k, v in steps if v >= 0.1), flush=True)
            (ROOT / "benchmarks" / "last_run.json").write_text(json.dumps(r, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
