"""Incremental runs: a file added to a built warehouse is parsed on its own, through the sensor."""
import shutil

import dagster as dg
import polars as pl

from pipelines.assets.ingest import raw_file_partitions
from pipelines.build import build, resources_for
from pipelines.definitions import all_assets
from pipelines.checks import every_raw_file_accounted_for, release_quality_gate, schema_checks
from pipelines.resources import CoopdataPaths
from pipelines.sensors import raw_files_sensor

from .conftest import RAW


def parsed_partitions(instance: dg.DagsterInstance, run_id: str) -> list[str]:
    records = instance.get_records_for_run(run_id, of_type=dg.DagsterEventType.ASSET_MATERIALIZATION).records
    return sorted(r.event_log_entry.dagster_event.event_specific_data.materialization.partition
                  for r in records
                  if r.event_log_entry.dagster_event.event_specific_data.materialization.asset_key == dg.AssetKey("document"))


def run_requests(instance, paths, cursor):
    ctx = dg.build_sensor_context(instance=instance, cursor=cursor, resources={"paths": paths})
    result = raw_files_sensor(ctx)
    for req in result.dynamic_partitions_requests:
        if isinstance(req, dg.AddDynamicPartitionsRequest):
            instance.add_dynamic_partitions(req.partitions_def_name, list(req.partition_keys))
        else:
            for key in req.partition_keys:
                instance.delete_dynamic_partition(req.partitions_def_name, key)
    return result


def execute(instance, paths, req: dg.RunRequest) -> dg.ExecuteInProcessResult:
    checks = [*schema_checks, release_quality_gate, every_raw_file_accounted_for]
    selection = req.asset_selection if isinstance(req.asset_selection, dg.AssetSelection) else (
        dg.AssetSelection.assets(*req.asset_selection))
    return dg.materialize([*all_assets, *checks], instance=instance, resources=resources_for(paths),
                          selection=selection, partition_key=req.partition_key, tags=req.tags or None)


def test_adding_one_file_parses_only_its_partition(tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(RAW, raw)
    paths = CoopdataPaths(raw_dir=str(raw), warehouse_dir=str(tmp_path / "wh"))
    (tmp_path / "dagster").mkdir()
    with dg.instance_for_test(temp_dir=str(tmp_path / "dagster")) as instance:
        first = build(paths, instance)
        assert first.success
        assert len(parsed_partitions(instance, first.run_id)) == len(list(raw.glob("*.txt")))
        # the sensor's first look records what is there: nothing new, nothing to run
        result = run_requests(instance, paths, None)
        assert [r.run_key.split("-")[0] for r in result.run_requests] == []
        cursor = result.cursor

        (raw / "zz_new_plan.txt").write_text("KẾ HOẠCH\nĐến năm 2030, toàn tỉnh Lào Cai có 520 hợp tác xã.",
                                             encoding="utf-8")
        result = run_requests(instance, paths, cursor)
        assert [r.run_key.split("-")[0] for r in result.run_requests] == ["new", "publish"]
        runs = [execute(instance, paths, r) for r in result.run_requests]
        assert all(r.success for r in runs)
        assert parsed_partitions(instance, runs[0].run_id) == ["zz_new_plan.txt"]  # only the new file was parsed
        assert parsed_partitions(instance, runs[1].run_id) == []
        plans = pl.read_parquet(tmp_path / "wh" / "parquet" / "plans.parquet")
        assert "zz_new_plan.txt" in plans["source_file"].to_list() and plans.height == first_plans(tmp_path) + 1

        (raw / "zz_new_plan.txt").unlink()
        result = run_requests(instance, paths, result.cursor)
        assert "zz_new_plan.txt" not in instance.get_dynamic_partitions(raw_file_partitions.name)
        runs = [execute(instance, paths, r) for r in result.run_requests]
        plans = pl.read_parquet(tmp_path / "wh" / "parquet" / "plans.parquet")
        assert "zz_new_plan.txt" not in plans["source_file"].to_list()


def first_plans(tmp_path) -> int:
    releases = sorted((tmp_path / "wh" / "releases").iterdir(), key=lambda p: p.stat().st_mtime)
    return pl.read_parquet(releases[0] / "parquet" / "plans.parquet").height


# --- the release patched with the changed files' rows equals a full rebuild of the same raw/ -----------------

def _delta(paths: CoopdataPaths) -> dict:
    import pickle
    with (paths.warehouse() / ".state" / "assets" / "parse_delta.pkl").open("rb") as f:
        return pickle.load(f)


def _release_files(wh) -> dict[str, bytes]:
    """Every published file of the current release but the two that record when it was made (datapackage.json
    carries `created`, the DuckDB file its own write order): those are compared by content below."""
    root = (wh / "current").resolve()
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and p.name not in ("datapackage.json", "coopdata.duckdb")}


def _duckdb_tables(wh) -> dict[str, list]:
    import duckdb
    con = duckdb.connect(str(wh / "coopdata.duckdb"), read_only=True)
    try:
        names = [r[0] for r in con.execute("SELECT table_name FROM information_schema.tables ORDER BY 1").fetchall()]
        # views have no ORDER BY: their rows are compared as sets (sorted by their text)
        return {n: sorted(con.execute(f'SELECT * FROM "{n}"').fetchall(), key=repr) for n in names if n != "release"}
    finally:
        con.close()


def test_a_patched_release_is_byte_identical_to_a_full_rebuild(tmp_path):
    import json
    raw = tmp_path / "raw"
    shutil.copytree(RAW, raw)
    paths = CoopdataPaths(raw_dir=str(raw), warehouse_dir=str(tmp_path / "wh"))
    (tmp_path / "dagster").mkdir()
    with dg.instance_for_test(temp_dir=str(tmp_path / "dagster")) as instance:
        assert build(paths, instance).success
        assert _delta(paths)["mode"] == "full"
        shutil.copytree(tmp_path / "wh", tmp_path / "full", symlinks=True)  # the same previous release, for the rebuild

        # one file added, one changed, one removed: a sentence of our own, shaped like a plan's
        (raw / "zz_them_moi.txt").write_text("UỶ BAN NHÂN DÂN TỈNH HÀ GIANG\nKẾ HOẠCH\nĐến năm 2030, toàn tỉnh có "
                                              "khoảng 410 hợp tác xã, trên 60% hợp tác xã đạt loại khá.\n",
                                              encoding="utf-8")
        changed = sorted(p.name for p in raw.glob("*.txt"))[3]
        with (raw / changed).open("a", encoding="utf-8") as f:
            f.write("\nPhấn đấu đến năm 2030 thành lập mới 25 liên hiệp hợp tác xã.\n")
        removed = sorted(p.name for p in raw.glob("*.txt"))[5]
        (raw / removed).unlink()
        assert build(paths, instance).success
        delta = _delta(paths)
        assert delta["mode"] == "patch", delta["reason"]
        assert sorted(delta["changed"]) == sorted(["zz_them_moi.txt", changed, removed])
        assert delta["removed"] == [removed] or list(delta["removed"]) == [removed]
        pages = (tmp_path / "wh" / "current" / "plans").resolve()
        plans_now = pl.read_parquet(tmp_path / "wh" / "parquet" / "plans.parquet")
        assert len(list(pages.glob("*.html"))) == plans_now.height
        # unchanged plans' pages are the previous release's files (hard links); the new and changed are rendered
        page = dict(zip(plans_now["source_file"], plans_now["plan_id"]))
        links = {f: (pages / f"{page[f]}.html").stat().st_nlink for f in page}
        assert links["zz_them_moi.txt"] == 1 and links[changed] == 1
        assert sum(n > 1 for n in links.values()) == plans_now.height - 2
        gate = json.loads((tmp_path / "wh" / "current" / "quality" / "gate.json").read_text(encoding="utf-8"))
        assert gate["success"] and gate["failed"] == 0

    # the same raw/ rebuilt in full on top of the same previous release: no snapshot to patch, every file parsed
    full = CoopdataPaths(raw_dir=str(raw), warehouse_dir=str(tmp_path / "full"))
    shutil.rmtree(tmp_path / "full" / ".state")
    (tmp_path / "dagster2").mkdir()
    with dg.instance_for_test(temp_dir=str(tmp_path / "dagster2")) as instance:
        assert build(full, instance, full=True).success
        assert _delta(full)["mode"] == "full"

    a, b = _release_files(tmp_path / "wh"), _release_files(tmp_path / "full")
    assert sorted(a) == sorted(b)
    different = [name for name in a if a[name] != b[name]]
    assert different == []
    assert _duckdb_tables(tmp_path / "wh") == _duckdb_tables(tmp_path / "full")
    pa, pb = (json.loads((w / "datapackage.json").read_text(encoding="utf-8")) for w in (tmp_path / "wh", tmp_path / "full"))
    assert pa["version"] == pb["version"]
    drop = lambda p: [r for r in p["resources"] if r["path"] != "coopdata.duckdb"]  # noqa: E731
    assert drop(pa) == drop(pb)
    plans = pl.read_parquet(tmp_path / "wh" / "parquet" / "plans.parquet")["source_file"].to_list()
    assert "zz_them_moi.txt" in plans and removed not in plans


# --- coopdata.incremental on its own: patch where the rows are the file's own, combine in full where not -------

PLAN_A = "KẾ HOẠCH\nĐến năm 2030, toàn tỉnh Sơn La có khoảng 900 hợp tác xã.\n"
PLAN_B = "KẾ HOẠCH\nPhấn đấu đến năm 2025, tỉnh Hà Giang thành lập mới 120 hợp tác xã.\n"
PLAN_C = "KẾ HOẠCH\nĐến năm 2030, trên 70% hợp tác xã tỉnh Điện Biên hoạt động hiệu quả.\n"


def _combine(raw, previous, stamps=None):
    from coopdata.incremental import combine_incremental
    from coopdata.ingest import list_raw, parse_files

    names = list_raw(raw)
    values = parse_files(raw, names, form="rows")
    stamps = stamps or {n: (raw / n).read_text(encoding="utf-8") for n in names}  # content as its own stamp
    return combine_incremental(values, stamps, previous)


def _full(raw):
    frames, rejected, _, delta = _combine(raw, None)
    assert delta.mode == "full"
    return frames, rejected


def test_patching_equals_a_full_combine_and_falls_back_when_a_duplicate_is_involved(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.txt").write_text(PLAN_A, encoding="utf-8")
    (raw / "b.txt").write_text(PLAN_B, encoding="utf-8")
    (raw / "empty.txt").write_bytes(b"")
    _, _, snap, delta = _combine(raw, None)
    assert delta.mode == "full" and delta.reason == "no previous tables"

    (raw / "c.txt").write_text(PLAN_C, encoding="utf-8")  # added
    (raw / "b.txt").write_text(PLAN_B.replace("120", "130"), encoding="utf-8")  # changed
    (raw / "empty.txt").unlink()  # a file set aside, removed
    frames, rejected, snap2, delta = _combine(raw, snap)
    assert delta.mode == "patch" and delta.changed == ("b.txt", "c.txt", "empty.txt") and delta.removed == ("empty.txt",)
    full, full_rejected = _full(raw)
    assert all(frames[t].equals(full[t]) for t in full) and rejected == full_rejected
    assert 130.0 in frames["targets"]["value_low"].to_list() and 120.0 not in frames["targets"]["value_low"].to_list()

    # a new file with the bytes of another: which one is kept depends on both, so everything is combined again
    (raw / "0_copy.txt").write_text(PLAN_A, encoding="utf-8")
    frames, rejected, snap3, delta = _combine(raw, snap2)
    assert delta.mode == "full" and "same bytes" in delta.reason
    assert [r.reason for r in rejected] == ["duplicate"] and rejected[0].source_file == "a.txt"
    # and removing it again touches a file of a duplicate pair: full again, back to one plan per text
    (raw / "0_copy.txt").unlink()
    frames, rejected, _, delta = _combine(raw, snap3)
    assert delta.mode == "full" and rejected == [] and frames["plans"]["source_file"].to_list() == ["a.txt", "b.txt", "c.txt"]


def test_many_changed_files_are_combined_in_full(tmp_path, monkeypatch):
    import coopdata.incremental as inc

    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.txt").write_text(PLAN_A, encoding="utf-8")
    _, _, snap, _ = _combine(raw, None)
    (raw / "b.txt").write_text(PLAN_B, encoding="utf-8")
    monkeypatch.setattr(inc, "PATCH_MAX_FILES", 0)  # as if past the share a patch would hold in memory
    _, _, _, delta = _combine(raw, snap)
    assert delta.mode == "full" and delta.reason == "1 of 2 files changed"


def test_a_snapshot_survives_a_round_trip_and_one_with_other_columns_is_not_patched(tmp_path):
    from dataclasses import replace

    from coopdata.incremental import read_snapshot, write_snapshot

    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.txt").write_text(PLAN_A, encoding="utf-8")
    _, _, snap, _ = _combine(raw, None)
    write_snapshot(tmp_path / "snap", snap)
    back = read_snapshot(tmp_path / "snap")
    assert back is not None and back.id == snap.id and back.stamps == snap.stamps
    assert all(back.frames[t].equals(snap.frames[t]) for t in snap.frames)
    assert read_snapshot(tmp_path / "nothing") is None
    (raw / "b.txt").write_text(PLAN_B, encoding="utf-8")
    _, _, _, delta = _combine(raw, replace(back, schema="other"))
    assert delta.mode == "full" and "columns changed" in delta.reason


def test_a_new_parser_version_reparses_every_file_in_one_run(tmp_path, monkeypatch):
    import coopdata.ingest as ingest

    raw = tmp_path / "raw"
    raw.mkdir()
    for i, f in enumerate(sorted(RAW.glob("*.txt"))[:25]):
        shutil.copy(f, raw / f.name)
    paths = CoopdataPaths(raw_dir=str(raw), warehouse_dir=str(tmp_path / "wh"))
    (tmp_path / "dagster").mkdir()
    with dg.instance_for_test(temp_dir=str(tmp_path / "dagster")) as instance:
        assert build(paths, instance).success
        cursor = run_requests(instance, paths, None).cursor
        again = build(paths, instance)  # same code, same files: nothing is parsed
        assert parsed_partitions(instance, again.run_id) == []
        # the rules change (a new version of coopdata): every file's signature changes with them
        monkeypatch.setattr(ingest, "parser_fingerprint", lambda: "another-version")
        result = run_requests(instance, paths, cursor)
        assert [r.run_key.split("-")[0] for r in result.run_requests] == ["changed", "publish"]
        assert result.run_requests[0].partition_key is None  # one run over the range, not 25 runs
        rebuilt = build(paths, instance)
        assert rebuilt.success
        assert len(parsed_partitions(instance, rebuilt.run_id)) == 25
