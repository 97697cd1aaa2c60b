"""`coopdata fetch` against fixture pages of our own on a local HTTP server (127.0.0.1, an ephemeral port): a
redirect, a 404, a 500 then success, a slow response past the timeout, wrong content types, unchanged pages (304 by
ETag and by Last-Modified), robots.txt, the per-host rate limit. Loopback only; every request loop is bounded by
the attempts and the timeouts, the rate limit and the backoff run on a fake clock."""
from __future__ import annotations

import csv
import os
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import requests

from coopdata.fetch import FetchConfig, Fetcher, fetch_sources, format_of
from coopdata.ingest import sha256_file
from coopdata.sources import SOURCE_COLUMNS, problems, read_sources

ETAG = '"plan-v1"'
LAST_MODIFIED = "Wed, 21 Oct 2026 07:28:00 GMT"
HTML = "<!doctype html><html><head><title>Kế hoạch</title></head><body><p>Phấn đấu đến năm 2030 có 400 hợp tác xã." \
       "</p></body></html>".encode()
PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 32
SLOW_SECONDS = 3.0  # how long /slow would take; the client gives up after TIMEOUT
TIMEOUT = 0.4


class Site:
    """What one fixture server serves, and every request it saw (time, path, headers)."""

    def __init__(self, robots: tuple[int, bytes]):
        self.robots = robots
        self.seen: list[tuple[float, str, dict[str, str]]] = []
        self.counts: dict[str, int] = {}
        self.release = threading.Event()  # cuts /slow short when the test ends
        self.lock = threading.Lock()

    def paths(self) -> list[str]:
        return [p for _, p, _ in self.seen]

    def headers_for(self, path: str) -> list[dict[str, str]]:
        return [h for _, p, h in self.seen if p == path]

    def respond(self, path: str, headers: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        with self.lock:
            n = self.counts[path] = self.counts.get(path, 0) + 1
        html = {"Content-Type": "text/html; charset=utf-8"}
        if path == "/robots.txt":
            return self.robots[0], {"Content-Type": "text/plain"}, self.robots[1]
        if path == "/plan.html":  # ETag
            if headers.get("If-None-Match") == ETAG:
                return 304, {"ETag": ETAG}, b""
            return 200, {**html, "ETag": ETAG}, HTML
        if path == "/dated.txt":  # Last-Modified only
            if headers.get("If-Modified-Since") == LAST_MODIFIED:
                return 304, {}, b""
            return 200, {"Content-Type": "text/plain; charset=utf-8", "Last-Modified": LAST_MODIFIED}, \
                "Kế hoạch số 12/KH-UBND: 50 hợp tác xã đến năm 2025.\n".encode()
        if path == "/moved":
            return 302, {"Location": "/files/plan.pdf"}, b""
        if path == "/files/plan.pdf":
            return 200, {"Content-Type": "application/pdf"}, PDF
        if path == "/loop":
            return 302, {"Location": "/loop"}, b""
        if path == "/flaky":  # a 500, then the page
            return (500, html, b"<html>busy</html>") if n == 1 else (200, html, HTML.replace(b"400", b"401"))
        if path == "/busy":  # a 503 asking to come back in 7 s, then the page
            return (503, {**html, "Retry-After": "7"}, b"") if n == 1 else (200, html, HTML.replace(b"400", b"402"))
        if path == "/slow":
            self.release.wait(SLOW_SECONDS)
            return 200, html, HTML
        if path == "/image":
            return 200, {"Content-Type": "image/png"}, PNG
        if path == "/mislabelled":  # a PDF the server calls HTML
            return 200, html, PDF
        if path.startswith("/private/"):
            return 200, html, HTML
        return 404, html, b"<html>not here</html>"


def _serve(site: Site, host: str):
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            site.seen.append((time.monotonic(), self.path, dict(self.headers)))
            status, headers, body = site.respond(self.path, dict(self.headers))
            try:
                self.send_response(status)
                for k, v in headers.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):  # the client gave up (the slow page)
                pass

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    return server, f"http://{host}:{server.server_address[1]}"


@pytest.fixture()
def site():
    s = Site((200, b"User-agent: *\nDisallow: /private/\n"))
    server, base = _serve(s, "127.0.0.1")
    s.base = base
    yield s
    s.release.set()
    server.shutdown()
    server.server_close()


@pytest.fixture()
def down_site():
    """Another host (localhost, not 127.0.0.1) whose robots.txt answers 503."""
    s = Site((503, b""))
    server, base = _serve(s, "localhost")
    s.base = base
    yield s
    s.release.set()
    server.shutdown()
    server.server_close()


class FakeClock:
    """The fetcher's clock and sleep: sleeping moves the time on at once, and is recorded."""

    def __init__(self):
        self.now = 1000.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


def _fetcher(clock: FakeClock, **cfg) -> Fetcher:
    session = requests.Session()
    session.trust_env = False  # no proxy from the environment between us and 127.0.0.1
    config = FetchConfig(**{"timeout": TIMEOUT, "total_timeout": 5.0, "attempts": 2, "backoff": 1.5,
                            "min_interval": 3.0, **cfg})
    return Fetcher(config, session=session, clock=clock, sleep=clock.sleep)


def _manifest(raw: Path, rows: list[dict]) -> Path:
    raw.mkdir(parents=True, exist_ok=True)
    path = raw / "manifest.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=SOURCE_COLUMNS)
        w.writeheader()
        for r in rows:
            w.writerow({c: r.get(c, "") for c in SOURCE_COLUMNS})
    return path


def _rows(path: Path) -> dict[str, dict]:
    return {r["source_url"] or r["file"]: r for r in read_sources(path)[0]}


def test_a_source_list_is_fetched_and_what_fails_is_reported(site, tmp_path):
    b = site.base
    raw = tmp_path / "raw"
    rows = [dict(file="plan.html", source_url=f"{b}/plan.html", kind="original", province="Cần Thơ"),
            dict(source_url=f"{b}/dated.txt", kind="original"),  # no file yet: named from its URL
            dict(file="moved.html", source_url=f"{b}/moved", kind="original"),  # a redirect to a PDF
            dict(file="gone.html", source_url=f"{b}/missing", kind="original"),
            dict(file="flaky.html", source_url=f"{b}/flaky", kind="original"),
            dict(file="slow.html", source_url=f"{b}/slow", kind="original"),
            dict(file="image.html", source_url=f"{b}/image", kind="original"),
            dict(file="label.html", source_url=f"{b}/mislabelled", kind="original"),
            dict(file="secret.html", source_url=f"{b}/private/plan.html", kind="original"),
            dict(file="ours.txt", source_url=f"{b}/restated-page", kind="restatement"),
            dict(file="seed.txt", kind="original")]
    sources = _manifest(raw, rows)
    (raw / "ours.txt").write_text("Tóm lược chỉ tiêu (không phải nguyên văn).\n", encoding="utf-8")
    (raw / "seed.txt").write_text("Kế hoạch\n", encoding="utf-8")
    clock = FakeClock()
    started = time.monotonic()
    with _fetcher(clock) as f:
        results = fetch_sources(sources, fetcher=f, config=f.config)
    took = time.monotonic() - started
    by_url = {r.url or r.file: r for r in results}
    status = {k.replace(b, ""): (r.status, r.file) for k, r in by_url.items()}
    assert status["/plan.html"] == ("fetched", "plan.html")
    assert status["/dated.txt"][0] == "fetched" and status["/dated.txt"][1].endswith(".txt")
    assert status["/moved"] == ("fetched", "moved.pdf")  # the format from the content type, not the row's name
    assert by_url[f"{b}/moved"].final_url == f"{b}/files/plan.pdf"
    assert status["/missing"] == ("failed", "gone.html") and by_url[f"{b}/missing"].detail == "HTTP 404"
    assert status["/flaky"] == ("fetched", "flaky.html")  # the 500 was retried
    assert status["/slow"][0] == "failed" and "timed out" in by_url[f"{b}/slow"].detail
    assert status["/image"][0] == "failed" and "unsupported content type image/png" in by_url[f"{b}/image"].detail
    assert status["/mislabelled"] == ("fetched", "label.pdf")
    assert "served as text/html" in by_url[f"{b}/mislabelled"].detail
    assert status["/private/plan.html"][0] == "refused" and "disallows /private/" in \
        by_url[f"{b}/private/plan.html"].detail
    assert status["/restated-page"][0] == "skipped" and status["seed.txt"][0] == "skipped"

    # what was retrieved is on disk, and the list records it (failures with the reason)
    assert (raw / "plan.html").read_bytes() == HTML and (raw / "moved.pdf").read_bytes() == PDF
    for name in ("gone.html", "slow.html", "image.html", "secret.html", "moved.html", "label.html"):
        assert not (raw / name).exists()
    listed = _rows(sources)
    assert listed[f"{b}/plan.html"]["sha256"] == sha256_file(raw / "plan.html")
    assert listed[f"{b}/plan.html"]["province"] == "Cần Thơ" and listed[f"{b}/plan.html"]["publisher"] == "127.0.0.1"
    assert listed[f"{b}/moved"]["file"] == "moved.pdf"
    assert listed[f"{b}/missing"]["sha256_note"] == "not fetched: HTTP 404"
    assert listed[f"{b}/restated-page"]["sha256"] == ""  # a restatement is not the page: untouched
    assert all(r["source_id"].startswith("src_") for r in listed.values())
    assert [p.split(":")[0] for p in problems(raw)] == ["ours.txt", "seed.txt"]  # files fetch did not write keep
    assert all("sha256 (empty)" in p for p in problems(raw))                     # what they had: no hash yet

    # the server's side: robots.txt once, the private path never, the flaky page twice, the slow one per attempt
    paths = site.paths()
    assert paths.count("/robots.txt") == 1
    assert not [p for p in paths if p.startswith("/private/")]
    assert paths.count("/flaky") == 2 and paths.count("/slow") == 2 and paths.count("/missing") == 1
    assert took < 2 * TIMEOUT * 2 + 5  # two timed-out attempts, the rest at loopback speed


def test_an_unchanged_page_is_not_downloaded_again(site, tmp_path):
    b = site.base
    raw = tmp_path / "raw"
    sources = _manifest(raw, [dict(file="plan.html", source_url=f"{b}/plan.html", kind="original"),
                              dict(file="dated.txt", source_url=f"{b}/dated.txt", kind="original")])
    clock = FakeClock()
    with _fetcher(clock) as f:
        first = fetch_sources(sources, fetcher=f)
    assert [r.status for r in first] == ["fetched", "fetched"]
    assert (raw / ".fetch-state.json").exists()  # beside the list; a dot file ingest does not read
    stamp = {n: (raw / n).stat().st_mtime_ns for n in ("plan.html", "dated.txt")}
    listed = (raw / "manifest.csv").read_bytes()
    with _fetcher(clock) as f:
        second = fetch_sources(sources, fetcher=f)
    assert [r.status for r in second] == ["unchanged", "unchanged"]
    assert all("304" in r.detail for r in second)
    assert site.headers_for("/plan.html")[-1].get("If-None-Match") == ETAG
    assert site.headers_for("/dated.txt")[-1].get("If-Modified-Since") == LAST_MODIFIED
    assert {n: (raw / n).stat().st_mtime_ns for n in stamp} == stamp  # not rewritten
    assert (raw / "manifest.csv").read_bytes() == listed
    assert problems(raw) == []

    # a file gone from raw/ is fetched again, without the conditional headers
    (raw / "plan.html").unlink()
    with _fetcher(clock) as f:
        third = fetch_sources(sources, only=["plan.html"], fetcher=f)
    assert [r.status for r in third] == ["fetched"] and (raw / "plan.html").read_bytes() == HTML
    assert "If-None-Match" not in site.headers_for("/plan.html")[-1]


def test_two_requests_to_one_host_are_spaced_by_the_limit(site, down_site):
    clock = FakeClock()
    with _fetcher(clock, min_interval=3.0, attempts=1) as f:
        for path in ("/plan.html", "/dated.txt", "/missing"):
            f.get(site.base + path)
        f.get(down_site.base + "/plan.html")  # another host: refused (its robots.txt is down), not delayed
    mine = [t for t, host, _ in f.requests_made if host == "127.0.0.1"]
    assert len(mine) == 4  # robots.txt and three pages
    assert all(later - earlier >= 3.0 for earlier, later in zip(mine, mine[1:]))
    other = [t for t, host, _ in f.requests_made if host == "localhost"]
    assert other == [mine[-1]]  # the other host's first request waited for no one
    assert clock.sleeps == [3.0, 3.0, 3.0]


def test_a_sites_crawl_delay_is_longer_than_ours(tmp_path):
    s = Site((200, b"User-agent: *\nCrawl-delay: 10\n"))
    server, base = _serve(s, "127.0.0.1")
    try:
        clock = FakeClock()
        with _fetcher(clock, min_interval=1.0) as f:
            f.get(base + "/plan.html")
            f.get(base + "/dated.txt")
        times = [t for t, _, _ in f.requests_made]
        assert [b - a for a, b in zip(times, times[1:])] == [10.0, 10.0]
    finally:
        server.shutdown()
        server.server_close()


def test_server_errors_are_retried_with_backoff_and_retry_after(site):
    clock = FakeClock()
    with _fetcher(clock, min_interval=0.0, attempts=3, backoff=1.5) as f:
        flaky = f.get(site.base + "/flaky")
        busy = f.get(site.base + "/busy")
        missing = f.get(site.base + "/missing")
    assert flaky.status == "fetched" and flaky.extra["body"] == HTML.replace(b"400", b"401")
    assert busy.status == "fetched" and busy.extra["body"] == HTML.replace(b"400", b"402")
    assert clock.sleeps == [1.5, 7.0]  # the backoff, then the server's Retry-After
    assert missing.status == "failed" and site.paths().count("/missing") == 1  # a 404 is not retried


def test_a_slow_response_times_out_after_the_attempts(site):
    clock = FakeClock()
    started = time.monotonic()
    with _fetcher(clock, attempts=2, min_interval=0.0) as f:
        res = f.get(site.base + "/slow")
    assert res.status == "failed" and res.detail == f"timed out after {TIMEOUT:g} s (2 attempts)"
    assert time.monotonic() - started < SLOW_SECONDS  # gave up well before the page came
    assert site.paths().count("/slow") == 2


def test_redirects_are_followed_and_bounded(site):
    clock = FakeClock()
    with _fetcher(clock, min_interval=0.0, max_redirects=3) as f:
        moved = f.get(site.base + "/moved")
        loop = f.get(site.base + "/loop")
    assert moved.status == "fetched" and moved.final_url == site.base + "/files/plan.pdf"
    assert loop.status == "failed" and loop.detail == "more than 3 redirects"
    assert site.paths().count("/loop") == 4


def test_robots_txt_unreachable_means_nothing_is_fetched_there(down_site):
    clock = FakeClock()
    with _fetcher(clock, attempts=2, min_interval=0.0) as f:
        a = f.get(down_site.base + "/plan.html")
        b = f.get(down_site.base + "/dated.txt")
    assert a.status == b.status == "refused" and "unreachable" in a.detail
    assert down_site.paths() == ["/robots.txt", "/robots.txt"]  # retried once, then remembered


@pytest.mark.parametrize("content_type, body, want", [
    ("text/html; charset=utf-8", HTML, ".html"),
    ("application/xhtml+xml", HTML, ".html"),
    ("application/pdf", PDF, ".pdf"),
    ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", b"PK\x03\x04....word/document.xml",
     ".docx"),
    ("text/plain; charset=windows-1258", "Kế hoạch".encode("utf-8"), ".txt"),
    ("text/html", PDF, ".pdf"),  # the bytes win over the label
    ("application/pdf", HTML, ".html"),  # an error page served as PDF
    ("application/octet-stream", PDF, ".pdf"),
    ("image/png", PNG, None),
    ("application/json", b'{"a": 1}', None),
    (None, b"plain words", None),
])
def test_format_from_the_content_type(content_type, body, want):
    assert format_of(content_type, body)[0] == want


def test_restated_pages_go_to_a_folder_of_their_own(site, tmp_path):
    raw = tmp_path / "raw"
    sources = _manifest(raw, [dict(file="can-tho_kh.txt", source_url=f"{site.base}/plan.html", kind="restatement",
                                   province="Cần Thơ", source_id="src_0123456789abcdef", doc_number="53/KH-UBND")])
    (raw / "can-tho_kh.txt").write_text("Tóm lược chỉ tiêu (không phải nguyên văn).\n", encoding="utf-8")
    before = sources.read_bytes()
    with pytest.raises(ValueError):
        fetch_sources(sources, raw, restated=True)
    pages = tmp_path / "pages"
    with _fetcher(FakeClock()) as f:
        res = fetch_sources(sources, pages, restated=True, fetcher=f)
    assert [(r.status, r.file) for r in res] == [("fetched", "can-tho_kh.html")]
    assert sources.read_bytes() == before and sorted(os.listdir(raw)) == ["can-tho_kh.txt", "manifest.csv"]
    row = read_sources(pages / "manifest.csv")[0][0]
    assert (row["kind"], row["source_id"], row["province"], row["doc_number"]) == \
        ("original", "src_0123456789abcdef", "Cần Thơ", "53/KH-UBND")
    assert problems(pages) == []


def test_cli_fetch_reports_failures_in_one_line_and_carries_on(site, tmp_path, capsys):
    from pipelines.cli import main

    raw = tmp_path / "raw"
    _manifest(raw, [dict(file="gone.html", source_url=f"{site.base}/missing", kind="original"),
                    dict(file="plan.html", source_url=f"{site.base}/plan.html", kind="original")])
    code = main(["fetch", "--raw", str(raw), "--delay", "0", "--timeout", "2", "--attempts", "1"])
    out, err = capsys.readouterr()
    assert code == 1
    assert err.strip().splitlines() == ["coopdata: cannot fetch gone.html: HTTP 404"]
    assert "fetched   plan.html" in out and "1 failed, 1 fetched" in out
    assert (raw / "plan.html").read_bytes() == HTML
    assert main(["fetch", "--raw", str(tmp_path / "nowhere")]) == 2
    assert capsys.readouterr().err.startswith("coopdata: no source list at ")


def test_fetch_is_a_dagster_group_of_its_own_outside_the_build(site, tmp_path):
    import dagster as dg

    from pipelines.assets.fetch import fetched_sources
    from pipelines.definitions import defs
    from pipelines.resources import CoopdataPaths

    build = defs.resolve_job_def("build_all")
    fetch = defs.resolve_job_def("fetch_sources")
    assert dg.AssetKey("fetched_sources") not in build.asset_layer.selected_asset_keys
    assert dg.AssetKey("plans") in build.asset_layer.selected_asset_keys
    assert "plans_plans_schema" in build.graph.node_dict  # the checks still run with the build
    assert set(fetch.asset_layer.selected_asset_keys) == {dg.AssetKey("fetched_sources")}

    raw = tmp_path / "raw"
    _manifest(raw, [dict(file="plan.html", source_url=f"{site.base}/plan.html", kind="original"),
                    dict(file="gone.html", source_url=f"{site.base}/missing", kind="original")])
    result = dg.materialize([fetched_sources], resources={"paths": CoopdataPaths(raw_dir=str(raw))},
                            run_config={"ops": {"fetched_sources": {"config": {"delay": 0.0, "timeout": 2.0,
                                                                                "attempts": 1}}}})
    assert result.success  # a failed source is reported, not a failed run
    meta = result.get_asset_materialization_events()[0].materialization.metadata
    assert meta["fetched"].value == 1 and meta["failed"].value == 1
    assert (raw / "plan.html").exists()
