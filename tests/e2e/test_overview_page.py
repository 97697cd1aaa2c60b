"""The overview page as a person meets it: rendered by headless Chromium (Selenium, Debian's chromedriver), offline."""
from .chrome import console_errors, distinct_colours, load, screenshot


def test_overview_page_renders_with_no_console_errors(built_warehouse, chrome, tmp_path, summary):
    page = built_warehouse / "index.html"
    html = page.read_text(encoding="utf-8")
    assert "<script" not in html and "http://" not in html.replace("http://www.w3.org/2000/svg", "")
    shot = tmp_path / "index.png"
    load(chrome, page.as_uri(), wait_for_text="Coverage of the 63 provinces")
    screenshot(chrome, shot)
    summary(f"overview page screenshot: {shot}")
    assert console_errors(chrome) == []
    assert shot.stat().st_size > 20_000 and distinct_colours(shot) > 30
    for text in ("Cooperatives targeted for 2030", "How far the facts can be trusted", "Coverage of the 63 provinces",
                 "SELECT", "coopdata.duckdb"):
        assert text in html


def test_the_console_check_can_fail(chrome, tmp_path):
    bad = tmp_path / "bad.html"
    bad.write_text("<html><body>x<script>console.error('boom'); notDefined()</script></body></html>", encoding="utf-8")
    load(chrome, bad.as_uri())
    errors = console_errors(chrome)
    assert any("boom" in e for e in errors) and any("notDefined" in e for e in errors), errors


def test_a_blank_page_is_recognised(chrome, tmp_path):
    blank = tmp_path / "blank.html"
    blank.write_text("<html><body></body></html>", encoding="utf-8")
    load(chrome, blank.as_uri())
    assert distinct_colours(screenshot(chrome, tmp_path / "blank.png")) <= 30
