"""Builds in-process (the CLI's `coopdata build`, `make build`): the `build_all` job of the UI's definitions,
run with Dagster's public `execute_job` on the given instance.

With a persistent Dagster instance (DAGSTER_HOME set, as `make build` does) a build parses only files that
are new or changed since the last successful build; everything else is read back from stored partitions.

Why `execute_job` and not `dg.materialize`: materialize (execute_in_process) keeps every step's output in memory
until the run ends, for result.output_for_node: at 10 000 files every table and every parsed file at once
(~300 MB). execute_job keeps none (outputs are read back through the IO manager if ever asked for), and the
values are in the IO manager already.
"""
import json
import os

import dagster as dg

from coopdata.ingest import list_raw, signatures

from .assets.ingest import RANGE_END, RANGE_START, raw_file_partitions
from .definitions import all_assets, defs
from .io import PartitionedPickleIOManager
from .resources import CoopdataPaths, GateRunner
from .sensors import MAX_SINGLE_RUNS

PARTITION = "dagster/partition"
# One "materialisation planned" event per asset for a run over a range of partitions instead of one per
# partition (10 000 events at 10 000 files, ~7 ms each on SQLite). Dagster's opt-in switch (PR 29288); its price,
# as Dagster states it: partitions of a range run that fails are not marked failed (they stay unmaterialised).
SUBSET_PLANNED_EVENTS = "DAGSTER_EMIT_PARTITION_SUBSET_IN_PLANNED_EVENTS"


def build_all_job() -> dg.JobDefinition:
    """The UI's `build_all` job (every asset and check, in-process executor), for dg.reconstructable."""
    return defs.resolve_job_def("build_all")


def sync_partitions(instance: dg.DagsterInstance, files: list[str]) -> tuple[list[str], list[str]]:
    """One partition per file in raw/: add the new ones, delete those whose file is gone."""
    name = raw_file_partitions.name
    existing = set(instance.get_dynamic_partitions(name))
    added = [f for f in files if f not in existing]
    removed = sorted(existing - set(files))
    if added:
        instance.add_dynamic_partitions(name, added)
    for key in removed:
        instance.delete_dynamic_partition(name, key)
    return added, removed


def resources_for(paths: CoopdataPaths) -> dict:
    return {"paths": paths, "io_manager": io_manager_for(paths), "gate": GateRunner()}


def io_manager_for(paths: CoopdataPaths) -> PartitionedPickleIOManager:
    return PartitionedPickleIOManager(base_dir=str(paths.warehouse() / ".state" / "assets"))


def run_config_for(paths: CoopdataPaths, log_level: str = "WARNING") -> dict:
    """The run config that points `build_all`'s resources at these folders."""
    folders = {"raw_dir": paths.raw_dir, "warehouse_dir": paths.warehouse_dir, "gold_dir": paths.gold_dir}
    return {"resources": {"paths": {"config": folders},
                          "io_manager": {"config": {"base_dir": io_manager_for(paths).base_dir}}},
            "loggers": {"console": {"config": {"log_level": log_level}}}}


def _to_parse(paths: CoopdataPaths, keys: list[str], sigs: dict[str, str], full: bool) -> list[str]:
    state = paths.warehouse() / ".state" / "signatures.json"
    old = {} if full or not state.exists() else json.loads(state.read_text(encoding="utf-8"))
    store = io_manager_for(paths)
    return [k for k in keys if old.get(k) != sigs.get(k) or not store.path_for(dg.AssetKey("document"), k).exists()]


def build(paths: CoopdataPaths, instance: dg.DagsterInstance, log_level: str = "WARNING",
          full: bool = False) -> dg.JobExecutionResult:
    """Parse what is new or changed (everything on a fresh instance or with full=True), then publish."""
    os.environ.setdefault(SUBSET_PLANNED_EVENTS, "true")
    job = dg.reconstructable(build_all_job)
    files = list_raw(paths.raw())
    sigs = signatures(paths.raw())
    sync_partitions(instance, files)
    keys = instance.get_dynamic_partitions(raw_file_partitions.name)
    todo = _to_parse(paths, keys, sigs, full)

    def run(tags: dict | None = None, assets: list[dg.AssetKey] | None = None) -> dg.JobExecutionResult:
        return dg.execute_job(job, instance, run_config=run_config_for(paths, log_level), tags=tags,
                              asset_selection=assets)

    document = [dg.AssetKey("document")]
    downstream = [k for a in all_assets for k in a.keys if k != document[0]]
    start = keys.index(todo[0]) if todo else 0
    if todo and todo == keys[start:start + len(todo)]:
        # the files to parse are neighbours among the partitions (one file, or new files at the end, or all):
        # one run over their range parses them and publishes (a run's own cost is ~1-2 s at 10 000 files)
        result = run({RANGE_START: todo[0], RANGE_END: todo[-1]})
    elif len(todo) > MAX_SINGLE_RUNS:
        result = run({RANGE_START: keys[0], RANGE_END: keys[-1]})
    else:  # a few files here and there: a run each, then one that publishes
        for key in todo:
            parsed = run({PARTITION: key}, document)
            if not parsed.success:
                return parsed
        result = run(assets=downstream)
    if result.success:
        state = paths.warehouse() / ".state" / "signatures.json"
        state.parent.mkdir(parents=True, exist_ok=True)
        state.write_text(json.dumps(sigs, sort_keys=True), encoding="utf-8")
    return result
