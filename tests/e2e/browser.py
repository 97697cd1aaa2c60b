"""Headless Chromium for the tests, driven over the DevTools protocol: screenshots and console errors."""
from __future__ import annotations

import base64
import json
import shutil
import socket
import struct
import subprocess
import tempfile
import time
import urllib.request
import zlib
from pathlib import Path

import pytest

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
         "--disable-extensions", "--disable-dev-shm-usage"]


def chromium() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        pytest.skip("Debian's chromium is not installed (make test installs it)")
    return path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def screenshot(url: str, out: Path, width: int = 1200, height: int = 1600, settle_s: float = 2.0,
               wait_for_text: str | None = None, timeout_s: float = 60) -> list[str]:
    """Load url, wait until it settles (and shows wait_for_text, if given), save a PNG to out.

    Returns the console errors and uncaught exceptions the page produced.
    """
    from websockets.sync.client import connect

    port = free_port()
    with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as profile:
        proc = subprocess.Popen([chromium(), *FLAGS, f"--user-data-dir={profile}", f"--remote-debugging-port={port}",
                                 f"--window-size={width},{height}", "about:blank"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        try:
            ws_url = None
            for _ in range(200):
                try:
                    targets = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=1))
                    ws_url = next(t["webSocketDebuggerUrl"] for t in targets if t.get("type") == "page")
                    break
                except Exception:
                    time.sleep(0.1)
            assert ws_url, "Chromium did not open its DevTools port"
            errors: list[str] = []
            with connect(ws_url, max_size=64 * 1024 * 1024, open_timeout=20) as ws:
                ids = iter(range(1, 10_000))

                def call(method: str, **params) -> dict:
                    mid = next(ids)
                    ws.send(json.dumps({"id": mid, "method": method, "params": params}))
                    while True:
                        msg = json.loads(ws.recv(timeout=timeout_s))
                        _collect(msg, errors)
                        if msg.get("id") == mid:
                            return msg.get("result", {})

                for m in ("Runtime.enable", "Log.enable", "Page.enable"):
                    call(m)
                call("Emulation.setDeviceMetricsOverride", width=width, height=height, deviceScaleFactor=1, mobile=False)
                call("Page.navigate", url=url)
                end = time.time() + timeout_s
                while time.time() < end:
                    state = call("Runtime.evaluate", expression="document.readyState + '|' + document.body.innerText.length"
                                 + (f" + '|' + document.body.innerText.includes({json.dumps(wait_for_text)})"
                                    if wait_for_text else ""), returnByValue=True)
                    value = str(state.get("result", {}).get("value", ""))
                    if value.startswith("complete") and (not wait_for_text or value.endswith("true")):
                        break
                    time.sleep(0.5)
                settle_end = time.time() + settle_s
                while time.time() < settle_end:
                    try:
                        _collect(json.loads(ws.recv(timeout=max(0.05, settle_end - time.time()))), errors)
                    except TimeoutError:
                        break
                shot = call("Page.captureScreenshot", format="png")
                out.write_bytes(base64.b64decode(shot["data"]))
            return errors
        finally:
            import os
            import signal
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            proc.wait()


def _collect(msg: dict, errors: list[str]) -> None:
    method, params = msg.get("method"), msg.get("params", {})
    if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
        errors.append(" ".join(str(a.get("value", a.get("description", ""))) for a in params.get("args", [])))
    elif method == "Runtime.exceptionThrown":
        errors.append(params.get("exceptionDetails", {}).get("text", "exception"))
    elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
        errors.append(params["entry"].get("text", ""))


def distinct_colours(png: Path, sample: int = 200_000) -> int:
    """How many different byte values the image's pixel rows hold: a blank page has very few."""
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat = 8, b""
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        if kind == b"IDAT":
            idat += data[pos + 8:pos + 8 + length]
        pos += 12 + length
    raw = zlib.decompress(idat)
    step = max(1, len(raw) // sample)
    return len(set(raw[::step]))
