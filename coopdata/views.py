"""DuckDB views for the questions users ask; each has an example in the README."""
from __future__ import annotations

VIEWS: dict[str, str] = {
    # the most recent target of each province for each metric, year, unit, sector and qualifier (a rated part,
    # "45 HTX xếp loại khá", beside the plan's total, not in its place)
    "latest_targets": """
        SELECT * EXCLUDE (rn) FROM (
            SELECT t.*, p.province_name, p.admin_level, p.locality, p.doc_number, p.issue_date,
                   row_number() OVER (PARTITION BY t.province_code, t.metric, t.target_year, t.unit, t.frequency, t.sector,
                                                   t.qualifier
                                      ORDER BY p.issue_date DESC NULLS LAST, t.plan_id, t.char_start) AS rn
            FROM targets t JOIN plans p USING (plan_id)
            WHERE t.province_code IS NOT NULL)
        WHERE rn = 1""",
    # provinces with no plan, or plans but no target
    "coverage_gaps": """
        SELECT province_code, province_name, province_code_2025, plans, plans_with_targets, targets,
               CASE WHEN plans = 0 THEN 'no plan' ELSE 'no target' END AS gap, gap_reason, searched
        FROM coverage WHERE targets = 0 ORDER BY province_code""",
    "provinces_vs_national": """
        SELECT metric, target_year, unit, national_value, aggregation, provincial_value, ratio_to_national,
               provinces_contributing, provinces_missing, unit_value, unit_ratio_to_national, units_contributing,
               units_missing
        FROM national_comparison ORDER BY target_year, metric""",
    # targets rolled up by the 34 units of 2025: the old provinces' (pre-merger) and the unit's own (post-merger)
    "targets_by_unit_2025": """
        SELECT u.province_code_2025, u.province_name_2025, t.province_code, p.province_name,
               CASE WHEN starts_with(coalesce(pl.province_note, ''), '2025 unit: ') THEN 'post-merger'
                    ELSE 'pre-merger' END AS merger_basis,
               t.metric, t.comparator, t.value_low, t.value_high, t.unit, t.frequency, t.target_year, t.sector,
               pl.issue_date, t.source_file
        FROM targets t JOIN plans pl USING (plan_id)
        LEFT JOIN provinces p ON p.province_code = t.province_code
        JOIN provinces_2025 u ON u.province_code_2025 = t.province_code_2025""",
}
