"""The command line: one writer per warehouse, one-line errors, quiet pipes, progress on a terminal, --version,
`evaluate --realdev`. Builds run as the installed `coopdata` command in subprocesses, as a user runs them."""
from __future__ import annotations

import csv
import hashlib
import json
import os
import pty
import shutil
import subprocess
import sys
import threading
import time
from importlib.metadata import version
from pathlib import Path

import polars as pl
import pytest

from coopdata.lock import LOCK_NAME, LockHeld, WarehouseLock, read_holder
from pipelines import cli

from .conftest import RAW, ROOT

COOPDATA = str(Path(sys.executable).with_name("coopdata"))
SMALL = ["003_332bc788bce855f1.txt", "004_26065e70449cfa03.txt", "002_60d9c8c77c2896ba.txt"]


def _env(**extra: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("DAGSTER_HOME", "COOPDATA_RAW_DIR",
                                                                "COOPDATA_WAREHOUSE_DIR")}
    return {**env, **extra}


def run(*args: str, env: dict | None = None, timeout: float = 300, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([COOPDATA, *args], capture_output=True, text=True, env=env or _env(), timeout=timeout,
                          cwd=kw.pop("cwd", ROOT), **kw)


@pytest.fixture()
def small_raw(tmp_path) -> Path:
    raw = tmp_path / "raw"
    raw.mkdir()
    for name in SMALL:
        shutil.copyfile(RAW / name, raw / name)
    return raw


def _no_traceback(text: str) -> None:
    assert "Traceback" not in text and "Stack Trace" not in text and "dagster._core" not in text, text


def _complete(warehouse: Path, files: list[str]) -> None:
    """Every published file is the one the datapackage describes, and every raw file is in plans."""
    package = json.loads((warehouse / "datapackage.json").read_text(encoding="utf-8"))
    for res in package["resources"]:
        path = warehouse / res["path"]
        assert res["hash"] == "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest(), res["path"]
    assert sorted(pl.read_parquet(warehouse / "parquet" / "plans.parquet")["source_file"]) == sorted(files)


# --- coopdata/lock.py ----------------------------------------------------------------------------------------

HOLDER = """
import sys
from coopdata.lock import WarehouseLock
lock = WarehouseLock(sys.argv[1]).acquire()
print("held", flush=True)
sys.stdin.readline()
lock.release()
print("released", flush=True)
sys.stdin.readline()
"""


def _holder(folder: Path) -> subprocess.Popen:
    p = subprocess.Popen([sys.executable, "-c", HOLDER, str(folder)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                         text=True, cwd=ROOT)
    assert p.stdout.readline().strip() == "held"
    return p


def test_lock_is_exclusive_across_processes_and_names_its_holder(tmp_path):
    wh = tmp_path / "wh"
    p = _holder(wh)
    try:
        holder = read_holder(wh / LOCK_NAME)
        assert holder["pid"] == p.pid and holder["host"] and holder["started"]
        with pytest.raises(LockHeld) as exc:
            WarehouseLock(wh).acquire()
        assert exc.value.holder["pid"] == p.pid
        assert f"pid {p.pid}" in str(exc.value) and f"started at {holder['started']}" in str(exc.value)
        t0 = time.monotonic()
        with pytest.raises(LockHeld):
            WarehouseLock(wh).acquire(wait=0.6, poll=0.1)
        assert time.monotonic() - t0 >= 0.6
        # released while we wait: the waiter gets it
        lock = WarehouseLock(wh)
        threading.Timer(0.3, lambda: (p.stdin.write("\n"), p.stdin.flush())).start()
        lock.acquire(wait=30, poll=0.05)
        assert p.stdout.readline().strip() == "released"
        assert read_holder(wh / LOCK_NAME)["pid"] == os.getpid()
        lock.release()
        assert (wh / LOCK_NAME).read_text() == ""
    finally:
        p.stdin.close()
        p.wait(timeout=30)


def test_a_killed_holder_leaves_no_stale_lock(tmp_path):
    wh = tmp_path / "wh"
    p = _holder(wh)
    p.kill()
    p.wait()
    with WarehouseLock(wh).acquire() as lock:  # the kernel dropped the flock with its process
        assert lock.held and read_holder(wh / LOCK_NAME)["pid"] == os.getpid()


# --- one writer at a time ------------------------------------------------------------------------------------

def test_a_second_build_into_the_same_warehouse_exits_3_naming_the_holder(small_raw, tmp_path):
    wh = tmp_path / "wh"
    first = subprocess.Popen([COOPDATA, "build", "--raw", str(small_raw), "--out", str(wh)], env=_env(), cwd=ROOT,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 120
    while time.time() < deadline and (read_holder(wh / LOCK_NAME, tries=1) or {}).get("pid") != first.pid:
        assert first.poll() is None, first.communicate()
        time.sleep(0.05)
    started = read_holder(wh / LOCK_NAME)["started"]
    waiter = subprocess.Popen([COOPDATA, "build", "--raw", str(small_raw), "--out", str(wh), "--wait", "600"],
                              env=_env(), cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    second = run("build", "--raw", str(small_raw), "--out", str(wh))
    assert first.poll() is None, "the first build ended before the second tried: no overlap was tested"
    assert second.returncode == 3, second
    err = second.stderr.strip()
    assert len(err.splitlines()) == 1 and f"pid {first.pid}" in err and f"started at {started}" in err, err
    assert "--wait" in err and second.stdout == ""
    _no_traceback(err)
    out, err1 = first.communicate(timeout=300)
    assert first.returncode == 0, err1
    first_release = os.readlink(wh / "current")
    _complete(wh, SMALL)
    # the one that waited builds after the first, and publishes a whole release of its own
    out2, err2 = waiter.communicate(timeout=300)
    assert waiter.returncode == 0, err2
    assert os.readlink(wh / "current") != first_release
    assert (wh / first_release).is_dir()  # the first build's release is still there
    _complete(wh, SMALL)
    assert not list((wh / "releases").glob(".staging-*"))
    assert run("build", "--raw", str(small_raw), "--out", str(wh)).returncode == 0
    _complete(wh, SMALL)


# --- errors, pipes, progress, version ------------------------------------------------------------------------

def test_version_prints_the_package_version():
    res = run("--version")
    assert res.returncode == 0 and res.stdout.strip() == f"coopdata {version('coopdata')}"


def test_missing_raw_folder_is_one_line_and_exit_2(tmp_path):
    res = run("build", "--raw", str(tmp_path / "nowhere"), "--out", str(tmp_path / "wh"))
    assert res.returncode == 2
    assert res.stderr.count("\n") == 1 and "no raw folder at" in res.stderr and "--raw" in res.stderr
    _no_traceback(res.stderr)
    assert not (tmp_path / "wh").exists()


def test_failed_build_says_what_failed_and_where_the_details_are(small_raw, tmp_path):
    wh = tmp_path / "wh"
    res = run("build", "--raw", str(small_raw), "--out", str(wh), env=_env(COOPDATA_MAX_BYTES="lots"))
    assert res.returncode == 1
    err = res.stderr.strip()
    assert len(err.splitlines()) == 1, err
    assert "build failed: step document raised ValueError" in err and "nothing was published" in err
    _no_traceback(err)
    log = Path(err.split("details in ")[1].split(" ")[0])
    assert log.parent == wh / ".state" / "logs" and "Stack Trace" in log.read_text(encoding="utf-8")
    assert not (wh / "current").exists()
    verbose = run("build", "--raw", str(small_raw), "--out", str(wh), "--verbose", env=_env(COOPDATA_MAX_BYTES="lots"))
    assert verbose.returncode == 1 and "Stack Trace" in verbose.stderr  # --verbose: Dagster's log on the terminal


def test_bad_sql_and_missing_warehouse_are_one_line(tmp_path):
    import duckdb

    db = tmp_path / "x.duckdb"
    duckdb.connect(str(db)).execute("CREATE TABLE t AS SELECT 1 AS a").close()
    res = run("sql", "SELEC nonsense FROM nowhere", "--db", str(db))
    assert res.returncode == 1 and res.stderr.startswith("coopdata: SQL error:") and res.stderr.count("\n") == 1
    res = run("sql", "SELECT * FROM missing_table", "--db", str(db))
    assert res.returncode == 1 and "missing_table" in res.stderr and res.stderr.count("\n") == 1
    res = run("sql", "SELECT 1", "--db", str(tmp_path / "none.duckdb"))
    assert res.returncode == 2 and "no warehouse at" in res.stderr and res.stderr.count("\n") == 1
    res = run("evaluate", "tests/gold/seeds.jsonl", "--warehouse", str(tmp_path))
    assert res.returncode == 2 and "no warehouse at" in res.stderr and res.stderr.count("\n") == 1
    res = run("extract", str(tmp_path / "missing.txt"))
    assert res.returncode == 2 and "cannot read" in res.stderr and res.stderr.count("\n") == 1
    for r in (res,):
        _no_traceback(r.stderr)


def test_an_unexpected_error_is_one_line_with_the_traceback_in_a_log(tmp_path, monkeypatch, capsys):
    def boom(args):
        raise RuntimeError("something nobody expected")

    wh = tmp_path / "wh"
    wh.mkdir()
    monkeypatch.setenv("COOPDATA_WAREHOUSE_DIR", str(wh))
    monkeypatch.setattr(cli, "_extract", boom)
    assert cli.main(["extract", "x.txt"]) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "RuntimeError: something nobody expected" in err
    log = Path(err.split("details in ")[1].split(";")[0])
    assert log.parent == wh / ".state" / "logs" and "Traceback" in log.read_text(encoding="utf-8")


def test_extract_into_a_closed_pipe_is_quiet():
    file = str(RAW / "003_332bc788bce855f1.txt")
    # 200 copies: far more output than a pipe buffers, so the writer really meets the closed pipe
    cmd = f"{COOPDATA} extract {' '.join([file] * 200)} | head -1"
    res = subprocess.run(["bash", "-c", f"set -o pipefail; {cmd}"], capture_output=True, text=True, env=_env(),
                         cwd=ROOT, timeout=300)
    assert res.stderr == "", res.stderr
    assert len(res.stdout.splitlines()) == 1 and json.loads(res.stdout)["kind"] == "plan"
    assert res.returncode == 141  # the status a shell shows for a writer stopped by SIGPIPE


def _run_on_a_terminal(args: list[str]) -> tuple[int, str, str]:
    """Runs with stderr on a pseudo-terminal; returns (exit code, stdout, what the terminal showed)."""
    master, slave = pty.openpty()
    p = subprocess.Popen([COOPDATA, *args], stdout=subprocess.PIPE, stderr=slave, env=_env(), cwd=ROOT, text=True)
    os.close(slave)
    chunks: list[bytes] = []

    def read():
        while True:
            try:
                data = os.read(master, 4096)
            except OSError:
                return
            if not data:
                return
            chunks.append(data)

    t = threading.Thread(target=read, daemon=True)
    t.start()
    out, _ = p.communicate(timeout=300)
    t.join(timeout=10)
    os.close(master)
    return p.returncode, out, b"".join(chunks).decode("utf-8", "replace")


def test_progress_line_on_a_terminal_only(small_raw, tmp_path):
    code, out, tty = _run_on_a_terminal(["build", "--raw", str(small_raw), "--out", str(tmp_path / "a")])
    assert code == 0, tty
    assert "files parsed 3/3" in tty and "published" in tty and "\r" in tty, tty
    assert out.startswith("built ")
    _no_traceback(tty)
    res = run("build", "--raw", str(small_raw), "--out", str(tmp_path / "b"))
    assert res.returncode == 0 and "files parsed" not in res.stderr and res.stderr == ""
    # nothing changed since the last build: nothing to parse
    code, _, tty = _run_on_a_terminal(["build", "--raw", str(small_raw), "--out", str(tmp_path / "a")])
    assert code == 0 and "files parsed 0/0 (of 3)" in tty, tty


# --- evaluate --realdev --------------------------------------------------------------------------------------

def test_realdev_skips_when_the_folder_is_empty(tmp_path):
    empty = tmp_path / "realdev"
    empty.mkdir()
    res = run("evaluate", "--realdev", env=_env(COOPDATA_REALDEV_DIR=str(empty)))
    assert res.returncode == 0 and res.stdout.startswith("realdev: skipped: "), res
    assert res.stdout.count("\n") == 1 and res.stderr == ""


def test_realdev_skips_a_folder_with_no_verified_page(tmp_path):
    folder = tmp_path / "realdev"
    folder.mkdir()
    (folder / "not-in-the-recipe.txt").write_text("Một trang giả: không có trong công thức.\n", encoding="utf-8")
    res = run("evaluate", "--realdev", "--record", str(tmp_path / "rec.json"),
              env=_env(COOPDATA_REALDEV_DIR=str(folder)))
    assert res.returncode == 0 and res.stdout.startswith("realdev: skipped: "), res
    assert not (tmp_path / "rec.json").exists()


def test_realdev_builds_the_verified_pages_through_the_pipeline(tmp_path):
    """A realdev folder and recipe of our own (a seed text of raw/, already in the repo), scored against
    the seed gold: the pipeline path from copy to record, with no real page involved."""
    name = "003_332bc788bce855f1.txt"
    folder, shared = tmp_path / "realdev", tmp_path / "shared" / "realdev"
    folder.mkdir()
    shared.mkdir(parents=True)
    shutil.copyfile(RAW / name, folder / name)
    with (shared / "recipe.csv").open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["file", "sha256"])
        w.writerow([name, hashlib.sha256((RAW / name).read_bytes()).hexdigest()])
        w.writerow(["absent.txt", "0" * 64])
    gold = [line for line in (ROOT / "tests" / "gold" / "seeds.jsonl").read_text(encoding="utf-8").splitlines()
            if json.loads(line)["doc"] == name]
    (shared / "gold.jsonl").write_text("\n".join(gold) + "\n", encoding="utf-8")
    record = tmp_path / "rec.json"
    before = set(Path(os.environ.get("TMPDIR", "/tmp")).glob("coopdata-realdev-*"))
    res = run("evaluate", "--realdev", "--record", str(record),
              env=_env(COOPDATA_REALDEV_DIR=str(folder), COOPDATA_SHARED_DIR=str(tmp_path / "shared")))
    assert res.returncode == 0, res.stderr
    assert res.stdout.startswith("realdev pages scored: 1") and "core     precision 1.000" in res.stdout, res.stdout
    rec = json.loads(record.read_text(encoding="utf-8"))
    assert rec["pages"] == 1 and rec["missing"] == ["absent.txt"] and rec["published"] is True
    assert rec["measured"] == time.strftime("%Y-%m-%d") and rec["targets"]["core"]["f1"] == 1.0
    assert set(Path(os.environ.get("TMPDIR", "/tmp")).glob("coopdata-realdev-*")) == before  # deleted after


def test_evaluate_needs_gold_or_realdev():
    res = run("evaluate")
    assert res.returncode == 2 and "GOLD file" in res.stderr and res.stderr.count("\n") == 1
