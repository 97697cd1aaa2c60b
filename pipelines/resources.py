"""Paths the pipeline reads and writes, from COOPDATA_RAW_DIR / COOPDATA_WAREHOUSE_DIR or the project folders."""

from pathlib import Path

import dagster as dg

from coopdata import config


class CoopdataPaths(dg.ConfigurableResource):
    """raw/ and warehouse/; empty values fall back to the environment, then to the project's folders."""

    raw_dir: str = ""
    warehouse_dir: str = ""
    gold_dir: str = ""

    def raw(self) -> Path:
        return Path(self.raw_dir).resolve() if self.raw_dir else config.raw_dir()

    def warehouse(self) -> Path:
        return Path(self.warehouse_dir).resolve() if self.warehouse_dir else config.warehouse_dir()

    def gold(self) -> Path:
        return Path(self.gold_dir).resolve() if self.gold_dir else config.gold_dir()
