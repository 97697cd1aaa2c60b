"""The overview page as a person meets it: rendered by headless Chromium, offline."""
from pathlib import Path

from .browser import distinct_colours, screenshot


def test_overview_page_renders_with_no_console_errors(built_warehouse, tmp_path, summary):
    page = built_warehouse / "index.html"
    html = page.read_text(encoding="utf-8")
    assert "<script" not in html and "http://" not in html.replace("http://www.w3.org/2000/svg", "")
    shot = tmp_path / "index.png"
    errors = screenshot(page.as_uri(), shot)
    summary(f"overview page screenshot: {shot}")
    assert errors == []
    assert shot.stat().st_size > 20_000 and distinct_colours(shot) > 30
    for text in ("Cooperatives targeted for 2030", "Coverage of the 63 provinces", "SELECT", "coopdata.duckdb"):
        assert text in html


def test_the_console_check_can_fail(tmp_path):
    bad = tmp_path / "bad.html"
    bad.write_text("<html><body>x<script>console.error('boom')</script></body></html>", encoding="utf-8")
    assert screenshot(bad.as_uri(), tmp_path / "bad.png") != []


def test_a_blank_page_is_recognised(tmp_path):
    blank = tmp_path / "blank.html"
    blank.write_text("<html><body></body></html>", encoding="utf-8")
    shot = tmp_path / "blank.png"
    screenshot(blank.as_uri(), shot)
    assert distinct_colours(shot) <= 30
