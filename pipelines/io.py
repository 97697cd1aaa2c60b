"""Where asset values live between runs: one pickle per asset, or per partition for the per-file assets.

Dagster's default filesystem IO manager cannot store several partitions from one step; this one can,
so a full build parses every file in one step while a new file is parsed in a run of its own.
Values live under <warehouse>/.state/ (COOPDATA_WAREHOUSE_DIR), beside the releases they feed.
"""
import os
import pickle
from pathlib import Path

import dagster as dg

from coopdata import config


class PartitionedPickleIOManager(dg.ConfigurableIOManager):
    """Pickles under base_dir/<asset>/<partition>.pkl; loading partitions skips those never stored."""

    base_dir: str = ""

    def _root(self) -> Path:
        return Path(self.base_dir) if self.base_dir else config.warehouse_dir() / ".state" / "assets"

    def path_for(self, key: dg.AssetKey, partition: str | None = None) -> Path:
        base = self._root().joinpath(*key.path)
        if partition is None:
            return base.with_suffix(".pkl")
        return base / (partition.replace("/", "%2F") + ".pkl")

    @staticmethod
    def _write(path: Path, obj) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + f".tmp{os.getpid()}")
        with tmp.open("wb") as f:  # streamed: a large value is never held twice in memory
            pickle.dump(obj, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)

    def handle_output(self, context: dg.OutputContext, obj) -> None:
        if context.has_asset_partitions:
            keys = context.asset_partition_keys
            items = obj.items() if len(keys) > 1 else [(keys[0], obj)]
            for key, value in items:
                self._write(self.path_for(context.asset_key, key), value)
        else:
            self._write(self.path_for(context.asset_key), obj)

    def load_input(self, context: dg.InputContext):
        if context.has_asset_partitions:
            out = {}
            for key in context.asset_partition_keys:
                path = self.path_for(context.asset_key, key)
                if path.exists():
                    with path.open("rb") as f:
                        out[key] = pickle.load(f)
            return out
        with self.path_for(context.asset_key).open("rb") as f:
            return pickle.load(f)
