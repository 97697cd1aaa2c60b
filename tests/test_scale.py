"""What makes a 10 000-file build fit: rows combined a chunk at a time, results packed where they are made,
partitions read one at a time, one planned event per asset for a range run, no step output kept in memory;
and all of it on Dagster's public API and documented instance configuration."""
import pickle
import re
import shutil

import dagster as dg
import polars as pl
import pytest
import yaml

from coopdata.ingest import Rejected, parse_files
from coopdata.tables import (DocumentRows, Packed, combine_rows, deadlines_frame, documents_frame, plans_frame,
                             targets_frame)
from pipelines.assets.ingest import raw_file_partitions
from pipelines.build import build
from pipelines.io import PartitionedPickleIOManager, StoredPartitions
from pipelines.resources import CoopdataPaths

from .conftest import RAW, ROOT


NAMES = sorted(p.name for p in RAW.glob("*.txt"))


@pytest.fixture(scope="module")
def rows() -> list[DocumentRows]:
    out = parse_files(RAW, NAMES, form="rows")
    return [out[n] for n in NAMES]


@pytest.fixture(scope="module")
def whole() -> dict[str, pl.DataFrame]:
    """The tables built the direct way, from the parsed documents."""
    out = parse_files(RAW, NAMES)
    parsed = [out[n] for n in NAMES]
    return {"plans": plans_frame(parsed), "targets": targets_frame(parsed), "deadlines": deadlines_frame(parsed),
            "documents": documents_frame([p.doc for p in parsed])}


def test_chunked_combination_equals_the_whole(rows, whole):
    for chunk in (1, 3, 500):
        frames, rejected = combine_rows(rows, chunk=chunk)
        assert rejected == []
        for table, df in whole.items():
            assert frames[table].equals(df), (table, chunk)
    assert whole["targets"].height > 400 and whole["documents"].height == len(rows)


def test_copies_are_set_aside_and_order_is_required(rows, whole):
    copy = DocumentRows("zz_copy.txt", rows[5].raw_sha256, rows[5].rows)
    frames, rejected = combine_rows([*rows, Rejected("zy.bin", None, "decode", "binary", ""), copy], chunk=4)
    assert frames["targets"].equals(whole["targets"])
    assert [(r.source_file, r.reason, r.detail) for r in rejected] == [
        ("zy.bin", "binary", ""), ("zz_copy.txt", "duplicate", f"same bytes as {rows[5].source_file}")]
    with pytest.raises(ValueError, match="name order"):
        combine_rows(list(reversed(rows)))


def test_packed_results_are_stored_as_the_pickle_of_the_value(tmp_path, rows):
    packed = parse_files(RAW, [rows[0].source_file], form="packed")[rows[0].source_file]
    assert isinstance(packed, Packed) and packed.status == "parsed" and packed.targets == len(rows[0].rows["targets"])
    io = PartitionedPickleIOManager(base_dir=str(tmp_path))
    path = io.path_for(dg.AssetKey("document"), rows[0].source_file)
    io._write(path, packed)
    assert pickle.loads(path.read_bytes()) == rows[0]
    stored = StoredPartitions({"b": path, "a": path})
    assert list(stored) == ["a", "b"] and stored["a"] == rows[0]


def project_storage(base_dir) -> dict:
    """The instance storage block of the project's dagster.yaml, pointed at base_dir."""
    storage = yaml.safe_load((ROOT / "dagster.yaml").read_text(encoding="utf-8"))["storage"]
    assert list(storage) == ["sqlite"], "dagster.yaml should select one of Dagster's documented storages"
    return {"sqlite": {"base_dir": str(base_dir)}}


def test_build_on_the_project_storage_records_every_partition(tmp_path):
    """The build on the project's instance storage (dagster.yaml): one materialisation per file, one planned
    event per asset, no output kept by the result; the instance reads back the same after it is reopened, and a
    file added later is parsed alone (one partition) in the run that publishes it with the checks."""
    raw = tmp_path / "raw"
    shutil.copytree(RAW, raw)
    files = sorted(p.name for p in raw.iterdir() if p.name != "manifest.csv")
    paths = CoopdataPaths(raw_dir=str(raw), warehouse_dir=str(tmp_path / "wh"))
    storage = project_storage(tmp_path / "dagster")
    with dg.instance_for_test(overrides={"storage": storage}) as instance:
        result = build(paths, instance)
        assert result.success and isinstance(result, dg.JobExecutionResult)
        key = dg.AssetKey("document")
        assert sorted(instance.get_materialized_partitions(key)) == files
        planned = instance.get_records_for_run(result.run_id,
                                               of_type=dg.DagsterEventType.ASSET_MATERIALIZATION_PLANNED).records
        assert sum(r.event_log_entry.dagster_event.asset_key == key for r in planned) == 1
        latest = instance.get_latest_materialization_event(key)
        assert latest.dagster_event.partition in files and latest.run_id == result.run_id
        assert set(instance.get_dynamic_partitions(raw_file_partitions.name)) == set(files)
        # every blocking check passed (a warning, figures the table cannot tell apart, may stand)
        assert result.get_asset_check_evaluations() and all(
            e.passed for e in result.get_asset_check_evaluations() if e.severity != dg.AssetCheckSeverity.WARN)

        (raw / "zz_added.txt").write_text("KẾ HOẠCH\nĐến năm 2030, toàn tỉnh Lào Cai có 520 hợp tác xã.",
                                          encoding="utf-8")
        publish = build(paths, instance)
        assert publish.success and instance.get_latest_materialization_event(key).dagster_event.partition == (
            "zz_added.txt")
        # one run parsed the new file alone (its one partition) and published, with the checks
        parsed = [e.partition for e in publish.get_asset_materialization_events() if e.asset_key == key]
        assert parsed == ["zz_added.txt"]
        assert publish.get_asset_check_evaluations()
    with dg.instance_for_test(overrides={"storage": storage}) as reopened:
        assert sorted(reopened.get_materialized_partitions(dg.AssetKey("document"))) == sorted([*files, "zz_added.txt"])
        assert pl.read_parquet(tmp_path / "wh" / "parquet" / "plans.parquet").height == len(files) + 1


PRIVATE = re.compile(r"\bdagster\._|mock\.patch")


def test_no_private_dagster_api_outside_tests():
    """Nothing outside tests imports a private Dagster module (dagster._...) or patches Dagster at run time:
    both would break silently on an upgrade."""
    files = [p for folder in ("pipelines", "coopdata", "schemas", "benchmarks") for p in sorted((ROOT / folder).rglob("*.py"))]
    files += [ROOT / "dagster.yaml"]  # the instance config names Dagster's classes by their documented spelling
    offenders = [f"{path.relative_to(ROOT)}:{n}: {line.strip()}" for path in files
                 for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                 if PRIVATE.search(line) and not line.lstrip().startswith("#")]
    assert offenders == []
