"""Debian's headless Chromium for the browser tests, driven by Selenium through Debian's chromedriver.

Selenium is told where both binaries are, so Selenium Manager never looks for (or downloads) a driver or a browser.
"""
from __future__ import annotations

import shutil
import socket
import struct
import time
import zlib
from pathlib import Path

import pytest

FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
         "--disable-extensions", "--disable-dev-shm-usage", "--hide-scrollbars"]


def binaries() -> tuple[str, str]:
    """(chromium, chromedriver), or skip: `make test` installs both (Debian's chromium and chromium-driver)."""
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    if not browser or not driver:
        pytest.skip("Debian's chromium and chromium-driver are not installed (make test installs them)")
    return browser, driver


def start(width: int = 1200, height: int = 1600):
    """A new headless Chromium session with its console log kept (quit it when done)."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    browser, driver = binaries()
    options = webdriver.ChromeOptions()
    options.binary_location = browser
    for flag in (*FLAGS, f"--window-size={width},{height}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    session = webdriver.Chrome(service=Service(executable_path=driver), options=options)
    try:
        set_viewport(session, width, height)
    except Exception:
        session.quit()
        raise
    return session


def set_viewport(driver, width: int, height: int) -> None:
    """Size the window so that the page itself (what a screenshot captures) is width × height."""
    frame_w, frame_h = driver.execute_script(
        "return [window.outerWidth - window.innerWidth, window.outerHeight - window.innerHeight]")
    driver.set_window_size(width + frame_w, height + frame_h)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def console_errors(driver) -> list[str]:
    """Console errors and uncaught exceptions logged since the last call (Chromium reports both as SEVERE)."""
    return [e["message"] for e in driver.get_log("browser") if e.get("level") == "SEVERE"]


def load(driver, url: str, wait_for_text: str | None = None, timeout_s: float = 60, settle_s: float = 0.5) -> None:
    """Open url and wait until the document is complete (and shows wait_for_text, if given), then let it settle."""
    from selenium.webdriver.support.ui import WebDriverWait

    driver.set_page_load_timeout(timeout_s)
    driver.get(url)
    WebDriverWait(driver, timeout_s, poll_frequency=0.25).until(
        lambda d: d.execute_script("return document.readyState") == "complete"
        and (not wait_for_text or wait_for_text in d.execute_script("return document.body.innerText")))
    time.sleep(settle_s)


def screenshot(driver, out: Path, full_page: bool = False, max_height: int = 6000) -> Path:
    """Save a PNG of the viewport, or of the whole page up to max_height pixels."""
    if full_page:  # the viewport made as tall as the page
        width, height = driver.execute_script("return [window.innerWidth, document.documentElement.scrollHeight]")
        set_viewport(driver, width, min(max_height, max(600, height)))
    assert driver.save_screenshot(str(out)), f"no screenshot written to {out}"
    return out


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
