"""Builds in-process (the CLI's `coopdata build`, `make build`) on the same asset graph as the UI.

With a persistent Dagster instance (DAGSTER_HOME set, as `make build` does) a build parses only files that
are new or changed since the last successful build; everything else is read back from stored partitions.
"""
import json
from contextlib import contextmanager
from unittest import mock

import dagster as dg
from dagster._core.execution import execute_in_process as _eip

from coopdata.ingest import list_raw, signatures

from .assets.ingest import RANGE_END, RANGE_START, raw_file_partitions
from .checks import every_raw_file_accounted_for, release_quality_gate, schema_checks
from .definitions import all_assets
from .io import PartitionedPickleIOManager
from .resources import CoopdataPaths

CHECKS = [*schema_checks, release_quality_gate, every_raw_file_accounted_for]
MAX_SINGLE_RUNS = 20


@contextmanager
def _outputs_not_kept():
    """dg.materialize keeps every step's output in memory until the run ends (for result.output_for_node):
    at 10 000 files, every table and every parsed file at once (~300 MB). The values are in the IO manager
    already and a build never reads them from the result, so they are not kept. Dagster's own switch for
    this (output_capturing_enabled) is not exposed by materialize, hence the patch; tests cover the builds."""
    real = _eip.core_execute_in_process

    def no_capture(*args, **kwargs):
        return real(*args, **{**kwargs, "output_capturing_enabled": False})

    with mock.patch.object(_eip, "core_execute_in_process", no_capture):
        yield


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
    return {"paths": paths, "io_manager": io_manager_for(paths)}


def io_manager_for(paths: CoopdataPaths) -> PartitionedPickleIOManager:
    return PartitionedPickleIOManager(base_dir=str(paths.warehouse() / ".state" / "assets"))


def _to_parse(paths: CoopdataPaths, keys: list[str], sigs: dict[str, str], full: bool) -> list[str]:
    state = paths.warehouse() / ".state" / "signatures.json"
    old = {} if full or not state.exists() else json.loads(state.read_text(encoding="utf-8"))
    store = io_manager_for(paths)
    return [k for k in keys if old.get(k) != sigs.get(k) or not store.path_for(dg.AssetKey("document"), k).exists()]


def build(paths: CoopdataPaths, instance: dg.DagsterInstance, log_level: str = "WARNING",
          full: bool = False) -> dg.ExecuteInProcessResult:
    """Parse what is new or changed (everything on a fresh instance or with full=True), then publish."""
    with _outputs_not_kept():
        return _build(paths, instance, log_level, full)


def _build(paths: CoopdataPaths, instance: dg.DagsterInstance, log_level: str, full: bool
           ) -> dg.ExecuteInProcessResult:
    files = list_raw(paths.raw())
    sigs = signatures(paths.raw())
    sync_partitions(instance, files)
    keys = instance.get_dynamic_partitions(raw_file_partitions.name)
    todo = _to_parse(paths, keys, sigs, full)
    run_config = {"loggers": {"console": {"config": {"log_level": log_level}}}}
    common = dict(resources=resources_for(paths), instance=instance, raise_on_error=False, run_config=run_config)
    downstream = dg.AssetSelection.all() - dg.AssetSelection.assets("document")
    if todo and (len(todo) == len(keys) or len(todo) > MAX_SINGLE_RUNS and todo != keys[-len(todo):]):
        result = dg.materialize([*all_assets, *CHECKS], tags={RANGE_START: keys[0], RANGE_END: keys[-1]}, **common)
    else:
        if todo and todo == keys[-len(todo):]:  # new files are the last partitions: one run parses them
            parsed = dg.materialize([*all_assets, *CHECKS], selection=dg.AssetSelection.assets("document"),
                                    tags={RANGE_START: todo[0], RANGE_END: todo[-1]}, **common)
            if not parsed.success:
                return parsed
        else:
            for key in todo:
                parsed = dg.materialize([*all_assets, *CHECKS], selection=dg.AssetSelection.assets("document"),
                                        partition_key=key, **common)
                if not parsed.success:
                    return parsed
        result = dg.materialize([*all_assets, *CHECKS], selection=downstream, **common)
    if result.success:
        state = paths.warehouse() / ".state" / "signatures.json"
        state.parent.mkdir(parents=True, exist_ok=True)
        state.write_text(json.dumps(sigs, sort_keys=True), encoding="utf-8")
    return result
