"""The browser the e2e tests share: Debian's headless Chromium under Selenium (see chrome.py)."""
import pytest

from .chrome import start


@pytest.fixture()
def chrome():
    """A fresh headless Chromium session (1200×1600), quit after the test."""
    driver = start()
    try:
        yield driver
    finally:
        driver.quit()
