"""The one Dagster Definitions object of coopdata: ingest -> parse -> publish."""

import dagster as dg

from .assets import fetch, ingest, parse, provinces, publish
from .checks import every_raw_file_accounted_for, release_quality_gate, schema_checks, targets_told_apart
from .io import PartitionedPickleIOManager
from .resources import CoopdataPaths, GateRunner
from .sensors import raw_files_sensor

all_assets = dg.load_assets_from_modules([ingest, parse, provinces, publish])
fetch_assets = dg.load_assets_from_modules([fetch])  # group "fetch": needs the network, so not in build_all

build_all = dg.define_asset_job("build_all", selection=dg.AssetSelection.all() - dg.AssetSelection.groups("fetch"),
                                description="Materialise every asset and publish the warehouse (the fetch group excepted: the build needs no network).")
fetch_sources = dg.define_asset_job("fetch_sources", selection=dg.AssetSelection.groups("fetch"),
                                    description="Download the sources listed in raw/manifest.csv into raw/ (needs the network).")

defs = dg.Definitions(
    assets=[*all_assets, *fetch_assets],
    # one process: the graph is small and every step imports polars, pandera and GX; see the README for the
    # multiprocess executor and a deployment with Celery or Kubernetes when a corpus outgrows one machine
    executor=dg.in_process_executor,
    asset_checks=[*schema_checks, release_quality_gate, every_raw_file_accounted_for, targets_told_apart],
    jobs=[build_all, fetch_sources],
    sensors=[raw_files_sensor],
    resources={"paths": CoopdataPaths(), "io_manager": PartitionedPickleIOManager(), "gate": GateRunner()},
)
