"""`coopdata fetch`: download the sources listed in raw/manifest.csv into raw/, politely and repeatably.

For every row with a source_url (restatements excepted: raw/ holds our own words, not the page; see `restated`):

- robots.txt is read once per site (urllib.robotparser) and honoured, its Crawl-delay too. As RFC 9309 says, a
  robots.txt that cannot be reached (5xx, network) means nothing on that site is fetched; 401/403 the same
  (as urllib.robotparser reads them); another 4xx (none published) means everything may be.
- one request at a time, and at least `min_interval` seconds between two requests to the same host;
- a connection error, a timeout, 408/425/429/5xx are retried with exponential backoff (Retry-After honoured);
- redirects are followed by hand (at most `max_redirects`), each hop checked against its own site's robots.txt;
- a page fetched before is asked for with If-None-Match / If-Modified-Since (ETag and Last-Modified kept in
  `.fetch-state.json` beside the source list, a dot file ingest does not read): a 304 downloads nothing;
- the format comes from the Content-Type (html, pdf, docx, txt), checked against the bytes' signature; anything
  else is not saved;
- what was retrieved is written atomically, its sha256 and the date recorded in the source list;
- a download that fails is reported and the others carry on.

Plain Python (requests), no Dagster: the CLI, the Dagster `fetch` asset group and the tests call `fetch_sources`.
"""
from __future__ import annotations

import datetime
import email.utils
import hashlib
import json
import os
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import requests

from .ingest import MAX_BYTES, sha256_file
from .sources import new_source_id, publisher_of, read_sources, write_sources

__all__ = ["FetchConfig", "FetchResult", "Fetcher", "FetchError", "fetch_sources", "format_of", "STATE_FILE",
           "USER_AGENT"]

STATE_FILE = ".fetch-state.json"
USER_AGENT = "coopdata-fetch/0.1 (open data on Vietnamese cooperative plans; fetches only the pages it lists)"
CONTENT_TYPES = {
    "text/html": ".html",
    "application/xhtml+xml": ".html",
    "application/pdf": ".pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "text/plain": ".txt",
}
RETRY_STATUS = {408, 425, 429, 500, 502, 503, 504}
REDIRECT_STATUS = {301, 302, 303, 307, 308}


@dataclass(frozen=True)
class FetchConfig:
    """How politely and how long: seconds unless said otherwise."""

    timeout: float = 30.0  # to connect, and for each read of the response
    total_timeout: float = 120.0  # for one whole response, body included
    attempts: int = 3  # tries per request (1 = no retry)
    backoff: float = 2.0  # the first wait before a retry; doubled at each further one
    backoff_max: float = 60.0
    min_interval: float = 2.0  # between two requests to the same host (a larger Crawl-delay wins)
    max_crawl_delay: float = 60.0  # a site asking for more is waited for this long
    max_redirects: int = 5
    max_bytes: int = MAX_BYTES
    user_agent: str = USER_AGENT


@dataclass
class FetchResult:
    """What happened to one source: fetched, unchanged, failed, refused (robots.txt) or skipped."""

    url: str
    status: str
    file: str | None = None
    detail: str = ""
    sha256: str | None = None
    content_type: str | None = None
    final_url: str | None = None
    source_id: str | None = None
    extra: dict = field(default_factory=dict)  # etag, last_modified for the fetch state


class FetchError(Exception):
    """One source could not be fetched; `retry` says whether trying again may help."""

    def __init__(self, message: str, retry: bool = False, status: str = "failed"):
        super().__init__(message)
        self.retry, self.status = retry, status


def _short(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    m = re.search(r"\] ([^\]'\"]{3,80})", text)  # urllib3's "[Errno 111] Connection refused" inside the repr
    return (m.group(1).rstrip("')") if m else text[:120]) or type(exc).__name__


def _host(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def format_of(content_type: str | None, body: bytes) -> tuple[str | None, str]:
    """(file suffix, note) from the Content-Type, checked against the bytes: a PDF or DOCX signature wins over
    what the server said (the note says so); an unknown or generic type is taken from the signature if there is
    one; else (None, why)."""
    mime = (content_type or "").split(";")[0].strip().lower()
    declared = CONTENT_TYPES.get(mime)
    head = body[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if body.startswith(b"%PDF-"):
        sniffed = ".pdf"
    elif body.startswith(b"PK\x03\x04") and b"word/" in body[:65536]:
        sniffed = ".docx"
    elif head.startswith((b"<!doctype html", b"<html")) or b"<html" in head[:200]:
        sniffed = ".html"
    else:
        sniffed = None
    if sniffed and sniffed != declared:  # the bytes say what they are (an error page served as PDF is HTML)
        return sniffed, f"served as {mime or 'no content type'}, the bytes are {sniffed[1:]}"
    if declared:
        return declared, ""
    return None, f"unsupported content type {mime or '(none)'}: not saved"


class _RateLimiter:
    """At least `interval` seconds between the starts of two requests to one host (clock and sleep injectable)."""

    def __init__(self, interval: float, clock: Callable[[], float], sleep: Callable[[float], None]):
        self.interval, self.clock, self.sleep = interval, clock, sleep
        self.last: dict[str, float] = {}
        self.delay: dict[str, float] = {}  # a site's own Crawl-delay, when larger

    def wait(self, host: str) -> float:
        gap = max(self.interval, self.delay.get(host, 0.0))
        now = self.clock()
        last = self.last.get(host)
        if last is not None and now - last < gap:
            self.sleep(gap - (now - last))
            now = self.clock()
        self.last[host] = now
        return now


def _retry_after(value: str | None, now: float | None = None) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        return None
    return max(0.0, when.timestamp() - (now if now is not None else time.time()))


class Fetcher:
    """One polite HTTP client: robots.txt, per-host rate limit, retries, redirects. `clock` and `sleep` drive the
    rate limit and the backoff (a fake pair in tests); `requests_made` records (clock time, host, url) of every
    request sent, robots.txt included."""

    def __init__(self, config: FetchConfig = FetchConfig(), *, session: requests.Session | None = None,
                 clock: Callable[[], float] = time.monotonic, sleep: Callable[[float], None] = time.sleep):
        self.config = config
        self.session = session or requests.Session()
        self.session.headers["User-Agent"] = config.user_agent
        self.clock, self.sleep = clock, sleep
        self.limiter = _RateLimiter(config.min_interval, clock, sleep)
        self.robots: dict[str, RobotFileParser | str] = {}
        self.requests_made: list[tuple[float, str, str]] = []

    def close(self) -> None:
        self.session.close()

    def __enter__(self) -> "Fetcher":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # one request ---------------------------------------------------------------------------------------------
    def _once(self, url: str, headers: dict[str, str]) -> tuple[int, requests.structures.CaseInsensitiveDict, bytes]:
        """One GET: (status, headers, body). The body is read only for a 200, within the size and time limits."""
        host = _host(url)
        at = self.limiter.wait(host)
        self.requests_made.append((at, host, url))
        cfg = self.config
        started = time.monotonic()
        try:
            resp = self.session.get(url, headers=headers, stream=True, allow_redirects=False,
                                    timeout=(cfg.timeout, cfg.timeout))
        except requests.Timeout:
            raise FetchError(f"timed out after {cfg.timeout:g} s", retry=True) from None
        except requests.ConnectionError as exc:
            raise FetchError(f"connection failed: {_short(exc)}", retry=True) from None
        except requests.RequestException as exc:  # an invalid URL, a bad scheme: trying again will not help
            raise FetchError(f"{type(exc).__name__}: {_short(exc)}") from None
        with resp:
            if resp.status_code != 200:
                return resp.status_code, resp.headers, b""
            size = resp.headers.get("Content-Length", "")
            if size.isdigit() and int(size) > cfg.max_bytes:
                raise FetchError(f"too large: {size} bytes, over the limit of {cfg.max_bytes}")
            chunks, got = [], 0
            try:
                for chunk in resp.iter_content(65536):
                    got += len(chunk)
                    if got > cfg.max_bytes:
                        raise FetchError(f"too large: over the limit of {cfg.max_bytes} bytes")
                    if time.monotonic() - started > cfg.total_timeout:
                        raise FetchError(f"timed out: the response took over {cfg.total_timeout:g} s", retry=True)
                    chunks.append(chunk)
            except requests.RequestException as exc:
                raise FetchError(f"the response broke off: {_short(exc)}", retry=True) from None
            return 200, resp.headers, b"".join(chunks)

    def _with_retries(self, url: str, headers: dict[str, str]):
        cfg = self.config
        for attempt in range(1, max(1, cfg.attempts) + 1):
            wait = None
            try:
                status, hdrs, body = self._once(url, headers)
                if status not in RETRY_STATUS:
                    return status, hdrs, body
                problem = FetchError(f"HTTP {status}", retry=True)
                wait = _retry_after(hdrs.get("Retry-After"))
            except FetchError as exc:
                if not exc.retry:
                    raise
                problem = exc
            if attempt == max(1, cfg.attempts):
                raise FetchError(f"{problem} ({attempt} attempt{'s' if attempt > 1 else ''})")
            self.sleep(min(cfg.backoff_max, wait if wait is not None else cfg.backoff * 2 ** (attempt - 1)))
        raise AssertionError("unreachable")

    # robots.txt ----------------------------------------------------------------------------------------------
    def _robots_for(self, url: str) -> RobotFileParser | str:
        """The site's rules, or the reason nothing there may be fetched. Read once per site."""
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin in self.robots:
            return self.robots[origin]
        target, rules = origin + "/robots.txt", None
        try:
            for _ in range(self.config.max_redirects + 1):
                status, hdrs, body = self._with_retries(target, {})
                if status in REDIRECT_STATUS and hdrs.get("Location"):
                    target = urljoin(target, hdrs["Location"])
                    continue
                break
            else:
                status = 599
            if status == 200:
                rules = RobotFileParser(target)
                rules.parse(body.decode("utf-8", errors="replace").splitlines())
            elif status in (401, 403):
                rules = f"robots.txt of {parts.netloc} answers HTTP {status}: the site is not fetched"
            elif 400 <= status < 500:
                rules = RobotFileParser(target)
                rules.parse([])  # no robots.txt: everything allowed
            else:
                rules = f"robots.txt of {parts.netloc} unreachable (HTTP {status}): the site is not fetched"
        except FetchError as exc:
            rules = f"robots.txt of {parts.netloc} unreachable ({exc}): the site is not fetched"
        if isinstance(rules, RobotFileParser):
            delay = rules.crawl_delay(self.config.user_agent)
            if delay:
                self.limiter.delay[_host(url)] = min(float(delay), self.config.max_crawl_delay)
        self.robots[origin] = rules
        return rules

    def allowed(self, url: str) -> str | None:
        """None if robots.txt lets us fetch url, else why not."""
        rules = self._robots_for(url)
        if isinstance(rules, str):
            return rules
        if not rules.can_fetch(self.config.user_agent, url):
            return f"robots.txt of {urlsplit(url).netloc} disallows {urlsplit(url).path or '/'}"
        return None

    # a page --------------------------------------------------------------------------------------------------
    def get(self, url: str, etag: str | None = None, last_modified: str | None = None) -> FetchResult:
        """Fetch one page (conditionally when etag / last_modified are given). Never raises for a failed page."""
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        current = url
        try:
            if urlsplit(url).scheme not in ("http", "https"):
                raise FetchError(f"not an http(s) URL: {url[:80]}")
            for hop in range(self.config.max_redirects + 1):
                why = self.allowed(current)
                if why:
                    raise FetchError(why, status="refused")
                status, hdrs, body = self._with_retries(current, headers)
                if status in REDIRECT_STATUS:
                    if not hdrs.get("Location"):
                        raise FetchError(f"HTTP {status} without a Location")
                    current = urljoin(current, hdrs["Location"])
                    if urlsplit(current).scheme not in ("http", "https"):
                        raise FetchError(f"redirected to a non-http(s) URL: {current[:80]}")
                    continue
                break
            else:
                raise FetchError(f"more than {self.config.max_redirects} redirects")
        except FetchError as exc:
            return FetchResult(url, exc.status, detail=str(exc), final_url=current)
        meta = {"etag": hdrs.get("ETag"), "last_modified": hdrs.get("Last-Modified")}
        if status == 304:
            return FetchResult(url, "unchanged", detail="not modified (HTTP 304)", final_url=current, extra=meta)
        if status != 200:
            return FetchResult(url, "failed", detail=f"HTTP {status}", final_url=current)
        suffix, note = format_of(hdrs.get("Content-Type"), body)
        if suffix is None:
            return FetchResult(url, "failed", detail=note, content_type=hdrs.get("Content-Type"), final_url=current)
        return FetchResult(url, "fetched", detail=note, sha256=hashlib.sha256(body).hexdigest(),
                           content_type=hdrs.get("Content-Type"), final_url=current,
                           extra={**meta, "suffix": suffix, "body": body})


# the source list ---------------------------------------------------------------------------------------------

def _load_state(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    except (OSError, ValueError):
        return {}


def _save_state(path: Path, state: dict) -> None:
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    tmp.write_text(json.dumps(state, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    os.replace(tmp, path)


def _safe_name(name: str, out_dir: Path) -> bool:
    p = Path(name)
    if not name or p.is_absolute() or name.startswith(("/", "\\")) or ".." in p.parts or p.name.startswith("."):
        return False
    try:
        (out_dir / p).resolve().relative_to(out_dir.resolve())
    except (ValueError, OSError):
        return False
    return not (out_dir / p).is_symlink()


def name_for(url: str) -> str:
    """A file name for a URL that has no row file yet: host and last path segment, ASCII, and a short hash."""
    parts = urlsplit(url)
    last = [s for s in parts.path.split("/") if s]
    stem = re.sub(r"[^a-z0-9]+", "-", f"{publisher_of(url)}_{last[-1] if last else ''}".lower())
    stem = re.sub(r"\.(html?|aspx?|php|pdf|docx?|txt)$", "", stem.strip("-"))
    return f"{stem[:60].strip('-')}_{hashlib.sha1(url.encode()).hexdigest()[:8]}"


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.part")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def fetch_sources(sources: Path, out_dir: Path | None = None, *, restated: bool = False,
                  only: Iterable[str] | None = None, config: FetchConfig = FetchConfig(),
                  fetcher: Fetcher | None = None, today: datetime.date | None = None,
                  progress: Callable[[FetchResult], None] | None = None) -> list[FetchResult]:
    """Fetch the rows of a source list (raw/manifest.csv) that have a URL into out_dir (default: the list's
    folder) and record what was retrieved in the list. Restatement rows are skipped: raw/ holds our text, not the
    page. With restated=True only those are fetched, into out_dir (which must not be the list's folder), with a
    manifest.csv of their own there: a folder `coopdata build --raw` reads, built from the pages themselves.
    `only` keeps the rows named by file, source_id or URL. Returns one result per row considered."""
    sources = Path(sources)
    home = sources.parent
    out_dir = Path(out_dir) if out_dir else home
    if restated and out_dir.resolve() == home.resolve():
        raise ValueError("the pages our restatements restate are not written into the folder of the restatements")
    rows, columns = read_sources(sources)
    before = json.dumps(rows, sort_keys=True)
    for r in rows:  # every row of the list has its id
        r["source_id"] = r.get("source_id") or new_source_id(r)
    wanted = set(only or ())
    target_list = out_dir / "manifest.csv" if restated else sources
    if restated:
        out_dir.mkdir(parents=True, exist_ok=True)
        out_rows, out_columns = read_sources(target_list)
        before = json.dumps(out_rows, sort_keys=True)
    else:
        out_rows, out_columns = rows, columns
    state_path = out_dir / STATE_FILE
    state = _load_state(state_path)
    state_before = json.dumps(state, sort_keys=True)
    day = (today or datetime.date.today()).isoformat()
    own = fetcher is None
    fetcher = fetcher or Fetcher(config)
    results: list[FetchResult] = []

    def done(res: FetchResult) -> None:
        results.append(res)
        if progress is not None:
            progress(res)
    taken = {r.get("file") for r in out_rows if r.get("file")}
    try:
        for row in rows:
            url = row.get("source_url", "")
            keys = {row.get("file", ""), row.get("source_id", ""), url}
            if wanted and not wanted & keys:
                continue
            is_restatement = row.get("kind") == "restatement"
            sid = row["source_id"]
            if not url:
                done(FetchResult("", "skipped", row.get("file"), "no source_url", source_id=sid))
                continue
            if is_restatement != restated:
                why = ("a restatement: raw/ holds our own text; --restated DIR fetches the page it restates"
                       if is_restatement else "not a restatement")
                done(FetchResult(url, "skipped", row.get("file"), why, source_id=sid))
                continue
            if restated:
                dest_row = next((r for r in out_rows if r.get("source_id") == sid), None)
                if dest_row is None:
                    stem = Path(row["file"]).stem if row.get("file") else name_for(url)
                    dest_row = {"file": "", "source_url": url, "kind": "original", "source_id": sid,
                                "province": row.get("province", ""), "province_reason": row.get("province_reason", ""),
                                "publisher": row.get("publisher", ""), "issuer": row.get("issuer", ""),
                                "doc_number": row.get("doc_number", ""), "doc_date": row.get("doc_date", ""),
                                "notes": f"the page restated by {row.get('file')} in {home.name}/", "_stem": stem}
                    out_rows.append(dest_row)
            else:
                dest_row = row
            old_name = dest_row.get("file", "")
            if old_name and not _safe_name(old_name, out_dir):
                done(FetchResult(url, "failed", old_name, "unsafe file name in the source list: not "
                                                                    "written", source_id=sid))
                continue
            known = state.get(url, {})
            have = old_name and (out_dir / old_name).is_file() and known.get("file") == old_name and \
                known.get("sha256") and sha256_file(out_dir / old_name) == known["sha256"]
            res = fetcher.get(url, known.get("etag") if have else None, known.get("last_modified") if have else None)
            res.source_id, res.file = sid, old_name or None
            if res.status == "fetched":
                body, suffix = res.extra.pop("body"), res.extra.pop("suffix")
                stem = Path(old_name).stem if old_name else dest_row.pop("_stem", None) or name_for(url)
                parent = Path(old_name).parent if old_name else Path()
                name = (parent / f"{stem}{suffix}").as_posix()
                if name != old_name and name in taken:
                    res.status, res.detail = "failed", f"would overwrite {name}, named by another row"
                elif not _safe_name(name, out_dir):
                    res.status, res.detail = "failed", f"unsafe file name {name}: not written"
                else:
                    path = out_dir / name
                    if path.is_file() and sha256_file(path) == res.sha256:
                        res.status = "unchanged"
                        res.detail = "same bytes as before" + (f"; {res.detail}" if res.detail else "")
                    else:
                        _write(path, body)
                    if old_name and name != old_name and (out_dir / old_name).is_file() and \
                            known.get("file") == old_name:
                        (out_dir / old_name).unlink()  # our earlier download, now in another format
                    taken.add(name)
                    res.file = name
                    dest_row.pop("_stem", None)
                    dest_row.update(file=name, sha256=res.sha256, sha256_note="", retrieved=day, source_id=sid)
                    dest_row["publisher"] = dest_row.get("publisher") or publisher_of(res.final_url or url)
                    state[url] = {"file": name, "sha256": res.sha256, "etag": res.extra.get("etag"),
                                  "last_modified": res.extra.get("last_modified"), "content_type": res.content_type,
                                  "final_url": res.final_url, "checked": day}
            elif res.status == "unchanged":
                res.sha256 = known.get("sha256")
                state[url] = {**known, "checked": day,
                              **{k: v for k, v in res.extra.items() if v and k in ("etag", "last_modified")}}
                dest_row.update(source_id=sid)
            elif not (old_name and (out_dir / old_name).is_file()) and not dest_row.get("sha256_note"):
                dest_row["sha256_note"] = f"not fetched: {res.detail}"
            done(res)
    finally:
        if own:
            fetcher.close()
        for r in out_rows:
            r.pop("_stem", None)
        kept = [r for r in out_rows if r.get("file") or not restated]  # a page never fetched leaves no row
        if json.dumps(kept, sort_keys=True) != before or (restated and not target_list.exists()):
            write_sources(target_list, kept, out_columns)
        if json.dumps(state, sort_keys=True) != state_before:
            _save_state(state_path, state)
    return results
