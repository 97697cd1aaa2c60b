"""Where the pipeline reads and writes: raw/ and warehouse/, overridable by environment."""
from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def raw_dir() -> Path:
    return Path(os.environ.get("COOPDATA_RAW_DIR") or PROJECT_ROOT / "raw").resolve()


def warehouse_dir() -> Path:
    return Path(os.environ.get("COOPDATA_WAREHOUSE_DIR") or PROJECT_ROOT / "warehouse").resolve()


def gold_dir() -> Path:
    return Path(os.environ.get("COOPDATA_GOLD_DIR") or PROJECT_ROOT / "tests" / "gold").resolve()


def errata_path() -> Path:
    """The project's corrections to shared gold lines (see evaluate.load_errata)."""
    return (PROJECT_ROOT / "tests" / "gold_project" / "errata.jsonl").resolve()


def max_bytes() -> int:
    """Largest raw file read (COOPDATA_MAX_BYTES, default 20 MB); larger ones are quarantined unread."""
    return int(os.environ.get("COOPDATA_MAX_BYTES") or 20 * 1024 * 1024)


def workers() -> int:
    """Processes that parse files in a full build (COOPDATA_WORKERS, default: every core)."""
    return int(os.environ.get("COOPDATA_WORKERS") or os.cpu_count() or 1)
