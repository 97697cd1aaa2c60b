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
