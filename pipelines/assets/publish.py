"""Publish: extraction quality, a staged release, its quality gate and overview page, then the atomic switch."""
import datetime as dt
import json
from pathlib import Path

import dagster as dg
import polars as pl

from coopdata.incremental import code_fingerprint
from coopdata.preview import markdown_preview
from coopdata.publish import (content_hash, promote, read_previous, record_published, reusable_release, stage_release,
                              table_comments)
from coopdata.quality import markdown_summary, quality_report
from coopdata.release import changelog_markdown, changes_frame, data_dictionary, datapackage, release_version
from coopdata.site import write_site
from coopdata.views import VIEWS
from schemas import TABLES

from ..resources import CoopdataPaths

PUBLISHED = ["plans", "targets", "target_candidates", "deadlines", "quarantine", "documents", "metrics", "provinces", "provinces_2025",
             "coverage", "coverage_2025", "national_comparison", "changes"]


@dg.asset(group_name="publish", description="Precision and recall of the extracted facts against the project's "
          "hand-checked gold (tests/gold), overall, per field and per metric; published as quality/extraction.json.")
def extraction_quality(plans: pl.DataFrame, targets: pl.DataFrame, deadlines: pl.DataFrame,
                       paths: CoopdataPaths) -> dg.Output[dict]:
    report = quality_report(paths.gold(), plans, targets, deadlines)
    return dg.Output(report, metadata={"summary": dg.MetadataValue.md(markdown_summary(report))})


@dg.asset(group_name="publish", description="Every table written to a staging folder (Parquet, CSV with BOM, DuckDB "
          "with comments and views), with the version, the changes since the published release and the quality "
          "report. Nothing is visible to readers until `warehouse` switches to it.")
def release_staging(plans: pl.DataFrame, targets: pl.DataFrame, target_candidates: pl.DataFrame, deadlines: pl.DataFrame, quarantine: pl.DataFrame,
                    document_texts: pl.DataFrame, metrics: pl.DataFrame, provinces: pl.DataFrame,
                    provinces_2025: pl.DataFrame, coverage: pl.DataFrame, coverage_2025: pl.DataFrame,
                    national_comparison: pl.DataFrame, extraction_quality: dict, parse_delta: dict,
                    paths: CoopdataPaths) -> dg.Output[dict]:
    wh = paths.warehouse()
    reuse = reusable_release(wh, parse_delta["base"], code_fingerprint()) if parse_delta["mode"] == "patch" else None
    wh.mkdir(parents=True, exist_ok=True)
    (wh / "releases").mkdir(exist_ok=True)
    prev_version, prev_targets, prev_log = read_previous(wh)
    tables = {"plans": plans, "targets": targets, "target_candidates": target_candidates, "deadlines": deadlines,
              "quarantine": quarantine,
              "documents": document_texts, "metrics": metrics, "provinces": provinces,
              "provinces_2025": provinces_2025, "coverage": coverage, "coverage_2025": coverage_2025,
              "national_comparison": national_comparison}
    digest = content_hash(tables)
    version = release_version(digest)
    if prev_version == version:  # rebuilding the published data: keep its changes and changelog
        changes = pl.read_parquet(wh / "current" / "parquet" / "changes.parquet")
        log = prev_log
    else:
        changes = changes_frame(prev_targets, targets)
        log = changelog_markdown(version, prev_version, changes, prev_log)
    tables["changes"] = changes
    created = dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()
    quality = json.dumps({k: v for k, v in extraction_quality.items() if k != "gold_dir"}, ensure_ascii=False,
                         indent=1, sort_keys=True, default=str).encode("utf-8")
    staging = stage_release(wh, tables, digest[:12], comments=table_comments(TABLES), views=VIEWS,
                            extra_files={"quality/extraction.json": quality, "CHANGELOG.md": log.encode("utf-8"),
                                         "DATA_DICTIONARY.md": data_dictionary(TABLES, tables, version).encode("utf-8")},
                            release_row={"version": version, "created": created, "content_hash": digest})
    release_id = f"{version.replace('+', '_')}_{created.replace(':', '').replace('-', '')[:15]}"
    info = {"staging": str(staging), "release_id": release_id, "version": version, "created": created,
            "previous_version": prev_version, "previous_targets": prev_targets.height if prev_targets is not None else 0,
            "snapshot": parse_delta["snapshot"], "reuse": str(reuse) if reuse else None,
            "changed_files": list(parse_delta["changed"]) if reuse else None}
    counts = {k: changes.filter(pl.col("change") == k).height for k in ("added", "removed", "changed")}
    review = target_candidates["review_reason"]
    counts |= {"review/implausible": int(review.str.starts_with("implausible").sum()),
               "review/low_confidence": int(review.str.starts_with("low confidence").sum())}
    listing = pl.DataFrame({"table": list(tables), "rows": [t.height for t in tables.values()]})
    return dg.Output(info, metadata={"version": version, "previous_version": str(prev_version),
                                     "dagster/row_count": tables["targets"].height,
                                     "preview": dg.MetadataValue.md(markdown_preview(listing, rows=20)),
                                     **{(k if "/" in k else f"changes/{k}"): v for k, v in counts.items()},
                                     **{f"rows/{k}": v.height for k, v in tables.items()}})


@dg.asset(group_name="publish", description="index.html: a self-contained overview page (counts, the 2030 "
          "cooperative targets by province, coverage of the 63 provinces, files with sizes, example SQL), with a page "
          "per province (provinces/<code>.html, provinces/unknown.html) and per plan (plans/<plan_id>.html): every "
          "target beside the paragraph it was read from, the review table's facts apart, marked unconfirmed.")
def overview_page(release_staging: dict) -> dg.MaterializeResult:
    root = Path(release_staging["staging"])
    tables = {n: pl.read_parquet(root / "parquet" / f"{n}.parquet")
              for n in ("plans", "targets", "target_candidates", "deadlines", "coverage", "provinces")}
    tables["documents"] = pl.scan_parquet(root / "parquet" / "documents.parquet")  # only the shown windows are read out
    files = ["coopdata.duckdb", "datapackage.json", "DATA_DICTIONARY.md", "CHANGELOG.md", "quality/extraction.json",
             "quality/gate.html"] + [f"parquet/{n}.{ext}" for n in PUBLISHED for ext in ("parquet", "csv")]
    quality = json.loads((root / "quality" / "extraction.json").read_text(encoding="utf-8"))
    reuse = release_staging.get("reuse")
    written = write_site(root, release_staging["version"], tables, files, quality, reuse=Path(reuse) if reuse else None,
                         changed=frozenset(release_staging.get("changed_files") or ()))
    return dg.MaterializeResult(metadata={"bytes": written["bytes/index"], "pages": written["pages"],
                                          "pages/bytes": written["bytes"], "pages/plans": written["plan_pages"],
                                          "pages/provinces": written["province_pages"]})


@dg.asset(group_name="publish", deps=[overview_page], description="The release made public: datapackage.json with "
          "sha256 of every file, then one rename switches warehouse/current to it; the paths users rely on "
          "(warehouse/parquet/, coopdata.duckdb, datapackage.json, …) stay the same.")
def warehouse(release_staging: dict, paths: CoopdataPaths) -> dg.MaterializeResult:
    root = Path(release_staging["staging"])
    # the descriptor needs each table's columns, not its rows
    tables = {n: pl.DataFrame(schema=pl.read_parquet_schema(root / "parquet" / f"{n}.parquet")) for n in PUBLISHED}
    sources = [{"title": "Provincial plans and programmes, seed texts and restatements in raw/ (see plans.source_url)"},
               {"title": "vietnamadminunits 1.0.4 (MIT): provinces, 2025 units and crosswalk"}]
    package = datapackage(root, tables, TABLES, release_staging["version"], release_staging["created"], sources)
    (root / "datapackage.json").write_text(json.dumps(package, ensure_ascii=False, indent=1), encoding="utf-8")
    final = promote(paths.warehouse(), root, release_staging["release_id"])
    record_published(paths.warehouse(), final, release_staging.get("snapshot"), code_fingerprint())
    listing = pl.DataFrame({"file": [r["path"] for r in package["resources"]],
                            "bytes": [r["bytes"] for r in package["resources"]]})
    n_targets = pl.scan_parquet(final / "parquet" / "targets.parquet").select(pl.len()).collect().item()
    return dg.MaterializeResult(metadata={"release": final.name, "version": release_staging["version"],
                                          "path": str(paths.warehouse()), "dagster/row_count": n_targets,
                                          "preview": dg.MetadataValue.md(markdown_preview(listing, rows=20))})
