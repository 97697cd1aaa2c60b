"""Fetch: the sources listed in raw/manifest.csv downloaded into raw/ (coopdata/fetch.py).

A group of its own, `fetch`, run by the `fetch_sources` job and never by `build_all`: it needs the network, the
build does not. What it writes into raw/ the `raw_files_sensor` (or the next `coopdata build`) then parses.
"""
from collections import Counter

import dagster as dg

from coopdata.fetch import FetchConfig, fetch_sources
from coopdata.sources import sources_path

from ..resources import CoopdataPaths


class FetchRunConfig(dg.Config):
    """Politeness and limits of one fetch run (the defaults of `coopdata fetch`)."""

    delay: float = 2.0  # seconds between two requests to one host
    timeout: float = 30.0  # seconds to connect and per read
    attempts: int = 3  # tries per request, with exponential backoff
    only: list[str] = []  # rows to fetch, by file, source_id or URL (empty: every row with a URL)


@dg.asset(group_name="fetch", kinds={"python"},
          description="Downloads the rows of raw/manifest.csv that have a source_url into raw/ (restatements "
                      "excepted): robots.txt honoured, a per-host rate limit, retries with backoff, conditional "
                      "requests so an unchanged page is not downloaded again, the format from the content type, "
                      "the sha256 and date recorded in the manifest. A failed source is reported and the others "
                      "carry on. Needs the network; not part of build_all.")
def fetched_sources(context: dg.AssetExecutionContext, config: FetchRunConfig, paths: CoopdataPaths):
    cfg = FetchConfig(timeout=config.timeout, attempts=config.attempts, min_interval=config.delay)
    results = fetch_sources(sources_path(paths.raw()), only=config.only or None, config=cfg)
    counts = Counter(r.status for r in results)
    for r in results:
        if r.status in ("failed", "refused"):
            context.log.warning(f"{r.status}: {r.file or r.url}: {r.detail}")
    lines = ["| status | file | url | detail |", "|---|---|---|---|"] + [
        f"| {r.status} | {r.file or ''} | {r.url} | {r.detail.replace('|', '/')} |"
        for r in results if r.status != "skipped"]
    return dg.MaterializeResult(metadata={
        "dagster/row_count": len(results),
        **{s: counts.get(s, 0) for s in ("fetched", "unchanged", "failed", "refused", "skipped")},
        "results": dg.MetadataValue.md("\n".join(lines)),
    })
