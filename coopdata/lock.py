"""One writer per warehouse: an advisory lock on `<warehouse>/.lock`, holding who has it.

`coopdata build` takes it before it touches the warehouse and keeps it until the build has published (or
failed); a second build into the same folder waits for it up to a limit, then gives up with the holder's
pid, host and start time. The lock is `fcntl.flock` on the file, so the kernel drops it when its holder
exits, however it exits: a killed build never leaves a stale lock behind, only a stale line in the file,
which the next holder overwrites. The file itself is never deleted (a new file would be a new lock).
Plain Python, no Dagster.
"""
from __future__ import annotations

import fcntl
import json
import os
import socket
import time
from datetime import datetime
from pathlib import Path

__all__ = ["LOCK_NAME", "LockHeld", "WarehouseLock", "read_holder"]

LOCK_NAME = ".lock"


class LockHeld(Exception):
    """Another process holds the warehouse lock."""

    def __init__(self, warehouse: Path, holder: dict | None, waited: float = 0.0):
        self.warehouse = Path(warehouse)
        self.holder = holder
        self.waited = waited
        super().__init__(str(self))

    def __str__(self) -> str:
        h = self.holder or {}
        who = (f"pid {h.get('pid', '?')} on {h.get('host', '?')}, started at {h.get('started', '?')}"
               if h else "a process that has not said who it is")
        waited = f" (waited {self.waited:.0f} s)" if self.waited else ""
        return f"warehouse {self.warehouse} is locked by another build: {who}{waited}"


def read_holder(path: Path, tries: int = 10, pause: float = 0.05) -> dict | None:
    """What the lock file says about its holder. A holder writes right after it takes the lock, so an
    empty file is read again a few times before giving up."""
    for _ in range(tries):
        try:
            text = Path(path).read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            return None
        if text:
            try:
                return json.loads(text)
            except ValueError:
                return {"pid": "?", "host": "?", "started": "?", "raw": text[:200]}
        time.sleep(pause)
    return None


class WarehouseLock:
    """`with WarehouseLock(folder).acquire(wait=30): ...`; raises LockHeld if it is not free in time."""

    def __init__(self, warehouse: Path | str):
        self.warehouse = Path(warehouse)
        self.path = self.warehouse / LOCK_NAME
        self._fd: int | None = None
        self.holder: dict | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self, wait: float = 0.0, poll: float = 0.2) -> WarehouseLock:
        """Take the lock, waiting up to `wait` seconds (0: fail at once if it is taken)."""
        if self._fd is not None:
            raise RuntimeError(f"{self.path} is already held by this object")
        self.warehouse.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        start = time.monotonic()
        deadline = start + max(0.0, wait)
        try:
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    now = time.monotonic()
                    if now >= deadline:
                        raise LockHeld(self.warehouse, read_holder(self.path), waited=now - start if wait else 0.0)
                    time.sleep(min(poll, deadline - now))
        except BaseException:
            os.close(fd)
            raise
        self.holder = {"pid": os.getpid(), "host": socket.gethostname(),
                       "started": datetime.now().astimezone().isoformat(timespec="seconds")}
        os.ftruncate(fd, 0)
        os.pwrite(fd, (json.dumps(self.holder) + "\n").encode("utf-8"), 0)
        self._fd = fd
        return self

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        try:
            os.ftruncate(fd, 0)  # still held here: nobody reads a half-cleared file as the next holder's
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)

    def __enter__(self) -> WarehouseLock:
        if self._fd is None:
            self.acquire()
        return self

    def __exit__(self, *exc) -> None:
        self.release()
