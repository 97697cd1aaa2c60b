"""The release's pages: an overview (index.html), one page per province and one per plan.

Static HTML from the Jinja2 templates in coopdata/templates/ (autoescaped), no scripts, no network: every target is
shown with its value, year and comparator beside the paragraph it was read from, the evidence span highlighted, so a
reader who doubts a number is one click from its sentence. The review table's facts (target_candidates) are listed
apart on the same plan page, marked as unconfirmed.
"""
from __future__ import annotations

import collections
import itertools
import os
import re
import shutil
from pathlib import Path

import jinja2
import polars as pl

__all__ = ["overview_html", "write_site", "EXAMPLE_QUERIES", "CONTEXT_CHARS"]

EXAMPLE_QUERIES = [
    ("Cooperative targets for 2030, latest per province",
     "SELECT province_name, comparator, value_low, value_high, doc_number\nFROM latest_targets\n"
     "WHERE metric = 'coops' AND target_year = 2030 AND unit = 'count' AND sector IS NULL AND qualifier IS NULL\n"
     "ORDER BY value_low DESC;"),
    ("Provinces against the national goal (20-NQ/TW)",
     "SELECT metric, target_year, national_value, provincial_value, ratio_to_national, provinces_contributing\n"
     "FROM provinces_vs_national;"),
    ("Where data is missing",
     "SELECT province_name, gap FROM coverage_gaps;"),
]

# characters of the paragraph shown on each side of an evidence span (a longer paragraph is cut at a word, with …)
CONTEXT_CHARS = 320
UNKNOWN = "unknown"  # provinces/unknown.html: national texts and plans whose province was not found
FACT_COLUMNS = ["target_id", "plan_id", "source_file", "metric", "comparator", "value_low", "value_high", "unit",
                "frequency", "target_year", "period_start", "period_end", "sector", "qualifier", "char_start",
                "char_end", "rule", "confidence", "reasons", "review_reason", "published"]

COMPARATORS = {"eq": "=", "approx": "about", "gt": "more than", "gte": "at least", "lt": "less than",
               "lte": "at most", "range": "between"}
UNITS = {"count": "", "percent": "%", "percent_per_year": "% a year", "vnd": "đồng", "times": "times"}

_ENV = jinja2.Environment(loader=jinja2.PackageLoader("coopdata", "templates"), autoescape=True,
                          undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def _size(n: int) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n} B"


def _number(v: float | None) -> str:
    if v is None:
        return ""
    if float(v).is_integer():
        return f"{v:,.0f}"
    return f"{v:,.2f}".rstrip("0").rstrip(".")


def _value(fact) -> str:
    """'1,200', '15–20 %', '4,200,000,000 đồng' (fact: a row with attributes, see _rows)."""
    low, high = fact.value_low, fact.value_high
    v = _number(low) if high is None or high == low else f"{_number(low)}–{_number(high)}"
    unit = UNITS.get(fact.unit, fact.unit)
    return f"{v} {unit}".strip() if unit != "%" else f"{v} %"


def _headline(fact) -> str:
    """'at least 1,200', 'about 15 %': the comparator in words (none for eq), then the value."""
    words = "" if fact.comparator == "eq" else COMPARATORS.get(fact.comparator, fact.comparator)
    return f"{words} {_value(fact)}".strip()


def _when(fact) -> str:
    """The year or period a target is for: '2030', 'each year 2021–2025', 'total 2021–2025'."""
    period = (f"{fact.period_start or '…'}–{fact.period_end or '…'}" if fact.period_start or fact.period_end else "")
    if fact.frequency == "annual":
        return f"each year {period}".strip()
    if fact.frequency == "period_total":
        return f"total {period or fact.target_year or ''}".strip()
    return str(fact.target_year) if fact.target_year is not None else "no year stated"


def _rows(df: pl.DataFrame):
    """The frame's rows as named tuples: templates read their fields as attributes, Jinja2's fast path."""
    return map(collections.namedtuple("Row", df.columns)._make, df.iter_rows())


def _safe_url(url: str | None) -> str | None:
    """Only http(s) links become hrefs; anything else (javascript:, data:, a bare path) is shown as text."""
    return url if url and re.match(r"^https?://", url, re.IGNORECASE) else None


_ENV.filters.update(number=_number, value=_value, headline=_headline, when=_when, size=_size)
_ENV.globals.update(safe_url=_safe_url)


def _bar_chart(rows: list[dict]) -> dict | None:
    """Geometry of the 2030 cooperative-targets chart: one bar per province, linked to its page."""
    if not rows:
        return None
    width, bar_h, left = 640, 18, 150
    top = max(r["value"] for r in rows) or 1
    bars = [{**r, "y": i * bar_h + 5, "w": max(1, int(width * r["value"] / top))} for i, r in enumerate(rows)]
    return {"width": width + left + 60, "height": bar_h * len(rows) + 10, "left": left, "bar_h": bar_h, "bars": bars}


def _accuracy(quality: dict | None) -> list[dict]:
    """The trust table: the tuned gold beside the real pages, each labelled for what it is."""
    if not quality:
        return []
    rows = []
    for name, e in quality.get("sets", {}).items():
        if "targets" in e:
            c, s = e["targets"]["core"], e["targets"]["strict"]
            rows.append({"name": f"{name} (gold the rules were tuned on)", "docs": e["targets"]["documents"],
                         "core": c, "strict_f1": s["f1"]})
    r = quality.get("realdev")
    if r:
        o = r.get("out_of_fold")
        if o:
            rows.append({"name": f"real pages, each scored by a model that saw no text of its province (measured "
                                 f"{r['measured']})", "docs": r["pages"], "core": o, "strict_f1": None})
        rows.append({"name": f"real pages, the shipped model (trained on them too; measured {r['measured']})",
                     "docs": r["pages"], "core": r["core"], "strict_f1": r["strict"]["f1"]})
    u = quality.get("unseen_blind")
    if u:
        rows.append({"name": f"real pages of provinces the rules have not seen, annotated blind, first score (the figure "
                             f"to expect on a new province; measured {u['measured']})", "docs": u["all"]["pages"],
                     "core": u["all"], "strict_f1": None})
    return rows


def _page_code(code: str | None) -> str:
    return code if code else UNKNOWN


def overview_html(root: Path, version: str, tables: dict[str, pl.DataFrame], files: list[str],
                  quality: dict | None = None) -> str:
    """root: the release folder (to read file sizes); files: paths relative to it, to link; quality: extraction.json.

    Links to provinces/<code>.html and provinces/unknown.html, which write_site writes beside it.
    """
    plans, targets, coverage = tables["plans"], tables["targets"], tables["coverage"]
    meta = plans.select("plan_id", "admin_level", "issue_date", "province_name", "province_code")
    coops = (targets.drop("province_code", strict=False).filter(
        pl.col("metric") == "coops", pl.col("target_year") == 2030, pl.col("unit") == "count",
        pl.col("sector").is_null(), pl.col("frequency") == "once", pl.col("qualifier").is_null()  # the plan's total
    ).join(meta, on="plan_id")
        .filter(pl.col("admin_level") == "province", pl.col("province_name").is_not_null())
        .sort(["issue_date", "plan_id", "char_start"], descending=[True, False, False], nulls_last=True,
              maintain_order=True)
        .group_by("province_name", maintain_order=True).first().sort("value_low", descending=True))
    chart = _bar_chart([{"name": r["province_name"], "value": r["value_low"], "code": r["province_code"]}
                        for r in coops.iter_rows(named=True)])
    with_targets = coverage.filter(pl.col("targets") > 0).height
    with_plans = coverage.filter(pl.col("plans") > 0).height
    grid = [{**r, "state": "t" if r["targets"] else ("p" if r["plans"] else "n")}
            for r in coverage.sort("province_code").iter_rows(named=True)]
    links = [{"path": f, "size": _size((root / f).stat().st_size) if (root / f).exists() else "metadata"} for f in files]
    n_unknown = plans.filter(pl.col("province_code").is_null()).height
    candidates = tables.get("target_candidates")
    return _ENV.get_template("index.html.j2").render(
        version=version, n_plans=plans.height, n_targets=targets.height, n_deadlines=tables["deadlines"].height,
        n_candidates=candidates.height if candidates is not None else 0,
        with_targets=with_targets, with_plans=with_plans, chart=chart, accuracy=_accuracy(quality), grid=grid,
        n_unknown=n_unknown, unknown=UNKNOWN, links=links, queries=EXAMPLE_QUERIES)


def _in_paragraph(text: str, start: int, end: int, width: int) -> tuple[str, str, str]:
    """(before, span, after): text[start:end] and the rest of its paragraph on either side, at most `width`
    characters each way (cut at a word, with …, where the paragraph goes on)."""
    w0 = max(0, start - width)
    before, span, after = text[w0:start], text[start:end], text[end:end + width]
    nl = before.rfind("\n")
    if nl >= 0:
        before = before[nl + 1:]
    elif w0 > 0:
        sp = before.find(" ")
        before = "…" + (before[sp + 1:] if 0 <= sp < len(before) - 1 else before)
    nl = after.find("\n")
    if nl >= 0:
        after = after[:nl]
    elif end + width < len(text):
        sp = after.rfind(" ")
        after = (after[:sp] if sp > 0 else after) + "…"
    return before, span, after


def _touched_provinces(previous: Path, plans: pl.DataFrame, coverage: pl.DataFrame, changed: frozenset[str]) -> set:
    """Province codes whose page may differ from the previous release's: those of the changed files' plans, before
    and after, and those whose coverage row changed."""
    files = sorted(changed)
    before = pl.read_parquet(previous / "parquet" / "plans.parquet", columns=["source_file", "province_code"])
    codes = set(before.filter(pl.col("source_file").is_in(files))["province_code"])
    codes |= set(plans.filter(pl.col("source_file").is_in(files))["province_code"])
    old = pl.read_parquet(previous / "parquet" / "coverage.parquet")
    if old.schema != coverage.schema:
        return codes | set(coverage["province_code"]) | set(plans["province_code"])
    old_rows = {r["province_code"]: r for r in old.iter_rows(named=True)}
    codes |= {r["province_code"] for r in coverage.iter_rows(named=True) if old_rows.get(r["province_code"]) != r}
    return codes | (set(old_rows) ^ set(coverage["province_code"]))


def _link(old: Path, new: Path) -> int | None:
    """new as a hard link to old (releases never rewrite a file in place), or a copy where links are refused;
    the file's size, or None when old is not there."""
    try:
        size = old.stat().st_size
    except OSError:
        return None
    try:
        os.link(old, new)
    except OSError:
        shutil.copyfile(old, new)
    return size


def _facts(targets: pl.DataFrame, candidates: pl.DataFrame | None) -> pl.DataFrame:
    """Published targets and review-table facts in one frame (the shown columns); sorted by plan, then text."""
    published = targets.with_columns(pl.lit(None, pl.Utf8).alias("review_reason"), pl.lit(True).alias("published"))
    parts = [published.select(FACT_COLUMNS)]
    if candidates is not None and candidates.height:
        parts.append(candidates.with_columns(pl.lit(False).alias("published")).select(FACT_COLUMNS))
    return (pl.concat(parts, how="vertical_relaxed")
            .sort(["plan_id", "published", "char_start", "target_id"], descending=[False, True, False, False]))


def write_site(root: Path, version: str, tables: dict[str, pl.DataFrame | pl.LazyFrame], files: list[str],
               quality: dict | None = None, width: int = CONTEXT_CHARS, reuse: Path | None = None,
               changed: frozenset[str] = frozenset()) -> dict:
    """Write index.html, site.css, provinces/<code>.html (and unknown.html) and plans/<plan_id>.html under root.

    tables: plans, targets, target_candidates, deadlines, coverage, provinces and documents (DataFrames or, for
    documents, a LazyFrame: only source_file and text are read). targets and target_candidates need only
    FACT_COLUMNS (and what the overview reads: value_low, metric, unit, ...). Returns counts and bytes written.

    reuse: the previous release's folder, when this release's tables are that release's with only the rows of
    the files in `changed` replaced. A plan page depends on its own file's rows alone, so the page of every other
    plan is linked from there (the same bytes) instead of rendered: adding one file to 10 000 renders one page.
    """
    plans, targets, coverage = tables["plans"], tables["targets"], tables["coverage"]
    candidates = tables.get("target_candidates")
    provinces = tables["provinces"]
    written = {"index": 0, "provinces": 0, "plans": 0, "css": 0}
    counts = {"provinces": 0, "plans": 0}
    for folder in ("plans", "provinces"):
        (root / folder).mkdir(parents=True, exist_ok=True)

    def write(rel: str, text: str, kind: str) -> None:
        data = text.encode("utf-8")
        (root / rel).write_bytes(data)
        written[kind] += len(data)

    write("site.css", _ENV.loader.get_source(_ENV, "site.css")[0], "css")
    write("index.html", overview_html(root, version, tables, files, quality), "index")

    # plan pages: one at a time, from facts sorted by plan (only one plan's rows are Python objects at a time);
    # a text is a Python string only while its plan's page renders, and each span is sliced from it
    n_candidates: dict[str, int] = {}
    if candidates is not None and candidates.height:
        n_candidates = dict(candidates.group_by("plan_id").len().iter_rows())
    render = plans
    if reuse is not None:
        linked = []
        for plan_id in plans.filter(~pl.col("source_file").is_in(sorted(changed)))["plan_id"]:
            rel = f"plans/{plan_id}.html"
            size = _link(reuse / rel, root / rel)
            if size is not None:  # else: not in the previous release after all, rendered below
                linked.append(plan_id)
                written["plans"] += size
                counts["plans"] += 1
        render = plans.filter(~pl.col("plan_id").is_in(linked))
    ids = render["plan_id"]
    facts = _facts(targets.filter(pl.col("plan_id").is_in(ids.to_list())),
                   candidates.filter(pl.col("plan_id").is_in(ids.to_list())) if candidates is not None else None)
    docs = (tables["documents"].lazy().select("source_file", "text")
            .filter(pl.col("source_file").is_in(render["source_file"].to_list())).collect())
    doc_row = {f: i for i, f in enumerate(docs["source_file"])}
    doc_text = docs.get_column("text")
    plan_rows = {p.plan_id: p for p in _rows(render)}
    plan_tpl = _ENV.get_template("plan.html.j2")
    by_plan = itertools.groupby(_rows(facts), key=lambda r: r.plan_id)
    seen = set()
    for plan_id, rows in itertools.chain(by_plan, ((p, iter(())) for p in plan_rows)):
        if plan_id in seen or plan_id not in plan_rows:
            continue
        seen.add(plan_id)
        plan = plan_rows[plan_id]
        texts: dict[str, str] = {}
        published, unconfirmed = [], []
        for r in rows:
            if r.source_file not in texts:
                texts[r.source_file] = doc_text[doc_row[r.source_file]] if r.source_file in doc_row else ""
            shown = (r, _in_paragraph(texts[r.source_file], r.char_start, r.char_end, width))
            (published if r.published else unconfirmed).append(shown)
        write(f"plans/{plan_id}.html", plan_tpl.render(
            version=version, plan=plan, province_page=_page_code(plan.province_code),
            sections=[("targets", published), ("unconfirmed", unconfirmed)]), "plans")
        counts["plans"] += 1

    # province pages: one for each of the 63, and provinces/unknown.html for the plans with no province
    names = {r["province_code"]: r for r in provinces.iter_rows(named=True)}
    cov = {r["province_code"]: r for r in coverage.iter_rows(named=True)}
    meta = plans.select("plan_id", "source_file", "title", "doc_number", "doc_type", "issue_date", "admin_level",
                        "locality", "province_code", "source_kind", "n_targets")
    prov_targets = (targets.select("target_id", "plan_id", "metric", "comparator", "value_low", "value_high", "unit",
                                   "frequency", "target_year", "period_start", "period_end", "sector", "qualifier",
                                   "confidence")
                    .join(meta.select("plan_id", "province_code", "doc_number", "issue_date"), on="plan_id")
                    .sort(["metric", "target_year", "issue_date", "target_id"], descending=[False, False, True, False],
                          nulls_last=True))
    tpl = _ENV.get_template("province.html.j2")
    plans_by = meta.sort(["issue_date", "plan_id"], descending=[True, False], nulls_last=True).partition_by(
        "province_code", as_dict=True, maintain_order=True)
    targets_by = prov_targets.partition_by("province_code", as_dict=True, maintain_order=True)
    found = {k[0] for k in plans_by}
    codes = sorted((set(names) | found) - {None}) + ([None] if None in found else [])
    if reuse is not None:  # a province page depends on its own plans, facts and coverage row only
        touched = _touched_provinces(reuse, plans, coverage, changed)
        for code in [c for c in codes if c not in touched]:
            rel = f"provinces/{_page_code(code)}.html"
            size = _link(reuse / rel, root / rel)
            if size is not None:
                written["provinces"] += size
                counts["provinces"] += 1
                codes.remove(code)
    for code in codes:
        p_plans = [{**r, "n_candidates": n_candidates.get(r["plan_id"], 0)}
                   for r in (plans_by[(code,)].iter_rows(named=True) if (code,) in plans_by else [])]
        p_targets = list(_rows(targets_by[(code,)])) if (code,) in targets_by else []
        write(f"provinces/{_page_code(code)}.html", tpl.render(
            version=version, code=code, province=names.get(code), coverage=cov.get(code), plans=p_plans,
            targets=p_targets, unknown=code is None), "provinces")
        counts["provinces"] += 1
    return {"pages": 1 + counts["provinces"] + counts["plans"], "plan_pages": counts["plans"],
            "province_pages": counts["provinces"], "bytes": sum(written.values()),
            **{f"bytes/{k}": v for k, v in written.items()}}
