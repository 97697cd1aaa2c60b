"""Releases: metadata from the schemas, versions and changes, determinism, atomic publishing, the quality gate."""
import json
import os
import signal
import subprocess
import sys
import time

import duckdb
import polars as pl

from coopdata.release import sha256_file
from pipelines.cli import main

from .conftest import ROOT


def test_datapackage_is_valid_and_every_hash_matches(built_warehouse):
    from frictionless import Package, Resource, validate

    descriptor = json.loads((built_warehouse / "datapackage.json").read_text(encoding="utf-8"))
    assert Package.validate_descriptor(descriptor).valid
    package = Package(str(built_warehouse / "datapackage.json"))
    assert package.version == descriptor["version"]
    for res in descriptor["resources"]:
        path = built_warehouse / res["path"]
        assert res["hash"] == "sha256:" + sha256_file(path), res["name"]
        assert res["bytes"] == path.stat().st_size
        fields = {f["name"]: f for f in res["schema"]["fields"]}
        assert all(f.get("description") for f in fields.values()), res["name"]
        # the CSV copy of each table holds data the schema accepts
        csv = Resource(path=res["path"].replace(".parquet", ".csv"), basepath=str(built_warehouse),
                       schema=package.get_resource(res["name"]).schema, encoding="utf-8-sig")
        report = validate(csv)
        assert report.valid, (res["name"], report.flatten(["type", "message"])[:3])


def test_dictionary_and_duckdb_comments_come_from_the_schemas(built_warehouse):
    from schemas import Targets
    text = (built_warehouse / "DATA_DICTIONARY.md").read_text(encoding="utf-8")
    desc = Targets.to_schema().columns["comparator"].description
    assert f"| `comparator` | string | {desc} |" in text
    con = duckdb.connect(str(built_warehouse / "coopdata.duckdb"), read_only=True)
    assert con.sql("SELECT comment FROM duckdb_columns() WHERE table_name='targets' AND column_name='comparator'"
                   ).fetchall()[0][0] == desc
    version = con.sql("SELECT version FROM release").fetchall()[0][0]
    con.close()
    assert version == json.loads((built_warehouse / "datapackage.json").read_text())["version"]


def test_csv_copies_open_in_spreadsheets(built_warehouse):
    data = (built_warehouse / "parquet" / "plans.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert "Yên Bái".encode("utf-8") in data


def test_changes_between_releases_by_stable_id(raw_copy, tmp_path):
    out = tmp_path / "wh"
    assert main(["build", "--raw", str(raw_copy), "--out", str(out)]) == 0
    first = pl.read_parquet(out / "parquet" / "targets.parquet")
    assert main(["build", "--raw", str(raw_copy), "--out", str(out)]) == 0
    again = pl.read_parquet(out / "parquet" / "targets.parquet")
    assert first["target_id"].to_list() == again["target_id"].to_list()  # unchanged text, same ids
    seed = raw_copy / "003_332bc788bce855f1.txt"
    seed.write_text(seed.read_text(encoding="utf-8").replace("khoảng 700 hợp tác xã", "khoảng 750 hợp tác xã"),
                    encoding="utf-8")
    (raw_copy / "004_26065e70449cfa03.txt").unlink()
    (raw_copy / "new_plan.txt").write_text("Đến năm 2030, toàn tỉnh có 120 hợp tác xã.", encoding="utf-8")
    assert main(["build", "--raw", str(raw_copy), "--out", str(out)]) == 0
    changes = pl.read_parquet(out / "parquet" / "changes.parquet")
    kinds = dict(zip(changes["change"], changes["source_file"]))
    assert kinds == {"changed": "003_332bc788bce855f1.txt", "added": "new_plan.txt"}
    changed = changes.filter(pl.col("change") == "changed").row(0, named=True)
    assert (changed["previous_value_low"], changed["value_low"]) == (700, 750)
    log = (out / "CHANGELOG.md").read_text(encoding="utf-8")
    assert "1 targets added, 0 removed, 1 changed" in log and log.count("## ") == 2


def test_double_build_gives_identical_parquet_and_duckdb_contents(tmp_path, summary):
    hashes = []
    for name in ("a", "b"):
        out = tmp_path / name
        assert main(["build", "--raw", str(ROOT / "raw"), "--out", str(out)]) == 0
        parquet = {f.name: sha256_file(f) for f in sorted((out / "parquet").glob("*.parquet"))}
        con = duckdb.connect(str(out / "coopdata.duckdb"), read_only=True)
        tables = [t for (t,) in con.sql("SELECT table_name FROM duckdb_tables() WHERE table_name <> 'release'").fetchall()]
        contents = {t: con.sql(f'SELECT * FROM "{t}"').pl().hash_rows().sum() for t in tables}
        con.close()
        hashes.append((parquet, contents))
    assert hashes[0] == hashes[1]
    summary(f"double build, sha256 of targets.parquet: {hashes[0][0]['targets.parquet']} and "
            f"{hashes[1][0]['targets.parquet']}")


def test_a_reader_keeps_working_during_a_rebuild(built_warehouse, tmp_path):
    import shutil
    out = tmp_path / "wh"
    shutil.copytree(built_warehouse, out, symlinks=True)
    con = duckdb.connect(str(out / "coopdata.duckdb"), read_only=True)
    before = con.sql("SELECT count(*) FROM targets").fetchall()
    assert main(["build", "--raw", str(ROOT / "raw"), "--out", str(out)]) == 0
    assert con.sql("SELECT count(*) FROM targets").fetchall() == before  # the old file is still whole
    con.close()
    assert os.readlink(out / "current") != os.readlink(built_warehouse / "current")


def test_a_killed_build_leaves_the_previous_release_whole(built_warehouse, tmp_path):
    import shutil
    out = tmp_path / "wh"
    shutil.copytree(built_warehouse, out, symlinks=True)
    current = os.readlink(out / "current")
    env = {**os.environ, "COOPDATA_WAREHOUSE_DIR": str(out), "COOPDATA_RAW_DIR": str(ROOT / "raw")}
    proc = subprocess.Popen([sys.executable, "-m", "pipelines.cli", "build"], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.time() + 120
    while time.time() < deadline and not list((out / "releases").glob(".staging-*/parquet/*.parquet")):
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    assert list((out / "releases").glob(".staging-*")), "the build was killed before it staged anything"
    assert os.readlink(out / "current") == current
    package = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    for res in package["resources"]:
        assert res["hash"] == "sha256:" + sha256_file(out / res["path"])


def test_gate_summary_of_the_release(built_warehouse, summary):
    gate = json.loads((built_warehouse / "quality" / "gate.json").read_text(encoding="utf-8"))
    assert gate["success"] and gate["failed"] == 0 and gate["evaluated"] >= 25
    summary(f"GX release gate: {gate['evaluated']} expectations evaluated, {gate['failed']} failed")


def test_implausible_facts_go_to_review_and_the_release_is_published(raw_copy, tmp_path):
    out = tmp_path / "wh"
    # two misread sentences of our own among the good files: a share above 100% and a price read as a profit
    (raw_copy / "bad_share.txt").write_text("Kế hoạch năm 2026.\nĐến năm 2030, có 150% HTX hoạt động hiệu quả.",
                                            encoding="utf-8")
    (raw_copy / "bad_price.txt").write_text(
        "Kế hoạch phát triển kinh tế tập thể năm 2026.\nMục tiêu năm 2026: lợi nhuận bình quân của HTX đạt 700 đồng.",
        encoding="utf-8")
    assert main(["build", "--raw", str(raw_copy), "--out", str(out)]) == 0
    targets = pl.read_parquet(out / "parquet" / "targets.parquet")
    review = pl.read_parquet(out / "parquet" / "target_candidates.parquet")
    bad = review.filter(pl.col("source_file").is_in(["bad_share.txt", "bad_price.txt"]))
    assert set(bad["source_file"]) == {"bad_share.txt", "bad_price.txt"}
    assert all(r.startswith("implausible:") for r in bad["review_reason"])
    assert not targets.filter(pl.col("source_file").is_in(["bad_share.txt", "bad_price.txt"])).height
    assert targets.height > 300  # the good files' facts are published
    assert {"bad_share.txt", "bad_price.txt"} <= set(pl.read_parquet(out / "parquet" / "plans.parquet")["source_file"])


def test_a_release_where_most_facts_are_implausible_is_refused(tmp_path, capsys):
    raw, out = tmp_path / "raw", tmp_path / "wh"
    raw.mkdir()
    good = "Kế hoạch năm 2026.\nPhấn đấu đến năm 2030, toàn tỉnh có khoảng 300 hợp tác xã.\n"
    bad = "Kế hoạch năm 2026.\nĐến năm 2030, có {}% HTX hoạt động hiệu quả.\n"
    (raw / "good.txt").write_text(good, encoding="utf-8")
    assert main(["build", "--raw", str(raw), "--out", str(out)]) == 0
    current = os.readlink(out / "current")
    for i in range(6):  # misreading at scale: the gate's share of implausible facts is exceeded
        (raw / f"bad_{i}.txt").write_text(bad.format(150 + i), encoding="utf-8")
    assert main(["build", "--raw", str(raw), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "release_quality_gate" in err
    assert os.readlink(out / "current") == current
    assert "bad_0.txt" not in pl.read_parquet(out / "parquet" / "plans.parquet")["source_file"].to_list()


def _gate_tables(root):
    from coopdata.gx_gate import gate_columns
    wanted = gate_columns()
    tables = {n: pl.read_parquet(root / "parquet" / f"{n}.parquet",
                                 columns=[*wanted[n], "source_file"] if n in ("plans", "targets", "deadlines") else (wanted.get(n) or None))
              for n in ["plans", "targets", "deadlines", "coverage", "provinces", "provinces_2025"]}
    tables["target_candidates"] = pl.read_parquet(root / "parquet" / "target_candidates.parquet", columns=["review_reason"])
    tables["previous_targets"] = pl.DataFrame({"rows": [tables["targets"].height]})
    return tables


def test_the_gate_on_changed_files_reports_what_the_whole_gate_reports(built_warehouse):
    from coopdata.gx_gate import run_gate
    from coopdata.provinces import provinces as province_list
    from schemas._common import metric_codes

    tables = _gate_tables(built_warehouse)
    codes, provinces = metric_codes(), [p.code for p in province_list()]
    one = tables["targets"]["source_file"][0]
    whole, delta = run_gate(tables, codes, provinces), run_gate(tables, codes, provinces, only_files=frozenset([one]))
    assert whole.success and delta.results == whole.results

    # a bad row in a changed file is caught; a target id repeated in another file is caught (a whole-table check)
    t = tables["targets"]
    bad_row = t.with_columns(pl.when(pl.col("source_file") == one).then(-5.0).otherwise(pl.col("value_low")).alias("value_low"))
    res = run_gate({**tables, "targets": bad_row}, codes, provinces, only_files=frozenset([one]))
    assert not res.success and any(f["kwargs"].get("column") == "value_low" for f in res.failures)
    repeated = pl.concat([t, t.head(1).with_columns(pl.lit("zz_other.txt").alias("source_file"))])
    res = run_gate({**tables, "targets": repeated}, codes, provinces, only_files=frozenset(["zz_other.txt"]))
    assert [f["expectation"] for f in res.failures] == ["expect_column_values_to_be_unique"]


def test_the_gate_runs_in_its_own_process_and_here_when_that_process_is_gone(built_warehouse):
    import dagster as dg

    from coopdata.gx_gate import gate_release
    from pipelines.resources import GateRunner

    root = (built_warehouse / "current").resolve()
    here = gate_release(root, 0)
    runner = GateRunner()
    ctx = dg.build_init_resource_context()
    runner.setup_for_execution(ctx)
    proc = runner._proc
    assert proc is not None and proc.poll() is None  # started with the run, importing GX
    res = runner.gate(root, 0, None)
    assert proc.wait(timeout=60) == 0  # it answered and ended
    assert res.success and res.results == json.loads(json.dumps(here.results, default=str))

    runner.setup_for_execution(ctx)
    runner._proc.kill()
    runner._proc.wait()
    assert runner.gate(root, 0, None).results == here.results  # gone: the gate ran in this process
    runner.teardown_after_execution(ctx)


def test_the_content_hash_follows_the_values_not_the_chunks():
    from coopdata.publish import content_hash

    df = pl.DataFrame({"plan_id": ["plan_a", "plan_b", "plan_c"], "value_low": [700.0, 60.0, None],
                       "implements": [["20-NQ/TW"], [], ["20-NQ/TW", "45/2021"]]})
    chunked = pl.concat([df.head(1), df.tail(2)], rechunk=False)
    assert chunked.n_chunks() == 2
    assert content_hash({"t": df}) == content_hash({"t": chunked})
    assert content_hash({"t": df}) != content_hash({"t": df.with_columns(pl.col("value_low").fill_null(0.0))})
    assert content_hash({"t": df}) != content_hash({"t": df.reverse()})  # order is content
    assert content_hash({"t": df.head(0)}) != content_hash({"u": df.head(0)})
