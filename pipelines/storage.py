"""Dagster's SQLite instance storage, made fit for one partition per raw file.

A full build materialises one partition per file: 10 000 files mean 10 000 materialisation events. The stock
SQLite event log builds a new SQLAlchemy engine for every statement and writes every event in transactions of
its own (~11 ms each, most of a 10 000-file build), and plans one "materialisation planned" event per partition.
This storage is the same SQLite layout (an existing .dagster/ folder stays readable) with three changes:

- one engine per database file, kept for the life of the process (connections still open and close per use,
  so the webserver, the daemon and run workers share the files as before);
- a batch of asset events (a partitioned step's materialisations) is written in one transaction per database;
- one planned event per asset and run, carrying the partition subset, instead of one per partition. The price,
  documented by Dagster: partitions of a run that fails are not marked failed (they stay unmaterialised).

Batching is Dagster's own mechanism (DAGSTER_EVENT_BATCH_SIZE); this storage sets it when the environment
does not, since it is what the storage is for. Selected in dagster.yaml under `storage: custom:`.
"""
from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import yaml
from dagster._core.events import ASSET_EVENTS
from dagster._core.storage.event_log.sqlite.sqlite_event_log import SqliteEventLogStorage
from dagster._core.storage.sqlite_storage import DagsterSqliteStorage, _event_logs_directory
from dagster._serdes import ConfigurableClassData
from dagster._utils import mkdir_p
from sqlalchemy import create_engine
from sqlalchemy.pool import NullPool

BATCH_SIZE = "1000"


class BatchedSqliteEventLogStorage(SqliteEventLogStorage):
    """SqliteEventLogStorage with engines reused and asset-event batches written in one transaction."""

    def __init__(self, base_dir: str, inst_data: ConfigurableClassData | None = None):
        self._engines: dict = {}
        os.environ.setdefault("DAGSTER_EVENT_BATCH_SIZE", BATCH_SIZE)
        super().__init__(base_dir, inst_data)

    @classmethod
    def from_config_value(cls, inst_data, config_value) -> "BatchedSqliteEventLogStorage":
        return cls(inst_data=inst_data, **config_value)

    @property
    def supports_partition_subset_in_asset_materialization_planned_events(self) -> bool:
        return True

    @contextmanager
    def _connect(self, shard: str) -> Iterator:
        with self._db_lock:
            engine = self._engines.get(shard)
            if engine is None:
                engine = create_engine(self.conn_string_for_shard(shard), poolclass=NullPool,
                                       connect_args={"timeout": 30})
                self._engines[shard] = engine
            if shard not in self._initialized_dbs:
                self._initdb(engine)
                self._initialized_dbs.add(shard)
            with engine.connect() as conn:
                with conn.begin():
                    yield conn

    def store_event_batch(self, events: Sequence) -> None:
        """All asset events of one run: one transaction in the run's file, one in the index."""
        if not events or len({e.run_id for e in events}) != 1 or not all(
                e.is_dagster_event and e.dagster_event_type in ASSET_EVENTS for e in events):
            for event in events:
                self.store_event(event)
            return
        statements = [self.prepare_insert_event(e) for e in events]
        with self.run_connection(events[0].run_id) as conn:
            for statement in statements:
                conn.execute(statement)
        with self.index_transaction() as conn:
            ids = [conn.execute(statement).inserted_primary_key[0] for statement in statements]
            self._store_asset_event_tags(conn, list(events), ids)
            last: dict = {}  # the asset-key row keeps only the latest event of each kind per asset
            for event, event_id in zip(events, ids):
                last[(event.dagster_event.asset_key, event.dagster_event_type)] = (event, event_id)
            for event, event_id in last.values():
                self._store_asset_event(conn, event, event_id)

    def dispose(self) -> None:
        for engine in self._engines.values():
            engine.dispose()
        self._engines.clear()
        super().dispose()


class CoopdataSqliteStorage(DagsterSqliteStorage):
    """The stock SQLite instance storage (same folders) with BatchedSqliteEventLogStorage as its event log."""

    def __init__(self, base_dir: str, inst_data: ConfigurableClassData | None = None):
        super().__init__(base_dir, inst_data)
        self._event_log_storage.dispose()
        self._event_log_storage = BatchedSqliteEventLogStorage(_event_logs_directory(base_dir))

    @classmethod
    def from_config_value(cls, inst_data, config_value) -> "CoopdataSqliteStorage":
        mkdir_p(config_value["base_dir"])
        return cls(inst_data=inst_data, **config_value)

    @property
    def event_storage_data(self) -> ConfigurableClassData:
        return ConfigurableClassData("pipelines.storage", "BatchedSqliteEventLogStorage",
                                     yaml.dump({"base_dir": _event_logs_directory(self.base_dir)},
                                               default_flow_style=False))
