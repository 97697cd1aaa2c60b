"""One full build in-process (the CLI's `coopdata build` and `make build`) on the same asset graph as the UI."""
import dagster as dg

from coopdata.ingest import list_raw

from .assets.ingest import raw_file_partitions
from .checks import every_raw_file_accounted_for, release_quality_gate, schema_checks
from .definitions import all_assets
from .io import PartitionedPickleIOManager
from .resources import CoopdataPaths

RANGE_START, RANGE_END = "dagster/asset_partition_range_start", "dagster/asset_partition_range_end"


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
    return {"paths": paths,
            "io_manager": PartitionedPickleIOManager(base_dir=str(paths.warehouse() / ".state" / "assets"))}


def build(paths: CoopdataPaths, instance: dg.DagsterInstance, log_level: str = "WARNING") -> dg.ExecuteInProcessResult:
    """Parse every file (one step over all partitions) and publish."""
    files = list_raw(paths.raw())
    sync_partitions(instance, files)
    keys = instance.get_dynamic_partitions(raw_file_partitions.name)
    checks = [*schema_checks, release_quality_gate, every_raw_file_accounted_for]
    run_config = {"loggers": {"console": {"config": {"log_level": log_level}}}}
    if keys:
        tags = {RANGE_START: keys[0], RANGE_END: keys[-1]}
        return dg.materialize([*all_assets, *checks], resources=resources_for(paths), instance=instance,
                              raise_on_error=False, run_config=run_config, tags=tags)
    selection = dg.AssetSelection.all() - dg.AssetSelection.assets("document")
    return dg.materialize([*all_assets, *checks], resources=resources_for(paths), instance=instance,
                          raise_on_error=False, run_config=run_config, selection=selection)
