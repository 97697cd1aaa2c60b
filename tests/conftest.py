"""Shared fixtures: paths to the project's raw texts and the shared corpus, and a built warehouse."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("COOPDATA_SHARED", ROOT.parent / "shared")).resolve()
RAW = ROOT / "raw"

# tests build into temporary folders with an ephemeral Dagster instance, not the project's .dagster/
os.environ.pop("DAGSTER_HOME", None)


def shared_or_skip(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} not found: the shared corpus is expected beside the project")
    return path


def read_raw(name: str) -> str:
    from coopdata.text import normalise
    return normalise((RAW / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def built_warehouse(tmp_path_factory) -> Path:
    """The dataset built from the project's raw/ into a temporary warehouse, through the CLI."""
    from pipelines.cli import main

    out = tmp_path_factory.mktemp("warehouse")
    assert main(["build", "--raw", str(RAW), "--out", str(out)]) == 0
    return out


@pytest.fixture()
def raw_copy(tmp_path) -> Path:
    """A scratch copy of raw/ a test may change."""
    dst = tmp_path / "raw"
    shutil.copytree(RAW, dst)
    return dst


_SUMMARY: list[str] = []


@pytest.fixture()
def summary():
    """Lines a test wants in the run's closing summary (screenshot paths, hashes of a double build)."""
    return _SUMMARY.append


def pytest_terminal_summary(terminalreporter):
    if _SUMMARY:
        terminalreporter.section("coopdata")
        for line in _SUMMARY:
            terminalreporter.write_line(line)
