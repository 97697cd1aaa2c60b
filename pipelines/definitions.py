"""The one Dagster Definitions object of coopdata: ingest -> parse -> publish."""

import dagster as dg

from .assets import ingest, parse, provinces, publish
from .checks import every_raw_file_accounted_for, release_quality_gate, schema_checks
from .io import PartitionedPickleIOManager
from .resources import CoopdataPaths
from .sensors import raw_files_sensor

all_assets = dg.load_assets_from_modules([ingest, parse, provinces, publish])

build_all = dg.define_asset_job("build_all", selection=dg.AssetSelection.all(),
                                description="Materialise every asset and publish the warehouse.")

defs = dg.Definitions(
    assets=all_assets,
    # one process: the graph is small and every step imports polars, pandera and GX; see the README for the
    # multiprocess executor and a deployment with Celery or Kubernetes when a corpus outgrows one machine
    executor=dg.in_process_executor,
    asset_checks=[*schema_checks, release_quality_gate, every_raw_file_accounted_for],
    jobs=[build_all],
    sensors=[raw_files_sensor],
    resources={"paths": CoopdataPaths(), "io_manager": PartitionedPickleIOManager()},
)
