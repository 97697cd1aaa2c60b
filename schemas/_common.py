"""Shared vocabularies for the published tables' checks."""
from __future__ import annotations

import csv
from functools import lru_cache
from importlib import resources

COMPARATORS = ["eq", "approx", "gt", "gte", "lt", "lte", "range"]
UNITS = ["count", "percent", "percent_per_year", "vnd", "times"]
FREQUENCIES = ["once", "annual", "period_total"]
SECTORS = ["agriculture", "non_agriculture", "credit", "transport", "industry_handicraft", "trade_services",
           "construction", "environment"]
RECURRENCES = ["once", "annual", "semiannual", "quarterly", "monthly", "continuous"]
PRECISIONS = ["day", "month", "quarter", "half", "year"]
ADMIN_LEVELS = ["national", "province", "district", "unknown"]
PROVINCE_SOURCES = ["header", "place_line", "title", "body", "districts", "masthead", "manifest"]
SOURCE_KINDS = ["original", "restatement"]


@lru_cache(maxsize=1)
def metric_codes() -> list[str]:
    with resources.files("coopdata.data").joinpath("metrics.csv").open(encoding="utf-8") as f:
        return [r["metric"] for r in csv.DictReader(f)]
