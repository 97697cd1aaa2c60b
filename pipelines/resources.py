"""Resources: the paths the pipeline reads and writes (COOPDATA_RAW_DIR / COOPDATA_WAREHOUSE_DIR or the project
folders), and the process the release gate runs in."""

import json
import subprocess
import sys
from pathlib import Path

import dagster as dg
from pydantic import PrivateAttr

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


class GateRunner(dg.ConfigurableResource):
    """Runs the Great Expectations release gate (coopdata.gx_gate) in a process of its own, started when a run
    that needs it starts: importing GX takes ~4 s, which then overlaps the parse, staging and page steps on
    another core instead of adding to the run. If that process is gone, the gate runs here."""

    _proc: subprocess.Popen | None = PrivateAttr(default=None)

    def setup_for_execution(self, context: dg.InitResourceContext) -> None:
        try:
            self._proc = subprocess.Popen([sys.executable, "-m", "coopdata.gx_gate"], stdin=subprocess.PIPE,
                                          stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                                          encoding="utf-8")
        except OSError:
            self._proc = None

    def teardown_after_execution(self, context: dg.InitResourceContext) -> None:
        proc, self._proc = self._proc, None
        if proc is not None and proc.poll() is None:
            proc.kill()
            proc.wait()

    def gate(self, root: Path, previous_targets: int, only_files: frozenset[str] | None):
        from coopdata.gx_gate import GateResult, gate_release

        proc, self._proc = self._proc, None
        if proc is not None and proc.poll() is None:
            request = {"root": str(root), "previous_targets": previous_targets,
                       "only_files": sorted(only_files) if only_files is not None else None}
            try:
                out, _ = proc.communicate(json.dumps(request) + "\n", timeout=1800)
                answer = json.loads(out.strip().splitlines()[-1])
                return GateResult(bool(answer["success"]), answer["results"])
            except (subprocess.TimeoutExpired, ValueError, IndexError, KeyError, OSError):
                proc.kill()
        return gate_release(root, previous_targets, only_files)
