"""The release's overview page: self-contained HTML (inline SVG, no scripts, no network)."""
from __future__ import annotations

import html
from pathlib import Path

import polars as pl

__all__ = ["overview_html", "EXAMPLE_QUERIES"]

EXAMPLE_QUERIES = [
    ("Cooperative targets for 2030, latest per province",
     "SELECT province_name, comparator, value_low, value_high, doc_number\nFROM latest_targets\n"
     "WHERE metric = 'coops' AND target_year = 2030 AND unit = 'count' AND sector IS NULL\nORDER BY value_low DESC;"),
    ("Provinces against the national goal (20-NQ/TW)",
     "SELECT metric, target_year, national_value, provincial_value, ratio_to_national, provinces_contributing\n"
     "FROM provinces_vs_national;"),
    ("Where data is missing",
     "SELECT province_name, gap FROM coverage_gaps;"),
]


def _size(n: int) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n} B"


def _bar_chart(rows: list[tuple[str, float]]) -> str:
    if not rows:
        return "<p>No province states a 2030 cooperative target yet.</p>"
    width, bar_h, left = 640, 18, 150
    top = max(v for _, v in rows) or 1
    h = bar_h * len(rows) + 10
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width + left + 60}" height="{h}" role="img" '
             f'aria-label="2030 cooperative targets by province">']
    for i, (name, v) in enumerate(rows):
        y = i * bar_h + 5
        w = max(1, int(width * v / top))
        parts.append(f'<text x="{left - 6}" y="{y + 13}" text-anchor="end" font-size="12">{html.escape(name)}</text>'
                     f'<rect x="{left}" y="{y + 2}" width="{w}" height="{bar_h - 5}" fill="#2f6f9f"/>'
                     f'<text x="{left + w + 4}" y="{y + 13}" font-size="12">{v:,.0f}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _coverage_grid(coverage: pl.DataFrame) -> str:
    cells = []
    for r in coverage.sort("province_code").iter_rows(named=True):
        state = "t" if r["targets"] else ("p" if r["plans"] else "n")
        title = f"{r['province_name']}: {r['plans']} plans, {r['targets']} targets"
        cells.append(f'<span class="c {state}" title="{html.escape(title)}">{html.escape(r["province_name"])}</span>')
    return '<div class="grid">' + "".join(cells) + "</div>"


def _accuracy(quality: dict | None) -> str:
    """The trust table: the tuned gold beside the real pages, each labelled for what it is."""
    if not quality:
        return ""
    rows = []
    for name, e in quality.get("sets", {}).items():
        if "targets" in e:
            c, s = e["targets"]["core"], e["targets"]["strict"]
            rows.append((f"{name} (gold the rules were tuned on)", e["targets"]["documents"], c, s["f1"]))
    r = quality.get("realdev")
    if r:
        rows.append((f"real pages nobody tuned for (measured {r['measured']})", r["pages"], r["core"], r["strict"]["f1"]))
    body = "".join(f"<tr><td>{html.escape(str(n))}</td><td>{d}</td><td>{c['precision']:.2f}</td><td>{c['recall']:.2f}</td>"
                   f"<td>{c['f1']:.2f}</td><td>{sf:.2f}</td></tr>" for n, d, c, sf in rows)
    return ("<h2>How far the facts can be trusted</h2><p class=\"muted\">Precision and recall of the published targets "
            "against hand-checked gold. Scores on real pages are the ones to expect on a new page; unsure facts are "
            "in <code>target_candidates</code>, not in <code>targets</code>.</p><table><tr><th>texts</th><th>docs</th>"
            f"<th>precision</th><th>recall</th><th>core F1</th><th>strict F1</th></tr>{body}</table>")


def overview_html(root: Path, version: str, tables: dict[str, pl.DataFrame], files: list[str],
                  quality: dict | None = None) -> str:
    """root: the release folder (to read file sizes); files: paths relative to it, to link; quality: extraction.json."""
    plans, targets, coverage = tables["plans"], tables["targets"], tables["coverage"]
    meta = plans.select("plan_id", "admin_level", "issue_date", "province_name")
    coops = (targets.filter(
        pl.col("metric") == "coops", pl.col("target_year") == 2030, pl.col("unit") == "count",
        pl.col("sector").is_null(), pl.col("frequency") == "once").join(meta, on="plan_id")
        .filter(pl.col("admin_level") == "province")
        .sort(["issue_date", "plan_id"], descending=[True, False], nulls_last=True)
        .group_by("province_name", maintain_order=True).first().sort("value_low", descending=True))
    chart = _bar_chart([(r["province_name"], r["value_low"]) for r in coops.iter_rows(named=True)])
    with_targets = coverage.filter(pl.col("targets") > 0).height
    with_plans = coverage.filter(pl.col("plans") > 0).height
    links = "".join(f'<li><a href="{html.escape(f)}">{html.escape(f)}</a> '
                    f'({_size((root / f).stat().st_size) if (root / f).exists() else "metadata"})</li>' for f in files)
    queries = "".join(f"<h3>{html.escape(t)}</h3><pre>{html.escape(q)}</pre>" for t, q in EXAMPLE_QUERIES)
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>coopdata {html.escape(version)}</title>
<style>
body{{font-family:system-ui,-apple-system,Segoe UI,sans-serif;max-width:980px;margin:2em auto;padding:0 1em;color:#1d2733;line-height:1.45}}
h1{{margin-bottom:.2em}} .muted{{color:#5b6776}} .stats span{{display:inline-block;margin:0 1.5em .5em 0;font-size:1.1em}}
.stats b{{font-size:1.6em;display:block}} pre{{background:#f3f5f8;padding:.8em;overflow-x:auto}}
.grid{{display:flex;flex-wrap:wrap;gap:4px}} .c{{font-size:11px;padding:3px 5px;border-radius:3px;color:#fff}}
.c.t{{background:#2f7d4f}} .c.p{{background:#c28b00}} .c.n{{background:#9aa4ae}}
</style></head><body>
<h1>coopdata</h1>
<p class="muted">Version {html.escape(version)} · Vietnam's collective-economy plans, targets and deadlines</p>
<p>Resolution 20-NQ/TW (16/6/2022) set national goals for cooperatives, cooperative groups and unions; every province
answered with its own programmes and plans. This dataset reads those texts and publishes their plans, quantified
targets and deadlines, each fact traceable to the characters of the text it came from.</p>
<div class="stats"><span><b>{plans.height}</b>plans</span><span><b>{targets.height}</b>targets</span>
<span><b>{tables['deadlines'].height}</b>deadlines</span><span><b>{with_targets} / 63</b>provinces with targets</span></div>
<h2>Cooperatives targeted for 2030, by province</h2>
<p class="muted">Latest province-level plan stating the number of cooperatives (all sectors) for 2030.</p>
{chart}
{_accuracy(quality)}
<h2>Coverage of the 63 provinces</h2>
<p class="muted">Green: targets published ({with_targets}); amber: plans without targets ({with_plans - with_targets});
grey: no plan yet ({63 - with_plans}). Provinces as they were until 30 June 2025.</p>
{_coverage_grid(coverage)}
<h2>Files</h2><ul>{links}</ul>
<h2>Example queries (DuckDB)</h2>
<p class="muted">Open <code>coopdata.duckdb</code> with the DuckDB CLI or Python and run:</p>
{queries}
</body></html>
"""
