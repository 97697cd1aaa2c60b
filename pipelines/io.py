"""Where asset values live between runs: tables as Arrow IPC files, other values as one pickle per asset,
or per partition for the per-file assets.

Dagster's default filesystem IO manager cannot store several partitions from one step; this one can,
so a full build parses every file in one step while a new file is parsed in a run of its own.
Values live under <warehouse>/.state/ (COOPDATA_WAREHOUSE_DIR), beside the releases they feed.
"""
import os
import pickle
from collections.abc import Iterator, Mapping
from pathlib import Path

import dagster as dg
import polars as pl

from coopdata import config
from coopdata.tables import Packed


class StoredPartitions(Mapping):
    """Stored partitions of one asset, read from disk only when asked for, in key order: a step that
    goes through 10 000 of them holds one at a time."""

    def __init__(self, paths: dict[str, Path]):
        self._paths = dict(sorted(paths.items()))

    def __getitem__(self, key: str):
        with self._paths[key].open("rb") as f:
            return pickle.load(f)

    def __iter__(self) -> Iterator[str]:
        return iter(self._paths)

    def __len__(self) -> int:
        return len(self._paths)

    def stamps(self) -> dict[str, str]:
        """Size and modification time of each stored value: a key whose stamp changed was materialised again
        (what coopdata.incremental patches the tables with)."""
        out = {}
        for key, path in self._paths.items():
            st = path.stat()
            out[key] = f"{st.st_size}:{st.st_mtime_ns}"
        return out


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

    def frame_path(self, key: dg.AssetKey) -> Path:
        return self._root().joinpath(*key.path).with_suffix(".arrow")

    @staticmethod
    def _write(path: Path, obj) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + f".tmp{os.getpid()}")
        with tmp.open("wb") as f:
            if isinstance(obj, Packed):  # already the pickle of the value, made by the worker that parsed it
                f.write(obj.data)
            else:  # streamed: a large value is never held twice in memory
                pickle.dump(obj, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)

    def handle_output(self, context: dg.OutputContext, obj) -> None:
        if context.has_asset_partitions:
            keys = context.asset_partition_keys
            items = obj.items() if len(keys) > 1 else [(keys[0], obj)]
            for key, value in items:
                self._write(self.path_for(context.asset_key, key), value)
        elif isinstance(obj, pl.DataFrame):  # Arrow IPC: written from the frame's buffers, no pickled copy
            path = self.frame_path(context.asset_key)
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(path.name + f".tmp{os.getpid()}")
            obj.write_ipc(tmp)
            os.replace(tmp, path)
            self.path_for(context.asset_key).unlink(missing_ok=True)
        else:
            self._write(self.path_for(context.asset_key), obj)
            self.frame_path(context.asset_key).unlink(missing_ok=True)

    def load_input(self, context: dg.InputContext):
        if context.has_asset_partitions:
            folder = self._root().joinpath(*context.asset_key.path)
            stored = {e.name for e in os.scandir(folder)} if folder.is_dir() else set()  # one listing, not a stat per key
            paths = {k: self.path_for(context.asset_key, k) for k in context.asset_partition_keys}
            return StoredPartitions({k: p for k, p in paths.items() if p.name in stored})
        frame = self.frame_path(context.asset_key)
        if frame.exists():
            return pl.read_ipc(frame)
        with self.path_for(context.asset_key).open("rb") as f:
            return pickle.load(f)
